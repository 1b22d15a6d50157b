"""What the root callback resolves once and every command receives via `ctx.obj`."""

from __future__ import annotations

import sys
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import typer
    from rich.console import Console

    from mentorlog.cli.output import Screen
    from mentorlog.cli.prompts import Asker
    from mentorlog.core.config import Config
    from mentorlog.core.context import Context

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
# How the human views show a date (config.toml's `date_format`), set once per command by
# the root callback; JSON never looks at it.
DATE_FORMAT: ContextVar[str] = ContextVar("date_format", default="iso")


def shown(value: date) -> str:
    """A date as the person asked to read it: `2026-12-03`, or `3 Dec 2026` for short."""
    if DATE_FORMAT.get() == "short":
        return f"{value.day} {MONTHS[value.month - 1]} {value.year}"
    return value.isoformat()


@dataclass
class State:
    core: Context
    command: typer.Context | None = None  # the command that ran (for git.autocommit)

    # The consoles are made on first use: `due --quiet` prints nothing and loads no Rich.
    @cached_property
    def out(self) -> Console:
        from mentorlog.cli.output import make_console

        return make_console()

    @cached_property
    def err(self) -> Console:
        from mentorlog.cli.output import make_console

        return make_console(stderr=True)

    @cached_property
    def screen(self) -> Screen:
        """The consoles a human view prints on, and nothing of the journal."""
        from mentorlog.cli.output import Screen

        return Screen(self.out, self.err, lambda: self.settings.pager)

    @cached_property
    def settings(self) -> Config:
        """config.toml, read at first use (a broken one is named, file and line)."""
        from mentorlog.core.config import load_config

        return load_config(self.core.store)

    def asker(self, no_input: bool) -> Asker:
        """Prompts go to stderr so that `--json` output on stdout stays clean."""
        from mentorlog.cli.prompts import Asker

        interactive = not no_input and sys.stdin.isatty()
        return Asker(self.err, interactive)


def state(ctx: typer.Context) -> State:
    root = ctx.find_root()
    obj = root.obj
    if not isinstance(obj, State):  # pragma: no cover - the root callback always sets it
        raise RuntimeError("mentorlog state was not set up")
    if ctx is not root:
        obj.command = ctx
    return obj


def fresh_state(core: Context) -> State:
    return State(core=core)
