"""Finding goals, commitments and milestones by the ids people type.

An id may be typed whole (`a7fk2qm4x9f`, or a v1 id like `a12`) or as a prefix of it that
no other id of the home starts with (`a7f`), in any case, optionally scoped to one
relationship (`ada-lovelace:a7f` or `ada-lovelace/a7f`). See core/ids.py.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from mentorlog.core import ids
from mentorlog.core.context import Context
from mentorlog.core.errors import Ambiguous, BrokenFile, HiddenByBrokenFile, InvalidInput, NotFound

REF = re.compile(r"^(?:(?P<slug>[a-z0-9][a-z0-9.-]*)[:/])?(?P<id>[a-z][0-9a-z]+)$")

# What a relationship holds of one kind: (id, its text) pairs, the text for messages.
Entries = Callable[[str], Iterable[tuple[str, str]]]


@dataclass(frozen=True)
class Ref:
    slug: str | None
    id: str


LETTER = {"goal": "g", "commitment": "a", "milestone": "m"}  # an id's first letter


def parse_ref(text: str, kind: str) -> Ref:
    letter = LETTER[kind]
    match = REF.match(text.strip().lower())
    typed = ids.normalise(match.group("id")) if match else ""
    if not match or typed[:1] != letter or not set(typed[1:]) <= set(ids.ALPHABET):
        raise InvalidInput(
            f"'{text}' is not {'an' if kind[0] in 'aeiou' else 'a'} {kind} id",
            f"{kind} ids look like {letter}7f (or slug:{letter}7f)",
        )
    return Ref(match.group("slug"), typed)


def locate(
    ctx: Context, text: str, kind: str, entries_in: Entries, within: str | None = None
) -> tuple[str, str]:
    """Return (slug, id) for a typed id, searching every relationship when needed.

    Ids are unique across the home, but a hand edit or two machines could give one id to
    two relationships; then the reference must say which, as `slug:a7f`.
    """
    ref = parse_ref(text, kind)
    slug_hint = ref.slug or within
    if slug_hint and not ctx.store.exists(slug_hint):
        raise ctx.store.not_found(slug_hint)
    slugs = [slug_hint] if slug_hint else ctx.store.slugs()
    held, unreadable = _gather(slugs, entries_in, strict=bool(slug_hint))
    texts = {an_id: label for _, an_id, label in held}
    try:
        chosen = ids.resolve(ref.id, texts, kind, texts)
    except NotFound:
        raise _not_found(ref.id, kind, slug_hint, unreadable) from None
    found = sorted({slug for slug, an_id, _ in held if an_id == chosen})
    if len(found) > 1:
        raise Ambiguous(
            f"{kind} '{ref.id}' is in more than one relationship ({', '.join(found)})",
            f"say which, e.g. {found[0]}:{ref.id}",
        )
    return found[0], chosen


def _gather(
    slugs: list[str], entries_in: Entries, strict: bool
) -> tuple[list[tuple[str, str, str]], list[str]]:
    held: list[tuple[str, str, str]] = []
    unreadable: list[str] = []
    for slug in slugs:
        try:
            held += [(slug, an_id, label) for an_id, label in entries_in(slug)]
        except BrokenFile:
            if strict:
                raise
            unreadable.append(slug)
    return held, unreadable


def _not_found(typed: str, kind: str, slug: str | None, unreadable: list[str]) -> NotFound:
    where = f" in '{slug}'" if slug else ""
    listing = {
        "goal": "mentorlog goal list --all",
        "commitment": "mentorlog actions --all",
        "milestone": "mentorlog journey",
    }[kind]
    if unreadable:
        hint = f"some files could not be read ({', '.join(unreadable)}); fix them first"
        return HiddenByBrokenFile(f"no readable {kind} '{typed}'{where}", hint)
    return NotFound(f"no {kind} '{typed}'{where}", f"see `{listing}`")


def locate_action(ctx: Context, text: str, within: str | None = None) -> tuple[str, str]:
    """(slug, id) of the commitment a person typed (`a7f`, `ada-lovelace:a7f`, `a12`)."""
    return locate(
        ctx, text, "commitment",
        lambda s: [(a.id, a.text) for a in ctx.store.load_actions(s).actions],
        within,
    )  # fmt: skip


def locate_goal(ctx: Context, text: str, within: str | None = None) -> tuple[str, str]:
    """(slug, id) of the goal a person typed (`g3k`, `ada-lovelace:g3k`, `g3`)."""
    return locate(
        ctx, text, "goal", lambda s: [(g.id, g.title) for g in ctx.store.load_goals(s).goals],
        within,
    )  # fmt: skip


def locate_milestone(ctx: Context, text: str) -> str:
    """The id of the milestone a person typed (`m4q`, or a v1 id like `m2`)."""
    typed = parse_ref(text, "milestone").id
    titles = {m.id: m.title for m in ctx.store.load_journey().milestones}
    try:
        return ids.resolve(typed, titles, "milestone", titles)
    except NotFound:
        raise _not_found(typed, "milestone", None, []) from None
