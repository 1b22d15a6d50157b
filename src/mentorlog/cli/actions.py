"""`mentorlog actions` and `mentorlog done`: commitments, followed through."""

from __future__ import annotations

from functools import partial
from typing import Annotated

import typer

from mentorlog.cli import complete
from mentorlog.cli import options as opt
from mentorlog.cli.output import Screen, none_read, present, warn_skipped
from mentorlog.cli.render import actions_table
from mentorlog.cli.state import shown, state
from mentorlog.core import actions as core
from mentorlog.core.dates import Prefer, parse_date
from mentorlog.core.models import ActionStatus, Owner


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
    listing = partial(_show_list, slug is None, len(set(result.problems)))
    present(st.screen, result.actions, json_output, listing)


def _show_list(
    with_slug: bool, skipped: int, screen: Screen, listed: list[core.ActionView]
) -> None:
    if not listed and none_read(screen, "No commitments to list among those read", skipped):
        return
    if not listed:
        screen.out.print("No open commitments. Make some in your next `mentorlog recap`.")
        return
    screen.out.print(actions_table(listed, with_slug=with_slug))
    late = sum(1 for a in listed if a.overdue_days)
    if late:
        them = "them" if late > 1 else "it"
        screen.out.print(
            f"{late} overdue: do {them}, or renegotiate openly at your next meeting.", style="red"
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
    present(st.screen, result, json_output, _show_done)


def _show_done(screen: Screen, result: core.DoneResult) -> None:
    for action in result.done:
        screen.out.print(f"Done: {action.short} {action.text} ({action.slug})")
    for short in result.already_short:
        screen.out.print(f"{short} was already done or dropped.", style="dim")


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
    present(st.screen, action, json_output, _show_changed)


def _show_changed(screen: Screen, action: core.ActionView) -> None:
    if action.status is ActionStatus.dropped:
        screen.out.print(
            f"Dropped {action.short}: {action.text} ({action.slug}). It stays on record."
        )
        return
    due_text = f", due {shown(action.due)}" if action.due else ""
    screen.out.print(f"Now {action.short}: {action.text} ({action.owner.value}{due_text})")
