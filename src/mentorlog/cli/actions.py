"""`mentorlog actions` and `mentorlog done`: commitments, followed through."""

from __future__ import annotations

from typing import Annotated

import typer

from mentorlog.cli import complete
from mentorlog.cli import options as opt
from mentorlog.cli.output import emit_json, warn_skipped
from mentorlog.cli.render import actions_table
from mentorlog.cli.state import shown, state
from mentorlog.core import actions as core
from mentorlog.core.dates import Prefer, parse_date
from mentorlog.core.models import Owner


def actions(
    ctx: typer.Context,
    slug: opt.AllSlugArg = None,
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
    no_input: opt.NoInputOption = False,
    json_output: opt.JsonOption = False,
) -> None:
    """List commitments; overdue ones stand out."""
    st = state(ctx)
    whose = core.Whose.anyone if mine is None else core.Whose.mine if mine else core.Whose.partner
    result = core.list_actions(st.core, slug, core.Show.all if show_all else core.Show.open, whose)
    warn_skipped(st.err, result.problems)
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
    ids: Annotated[
        list[str],
        typer.Argument(
            metavar="ID...",
            help="Commitment ids, e.g. a7f a3k",
            autocompletion=complete.commitment_ids,
        ),
    ],
    no_input: opt.NoInputOption = False,
    json_output: opt.JsonOption = False,
) -> None:
    """Mark commitments done."""
    st = state(ctx)
    result = core.mark(st.core, ids)
    if json_output:
        emit_json(result)
        return
    for action in result.done:
        st.out.print(f"Done: {action.short} {action.text} ({action.slug})")
    short = st.core.store.shortener()
    for action_id in result.already:
        st.out.print(f"{short(action_id)} was already closed.", style="dim")


def renegotiate(
    ctx: typer.Context,
    action_id: Annotated[
        str,
        typer.Argument(
            metavar="ID", help="The commitment, e.g. a7f.", autocompletion=complete.commitment_ids
        ),
    ],
    due: Annotated[
        str | None,
        typer.Option(
            "--due",
            metavar="DATE",
            help="A new due date: 2026-12-01, friday, in 2 weeks ('none' to clear it).",
        ),
    ] = None,
    text: Annotated[
        str | None, typer.Option("--text", metavar=opt.FREE_TEXT, help="New wording.")
    ] = None,
    owner: Annotated[
        Owner | None, typer.Option("--owner", help="Who owns it now.", case_sensitive=False)
    ] = None,
    drop: Annotated[
        bool, typer.Option("--drop", metavar="", help="Drop it, by agreement. It stays on record.")
    ] = False,
    no_input: opt.NoInputOption = False,
    json_output: opt.JsonOption = False,
) -> None:
    """Change a commitment's terms or drop it, openly, instead of letting it slide."""
    st = state(ctx)
    clear = due is not None and due.strip().lower() == "none"
    new_due = parse_date(due, st.core.today, Prefer.future, "--due") if due and not clear else None
    action = core.renegotiate(
        st.core, action_id, text=text, due=new_due, clear_due=clear, owner=owner, drop=drop
    )
    if json_output:
        emit_json(action)
        return
    if drop:
        st.out.print(f"Dropped {action.short}: {action.text} ({action.slug}). It stays on record.")
        return
    due_text = f", due {shown(action.due)}" if action.due else ""
    st.out.print(f"Now {action.short}: {action.text} ({action.owner.value}{due_text})")
