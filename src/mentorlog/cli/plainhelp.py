"""Help that reads as written by a person: what to type, never a type name.

Typer shows `<bool>`, `<str>`, `<list[str]>`, `{SLUG}` and `[0<=x<=100]` in help. The
commands here (the root group, every command and subgroup, see cli/app.py) hand their
parameters out as `PlainOption` and `PlainArgument`, which show a flag bare, an option by
its metavar (`DATE`, `SLUG`, `0-100`) or its choices (`mentor|mentee|peer`), and an argument
by its name alone. Each command also refuses options that clash (cli/exclusive.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import typer
from typer._click.core import Context
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

from mentorlog.cli.exclusive import refuse_clashes

FREE_TEXT = '"..."'  # what a free-text option shows: type some words, quoted


class PlainArgument(TyperArgument):
    def display_type_rich(self, ctx: Context) -> str | None:
        return None  # the name (SLUG, ID...) already says what to type

    def _usage_display_name(self) -> str:
        name = self.display_name_raw
        if self.nargs != 1 and not name.endswith("..."):
            name += "..."
        return name if self.required else f"[{name}]"

    def _get_number_range_help_str(self) -> str | None:
        return None


class PlainOption(TyperOption):
    def display_type_rich(self, ctx: Context) -> str | None:
        if self.is_flag or self.count:
            return None
        if self.metavar is not None:
            return self.metavar
        described = self.type_descriptor
        if described.is_choice:
            return "|".join(str(getattr(c, "value", c)) for c in described.choices or ())
        if described.is_path:
            return "PATH"
        return "N" if self.bare_type() in ("int", "float") else FREE_TEXT

    def _get_number_range_help_str(self) -> str | None:
        return None  # the metavar and help say the range in words


def plain(params: Iterable[Any]) -> list[Any]:
    """The parameters, each shown plainly from now on."""
    shown = []
    for param in params:
        if type(param) is TyperOption:
            param.__class__ = PlainOption
        elif type(param) is TyperArgument:
            param.__class__ = PlainArgument
        shown.append(param)
    return shown


class PlainCommand(TyperCommand):
    """A command whose help shows what to type (see the module docstring)."""

    def get_params(self, ctx: typer.Context) -> list[Any]:  # type: ignore[override]
        return plain(super().get_params(ctx))

    def parse_args(self, ctx: typer.Context, args: list[str]) -> list[str]:  # type: ignore[override]
        refuse_clashes(ctx, self.params, args)
        return super().parse_args(ctx, args)


class PlainGroup(TyperGroup):
    """A group of subcommands whose help shows what to type."""

    def get_params(self, ctx: typer.Context) -> list[Any]:  # type: ignore[override]
        return plain(super().get_params(ctx))

    def parse_args(self, ctx: typer.Context, args: list[str]) -> list[str]:  # type: ignore[override]
        mine = next((i for i, arg in enumerate(args) if arg in self.commands), len(args))
        refuse_clashes(ctx, self.params, args[:mine])  # its own, not its subcommand's
        return super().parse_args(ctx, args)
