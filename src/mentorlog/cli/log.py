"""`mentorlog log`: a relationship's timeline."""

from __future__ import annotations

import typer
from rich.table import Table
from rich.text import Text

from mentorlog.cli import options as opt
from mentorlog.cli.output import emit_json
from mentorlog.cli.pager import paged
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
    if json_output:
        emit_json(result.events)
        return
    table = Table(box=None, pad_edge=False, header_style="bold", title=Text(result.partner))
    table.add_column("date", no_wrap=True)
    table.add_column("event", no_wrap=True)
    table.add_column("", overflow="fold")
    for event in result.events:
        ref = f"[{event.short or event.id}] " if event.event.startswith("goal") else ""
        table.add_row(shown(event.date), event.event, Text(f"{ref}{event.detail}"))
    with paged(st.out, not no_input, st.settings.pager):
        st.out.print(table)
