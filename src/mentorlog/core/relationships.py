"""Services for one relationship's record: new, list, show, edit, rapport."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from mentorlog.core.context import Context
from mentorlog.core.dates import normalize_cadence
from mentorlog.core.errors import AlreadyExists, InvalidInput
from mentorlog.core.files import parse_toml, read_text, validate
from mentorlog.core.models import Event, Rapport, Relationship, Role, settle
from mentorlog.core.slugs import MAX_LENGTH, check_slug, slugify
from mentorlog.core.txn import operation


@dataclass(frozen=True)
class Question:
    """One question of a guided walk: the field it fills, what to ask, and a nudge."""

    key: str
    ask: str
    hint: str = ""


RAPPORT_QUESTIONS: tuple[Question, ...] = (
    Question(
        "background",
        "Getting acquainted: what is {partner}'s background?",
        "years in the field, skills, the path that led here",
    ),
    Question(
        "common_ground",
        "What do you two have in common?",
        "interests, hobbies, places, experiences",
    ),
    Question("purpose", "In a sentence, what is this relationship for?"),
    Question("hopes", "What do you hope to get from it?"),
    Question("offers", "What can you give in return?", "skills, time, contacts, a listening ear"),
    Question(
        "meetings",
        "What else will you agree about your meetings?",
        "length, place, who books them, what happens when one is missed",
    ),
    Question(
        "confidentiality",
        "What stays between the two of you?",
        "agree on it out loud; it builds trust",
    ),
    Question(
        "norms",
        "Which norms do you agree on together?",
        "e.g. cancel a day ahead, honest feedback is welcome",
    ),
)
RAPPORT_KEYS = tuple(question.key for question in RAPPORT_QUESTIONS)


def _clean_partner(partner: str) -> str:
    name = " ".join(partner.split())
    if not name:
        raise InvalidInput("the partner's name is empty", "give a name, e.g. 'Ada Lovelace'")
    return name


class SlugTaken(AlreadyExists):
    """A relationship already lives under this slug; `free` is the next one not in use."""

    def __init__(self, slug: str, free: str) -> None:
        super().__init__(
            f"a relationship '{slug}' already exists",
            f"to start another, pass --slug {free}; or see `mentorlog show {slug}`",
        )
        self.slug, self.free = slug, free


def free_slug(ctx: Context, slug: str) -> str:
    """'zoe-nunez' -> 'zoe-nunez-2' (or -3, ...): the first no relationship has or had."""
    number = 2
    while True:
        suffix = f"-{number}"
        candidate = slug[: MAX_LENGTH - len(suffix)].rstrip("-") + suffix
        if not ctx.store.slug_taken(candidate):
            return candidate
        number += 1


def pick_slug(ctx: Context, partner: str, slug: str | None = None) -> str:
    """The slug a new relationship will get, checked before any question is asked: no
    relationship may have it, or have had it (an old slug still finds its owner)."""
    name = _clean_partner(partner)
    if slug:
        chosen = check_slug(slug)
    else:
        chosen = slugify(name)
        if not chosen:
            raise InvalidInput(
                f"cannot make a folder name from '{name}'", "give one with --slug, e.g. --slug ana"
            )
    if ctx.store.slug_taken(chosen):
        raise SlugTaken(chosen, free_slug(ctx, chosen))
    return chosen


@operation("new-relationship")
def new_relationship(
    ctx: Context,
    partner: str,
    role: Role,
    *,
    purpose: str = "",
    context: str = "",
    started: date | None = None,
    cadence: str | None = None,
    channel: str = "",
    areas: list[str] | None = None,
    slug: str | None = None,
    rapport: dict[str, str] | None = None,
) -> Relationship:
    name = _clean_partner(partner)
    chosen = pick_slug(ctx, name, slug)
    start = started or ctx.today
    relationship = Relationship(
        slug=chosen,
        partner=name,
        role=role,
        started=start,
        purpose=purpose.strip(),
        context=context.strip(),
        cadence=normalize_cadence(cadence),
        channel=channel.strip(),
        areas=list(areas or []),
        rapport=Rapport(**{k: v.strip() for k, v in (rapport or {}).items()}),
        history=[Event(date=start, event="started", detail=f"{role.value} with {name}")],
    )
    ctx.store.create(relationship)
    return relationship


@dataclass
class Changes:
    """Fields to change on a relationship; None means leave as is."""

    partner: str | None = None
    role: Role | None = None
    purpose: str | None = None
    context: str | None = None
    started: date | None = None
    cadence: str | None = None
    channel: str | None = None
    areas: list[str] | None = None

    def is_empty(self) -> bool:
        return all(value is None for value in vars(self).values())


@operation("edit")
def edit(ctx: Context, slug: str, changes: Changes, new_slug: str | None = None) -> Relationship:
    if changes.is_empty() and not new_slug:
        raise InvalidInput("nothing to change", "pass an option such as --purpose or --cadence")
    partner = _clean_partner(changes.partner) if changes.partner is not None else None
    cadence = normalize_cadence(changes.cadence) if changes.cadence is not None else None
    if new_slug and new_slug != slug:  # check the rename before changing anything
        current = ctx.store.load(slug)
        if ctx.store.slug_held_elsewhere(check_slug(new_slug), slug):
            raise AlreadyExists(f"a relationship '{new_slug}' already exists")
        new_slug = None if new_slug == current.slug else new_slug
    if changes.started is not None:
        first = ctx.store.first_recap_date(slug)
        if first and changes.started > first:
            raise InvalidInput(f"--started {changes.started} is after the first recap ({first})")

    def apply(relationship: Relationship) -> None:
        settle(relationship, *(name for name, value in vars(changes).items() if value is not None))
        if partner is not None:
            relationship.partner = partner
        if changes.role is not None and changes.role != relationship.role:
            relationship.history.append(
                Event(date=ctx.today, event="role", detail=f"now {changes.role.value}")
            )
            relationship.role = changes.role
        for field in ("purpose", "context", "channel"):
            value = getattr(changes, field)
            if value is not None:
                setattr(relationship, field, value.strip())
        if changes.started is not None:
            for event in relationship.history:
                if event.event == "started" and event.date == relationship.started:
                    event.date = changes.started
            relationship.started = changes.started
        if changes.cadence is not None:
            relationship.cadence = cadence
        if changes.areas is not None:
            relationship.areas = changes.areas

    relationship = ctx.store.update(slug, apply) if not changes.is_empty() else None
    if new_slug and new_slug != slug:
        relationship = rename(ctx, slug, new_slug)
    return relationship or ctx.store.load(slug)


def rename(ctx: Context, slug: str, new_slug: str) -> Relationship:
    """A new slug: the old one stays an alias, so reflections about it still find it."""
    ctx.store.rename(slug, check_slug(new_slug))
    ctx.store.forget_folders()
    return ctx.store.load(new_slug)


@operation("rapport")
def set_rapport(ctx: Context, slug: str, answers: dict[str, str]) -> Relationship:
    """Record rapport answers (and the purpose, which lives at the top level)."""
    unknown = set(answers) - set(RAPPORT_KEYS)
    if unknown:
        raise InvalidInput(f"unknown rapport question: {', '.join(sorted(unknown))}")

    def apply(relationship: Relationship) -> None:
        for key, value in answers.items():
            if key == "purpose":
                relationship.purpose = value.strip()
            else:
                setattr(relationship.rapport, key, value.strip())

    return ctx.store.update(slug, apply)


def rapport_answers(relationship: Relationship) -> dict[str, str]:
    answers = relationship.rapport.model_dump()
    answers["purpose"] = relationship.purpose
    return {key: answers[key] for key in RAPPORT_KEYS}


# -- editing the file by hand -------------------------------------------------------------
def file_path(ctx: Context, slug: str) -> Path:
    """The relationship's file; it need not validate (the editor is how one mends it)."""
    path = ctx.store.relationship_file(slug)
    if not path.is_file():
        raise ctx.store.not_found(slug)
    return path


def file_text(ctx: Context, slug: str) -> str:
    return read_text(file_path(ctx, slug))


def check_text(ctx: Context, slug: str, text: str, source: Path | None = None) -> Relationship:
    """Validate a hand-edited relationship file; errors name `source` (the draft) and line."""
    path = source or file_path(ctx, slug)
    data = parse_toml(text, path)
    data.setdefault("slug", ctx.store.born_slug(slug))  # a v1 file: the folder's name
    return validate(Relationship, data, path, text)


@operation("edit file")
def replace_text(
    ctx: Context, slug: str, text: str, source: Path | None = None, original: str | None = None
) -> Relationship:
    """Store hand-edited text exactly as written, once it validates.

    With `original` (the text the editing started from), refuse if the file changed in
    the meantime, rather than silently undo another command's change.
    """
    relationship = check_text(ctx, slug, text, source)
    ctx.store.replace_relationship_text(slug, text, original)
    return relationship
