"""The recap: what a session discussed, took away, decided and promised."""

from __future__ import annotations

import datetime as dt
import re
from datetime import date
from typing import Any

from pydantic import BaseModel, Field

from mentorlog.core import actions as actions_service
from mentorlog.core import drafts, ids
from mentorlog.core import goals as goals_service
from mentorlog.core.actions import NewAction
from mentorlog.core.context import Context
from mentorlog.core.dates import Cadence, Prefer, parse_date
from mentorlog.core.errors import InvalidInput, MentorlogError, MissingValue, NotAllowed
from mentorlog.core.models import (
    ActionStatus,
    Event,
    GoalStatus,
    Phase,
    Recap,
    Relationship,
    ShortAction,
    ShortGoal,
    Status,
    Text,
)
from mentorlog.core.refs import locate_action, locate_goal
from mentorlog.core.txn import operation


class RecapInput(BaseModel):
    """Everything a recap can record; the CLI fills it from options or prompts."""

    date: date
    minutes: int | None = None
    summary: Text = ""
    takeaways: list[Text] = Field(default_factory=list)
    decisions: list[Text] = Field(default_factory=list)
    actions: list[NewAction] = Field(default_factory=list)
    done: list[str] = Field(default_factory=list)
    progress: dict[str, int] = Field(default_factory=dict)
    next: dt.date | None = None
    use_cadence: bool = True  # when `next` is None, plan the next meeting by the cadence

    def says_something(self) -> bool:
        """A recap records something the person said or did, not only that a day passed."""
        return bool(
            self.summary.strip()
            or _lines(self.takeaways)
            or _lines(self.decisions)
            or self.actions
            or self.done
            or self.progress
        )


class RecapResult(BaseModel):
    slug: str
    partner: str
    recap: Recap
    created: list[ShortAction] = Field(default_factory=list)
    done: list[str] = Field(default_factory=list)
    achieved: list[str] = Field(default_factory=list)
    achieved_goals: list[ShortGoal] = Field(default_factory=list)  # to celebrate, in order
    short_ids: dict[str, str] = Field(default_factory=dict)  # done's and progress' short ids
    phase: Phase
    phase_changed: bool = False
    resumed: bool = False


class Agenda(BaseModel):
    """What a recap asks about first: the open commitments and open goals."""

    relationship: Relationship
    actions: list[ShortAction]
    goals: list[ShortGoal]
    last: Recap | None


def agenda(ctx: Context, slug: str) -> Agenda:
    relationship = ctx.store.load(slug)
    goals_service.require_open(relationship)
    if relationship.started > ctx.today:
        raise InvalidInput(
            f"'{slug}' starts on {relationship.started}", "recap after your first meeting"
        )
    actions = ctx.store.load_actions(slug).actions
    goals = ctx.store.load_goals(slug).goals
    result = Agenda(
        relationship=relationship,
        actions=[ShortAction(**a.model_dump()) for a in actions if a.status is ActionStatus.open],
        goals=[ShortGoal(**g.model_dump()) for g in goals if g.status is GoalStatus.open],
        last=ctx.store.latest_recap_or_none(slug),
    )
    return ids.fill_short(result, ctx.store.shortener())


def default_next(relationship: Relationship, day: date) -> date | None:
    return Cadence.parse(relationship.cadence).after(day) if relationship.cadence else None


def _lines(items: list[str]) -> list[str]:
    """Non-empty items without space around them; newlines and indents inside are kept."""
    return [item.strip() for item in items if item.strip()]


def check_date(ctx: Context, relationship: Relationship, day: date) -> date:
    if day < relationship.started:
        raise InvalidInput(
            f"the recap date {day} is before the pairing started ({relationship.started})",
            f"check --date, or fix the start with `mentorlog edit {relationship.slug} --started`",
        )
    if day > ctx.today:
        raise InvalidInput(f"the recap date {day} is in the future", "recap after you meet")
    return day


