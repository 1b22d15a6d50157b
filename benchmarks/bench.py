"""Build a synthetic store and report median wall times of common commands.

    python benchmarks/bench.py --relationships 200 --recaps 30 --repeat 15

Each command runs as a fresh process, as a person or a shell prompt would run it, so
the figures include interpreter start-up and imports.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from mentorlog.core.actions import NewAction
from mentorlog.core.context import Context
from mentorlog.core.goals import NewGoal, add_goals
from mentorlog.core.models import Role
from mentorlog.core.recap import RecapInput, record
from mentorlog.core.relationships import new_relationship

TODAY = date(2026, 6, 1)


def build_store(home: Path, relationships: int, recaps: int) -> list[str]:
    ctx = Context(home=home, today=TODAY)
    slugs = []
    roles = list(Role)
    for index in range(relationships):
        relationship = new_relationship(
            ctx,
            f"Partner {index:04d}",
            roles[index % 3],
            purpose="grow together " * 3,
            started=TODAY - timedelta(days=300 + index % 300),
            cadence=["weekly", "biweekly", "monthly", "every 3 weeks"][index % 4],
            areas=[f"area-{index % 7}", f"area-{index % 11}"],
            rapport={"background": "A long answer.\n" * 10, "norms": "be candid"},
        )
        slugs.append(relationship.slug)
        goals = add_goals(ctx, relationship.slug, [NewGoal(title=f"goal {n}") for n in range(3)])
        first_goal = goals[0].goal.id
        previous: list[str] = []
        spacing = max(1, min(7, 290 // max(recaps, 1)))
        for number in range(recaps):
            result = record(
                ctx,
                relationship.slug,
                RecapInput(
                    date=relationship.started + timedelta(days=spacing * number + 1),
                    minutes=45,
                    summary="We talked about many things.\n" * 20,
                    takeaways=["one", "two"],
                    actions=[NewAction(text=f"do thing {number}")],
                    done=previous,
                    progress={first_goal: min(99, number * 3)},
                ),
            )
            previous = [action.id for action in result.created]
    return slugs


def median_seconds(command: list[str], env: dict[str, str], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--relationships", type=int, default=200)
    parser.add_argument("--recaps", type=int, default=30, help="recaps per relationship")
    parser.add_argument("--repeat", type=int, default=11)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "home"
        started = time.perf_counter()
        slugs = build_store(home, args.relationships, args.recaps)
        built = time.perf_counter() - started
        env = {**os.environ, "MENTORLOG_HOME": str(home), "MENTORLOG_TODAY": TODAY.isoformat()}
        base = [sys.executable, "-m", "mentorlog"]
        commands = {
            "--version": [*base, "--version"],
            "list": [*base, "list"],
            "list --json": [*base, "list", "--json", "--status", "all"],
            "show": [*base, "show", slugs[len(slugs) // 2]],
            "due": [*base, "due"],
            "actions": [*base, "actions"],
            "prep": [*base, "prep", slugs[0]],
            "log": [*base, "log", slugs[0]],
        }
        print(
            f"store: {args.relationships} relationships x {args.recaps} recaps, "
            f"built in {built:.2f}s"
        )
        print(f"{'command':<24} median of {args.repeat}")
        for name, command in commands.items():
            seconds = median_seconds(command, env, args.repeat)
            print(f"{name:<24} {seconds * 1000:8.1f} ms")


if __name__ == "__main__":
    main()
