"""Drafts: text a person is still writing (in an editor) kept safe inside the home."""

from __future__ import annotations

from pathlib import Path

from mentorlog.core.context import Context
from mentorlog.core.files import atomic_write, read_text


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
