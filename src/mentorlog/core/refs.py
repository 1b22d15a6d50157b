"""Finding goals and actions by their short ids (`g3`, `a12`, or `slug:a12`)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from mentorlog.core.context import Context
from mentorlog.core.errors import BrokenFile, InvalidInput, NotFound

REF = re.compile(r"^(?:(?P<slug>[a-z0-9-]+)[:/])?(?P<id>[ag][0-9]+)$")


@dataclass(frozen=True)
class Ref:
    slug: str | None
    id: str


def parse_ref(text: str, kind: str) -> Ref:
    prefix = kind[0]
    match = REF.match(text.strip().lower())
    if not match or not match.group("id").startswith(prefix):
        raise InvalidInput(
            f"'{text}' is not {'an' if kind == 'action' else 'a'} {kind} id",
            f"{kind} ids look like {prefix}3 (or slug:{prefix}3)",
        )
    return Ref(match.group("slug"), match.group("id"))


def locate(
    ctx: Context,
    text: str,
    kind: str,
    ids_in: Callable[[str], Iterable[str]],
    within: str | None = None,
) -> tuple[str, str]:
    """Return (slug, id) for a reference, searching every relationship when needed.

    Ids are unique across the store, but two machines syncing by git could both make
    `a7`; then the reference must say which relationship, as `slug:a7`.
    """
    ref = parse_ref(text, kind)
    slug_hint = ref.slug or within
    slugs = [slug_hint] if slug_hint else ctx.store.slugs()
    if slug_hint and not ctx.store.exists(slug_hint):
        raise ctx.store.not_found(slug_hint)
    found: list[str] = []
    unreadable: list[str] = []
    for slug in slugs:
        try:
            if ref.id in set(ids_in(slug)):
                found.append(slug)
        except BrokenFile:
            if slug_hint:
                raise
            unreadable.append(slug)
    if not found:
        where = f" in '{slug_hint}'" if slug_hint else ""
        listing = "mentorlog goal list --all" if kind == "goal" else "mentorlog actions --all"
        hint = f"see `{listing}`"
        if unreadable:
            hint = f"some files could not be read ({', '.join(unreadable)}); fix them first"
        raise NotFound(f"no {kind} '{ref.id}'{where}", hint)
    if len(found) > 1:
        raise InvalidInput(
            f"{kind} '{ref.id}' is in more than one relationship ({', '.join(found)})",
            f"say which, e.g. {found[0]}:{ref.id}",
        )
    return found[0], ref.id
