"""The professional journey map: milestones, achieved goals and closed relationships."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field

from mentorlog.core import ids, trash
from mentorlog.core.context import Context
from mentorlog.core.errors import BrokenFile, InvalidInput
from mentorlog.core.models import GoalStatus, Milestone, ShortMilestone, Status
from mentorlog.core.txn import operation


class JourneyItem(BaseModel):
    date: date
    kind: str  # milestone, goal or relationship
    title: str
    why: str | None = None  # null when there is none, or it was left empty
    id: str | None = None  # a milestone's or goal's
    short: str | None = None  # the milestone's or goal's short id, as shown
    slug: str | None = None  # the relationship a goal or a close belongs to


class JourneyView(BaseModel):
    items: list[JourneyItem] = Field(default_factory=list)
    problems: list[str] = Field(default_factory=list)


@operation("journey add")
def add(ctx: Context, title: str, day: date, why: str = "") -> ShortMilestone:
    if not title.strip():
        raise InvalidInput("a milestone needs a title")
    with ctx.store.writing("home"):
        journey_file = ctx.store.load_journey()
        taken = {m.id for m in journey_file.milestones} | trash.trashed(ctx, trash.Kind.milestone)
        (milestone_id,) = ctx.store.new_ids("m", 1, taken)
        milestone = Milestone(
            id=milestone_id, date=day, title=" ".join(title.split()), why=why.strip()
        )
        journey_file.milestones.append(milestone)
        ctx.store.save_journey(journey_file)
    return ids.fill_short(ShortMilestone(**milestone.model_dump()), ctx.store.shortener())


def journey(ctx: Context) -> JourneyView:
    view = JourneyView()
    for m in ctx.store.load_journey().milestones:
        view.items.append(
            JourneyItem(date=m.date, kind="milestone", title=m.title, why=m.why or None, id=m.id)
        )
    relationships, broken = ctx.store.load_all()
    view.problems = [str(b) for b in broken]
    for r in relationships:
        try:
            goals = ctx.store.load_goals(r.slug).goals
        except BrokenFile as problem:
            view.problems.append(str(problem))
            goals = []
        for goal in goals:
            if goal.status is GoalStatus.achieved and goal.closed:
                view.items.append(
                    JourneyItem(
                        date=goal.closed, kind="goal", title=goal.title,
                        why=f"with {r.partner}", id=goal.id, slug=r.slug,
                    )
                )  # fmt: skip
        if r.status is Status.closed and r.closing:
            view.items.append(
                JourneyItem(
                    date=r.closing.date, kind="relationship",
                    title=f"Closed the relationship with {r.partner} (I was the {r.role.value})",
                    why=r.closing.learned or None, slug=r.slug,
                )
            )  # fmt: skip
    view.items.sort(key=lambda item: (item.date, item.kind != "milestone"))
    return ids.fill_short(view, ctx.store.shortener())
