"""Seasons of a relationship: pause, resume, and the no-fault close."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from pydantic import BaseModel, Field

from mentorlog.core import overview
from mentorlog.core.actions import mark
from mentorlog.core.context import Context
from mentorlog.core.errors import InvalidInput, MissingValue, NotAllowed
from mentorlog.core.goals import update_goal
from mentorlog.core.models import (
    ActionStatus,
    Closing,
    Event,
    GoalStatus,
    Relationship,
    Status,
)
from mentorlog.core.relationships import Question
from mentorlog.core.txn import operation

CLOSING_QUESTIONS: tuple[Question, ...] = (
    Question("achieved", "What did you achieve together?", "goals met, milestones, surprises"),
    Question("learned", "What did you learn, about the work or about yourself?"),
    Question("differently", "What would you do differently next time?", "no blame, just lessons"),
    Question("thanks", "What would you like to thank them for?", "worth saying to them, too"),
)
CLOSING_KEYS = tuple(q.key for q in CLOSING_QUESTIONS)


@operation("pause")
def pause(ctx: Context, slug: str, until: date | None = None, reason: str = "") -> Relationship:
    if until is not None and until <= ctx.today:
        raise InvalidInput(f"--until {until} is not in the future")

    def apply(r: Relationship) -> None:
        if r.status is Status.closed:
            raise NotAllowed(f"'{slug}' is closed", f"reopen it with `mentorlog resume {slug}`")
        if r.status is Status.paused:
            raise NotAllowed(f"'{slug}' is already paused", f"`mentorlog resume {slug}` ends it")
        r.status, r.paused_until = Status.paused, until
        detail = f"until {until}" if until else ""
        if reason.strip():
            detail = f"{detail}: {reason.strip()}" if detail else reason.strip()
        r.history.append(Event(date=ctx.today, event="paused", detail=detail))

    return ctx.store.update(slug, apply)


@operation("resume")
def resume(ctx: Context, slug: str) -> Relationship:
    """End a pause, or reopen a closed relationship (its closing reflection is kept)."""

    def apply(r: Relationship) -> None:
        if r.status is Status.active:
            raise NotAllowed(f"'{slug}' is already active")
        event = "reopened" if r.status is Status.closed else "resumed"
        r.status, r.paused_until = Status.active, None
        r.history.append(Event(date=ctx.today, event=event))

    return ctx.store.update(slug, apply)


class OpenItems(StrEnum):
    """What becomes of open goals and commitments when a relationship closes."""

    keep = "keep"  # they stay open on record
    drop = "drop"  # dropped, and still on record


class OpenWork(BaseModel):
    """The goals and commitments still open in a relationship (their ids)."""

    goals: list[str] = Field(default_factory=list)
    actions: list[str] = Field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.goals or self.actions)

    def describe(self) -> str:
        """'2 open goals and 1 open commitment'."""
        parts = [
            f"{len(ids)} open {noun}{'' if len(ids) == 1 else 's'}"
            for ids, noun in ((self.goals, "goal"), (self.actions, "commitment"))
            if ids
        ]
        return " and ".join(parts)


class ClosedView(overview.RelationshipView):
    """What `close` shows: the relationship as it is now, and what became of the goals
    and commitments still open when it closed."""

    left_open: OpenWork = Field(default_factory=OpenWork)
    open_items: OpenItems | None = None


def closed(
    ctx: Context,
    slug: str,
    work: OpenWork,
    choice: OpenItems | None,
    problems: list[str] | None = None,
) -> ClosedView:
    """What a close shows once it is saved (`problems` as in `overview.show`)."""
    view = overview.show(ctx, slug, problems)
    return ClosedView(**view.model_dump(), left_open=work, open_items=choice if work else None)


def open_work(ctx: Context, slug: str) -> OpenWork:
    return OpenWork(
        goals=[g.id for g in ctx.store.load_goals(slug).goals if g.status is GoalStatus.open],
        actions=[
            a.id for a in ctx.store.load_actions(slug).actions if a.status is ActionStatus.open
        ],
    )


def _drop_open(ctx: Context, slug: str, work: OpenWork) -> None:
    """Drop (never delete) what is still open: it stays in the files, marked dropped."""
    for goal_id in work.goals:
        update_goal(
            ctx, goal_id, status=GoalStatus.dropped, note="dropped at the close", within=slug
        )
    if work.actions:
        mark(ctx, work.actions, ActionStatus.dropped, within=slug)


@operation("close")
def close(
    ctx: Context, slug: str, answers: dict[str, str], open_items: OpenItems | None = None
) -> Relationship:
    """The no-fault close: a closing reflection, and nothing is deleted.

    Open goals and commitments are kept open or dropped, as `open_items` says; with
    some open and no word on them, nothing is closed.
    """
    unknown = set(answers) - set(CLOSING_KEYS)
    if unknown:
        raise InvalidInput(f"unknown closing question: {', '.join(sorted(unknown))}")
    if ctx.store.load(slug).status is Status.closed:
        raise NotAllowed(f"'{slug}' is already closed")
    work = open_work(ctx, slug)
    if work and open_items is None:
        raise MissingValue(
            f"what becomes of its {work.describe()}?",
            "pass --keep-open to keep them on record as they are, or --drop-open to drop them",
        )
    if work and open_items is OpenItems.drop:
        _drop_open(ctx, slug, work)
    detail = f"{work.describe()} {'dropped' if open_items is OpenItems.drop else 'kept'}"

    def apply(r: Relationship) -> None:
        if r.status is Status.closed:
            raise NotAllowed(f"'{slug}' is already closed")
        r.status, r.paused_until = Status.closed, None
        new = {k: v.strip() for k, v in answers.items()}
        if r.closing is not None:  # closed before, then reopened: keep both reflections
            earlier = r.closing.model_dump(exclude={"date"})
            for key in CLOSING_KEYS:
                old, fresh = earlier.get(key, ""), new.get(key, "")
                new[key] = f"{old}\n\n({ctx.today}) {fresh}" if old and fresh else old or fresh
        r.closing = Closing(date=ctx.today, **new)
        r.history.append(Event(date=ctx.today, event="closed", detail=detail if work else ""))

    return ctx.store.update(slug, apply)
