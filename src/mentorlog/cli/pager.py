"""Long output through a pager, as git does: `$MENTORLOG_PAGER`, else config.toml's
`pager`, else `$PAGER`, else `less -FRX` (the order git gives GIT_PAGER, core.pager and
PAGER); and only when stdout is a terminal, so a pipe, a file, `--json` and `--no-input`
get plain text."""

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
PAGER_ENV = "MENTORLOG_PAGER"


def pager_command(configured: str | None = None) -> list[str] | None:
    """The chosen pager split into words; None when it says not to page (empty, `cat`)."""
    chosen = next(
        (
            c
            for c in (os.environ.get(PAGER_ENV), configured, os.environ.get("PAGER"))
            if c is not None
        ),
        DEFAULT_PAGER,
    ).strip()
    return None if chosen in NO_PAGER else shlex.split(chosen)


@contextmanager
def paged(console: Console, wanted: bool = True, configured: str | None = None) -> Iterator[None]:
    """What is printed on `console` inside goes through the pager, when `wanted` and
    stdout is a terminal and the text is taller than the screen (as `less -F` would);
    `configured` is config.toml's `pager`."""
    if not wanted or pager_command(configured) is None or not _on_terminal(console):
        yield
        return
    with console.capture() as captured:
        yield
    page_text(console, captured.get(), configured=configured)


def page_text(
    console: Console, text: str, wanted: bool = True, configured: str | None = None
) -> None:
    """Print `text` as it is (already laid out), through the pager as `paged` would."""
    command = pager_command(configured)
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
