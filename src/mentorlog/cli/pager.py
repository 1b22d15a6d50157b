"""Long output through a pager, as git does: `$PAGER` (default `less -FRX`), and only
when stdout is a terminal, so a pipe, a file, `--json` and `--no-input` get plain text."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console

from mentorlog.cli import signals

DEFAULT_PAGER = "less -FRX"
NO_PAGER = ("", "cat")


def pager_command() -> list[str] | None:
    """`$PAGER` split into words; None when it says not to page (empty, or `cat`)."""
    chosen = os.environ.get("PAGER")
    chosen = DEFAULT_PAGER if chosen is None else chosen.strip()
    return None if chosen in NO_PAGER else shlex.split(chosen)


@contextmanager
def paged(console: Console, wanted: bool = True) -> Iterator[None]:
    """What is printed on `console` inside goes through the pager, when `wanted` and
    stdout is a terminal and the text is taller than the screen (as `less -F` would)."""
    if not wanted or pager_command() is None or not _on_terminal(console):
        yield
        return
    with console.capture() as captured:
        yield
    page_text(console, captured.get())


def page_text(console: Console, text: str, wanted: bool = True) -> None:
    """Print `text` as it is (already laid out), through the pager as `paged` would."""
    command = pager_command()
    short = text.count("\n") < console.size.height  # `less -F` would not page it either
    if not wanted or command is None or not _on_terminal(console) or short:
        _write(console, text)
    else:
        _page(console, command, text)


def _on_terminal(console: Console) -> bool:
    return console.is_terminal and sys.stdout.isatty()


def _write(console: Console, text: str) -> None:
    console.file.write(text)
    console.file.flush()


def _page(console: Console, command: list[str], text: str) -> None:
    """Hand `text` to the pager; if it cannot run, print it: the text is never lost."""
    env = {**os.environ, "LESS": os.environ.get("LESS", "FRX")}
    try:
        with signals.editor_open():  # Ctrl-C belongs to the pager while it runs
            process = subprocess.Popen(command, stdin=subprocess.PIPE, env=env)
            try:
                assert process.stdin is not None
                process.stdin.write(text.encode("utf-8", errors="replace"))
                process.stdin.close()
            except BrokenPipeError:  # the person quit the pager before the end
                pass
            process.wait()
    except OSError:
        _write(console, text)
