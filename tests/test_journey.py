"""A whole relationship, scripted with --no-input only, as a power user's aliases would."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from tests.helpers import Made, ok
from tests.store_fixtures import at as found_at


def at(monkeypatch: pytest.MonkeyPatch, today: str) -> None:
    monkeypatch.setenv("MENTORLOG_TODAY", today)


def test_scripted_journey_end_to_end(
    made: Made, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at(monkeypatch, "2026-01-05")
    ok("new-relationship", "Ada Lovelace", "--role", "mentee", "--cadence", "biweekly",
       "--purpose", "grow as a researcher", "--no-input")  # fmt: skip
    direction = ok(
        "direction", "ada-lovelace", "--aspirations", "lead a lab", "--current", "postdoc",
        "--goal", "Publish a paper", "--goal", "Give a talk", "--no-input", "--json",
    ).json()  # fmt: skip
    assert [g["goal"]["id"] for g in direction["goals"]] == [made.g(1), made.g(2)]
    assert direction["relationship"]["phase"] == "direction"
    assert direction["relationship"]["direction"]["aspirations"] == "lead a lab"

    at(monkeypatch, "2026-01-12")
    first = ok(
        "recap", "ada-lovelace", "--minutes", "45", "--summary", "Outline of the paper.",
        "--takeaway", "Start with the figure", "--decision", "Aim for the spring venue",
        "--action", "send outline @me due:2026-01-19", "--action", "intro to editor @partner",
        "--progress", made.sub("g1=30"), "--no-input", "--json",
    ).json()  # fmt: skip
    assert first["recap"]["date"] == "2026-01-12"
    assert first["recap"]["next"] == "2026-01-26"  # date plus the biweekly cadence
    assert [(a["id"], a["owner"]) for a in first["created"]] == [
        (made.a(1), "me"),
        (made.a(2), "partner"),
    ]
    assert first["phase"] == "progress" and first["phase_changed"] is True

    at(monkeypatch, "2026-01-27")
    second = ok(
        "recap", "ada-lovelace", "--date", "2026-01-26", "--done", made.a(1),
        "--action", "draft the introduction @both due:2026-02-05", "--progress", made.sub("g1=70"),
        "--no-input", "--json",
    ).json()  # fmt: skip
    assert second["done"] == [made.a(1)] and second["created"][0]["id"] == made.a(3)
    assert second["phase_changed"] is False
    ok("done", made.a(2))

    at(monkeypatch, "2026-02-10")
    third = ok(
        "recap", "ada-lovelace", "--date", "2026-02-09", "--done", made.a(3),
        "--progress", made.sub("g1=100"),
        "--next", "2026-03-02", "--no-input", "--json",
    ).json()  # fmt: skip
    assert third["achieved"] == [made.g(1)]
    goals = ok("goal", "list", "ada-lovelace", "--all", "--json").json()
    assert {g["id"]: g["status"] for g in goals} == {made.g(1): "achieved", made.g(2): "open"}
    assert ok("actions", "--json").json() == []

    prep = ok("prep", "ada-lovelace", "--json").json()
    assert prep["last_meeting"] == "2026-02-09" and prep["next_meeting"] == "2026-03-02"
    assert "## Goals" in ok("prep", "ada-lovelace", "--markdown").stdout
    due = ok("due", "--json").json()
    assert due["meetings"][0]["state"] == "later" and due["anything_overdue"] is False

    at(monkeypatch, "2026-02-12")
    ok("pause", "ada-lovelace", "--until", "2026-04-01", "--reason", "conference season")
    assert ok("list", "--status", "paused", "--json").json()[0]["status"] == "paused"
    assert ok("due", "--json").json()["meetings"] == []
    at(monkeypatch, "2026-03-20")
    ok("resume", "ada-lovelace")
    at(monkeypatch, "2026-06-30")
    ok("close", "ada-lovelace", "--keep-open", "--achieved", "a paper", "--learned", "start early",
       "--differently", "meet more", "--thanks", "for the patience", "--no-input")  # fmt: skip
    assert ok("list", "--json").json() == []
    assert ok("due", "--json").json()["meetings"] == []
    closed = ok("list", "--status", "all", "--json").json()
    assert closed[0]["status"] == "closed"
    shown = ok("show", "ada-lovelace", "--json").json()
    assert shown["closing"]["thanks"] == "for the patience"
    assert shown["meetings"] == 3

    events = ok("log", "ada-lovelace", "--json").json()
    assert [e["date"] for e in events] == sorted(e["date"] for e in events)
    kinds = [e["event"] for e in events]
    for expected in ("started", "phase", "goal-set", "meeting", "goal-achieved", "paused",
                     "resumed", "closed"):  # fmt: skip
        assert expected in kinds
    assert kinds.count("meeting") == 3 and kinds.count("goal-set") == 2
    assert kinds[0] == "started" and kinds[-1] == "closed"
    phases = [e["detail"] for e in events if e["event"] == "phase"]
    assert phases == ["direction", "progress"]

    for path in home.rglob("*"):
        if path.suffix == ".toml":
            tomllib.loads(path.read_text())
        elif path.suffix == ".md":
            front = path.read_text().split("+++\n")[1]
            assert tomllib.loads(front)["schema_version"] == 1


def test_recap_files_are_markdown_with_front_matter(home: Path) -> None:
    ok("new-relationship", "Ada", "--role", "peer", "--started", "2026-03-01", "--no-input")
    ok("recap", "ada", "--summary", "We talked.\n\n## Ideas\n- one", "--takeaway", "t",
       "--no-input")  # fmt: skip
    ok("recap", "ada", "--summary", "Same day, again.", "--no-input")
    recaps = found_at(home, "relationships", "ada", "recaps")
    first, second = sorted(recaps.iterdir(), key=lambda p: "Same day" in p.read_text())
    text = first.read_text()
    assert text.startswith("+++\nschema_version = 1\ndate = 2026-03-15\n")
    assert text.endswith("+++\n\nWe talked.\n\n## Ideas\n- one\n")
    assert "Same day" in second.read_text()


def test_recap_notes_in_the_editor(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    ok("new-relationship", "Ada", "--role", "peer", "--started", "2026-03-01", "--no-input")
    script = tmp_path / "editor.py"
    script.write_text(
        "import sys, pathlib\n"
        "p = pathlib.Path(sys.argv[1])\n"
        "p.write_text(p.read_text() + '# Notes\\n\\nWe planned the talk.\\n')\n"
    )
    monkeypatch.setenv("EDITOR", f"{sys.executable} {script}")
    result = ok("recap", "ada", "--edit", "--no-input", "--json").json()
    assert result["recap"]["body"] == "# Notes\n\nWe planned the talk."


def test_show_renders_goals_commitments_and_closing(monkeypatch: pytest.MonkeyPatch) -> None:
    ok("new-relationship", "Ada", "--role", "peer", "--started", "2026-03-01",
       "--cadence", "weekly", "--no-input")  # fmt: skip
    ok("direction", "ada", "--aspirations", "lead a lab", "--goal", "Publish", "--no-input")
    ok("recap", "ada", "--action", "send outline @partner", "--no-input")
    shown = ok("show", "ada").stdout
    for expected in ("lead a lab", "Publish", "send outline", "Meetings", "Next meeting"):
        assert expected in shown
    ok("close", "ada", "--thanks", "the coffee", "--keep-open", "--no-input")
    assert "the coffee" in ok("show", "ada").stdout


def test_the_log_keeps_the_order_things_happened_in_on_one_day(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A new user's report: paused and resumed the same day, the log said resumed first."""
    ok("new-relationship", "Ada", "--role", "mentee", "--no-input")
    at(monkeypatch, "2026-04-01")
    ok("pause", "ada", "--until", "2026-05-01", "--no-input")
    ok("resume", "ada", "--no-input")
    ok("pause", "ada", "--until", "2026-06-01", "--no-input")
    day = [e["event"] for e in ok("log", "ada", "--json").json() if e["date"] == "2026-04-01"]
    assert day == ["paused", "resumed", "paused"]


def test_prep_shows_what_you_talked_about_last_time_whole(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A new user's report: "Last time" showed the first line of a two-line summary."""
    ok("new-relationship", "Ada", "--role", "mentee", "--no-input")
    at(monkeypatch, "2026-04-01")
    summary = "Talked about her first compiler bug.\nAnd the Coimbra talk in May."
    ok("recap", "ada", "--summary", summary + "\n\nA later paragraph.", "--no-input")
    at(monkeypatch, "2026-04-10")
    shown = ok("prep", "ada").stdout
    assert "first compiler bug" in shown and "Coimbra talk in May" in shown
    assert "A later paragraph" not in shown
