"""Three machines, one bare remote, random offline writes, then sync in random order, twice.

The acceptance test of issue 8's "sync through git": afterwards no path is unmerged, no
file holds a conflict marker, every clone has the same tree, every text written on any
clone is there exactly once, ids are unique and `doctor` finds nothing broken.

Seeded (MENTORLOG_SYNC_SEED, else random; printed), bounded in time
(MENTORLOG_SYNC_SECONDS, default 60). Run it alone with `pytest -m sync -s`.
"""

from __future__ import annotations

import os
import random
import re
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.gitfix import bare, conflict_markers, git
from tests.helpers import Run, cli

pytestmark = pytest.mark.sync

SECONDS = float(os.environ.get("MENTORLOG_SYNC_SECONDS", "60"))
TOKEN = re.compile(r"tk\d+x\d+z")
PARTNERS = ("Ada Lovelace", "Sam Okafor")

# Checks that fail on this branch alone, and why; each still runs and is printed. The
# coordinator empties this once the ids and layout parts are merged in.
RENAMES = os.environ.get("MENTORLOG_SYNC_RENAMES", "1") != "0"  # 0: leave `edit --slug` out
EXPECTED_TO_FAIL: dict[str, str] = {}  # every check holds; name one here only with a reason


@dataclass
class Machine:
    name: str
    home: Path
    monkeypatch: pytest.MonkeyPatch

    def run(self, *args: str) -> Run:
        self.monkeypatch.setenv("MENTORLOG_HOME", str(self.home))
        return cli(*args)

    def json(self, *args: str) -> Any:
        run = self.run(*args, "--json")
        assert run.exit_code == 0, (args, run.stderr)
        return run.json()


@dataclass
class World:
    rng: random.Random
    seed: int
    machines: list[Machine]
    ledger: dict[str, str] = field(default_factory=dict)  # token -> where it was written
    operations: int = 0
    syncs: int = 0
    refused: Counter[str] = field(default_factory=Counter)
    log: list[str] = field(default_factory=list)
    failed_syncs: list[str] = field(default_factory=list)

    def token(self) -> str:
        return f"tk{self.seed % 10000}x{len(self.ledger)}z"


# -- the random writes -----------------------------------------------------------------------
def _slugs(m: Machine) -> list[str]:
    return [item["slug"] for item in m.json("list", "--status", "all")]


def _open_actions(m: Machine) -> list[str]:
    return [a["id"] for a in m.json("actions")]


def _open_goals(m: Machine) -> list[str]:
    return [g["id"] for g in m.json("goal", "list") if g["status"] == "open"]


def _recap(w: World, m: Machine, slug: str) -> list[str]:
    summary, action = w.token(), ""
    w.ledger[summary] = "recap"
    args = ["recap", slug, "--summary", f"We talked {summary}", "--no-input"]
    if w.rng.random() < 0.7:
        action = w.token()
        w.ledger[action] = "action"
        args += ["--action", f"Follow up {action} @me"]
    opened = [a for a in _open_actions(m) if w.rng.random() < 0.3]
    args += [x for ident in opened for x in ("--done", ident)]
    goals = _open_goals(m)
    if goals and w.rng.random() < 0.5:
        args += ["--progress", f"{w.rng.choice(goals)}={w.rng.randint(1, 99)}"]
    return args


def _goal_add(w: World, m: Machine, slug: str) -> list[str]:
    title = w.token()
    w.ledger[title] = "goal"
    return ["goal", "add", slug, f"Goal {title}", "--no-input"]


def _checkin(w: World, m: Machine, slug: str) -> list[str]:
    note = w.token()
    w.ledger[note] = "checkin"
    rating = f"listening={w.rng.randint(1, 5)}"
    return ["checkin", slug, "--rate", rating, "--note", f"listening=Heard {note}", "--no-input"]


