"""The ways people write a day, read against a given today.

Forms (lower case, single spaces; `parse_date` normalises what was typed):
ISO `2026-12-03` (or `2026/12/03`); `today`, `yesterday`, `tomorrow`; weekdays `friday`, `fri`,
`last friday`, `this friday`, `next friday`; `in 2 weeks`, `in two weeks`, `in a month`,
`3 days ago`; offsets `+3d`, `-2w`, `+1m`, `+1y`; month and day `dec 3`, `3 dec`,
`december 3rd`, `dec 3 2025`; numeric `13/01/2026` when only one reading is a real day.

Nothing here reads the clock, and nothing here knows about options or errors shown to people:
`Impossible` and `TwoReadings` are turned into messages by `dates.parse_date`.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from enum import StrEnum


class Prefer(StrEnum):
    """Which way a date that does not say leans: `friday`, `dec 3`.

    past: the latest such day on or before today (when we met, since when to list).
    future: the earliest such day on or after today (when something is due, the next meeting).
    """

    past = "past"
    future = "future"


class Impossible(Exception):
    """The text has the shape of a date, but no such day exists (`feb 30`)."""


class TwoReadings(Exception):
    """A numeric date that reads as two different real days (`12/01/2026`): the
    month-first reading, then the day-first one."""

    def __init__(self, first: date, second: date) -> None:
        super().__init__(f"{first} or {second}")
        self.first = first
        self.second = second


def add_months(day: date, months: int) -> date:
    """The same day `months` later (or earlier), or the month's last day if it is shorter."""
    month_index = day.month - 1 + months
    year = day.year + month_index // 12
    month = month_index % 12 + 1
    return date(year, month, min(day.day, days_in(year, month)))


def days_in(year: int, month: int) -> int:
    if month == 12:  # (and no year 10000 is needed for December 9999)
        return 31
    return (date(year, month + 1, 1) - timedelta(days=1)).day


def month_name(month: int) -> str:
    return _MONTH_NAMES[month - 1].title()


