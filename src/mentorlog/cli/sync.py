"""`mentorlog sync`: one journal on every machine, through git."""

from __future__ import annotations

from typing import Annotated

import typer

from mentorlog.cli import options as opt
from mentorlog.cli.output import Screen, present, warn
from mentorlog.cli.state import state
from mentorlog.core import sync as core
from mentorlog.core.mergefile import shown_value

ADD_REMOTE = "mentorlog git remote add origin URL"


def sync(
    ctx: typer.Context,
    merge: Annotated[
        bool | None,
        typer.Option(
            "--merge/--rebase",
            help="Bring in other machines' changes by merge or by rebase "
            "(default: [git] sync in config.toml, else rebase).",
            show_default=False,
        ),
    ] = None,
    no_input: opt.NoInputOption = False,
    json_output: opt.JsonOption = False,
) -> None:
    """Commit your changes, bring in other machines', and send yours (git pull + push)."""
    st = state(ctx)
    mode: core.Mode | None = None if merge is None else ("merge" if merge else "rebase")
    result = core.sync(st.core, mode)
    for problem in result.warnings:  # on stderr with --json too, as a listing's skips
        warn(st.err, problem)
    present(st.screen, result, json_output, _show)


def _show(screen: Screen, result: core.SyncResult) -> None:
    say = screen.out.print
    changes = f"{result.committed} change" + ("" if result.committed == 1 else "s")
    if result.remote is None:
        done = f"Committed {changes}." if result.committed else "Nothing new to commit."
        say(f"{done} No remote to sync with: add one with {ADD_REMOTE}", highlight=False)
        return
    arrived = core.arrived_summary(result.arrived)
    say(f"Arrived: {arrived}." if arrived else "Nothing new arrived.", highlight=False)
    sent = f"Committed {changes} and sent" if result.committed else "Sent"
    say(f"{sent} everything to {result.remote}; this machine is up to date.", highlight=False)
    for kept in result.kept_both:
        where = f"{kept.path} {kept.entry or ''}".strip()
        other = f": the other value was {shown_value(kept.other)}" if kept.other is not None else ""
        warn(
            screen.err,
            f"two machines changed {kept.field} in {where} differently{other}; "
            "both are kept (see mentorlog doctor)",
        )
