"""Goals: set them, track progress, achieve or drop them."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field

from mentorlog.core import ids
from mentorlog.core.context import Context
from mentorlog.core.errors import InvalidInput, NotAllowed
from mentorlog.core.models import (
    BUILT_ON_USE,
    Goal,
    GoalNote,
    GoalsFile,
    GoalStatus,
    Relationship,
    ShortGoal,
    Status,
    Text,
    lists_open_work,
    settle,
)
from mentorlog.core.refs import locate_goal
from mentorlog.core.txn import operation

FOCUS = 3  # the guides' advice: three goals at a time keeps a pairing focused


class GoalView(ShortGoal):
    """A goal with the relationship it belongs to (what `goal ...` commands print)."""

    slug: str
    partner: str


class GoalResult(BaseModel):
    """What `goal add/update/done/drop` return: the goal, and whether it was just achieved."""

    model_config = BUILT_ON_USE

    goal: GoalView
    achieved_now: bool = False
    open_goals: int = 0
    focus_warning: str | None = None  # more open goals than keep a pairing focused


class NewGoal(BaseModel):
    model_config = BUILT_ON_USE

    title: Text
    why: Text = ""
    success: Text = ""
    target: date | None = None


def require_open(relationship: Relationship) -> None:
    if relationship.status is Status.closed:
        raise NotAllowed(
            f"'{relationship.slug}' is closed",
            f"reopen it first with `mentorlog resume {relationship.slug}`",
        )


def check_percent(value: int, what: str = "progress") -> int:
    if not 0 <= value <= 100:
        raise InvalidInput(f"{what} must be between 0 and 100, not {value}")
    return value


def view(relationship: Relationship, goal: Goal) -> GoalView:
    return GoalView(slug=relationship.slug, partner=relationship.partner, **goal.model_dump())


def _focus_warning(open_count: int) -> str | None:
    if open_count <= FOCUS:
        return None
    return (
        f"that makes {open_count} open goals; three at a time keeps a pairing focused "
        "(consider `mentorlog goal drop` or parking one)"
    )


@operation("goal add")
def add_goals(ctx: Context, slug: str, new: list[NewGoal]) -> list[GoalResult]:
    """Add goals with fresh random ids (see `Store.new_ids`)."""
    relationship = ctx.store.load(slug)
    require_open(relationship)
    for item in new:
        if not item.title.strip():
            raise InvalidInput("a goal needs a title")
    results: list[GoalResult] = []
    with ctx.store.locked_relationship(slug):
        goals = ctx.store.load_goals(slug)
        fresh = ctx.store.new_ids("g", len(new), {g.id for g in goals.goals})
        for item, goal_id in zip(new, fresh, strict=True):
            made = Goal(
                id=goal_id,
                title=" ".join(item.title.split()),
                why=item.why.strip(),
                success=item.success.strip(),
                target=item.target,
                created=ctx.today,
            )
            goals.goals.append(made)
            open_count = sum(1 for g in goals.goals if g.status is GoalStatus.open)
            results.append(
                GoalResult(
                    goal=view(relationship, made),
                    open_goals=open_count,
                    focus_warning=_focus_warning(open_count),
                )
            )
        ctx.store.save_goals(slug, goals)
    shortener = ctx.store.shortener()
    return [ids.fill_short(result, shortener) for result in results]


class GoalList(BaseModel):
    model_config = BUILT_ON_USE

    goals: list[GoalView] = Field(default_factory=list)
    problems: list[str] = Field(default_factory=list)


def list_goals(ctx: Context, slug: str | None = None, include_closed: bool = False) -> GoalList:
    result = GoalList()

    def read(each: str) -> GoalsFile:  # a broken goal file hides only itself
        return ctx.store.load_goals(each, problems=result.problems)

    for relationship, goals_file in ctx.store.gather(slug, read, result.problems):
        if slug is None and not include_closed and not lists_open_work(relationship):
            continue  # closed, and its close did not keep them open
        for goal in goals_file.goals:
            if include_closed or goal.status is GoalStatus.open:
                result.goals.append(view(relationship, goal))
    return ids.fill_short(result, ctx.store.shortener())


@operation("goal")
def update_goal(
    ctx: Context,
    ref: str,
    *,
    progress: int | None = None,
    note: str = "",
    title: str | None = None,
    why: str | None = None,
    success: str | None = None,
    target: date | None = None,
    status: GoalStatus | None = None,
    within: str | None = None,
) -> GoalResult:
    """Change a goal. Progress 100 achieves it; every change leaves a dated note."""
    if progress is not None:
        check_percent(progress)
    if title is not None and not title.strip():
        raise InvalidInput("a goal needs a title")
    slug, goal_id = locate_goal(ctx, ref, within)
    relationship = ctx.store.load(slug)
    require_open(relationship)
    with ctx.store.locked_relationship(slug):
        goals = ctx.store.load_goals(slug)
        goal = next(g for g in goals.goals if g.id == goal_id)
        was_open = goal.status is GoalStatus.open
        if status is not None and status is not GoalStatus.open and not was_open:
            raise NotAllowed(f"goal {goal.id} is already {goal.status.value}")
        if progress is not None and not was_open:
            raise NotAllowed(
                f"goal {goal.id} is {goal.status.value}; progress is for open goals",
                "add a new goal to go further",
            )
        given = {"title": title, "why": why, "success": success, "target": target}
        settle(goal, *(name for name, value in given.items() if value is not None))
        if progress is not None or status is not None:
            settle(goal, "progress", "status", "closed")
        if title is not None:
            goal.title = " ".join(title.split())
        if why is not None:
            goal.why = why.strip()
        if success is not None:
            goal.success = success.strip()
        if target is not None:
            goal.target = target
        new_progress = progress
        if status is GoalStatus.achieved:
            new_progress = 100
        if new_progress is not None:
            goal.progress = new_progress
        if goal.progress == 100 and goal.status is GoalStatus.open and status is None:
            status = GoalStatus.achieved
        if status is not None and status is not goal.status:
            goal.status = status
            goal.closed = ctx.today if status is not GoalStatus.open else None
        if new_progress is not None or note.strip() or status is not None:
            goal.history.append(
                GoalNote(
                    date=ctx.today,
                    progress=new_progress,
                    note=note.strip() or (status.value if status else ""),
                )
            )
        ctx.store.save_goals(slug, goals)
    open_count = sum(1 for g in goals.goals if g.status is GoalStatus.open)
    result = GoalResult(
        goal=view(relationship, goal),
        achieved_now=was_open and goal.status is GoalStatus.achieved,
        open_goals=open_count,
    )
    return ids.fill_short(result, ctx.store.shortener())


def set_progress(
    ctx: Context, slug: str, progress: dict[str, int], day: date, note: str
) -> list[str]:
    """Record progress on several goals of one relationship (used by recap).

    The caller holds the relationship's lock and has validated the ids. Returns the ids
    of goals that reached 100 and so were achieved.
    """
    goals = ctx.store.load_goals(slug)
    achieved: list[str] = []
    for goal in goals.goals:
        if goal.id not in progress or goal.progress == progress[goal.id]:
            continue
        goal.progress = progress[goal.id]
        entry = GoalNote(date=day, progress=goal.progress, note=note)
        if goal.progress == 100 and goal.status is GoalStatus.open:
            goal.status, goal.closed = GoalStatus.achieved, day
            achieved.append(goal.id)
        goal.history.append(entry)
    ctx.store.save_goals(slug, goals)
    return achieved
