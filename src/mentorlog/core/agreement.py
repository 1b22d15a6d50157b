"""The partnership agreement: composed from the record, or kept as hand-edited text."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

from pydantic import BaseModel

from mentorlog.core.config import load_config
from mentorlog.core.context import Context
from mentorlog.core.files import clean_body, write_out
from mentorlog.core.markdown import block, inline, sentence
from mentorlog.core.models import (
    AGREEMENT_SCHEMA,
    Agreement,
    Event,
    Goal,
    GoalStatus,
    Relationship,
    Role,
)
from mentorlog.core.txn import operation

RESPONSIBILITIES = {
    Role.mentee: "prepares for each session, brings questions, follows through on "
    "commitments and shares progress",
    Role.mentor: "listens, shares experience and honest feedback, opens doors where they "
    "can and keeps confidences",
    Role.peer: "prepares, shares experience and gives candid feedback as an equal",
}
MY_RESPONSIBILITIES = {
    Role.mentee: "I prepare for each session, bring questions, follow through on my "
    "commitments and share my progress",
    Role.mentor: "I listen, share my experience and honest feedback, open doors where I "
    "can and keep confidences",
    Role.peer: "I prepare, share my experience and give candid feedback as an equal",
}
ENDING = (
    "Either of us may end this partnership at any time, for any reason, without blame. "
    "We will close with a short conversation about what we achieved and learned. "
    "Pausing for a season is fine too; we will say so rather than drift apart."
)
DEFAULT_CONFIDENTIALITY = "What we discuss stays between us unless we both agree to share it."
PARTNER_ROLE = {Role.mentee: Role.mentor, Role.mentor: Role.mentee, Role.peer: Role.peer}


class AgreementView(BaseModel):
    slug: str
    markdown: str
    edited: date | None = None
    agreed: date | None = None
    stale: bool = False  # the hand-edited text predates the current goals


def fingerprint(goals: list[Goal]) -> str:
    live = [g for g in goals if g.status is not GoalStatus.dropped]
    text = "\n".join(f"{g.id}|{g.title}|{g.why}|{g.success}|{g.target}" for g in live)
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def compose(
    relationship: Relationship, goals: list[Goal], agreed: date | None, me: str | None = None
) -> str:
    """The agreement from the record; `me` is the person's name (config.toml's `name`),
    else the text says "me" and speaks in the first person."""
    r = relationship
    partner = inline(r.partner)
    todo = "_To agree together._"
    partner_role = PARTNER_ROLE[r.role]
    lines = [
        f"# Partnership agreement with {partner}",
        "",
        f"Between {inline(me) if me else 'me'} ({r.role.value}) "
        f"and {partner} ({partner_role.value}), "
        f"started {r.started.isoformat()}"
        + (f", as part of {sentence(r.context)}" if r.context else "."),
        "",
        "## Purpose",
        "",
        block(r.purpose) or todo,
        "",
        "## Goals",
        "",
    ]
    live = [g for g in goals if g.status is not GoalStatus.dropped]
    for number, goal in enumerate(live, 1):
        parts = [f"{number}. **{inline(goal.title.rstrip('.'))}**."]
        if goal.why:
            parts.append(f" Why it matters: {sentence(goal.why)}")
        if goal.success:
            parts.append(f" Success looks like: {sentence(goal.success)}")
        if goal.target:
            parts.append(f" Target: {goal.target.isoformat()}.")
        if goal.status is GoalStatus.achieved:
            parts.append(" Achieved.")
        lines.append("".join(parts))
    if not live:
        lines.append(todo)
    offers, hopes = ("Offers", "Hopes to get") if me else ("I offer", "I hope to get")
    offers = f" {offers}: {sentence(r.rapport.offers)}" if r.rapport.offers else ""
    hopes = f" {hopes}: {sentence(r.rapport.hopes)}" if r.rapport.hopes else ""
    mine = (
        f"**{inline(me)}, as {r.role.value}**: {RESPONSIBILITIES[r.role]}"
        if me
        else (f"**Me, as {r.role.value}**: {MY_RESPONSIBILITIES[r.role]}")
    )
    lines += [
        "",
        "## Roles and responsibilities",
        "",
        f"- {mine}.{offers}{hopes}",
        f"- **{partner}, as {partner_role.value}**: {RESPONSIBILITIES[partner_role]}.",
        "- **Both of us**: keep the meetings we schedule, recap each session, and follow "
        "through on commitments or renegotiate them openly.",
        "",
        "## Meetings",
        "",
    ]
    schedule = [
        f"How often: {sentence(r.cadence)}" if r.cadence else "",
        f"How: {sentence(r.channel)}" if r.channel else "",
        inline(r.rapport.meetings),
    ]
    lines.append(" ".join(part for part in schedule if part) or todo)
    confidentiality = block(r.rapport.confidentiality) or DEFAULT_CONFIDENTIALITY
    lines += ["", "## Confidentiality", "", confidentiality]
    if r.rapport.norms:
        lines += ["", "## Norms we agree on", "", block(r.rapport.norms)]
    lines += ["", "## Ending well", "", ENDING, ""]
    lines.append(f"Agreed on {agreed.isoformat()}." if agreed else "Not yet agreed.")
    return "\n".join(lines) + "\n"


def get(ctx: Context, slug: str) -> AgreementView:
    relationship = ctx.store.load(slug)
    goals = ctx.store.load_goals(slug).goals
    stored = ctx.store.load_agreement(slug)
    agreed = stored.agreed if stored else None
    if stored and stored.body:
        body = stored.body
        if agreed:  # the composed closing line, if the person kept it, follows the record
            body = body.replace("\nNot yet agreed.", f"\nAgreed on {agreed.isoformat()}.")
        return AgreementView(
            slug=slug,
            markdown=body + "\n",
            edited=stored.edited,
            agreed=agreed,
            # no fingerprint (a text added by hand to a file `--agreed` made before it
            # kept one): nothing to compare with, so not called stale
            stale=bool(stored.goals_fingerprint) and stored.goals_fingerprint != fingerprint(goals),
        )
    me = load_config(ctx.store).name
    markdown = compose(relationship, goals, agreed, me)
    return AgreementView(slug=slug, markdown=markdown, agreed=agreed)


def as_page(stored: Agreement, relationship: Relationship, today: date) -> Agreement:
    """Give the file the `title` and `date` a site generator builds a page from, once:
    a title or date already there (written by hand, or earlier) is kept as it is. The
    file is then at AGREEMENT_SCHEMA, so an older mentorlog says it is newer instead of
    stumbling on keys it does not know."""
    stored.schema_version = AGREEMENT_SCHEMA
    if stored.title is None:
        stored.title = f"Partnership agreement with {relationship.partner}"
    if stored.date is None:
        stored.date = stored.agreed or stored.edited or today
    return stored


@operation("agreement")
def save_text(ctx: Context, slug: str, text: str) -> AgreementView:
    """Keep hand-edited agreement text; later goal changes will not overwrite it."""
    goals = ctx.store.load_goals(slug).goals
    with ctx.store.locked_relationship(slug):
        stored = ctx.store.load_agreement(slug) or Agreement()
        stored.body = clean_body(text)
        stored.edited = ctx.today
        stored.goals_fingerprint = fingerprint(goals)
        ctx.store.save_agreement(slug, as_page(stored, ctx.store.load(slug), ctx.today))
    return get(ctx, slug)


@operation("agreement agreed")
def set_agreed(ctx: Context, slug: str, day: date) -> AgreementView:
    with ctx.store.locked_relationship(slug):
        stored = ctx.store.load_agreement(slug) or Agreement()
        if stored.agreed == day:
            return get(ctx, slug)
        stored.agreed = day
        if not stored.body:  # agreed as composed from these goals: a later hand edit's base
            stored.goals_fingerprint = fingerprint(ctx.store.load_goals(slug).goals)
        ctx.store.save_agreement(slug, as_page(stored, ctx.store.load(slug), ctx.today))

        def apply(r: Relationship) -> None:
            r.history.append(Event(date=day, event="agreed", detail="partnership agreement"))

        ctx.store.update(slug, apply)
    return get(ctx, slug)


def export(path: Path, text: str) -> None:
    """Write the agreement where the person asked; the folder must already exist."""
    write_out(path, text, "agreement.md")
