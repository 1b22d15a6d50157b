"""What the root callback resolves once and every command receives via `ctx.obj`."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import typer
    from rich.console import Console

    from mentorlog.cli.prompts import Asker
    from mentorlog.core.context import Context


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
