"""`mentorlog log`: a relationship's timeline."""

from __future__ import annotations

from functools import partial

import typer
from rich.table import Table
from rich.text import Text

from mentorlog.cli import options as opt
from mentorlog.cli.output import Screen, present
from mentorlog.cli.state import shown, state
from mentorlog.core import timeline as core


def log(
    ctx: typer.Context,
    slug: opt.SlugArg,
    no_input: opt.NoInputOption = False,
    json_output: opt.JsonOption = False,
) -> None:
    """The relationship's timeline: start, phases, meetings, goals, pauses, close."""
    st = state(ctx)
    result = core.log(st.core, slug)
    present(st.screen, result.events, json_output, partial(_show, result.partner, not no_input))


def _show(partner: str, pager: bool, screen: Screen, events: list[core.LogEvent]) -> None:
    table = Table(box=None, pad_edge=False, header_style="bold", title=Text(partner))
    table.add_column("date", no_wrap=True)
    table.add_column("event", no_wrap=True)
    table.add_column("", overflow="fold")
    for event in events:
        ref = f"[{event.short or event.id}] " if event.event.startswith("goal") else ""
        table.add_row(shown(event.date), event.event, Text(f"{ref}{event.detail}"))
    with screen.paged(pager):
        screen.out.print(table)
