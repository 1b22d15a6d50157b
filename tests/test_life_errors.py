"""Bad input to the relationship's-life commands: a short error, and nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import fails, ok


def snapshot(home: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(home)): p.read_bytes()
        for p in home.rglob("*")
        if p.is_file() and p.name != ".lock"
    }


@pytest.fixture
def pairing(home: Path) -> Path:
    ok("new-relationship", "Ada Lovelace", "--role", "mentee", "--cadence", "weekly",
       "--started", "2026-03-01", "--no-input")  # fmt: skip
    ok("direction", "ada-lovelace", "--goal", "Publish", "--no-input")
    ok("recap", "ada-lovelace", "--date", "2026-03-08", "--action", "send outline", "--no-input")
    return home


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["recap", "ada-lovelace", "--date", "2026-02-01"], 1, "before the pairing started"),
        (["recap", "ada-lovelace", "--date", "2026-03-20"], 1, "in the future"),
        (
            ["recap", "ada-lovelace", "--date", "2026-03-10", "--next", "2026-03-09"],
            1,
            "must come after",
        ),
        (["recap", "ada-lovelace", "--next", "2026-03-15"], 1, "must come after"),
        (["recap", "ada-lovelace", "--date", "2026-02-30"], 1, "not a valid"),
        (["recap", "ada-lovelace", "--progress", "g1=101"], 1, "between 0 and 100"),
        (["recap", "ada-lovelace", "--progress", "g1=-5"], 1, "between 0 and 100"),
        (["recap", "ada-lovelace", "--progress", "g1"], 1, "GOAL=N"),
        (["recap", "ada-lovelace", "--progress", "g9=10"], 1, "no goal 'g9'"),
        (["recap", "ada-lovelace", "--done", "a9"], 1, "no action 'a9'"),
        (["recap", "ada-lovelace", "--done", "x1"], 1, "not an action id"),
        (["recap", "ada-lovelace", "--action", "@me due:2026-04-01"], 1, "no commitment"),
        (["recap", "ada-lovelace", "--action", "x due:soon"], 1, "not a valid due date"),
        (["recap", "ada-lovelace", "--minutes", "0"], 2, "--minutes"),
        (["recap", "nobody"], 1, "no relationship 'nobody'"),
        (["goal", "update", "g9", "--progress", "10"], 1, "no goal 'g9'"),
        (["goal", "update", "g1", "--progress", "150"], 2, "--progress"),
        (["goal", "done", "a1"], 1, "not a goal id"),
        (["goal", "add", "ada-lovelace", "--no-input"], 2, "TITLE"),
        (
            ["goal", "add", "ada-lovelace", "x", "--target", "someday", "--no-input"],
            1,
            "not a valid",
        ),
        (["done", "a9"], 1, "no action 'a9'"),
        (["done", "a1", "a9"], 1, "no action 'a9'"),
        (["direction", "ada-lovelace", "--no-input"], 2, "--aspirations"),
        (["pause", "ada-lovelace", "--until", "2026-03-01"], 1, "not in the future"),
        (["resume", "ada-lovelace"], 1, "already active"),
        (["agreement", "ada-lovelace", "--agreed", "2026-13-01"], 1, "not a valid"),
        (["prep", "nobody"], 1, "no relationship"),
        (["log", "nobody"], 1, "no relationship"),
    ],
)
def test_bad_input_writes_nothing(pairing: Path, args: list[str], code: int, message: str) -> None:
    before = snapshot(pairing)
    run = fails(*args, "--no-input" if args[0] in ("recap",) else "--json", code=code)
    assert message in run.stderr
    assert snapshot(pairing) == before


def test_recap_on_a_closed_pairing_says_how_to_resume(pairing: Path) -> None:
    ok("close", "ada-lovelace", "--no-input")
    before = snapshot(pairing)
    run = fails("recap", "ada-lovelace", "--no-input")
    assert "closed" in run.stderr and "mentorlog resume ada-lovelace" in run.stderr
    assert "closed" in fails("goal", "add", "ada-lovelace", "x", "--no-input").stderr
    assert "already closed" in fails("close", "ada-lovelace", "--no-input").stderr
    assert snapshot(pairing) == before
    ok("resume", "ada-lovelace")
    ok("recap", "ada-lovelace", "--no-input")


def test_done_twice_is_reported_not_an_error(pairing: Path) -> None:
    assert ok("done", "a1", "--json").json()["done"][0]["id"] == "a1"
    again = ok("done", "a1", "--json").json()
    assert again["done"] == [] and again["already"] == ["a1"]
    assert "not open" in fails("recap", "ada-lovelace", "--done", "a1", "--no-input").stderr


def test_ambiguous_ids_after_a_git_merge_ask_for_the_slug(pairing: Path) -> None:
    ok("new-relationship", "Grace", "--role", "mentor", "--started", "2026-03-01", "--no-input")
    ok("recap", "grace", "--action", "review talk", "--no-input")  # a2
    actions = pairing / "relationships" / "grace" / "actions.toml"
    actions.write_text(actions.read_text().replace('id = "a2"', 'id = "a1"'))
    run = fails("done", "a1")
    assert "more than one relationship" in run.stderr and "ada-lovelace:a1" in run.stderr
    assert ok("done", "grace:a1", "--json").json()["done"][0]["slug"] == "grace"


def test_broken_actions_file_names_file_and_line(pairing: Path) -> None:
    path = pairing / "relationships" / "ada-lovelace" / "actions.toml"
    text = path.read_text().replace('owner = "me"', 'owner = "someone"')
    path.write_text(text)
    run = fails("actions")
    assert str(path) in run.stderr and "owner" in run.stderr
    assert path.read_text() == text
