"""`mentorlog import`: bring back what `mentorlog export --format json` wrote."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from mentorlog.cli import options as opt
from mentorlog.cli.output import Screen, present
from mentorlog.cli.state import state
from mentorlog.core import importing as core
from mentorlog.core.errors import MissingValue


def import_file(
    ctx: typer.Context,
    file: Annotated[
        Path,
        typer.Argument(
            metavar="FILE",
            help="A file from `mentorlog export --format json`; - reads standard input.",
        ),
    ],
    dry_run: Annotated[
        bool,
        typer.Option("--dry-run", metavar="", help="Say what would be written; write nothing."),
    ] = False,
    no_input: opt.NoInputOption = False,
    json_output: opt.JsonOption = False,
) -> None:
    """Import a JSON export into this journal; nothing already here is overwritten.

    All or nothing: an entry that is already here with the same content is left as it
    is; one that differs stops the import, and nothing is written.
    """
    st = state(ctx)
    text = _standard_input() if file == core.STDIN else None
    result = core.import_file(st.core, file, dry_run, text)
    present(st.screen, result, json_output, _show)


def _show(screen: Screen, result: core.ImportResult) -> None:
    verb = "Would write" if result.dry_run else "Wrote"
    counts: dict[str, int] = {}
    for planned in result.written:
        counts[planned.kind] = counts.get(planned.kind, 0) + 1
    listing = ", ".join(f"{n} {_plural(kind, n)}" for kind, n in counts.items())
    screen.out.print(f"{verb} {listing}." if listing else "Nothing new to write.", soft_wrap=True)
    if result.unchanged:
        screen.out.print(f"{result.unchanged} already here, the same: left as they are.")
    if result.kept:
        screen.out.print("Kept this home's settings (config.toml); the file's were left out.")


def _plural(kind: str, n: int) -> str:
    label = core.LABELS[kind]
    return label if n == 1 else f"{label}s"


def _standard_input() -> str:
    """The export piped in; at a terminal nothing is coming, so say so instead of waiting."""
    if sys.stdin.isatty():
        raise MissingValue(
            "`import -` reads an export piped in, and this is a terminal",
            "e.g. mentorlog export --format json | mentorlog --home OTHER import -",
        )
    return sys.stdin.read().removeprefix("\ufeff")
