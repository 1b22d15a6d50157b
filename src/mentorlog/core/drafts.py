"""Drafts: what a person is still writing, kept safe until it is stored.

A relationship's drafts live in its own folder (`relationships/<slug>/drafts/`), so they
move with it when it is renamed; drafts about mentoring in general live in
`<home>/drafts/`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mentorlog.core.context import Context
from mentorlog.core.errors import BrokenFile, MentorlogError
from mentorlog.core.files import atomic_write, dump_toml, read_text, read_toml


def folder(ctx: Context, slug: str | None = None) -> Path:
    return ctx.store.drafts_folder(slug)


def save(ctx: Context, name: str, text: str, slug: str | None = None) -> Path:
    path = folder(ctx, slug) / name
    atomic_write(path, text)
    return path


def read(path: Path) -> str:
    return read_text(path)


def discard(path: Path) -> None:
    path.unlink(missing_ok=True)


def save_answers(ctx: Context, name: str, answers: dict[str, Any], slug: str | None = None) -> Path:
    """Keep a walk's answers so far, so an interrupted walk can pick up where it stopped."""
    return save(ctx, f"{name}.toml", dump_toml(answers), slug)


def load_answers(ctx: Context, name: str, slug: str | None = None) -> dict[str, Any] | None:
    path = folder(ctx, slug) / f"{name}.toml"
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
    discard(folder(ctx, slug) / f"{name}.toml")
