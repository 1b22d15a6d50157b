"""health, network, journey and seasons on fixture stores with known answers."""

from __future__ import annotations

import pytest

from mentorlog.core.health import trend
from tests.helpers import Made, fails, ok
from tests.pty import answer, finish, spawn
from tests.store_fixtures import at as found_at


def at(monkeypatch: pytest.MonkeyPatch, today: str) -> None:
    monkeypatch.setenv("MENTORLOG_TODAY", today)


# -- health -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("history", "expected"),
    [([], "none"), ([3], "new"), ([2, 4], "up"), ([4, 3], "down"), ([3, 3], "steady"),
     ([1, 5, 5, 5, 4], "down"), ([2, 2, 3, 2], "steady"), ([3, 4, 3], "down"), ([3, 3, 4], "up")],
)  # fmt: skip
def test_trend(history: list[int], expected: str) -> None:
    assert trend(history) == expected


@pytest.fixture
def checked(monkeypatch: pytest.MonkeyPatch) -> None:
    at(monkeypatch, "2026-01-01")
    ok("new-relationship", "Ada Lovelace", "--role", "mentee", "--no-input")
    for day, listening, challenge, respect in (
        ("2026-01-10", 2, 4, 5), ("2026-02-10", 3, 4, 5), ("2026-03-10", 4, 2, 5)
    ):  # fmt: skip
        at(monkeypatch, day)
        ok("checkin", "ada-lovelace", "--rate", f"listening={listening}",
           "--rate", f"challenge={challenge}", "--rate", f"respect={respect}",
           "--note", "challenge=too comfortable lately", "--no-input")  # fmt: skip


def test_health_trends_and_weakest(checked: None, monkeypatch: pytest.MonkeyPatch) -> None:
    at(monkeypatch, "2026-03-15")
    view = ok("health", "ada-lovelace", "--json").json()
    by_quality = {q["quality"]: q for q in view["qualities"]}
    assert by_quality["listening"]["history"] == [2, 3, 4]
    assert by_quality["listening"]["trend"] == "up"
    assert by_quality["challenge"]["trend"] == "down"
    assert by_quality["respect"]["trend"] == "steady"
    assert by_quality["articulation"]["trend"] == "none"
    assert view["weakest"] == "challenge" and "uncomfortable" in view["suggestion"]
    assert view["checkins"] == 3 and view["last_checkin"] == "2026-03-10"
    assert view["average"] == pytest.approx(3.7) and view["stale"] is False
    shown = ok("health", "ada-lovelace").stdout
    assert "Room to grow: challenge" in shown and "↑ up" in shown and "↓ down" in shown
    assert "▂▄▆" in shown  # listening over time: 2, 3, 4
    assert by_quality["challenge"]["note"] == "too comfortable lately"
    assert by_quality["challenge"]["rated_on"] == "2026-03-10"
    assert "too comfortable lately" in shown


def test_no_weakest_when_all_are_equal(monkeypatch: pytest.MonkeyPatch) -> None:
    ok("new-relationship", "Ada", "--role", "peer", "--no-input")
    ok("checkin", "ada", "--rate", "listening=3", "--rate", "respect=3")
    view = ok("health", "ada", "--json").json()
    assert view["weakest"] is None and view["suggestion"] is None
    assert "Room to grow" not in ok("health", "ada").stdout


def test_health_notes_an_old_checkin(checked: None, monkeypatch: pytest.MonkeyPatch) -> None:
    at(monkeypatch, "2026-07-01")
    view = ok("health", "ada-lovelace", "--json").json()
    assert view["stale"] is True and view["days_since"] == 113
    assert "113 days ago" in ok("health", "ada-lovelace").stdout


def test_health_across_relationships(checked: None) -> None:
    ok("new-relationship", "Grace", "--role", "mentor", "--no-input")
    views = ok("health", "--json").json()
    assert [(v["slug"], v["checkins"]) for v in views] == [("ada-lovelace", 3), ("grace", 0)]
    table = ok("health").stdout
    assert "challenge" in table and "never" in table
    assert "No check-ins" in ok("health", "grace").stdout


def test_checkin_files_and_errors(checked: None) -> None:
    saved = ok("checkin", "ada-lovelace", "--rate", "goal-clarity=5", "--json").json()
    assert saved["ratings"] == {"goal_clarity": 5}
    assert (
        "not one of the qualities"
        in fails("checkin", "ada-lovelace", "--rate", "vibes=3", code=2).stderr
    )
    assert "from 1 to 5" in fails("checkin", "ada-lovelace", "--rate", "listening=6", code=2).stderr
    assert "QUALITY=VALUE" in fails("checkin", "ada-lovelace", "--rate", "listening", code=2).stderr
    assert "--rate" in fails("checkin", "ada-lovelace", "--no-input", code=2).stderr