def check_next(day: date, next_day: date | None) -> date | None:
    if next_day is not None and next_day <= day:
        raise InvalidInput(f"the next meeting ({next_day}) must come after this one ({day})")
    return next_day


def _check(ctx: Context, relationship: Relationship, data: RecapInput) -> None:
    check_date(ctx, relationship, data.date)
    check_next(data.date, data.next)
    if data.minutes is not None and not 1 <= data.minutes <= 1440:
        raise InvalidInput(f"--minutes must be between 1 and 1440, not {data.minutes}")
    for value in data.progress.values():
        goals_service.check_percent(value)


def resolve_refs(
    ctx: Context, slug: str, done: list[str], progress: dict[str, int]
) -> tuple[list[str], dict[str, int]]:
    """Check commitment and goal references for a recap: they must be open, and here."""
    done_ids = [locate_action(ctx, ref, slug)[1] for ref in done]
    open_actions = {
        a.id for a in ctx.store.load_actions(slug).actions if a.status is ActionStatus.open
    }
    for action_id in done_ids:
        if action_id not in open_actions:
            raise NotAllowed(f"commitment {action_id} is not open", "see `mentorlog actions`")
    goals = ctx.store.load_goals(slug).goals
    open_goals = {g.id for g in goals if g.status is GoalStatus.open}
    resolved: dict[str, int] = {}
    for ref, value in progress.items():
        goals_service.check_percent(value)
        _, goal_id = locate_goal(ctx, ref, slug)
        if goal_id not in open_goals:
            raise NotAllowed(f"goal {goal_id} is not open", "progress is for open goals")
        resolved[goal_id] = value
    return done_ids, resolved


@operation("recap")
def record(ctx: Context, slug: str, data: RecapInput) -> RecapResult:
    """Validate everything, then write actions, goals, the recap and the relationship."""
    relationship = ctx.store.load(slug)
    goals_service.require_open(relationship)
    _check(ctx, relationship, data)
    done_ids, progress = resolve_refs(ctx, slug, data.done, data.progress)
    for item in data.actions:
        if not item.text.strip():
            raise InvalidInput("a commitment needs some text")
    if not data.says_something():
        raise MissingValue(
            "nothing to record: the recap is empty",
            "pass --summary TEXT, or --takeaway, --decision, --action, --done or --progress; "
            "or run it in a terminal",
        )
    next_date = data.next
    if next_date is None and data.use_cadence:
        next_date = default_next(relationship, data.date)

    with ctx.store.locked_relationship(slug):
        recap_id = ctx.store.new_recap_id(slug, data.date)
        created = actions_service.create(ctx, slug, data.actions, data.date, recap_id)
        if done_ids:
            actions_service.mark(ctx, done_ids, within=slug, day=data.date)
        achieved = (
            goals_service.set_progress(ctx, slug, progress, data.date, f"recap {recap_id}")
            if progress
            else []
        )
        recap = Recap(
            id=recap_id,
            title=recap_title(relationship.partner, data.date),
            date=data.date,
            minutes=data.minutes,
            takeaways=_lines(data.takeaways),
            decisions=_lines(data.decisions),
            actions_created=[a.id for a in created],
            actions_done=done_ids,
            progress=progress,
            next=next_date,
            body=data.summary,
        )
        recap_path = ctx.store.save_recap(slug, recap)

        changed = relationship.phase is Phase.direction
        paused_on = max((e.date for e in relationship.history if e.event == "paused"), default=None)
        resumed = relationship.status is Status.paused and (
            paused_on is None or data.date >= paused_on
        )

        def apply(r: Relationship) -> None:
            if changed:  # never dated before the phase it follows (a back-dated recap)
                began = max((e.date for e in r.history if e.event == "phase"), default=None)
                day = max(data.date, began) if began else data.date
                r.phase = Phase.progress
                r.history.append(Event(date=day, event="phase", detail="progress"))
            if resumed:
                r.status, r.paused_until = Status.active, None
                r.history.append(Event(date=data.date, event="resumed", detail="met again"))

        if changed or resumed:
            relationship = ctx.store.update(slug, apply)
    saved = ctx.store.load_recap(recap_path)
    result = RecapResult(
        slug=slug,
        partner=relationship.partner,
        recap=saved,
        created=[ShortAction(**a.model_dump()) for a in created],
        done=done_ids,
        achieved=achieved,
        phase=relationship.phase,
        phase_changed=changed,
        resumed=resumed,
    )
    short = ctx.store.shortener()
    result.short_ids = {item: short(item) for item in [*done_ids, *progress]}
    goals = {goal.id: goal for goal in ctx.store.load_goals(slug).goals}
    result.achieved_goals = [ShortGoal(**goals[item].model_dump()) for item in achieved]
    return ids.fill_short(result, short)


