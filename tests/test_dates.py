"""Natural dates (issue 10, part 4): every form read against a fixed today, both ways,
and through the CLI where a person types them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mentorlog.core.dates import Prefer, parse_date
from mentorlog.core.errors import Ambiguous, InvalidInput
from tests.helpers import TODAY, fails, new, ok
from tests.pty import answer, finish, spawn

THURSDAY = date(2026, 12, 3)
PAST, FUTURE = Prefer.past, Prefer.future


def day(text: str, prefer: Prefer, today: date = THURSDAY) -> str:
    return parse_date(text, today, prefer, "--date").isoformat()


@pytest.mark.parametrize(
    ("text", "past", "future"),
    [
        ("2026-12-03", "2026-12-03", "2026-12-03"),
        ("2025-01-31", "2025-01-31", "2025-01-31"),
        ("2026/12/03", "2026-12-03", "2026-12-03"),
        ("today", "2026-12-03", "2026-12-03"),
        ("yesterday", "2026-12-02", "2026-12-02"),
        ("tomorrow", "2026-12-04", "2026-12-04"),
        ("friday", "2026-11-27", "2026-12-04"),
        ("fri", "2026-11-27", "2026-12-04"),
        ("thursday", "2026-12-03", "2026-12-03"),  # today is a Thursday
        ("wednesday", "2026-12-02", "2026-12-09"),
        ("thurs", "2026-12-03", "2026-12-03"),
        ("last friday", "2026-11-27", "2026-11-27"),
        ("last thursday", "2026-11-26", "2026-11-26"),
        ("next tuesday", "2026-12-08", "2026-12-08"),
        ("next thursday", "2026-12-10", "2026-12-10"),
        ("this friday", "2026-12-04", "2026-12-04"),
        ("this thursday", "2026-12-03", "2026-12-03"),
        ("in 2 weeks", "2026-12-17", "2026-12-17"),
        ("in two weeks", "2026-12-17", "2026-12-17"),
        ("in 3 days", "2026-12-06", "2026-12-06"),
        ("in a day", "2026-12-04", "2026-12-04"),
        ("in a month", "2027-01-03", "2027-01-03"),
        ("in 1 year", "2027-12-03", "2027-12-03"),
        ("2 weeks ago", "2026-11-19", "2026-11-19"),
        ("a month ago", "2026-11-03", "2026-11-03"),
        ("ten days ago", "2026-11-23", "2026-11-23"),
        ("+2w", "2026-12-17", "2026-12-17"),
        ("+3d", "2026-12-06", "2026-12-06"),
        ("-7d", "2026-11-26", "2026-11-26"),
        ("-1m", "2026-11-03", "2026-11-03"),
        ("+1y", "2027-12-03", "2027-12-03"),
        ("dec 3", "2026-12-03", "2026-12-03"),  # today: the latest not after, the first not before
        ("dec 4", "2025-12-04", "2026-12-04"),
        ("dec 2", "2026-12-02", "2027-12-02"),
        ("3 dec", "2026-12-03", "2026-12-03"),
        ("December 3", "2026-12-03", "2026-12-03"),
        ("december 3rd", "2026-12-03", "2026-12-03"),
        ("jan 1", "2026-01-01", "2027-01-01"),
        ("1st january", "2026-01-01", "2027-01-01"),
        ("sept 9", "2026-09-09", "2027-09-09"),
        ("dec 3 2025", "2025-12-03", "2025-12-03"),
        ("Dec 3, 2025", "2025-12-03", "2025-12-03"),
        ("3 december 2027", "2027-12-03", "2027-12-03"),
        ("feb 29", "2024-02-29", "2028-02-29"),
        ("13/01/2026", "2026-01-13", "2026-01-13"),  # only one reading is a real day
        ("01/13/2026", "2026-01-13", "2026-01-13"),
        ("05.05.2026", "2026-05-05", "2026-05-05"),  # both readings are the same day
    ],
)
def test_each_form_both_ways(text: str, past: str, future: str) -> None:
    assert (day(text, PAST), day(text, FUTURE)) == (past, future)


@pytest.mark.parametrize("text", ["  Next   TUESDAY ", "IN 2 WEEKS", "Dec  3", "TODAY", "+2W"])
def test_case_and_spaces_do_not_matter(text: str) -> None:
    assert day(text, FUTURE) == day(" ".join(text.lower().split()), FUTURE)


@pytest.mark.parametrize(
    ("today", "past", "future"),
    [
        (date(2026, 12, 4), "2026-12-04", "2026-12-04"),  # a Friday: today, either way
        (date(2026, 12, 5), "2026-12-04", "2026-12-11"),  # a Saturday
        (date(2026, 11, 30), "2026-11-27", "2026-12-04"),  # a Monday
    ],
)
def test_a_bare_weekday_leans_the_preferred_way(today: date, past: str, future: str) -> None:
    assert (day("friday", PAST, today), day("friday", FUTURE, today)) == (past, future)


def test_last_and_next_never_mean_today() -> None:
    friday = date(2026, 12, 4)
    assert day("last friday", FUTURE, friday) == "2026-11-27"
    assert day("next friday", PAST, friday) == "2026-12-11"


def test_a_month_day_at_the_turn_of_the_year() -> None:
    new_year = date(2027, 1, 2)
    assert day("dec 31", PAST, new_year) == "2026-12-31"
    assert day("jan 5", PAST, new_year) == "2026-01-05"
    assert day("jan 5", FUTURE, new_year) == "2027-01-05"


def test_a_month_later_keeps_to_the_end_of_a_short_month() -> None:
    assert day("in a month", FUTURE, date(2026, 1, 31)) == "2026-02-28"


@pytest.mark.parametrize(
    ("text", "first", "second"),
    [
        ("12/01/2026", "2026-12-01", "2026-01-12"),
        ("01/12/2026", "2026-01-12", "2026-12-01"),
        ("3.4.2026", "2026-03-04", "2026-04-03"),
        ("11-10-2026", "2026-11-10", "2026-10-11"),
    ],
)
def test_a_numeric_date_with_two_readings_is_refused_with_both(
    text: str, first: str, second: str
) -> None:
    with pytest.raises(Ambiguous) as refused:
        parse_date(text, THURSDAY, PAST, "--date")
    assert f"write {first} or {second}" == refused.value.hint
    assert text in refused.value.message and "--date" in refused.value.message


def test_the_two_readings_are_spelled_out() -> None:
    with pytest.raises(Ambiguous) as refused:
        parse_date("12/01/2026", THURSDAY, PAST, "--date")
    assert "could be 1 December or 12 January 2026" in refused.value.message


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("feb 30", "February has at most 29 days"),
        ("30 feb", "February has at most 29 days"),
        ("april 31", "April has at most 30 days"),
        ("2026-02-30", "February 2026 has 28 days"),
        ("2026-02-29", "February 2026 has 28 days"),
        ("2026-13-01", "there is no month 13"),
        ("31/02/2026", "February 2026 has 28 days"),
        ("02/31/2026", "February 2026 has 28 days"),
        ("feb 29 2026", "February 2026 has 28 days"),
    ],
)
def test_impossible_dates_say_why_and_name_the_option(text: str, why: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_date(text, THURSDAY, FUTURE, "--due")
    assert refused.value.message == f"'{text}' is not a valid date (--due): {why}"


@pytest.mark.parametrize(
    "text",
    ["soon", "next week", "26-1-1", "9999-12-30", "+9999y", "in 2 fortnights", "friday week",
     "32/01/2026", "dec 3 26", "", "0/0/2026", "in -2 days", "last", "1850-01-01"],
)  # fmt: skip
def test_what_is_not_a_date_is_refused_with_the_forms_to_try(text: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_date(text, THURSDAY, PAST, "--since")
    assert refused.value.message.startswith(f"'{text}' is not a valid date (--since)")
    assert "YYYY-MM-DD" in str(refused.value.hint) and "in 2 weeks" in str(refused.value.hint)


DAYS = st.dates(min_value=date(1950, 1, 1), max_value=date(2950, 12, 31))
PREFERS = st.sampled_from(list(Prefer))
WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTH_ABBRS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


@given(DAYS, DAYS, PREFERS)
def test_an_iso_date_is_itself_whatever_today_is(meant: date, today: date, prefer: Prefer) -> None:
    assert parse_date(meant.isoformat(), today, prefer) == meant


@given(DAYS, st.integers(0, 6), PREFERS)
def test_a_bare_weekday_is_within_a_week_the_preferred_way(
    today: date, weekday: int, prefer: Prefer
) -> None:
    got = parse_date(WEEKDAY_NAMES[weekday], today, prefer)
    assert got.weekday() == weekday
    assert 0 <= (today - got if prefer is PAST else got - today).days <= 6
    assert parse_date("last " + WEEKDAY_NAMES[weekday], today, prefer) < today
    assert parse_date("next " + WEEKDAY_NAMES[weekday], today, prefer) > today


@given(DAYS, st.dates(min_value=date(2000, 1, 1), max_value=date(2000, 12, 31)), PREFERS)
def test_a_month_day_is_the_nearest_one_the_preferred_way(
    today: date, meant: date, prefer: Prefer
) -> None:
    got = parse_date(f"{MONTH_ABBRS[meant.month - 1]} {meant.day}", today, prefer)
    assert (got.month, got.day) == (meant.month, meant.day)
    assert (got <= today) if prefer is PAST else (got >= today)
    limit = 366 * (8 if (meant.month, meant.day) == (2, 29) else 1)
    assert abs((got - today).days) < limit


@given(st.text(max_size=30), DAYS, PREFERS)
def test_any_text_is_a_date_or_a_refusal_never_a_crash(
    text: str, today: date, prefer: Prefer
) -> None:
    try:
        parse_date(text, today, prefer, "--date")
    except InvalidInput as refused:
        assert len(refused.message.splitlines()) == 1, refused.message


def test_a_date_typed_over_two_lines_is_refused_on_one() -> None:
    new("Ada Lovelace", "--started", "2026-01-05")
    run = fails(
        "recap", "ada-lovelace", "--date", "fri\nday", "--summary", "met", "--no-input", code=2
    )
    assert "'fri day' is not a valid date (--date)" in run.stderr


# Through the CLI (today is the helpers' TODAY, a Sunday).


def test_recap_on_last_friday() -> None:
    assert TODAY == "2026-03-15"
    new("Ada Lovelace", "--started", "2026-01-05")
    recap = ok(
        "recap", "ada-lovelace", "--date", "last friday", "--summary", "met", "--no-input", "--json"
    ).json()
    assert recap["recap"]["date"] == "2026-03-13"


def test_a_commitment_due_in_two_weeks_written_in_the_recap() -> None:
    new("Ada Lovelace", "--started", "2026-01-05")
    ok("recap", "ada-lovelace", "--no-input",
       "--action", 'send CV @me due:"in 2 weeks"',
       "--action", "book the room @partner due:next-friday",
       "--action", "read the paper @both due:fri")  # fmt: skip
    due = {a["text"]: a["due"] for a in ok("actions", "--json").json()}
    assert due == {"send CV": "2026-03-29", "book the room": "2026-03-20",
                   "read the paper": "2026-03-20"}  # fmt: skip


def test_renegotiating_to_in_two_weeks() -> None:
    new("Ada Lovelace", "--started", "2026-01-05")
    ok("recap", "ada-lovelace", "--no-input", "--action", "send CV due:2026-03-16")
    [action] = ok("actions", "--json").json()
    ok("renegotiate", action["id"], "--due", "in 2 weeks")
    assert ok("actions", "--json").json()[0]["due"] == "2026-03-29"


def test_recaps_since_a_month_and_day() -> None:
    new("Ada Lovelace", "--started", "2025-11-01")
    for when in ("2025-12-02", "2025-12-03", "2026-03-01"):
        ok("recap", "ada-lovelace", "--date", when, "--summary", "met", "--no-input")
    since = ok("recaps", "--since", "dec 3", "--json").json()
    assert [s["date"] for s in since] == ["2025-12-03", "2026-03-01"]


def test_next_meeting_leans_to_the_future() -> None:
    new("Ada Lovelace", "--started", "2026-01-05")
    ok(
        "recap",
        "ada-lovelace",
        "--date",
        "friday",
        "--next",
        "friday",
        "--summary",
        "met",
        "--no-input",
    )
    shown = ok("show", "ada-lovelace", "--json").json()
    assert (shown["last_meeting"], shown["next_meeting"]) == ("2026-03-13", "2026-03-20")


def test_an_ambiguous_date_is_one_line_exit_2_and_writes_nothing() -> None:
    new("Ada Lovelace", "--started", "2026-01-05")
    run = fails("recap", "ada-lovelace", "--date", "03/02/2026", "--no-input", code=2)
    assert "could be 2 March or 3 February 2026" in run.stderr
    assert "write 2026-03-02 or 2026-02-03" in run.stderr and "--date" in run.stderr
    assert ok("recaps", "--json").json() == []


def test_an_impossible_date_names_the_option() -> None:
    new("Ada Lovelace", "--started", "2026-01-05")
    run = fails("goal", "add", "ada-lovelace", "Speak at a conference", "--target", "feb 30",
                "--no-input", code=2)  # fmt: skip
    assert "'feb 30' is not a valid date (--target): February has at most 29 days" in run.stderr


def test_the_recap_walk_takes_natural_dates_and_asks_again_when_ambiguous(home: Path) -> None:
    ok("new-relationship", "Ada Lovelace", "--role", "mentee", "--cadence", "weekly",
       "--started", "2026-03-01", "--no-input")  # fmt: skip
    child = spawn(home, "recap", "ada-lovelace")
    answer(child, "When did you meet?", "03/12/2026")  # 12 March or 3 December: asked again
    answer(child, "could be 12 March or 3 December 2026", "last friday")
    answer(child, "How long", "")
    answer(child, "What did you talk about?", "The outline.", "")
    answer(child, "What do you take away?", "")
    answer(child, "Anything decided?", "")
    answer(child, "Commitment", 'send outline due:"in 2 weeks"')
    child.expect_exact("→ send outline (me, due Sun 2026-03-29)")  # said back at once
    answer(child, "Commitment", "")
    answer(child, "Next meeting?", "next tuesday")
    child.expect_exact("Recap saved")
    assert finish(child) == 0
    shown = ok("show", "ada-lovelace", "--json").json()
    assert (shown["last_meeting"], shown["next_meeting"]) == ("2026-03-13", "2026-03-17")
    assert [a["due"] for a in ok("actions", "--json").json()] == ["2026-03-29"]


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("every two weeks", "biweekly"),
        ("every other week", "biweekly"),
        ("every week", "weekly"),
        ("Every Three Months", "every 3 months"),
        ("every 10 days", "every 10 days"),
        ("bi-weekly", "biweekly"),
        ("twice a month", "biweekly"),
        ("once a month", "monthly"),
    ],
)
def test_a_cadence_in_words(typed: str, stored: str) -> None:
    """A new user's report: `every 3 weeks` worked and `every two weeks` did not."""
    made = ok("new-relationship", "Ada", "--role", "mentee", "--cadence", typed, "--no-input",
              "--json").json()  # fmt: skip
    assert made["cadence"] == stored


