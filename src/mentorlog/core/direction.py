"""Setting direction (phase 2): aspirations, where things stand, and a few goals."""

from __future__ import annotations

from pydantic import BaseModel, Field

from mentorlog.core import ids
from mentorlog.core.context import Context
from mentorlog.core.errors import InvalidInput
from mentorlog.core.goals import GoalResult, NewGoal, add_goals, require_open
from mentorlog.core.models import Event, Phase, Relationship, ShortGoal
from mentorlog.core.relationships import Question
from mentorlog.core.txn import operation

DIRECTION_QUESTIONS: tuple[Question, ...] = (
    Question(
        "aspirations",
        "Looking ahead: what is the vision, the career you are aiming for?",
        "in a year, in five years; think of the mentee's path",
    ),
    Question("current", "Where do things stand today?", "role, projects, what is going well"),
    Question("strengths", "What strengths can you build on?"),
    Question("growth", "Which areas would you like to grow in?", "skills, habits, confidence"),
    Question(
        "style",
        "How would you describe the mentee's working and leadership style?",
        "how decisions get made, how feedback lands best",
    ),
    Question(
        "support",
        "How can this relationship help most?",
        "new skills, new ideas, a new path, a wider network",
    ),
)
DIRECTION_KEYS = tuple(q.key for q in DIRECTION_QUESTIONS)


class DirectionResult(BaseModel):
    relationship: Relationship
    goals: list[GoalResult] = Field(default_factory=list)  # the goals added now
    all_goals: list[ShortGoal] = Field(default_factory=list)  # every goal, those too
    phase_changed: bool = False


@operation("direction")
def set_direction(
    ctx: Context, slug: str, answers: dict[str, str], goals: list[NewGoal] | None = None
) -> DirectionResult:
    """Record direction answers and goals; the phase moves on to `direction`."""
    unknown = set(answers) - set(DIRECTION_KEYS)
    if unknown:
        raise InvalidInput(f"unknown direction question: {', '.join(sorted(unknown))}")
    require_open(ctx.store.load(slug))
    added = add_goals(ctx, slug, goals) if goals else []
    moved = False

    def apply(relationship: Relationship) -> None:
        nonlocal moved
        for key, value in answers.items():
            setattr(relationship.direction, key, value.strip())
        if relationship.phase is Phase.rapport:
            relationship.phase = Phase.direction
            relationship.history.append(Event(date=ctx.today, event="phase", detail="direction"))
            moved = True

    relationship = ctx.store.update(slug, apply)
    every = [ShortGoal(**goal.model_dump()) for goal in ctx.store.load_goals(slug).goals]
    result = DirectionResult(
        relationship=relationship, goals=added, all_goals=every, phase_changed=moved
    )
    return ids.fill_short(result, ctx.store.shortener())
