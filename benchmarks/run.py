"""Time mentorlog's commands on a home built by benchmarks/make_store.py.

    python benchmarks/run.py /tmp/bench-home               # 7 runs of each command
    python benchmarks/run.py /tmp/bench-1k /tmp/bench-20k  # and how each grows between homes
    python benchmarks/run.py /tmp/bench-home --json        # the figures as JSON
    python benchmarks/run.py /tmp/bench-home --quick       # 1 run, 2 commands: a smoke test

Every run is a fresh process, as a shell prompt runs it, so the figures include start-up.
Commands are interleaved run by run (A B C A B C ...), so the machine's noise hits them
alike. Reported per command: the median wall time, its ratio to `python -c pass` (the
floor), the peak memory (the largest resident size of any run, from wait4) and the
issue 9 target. Search runs twice: with its index built (warm) and with the cache removed
before every run (cold). The `recap` write runs on a copy of the home. A command this
mentorlog does not have is reported as not available. Standard library only.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

TODAY = "2026-12-01"  # make_store.py's default --today
MEMORY_TARGET_MIB = 60
GROWTH_TARGET_MS = 50  # from 1k to 20k recaps, per read command
QUICK = ("python -c pass", "list")


@dataclass(frozen=True)
class Command:
    name: str
    args: tuple[str, ...]  # after `mentorlog`; empty for the floor
    target_ms: float | None
    cache: str = "warm"  # warm: the shared index; cold: removed before each run; write


def commands(word: str) -> list[Command]:
    """What issue 9 measures, with its targets (medians, 10k store, warm index). `SLUG`
    stands for the home's busiest active relationship."""
    reads = ("due", "actions", "log SLUG", "journal", "recaps", "seasons", "health", "network")
    return [
        Command("python -c pass", (), None),
        Command("--version", ("--version",), 40),
        Command("--help", ("--help",), 250),
        Command("due --quiet", ("due", "--quiet"), 50),
        Command("list", ("list",), 250),
        Command("show SLUG", ("show", "SLUG"), 250),
        Command("prep SLUG", ("prep", "SLUG"), 250),
        *(Command(name, tuple(name.split()), 250) for name in reads),
        Command(f"search {word} (warm)", ("search", word), 150),
        Command(f"search {word} (cold)", ("search", word), 5000, cache="cold"),
        Command("recap (write)", ("recap", "SLUG", "--no-input"), 300, cache="write"),
    ]


@dataclass
class Result:
    home: str
    name: str
    args: list[str]
    target_ms: float | None
    available: bool = True
    problem: str = ""
    exit_codes: list[int] = field(default_factory=list)
    runs_ms: list[float] = field(default_factory=list)
    peak_mib: float = 0.0
    median_ms: float | None = None
    ratio: float | None = None  # to the floor's median
    met: bool | None = None  # the time and memory targets

    def finish(self, floor_ms: float | None) -> None:
        if not self.runs_ms:
            return
        self.median_ms = round(statistics.median(self.runs_ms), 1)
        if floor_ms:
            self.ratio = round(self.median_ms / floor_ms, 1)
        if self.target_ms is not None:
            self.met = self.median_ms <= self.target_ms and self.peak_mib <= MEMORY_TARGET_MIB


@dataclass
class Place:
    """One home under test, with its index cache and a copy for the write."""

    home: Path
    work: Path
    slug: str
    counter: Iterator[int] = field(default_factory=lambda: iter(range(1_000_000)))

    def env(self, command: Command) -> dict[str, str]:
        home = self.work / "write-home" if command.cache == "write" else self.home
        cache = self.work / ("cold-cache" if command.cache == "cold" else "cache")
        # As on a person's machine, Python keeps compiled modules (an installer writes
        # them; a setting that forbids it would time compiling, not mentorlog).
        kept = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        return {
            **kept,
            "MENTORLOG_HOME": str(home),
            "XDG_CACHE_HOME": str(cache),  # platformdirs' user_cache_dir on Linux
            "COLUMNS": "100",
        }

    def prepare(self, command: Command) -> None:
        if command.cache == "cold":
            shutil.rmtree(self.work / "cold-cache", ignore_errors=True)
        if command.cache == "write" and not (self.work / "write-home").exists():
            shutil.copytree(self.home, self.work / "write-home", symlinks=True)

    def argv(self, mentorlog: list[str], command: Command) -> list[str]:
        if not command.args:
            return [sys.executable, "-c", "pass"]
        extra: list[str] = []
        if command.cache == "write":  # a new summary each time, so it is never a retry
            number = next(self.counter)
            extra = ["--summary", f"Benchmark session {number}: we talked about feedback."]
            extra += ["--action", f"send the notes of session {number} @me"]
        args = [self.slug if arg == "SLUG" else arg for arg in command.args]
        return [*mentorlog, *args, *extra]


