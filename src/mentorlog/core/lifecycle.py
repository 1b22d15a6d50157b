"""Seasons of a relationship: pause, resume, and the no-fault close."""

from __future__ import annotations

from datetime import date

from mentorlog.core.context import Context
from mentorlog.core.errors import InvalidInput, NotAllowed
from mentorlog.core.models import Closing, Event, Relationship, Status
from mentorlog.core.relationships import Question

CLOSING_QUESTIONS: tuple[Question, ...] = (
    Question("achieved", "What did you achieve together?", "goals met, milestones, surprises"),
    Question("learned", "What did you learn, about the work or about yourself?"),
    Question("differently", "What would you do differently next time?", "no blame, just lessons"),
    Question("thanks", "What would you like to thank them for?", "worth saying to them, too"),
)
CLOSING_KEYS = tuple(q.key for q in CLOSING_QUESTIONS)


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


def resume(ctx: Context, slug: str) -> Relationship:
    """End a pause, or reopen a closed relationship (its closing reflection is kept)."""

    def apply(r: Relationship) -> None:
        if r.status is Status.active:
            raise NotAllowed(f"'{slug}' is already active")
        event = "reopened" if r.status is Status.closed else "resumed"
        r.status, r.paused_until = Status.active, None
        r.history.append(Event(date=ctx.today, event=event))

    return ctx.store.update(slug, apply)


def close(ctx: Context, slug: str, answers: dict[str, str]) -> Relationship:
    """The no-fault close: a closing reflection, and nothing is deleted."""
    unknown = set(answers) - set(CLOSING_KEYS)
    if unknown:
        raise InvalidInput(f"unknown closing question: {', '.join(sorted(unknown))}")

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
        r.history.append(Event(date=ctx.today, event="closed"))

    return ctx.store.update(slug, apply)
