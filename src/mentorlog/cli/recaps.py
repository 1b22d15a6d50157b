"""`mentorlog recaps`: past sessions, oldest first; and `recap --edit ID`, which changes
one in $VISUAL or $EDITOR, validated as `edit` validates a relationship's file."""

from __future__ import annotations

from functools import partial
from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from mentorlog.cli import options as opt
from mentorlog.cli.columns import Column, Row, print_columns
from mentorlog.cli.editor import edit_until_valid
from mentorlog.cli.output import Screen, present, warn_skipped
from mentorlog.cli.read import render as render_entry
from mentorlog.cli.state import State, shown, state
from mentorlog.core import recaps as core
from mentorlog.core.dates import Prefer, parse_date
from mentorlog.core.drafts import KeptChoice
from mentorlog.core.entries import RecapEntry
from mentorlog.core.store import EntryFile


def recaps(
    ctx: typer.Context,
    slug: opt.AllSlugArg = None,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            metavar="DATE",
            help="Only sessions from DATE on: 2026-01-05, dec 3, 2 weeks ago.",
        ),
    ] = None,
    no_input: opt.NoInputOption = False,
    json_output: opt.JsonOption = False,
) -> None:
    """List past sessions, oldest first: when, with whom, what about, what was promised.

    Read one in full with `mentorlog read ID`.
    """
    st = state(ctx)
    start = parse_date(since, st.core.today, Prefer.past, "--since") if since else None
    result = core.recaps(st.core, slug, start)
    warn_skipped(st.err, result.problems)
    listing = partial(_show_list, slug, bool(slug or since), not no_input)
    present(st.screen, result.sessions, json_output, listing)


def _show_list(
    slug: str | None, filtered: bool, pager: bool, screen: Screen, sessions: list[core.Session]
) -> None:
    if not sessions:
        screen.out.print("No sessions match." if filtered else "No sessions recapped yet.")
        return
    lines = session_lines(sessions, slug is None)
    print_columns(screen.out, *lines, pager=pager, configured=screen.pager())


def session_lines(
    sessions: list[core.Session], with_partner: bool
) -> tuple[list[Column], list[Row]]:
    """`recaps`' listing: date, partner, id and the summary's first line, the commitments
    made under it; the summary gives way to the width, an id never does."""
    columns = [Column("date"), Column("id"), Column("summary", flexible=True)]
    if with_partner:
        columns.insert(1, Column("with", limit=24))
    rows = []
    for session in sessions:
        partner = [session.partner] if with_partner else []
        rows.append(Row([shown(session.date), *partner, session.short, session.first_line]))
        for action in session.commitments:
            due = f", due {shown(action.due)}" if action.due else ""
            made = f"+ {action.short} {action.text} ({action.owner.value}{due})"
            rows.append(Row(["", *([""] if with_partner else []), "", made], "dim"))
    return columns, rows


def sessions_table(
    sessions: list[core.Session], with_partner: bool = True, commitments: bool = True
) -> Table:
    """Date, partner, id and the summary's first line; the commitments made, under it.
    The excerpt is the column that gives way: an id is never cut, at any width."""
    table = Table(box=None, pad_edge=False, header_style="bold")
    table.add_column("date", no_wrap=True)
    if with_partner:
        table.add_column("with", no_wrap=True, max_width=24, overflow="ellipsis")
    table.add_column("id", no_wrap=True, min_width=4)
    table.add_column("summary")  # the one column that may narrow; its cells never wrap
    for session in sessions:
        partner = (session.partner,) if with_partner else ()
        table.add_row(shown(session.date), *partner, session.short, _line(session.first_line))
        for action in session.commitments if commitments else []:
            due = f", due {shown(action.due)}" if action.due else ""
            made = _line(f"+ {action.short} {action.text} ({action.owner.value}{due})", "dim")
            table.add_row("", *(("",) if with_partner else ()), "", made)
    return table


def _line(text: str, style: str = "") -> Text:
    return Text(" ".join(text.split()), style, no_wrap=True, overflow="ellipsis")


# -- recap --edit ID ------------------------------------------------------------------------
def edit_past(
    st: State,
    entry: EntryFile,
    kept_draft: KeptChoice | None,
    no_input: bool,
    json_output: bool,
) -> None:
    """Edit a past recap's file (front matter and all) until it validates; the edited
    text is kept as a draft if it does not, and never written over a newer file."""
    original = core.file_text(st.core, entry)
    saved = edit_until_valid(
        st,
        f"recap-{entry.stem}.md",
        original,
        lambda text, draft: core.replace_text(st.core, entry, text, draft, original),
        slug=entry.slug,
        kept_draft=kept_draft,
        no_input=no_input,
        what=f"the recap of {entry.day}",
    )
    if saved is None:
        st.err.print("No changes.")
        if not json_output:
            return
        saved = core.as_entry(st.core, entry)  # a script still gets the recap
    present(st.screen, saved, json_output, partial(_show_saved, not no_input))


def _show_saved(pager: bool, screen: Screen, saved: RecapEntry) -> None:
    screen.out.print(
        Text.assemble(("Saved ", "bold"), f"the recap of {shown(saved.date)} with {saved.partner}.")
    )
    render_entry(pager, screen, saved)
