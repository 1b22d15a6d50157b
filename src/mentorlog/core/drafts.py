"""Drafts: what a person is still writing, kept safe until it is stored.

A draft is known by its name; the store says where it is kept (a relationship's drafts
move with it when it is renamed; drafts about mentoring in general belong to the home).

Text kept from an editor has a copy of the text it started from beside it, so that a
later run can tell whether the file changed in the meantime and merge the two rather
than silently undo the newer change. A draft that is not taken up is set aside, never
deleted.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from mentorlog.core.context import Context
from mentorlog.core.errors import BrokenFile, MentorlogError
from mentorlog.core.files import (
    atomic_write,
    dump_toml,
    ensure_private_dir,
    read_text,
    read_toml,
    remove_file,
    replace,
)
from mentorlog.core.merge import merge
from mentorlog.core.store import Store

# A walk's answers (a TOML draft) may note which of them a stop cut short: the next run
# asks that one again, to go on from it, instead of taking it as answered.
CUT = "unfinished"

# The editor drafts of a whole stored file are named after that file, as they always
# were (so text an earlier version kept is still found).
RELATIONSHIP_EDIT = "relationship.toml"
AGREEMENT_EDIT = "agreement.md"
CONFIG_EDIT = "config.toml"


class KeptChoice(StrEnum):
    """What to do with kept editor text: the answer to `--kept-draft`."""

    merge = "merge"  # merge the draft with the file as it is now
    use = "use"  # continue from the draft, over any newer change to the file
    set_aside = "set-aside"  # start from the file as it is now; the draft is set aside


@dataclass(frozen=True)
class Kept:
    """Editor text kept from an earlier run, and what it was based on."""

    path: Path
    text: str
    base: str | None  # None: kept by an older mentorlog, which did not record it
    kept_at: datetime

    def behind(self, now: str) -> bool:
        """True when the text it started from is no longer the text of today."""
        return self.base != now if self.base is not None else self.text != now

    def when(self) -> str:
        return self.kept_at.strftime("%Y-%m-%d %H:%M")


def draft_path(ctx: Context, name: str, slug: str | None = None) -> Path:
    """Where the draft called `name` is kept (it may not exist)."""
    return ctx.store.draft_path(name, slug)


def _base_of(draft: Path) -> Path:
    return Store.draft_base(draft)


def save(
    ctx: Context, name: str, text: str, slug: str | None = None, base: str | None = None
) -> Path:
    """Keep `text`; with `base`, also the text it started from.

    The draft is written first: should the base not follow (a crash between), the draft
    looks older than it is, which only means one more question next time; the other order
    could make a draft that is behind look up to date.
    """
    draft = draft_path(ctx, name, slug)
    atomic_write(draft, text)
    if base is not None:
        atomic_write(_base_of(draft), base)
    return draft


def read(path: Path) -> str:
    return read_text(path)


def kept(ctx: Context, name: str, slug: str | None = None) -> Kept | None:
    """The editor text kept under `name`, if there is some."""
    draft = draft_path(ctx, name, slug)
    if not draft.is_file():
        if draft.exists() or draft.is_symlink():  # never written over: it may hold text
            raise MentorlogError(f"{draft} is not a draft file", "move it away, then try again")
        return None
    base_path = _base_of(draft)
    base = read_text(base_path) if base_path.is_file() else None
    stamp = datetime.fromtimestamp(draft.stat().st_mtime)
    return Kept(path=draft, text=read_text(draft), base=base, kept_at=stamp)


def start_from(kept: Kept, now: str, choice: KeptChoice) -> tuple[str, int]:
    """The text to edit next, and how many places need the person to choose.

    Setting aside is done by the caller (`set_aside`), which can then say where.
    """
    if choice is KeptChoice.use:
        return kept.text, 0
    if choice is KeptChoice.set_aside:
        return now, 0
    merged = merge(kept.base, kept.text, now, ("your draft", "the file now"))
    return merged.text, merged.conflicts


def changes(kept: Kept, now: str, name: str) -> list[tuple[str, str]]:
    """Unified diffs that help decide: what changed in the file, and what the draft changed."""
    if kept.base is None:
        return [("Your draft against the file now", _diff(kept.text, now, "your draft", name))]
    return [
        (
            f"What changed in {name} since {kept.when()}",
            _diff(kept.base, now, f"{name} then", f"{name} now"),
        ),
        ("What your draft changes", _diff(kept.base, kept.text, f"{name} then", "your draft")),
    ]


def _diff(old: str, new: str, old_name: str, new_name: str) -> str:
    lines = difflib.unified_diff(
        old.splitlines(keepends=True), new.splitlines(keepends=True), old_name, new_name
    )
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


def discard(draft: Path) -> None:
    """Let go of a draft that has been stored (and of the text it started from)."""
    remove_file(draft)
    remove_file(_base_of(draft))


def discard_named(ctx: Context, name: str, slug: str | None = None) -> None:
    discard(draft_path(ctx, name, slug))


def set_aside(draft: Path, now: datetime | None = None) -> Path:
    """Move a draft nobody took up to the set-aside drafts; returns where it is now."""
    when = now or datetime.now()
    number = 1
    target = Store.set_aside_place(draft, when, number)
    while target.exists() or _base_of(target).exists():
        number += 1
        target = Store.set_aside_place(draft, when, number)
    ensure_private_dir(target.parent)
    replace(draft, target)  # a rename: the bytes stay exactly as they were
    if _base_of(draft).is_file():
        replace(_base_of(draft), _base_of(target))
    return target


def save_answers(ctx: Context, name: str, answers: dict[str, Any], slug: str | None = None) -> Path:
    """Keep a walk's answers so far, so an interrupted walk can pick up where it stopped."""
    return save(ctx, f"{name}.toml", dump_toml(answers), slug)


def answers_path(ctx: Context, name: str, slug: str | None = None) -> Path:
    return draft_path(ctx, f"{name}.toml", slug)


def load_answers(ctx: Context, name: str, slug: str | None = None) -> dict[str, Any] | None:
    path = answers_path(ctx, name, slug)
    if not path.is_file():
        return None
    try:
        return read_toml(path)[0]
    except BrokenFile as problem:  # never overwrite it: the person may need what is in it
        raise MentorlogError(
            f"the unfinished answers in {path} cannot be read ({problem.problem})",
            "fix the file, or move it away to start afresh",
        ) from None


def discard_answers(ctx: Context, name: str, slug: str | None = None) -> None:
    discard(answers_path(ctx, name, slug))
