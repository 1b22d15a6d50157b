"""Open text in the user's editor and loop until it validates; the text is never lost."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from rich.text import Text

from mentorlog.cli.state import State
from mentorlog.core import drafts
from mentorlog.core.errors import MentorlogError

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
    st: State, draft_name: str, initial: str, accept: Callable[[str, Path], T]
) -> T | None:
    """Edit `initial` in $VISUAL/$EDITOR; `accept(text, draft_path)` validates and stores it.

    Returns None when nothing changed. On an invalid edit, offers to edit again; if the
    person declines (or no terminal can ask), the edited text stays in the drafts folder.
    """
    path = drafts.save(st.core, draft_name, initial)
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
        drafts.discard(path)
        return result
