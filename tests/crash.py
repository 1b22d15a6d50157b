"""The crash harness: stop a write command at every file-system step and look at what is left.

`MENTORLOG_CRASH_AT=N` makes mentorlog SIGKILL itself at its Nth step (`files._step`, called
before every write, fsync, rename, unlink and mkdir). Here each crash point runs in a forked
child (the same hook, set directly: no interpreter start-up per point), on a fresh copy of a
seeded home. After the kill we check, in the parent:

- every file still parses (`doctor --json` finds nothing broken);
- the store (a snapshot of every file, locks and temp files left out) equals the *before*
  or the *after* state of the operation: all-or-nothing;
- running the command again succeeds and leaves exactly the *after* state.

`python -m tests.crash` measures every command and prints the record kept in
tests/crash_record.toml (which crash points are half-done today, and where a rerun fails).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
import typer.main
import typer.testing
from typer.testing import CliRunner, Result

from mentorlog.cli.app import app
from mentorlog.core import files, ids
from mentorlog.core.files import temp_target
from mentorlog.core.store import Store
from tests.helpers import TODAY

MAX_POINTS = 400  # a command that has not finished by then is a harness bug
Snapshot = dict[str, bytes]


@dataclass(frozen=True)
class Command:
    name: str
    args: tuple[str, ...]


def _cmd(name: str, *args: str) -> Command:
    return Command(name, args)


COMMANDS = [
    _cmd("new-relationship", "new-relationship", "Linus Pauling", "--role", "peer",
         "--area", "writing", "--cadence", "monthly", "--no-input"),
    _cmd("edit", "edit", "ada", "--purpose", "Grow as a speaker", "--channel", "video",
         "--no-input"),
    _cmd("edit-slug", "edit", "ada", "--slug", "ada-l", "--no-input"),
    _cmd("rapport", "rapport", "ada", "--background", "Twenty years in maths",
         "--hopes", "A paper", "--no-input"),
    _cmd("direction", "direction", "ada", "--aspirations", "Lead a team",
         "--strengths", "Patience", "--goal", "Write a paper", "--goal", "Give a talk",
         "--no-input"),
    _cmd("goal-add", "goal", "add", "ada", "Learn Rust", "--no-input"),
    _cmd("goal-update", "goal", "update", "g1", "--progress", "70", "--note", "halfway",
         "--no-input"),
    _cmd("goal-done", "goal", "done", "g1", "--no-input"),
    _cmd("goal-drop", "goal", "drop", "g2", "--note", "not now", "--no-input"),
    _cmd("agreement", "agreement", "ada", "--agreed", "2026-03-14", "--no-input"),
    _cmd("recap", "recap", "ada", "--summary", "Talks and papers", "--action",
         "draft the abstract @me", "--action", "send the slides @partner", "--done", "a1",
         "--progress", "g1=80", "--no-input"),
    _cmd("done", "done", "a2", "a3", "--no-input"),
    _cmd("renegotiate", "renegotiate", "a2", "--due", "2026-04-30", "--text",
         "send a shorter CV", "--no-input"),
    _cmd("pause", "pause", "ada", "--until", "2026-06-01", "--reason", "exams", "--no-input"),
    _cmd("resume", "resume", "grace", "--no-input"),
    _cmd("close", "close", "ada", "--achieved", "A paper", "--learned", "Patience",
         "--drop-open", "--no-input"),
    _cmd("checkin", "checkin", "ada", "--rate", "listening=4", "--note",
         "listening=better", "--no-input"),
    _cmd("reflect", "reflect", "ada", "--set", "gratitude", "--answer", "the walk",
         "--no-input"),
    _cmd("network-want", "network", "want", "writing", "leadership", "--no-input"),
    _cmd("journey-add", "journey", "add", "First talk", "--date", "2024-05-01", "--why",
         "I found my voice", "--no-input"),
    _cmd("delete-recap", "delete", "recap", "ada/2026-03-10", "--yes", "--no-input"),
    _cmd("delete-relationship", "delete", "relationship", "grace", "--yes", "--no-input"),
    _cmd("restore", "restore", "@trash", "--no-input"),
    _cmd("import", "import", "@export", "--no-input"),
]  # fmt: skip


_COMMAND = typer.main.get_command(app)


def _built(_app: typer.Typer) -> object:
    return _COMMAND


def invoke(args: list[str]) -> Result:
    ids.reseed()  # every run starts the id sequence again (parent and forked children)
    return CliRunner().invoke(app, args)


def run_ok(*args: str) -> None:
    result = invoke(list(args))
    assert result.exit_code == 0, f"{args}: exit {result.exit_code}\n{result.output}"


@contextmanager
def using(home: Path) -> Iterator[None]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("MENTORLOG_HOME", str(home))
        patch.setenv("MENTORLOG_TODAY", TODAY)
        patch.setenv("NO_COLOR", "1")
        # New ids are random (core/ids.py): the same seed, restarted before every run,
        # makes the after state of a clean run and of a rerun comparable.
        patch.setenv("MENTORLOG_ID_SEED", "crash")
        ids.reseed()
        # A SIGKILL loses no written data (only power loss does): skip the slow fsyncs.
        patch.setattr(os, "fsync", lambda fd: None)
        # Typer builds its command tree on every invoke (~0.3 s): build it once.
        patch.setattr(typer.testing, "_get_command", _built)
        yield


def build_base(home: Path) -> None:
    """Two relationships with goals, open commitments on both, recaps and a trash entry."""
    with using(home):
        run_ok("new-relationship", "Ada Lovelace", "--slug", "ada", "--role", "mentee",
           "--started", "2026-01-01", "--no-input")  # fmt: skip
        run_ok("new-relationship", "Grace Hopper", "--slug", "grace", "--role", "mentor",
           "--started", "2026-01-01", "--no-input")  # fmt: skip
        run_ok("goal", "add", "ada", "Ship the thing", "--no-input")
        run_ok("goal", "add", "ada", "Read more", "--no-input")
        run_ok("recap", "ada", "--date", "2026-03-10", "--summary", "We talked", "--action",
           "send CV @me", "--action", "read the paper @both", "--progress", named(home, "g1=40"),
           "--no-input")  # fmt: skip
        run_ok("recap", "grace", "--date", "2026-03-11", "--summary", "Hello", "--action",
           "intro to Sam @partner", "--no-input")  # fmt: skip
        run_ok("pause", "grace", "--reason", "travel", "--no-input")
        run_ok("checkin", "ada", "--rate", "listening=3", "--no-input")
        run_ok("journey", "add", "Started", "--date", "2020-01-01", "--no-input")
        run_ok("network", "want", "python", "--no-input")
        run_ok("goal", "add", "grace", "Old goal", "--no-input")
        run_ok("delete", "goal", named(home, "g3"), "--yes", "--no-input")


def trash_id(home: Path) -> str:
    entries = sorted(p.name for p in (home / ".trash").iterdir() if not p.name.startswith("."))
    return entries[0]


_V1_NAME = re.compile(r"\b([ag])([0-9])\b")


def named(home: Path, arg: str) -> str:
    """The commands name goals and commitments as v1 numbered them (`g1`: the first goal
    made; ada's, then grace's); ids are random now, so look them up in the home."""
    if not _V1_NAME.search(arg):
        return arg
    store = Store(home)
    made = {
        "g": [g.id for slug in ("ada", "grace") for g in store.load_goals(slug).goals],
        "a": [a.id for slug in ("ada", "grace") for a in store.load_actions(slug).actions],
    }
    return _V1_NAME.sub(lambda m: made[m.group(1)][int(m.group(2)) - 1], arg)


def resolved(command: Command, home: Path) -> list[str]:
    special = {"@trash": lambda: trash_id(home), "@export": lambda: export_file(home)}
    return [special[arg]() if arg in special else named(home, arg) for arg in command.args]


def export_file(home: Path) -> str:
    """An export of another journal (a relationship with a bit of everything, and a
    reflection and a milestone), beside `home`, for `import` to bring in."""
    path = home.parent / "import.json"
    if not path.exists():
        source = home.parent / "import-source"
        with using(source), pytest.MonkeyPatch.context() as patch:
            patch.setenv("MENTORLOG_ID_SEED", "another journal")  # its own ids
            run_ok("new-relationship", "Linus Pauling", "--slug", "linus", "--role", "peer",
               "--started", "2026-01-01", "--no-input")  # fmt: skip
            run_ok("goal", "add", "linus", "Write it up", "--no-input")
            run_ok("recap", "linus", "--date", "2026-03-01", "--summary", "Chemistry",
               "--action", "read the paper due:2026-04-01", "--no-input")  # fmt: skip
            run_ok("checkin", "linus", "--rate", "respect=5", "--no-input")
            run_ok("reflect", "linus", "--set", "gratitude", "--answer", "time", "--no-input")
            run_ok("journey", "add", "Met Linus", "--date", "2026-01-01", "--no-input")
            run_ok("export", "--format", "json", "-o", str(path), "--no-input")
    return str(path)


_STAMP = re.compile(
    rb"\d{8}T\d{6}Z|\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})?"
)


def _ignored(path: Path, home: Path) -> bool:
    """Locks, temp files and the home's local state (`.mentorlog/`: the lock, transactions
    in flight, recent operations) hold no fact of the journal."""
    parts = path.relative_to(home).parts
    return parts[0] == ".mentorlog" or path.name == ".lock" or temp_target(path) is not None


def _entry_names(home: Path) -> dict[str, str]:
    """Trash entries are named `<UTC time>-<label>[-N]`: the time is masked, and `-N` too
    when it only avoided an entry (left empty by a crash) made in the same second."""
    root = home / ".trash"
    names = {p.name for p in root.iterdir()} if root.is_dir() else set()
    found = {}
    for name in names:
        base = re.sub(r"-\d+$", "", name)
        plain = base if base != name and base in names else name
        found[name] = _TID.sub("-t<id>", _STAMP.sub(b"<when>", plain.encode()).decode())
    return found


_TID = re.compile(r"-t[0-9a-z]{10}$")  # a v2 entry's random id: a rerun draws a fresh one


def snapshot(home: Path) -> Snapshot:
    """Every file under the home, trash entry times masked (a delete names its entry after
    the real time). Folders count only through their files: an empty folder left by a
    crash holds no fact (doctor still checks that everything reads)."""
    entries = _entry_names(home)
    found: Snapshot = {}
    for path in sorted(home.rglob("*")):
        if _ignored(path, home) or path.is_dir():
            continue
        parts = list(path.relative_to(home).parts)
        if parts[0] == ".trash":
            parts[1] = entries[parts[1]]
        found["/".join(parts)] = _STAMP.sub(b"<when>", path.read_bytes())
    return found


def run_killed_at(command: Command, args: list[str], step: int) -> bool:
    """Run `args` in a forked child that dies at `step`; True if it was killed there."""
    pid = os.fork()
    if pid == 0:  # the child: run the command, then leave without any clean-up
        code = 99
        try:
            files._CRASH_AT, files._steps = step, 0
            code = invoke(args).exit_code
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    if os.WIFSIGNALED(status):
        assert os.WTERMSIG(status) == signal.SIGKILL
        return True
    assert os.WEXITSTATUS(status) == 0, f"{command.name} failed at step {step} without a crash"
    return False


def broken_files(home: Path) -> list[str]:
    report = json.loads(invoke(["doctor", "--json", "--no-input"]).stdout)["data"]
    return [f"{item['path']}: {item['message']}" for item in report["findings"]
            if item["kind"] not in ("temp_file", "lock", "draft")]  # fmt: skip


@dataclass
class Outcome:
    broken: list[str]
    state: str  # "before", "after" or "half-done"
    rerun_ok: bool


@dataclass
class Measured:
    points: int
    outcomes: dict[int, Outcome]

    def half_done(self) -> list[int]:
        return [n for n, o in self.outcomes.items() if o.broken or o.state == "half-done"]

    def rerun_fails(self) -> list[int]:
        return [n for n, o in self.outcomes.items() if not o.rerun_ok]


def measure(command: Command, base: Path, work: Path) -> Measured:
    """Every crash point of `command` on copies of `base`."""
    before = snapshot(base)
    clean = work / "clean"
    shutil.copytree(base, clean, symlinks=True)
    args = resolved(command, base)  # a rerun names the same trash entry
    with using(clean):
        run_ok(*args)
    after = snapshot(clean)
    outcomes: dict[int, Outcome] = {}
    for step in range(1, MAX_POINTS):
        home = work / f"at-{step}"
        shutil.copytree(base, home, symlinks=True)
        with using(home):
            if not run_killed_at(command, args, step):
                shutil.rmtree(home)
                return Measured(step - 1, outcomes)
            outcomes[step] = _judge(args, home, before, after)
        shutil.rmtree(home)
    raise AssertionError(f"{command.name} still had steps after {MAX_POINTS}")


def _judge(args: list[str], home: Path, before: Snapshot, after: Snapshot) -> Outcome:
    broken = broken_files(home)  # doctor, like every command, first recovers
    journals = home / ".mentorlog" / "txn"
    if journals.is_dir() and any(journals.iterdir()):
        broken.append(f"{journals}: a transaction left after recovery")
    now = snapshot(home)
    state = "before" if now == before else "after" if now == after else "half-done"
    rerun = invoke(args)
    rerun_ok = rerun.exit_code == 0 and snapshot(home) == after
    return Outcome(broken, state, rerun_ok)


def record_text(measured: dict[str, Measured]) -> str:
    lines = [
        "# Crash points of each write command today (tests/crash.py; regenerate with",
        "# `python -m tests.crash > tests/crash_record.toml`). half_done: the crash points",
        "# that leave neither the before nor the after state (or a file that does not parse);",
        "# rerun_fails: where running the command again does not give exactly the after state.",
        "",
    ]
    for name, found in measured.items():
        lines += [
            f"[{name}]",
            f"points = {found.points}",
            f"half_done = {found.half_done()}",
            f"rerun_fails = {found.rerun_fails()}",
            "",
        ]
    return "\n".join(lines)


def measure_all(root: Path, only: Callable[[str], bool] = lambda name: True) -> dict[str, Measured]:
    base = root / "base"
    build_base(base)
    found = {}
    for command in COMMANDS:
        if only(command.name):
            found[command.name] = measure(command, base, root / command.name)
    return found


if __name__ == "__main__":
    import tempfile

    old = os.umask(0o077)
    with tempfile.TemporaryDirectory() as tmp:
        print(record_text(measure_all(Path(tmp), lambda n: len(sys.argv) < 2 or n in sys.argv)))
    os.umask(old)
