"""Who is due a meeting, and which commitments are overdue, across active pairings."""

from __future__ import annotations

from datetime import date, timedelta
from enum import StrEnum

from pydantic import BaseModel, Field, computed_field

from mentorlog.core.actions import ActionView, Show, list_actions
from mentorlog.core.context import Context
from mentorlog.core.errors import BrokenFile
from mentorlog.core.ids import Shortener
from mentorlog.core.models import Relationship, Status, lists_open_work
from mentorlog.core.prompt import Facts
from mentorlog.core.schedule import next_meeting

SOON = timedelta(days=7)


class MeetingState(StrEnum):
    overdue = "overdue"
    due = "due"  # today
    soon = "soon"  # within a week
    later = "later"
    unscheduled = "unscheduled"  # no cadence and no next date


class MeetingDue(BaseModel):
    slug: str
    partner: str
    cadence: str | None
    last_meeting: date | None
    next_meeting: date | None
    state: MeetingState
    days: int | None = None  # overdue by (positive) or due in (negative); None if unscheduled


class PauseEnded(BaseModel):
    slug: str
    partner: str
    paused_until: date


class DueResult(BaseModel):
    today: date
    meetings: list[MeetingDue] = Field(default_factory=list)
    overdue_actions: list[ActionView] = Field(default_factory=list)
    pauses_ended: list[PauseEnded] = Field(default_factory=list)
    problems: list[str] = Field(default_factory=list)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def anything_overdue(self) -> bool:
        return bool(self.overdue_actions) or any(
            m.state is MeetingState.overdue for m in self.meetings
        )


def meeting_state(next_date: date | None, today: date) -> tuple[MeetingState, int | None]:
    if next_date is None:
        return MeetingState.unscheduled, None
    days = (today - next_date).days
    if days > 0:
        return MeetingState.overdue, days
    if days == 0:
        return MeetingState.due, 0
    if next_date - today <= SOON:
        return MeetingState.soon, days
    return MeetingState.later, days


def due(ctx: Context) -> DueResult:
    """Who is due a meeting and what is overdue; the prompt's answer is kept on the way
    (core/prompt.py), so the next `due --quiet` need not read all this again."""
    facts = Facts(ctx.home)
    facts.watch(ctx.store.prompt_watch())
    result = DueResult(today=ctx.today)
    relationships, broken = ctx.store.load_all()
    result.problems = [str(problem) for problem in broken]
    shortener = ctx.store.shortener()
    for relationship in relationships:
        facts.watch([ctx.store.relationship_file(relationship.slug)])
        if relationship.status is Status.paused:
            _pause(ctx, relationship, result)
        elif relationship.status is Status.active:
            _active(ctx, relationship, result, facts, shortener)
        elif lists_open_work(relationship):  # closed: no meeting; what it kept open is due
            facts.watch(ctx.store.prompt_watch(relationship.slug))
            _overdue(ctx, relationship.slug, result, facts, shortener)
    result.meetings.sort(key=lambda m: (m.next_meeting or date.max, m.slug))
    result.overdue_actions.sort(key=lambda a: (-a.overdue_days, a.slug, a.id))
    facts.problems = bool(result.problems)
    facts.keep()
    return result


def _pause(ctx: Context, relationship: Relationship, result: DueResult) -> None:
    until = relationship.paused_until
    if until is not None and until <= ctx.today:
        result.pauses_ended.append(
            PauseEnded(slug=relationship.slug, partner=relationship.partner, paused_until=until)
        )


def _active(
    ctx: Context, relationship: Relationship, result: DueResult, facts: Facts,
    shortener: Shortener,
) -> None:  # fmt: skip
    slug = relationship.slug
    facts.watch(ctx.store.prompt_watch(slug))
    latest = ctx.store.latest_readable_recap(slug, result.problems)
    next_date = next_meeting(relationship, latest)
    state, days = meeting_state(next_date, ctx.today)
    result.meetings.append(
        MeetingDue(
            slug=slug,
            partner=relationship.partner,
            cadence=relationship.cadence,
            last_meeting=latest.date if latest else None,
            next_meeting=next_date,
            state=state,
            days=days,
        )
    )
    facts.meetings.extend([next_date.isoformat()] if next_date else [])
    _overdue(ctx, slug, result, facts, shortener)


def _overdue(
    ctx: Context, slug: str, result: DueResult, facts: Facts, shortener: Shortener
) -> None:
    """The relationship's overdue commitments, into `result`; their files watched."""
    try:
        listed = list_actions(ctx, slug, Show.open, shortener=shortener)
    except BrokenFile as problem:
        result.problems.append(str(problem))
        return
    result.problems.extend(listed.problems)  # a broken commitment file hides only itself
    actions = listed.actions
    result.overdue_actions.extend(a for a in actions if a.overdue_days > 0)
    facts.watch(ctx.store.action_file(slug, a.id) for a in actions)
    facts.due.extend(a.due.isoformat() for a in actions if a.due is not None)
