"""`export --format ics`: upcoming meetings and commitments' due dates as an iCalendar file.

Written by hand to RFC 5545 (it is small): CRLF line ends, lines folded at 75 octets,
text escaped, every event all-day (`VALUE=DATE`). Each event's UID comes from what it is
about (`meeting-<slug>@mentorlog`, `commitment-<id>@mentorlog`), so importing a newer
export into a calendar updates the events instead of adding them twice.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from mentorlog.core.dates import Cadence
from mentorlog.core.export import ExportFile, RelationshipExport
from mentorlog.core.models import ActionStatus, Owner, Status
from mentorlog.core.schedule import next_meeting

_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f]")  # CTL but tab and newline
LIMIT = 75  # octets per line, the line end not counted
FREQ = {"day": "DAILY", "week": "WEEKLY", "month": "MONTHLY"}
OWNERS = {Owner.me: "me", Owner.partner: "them", Owner.both: "both of us"}


def escape(text: str) -> str:
    """TEXT as RFC 5545 wants it: backslash, semicolon, comma and newline escaped, and
    the control characters it does not allow (all but tab) left out."""
    text = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\n", "\\n")


def fold(line: str) -> str:
    """One content line, folded so no line is over 75 octets (a UTF-8 character is never
    split); each continuation starts with a space."""
    parts: list[str] = []
    current, size = "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > LIMIT:
            parts.append(current)
            current, size = " ", 1
        current += char
        size += width
    parts.append(current)
    return "\r\n".join(parts)


def _day(day: date) -> str:
    return day.strftime("%Y%m%d")


def event(uid: str, day: date, summary: str, stamp: date, extra: list[str]) -> list[str]:
    return [
        "BEGIN:VEVENT",
        f"UID:{uid}",
        f"DTSTAMP:{_day(stamp)}T000000Z",
        f"DTSTART;VALUE=DATE:{_day(day)}",
        f"DTEND;VALUE=DATE:{_day(day + timedelta(days=1))}",
        f"SUMMARY:{escape(summary)}",
        *extra,
        "TRANSP:TRANSPARENT",
        "END:VEVENT",
    ]


def meeting(each: RelationshipExport, stamp: date) -> list[str]:
    """The next meeting of an active relationship, repeating at its cadence; none for a
    paused or closed one, or one with no cadence and no next date."""
    r = each.relationship
    latest = each.recaps[-1] if each.recaps else None
    day = next_meeting(r, latest)
    if r.status is not Status.active or day is None:
        return []
    extra = []
    if r.cadence:
        cadence = Cadence.parse(r.cadence)
        extra.append(f"RRULE:FREQ={FREQ[cadence.unit]};INTERVAL={cadence.count}")
    extra.append(f"DESCRIPTION:{escape(f'mentorlog prep {r.slug}')}")
    return event(f"meeting-{r.slug}@mentorlog", day, f"Meet {r.partner}", stamp, extra)


def commitments(each: RelationshipExport, stamp: date) -> list[str]:
    """An event on the due date of each open commitment that has one."""
    lines: list[str] = []
    for action in each.commitments:
        if action.status is not ActionStatus.open or action.due is None:
            continue
        summary = f"{action.text} ({OWNERS[action.owner]}, with {each.relationship.partner})"
        extra = [f"DESCRIPTION:{escape(f'mentorlog done {action.id}')}"]
        lines += event(f"commitment-{action.id}@mentorlog", action.due, summary, stamp, extra)
    return lines


def render(data: ExportFile) -> str:
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//mentorlog//export//EN",
        "CALSCALE:GREGORIAN",
        "X-WR-CALNAME:mentorlog",
    ]
    for each in data.relationships:
        lines += meeting(each, data.exported) + commitments(each, data.exported)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
