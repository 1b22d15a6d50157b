"""Dates and cadences, parsed from what people type.

`today` is always passed in: nothing here reads the clock.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from mentorlog.core.errors import InvalidInput

_RELATIVE = {"today": 0, "yesterday": -1, "tomorrow": 1}
_OFFSET = re.compile(r"^([+-])(\d{1,4})([dw])$")


def parse_date(text: str, today: date, what: str = "date") -> date:
    """Parse YYYY-MM-DD, 'today', 'yesterday', 'tomorrow' or an offset like '+7d', '-2w'."""
    value = text.strip().lower()
    if value in _RELATIVE:
        return today + timedelta(days=_RELATIVE[value])
    offset = _OFFSET.match(value)
    if offset:
        sign, amount, unit = offset.groups()
        days = int(amount) * (7 if unit == "w" else 1)
        return today + timedelta(days=days if sign == "+" else -days)
    try:
        if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
            raise ValueError
        parsed = date.fromisoformat(value)
        if not 1900 <= parsed.year <= 2999:  # far dates only ever mean a typo
            raise ValueError
        return parsed
    except ValueError:
        where = "" if what == "date" else f" ({what})"
        raise InvalidInput(
            f"'{text}' is not a valid date{where}",
            f"use YYYY-MM-DD, e.g. {today.isoformat()}, or today, yesterday, +7d",
        ) from None


def add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year = day.year + month_index // 12
    month = month_index % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(day.day, last))


_EVERY = re.compile(r"^every\s+(\d{1,3})\s+(day|week|month)s?$")
_NAMED = {
    "weekly": (1, "week"),
    "biweekly": (2, "week"),
    "fortnightly": (2, "week"),
    "monthly": (1, "month"),
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
        match = _EVERY.match(value)
        if match and int(match.group(1)) > 0:
            return cls(int(match.group(1)), match.group(2))
        raise InvalidInput(
            f"'{text}' is not a cadence I understand",
            "try weekly, biweekly, monthly, 'every 3 weeks' or 'every 10 days'",
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
