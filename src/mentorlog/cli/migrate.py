"""`mentorlog migrate`: upgrade a v1 journal to the v2 format, after a backup."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.text import Text

from mentorlog.cli import options as opt
from mentorlog.cli.output import Screen, present
from mentorlog.cli.state import state
from mentorlog.core import migrations as core

DryRunOption = Annotated[
    bool, typer.Option("--dry-run", help="Say what would change, and change nothing.")
]


def migrate(
    ctx: typer.Context,
    dry_run: DryRunOption = False,
    no_input: opt.NoInputOption = False,
    json_output: opt.JsonOption = False,
) -> None:
    """Upgrade your journal's files to the current format (a backup is kept first)."""
    st = state(ctx)
    present(st.screen, core.migrate(st.core, dry_run=dry_run), json_output, _show)


def _show(screen: Screen, result: core.MigrateResult) -> None:
    out = screen.out
    if not result.done:
        out.print(f"Your journal is already at schema {result.schema_version}; nothing to do.")
        return
    lead = "Would change" if result.dry_run else "Changed"
    for change in result.changes:
        out.print(Text(f"{lead}: {change.path} ({change.how}: {change.what})"))
    if result.dry_run:
        out.print("Nothing was changed. Run `mentorlog migrate` to do it (a backup is kept).")
        return
    out.print(
        Text(
            f"Your journal is now at schema {result.schema_version}. The files it replaced "
            f"are kept in {result.backup}. `mentorlog doctor` shows anything left for you."
        )
    )
