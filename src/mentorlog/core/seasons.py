"""Seasons: how often a pair met, month by month, and the long silences."""

from __future__ import annotations

from datetime import date
from itertools import pairwise

from pydantic import BaseModel, Field

from mentorlog.core.context import Context
from mentorlog.core.dates import Cadence
from mentorlog.core.errors import BrokenFile
from mentorlog.core.models import Relationship, Status

GAP_FACTOR = 2  # a silence longer than twice the cadence is worth noticing


class MonthCount(BaseModel):
    month: str  # YYYY-MM
    meetings: int
    gap: bool = False  # no meeting, inside a gap


class Gap(BaseModel):
    slug: str
    partner: str
    start: date  # the last contact before the silence (or the start)
    end: date  # the next meeting, or today if the silence goes on
    days: int
    limit: int  # twice the cadence, in days
    ongoing: bool = False


class SeasonsView(BaseModel):
    slug: str | None = None
    months: list[MonthCount] = Field(default_factory=list)
    gaps: list[Gap] = Field(default_factory=list)
    meetings: int = 0
    problems: list[str] = Field(default_factory=list)


def _month(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def _months_between(first: date, last: date) -> list[str]:
    months, year, month = [], first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _end(relationship: Relationship, today: date) -> date:
    if relationship.status is Status.closed and relationship.closing:
        return relationship.closing.date
    if relationship.status is Status.paused:
        paused = [e.date for e in relationship.history if e.event == "paused"]
        return max(paused, default=today)
    return today


# Same-day order: a start or resume opens a stretch, a pause or close ends one.
_ORDER = {"start": 0, "resume": 1, "meeting": 2, "pause": 3, "close": 3, "end": 4}


def _gaps(relationship: Relationship, meetings: list[date], end: date) -> list[Gap]:
    """Silences longer than twice the cadence. Time on an agreed pause (or after a close)
    is no silence, and a closed pairing has no silence after its last meeting."""
    if not relationship.cadence:
        return []
    limit = GAP_FACTOR * Cadence.parse(relationship.cadence).approx_days
    marks = [(relationship.started, "start"), *((day, "meeting") for day in meetings)]
    for event in relationship.history:
        if event.event in ("paused", "closed"):
            marks.append((event.date, "pause" if event.event == "paused" else "close"))
        elif event.event in ("resumed", "reopened"):
            marks.append((event.date, "resume"))
    if relationship.status is not Status.closed:
        marks.append((end, "end"))
    marks.sort(key=lambda mark: (mark[0], _ORDER[mark[1]]))
    found = []
    for (before, kind), (after, next_kind) in pairwise(marks):
        # Paused time, time after a close, and the run-up to a close are not silences.
        if kind in ("pause", "close") or next_kind == "close" or (after - before).days <= limit:
            continue
        found.append(
            Gap(
                slug=relationship.slug, partner=relationship.partner, start=before, end=after,
                days=(after - before).days, limit=limit,
                ongoing=next_kind == "end" and relationship.status is Status.active,
            )
        )  # fmt: skip
    return found


def seasons(ctx: Context, slug: str | None = None) -> SeasonsView:
    view = SeasonsView(slug=slug)
    if slug:
        relationships = [ctx.store.load(slug)]
    else:
        relationships, broken = ctx.store.load_all()
        view.problems = [str(b) for b in broken]
    counts: dict[str, int] = {}
    first: date | None = None
    last: date | None = None
    for relationship in relationships:
        try:
            dates = [r.date for r in ctx.store.load_recaps(relationship.slug)]
        except BrokenFile as problem:
            view.problems.append(str(problem))
            continue
        end = _end(relationship, ctx.today)
        first = min(first or relationship.started, relationship.started)
        last = max(last or end, end)
        for day in dates:
            counts[_month(day)] = counts.get(_month(day), 0) + 1
        view.gaps.extend(_gaps(relationship, dates, end))
    if first is None or last is None:
        return view
    for month in _months_between(first, max(last, first)):
        meetings = counts.get(month, 0)
        first_day = date.fromisoformat(f"{month}-01")
        inside = any(g.start < first_day < g.end for g in view.gaps)
        view.months.append(MonthCount(month=month, meetings=meetings, gap=inside and not meetings))
    view.meetings = sum(counts.values())
    view.gaps.sort(key=lambda g: (g.start, g.slug))
    return view