def test_a_due_date_of_several_words_needs_no_quotes() -> None:
    """A new user's report: `book room due:dec 3` said 'dec' is not a valid date, with a
    hint that suggested `dec 3`, what was typed. The words after due: that make a date
    are taken with it; words that make none stay the commitment's."""
    new("Ada Lovelace", "--started", "2026-01-05")
    ok("recap", "ada-lovelace", "--no-input",
       "--action", "book room due:dec 3",
       "--action", "send CV due:in 2 weeks @me",
       "--action", "call Bob due:friday about the talk")  # fmt: skip
    due = {a["text"]: a["due"] for a in ok("actions", "--json").json()}
    assert due == {"book room": "2026-12-03", "send CV": "2026-03-29",
                   "call Bob about the talk": "2026-03-20"}  # fmt: skip
    run = fails("recap", "ada-lovelace", "--no-input", "--action", "x due:soonish later", code=2)
    assert "'soonish' is not a valid date" in run.stderr


def test_a_due_date_with_its_year_takes_the_year() -> None:
    """A review's finding: `due:dec 3 2028` took `dec 3` (next year's) and left `2028`
    in the commitment's text."""
    new("Ada Lovelace", "--started", "2026-01-05")
    ok("recap", "ada-lovelace", "--no-input", "--action", "book room due:dec 3 2028")
    [action] = ok("actions", "--json").json()
    assert (action["text"], action["due"]) == ("book room", "2028-12-03")
