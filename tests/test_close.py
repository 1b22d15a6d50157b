"""`close` says what becomes of open goals and commitments, and never decides it silently."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.helpers import cli, fails, new, ok
from tests.pty import answer, finish, spawn
from tests.store_fixtures import at


@pytest.fixture
def busy() -> None:
    new("Ada")
    ok("goal", "add", "ada", "Publish a paper", "--no-input")
    ok("goal", "add", "ada", "Give a talk", "--no-input")
    ok("recap", "ada", "--summary", "Plans.", "--action", "send outline", "--no-input")


def files(home: Path) -> dict[str, bytes]:
    return {str(p): p.read_bytes() for p in sorted(home.rglob("*")) if p.is_file()}


def test_without_a_terminal_open_items_need_a_word(home: Path, busy: None) -> None:
    before = files(home)
    run = fails("close", "ada", "--thanks", "all of it", "--no-input", code=2)
    assert "2 open goals and 1 open commitment" in run.stderr
    assert "--keep-open" in run.stderr and "--drop-open" in run.stderr
    assert files(home) == before  # nothing closed, nothing dropped
    assert ok("show", "ada", "--json").json()["status"] == "active"


def test_drop_open_drops_them_and_keeps_them_on_record(home: Path, busy: None) -> None:
    run = ok("close", "ada", "--drop-open", "--no-input")
    assert "2 open goals and 1 open commitment were dropped; they stay on record" in run.stdout
    goals = ok("goal", "list", "ada", "--all", "--json").json()
    assert [g["status"] for g in goals] == ["dropped", "dropped"]
    assert goals[0]["history"][-1]["note"] == "dropped at the close"
    actions = ok("actions", "ada", "--all", "--json").json()
    assert [a["status"] for a in actions] == ["dropped"]
    shown = ok("show", "ada", "--json").json()
    assert shown["status"] == "closed"
    assert shown["history"][-1]["detail"] == "2 open goals and 1 open commitment dropped"


def test_keep_open_leaves_them_as_they_are(busy: None) -> None:
    run = ok("close", "ada", "--keep-open", "--no-input")
    assert "2 open goals and 1 open commitment stay open" in run.stdout
    assert [g["status"] for g in ok("goal", "list", "ada", "--json").json()] == ["open", "open"]
    assert ok("show", "ada", "--json").json()["history"][-1]["detail"].endswith("kept")


def test_what_a_close_kept_open_stays_in_every_listing(
    busy: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A new user's report: kept open at the close, then gone from `actions`, `goal list`
    and `due` ("No goals yet"), as if dropped."""
    ok("recap", "ada", "--action", "book the room due:2026-03-16", "--no-input")
    ok("close", "ada", "--keep-open", "--no-input")
    assert len(ok("goal", "list", "--json").json()) == 2
    assert [a["text"] for a in ok("actions", "--json").json()] == ["book the room", "send outline"]
    monkeypatch.setenv("MENTORLOG_TODAY", "2026-03-20")
    due = ok("due", "--json").json()
    assert [a["text"] for a in due["overdue_actions"]] == ["book the room"]
    assert due["meetings"] == []  # no meeting is due with a closed pairing
    assert cli("due", "--quiet").exit_code == 3


def test_nothing_open_needs_no_word() -> None:
    new("Bo")
    run = ok("close", "bo", "--no-input")
    assert "open" not in run.stdout.split("\n")[1]


def test_the_walk_asks_what_becomes_of_them(home: Path, busy: None) -> None:
    child = spawn(home, "close", "ada", "--achieved", "a plan", "--learned", "",
                  "--differently", "", "--thanks", "")  # fmt: skip
    answer(child, "Close it now?", "y")
    answer(child, "What becomes of its 2 open goals and 1 open commitment?", "drop")
    child.expect_exact("were dropped; they stay on record")
    assert finish(child) == 0
    assert ok("actions", "ada", "--json").json() == []
    assert ok("show", "ada", "--json").json()["closing"]["achieved"] == "a plan"


def test_a_pairing_closed_before_the_choice_keeps_its_open_items_out_of_listings(
    home: Path, busy: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The review: closes from before `--keep-open` existed left items open (the history
    says nothing kept); listings never showed them, and must not start now."""
    ok("recap", "ada", "--action", "book the room due:2026-03-16", "--no-input")
    ok("close", "ada", "--keep-open", "--no-input")
    path = at(home, "relationships", "ada", "relationship.toml")
    text = path.read_text()
    path.write_text(re.sub(r'detail = "[^"]* kept"', 'detail = ""', text))
    assert ok("goal", "list", "--json").json() == [] and ok("actions", "--json").json() == []
    monkeypatch.setenv("MENTORLOG_TODAY", "2026-03-20")
    assert ok("due", "--json").json()["overdue_actions"] == []
    assert len(ok("actions", "ada", "--json").json()) == 2  # named, they are still there
