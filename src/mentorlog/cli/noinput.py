"""`--no-input` before a command means the same as after it (light: the root uses it)."""

from __future__ import annotations

from typing import Any

import typer


def pass_no_input(ctx: typer.Context, no_input: bool) -> None:
    """`--no-input` given before a subcommand (`mentorlog goal --no-input list`) means the
    same as after it: turned on, through Click's default map, in the subcommand and every
    command under it."""
    if no_input and ctx.invoked_subcommand:
        command = ctx.command.get_command(ctx, ctx.invoked_subcommand)  # type: ignore[attr-defined]
        ctx.default_map = {ctx.invoked_subcommand: no_input_defaults(ctx, command)}


def no_input_defaults(ctx: typer.Context, command: Any) -> dict[str, Any]:
    """Defaults (Click's default map) that turn on --no-input in `command` and in every
    subcommand under it, as if it had been typed after the command."""
    defaults: dict[str, Any] = {"no_input": True}
    for name in command.list_commands(ctx) if hasattr(command, "list_commands") else []:
        defaults[name] = no_input_defaults(ctx, command.get_command(ctx, name))
    return defaults
