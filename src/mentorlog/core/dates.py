"""Dates and cadences, parsed from what people type.

`today` is always passed in: nothing here reads the clock.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from mentorlog.core.datewords import (
    Impossible,
    Prefer,
    TwoReadings,
    add_months,
    month_name,
    read_day,
)
from mentorlog.core.errors import Ambiguous, InvalidInput

__all__ = ["Cadence", "Prefer", "add_months", "normalize_cadence", "parse_date"]


def parse_date(text: str, today: date, prefer: Prefer, what: str = "date") -> date:
    """The day `text` names, read as people write dates (see `read_day` for the forms).

    `prefer` says which way a date without a year or direction leans: a meeting that
    happened on `friday` was the last one, a commitment due `friday` is the coming one.
    """
    where = "" if what == "date" else f" ({what})"
    shown = " ".join(text.splitlines())  # an error is one line, whatever was pasted
    try:
        day = read_day(" ".join(text.lower().replace(",", " ").split()), today, prefer)
    except Impossible as problem:
        raise InvalidInput(
            f"'{shown}' is not a valid date{where}: {problem}", _hint(today)
        ) from None
    except TwoReadings as both:
        raise Ambiguous(
            f"'{shown}' could be {_spoken(both.first)} or {_spoken(both.second)} {both.first.year}"
            f"{where}",
            f"write {both.first.isoformat()} or {both.second.isoformat()}",
        ) from None
    except (ValueError, OverflowError):  # an offset past the calendar's end
        day = None
    if day is None or not 1900 <= day.year <= 2999:  # far dates only ever mean a typo
        raise InvalidInput(f"'{shown}' is not a valid date{where}", _hint(today))
    return day


def _hint(today: date) -> str:
    example = today.isoformat()
    return f"try YYYY-MM-DD like {example}, or today, friday, last friday, in 2 weeks, +7d, dec 3"


def _spoken(day: date) -> str:
    return f"{day.day} {month_name(day.month)}"


_EVERY = re.compile(r"^every\s+(?:(\d{1,3}|[a-z]+)\s+)?(day|week|month)s?$")
_COUNTS = {"other": 2, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
           "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}  # fmt: skip
_NAMED = {
    "weekly": (1, "week"),
    "biweekly": (2, "week"),
    "fortnightly": (2, "week"),
    "monthly": (1, "month"),
    "bi-weekly": (2, "week"),
    "once a week": (1, "week"),
    "twice a month": (2, "week"),
    "once a month": (1, "month"),
    "every fortnight": (2, "week"),
}


@dataclass(frozen=True)
class Cadence:
    """How often a pair means to meet: a count of days, weeks or months."""

    count: int
    unit: str  # "day", "week" or "month"

    @classmethod
    def parse(cls, text: str) -> Cadence:
        value = " ".join(text.strip().lower().split())
        if value in _NAMED:
            count, unit = _NAMED[value]
            return cls(count, unit)
        match = _EVERY.match(value)  # every 3 weeks, every two weeks, every other week
        said = match.group(1) if match else None
        count = 1 if said is None else _COUNTS.get(said, int(said) if said.isdigit() else 0)
        if match and count > 0:
            return cls(count, match.group(2))
        raise InvalidInput(
            f"'{text}' is not a cadence I understand",
            "try weekly, biweekly, monthly, 'every two weeks' or 'every 10 days'",
        )

    def __str__(self) -> str:
        for name, spec in _NAMED.items():
            if spec == (self.count, self.unit) and name != "fortnightly":
                return name
        plural = "" if self.count == 1 else "s"
        return f"every {self.count} {self.unit}{plural}"

    def after(self, day: date) -> date:
        """The date one cadence after `day`."""
        if self.unit == "month":
            return add_months(day, self.count)
        return day + timedelta(days=self.count * (7 if self.unit == "week" else 1))

    @property
    def approx_days(self) -> int:
        return self.count * {"day": 1, "week": 7, "month": 30}[self.unit]


def normalize_cadence(text: str | None) -> str | None:
    """Canonical text for a cadence, or None for an empty answer."""
    if text is None or not text.strip():
        return None
    return str(Cadence.parse(text))
