"""Open text in the user's editor and loop until it validates; the text is never lost."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from rich.text import Text

from mentorlog.cli.state import State
from mentorlog.core import drafts
from mentorlog.core.errors import MentorlogError, MissingValue

T = TypeVar("T")


def editor_command() -> list[str]:
    chosen = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if chosen:
        return shlex.split(chosen)
    for fallback in ("nano", "vi"):
        if shutil.which(fallback):
            return [fallback]
    raise MentorlogError("no text editor found", "set $EDITOR, e.g. export EDITOR=nano")


def edit_until_valid(
    st: State,
    draft_name: str,
    initial: str,
    accept: Callable[[str, Path], T],
    implicit: bool = False,
    keep: bool = False,
    slug: str | None = None,
) -> T | None:
    """Edit `initial` in $VISUAL/$EDITOR; `accept(text, draft_path)` validates and stores it.

    Returns None when nothing changed. On an invalid edit, offers to edit again; if the
    person declines (or no terminal can ask), the edited text stays in the drafts folder,
    and the next edit of the same thing starts from it. An `implicit` edit (the person
    did not ask for an editor by name) needs a terminal or a configured editor. With
    `keep`, `accept` only reads the text, and the caller discards the draft once the
    text is stored.
    """
    configured = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if implicit and not configured and not sys.stdin.isatty():
        raise MissingValue(
            "nothing to change", "pass options such as --purpose, or run it in a terminal"
        )
    path = drafts.folder(st.core, slug) / draft_name
    start = initial
    if path.is_file() and (kept := drafts.read(path)) != initial:
        start = kept
        st.err.print(f"Continuing from the text you kept in {path}")
    drafts.save(st.core, draft_name, start, slug)
    asker = st.asker(no_input=False)
    while True:
        command = [*editor_command(), str(path)]
        try:
            finished = subprocess.run(command, check=False)
        except FileNotFoundError:
            raise MentorlogError(
                f"cannot run the editor '{command[0]}'", f"your text is kept at {path}"
            ) from None
        if finished.returncode != 0:
            raise MentorlogError(
                f"the editor exited with status {finished.returncode}",
                f"your text is kept at {path}",
            )
        text = drafts.read(path)
        if text == initial:
            drafts.discard(path)
            return None
        try:
            result = accept(text, path)
        except MentorlogError as problem:
            if asker.interactive:
                st.err.print(
                    Text.assemble(("error: ", "bold red"), problem.message), soft_wrap=True
                )
                if asker.confirm("Edit again?", default=True):
                    continue
            raise MentorlogError(
                f"not saved: {problem.message}", f"your edited text is kept in {path}"
            ) from None
        if not keep:
            drafts.discard(path)
        return result