def measure(argv: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """(wall ms, peak resident MiB, exit code) of one fresh process."""
    start = time.perf_counter()
    process = subprocess.Popen(
        argv, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    _, status, usage = os.wait4(process.pid, 0)
    wall = (time.perf_counter() - start) * 1000
    process.returncode = os.waitstatus_to_exitcode(status)
    scale = 1024 * 1024 if sys.platform == "darwin" else 1024  # bytes there, KiB on Linux
    return wall, usage.ru_maxrss / scale, process.returncode


def check(place: Place, mentorlog: list[str], command: Command, result: Result) -> None:
    """One untimed run first: it warms the index and tells whether the command exists."""
    place.prepare(command)
    run = subprocess.run(
        place.argv(mentorlog, command), env=place.env(command), capture_output=True,
        text=True, stdin=subprocess.DEVNULL, check=False,
    )  # fmt: skip
    if run.returncode == 2 and "No such command" in run.stderr:
        result.available, result.problem = False, "not available"
    elif run.returncode not in (0, 1):  # `due --quiet` exits 1 when something is overdue
        lines = run.stderr.strip().splitlines() or [""]
        result.available, result.problem = False, f"exit {run.returncode}: {lines[-1][:80]}"


def benchmark(
    places: list[Place], mentorlog: list[str], chosen: list[Command], runs: int
) -> list[Result]:
    pairs = [
        (p, c, Result(str(p.home), c.name, list(c.args), c.target_ms))
        for p in places
        for c in chosen
    ]
    for place, command, result in pairs:
        check(place, mentorlog, command, result)
    live = [pair for pair in pairs if pair[2].available]
    for number in range(runs):
        if sys.stderr.isatty():
            print(f"run {number + 1} of {runs} ...", end="\r", file=sys.stderr, flush=True)
        for place, command, result in live:  # interleaved: A B C A B C ...
            place.prepare(command)
            wall, mib, code = measure(place.argv(mentorlog, command), place.env(command))
            result.runs_ms.append(round(wall, 1))
            result.peak_mib = round(max(result.peak_mib, mib), 1)
            result.exit_codes.append(code)
    for place in places:
        mine = [r for p, _, r in pairs if p is place]
        floor = next((r for r in mine if r.name == "python -c pass" and r.runs_ms), None)
        floor_ms = statistics.median(floor.runs_ms) if floor else None
        for result in mine:
            result.finish(floor_ms)
    return [result for _, _, result in pairs]


def busiest_slug(home: Path) -> str:
    """The active relationship with the most recaps: the one `show` and `prep` read."""
    best: tuple[int, str] = (-1, "")
    for folder in sorted((home / "relationships").iterdir()):
        data = tomllib.loads((folder / "relationship.toml").read_text(encoding="utf-8"))
        if data.get("status", "active") == "active":
            recaps = folder / "recaps"
            count = count_files(recaps)
            best = max(best, (count, data.get("slug") or folder.name.split(".")[0]))
    return best[1]


def count_files(folder: Path) -> int:
    return sum(1 for _ in folder.iterdir()) if folder.is_dir() else 0


def store_size(home: Path) -> dict[str, int]:
    folders = list((home / "relationships").iterdir())
    return {
        "relationships": len(folders),
        "recaps": sum(count_files(folder / "recaps") for folder in folders),
        "reflections": count_files(home / "reflections"),
    }


def describe(place: Place) -> str:
    size = store_size(place.home)
    return (
        f"{place.home}: {size['relationships']} relationships, {size['recaps']} recaps, "
        f"{size['reflections']} reflections; SLUG = {place.slug}"
    )


def machine(mentorlog: list[str]) -> dict[str, object]:
    version = subprocess.run([*mentorlog, "--version"], capture_output=True, text=True, check=False)
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cpus": os.cpu_count(),
        "load": [round(x, 2) for x in os.getloadavg()],
        "python": platform.python_version(),
        "system": platform.platform(),
        "mentorlog": version.stdout.strip() or version.stderr.strip()[:80],
    }


def verdict(result: Result) -> str:
    if not result.available:
        return result.problem
    if result.met is None or result.median_ms is None or result.target_ms is None:
        return ""
    if result.met:
        return "met"
    over = (
        [f"+{result.median_ms - result.target_ms:.0f} ms"]
        if result.median_ms > result.target_ms
        else []
    )
    over += [f"{result.peak_mib:.0f} MiB"] if result.peak_mib > MEMORY_TARGET_MIB else []
    return "missed: " + ", ".join(over)


def table(results: list[Result], runs: int) -> str:
    head = f"{'command':<26} {'median':>9} {'x floor':>8} {'peak':>9} {'target':>8}  verdict"
    lines = [head, "-" * len(head)]
    for r in results:
        median = f"{r.median_ms:.0f} ms" if r.median_ms is not None else "-"
        ratio = f"{r.ratio:.1f}" if r.ratio is not None else "-"
        peak = f"{r.peak_mib:.0f} MiB" if r.runs_ms else "-"
        target = f"{r.target_ms:.0f} ms" if r.target_ms is not None else "floor"
        lines.append(f"{r.name:<26} {median:>9} {ratio:>8} {peak:>9} {target:>8}  {verdict(r)}")
    return "\n".join(lines) + f"\n(median of {runs} runs; peak memory: the largest run)"


def growth(results: list[Result], homes: list[str]) -> str:
    """How much each command grows from the first home to the last (issue 9: at most
    50 ms from 1k to 20k recaps for a read command)."""
    lines = [f"growth from {homes[0]} to {homes[-1]}:"]
    by = {(r.home, r.name): r for r in results}
    for name in dict.fromkeys(r.name for r in results):
        first, last = by[(homes[0], name)], by[(homes[-1], name)]
        if first.median_ms is None or last.median_ms is None:
            continue
        delta = last.median_ms - first.median_ms
        mark = "" if delta <= GROWTH_TARGET_MS else f"  over by {delta - GROWTH_TARGET_MS:.0f} ms"
        times = f"{first.median_ms:>7.0f} -> {last.median_ms:>7.0f} ms ({delta:+.0f})"
        lines.append(f"  {name:<26} {times}{mark}")
    return "\n".join(lines)


def default_mentorlog() -> list[str]:
    """The `mentorlog` installed beside this Python (what a person runs), else `-m`."""
    script = Path(sys.executable).parent / "mentorlog"
    return [str(script)] if script.exists() else [sys.executable, "-m", "mentorlog"]


def day(text: str) -> str:
    date.fromisoformat(text)  # a ValueError: argparse says the date is invalid
    return text


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("homes", nargs="+", type=Path, help="homes built by make_store.py")
    parser.add_argument("--runs", type=int, default=7, help="timed runs of each (default 7)")
    parser.add_argument("--quick", action="store_true", help="1 run of 2 commands (a smoke test)")
    parser.add_argument("--only", action="append", default=[], help="a command's name (repeatable)")
    parser.add_argument("--word", default="zoe", help="what search looks for (default zoe)")
    parser.add_argument("--today", type=day, default=TODAY, help=f"MENTORLOG_TODAY ({TODAY})")
    parser.add_argument(
        "--mentorlog", help="how to run mentorlog (default: the one installed here)"
    )
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    return parser.parse_args(argv)


def report(info: dict[str, object], places: list[Place], results: list[Result], runs: int) -> str:
    head = f"{info['mentorlog']}, Python {info['python']}, {info['cpus']} CPUs"
    parts = [f"{head}, load {info['load']}, {info['date']}"]
    for place in places:
        mine = [r for r in results if r.home == str(place.home)]
        parts += ["", describe(place), table(mine, runs)]
    if len(places) > 1:
        parts += ["", growth(results, [str(p.home) for p in places])]
    return "\n".join(parts)


def as_json(info: dict[str, object], places: list[Place], results: list[Result], runs: int) -> str:
    homes = {str(p.home): {**store_size(p.home), "slug": p.slug} for p in places}
    data = {"version": 1, "machine": info, "runs": runs, "homes": homes}
    return json.dumps({**data, "results": [asdict(r) for r in results]}, indent=2)


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    os.environ["MENTORLOG_TODAY"] = args.today
    missing = [str(h) for h in args.homes if not (h / "relationships").is_dir()]
    if missing:
        print(f"error: no mentorlog home at {', '.join(missing)}", file=sys.stderr)
        print("hint: build one with python benchmarks/make_store.py PATH", file=sys.stderr)
        return 2
    mentorlog = args.mentorlog.split() if args.mentorlog else default_mentorlog()
    runs, only = (1, list(QUICK)) if args.quick else (max(1, args.runs), args.only)
    chosen = [c for c in commands(args.word) if not only or c.name in only]
    info = machine(mentorlog)  # the load before the runs
    with tempfile.TemporaryDirectory(prefix="mentorlog-bench-") as tmp:
        places = [
            Place(home.resolve(), Path(tmp) / str(i), busiest_slug(home))
            for i, home in enumerate(args.homes)
        ]
        results = benchmark(places, mentorlog, chosen, runs)
    print((as_json if args.json else report)(info, places, results, runs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
