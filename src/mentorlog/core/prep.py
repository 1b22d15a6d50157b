"""Preparing for the next session: what happened since, what is open, what to ask."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field

from mentorlog.core import ids
from mentorlog.core.actions import ActionView, Show, list_actions
from mentorlog.core.context import Context
from mentorlog.core.goals import GoalView
from mentorlog.core.goals import view as goal_view
from mentorlog.core.markdown import inline
from mentorlog.core.models import ActionStatus, GoalStatus, Phase, Recap, Role
from mentorlog.core.schedule import next_meeting

QUESTIONS: dict[Phase, tuple[str, ...]] = {
    Phase.rapport: (
        "What path brought each of you here, and what surprised you along the way?",
        "What do you each hope to get from this, and what can you give?",
        "How often, where and how will you meet?",
        "What stays between the two of you?",
        "Which norms do you want to agree on together?",
    ),
    Phase.direction: (
        "Where do things stand today, and where do you want to be in a year?",
        "What are the top three goals, and what would success look like for each?",
        "Which strengths can you build on, and which areas need growth?",
        "How can this relationship help most: skills, ideas, a path, a network?",
    ),
    Phase.progress: (
        "What progress has there been since you last met?",
        "What got in the way, and what helped?",
        "Which goal deserves most of today's time?",
        "Is there anything to celebrate?",
        "What feedback would be useful, in either direction?",
    ),
}
RENEGOTIATE = "Which overdue commitment should be done, changed or dropped, openly?"


class SinceItem(BaseModel):
    date: date
    what: str


class PrepResult(BaseModel):
    slug: str
    partner: str
    role: Role
    phase: Phase
    today: date
    last_meeting: date | None = None
    days_since: int | None = None
    next_meeting: date | None = None
    last_recap: Recap | None = None
    since: list[SinceItem] = Field(default_factory=list)
    actions: list[ActionView] = Field(default_factory=list)
    goals: list[GoalView] = Field(default_factory=list)
    questions: list[str] = Field(default_factory=list)


def prep(ctx: Context, slug: str) -> PrepResult:
    relationship = ctx.store.load(slug)
    latest = ctx.store.latest_recap(slug)
    goals = ctx.store.load_goals(slug).goals
    after = latest.date if latest else relationship.started
    short = ctx.store.shortener()
    since: list[SinceItem] = []
    for action in ctx.store.load_actions(slug).actions:
        if action.closed and action.closed > after and action.status is ActionStatus.done:
            since.append(
                SinceItem(date=action.closed, what=f"done: {action.text} ({short(action.id)})")
            )
    for goal in goals:
        for note in goal.history:
            if note.date > after:
                bits = [f"{note.progress}%"] if note.progress is not None else []
                bits += [note.note] if note.note else []
                since.append(
                    SinceItem(
                        date=note.date, what=f"{goal.title} ({short(goal.id)}): {', '.join(bits)}"
                    )
                )
    for event in relationship.history:
        if event.date > after:
            detail = f": {event.detail}" if event.detail else ""
            since.append(SinceItem(date=event.date, what=f"{event.event}{detail}"))
    since.sort(key=lambda item: item.date)
    actions = list_actions(ctx, slug, Show.open).actions
    questions = list(QUESTIONS[relationship.phase])
    if any(a.overdue_days for a in actions):
        questions.insert(0, RENEGOTIATE)
    result = PrepResult(
        slug=slug,
        partner=relationship.partner,
        role=relationship.role,
        phase=relationship.phase,
        today=ctx.today,
        last_meeting=latest.date if latest else None,
        days_since=(ctx.today - latest.date).days if latest else None,
        next_meeting=next_meeting(relationship, latest),
        last_recap=latest,
        since=since,
        actions=actions,
        goals=[goal_view(relationship, g) for g in goals if g.status is GoalStatus.open],
        questions=questions,
    )
    return ids.fill_short(result, short)


def agenda_markdown(result: PrepResult) -> str:
    """A plain agenda to paste into an email or a shared document."""
    lines = [f"# Session with {inline(result.partner)}: {result.today.isoformat()}", ""]
    if result.last_meeting:
        lines.append(f"Last met {result.last_meeting} ({result.days_since} days ago).")
    else:
        lines.append("Our first recorded session.")
    if result.last_recap and result.last_recap.takeaways:
        lines += ["", "## Last time", ""]
        lines += [f"- {inline(item)}" for item in result.last_recap.takeaways]
    if result.since:
        lines += ["", "## Since then", ""]
        lines += [f"- {item.date}: {inline(item.what)}" for item in result.since]
    if result.actions:
        lines += ["", "## Commitments", ""]
        for action in result.actions:
            due = f", due {action.due}" if action.due else ""
            late = f", {action.overdue_days} days overdue" if action.overdue_days else ""
            lines.append(f"- [ ] {inline(action.text)} ({action.owner.value}{due}{late})")
    if result.goals:
        lines += ["", "## Goals", ""]
        for goal in result.goals:
            target = f", target {goal.target}" if goal.target else ""
            lines.append(f"- {inline(goal.title)}: {goal.progress}%{target}")
    lines += ["", "## Questions", ""]
    lines += [f"- {inline(question)}" for question in result.questions]
    return "\n".join(lines) + "\n"
