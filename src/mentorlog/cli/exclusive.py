"""Options that contradict each other are refused with one line naming both.

Two kinds: both halves of an on/off pair (`--mine --partner`, `--merge --rebase`), found
from the parameters themselves, and the pairs below, which ask for two different things
(`prep --markdown --json`, `renegotiate --drop --text`). Without this the last one given,
or the one the code happens to test first, would silently win.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import typer
from typer._click.exceptions import UsageError

# A command's name (with its group: "goal update") -> pairs of long options that clash.
CLASHES: dict[str, tuple[tuple[str, str], ...]] = {
    "renegotiate": (("--drop", "--text"), ("--drop", "--due"), ("--drop", "--owner")),
    "agreement": (("--edit", "--markdown"), ("--edit", "--output")),
    "reflect": (
        ("--list-sets", "--suggest"),
        ("--list-sets", "--answer"),
        ("--list-sets", "--edit"),
        ("--suggest", "--answer"),
        ("--suggest", "--edit"),
        ("--answer", "--edit"),
    ),
    "init": (("--git", "--from"),),
    "due": (("--quiet", "--json"),),
    "prep": (("--markdown", "--json"),),
    "network": (("--markdown", "--json"),),
}


def refuse_clashes(ctx: typer.Context, params: Iterable[Any], args: list[str]) -> None:
    """Raise a usage error (exit 2) if two options that clash were both given."""
    given = _given(params, args)
    name = " ".join(ctx.command_path.split()[1:])
    for first, second in _pairs(params) + list(CLASHES.get(name, ())):
        if first in given and second in given:
            raise UsageError(f"{first} and {second} cannot be used together; choose one", ctx)


def _given(params: Iterable[Any], args: list[str]) -> set[str]:
    """The long names of the options typed, `-o` and `--output=x` included."""
    typed = {arg.partition("=")[0] for arg in (args[: args.index("--")] if "--" in args else args)}
    found = set()
    for param in params:
        for names in (getattr(param, "opts", []), getattr(param, "secondary_opts", [])):
            if typed & set(names):
                found.add(_long(names))
    return found


def _pairs(params: Iterable[Any]) -> list[tuple[str, str]]:
    """Each on/off flag pair: `--mine/--partner` -> ("--mine", "--partner")."""
    return [
        (_long(param.opts), _long(param.secondary_opts))
        for param in params
        if getattr(param, "secondary_opts", None)
    ]


def _long(names: list[str]) -> str:
    return next((name for name in names if name.startswith("--")), names[0])
