"""A relationship's timeline (`mentorlog log`): every dated event, in order."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field

from mentorlog.core import ids
from mentorlog.core.context import Context
from mentorlog.core.models import GoalStatus, Relationship

# Same-day events read best in this order: a start before a meeting before a close.
_ORDER = {
    "started": 0,
    "reopened": 1,
    "resumed": 1,
    "role": 1,
    "phase:direction": 2,
    "goal-set": 3,
    "meeting": 4,
    "phase:progress": 5,
    "goal-achieved": 6,
    "goal-dropped": 6,
    "agreed": 7,
    "paused": 8,
    "closed": 9,
}


class LogEvent(BaseModel):
    date: date
    event: str
    detail: str = ""
    id: str | None = None  # the recap, goal or action it is about, if any
    short: str | None = None  # a goal's short id (`g3k`), as shown


class LogResult(BaseModel):
    slug: str
    partner: str
    events: list[LogEvent] = Field(default_factory=list)


def _rank(event: LogEvent) -> int:
    key = f"phase:{event.detail}" if event.event == "phase" else event.event
    return _ORDER.get(key, 5)


def _history(relationship: Relationship) -> list[tuple[LogEvent, int]]:
    """The relationship's own events with their ranks, which never fall within a day:
    the history is in the order things happened (paused, then resumed, the same day)."""
    ranked: list[tuple[LogEvent, int]] = []
    for entry in relationship.history:
        event = LogEvent(date=entry.date, event=entry.event, detail=entry.detail)
        rank = _rank(event)
        if ranked and ranked[-1][0].date == event.date:
            rank = max(rank, ranked[-1][1])
        ranked.append((event, rank))
    return ranked


def log(ctx: Context, slug: str) -> LogResult:
    relationship = ctx.store.load(slug)
    ranked = _history(relationship)
    events = [event for event, _ in ranked]
    ranks = {id(event): rank for event, rank in ranked}
    for recap in ctx.store.load_recaps(slug):
        minutes = f"{recap.minutes} min" if recap.minutes else ""
        first = recap.body.splitlines()[0] if recap.body else ""
        detail = ": ".join(part for part in (minutes, first) if part)
        events.append(LogEvent(date=recap.date, event="meeting", detail=detail, id=recap.id))
    for goal in ctx.store.load_goals(slug).goals:
        events.append(LogEvent(date=goal.created, event="goal-set", detail=goal.title, id=goal.id))
        if goal.closed and goal.status is not GoalStatus.open:
            events.append(
                LogEvent(
                    date=goal.closed,
                    event=f"goal-{goal.status.value}",
                    detail=goal.title,
                    id=goal.id,
                )
            )
    events.sort(key=lambda e: (e.date, ranks.get(id(e), _rank(e))))
    result = LogResult(slug=slug, partner=relationship.partner, events=events)
    return ids.fill_short(result, ctx.store.shortener())
