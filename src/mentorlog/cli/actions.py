"""`mentorlog actions` and `mentorlog done`: commitments, followed through."""

from __future__ import annotations

from typing import Annotated

import typer

from mentorlog.cli import options as opt
from mentorlog.cli.output import emit_json, warn
from mentorlog.cli.render import actions_table
from mentorlog.cli.state import state
from mentorlog.core import actions as core


def actions(
    ctx: typer.Context,
    slug: Annotated[
        str | None, typer.Argument(metavar="[SLUG]", help="Only this relationship's.")
    ] = None,
    show_all: Annotated[
        bool,
        typer.Option(
            "--all/--open", metavar="", help="Include finished ones, or only open (default)."
        ),
    ] = False,
    mine: Annotated[
        bool | None,
        typer.Option(
            "--mine/--partner",
            metavar="",
            help="Only yours (and shared ones), or only your partner's (and shared).",
            show_default=False,
        ),
    ] = None,
    json_output: opt.JsonOption = False,
) -> None:
    """List commitments; overdue ones stand out."""
    st = state(ctx)
    whose = core.Whose.anyone if mine is None else core.Whose.mine if mine else core.Whose.partner
    result = core.list_actions(st.core, slug, core.Show.all if show_all else core.Show.open, whose)
    for problem in result.problems:
        warn(st.err, f"skipped a broken file: {problem}")
    if json_output:
        emit_json(result.actions)
        return
    if not result.actions:
        st.out.print("No open commitments. Make some in your next `mentorlog recap`.")
        return
    st.out.print(actions_table(result.actions, with_slug=slug is None))
    late = sum(1 for a in result.actions if a.overdue_days)
    if late:
        st.out.print(
            f"{late} overdue: do them, or renegotiate openly at your next meeting.", style="red"
        )


def done(
    ctx: typer.Context,
    ids: Annotated[list[str], typer.Argument(metavar="ID...", help="Commitment ids, e.g. a3 a7.")],
    json_output: opt.JsonOption = False,
) -> None:
    """Mark commitments done."""
    st = state(ctx)
    result = core.mark(st.core, ids)
    if json_output:
        emit_json(result)
        return
    for action in result.done:
        st.out.print(f"Done: {action.id} {action.text} ({action.slug})")
    for action_id in result.already:
        st.out.print(f"{action_id} was already closed.", style="dim")
