"""Ids made without a shared counter, so two machines never mint the same one.

An id is a kind letter and ten characters of lower-case Crockford base32 (`0-9a-z` without
`i l o u`): `a7fk2qm4x9f`. Ids from v1's counter (`a12`, `g3`, `m2`) stay valid as they
are. Fifty random bits: two of 13,000 commitments share one with a
chance of about 1e-7, and the store draws again if a file already has it. People see and
type the shortest prefix that is unique (`a7f`); see docs/design/ids.md.

`MENTORLOG_ID_SEED` makes the draws repeatable, for tests that compare a store before and
after a command (the crash harness). `reseed()` starts the sequence again.
"""

from __future__ import annotations

import bisect
import hashlib
import os
import random
import re
import secrets
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from pydantic import BaseModel

from mentorlog.core.errors import Ambiguous, NotFound

ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"  # Crockford base32, lower case
LENGTH = 10  # characters after the kind letter

_seeded: random.Random | None = None


def reseed() -> None:
    """Read `MENTORLOG_ID_SEED` again and start its sequence from the top."""
    global _seeded
    seed = os.environ.get("MENTORLOG_ID_SEED", "")
    _seeded = random.Random(seed) if seed else None


reseed()


def mint(letter: str) -> str:
    """A fresh random id of one kind: `mint("a")` -> `a7fk2qm4x9f`."""
    if _seeded is not None:
        return letter + "".join(_seeded.choice(ALPHABET) for _ in range(LENGTH))
    return letter + "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def derived(letter: str, *facts: str) -> str:
    """An id made from facts that never change (used by migrations), so two clones that
    migrate the same history make the same id."""
    digest = hashlib.sha256("\x1f".join(facts).encode("utf-8")).digest()
    number = int.from_bytes(digest[:8], "big")
    chars = []
    for _ in range(LENGTH):
        number, index = divmod(number, len(ALPHABET))
        chars.append(ALPHABET[index])
    return letter + "".join(chars)


# -- showing and reading ids ----------------------------------------------------------------
KINDS = "gam"  # goals, commitments (actions), milestones: the ids people type
MIN_SHORT = 3  # characters shown at least: the letter and two more (`a7f`)
# v1's counter ids (a12, g3, m2): digits, but never ten of them (that is a minted id which
# happens to draw only digits, one in a hundred thousand).
_OLD = re.compile(rf"^[a-z](?:[0-9]{{1,{LENGTH - 1}}}|[0-9]{{{LENGTH + 1},}})$")
_NEW = re.compile(rf"^[a-z][{ALPHABET}]{{{LENGTH}}}$")
_CROCKFORD = str.maketrans({"i": "1", "l": "1", "o": "0"})
SHOWN_CANDIDATES = 5


def is_old(an_id: str) -> bool:
    """A v1 id made by the old counter (`a12`): always shown whole."""
    return bool(_OLD.match(an_id))


def valid(letter: str, an_id: str) -> bool:
    """An id of this kind, old (`a12`) or new (`a7fk2qm4x9f`)."""
    return an_id[:1] == letter and bool(_OLD.match(an_id) or _NEW.match(an_id))


def _common(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


class Shortener:
    """The short forms of a set of ids, git style: the shortest prefix of at least three
    characters that no other id starts with. Built once per command from every id of the
    home (any kinds: the letter keeps kinds apart); sorting makes it O(n log n), since the
    id sharing the longest prefix with another is its neighbour in sorted order."""

    def __init__(self, ids: Iterable[str]) -> None:
        self._sorted = sorted(set(ids))

    def short(self, an_id: str) -> str:
        if is_old(an_id):
            return an_id
        at = bisect.bisect_left(self._sorted, an_id)
        shared = 0
        for index in (at - 1, at, at + 1):
            if 0 <= index < len(self._sorted) and self._sorted[index] != an_id:
                shared = max(shared, _common(self._sorted[index], an_id))
        return an_id[: max(MIN_SHORT, min(shared + 1, len(an_id)))]

    def __call__(self, an_id: str) -> str:
        return self.short(an_id)


def short(an_id: str, others: Iterable[str]) -> str:
    """The short form of one id among others: `short("a7fk2qm4x9f", ids) -> "a7f"`."""
    return Shortener(others).short(an_id)


def normalise(text: str) -> str:
    """What a person typed, as an id is stored: lower case, and in the random part the
    letters Crockford reads as digits (`i`, `l` as 1, `o` as 0)."""
    text = text.strip().lower()
    return text[:1] + text[1:].translate(_CROCKFORD)


def matches(text: str, ids: Iterable[str]) -> bool:
    """Whether what a person typed names at least one of these ids."""
    wanted = normalise(text)
    return any(i == wanted or (len(wanted) >= MIN_SHORT and i.startswith(wanted)) for i in ids)


def resolve(
    text: str, ids: Iterable[str], kind: str = "id", texts: Mapping[str, str] | None = None
) -> str:
    """The id a person meant: the exact id, else the one id starting with what they typed
    (at least two characters after the letter). None: NotFound; several: Ambiguous
    naming up to five, each with a prefix long enough to tell them apart."""
    wanted = normalise(text)
    known = set(ids)
    if wanted in known:
        return wanted
    found = sorted(i for i in known if i.startswith(wanted))
    if found and len(wanted) < MIN_SHORT:  # `a7`: too short to stand for one, ever
        raise too_short(text.strip(), found, kind, texts or {})
    if len(found) == 1:
        return found[0]
    if not found:
        raise NotFound(f"no {kind} '{text.strip()}'")
    raise ambiguous(text.strip(), found, kind, texts or {})


def too_short(text: str, found: list[str], kind: str, texts: Mapping[str, str]) -> Ambiguous:
    """`'a7' is too short for a commitment's id (it could be a7f "send the outline", ...)`."""
    said = ambiguous(text, found, kind, texts)
    what = "an id" if kind == "id" else f"a {kind}'s id"
    return Ambiguous(
        f"'{text}' is too short for {what}: give {MIN_SHORT} characters or more", said.hint
    )


def ambiguous(text: str, found: list[str], kind: str, texts: Mapping[str, str]) -> Ambiguous:
    """`commitment 'a7f' is ambiguous (it could be a7fk "send the outline", a7fq ...)`."""
    shortener = Shortener(found)
    named = []
    for an_id in found[:SHOWN_CANDIDATES]:
        label = " ".join(texts.get(an_id, "").split())
        label = label if len(label) <= 30 else label[:29] + "…"
        named.append(f'{shortener(an_id)} "{label}"' if label else shortener(an_id))
    more = len(found) - SHOWN_CANDIDATES
    listing = ", ".join(named) + (f" or {more} more" if more > 0 else "")
    return Ambiguous(f"{kind} '{text}' is ambiguous", f"it could be {listing}")


Result = TypeVar("Result", bound="BaseModel")


def fill_short(result: Result, shortener: Shortener) -> Result:
    """Set `short` on every model in a command's result that has an `id` and a `short`, so
    the JSON and the text view show the same short ids."""
    from pydantic import BaseModel  # loaded by then; completion uses ids without it

    stack: list[object] = [result]
    while stack:
        item = stack.pop()
        if isinstance(item, BaseModel):
            fields = type(item).model_fields
            an_id = getattr(item, "id", "")
            if "short" in fields and isinstance(an_id, str) and an_id[:1] in KINDS:
                setattr(item, "short", shortener(an_id))  # noqa: B010
            stack.extend(getattr(item, name) for name in fields)
        elif isinstance(item, list | tuple):
            stack.extend(item)
        elif isinstance(item, dict):
            stack.extend(item.values())
    return result
