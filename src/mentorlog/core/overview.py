"""Read-only views of relationships for `list` and `show`."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from enum import StrEnum
from typing import TypeVar

from pydantic import BaseModel, Field

from mentorlog.core import ids
from mentorlog.core.actions import ActionView
from mentorlog.core.actions import view as action_view
from mentorlog.core.context import Context
from mentorlog.core.errors import BrokenFile
from mentorlog.core.goals import GoalView
from mentorlog.core.goals import view as goal_view
from mentorlog.core.models import (
    Action,
    ActionStatus,
    Goal,
    GoalStatus,
    Phase,
    Relationship,
    Role,
    Status,
)
from mentorlog.core.recaps import Session, recent
from mentorlog.core.schedule import next_meeting

T = TypeVar("T")


class StatusFilter(StrEnum):
    active = "active"
    paused = "paused"
    closed = "closed"
    open = "open"  # active and paused: everything not closed
    all = "all"

    def admits(self, status: Status) -> bool:
        if self is StatusFilter.all:
            return True
        if self is StatusFilter.open:
            return status is not Status.closed
        return status.value == self.value


class RelationshipSummary(BaseModel):
    """One row of `mentorlog list`."""

    slug: str
    partner: str
    role: Role
    status: Status
    phase: Phase
    started: date
    cadence: str | None
    channel: str
    areas: list[str]
    last_meeting: date | None = None
    next_meeting: date | None = None
    meetings: int = 0
    open_actions: int = 0
    open_goals: int = 0


class RelationshipView(Relationship):
    """`show`: the relationship's record plus what the other files say about it."""

    last_meeting: date | None = None
    next_meeting: date | None = None
    meetings: int = 0
    goals: list[GoalView] = Field(default_factory=list)
    open_actions: list[ActionView] = Field(default_factory=list)
    agreed: date | None = None
    recent_sessions: list[Session] = Field(default_factory=list)  # the last few, oldest first


class ListResult(BaseModel):
    relationships: list[RelationshipSummary]
    problems: list[str] = Field(default_factory=list)


def _or(read: Callable[[], T], default: T, problems: list[str] | None) -> T:
    """`read()`; in a listing (`problems` given) a broken file is noted and `default` used,
    so one bad recap or goals file never hides its relationship's row."""
    if problems is None:
        return read()
    try:
        return read()
    except BrokenFile as problem:
        problems.append(str(problem))
        return default


def summarize(
    ctx: Context,
    relationship: Relationship,
    problems: list[str] | None = None,
    key: str | None = None,
) -> RelationshipSummary:
    """The relationship's row; `key` is what it was loaded by, when its slug may not name
    it alone (a folder's name, where two folders claim one slug)."""
    slug = key or relationship.slug
    paths = ctx.store.recap_paths(slug)
    latest = ctx.store.latest_readable_recap(slug, problems)
    goals: list[Goal] = _or(lambda: ctx.store.load_goals(slug, True, problems).goals, [], problems)
    actions: list[Action] = _or(
        lambda: ctx.store.load_actions(slug, True, problems).actions, [], problems
    )
    return RelationshipSummary(
        slug=relationship.slug,
        partner=relationship.partner,
        role=relationship.role,
        status=relationship.status,
        phase=relationship.phase,
        started=relationship.started,
        cadence=relationship.cadence,
        channel=relationship.channel,
        areas=relationship.areas,
        last_meeting=latest.date if latest else None,
        next_meeting=next_meeting(relationship, latest)
        if relationship.status is Status.active
        else None,
        meetings=len(paths),
        open_actions=sum(1 for a in actions if a.status is ActionStatus.open),
        open_goals=sum(1 for g in goals if g.status is GoalStatus.open),
    )


def list_relationships(ctx: Context, status: StatusFilter = StatusFilter.open) -> ListResult:
    relationships, broken = ctx.store.load_all()
    problems = [str(problem) for problem in broken]
    rows: list[RelationshipSummary] = []
    for relationship in relationships:
        if not status.admits(relationship.status):
            continue
        rows.append(summarize(ctx, relationship, problems))
    return ListResult(relationships=rows, problems=problems)


def show(ctx: Context, slug: str, problems: list[str] | None = None) -> RelationshipView:
    """Everything about one relationship. Given `problems`, a broken recap, goal,
    commitment or agreement file is noted there and the rest shown (so a command that
    has saved a change never reports a failure for a file it did not touch)."""
    relationship = ctx.store.load(slug)
    summary = summarize(ctx, relationship, problems, key=slug)  # by what was typed
    agreement = _or(lambda: ctx.store.load_agreement(slug), None, problems)
    no_goals: list[Goal] = []
    no_actions: list[Action] = []
    no_sessions: list[Session] = []
    goals = _or(lambda: ctx.store.load_goals(slug, problems=problems).goals, no_goals, problems)
    actions = _or(
        lambda: ctx.store.load_actions(slug, True, problems).actions, no_actions, problems
    )
    view = RelationshipView(
        **relationship.model_dump(),
        last_meeting=summary.last_meeting,
        next_meeting=summary.next_meeting,
        meetings=summary.meetings,
        goals=[goal_view(relationship, g) for g in goals],
        open_actions=[
            action_view(relationship, a, ctx.today)
            for a in actions
            if a.status is ActionStatus.open
        ],
        agreed=agreement.agreed if agreement else None,
        recent_sessions=_or(
            lambda: recent(ctx, slug, relationship.partner, problems=problems),
            no_sessions,
            problems,
        ),
    )
    return ids.fill_short(view, ctx.store.shortener())
