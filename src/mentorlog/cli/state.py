"""What the root callback resolves once and every command receives via `ctx.obj`."""

from __future__ import annotations

import sys
from dataclasses import dataclass

import typer
from rich.console import Console

from mentorlog.cli.output import make_console
from mentorlog.cli.prompts import Asker
from mentorlog.core.context import Context


@dataclass
class State:
    core: Context
    out: Console
    err: Console
    command: typer.Context | None = None  # the command that ran (for git.autocommit)

    def asker(self, no_input: bool) -> Asker:
        """Prompts go to stderr so that `--json` output on stdout stays clean."""
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
    return State(core=core, out=make_console(), err=make_console(stderr=True))
