"""A small line-based three-way merge, for a draft whose file changed after it was kept.

The classic diff3 walk: lines of the base that both sides kept in place are stable; between
them, a stretch that only one side changed takes that side's lines, a stretch both changed
the same way is taken once, and a stretch both changed differently becomes a conflict,
marked as git marks one, for the person to resolve in their editor. Adjacent changes by
both sides count as one conflict (as in git): safer than guessing their order.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher

START, MIDDLE, END = "<<<<<<<", "=======", ">>>>>>>"


@dataclass(frozen=True)
class Merged:
    text: str
    conflicts: int  # how many marked places need the person to choose


def merge(base: str | None, mine: str, theirs: str, labels: tuple[str, str]) -> Merged:
    """Merge `mine` and `theirs`, both edited from `base`.

    With no base (it was not recorded), every difference is a conflict to resolve by hand.
    """
    ours, others = mine.splitlines(keepends=True), theirs.splitlines(keepends=True)
    out: list[str] = []
    conflicts = 0
    chunks = _chunks(base.splitlines(keepends=True), ours, others) if base is not None else None
    for old, a, b in chunks if chunks is not None else _two_way(ours, others):
        if a == b or b == old:
            out += a
        elif a == old:
            out += b
        else:
            out += _conflict(a, b, labels)
            conflicts += 1
    return Merged("".join(out), conflicts)


Chunk = tuple[list[str], list[str], list[str]]


def _matches(base: list[str], other: list[str]) -> dict[int, int]:
    """Base line index -> index of the same line in `other`, along a longest match."""
    matcher = SequenceMatcher(None, base, other, autojunk=False)
    pairs: dict[int, int] = {}
    for block in matcher.get_matching_blocks():
        for offset in range(block.size):
            pairs[block.a + offset] = block.b + offset
    return pairs


def _chunks(base: list[str], a: list[str], b: list[str]) -> list[Chunk]:
    """Split the three texts into aligned (base, a, b) stretches, stable or not."""
    in_a, in_b = _matches(base, a), _matches(base, b)
    chunks: list[Chunk] = []
    o = i = j = 0
    while o < len(base) or i < len(a) or j < len(b):
        n = 0
        while o + n < len(base) and in_a.get(o + n) == i + n and in_b.get(o + n) == j + n:
            n += 1
        if n:
            chunks.append((base[o : o + n], a[i : i + n], b[j : j + n]))
            o, i, j = o + n, i + n, j + n
            continue
        stable = next((k for k in range(o, len(base)) if k in in_a and k in in_b), None)
        if stable is None:
            chunks.append((base[o:], a[i:], b[j:]))
            break
        chunks.append((base[o:stable], a[i : in_a[stable]], b[j : in_b[stable]]))
        o, i, j = stable, in_a[stable], in_b[stable]
    return chunks


def _two_way(a: list[str], b: list[str]) -> list[Chunk]:
    """Without a base: the lines both share are stable, every other stretch conflicts."""
    chunks: list[Chunk] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        old = a[i1:i2] if tag == "equal" else []
        chunks.append((old, a[i1:i2], b[j1:j2]))
    return chunks


def _conflict(a: list[str], b: list[str], labels: tuple[str, str]) -> list[str]:
    """Both sides changed one stretch: mark it, keeping shared first and last lines outside."""
    head = 0
    while head < min(len(a), len(b)) and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < min(len(a), len(b)) - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    mine, theirs = a[head : len(a) - tail], b[head : len(b) - tail]
    return [
        *a[:head],
        f"{START} {labels[0]}\n",
        *_ended(mine),
        f"{MIDDLE}\n",
        *_ended(theirs),
        f"{END} {labels[1]}\n",
        *a[len(a) - tail :],
    ]


def _ended(lines: list[str]) -> list[str]:
    """A last line with no newline gets one, so that a marker never joins it."""
    if lines and not lines[-1].endswith("\n"):
        return [*lines[:-1], lines[-1] + "\n"]
    return lines


def conflict_line(text: str) -> int | None:
    """The line number of the first conflict marker left in `text`, if any.

    A line of `=======` alone is not one: in Markdown it underlines a heading.
    """
    for number, line in enumerate(text.splitlines(), 1):
        if line.startswith((START, END)):
            return number
    return None