def test_checkin_walk(home: object) -> None:
    from pathlib import Path

    assert isinstance(home, Path)
    ok("new-relationship", "Ada", "--role", "peer", "--no-input")
    child = spawn(home, "checkin", "ada")
    answer(child, "Articulation", "4")
    answer(child, "A note?", "")
    answer(child, "Listening", "9")
    answer(child, "not a rating", "2")
    answer(child, "A note?", "I talk too much")
    for quality in ("Respect", "Goal clarity", "Challenge", "Self-awareness",
                    "Commitment to learning", "Reflection and preparation"):  # fmt: skip
        answer(child, quality, "")
    child.expect_exact("Check-in saved (2 qualities rated)")
    assert finish(child) == 0
    view = ok("health", "ada", "--json").json()
    assert view["weakest"] == "listening"
    (checkin,) = (found_at(home, "relationships", "ada", "checkins")).iterdir()
    assert 'listening = "I talk too much"' in checkin.read_text()


# -- network ------------------------------------------------------------------------------
@pytest.fixture
def network() -> None:
    ok("new-relationship", "Ada", "--role", "mentee", "--area", "Research",
       "--area", "writing", "--no-input")  # fmt: skip
    ok("new-relationship", "Grace", "--role", "mentee", "--area", "research",
       "--area", "leadership", "--no-input")  # fmt: skip
    ok("new-relationship", "Linus", "--role", "mentor", "--area", "git", "--no-input")
    ok("new-relationship", "Barbara", "--role", "peer", "--area", "public speaking",
       "--no-input")  # fmt: skip
    ok("pause", "barbara")
    ok("network", "want", "research", "public speaking", "Finance", "writing")


def test_my_mentees_do_not_cover_what_i_want(network: None) -> None:
    assert ok("network", "want", "git", "--json").json()["gaps"][-1] == "git"


def test_network_groups_gaps_and_single_coverage(network: None) -> None:
    view = ok("network", "--json").json()
    assert [m["slug"] for m in view["mentors"]] == ["ada", "grace"]
    assert [m["slug"] for m in view["mentees"]] == ["linus"]
    assert [m["slug"] for m in view["peers"]] == ["barbara"]
    assert view["wants"] == ["research", "public speaking", "Finance", "writing"]
    assert view["gaps"] == ["public speaking", "Finance"]  # barbara is paused
    assert sorted(view["single"]) == ["leadership", "writing"]  # linus is my mentee
    coverage = {c["area"].lower(): c["slugs"] for c in view["coverage"]}
    assert coverage["research"] == ["ada", "grace"]
    shown = ok("network").stdout
    assert "Mentors (2)" in shown and "Gaps: public speaking, Finance" in shown
    markdown = ok("network", "--markdown").stdout
    assert markdown.startswith("# My mentoring network") and "- Finance (gap)" in markdown


def test_network_want_and_unwant(network: None) -> None:
    assert ok("network", "want", "FINANCE", "--json").json()["wants"].count("Finance") == 1
    view = ok("network", "unwant", "finance", "public speaking", "--json").json()
    assert view["gaps"] == []
    assert "not among the areas" in fails("network", "unwant", "cooking", code=2).stderr
    assert "Every area you want is covered" in ok("network").stdout


# -- journey ------------------------------------------------------------------------------
def test_journey_timeline(made: Made, monkeypatch: pytest.MonkeyPatch) -> None:
    ok("journey", "add", "First research job", "--date", "2019-09-01", "--why", "it began")
    at(monkeypatch, "2026-01-01")
    ok("new-relationship", "Ada", "--role", "mentee", "--no-input")
    ok("goal", "add", "ada", "Publish a paper", "--no-input")
    at(monkeypatch, "2026-02-01")
    ok("goal", "done", made.g(1))
    at(monkeypatch, "2026-03-01")
    ok("close", "ada", "--learned", "ask early", "--no-input")
    ok("journey", "add", "Became a team lead", "--date", "2026-02-01")
    items = ok("journey", "--json").json()
    assert [(i["date"], i["kind"]) for i in items] == [
        ("2019-09-01", "milestone"), ("2026-02-01", "milestone"), ("2026-02-01", "goal"),
        ("2026-03-01", "relationship"),
    ]  # fmt: skip
    assert items[2]["title"] == "Publish a paper" and items[3]["why"] == "ask early"
    shown = ok("journey").stdout
    assert "2019" in shown and "★" in shown and "First research job" in shown
    assert "not a valid" in fails("journey", "add", "x", "--date", "2026-13-01", code=2).stderr