def parse_progress(items: list[str]) -> dict[str, int]:
    progress: dict[str, int] = {}
    for item in items:
        goal, sep, value = item.partition("=")
        if not sep or not re.fullmatch(r"-?[0-9]+", value.strip()):
            raise InvalidInput(f"'{item}' is not GOAL=N", "e.g. --progress g3k=60")
        progress[goal.strip()] = int(value)
    return progress


CUT_KEYS = ("summary", "takeaways", "decisions")  # long answers a stop may cut short
TYPED_ACTION = "action_typed"  # a recap draft's commitment half typed when a stop came


def usable_draft(ctx: Context, agenda: Agenda, saved: dict[str, Any]) -> dict[str, Any]:
    """The parts of a saved draft that still make sense (a draft is only a text file)."""
    today, relationship = ctx.today, agenda.relationship
    open_actions = {a.id for a in agenda.actions}
    open_goals = {g.id for g in agenda.goals}
    usable: dict[str, Any] = {}

    def strings(value: Any) -> list[str] | None:
        if isinstance(value, str):
            return value.splitlines()
        if isinstance(value, list) and all(isinstance(item, str) for item in value):
            return value
        return None

    for key, value in saved.items():
        try:
            if key == "done" and (ids := strings(value)) is not None:
                usable[key] = [i for i in ids if i in open_actions]
            elif key == "date" and isinstance(value, str):
                check_date(ctx, relationship, parse_date(value, today, Prefer.past, "date"))
                usable[key] = value
            elif key == "minutes" and isinstance(value, int) and 0 <= value <= 1440:  # noqa: SIM114
                usable[key] = value
            elif key == "summary" and isinstance(value, str):
                usable[key] = value
            elif key in ("takeaways", "decisions") and (items := strings(value)) is not None:
                usable[key] = items
            elif key in ("actions", "actions_so_far") and isinstance(value, list):
                usable[key] = [item for item in map(_usable_action, value) if item]
            elif key == "progress" and isinstance(value, dict):
                usable[key] = {
                    g: n
                    for g, n in value.items()
                    if g in open_goals and isinstance(n, int) and 0 <= n <= 100
                }
            elif (key == drafts.CUT and value in CUT_KEYS) or (
                key == TYPED_ACTION and isinstance(value, str)
            ):
                usable[key] = value
            elif key == "next" and isinstance(value, str):
                if value != "none":
                    day_text = usable.get("date", saved.get("date", today.isoformat()))
                    meeting = parse_date(str(day_text), today, Prefer.past, "date")
                    check_next(meeting, parse_date(value, today, Prefer.future, "date"))
                usable[key] = value
        except (MentorlogError, ValueError, TypeError, OverflowError):
            continue
        if value and not usable.get(key, value):  # nothing of it survived: ask again
            del usable[key]
    return usable


def _usable_action(item: Any) -> dict[str, Any] | None:
    """One drafted commitment, if it still makes sense; the others are kept regardless."""
    try:
        action = NewAction.model_validate(item)
    except ValueError:
        return None
    if not action.text.strip():
        return None
    return action.model_dump(mode="json", exclude_none=True)


def recap_title(partner: str, day: date) -> str:
    """A new recap's `title` (the page title a site generator shows): who and when."""
    return f"Session with {' '.join(partner.split())} on {day.isoformat()}"
