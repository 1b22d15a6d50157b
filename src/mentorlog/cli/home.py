"""`mentorlog home`: print the folder where mentorlog keeps your data."""

from __future__ import annotations

import sys

import typer

from mentorlog.cli import options as opt
from mentorlog.cli.state import state
from mentorlog.core.visible import visible


def home(ctx: typer.Context, no_input: opt.NoInputOption = False) -> None:
    """Print the folder where mentorlog keeps your data."""
    folder = str(state(ctx).core.home)
    # Exact for `cd "$(mentorlog home)"`; a terminal sees any control character, not obeys it.
    typer.echo(visible(folder) if sys.stdout.isatty() else folder)