def test_empty_journey_says_how_to_start() -> None:
    assert "journey add" in ok("journey").stdout


# -- seasons ------------------------------------------------------------------------------
@pytest.fixture
def seasons(monkeypatch: pytest.MonkeyPatch) -> None:
    at(monkeypatch, "2026-06-20")
    ok("new-relationship", "Ada", "--role", "mentee", "--cadence", "biweekly",
       "--started", "2026-01-05", "--no-input")  # fmt: skip
    for day in ("2026-01-05", "2026-01-19", "2026-02-02", "2026-02-16", "2026-05-04",
                "2026-05-18"):  # fmt: skip
        ok("recap", "ada", "--date", day, "--summary", "met", "--no-input")


def test_seasons_bars_per_month_and_gaps(seasons: None) -> None:
    view = ok("seasons", "ada", "--json").json()
    months = [(m["month"], m["meetings"], m["gap"]) for m in view["months"]]
    assert months == [
        ("2026-01", 2, False), ("2026-02", 2, False), ("2026-03", 0, True),
        ("2026-04", 0, True), ("2026-05", 2, False), ("2026-06", 0, True),
    ]  # fmt: skip
    gaps = [(g["start"], g["end"], g["days"], g["ongoing"]) for g in view["gaps"]]
    assert gaps == [("2026-02-16", "2026-05-04", 77, False), ("2026-05-18", "2026-06-20", 33, True)]
    assert view["meetings"] == 6 and view["gaps"][0]["limit"] == 28
    chart = ok("seasons", "ada").stdout
    assert "2026-03 · · gap" in chart and "2026-01 ████████ 2" in chart
    assert "2026-02-16 to 2026-05-04: 77 days" in chart and "to now" in chart


def test_seasons_leave_out_pauses_and_the_time_after_a_close(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    at(monkeypatch, "2026-01-05")
    ok("new-relationship", "Pat", "--role", "peer", "--cadence", "weekly", "--no-input")
    ok("recap", "pat", "--summary", "met", "--no-input")
    at(monkeypatch, "2026-01-10")
    ok("pause", "pat")
    at(monkeypatch, "2026-03-01")
    ok("resume", "pat")
    at(monkeypatch, "2026-03-05")
    ok("recap", "pat", "--summary", "met", "--no-input")
    at(monkeypatch, "2026-03-20")
    ok("close", "pat", "--no-input")
    at(monkeypatch, "2026-06-01")
    view = ok("seasons", "pat", "--json").json()
    assert view["gaps"] == []
    assert [m["gap"] for m in view["months"]] == [False, False, False]


def test_seasons_across_all(seasons: None) -> None:
    ok("new-relationship", "Grace", "--role", "peer", "--started", "2026-05-01", "--no-input")
    ok("recap", "grace", "--date", "2026-05-04", "--summary", "met", "--no-input")
    view = ok("seasons", "--json").json()
    assert {m["month"]: m["meetings"] for m in view["months"]}["2026-05"] == 3
    assert view["meetings"] == 7
    assert all(g["slug"] == "ada" for g in view["gaps"])  # grace has no cadence


def test_seasons_on_an_empty_store() -> None:
    assert "Nothing to chart yet" in ok("seasons").stdout
    assert ok("seasons", "--json").json()["months"] == []


def test_a_back_dated_recap_never_shows_the_phase_going_backwards() -> None:
    """A new user's report: direction set today, then a recap of yesterday: `log` read
    "2026-03-14 phase progress" before "2026-03-15 phase direction"."""
    ok("new-relationship", "Ann Lee", "--role", "mentee", "--started", "2026-03-09", "--no-input")
    ok("direction", "ann-lee", "--goal", "Ship paper", "--no-input")
    ok("recap", "ann-lee", "--date", "yesterday", "--summary", "x", "--no-input")
    events = [e for e in ok("log", "ann-lee", "--json").json() if e["event"] == "phase"]
    assert [e["detail"] for e in events][-2:] == ["direction", "progress"]
    assert events[-1]["date"] >= events[-2]["date"]
