"""`due`: overdue meetings by every cadence form, on fixed dates."""

from __future__ import annotations

from datetime import date

import pytest

from mentorlog.core.dates import Cadence
from tests.helpers import Made, cli, fails, ok


@pytest.mark.parametrize(
    ("cadence", "last", "next_due"),
    [
        ("weekly", "2026-03-02", "2026-03-09"),
        ("biweekly", "2026-03-02", "2026-03-16"),
        ("monthly", "2026-01-31", "2026-02-28"),  # clipped to the month's end
        ("monthly", "2024-01-31", "2024-02-29"),  # leap year
        ("every 10 days", "2026-03-02", "2026-03-12"),
        ("every 3 weeks", "2026-03-02", "2026-03-23"),
        ("every 2 months", "2026-12-15", "2027-02-15"),
    ],
)
def test_cadence_after(cadence: str, last: str, next_due: str) -> None:
    after = Cadence.parse(cadence).after(date.fromisoformat(last))
    assert after == date.fromisoformat(next_due)


def meet(monkeypatch: pytest.MonkeyPatch, slug: str, cadence: str, met: str) -> None:
    monkeypatch.setenv("MENTORLOG_TODAY", met)
    ok("new-relationship", slug, "--role", "mentor", "--cadence", cadence,
       "--started", "2025-01-01", "--no-input")  # fmt: skip
    ok("recap", slug, "--date", met, "--summary", "met", "--no-input")


@pytest.mark.parametrize(
    ("cadence", "met", "today", "state", "days"),
    [
        ("weekly", "2026-03-02", "2026-03-10", "overdue", 1),
        ("weekly", "2026-03-02", "2026-03-09", "due", 0),
        ("weekly", "2026-03-02", "2026-03-04", "soon", -5),
        ("biweekly", "2026-03-02", "2026-03-17", "overdue", 1),
        ("biweekly", "2026-03-02", "2026-03-15", "soon", -1),
        ("monthly", "2026-01-31", "2026-03-01", "overdue", 1),
        ("monthly", "2026-03-01", "2026-03-15", "later", -17),
        ("every 10 days", "2026-03-01", "2026-03-13", "overdue", 2),
        ("every 3 weeks", "2026-03-01", "2026-03-22", "due", 0),
    ],
)
def test_due_states_for_each_cadence(
    monkeypatch: pytest.MonkeyPatch, cadence: str, met: str, today: str, state: str, days: int
) -> None:
    meet(monkeypatch, "pair", cadence, met)
    monkeypatch.setenv("MENTORLOG_TODAY", today)
    (meeting,) = ok("due", "--json").json()["meetings"]
    assert (meeting["state"], meeting["days"]) == (state, days)
    quiet = cli("due", "--quiet")
    assert quiet.stdout == "" and quiet.exit_code == (3 if state == "overdue" else 0)


def test_without_recaps_the_cadence_counts_from_the_start(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ok("new-relationship", "Ada", "--role", "mentee", "--cadence", "weekly",
       "--started", "2026-03-01", "--no-input")  # fmt: skip
    (meeting,) = ok("due", "--json").json()["meetings"]
    assert meeting["next_meeting"] == "2026-03-08" and meeting["state"] == "overdue"


def test_explicit_next_beats_the_cadence(monkeypatch: pytest.MonkeyPatch) -> None:
    meet(monkeypatch, "pair", "weekly", "2026-03-02")
    ok("recap", "pair", "--date", "2026-03-02", "--next", "2026-04-01", "--summary", "x",
       "--no-input")  # fmt: skip
    monkeypatch.setenv("MENTORLOG_TODAY", "2026-03-20")
    (meeting,) = ok("due", "--json").json()["meetings"]
    assert meeting["next_meeting"] == "2026-04-01" and meeting["state"] == "later"


def test_no_cadence_is_unscheduled_and_not_overdue() -> None:
    ok("new-relationship", "Ada", "--role", "peer", "--no-input")
    (meeting,) = ok("due", "--json").json()["meetings"]
    assert meeting["state"] == "unscheduled"
    assert cli("due", "--quiet").exit_code == 0
    assert "No meetings due" in ok("due").stdout


def test_overdue_commitments_make_due_fail_quietly(
    made: Made, monkeypatch: pytest.MonkeyPatch
) -> None:
    ok("new-relationship", "Ada", "--role", "mentee", "--started", "2026-03-01", "--no-input")
    ok("recap", "ada", "--date", "2026-03-10", "--action", "send CV @me due:2026-03-12",
       "--next", "2026-04-30", "--no-input")  # fmt: skip
    assert cli("due", "--quiet").exit_code == 3
    result = ok("due", "--json").json()
    assert [a["id"] for a in result["overdue_actions"]] == [made.a(1)]
    assert result["overdue_actions"][0]["overdue_days"] == 3
    assert "send CV" in ok("due").stdout


def test_human_view_names_who_is_overdue(monkeypatch: pytest.MonkeyPatch) -> None:
    meet(monkeypatch, "pair", "weekly", "2026-03-02")
    monkeypatch.setenv("MENTORLOG_TODAY", "2026-03-20")
    shown = ok("due").stdout
    assert "pair" in shown and "overdue by 11 days" in shown


def test_paused_relationships_are_not_due_but_an_ended_pause_is_noted(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    meet(monkeypatch, "pair", "weekly", "2026-03-02")
    ok("pause", "pair", "--until", "2026-03-10")
    assert "already paused" in fails("pause", "pair").stderr
    monkeypatch.setenv("MENTORLOG_TODAY", "2026-03-20")
    result = ok("due", "--json").json()
    assert result["meetings"] == []
    assert result["pauses_ended"][0]["slug"] == "pair"
    assert "mentorlog resume pair" in ok("due").stdout