_WORDS = {"today": 0, "yesterday": -1, "tomorrow": 1}
_DAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTH_NAMES = (
    *("january", "february", "march", "april", "may", "june"),
    *("july", "august", "september", "october", "november", "december"),
)
_WEEKDAYS = {name: i for i, name in enumerate(_DAY_NAMES)} | {
    name[:3]: i for i, name in enumerate(_DAY_NAMES)
}
_WEEKDAYS |= {"tues": 1, "weds": 2, "thur": 3, "thurs": 3}
_MONTHS = {name: i for i, name in enumerate(_MONTH_NAMES, 1)} | {
    name[:3]: i for i, name in enumerate(_MONTH_NAMES, 1)
}
_MONTHS["sept"] = 9
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_NUMBERS |= {"seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}

# Words are matched as [a-z]+ and looked up after: small patterns compile in microseconds.
_AMOUNT = r"([0-9]{1,4}|[a-z]+)"
_UNIT = r"(day|week|month|year)s?"
_OFFSET = r"([+-])([0-9]{1,4})([dwmy])"
_IN = rf"in {_AMOUNT} {_UNIT}"
_AGO = rf"{_AMOUNT} {_UNIT} ago"
_WEEKDAY = r"(?:(last|this|next) )?([a-z]+)"
_ISO = r"([0-9]{4})([-/])([0-9]{1,2})\2([0-9]{1,2})"
_NUMERIC = r"([0-9]{1,2})([/.-])([0-9]{1,2})\2([0-9]{4})"
_MONTH = r"([a-z]+)\.?"
_DAY = r"([0-9]{1,2})(?:st|nd|rd|th)?"
_MONTH_DAY = rf"{_MONTH} {_DAY}(?: ([0-9]{{4}}))?"
_DAY_MONTH = rf"{_DAY} {_MONTH}(?: ([0-9]{{4}}))?"


def read_day(text: str, today: date, prefer: Prefer) -> date | None:
    """The day `text` names, or None if it is none of the forms above."""
    if text in _WORDS:
        return today + timedelta(days=_WORDS[text])
    for pattern, reader in _READERS:
        match = re.fullmatch(pattern, text)  # compiled on first use, then cached by `re`
        day = reader(match.groups(), today, prefer) if match else None
        if day:
            return day
    return None


def _offset(parts: tuple[str, ...], today: date, prefer: Prefer) -> date:
    sign, amount, unit = parts
    return _shift(today, int(amount) * (1 if sign == "+" else -1), unit)


def _in(parts: tuple[str, ...], today: date, prefer: Prefer) -> date | None:
    count = _count(parts[0])
    return None if count is None else _shift(today, count, parts[1][0])


def _ago(parts: tuple[str, ...], today: date, prefer: Prefer) -> date | None:
    count = _count(parts[0])
    return None if count is None else _shift(today, -count, parts[1][0])


def _count(amount: str) -> int | None:
    return int(amount) if amount.isdigit() else _NUMBERS.get(amount)


def _shift(today: date, amount: int, unit: str) -> date:
    """`today` moved by `amount` days (d), weeks (w), months (m) or years (y)."""
    if unit in "my":
        return add_months(today, amount * (12 if unit == "y" else 1))
    return today + timedelta(days=amount * (7 if unit == "w" else 1))


def _weekday(parts: tuple[str, ...], today: date, prefer: Prefer) -> date | None:
    """`last friday` is before today, `next friday` after it, `this friday` today or
    in the coming six days; a bare `friday` leans as preferred, today included."""
    word, name = parts
    if name not in _WEEKDAYS:
        return None
    ahead = (_WEEKDAYS[name] - today.weekday()) % 7  # 0 when today is that day
    if word == "last":
        return today - timedelta(days=(7 - ahead) or 7)
    if word == "next":
        return today + timedelta(days=ahead or 7)
    if word == "this" or prefer is Prefer.future:
        return today + timedelta(days=ahead)
    return today - timedelta(days=(7 - ahead) % 7)


def _iso(parts: tuple[str, ...], today: date, prefer: Prefer) -> date:
    year, _, month, day = parts
    return _real(int(year), int(month), int(day))


def _numeric(parts: tuple[str, ...], today: date, prefer: Prefer) -> date:
    """`13/01/2026` or `01/13/2026`: fine when only one reading is a real day."""
    first, second, year = int(parts[0]), int(parts[2]), int(parts[3])
    day_first, month_first = _maybe(year, second, first), _maybe(year, first, second)
    if day_first and month_first and day_first != month_first:
        raise TwoReadings(month_first, day_first)
    found = day_first or month_first
    if found:
        return found
    return _real(year, second, first) if second <= 12 else _real(year, first, second)


def _month_day(parts: tuple[str, ...], today: date, prefer: Prefer) -> date | None:
    month, day, year = parts
    return _in_year(_MONTHS[month], int(day), year, today, prefer) if month in _MONTHS else None


def _day_month(parts: tuple[str, ...], today: date, prefer: Prefer) -> date | None:
    day, month, year = parts
    return _in_year(_MONTHS[month], int(day), year, today, prefer) if month in _MONTHS else None


def _in_year(month: int, day: int, year: str | None, today: date, prefer: Prefer) -> date:
    """`dec 3` with no year: the latest one not after today, or the first not before it."""
    if year:
        return _real(int(year), month, day)
    longest = days_in(2000, month)  # a leap year: Feb 29 is a real day
    if not 1 <= day <= longest:
        raise Impossible(f"{month_name(month)} has at most {longest} days")
    step = -1 if prefer is Prefer.past else 1
    for candidate_year in range(today.year, today.year + 9 * step, step):
        candidate = _maybe(candidate_year, month, day)
        if candidate and (candidate <= today if step < 0 else candidate >= today):
            return candidate
    raise Impossible("no such day nearby")  # unreachable: a Feb 29 comes every 8 years


def _maybe(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _real(year: int, month: int, day: int) -> date:
    """The day, or `Impossible` saying why there is none."""
    if not 1 <= month <= 12:
        raise Impossible(f"there is no month {month}")
    last = days_in(year, month)
    if not 1 <= day <= last:
        raise Impossible(f"{month_name(month)} {year} has {last} days")
    return date(year, month, day)


_READERS = (  # the commonest first: a script's ISO dates compile one pattern
    (_ISO, _iso),
    (_OFFSET, _offset),
    (_WEEKDAY, _weekday),
    (_IN, _in),
    (_AGO, _ago),
    (_NUMERIC, _numeric),
    (_MONTH_DAY, _month_day),
    (_DAY_MONTH, _day_month),
)
