"""`mentorlog export`: the Markdown document, the calendar, the site, and `--shared`."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tomllib
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mentorlog.core.ics import LIMIT, escape, event, fold
from mentorlog.core.store import Store
from tests.helpers import fails, ok

# Planted in every private place; none may appear in a --shared export.
PRIVATE = {
    "check-in note": "MARK-CHECKIN",
    "reflection answer": "MARK-REFLECT",
    "network wants": "MARK-NETWORK",
    "journey milestone": "MARK-JOURNEY",
    "journey why": "MARK-WHY",
    "closing achieved": "MARK-ACHIEVED",
    "closing learned": "MARK-LEARNED",
    "closing differently": "MARK-DIFFERENTLY",
    "closing thanks": "MARK-THANKS",
    "kept by a merge": "MARK-KEPT",
    "another relationship": "MARK-OTHER",
}


def _private_home(
    home: Path, rapport: tuple[str, ...] = (), direction: tuple[str, ...] = ()
) -> None:
    """Ada (with `rapport` and `direction` answers, if any) closed, everything private."""
    ok("new-relationship", "Ada Lovelace", "--slug", "ada", "--role", "mentee", *rapport,
       "--no-input")  # fmt: skip
    if direction:
        ok("direction", "ada", *direction, "--no-input")
    ok("new-relationship", "Grace MARK-OTHER", "--slug", "grace", "--role", "mentor", "--no-input")
    ok("goal", "add", "ada", "Ship the thing", "--no-input")
    ok("recap", "ada", "--summary", "We talked", "--action", "send CV due:2026-04-01", "--no-input")
    ok("checkin", "ada", "--rate", "listening=4", "--note", "listening=MARK-CHECKIN", "--no-input")
    ok("reflect", "ada", "--set", "gratitude", "--answer", "MARK-REFLECT", "--no-input")
    ok("network", "want", "MARK-NETWORK")
    ok("journey", "add", "MARK-JOURNEY", "--why", "MARK-WHY", "--date", "2020-01-01")
    closing = ["--achieved", "MARK-ACHIEVED", "--learned", "MARK-LEARNED"]
    closing += ["--differently", "MARK-DIFFERENTLY", "--thanks", "MARK-THANKS"]
    ok("close", "ada", *closing, "--keep-open", "--no-input")
    path = Store(home).relationship_file("ada")
    kept = '\n[[kept_both]]\nfield = "purpose"\nother = "MARK-KEPT"\n'
    path.write_text(path.read_text() + kept)


def _site_text(folder: Path) -> str:
    return "".join(p.read_text() for p in sorted(folder.rglob("*")) if p.is_file())


@pytest.mark.parametrize("form", ["markdown", "json", "ics", "site"])
def test_shared_leaves_out_every_private_field(home: Path, tmp_path: Path, form: str) -> None:
    _private_home(home)
    everything = ok("export", "--format", "json").stdout + ok("export", "grace").stdout
    assert [name for name, mark in PRIVATE.items() if mark not in everything] == []
    out = tmp_path / "out"
    ok("export", "ada", "--format", form, "--shared", "-o", str(out))
    text = _site_text(out) if out.is_dir() else out.read_text()
    assert "Ada Lovelace" in text or form == "ics"
    assert [name for name, mark in PRIVATE.items() if mark in text] == []


def test_shared_needs_one_relationship(home: Path) -> None:
    _private_home(home)
    run = fails("export", "--shared", code=2)
    assert "--shared exports one relationship" in run.stderr


def test_the_markdown_document_reads_in_order(
    healthy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MENTORLOG_TODAY", "2026-03-20")
    ok("recap", "ada", "--date", "2026-03-20", "--summary", "## Later\n\nMore words", "--no-input")
    text = ok("export", "ada").stdout
    order = ["# Ada Lovelace", "## Agreement", "## Goals", "**Ship the thing** (40%, open)"]
    order += ["## Commitments", "- [ ] send CV (me)", "## Sessions"]
    order += ["### Session with Ada Lovelace on 2026-03-15", "We talked"]
    order += ["### Session with Ada Lovelace on 2026-03-20", "#### Later", "More words"]
    places = [text.index(part) for part in order]
    assert places == sorted(places)
    assert "Agreed on 2026-03-10." in text


def test_the_whole_journal_as_markdown(healthy: Path) -> None:
    text = ok("export").stdout
    assert text.startswith("# Mentoring journal\n")
    for part in ("## Ada Lovelace", "## Grace Hopper", "## Reflections", "## Journey", "Started"):
        assert part in text


def test_control_characters_never_reach_the_terminal_or_the_calendar(healthy: Path) -> None:
    evil = "\x1b]0;owned\x07 call \x1b[2J Bob"
    ok("recap", "ada", "--summary", evil, "--action", f"{evil} due:2026-04-01", "--no-input")
    for form in ("markdown", "json", "ics"):
        out = ok("export", "ada", "--format", form).stdout
        assert "\x1b" not in out and "\x07" not in out, form
        assert "call" in out and "Bob" in out


# -- the calendar -------------------------------------------------------------------------
def _calendar(*args: str) -> bytes:
    """The calendar's bytes, as written to a file (the test runner's stdout reads CRLF
    as a line end)."""
    path = Path(os.environ["MENTORLOG_HOME"]).parent / "calendar.ics"
    ok("export", *args, "--format", "ics", "-o", str(path))
    return path.read_bytes()


def test_the_calendar_parses_and_its_events_are_the_due_dates(healthy: Path) -> None:
    import icalendar

    ok("recap", "ada", "--action", "call Bob, today; really \\ @both due:2026-04-02", "--no-input")
    ok("edit", "ada", "--cadence", "every 2 weeks", "--no-input")
    raw = _calendar()
    assert raw.endswith(b"END:VCALENDAR\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    assert all(len(line) <= LIMIT for line in raw.split(b"\r\n"))
    calendar = icalendar.Calendar.from_ical(raw)
    events = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    actions = ok("actions", "--json").json()
    due = {f"commitment-{a['id']}@mentorlog": a for a in actions if a["due"]}
    assert due and set(due) <= set(events)
    for uid, action in due.items():
        assert events[uid].decoded("DTSTART").isoformat() == action["due"]
        assert action["text"] in str(events[uid]["SUMMARY"])
    meeting = events["meeting-ada@mentorlog"]
    assert (
        meeting.decoded("DTSTART").isoformat()
        == ok("due", "--json").json()["meetings"][0]["next_meeting"]
    )
    rule: Any = meeting["RRULE"]
    assert rule["FREQ"] == ["WEEKLY"] and rule["INTERVAL"] == [2]
    assert "DTSTAMP" in meeting


def test_event_ids_stay_the_same_from_export_to_export(healthy: Path) -> None:
    import icalendar

    ok("recap", "ada", "--action", "write it up due:2026-04-09", "--no-input")

    def uids() -> list[str]:
        return sorted(
            str(e["UID"]) for e in icalendar.Calendar.from_ical(_calendar()).walk("VEVENT")
        )

    first = uids()
    assert first == uids()
    ok("recap", "grace", "--summary", "again", "--no-input")
    assert first == uids()


def test_text_is_escaped_and_long_lines_fold_between_characters() -> None:
    assert escape("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"
    line = "SUMMARY:" + "é" * 100
    folded = fold(line).split("\r\n")
    assert all(len(part.encode("utf-8")) <= LIMIT for part in folded)
    assert all(part.startswith(" ") for part in folded[1:])
    assert "".join(part.removeprefix(" ") for part in [folded[0], *folded[1:]]) == line


# -- the site -----------------------------------------------------------------------------
def _front(page: Path) -> dict[str, object]:
    text = page.read_text()
    assert text.startswith("+++\n"), page
    return tomllib.loads(text.split("+++\n")[1])


def test_the_site_has_a_page_with_title_and_date_for_everything(
    healthy: Path, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    ok("export", "--format", "site", "-o", str(site))
    assert tomllib.loads((site / "hugo.toml").read_text())["title"]
    assert (site / "layouts" / "_default" / "single.html").is_file()
    pages = sorted((site / "content").rglob("*.md"))
    recaps = [p for p in pages if p.parent.name in ("ada", "grace") and p.name != "_index.md"]
    assert len(recaps) == 2 and (site / "content" / "ada" / "_index.md").is_file()
    assert any(p.parent.name == "journal" for p in pages)
    for page in pages:
        front = _front(page)
        assert front["title"] and front["date"], page
    assert _front(recaps[0])["title"] == "Session with Ada Lovelace on 2026-03-15"
    ok("export", "--format", "site", "-o", str(site))  # a site it made is written again


def test_the_site_goes_only_into_a_new_empty_or_earlier_site_folder(
    healthy: Path, tmp_path: Path
) -> None:
    (tmp_path / "mine.txt").write_text("keep me")
    run = fails("export", "--format", "site", "-o", str(tmp_path), code=2)
    assert "is not empty and is not a site mentorlog made" in run.stderr
    assert "-o" in fails("export", "--format", "site", code=2).stderr
    inside = fails("export", "--format", "site", "-o", str(healthy / "site"), code=2).stderr
    assert "is inside your mentorlog home" in inside and not (healthy / "site").exists()


@pytest.mark.skipif(shutil.which("hugo") is None, reason="hugo is not installed here")
def test_hugo_builds_the_site(healthy: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    ok("export", "--format", "site", "-o", str(site))
    subprocess.run(["hugo", "--source", str(site)], check=True, capture_output=True)
    built = (site / "public" / "ada").rglob("index.html")
    assert any("Session with Ada Lovelace" in p.read_text() for p in built)


# -- titles and Hugo's keys in front matter -----------------------------------------------
def test_hand_added_hugo_keys_are_accepted_and_kept(healthy: Path) -> None:
    recap = ok("recaps", "ada", "--json").json()
    recap_id = recap[0]["id"] if isinstance(recap, list) else recap["recaps"][0]["id"]
    path = Store(healthy).recap_file("ada", recap_id)
    hugo = 'tags = ["cv"]\ndraft = false\ndescription = "About the CV"\nlastmod = 2026-03-16\n'
    path.write_text(path.read_text().replace("+++\n", "+++\n" + hugo, 1))
    ok("log", "ada")
    read = ok("read", f"ada/{recap_id}", "--json").json()
    assert json.dumps(read).count("About the CV") == 1
    exported = json.loads(ok("export", "ada", "--format", "json").stdout)
    assert exported["relationships"][0]["recaps"][0]["tags"] == ["cv"]
    assert "Nothing needs your attention" in ok("doctor").stdout  # a draft is only a note


@settings(max_examples=200, deadline=None)
@given(
    st.text(st.characters(exclude_categories=["Cs", "Cc"], include_characters="\n\t"), max_size=300)
)
def test_any_summary_reads_back_from_the_calendar_as_written(text: str) -> None:
    import icalendar

    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN"]
    lines += event("x@mentorlog", date(2026, 3, 15), text, date(2026, 3, 15), [])
    raw = "".join(fold(line) + "\r\n" for line in [*lines, "END:VCALENDAR"]).encode()
    assert all(len(line) <= LIMIT for line in raw.split(b"\r\n"))
    parsed = icalendar.Calendar.from_ical(raw).walk("VEVENT")[0]
    assert str(parsed["SUMMARY"]) == text


def test_the_markdown_document_holds_every_answer_you_gave(home: Path) -> None:
    """A new user's report: the document left out the rapport and direction answers,
    the check-ins and the closing reflection (only `--shared` leaves out the last two)."""
    _private_home(home, ("--background", "MARK-BACKGROUND", "--common-ground", "MARK-COMMON"),
                  ("--aspirations", "MARK-VISION"))  # fmt: skip
    mine = ok("export", "ada").stdout
    for mark in ("MARK-BACKGROUND", "MARK-COMMON", "MARK-VISION", "MARK-CHECKIN",
                 "MARK-ACHIEVED", "MARK-LEARNED", "MARK-DIFFERENTLY", "MARK-THANKS"):  # fmt: skip
        assert mark in mine, mark
    assert "## Check-ins" in mine and "listening 4" in mine and "; closed." in mine
    shared = ok("export", "ada", "--shared").stdout
    assert "MARK-BACKGROUND" in shared and "MARK-CHECKIN" not in shared


def test_a_broken_prompt_set_stops_only_the_json_export(healthy: Path) -> None:
    """The attack on the store: a broken prompts/*.toml stopped the Markdown document and
    the calendar too, which never show prompt sets. The JSON backup still stops."""
    broken = healthy / "prompts" / "mine.toml"
    broken.write_text(broken.read_text() + "x = = 1\n")
    assert ok("export").stdout and ok("export", "--format", "ics").stdout
    assert str(broken) in fails("export", "--format", "json").stderr


def test_done_and_dropped_commitments_read_as_such(home: Path) -> None:
    """A new user's report: a dropped commitment read `- [-]`, no task box Markdown knows."""
    ok("new-relationship", "Ada", "--role", "mentee", "--no-input")
    ok("recap", "ada", "--summary", "We met", "--action", "send CV", "--action", "book room",
       "--no-input")  # fmt: skip
    ids = {a["text"]: a["id"] for a in ok("actions", "--json").json()}
    ok("done", ids["send CV"])
    ok("renegotiate", ids["book room"], "--drop", "--no-input")
    text = ok("export", "ada").stdout
    assert "- [x] send CV (me)" in text
    assert "- [x] ~~book room~~ (me, dropped)" in text
    assert "[-]" not in text


def test_an_answer_typed_on_two_lines_stays_on_two_lines(home: Path) -> None:
    """A new user's report: "Both climbers" and "Both from small towns", typed as two
    lines, ran together as one paragraph in the Markdown document."""
    ok("new-relationship", "Ada", "--role", "mentee", "--common-ground",
       "Both climbers\nBoth from small towns", "--norms", "Cancel early\nBe candid",
       "--no-input")  # fmt: skip
    assert "Both climbers\\\nBoth from small towns" in ok("export", "ada").stdout
    assert "Cancel early\\\nBe candid" in ok("agreement", "ada", "--markdown").stdout