def _reflect(w: World, m: Machine, slug: str) -> list[str]:
    answer = w.token()
    w.ledger[answer] = "reflection"
    return [
        "reflect",
        slug,
        "--set",
        "after-session",
        "--answer",
        f"Noticed {answer}",
        "--no-input",
    ]


def _want(w: World, m: Machine, slug: str) -> list[str]:
    area = w.token()
    w.ledger[area] = "network"
    return ["network", "want", f"Area {area}", "--no-input"]


def _journey(w: World, m: Machine, slug: str) -> list[str]:
    title = w.token()
    w.ledger[title] = "journey"
    return ["journey", "add", f"Milestone {title}", "--why", "it mattered", "--no-input"]


def _pick(w: World, ids: list[str]) -> str | None:
    return w.rng.choice(ids) if ids else None


def _done(w: World, m: Machine, slug: str) -> list[str] | None:
    ident = _pick(w, _open_actions(m))
    return ["done", ident] if ident else None


def _renegotiate(w: World, m: Machine, slug: str) -> list[str] | None:
    ident = _pick(w, _open_actions(m))
    due = f"2026-0{w.rng.randint(4, 9)}-{w.rng.randint(10, 28)}"
    return ["renegotiate", ident, "--due", due, "--no-input"] if ident else None


def _goal_update(w: World, m: Machine, slug: str) -> list[str] | None:
    ident = _pick(w, _open_goals(m))
    progress = str(w.rng.randint(1, 99))
    return ["goal", "update", ident, "--progress", progress, "--no-input"] if ident else None


def _goal_done(w: World, m: Machine, slug: str) -> list[str] | None:
    ident = _pick(w, _open_goals(m))
    return ["goal", "done", ident, "--no-input"] if ident else None


def _pause_or_resume(w: World, m: Machine, slug: str) -> list[str]:
    return [w.rng.choice(["pause", "resume"]), slug, "--no-input"]


def _rename(w: World, m: Machine, slug: str) -> list[str]:
    return ["edit", slug, "--slug", f"{slug.split('-')[0]}-{w.rng.randrange(1000)}", "--no-input"]


Write = Callable[[World, Machine, str], list[str] | None]
WRITES: list[tuple[Write, int]] = [
    (_recap, 6),
    (_done, 2),
    (_renegotiate, 2),
    (_goal_add, 3),
    (_goal_update, 2),
    (_goal_done, 1),
    (_checkin, 2),
    (_reflect, 2),
    (_want, 2),
    (_journey, 2),
    (_pause_or_resume, 1),
    *([(_rename, 1)] if RENAMES else []),
]


def _write(w: World, m: Machine) -> None:
    slug = w.rng.choice(_slugs(m))
    write = w.rng.choices([f for f, _ in WRITES], [n for _, n in WRITES])[0]
    before = dict(w.ledger)
    args = write(w, m, slug)
    if args is None:
        return
    run = m.run(*args)
    w.operations += 1
    w.log.append(f"{m.name}: {' '.join(args)} -> {run.exit_code}")
    if run.exit_code != 0:  # refused (a paused relationship, say): its tokens were not written
        w.refused[args[0]] += 1
        w.ledger = before


def _sync(w: World, m: Machine) -> str:
    run = m.run("sync")
    w.syncs += 1
    w.log.append(f"{m.name}: sync -> {run.exit_code} {run.stderr.strip()[:200]}")
    if run.exit_code != 0:
        w.failed_syncs.append(f"{m.name}: {run.stderr.strip()}")
    return run.stdout + run.stderr


# -- what must hold afterwards -----------------------------------------------------------
def _found(m: Machine) -> Counter[str]:
    """Every token found, by the read commands and in the dated files."""
    found: Counter[str] = Counter()
    texts = [a["text"] for a in m.json("actions", "--all")]
    texts += [g["title"] for g in m.json("goal", "list", "--all")]
    texts += [item["title"] for item in m.json("journey") if item["kind"] == "milestone"]
    texts += m.json("network")["wants"]
    for pattern in ("relationships/*/recaps/*.md", "relationships/*/checkins/*.toml"):
        texts += [path.read_text() for path in m.home.glob(pattern)]
    texts += [path.read_text() for path in m.home.glob("reflections/*.md")]
    for text in texts:
        found.update(TOKEN.findall(text))
    return found


