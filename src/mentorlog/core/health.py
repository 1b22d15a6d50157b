"""Health check-ins on the eight qualities, and how each is trending."""

from __future__ import annotations

from datetime import date, timedelta

from pydantic import BaseModel, Field

from mentorlog.core.context import Context
from mentorlog.core.errors import BrokenFile, InvalidInput
from mentorlog.core.goals import require_open
from mentorlog.core.models import Checkin, Quality, Status
from mentorlog.core.txn import operation

STALE = timedelta(days=90)

LABELS: dict[Quality, str] = {
    Quality.articulation: "articulation",
    Quality.listening: "listening",
    Quality.respect: "respect",
    Quality.goal_clarity: "goal clarity",
    Quality.challenge: "challenge",
    Quality.self_awareness: "self-awareness",
    Quality.learning: "commitment to learning",
    Quality.reflection: "reflection and preparation",
}
QUESTIONS: dict[Quality, str] = {
    Quality.articulation: "Do you help each other put thoughts into words?",
    Quality.listening: "Do you each feel really listened to?",
    Quality.respect: "Is there mutual respect, in word and in deed?",
    Quality.goal_clarity: "Do you both know what the mentee is aiming for?",
    Quality.challenge: "Are you both being stretched?",
    Quality.self_awareness: "Are you learning about yourselves?",
    Quality.learning: "Are you both learning and growing?",
    Quality.reflection: "Do you both prepare and reflect?",
}
SUGGESTIONS: dict[Quality, str] = {
    Quality.articulation: "Before the next meeting, write the question you most want answered "
    "in one sentence, and ask it first.",
    Quality.listening: "Next time, sum up what you heard before you answer, and ask "
    "'did I get that right?'",
    Quality.respect: "Revisit the norms you agreed on together and ask whether they still fit.",
    Quality.goal_clarity: "Each write the mentee's top goal in one line, compare, and agree on "
    "the words (`mentorlog goal update`).",
    Quality.challenge: "Pick one goal and agree on a next step that feels a little uncomfortable.",
    Quality.self_awareness: "Ask for one piece of feedback on how you come across, and note it "
    "afterwards (`mentorlog reflect --set feedback`).",
    Quality.learning: "Ask what your partner has learned from you lately, and share what you "
    "learned from them.",
    Quality.reflection: "Block ten minutes before and after the next session for `mentorlog "
    "prep` and `mentorlog reflect`.",
}


def parse_quality(text: str) -> Quality:
    key = text.strip().lower().replace("-", "_").replace(" ", "_")
    aliases = {
        "clarity": "goal_clarity",
        "awareness": "self_awareness",
        "preparation": "reflection",
    }
    try:
        return Quality(aliases.get(key, key))
    except ValueError:
        names = ", ".join(q.value for q in Quality)
        raise InvalidInput(
            f"'{text}' is not one of the qualities", f"use one of: {names}"
        ) from None


@operation("checkin")
def checkin(
    ctx: Context,
    slug: str,
    ratings: dict[Quality, int],
    notes: dict[Quality, str] | None = None,
    day: date | None = None,
) -> CheckinResult:
    require_open(ctx.store.load(slug))
    if not ratings:
        raise InvalidInput("a check-in needs at least one rating", "e.g. --rate listening=4")
    for quality, value in ratings.items():
        if not 1 <= value <= 5:
            raise InvalidInput(f"{quality.value} must be rated from 1 to 5, not {value}")
    kept_notes = {q: n.strip() for q, n in (notes or {}).items() if n.strip()}
    for quality in kept_notes:
        if quality not in ratings:
            raise InvalidInput(
                f"a note on {quality.value} needs a rating too", f"add --rate {quality.value}=N"
            )
    saved = ctx.store.save_checkin(
        slug, Checkin(date=day or ctx.today, ratings=ratings, notes=kept_notes)
    )
    return CheckinResult(**saved.model_dump(), health=health(ctx, slug))


class QualityHealth(BaseModel):
    quality: Quality
    label: str
    latest: int | None = None  # the most recent rating of this quality
    rated_on: date | None = None
    note: str | None = None  # the note from that check-in, if any
    history: list[int] = Field(default_factory=list)  # oldest first
    trend: str = "none"  # up, down, steady, new (one rating) or none


class HealthView(BaseModel):
    slug: str
    partner: str
    checkins: int = 0
    last_checkin: date | None = None
    days_since: int | None = None
    stale: bool = False
    average: float | None = None
    qualities: list[QualityHealth] = Field(default_factory=list)
    weakest: Quality | None = None
    suggestion: str | None = None  # with `weakest`: what might help it


class CheckinResult(Checkin):
    """What `checkin` returns: the check-in as saved, and the health it leaves."""

    health: HealthView


def trend(history: list[int]) -> str:
    """Latest rating against the mean of up to three before it."""
    if not history:
        return "none"
    if len(history) == 1:
        return "new"
    earlier = history[-4:-1]
    change = history[-1] - sum(earlier) / len(earlier)
    if change >= 0.5:
        return "up"
    if change <= -0.5:
        return "down"
    return "steady"


def health(ctx: Context, slug: str) -> HealthView:
    relationship = ctx.store.load(slug)
    checkins = ctx.store.load_checkins(slug)
    view = HealthView(slug=slug, partner=relationship.partner, checkins=len(checkins))
    for quality in Quality:
        rating_checkins = [c for c in checkins if quality in c.ratings]
        history = [c.ratings[quality] for c in rating_checkins]
        view.qualities.append(
            QualityHealth(
                quality=quality,
                label=LABELS[quality],
                latest=history[-1] if history else None,
                rated_on=rating_checkins[-1].date if rating_checkins else None,
                note=rating_checkins[-1].notes.get(quality) or None if rating_checkins else None,
                history=history,
                trend=trend(history),
            )
        )
    if checkins:  # every check-in file holds at least one rating (the model says so)
        last = checkins[-1].date
        view.last_checkin, view.days_since = last, (ctx.today - last).days
        view.stale = relationship.status is not Status.closed and ctx.today - last > STALE
        rated = [q for q in view.qualities if q.latest is not None]
        view.average = round(sum(q.latest or 0 for q in rated) / len(rated), 1)
        order = {"down": 0, "steady": 1, "new": 1, "up": 2}
        weakest = min(rated, key=lambda q: (q.latest or 0, order.get(q.trend, 1)))
        # Only name one when it stands out: lower than another, or low in itself.
        if (weakest.latest or 0) < max(q.latest or 0 for q in rated) or (weakest.latest or 0) <= 2:
            view.weakest, view.suggestion = weakest.quality, SUGGESTIONS[weakest.quality]
    return view


def health_all(ctx: Context) -> tuple[list[HealthView], list[str]]:
    """Every open relationship's health, and the files that could not be read."""
    relationships, broken = ctx.store.load_all()
    problems = [str(b) for b in broken]
    views = []
    for relationship in relationships:
        if relationship.status is Status.closed:
            continue
        try:
            views.append(health(ctx, relationship.slug))
        except BrokenFile as problem:
            problems.append(str(problem))
    return views, problems
