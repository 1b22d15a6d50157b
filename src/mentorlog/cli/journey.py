"""`mentorlog journey`: the milestones that made you."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from mentorlog.cli import options as opt
from mentorlog.cli.output import emit_json, warn_skipped
from mentorlog.cli.state import shown, state
from mentorlog.core import journey as core
from mentorlog.core.dates import Prefer, parse_date

app = typer.Typer(
    name="journey",
    help="Your professional journey map: milestones, achieved goals, closed relationships.",
    invoke_without_command=True,
)

MARK = {"milestone": ("●", "bold"), "goal": ("★", "green"), "relationship": ("○", "dim")}


@app.callback()
def journey(
    ctx: typer.Context, no_input: opt.NoInputOption = False, json_output: opt.JsonOption = False
) -> None:
    """Show your journey as a timeline."""
    if ctx.invoked_subcommand:
        return
    st = state(ctx)
    view = core.journey(st.core)
    warn_skipped(st.err, view.problems)
    if json_output:
        emit_json(view.items)
        return
    if not view.items:
        st.out.print(
            'Your journey map is empty. Add a milestone: mentorlog journey add "First job" '
            "--date 2015-09-01 --why 'where it began'"
        )
        return
    table = Table.grid(padding=(0, 1))
    table.add_column(no_wrap=True)
    table.add_column(no_wrap=True)
    table.add_column(overflow="fold")
    year = None
    for item in view.items:
        if item.date.year != year:
            year = item.date.year
            table.add_row(Text(str(year), style="bold underline"), "", "")
        mark, style = MARK[item.kind]
        what = Text(item.title, style="bold" if item.kind == "milestone" else "")
        if item.why:
            what.append(f"  {item.why}", style="dim")
        if item.short:  # the id to type for `delete milestone` or `goal update`
            what.append(f"  {item.short}", style="dim")
        table.add_row(f"  {shown(item.date)}", Text(mark, style=style), what)
    st.out.print(table)
    st.out.print(Text("● milestone  ★ goal achieved  ○ relationship closed", style="dim"))


@app.command("add")
def add(
    ctx: typer.Context,
    title: Annotated[str, typer.Argument(metavar="TITLE", help="The milestone, briefly.")],
    date_text: Annotated[
        str | None,
        typer.Option(
            "--date",
            metavar="DATE",
            help="When (default today): 2019-09-01, sep 1 2019, last friday.",
        ),
    ] = None,
    why: Annotated[str, typer.Option("--why", metavar=opt.FREE_TEXT, help="Why it mattered.")] = "",
    no_input: opt.NoInputOption = False,
    json_output: opt.JsonOption = False,
) -> None:
    """Add a milestone to your journey."""
    st = state(ctx)
    day = (
        parse_date(date_text, st.core.today, Prefer.past, "--date") if date_text else st.core.today
    )
    milestone = core.add(st.core, title, day, why)
    if json_output:
        emit_json(milestone)
        return
    st.out.print(f"Added {milestone.short}: {shown(milestone.date)} {milestone.title}")