def _ids(m: Machine) -> list[str]:
    return [a["id"] for a in m.json("actions", "--all")] + [
        g["id"] for g in m.json("goal", "list", "--all")
    ]


def _checks(w: World, outputs: list[str]) -> dict[str, str]:
    """Each check's name -> what went wrong ("" when it holds)."""
    first = w.machines[0]
    trees = {git(m.home, "rev-parse", "HEAD^{tree}").strip() for m in w.machines}
    found = _found(first)
    wrong = {f"{t} ({w.ledger[t]})": found[t] for t in w.ledger if found[t] != 1}
    ids = _ids(first)
    doctor = first.run("doctor", "--json").json()  # exit 1 when something needs attention
    broken = [f for f in doctor["findings"] if f["kind"] in ("broken", "conflict", "newer_schema")]
    return {
        "every sync succeeds": "; ".join(w.failed_syncs[:3]),
        "nothing unmerged": "".join(git(m.home, "ls-files", "-u") for m in w.machines),
        "no conflict in sync output": "\n".join(o for o in outputs if "CONFLICT" in o),
        "no conflict markers": "\n".join(x for m in w.machines for x in conflict_markers(m.home)),
        "same tree everywhere": "" if len(trees) == 1 else f"{len(trees)} trees",
        "every token once": "" if not wrong else f"{len(wrong)} of {len(w.ledger)}: {wrong}",
        "ids unique": ", ".join(i for i, n in Counter(ids).items() if n > 1),
        "doctor finds nothing broken": "; ".join(f"{f['path']}: {f['message']}" for f in broken),
    }


def _start(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seed: int) -> World:
    remote = str(bare(tmp_path / "remote.git"))
    machines = [Machine(n, tmp_path / n, monkeypatch) for n in ("desk", "laptop", "tablet")]
    w = World(random.Random(seed), seed, machines)
    desk = machines[0]
    for partner in PARTNERS:
        assert (
            desk.run("new-relationship", partner, "--role", "mentee", "--no-input").exit_code == 0
        )
    for args in (("init", "--git"), ("git", "remote", "add", "origin", remote), ("sync",)):
        assert desk.run(*args).exit_code == 0
    for m in machines[1:]:
        assert m.run("init", "--from", remote).exit_code == 0
    return w


def test_three_clones_sync_random_offline_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed = int(os.environ.get("MENTORLOG_SYNC_SEED", random.randrange(10**6)))
    print(f"\nsync test seed: {seed} (MENTORLOG_SYNC_SEED={seed} repeats it)")
    w = _start(tmp_path, monkeypatch, seed)
    started, outputs, rounds = time.monotonic(), [], 0
    while rounds == 0 or time.monotonic() - started < SECONDS / 2:
        rounds += 1
        for m in w.machines:
            for _ in range(w.rng.randint(1, 6)):
                _write(w, m)
        for _ in range(2):
            for m in w.rng.sample(w.machines, len(w.machines)):
                outputs.append(_sync(w, m))
    print(f"{rounds} rounds: {w.operations} operations, {w.syncs} syncs, refused {dict(w.refused)}")
    checks = _checks(w, outputs)
    for name, problem in checks.items():
        print(
            f"  {'ok  ' if not problem else 'FAIL'} {name}"
            + (f": {problem[:300]}" if problem else "")
        )
    unexpected = {n: p for n, p in checks.items() if p and n not in EXPECTED_TO_FAIL}
    for name in EXPECTED_TO_FAIL:
        if not checks[name]:
            print(f"  note: '{name}' holds now; take it out of EXPECTED_TO_FAIL")
    assert not unexpected, "\n".join([*w.log[-40:], *(f"{n}: {p}" for n, p in unexpected.items())])
