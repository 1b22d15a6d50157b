"""The v1 fixture store (tests/fixtures/v1/), once migrated, reads as recorded in v1-json/.

The JSON was written by tests/fixtures/make_v1.py with the code of issue 7, before any
format change; `mentorlog migrate` must keep every fact of it (tests/test_migrate.py
checks the migration itself), so a difference here is a change in what a person's
existing journal shows.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.fixtures.make_v1 import EXPECTED, STORE, TODAY, read_commands, read_json
from tests.helpers import cli, ok
from tests.store_fixtures import at

CASES = sorted(EXPECTED.glob("*.json"))


def copy_fixture(home: Path) -> Path:
    """The fixture as a home of its own, private as mentorlog makes it (git keeps no modes)."""
    shutil.copytree(STORE, home)
    for path in [home, *home.rglob("*")]:
        os.chmod(path, 0o700 if path.is_dir() else 0o600)
    return home


@pytest.fixture
def v1(home: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("MENTORLOG_TODAY", TODAY)
    return copy_fixture(home)


@pytest.fixture
def migrated(v1: Path) -> Path:
    ok("migrate", "--no-input")
    return v1


def test_every_read_command_is_recorded(migrated: Path) -> None:
    assert sorted(f"{name}.json" for name in read_commands(migrated)) == [p.name for p in CASES]


# What the JSON contract of issue 10 renamed or left out, in the JSON recorded before it:
# a file's `schema_version` is no fact of the journal, and a reflection's `relationship`
# is its `slug` now (as everywhere else).
LEFT_OUT = {"schema_version"}
# Values v1 got wrong, by the command that printed them: not facts to keep.
CORRECTED = {
    # an agreement with text but no fingerprint of the goals was called stale ("the goals
    # changed after ... edited on None"); with nothing to compare, it is not (stop 17)
    ("agreement", "ada-lovelace"): {"stale"},
}


# Wording the composed agreement corrected since (v1's text, now's), stop 17.
REWORDED = [("opens doors where it can", "opens doors where they can")]


def recorded_output(recorded: dict[str, Any]) -> Any:
    """What the v1 code printed for `recorded["args"]`, less the values it got wrong."""
    wrong = CORRECTED.get(tuple(recorded["args"]), set())
    output = recorded["output"]
    if recorded["args"][0] == "agreement" and isinstance(output.get("markdown"), str):
        for old, new in REWORDED:
            output = {**output, "markdown": output["markdown"].replace(old, new)}
    if recorded["args"][0] == "log":
        return _by_day(output)
    return {k: v for k, v in output.items() if k not in wrong} if wrong else output


def now_output(home: Path, args: list[str]) -> Any:
    """What this release prints for `args`, in the recorded output's terms."""
    output = read_json(home, args)
    return _by_day(output) if args[0] == "log" else output


RENAMED = {"relationship": "slug"}


def same_facts(now: Any, recorded: Any) -> bool:
    """Whether `now` says everything `recorded` said: the same values, in the same order;
    keys added since (a relationship's `aliases`, an id's `short`) are new facts, not lost
    ones. An absent value recorded as `""` is `null` now (issue 10): the same fact."""
    if isinstance(recorded, dict):
        return isinstance(now, dict) and all(
            key in LEFT_OUT or _same_key(now, key, value) for key, value in recorded.items()
        )
    if recorded == "" and now is None:
        return True
    if isinstance(recorded, list):
        return (
            isinstance(now, list)
            and len(now) == len(recorded)
            and all(same_facts(a, b) for a, b in zip(now, recorded, strict=True))
        )
    return bool(now == recorded)


def _by_day(events: list[Any]) -> list[Any]:
    """`log` events with each day's in one fixed order. A day's order changed on purpose
    (the history's own order now, not a fixed one: "agreed" then "phase progress" as they
    happened); the facts of the day are the same."""
    return sorted(events, key=lambda e: (e["date"], e["event"], e.get("detail") or ""))


def _same_key(now: dict[str, Any], key: str, value: Any) -> bool:
    if key in now:
        return same_facts(now[key], value)
    renamed = RENAMED.get(key)
    return renamed is not None and renamed in now and same_facts(now[renamed], value)


def without_short(data: Any) -> Any:
    """The output less the `short` ids store v2 added: v1's ids (`a12`) are shown whole, so
    each must equal its `id` (or be empty where there is no goal, commitment or milestone)."""
    if isinstance(data, list):
        return [without_short(item) for item in data]
    if not isinstance(data, dict):
        return data
    if "short" in data:
        an_id = data["id"] or ""
        assert data["short"] == (an_id if an_id[:1] in "gam" else None), data
    return {key: without_short(value) for key, value in data.items() if key != "short"}


@pytest.mark.parametrize("case", CASES, ids=[p.stem for p in CASES])
def test_the_fixture_reads_as_recorded(migrated: Path, case: Path) -> None:
    recorded = json.loads(case.read_text(encoding="utf-8"))
    assert same_facts(now_output(migrated, recorded["args"]), recorded_output(recorded))


def test_the_fixture_is_healthy_and_private(migrated: Path) -> None:
    report = cli("doctor", "--json", "--no-input").json()
    # one thing needs the person: v1 renamed sam-okafor to sam without keeping the old
    # slug, so a reflection about it names no relationship (doctor says how to fix it)
    [lost] = report["findings"]
    assert lost["kind"] == "dangling_reference" and "'sam-okafor'" in lost["message"]
    assert ok("list").stderr == ""  # no privacy warning


def test_an_old_slug_added_as_an_alias_finds_the_lost_reflection(migrated: Path) -> None:
    assert ok("journal", "sam", "--json").json() == []
    path = at(migrated, "relationships", "sam", "relationship.toml")
    path.write_text(
        path.read_text().replace('slug = "sam"\n', 'slug = "sam"\naliases = ["sam-okafor"]\n')
    )
    [found] = ok("journal", "sam", "--json").json()
    assert found["slug"] == "sam"
    assert ok("doctor", "--json", "--no-input").json()["findings"] == []


def test_the_fixture_holds_every_kind_of_file(v1: Path) -> None:
    names = {str(p.relative_to(v1)) for p in v1.rglob("*") if p.is_file()}
    ada = "relationships/ada-lovelace/"
    for name in (
        "ids.toml",
        "network.toml",
        "journey.toml",
        "prompts/weekly-review.toml",
        f"{ada}relationship.toml",
        f"{ada}goals.toml",
        f"{ada}actions.toml",
        f"{ada}agreement.md",
        f"{ada}checkins/2025-09-29.toml",
        "relationships/grace-hopper/recaps/2025-10-05-2.md",
        "reflections/2025-10-01-gratitude.md",  # about sam-okafor, renamed sam since
    ):
        assert name in names
    kinds = {p.name.split("-")[1] for p in (v1 / ".trash").iterdir()}
    assert kinds == {"relationship", "recap", "checkin", "goal", "milestone", "reflection"}
    commented = [f"{ada}goals.toml", f"{ada}actions.toml", "network.toml"]
    assert all("# " in (v1 / name).read_text() for name in commented)
