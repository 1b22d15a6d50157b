"""`mentorlog help [COMMAND...]`: the same screen as `mentorlog [COMMAND...] --help`."""

from __future__ import annotations

import difflib
from typing import Annotated

import typer
from typer._click.exceptions import UsageError

from mentorlog.cli import options as opt

CommandWords = Annotated[
    list[str] | None,
    typer.Argument(
        metavar="COMMAND", help="A command, or a command and its subcommand (e.g. goal update)."
    ),
]


def help_command(
    ctx: typer.Context, command: CommandWords = None, no_input: opt.NoInputOption = False
) -> None:
    """Show how to use mentorlog or one of its commands (the same as --help)."""
    shown = ctx.find_root()
    for word in command or []:
        group = shown.command
        if not isinstance(group, typer.core.TyperGroup):
            break  # `help done extra`: the help of `done` is the answer
        _, found, _ = group.resolve_command(shown, [word])  # the root says "Did you mean"
        if found is None:  # a subgroup's context is resilient: it says nothing
            raise UsageError(_unknown(word, group.list_commands(shown)), shown)
        shown = found.make_context(word, [], parent=shown, resilient_parsing=True)
    typer.echo(shown.get_help())  # as --help does (Rich prints the screen itself)


def _unknown(word: str, names: list[str]) -> str:
    close = difflib.get_close_matches(word, names)
    guess = f" Did you mean {', '.join(repr(name) for name in close)}?" if close else ""
    return f"No such command '{word}'.{guess}"
