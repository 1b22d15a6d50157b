"""Drafts: text a person is still writing (in an editor) kept safe inside the home."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mentorlog.core.context import Context
from mentorlog.core.errors import BrokenFile
from mentorlog.core.files import atomic_write, dump_toml, read_text, read_toml


def folder(ctx: Context) -> Path:
    return ctx.home / "drafts"


def save(ctx: Context, name: str, text: str) -> Path:
    path = folder(ctx) / name
    atomic_write(path, text)
    return path


def read(path: Path) -> str:
    return read_text(path)


def discard(path: Path) -> None:
    path.unlink(missing_ok=True)


def save_answers(ctx: Context, name: str, answers: dict[str, Any]) -> Path:
    """Keep a walk's answers so far, so an interrupted walk can pick up where it stopped."""
    return save(ctx, f"{name}.toml", dump_toml(answers))


def load_answers(ctx: Context, name: str) -> dict[str, Any] | None:
    path = folder(ctx) / f"{name}.toml"
    if not path.is_file():
        return None
    try:
        return read_toml(path)[0]
    except BrokenFile:
        return None  # a draft we cannot read is left for the person to look at


def discard_answers(ctx: Context, name: str) -> None:
    discard(folder(ctx) / f"{name}.toml")
