"""`mentorlog journey`: the milestones that made you."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from mentorlog.cli import options as opt
from mentorlog.cli.output import Screen, present, warn_skipped
from mentorlog.cli.state import shown, state
from mentorlog.core import journey as core
from mentorlog.core.dates import Prefer, parse_date
from mentorlog.core.models import ShortMilestone

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
        opt.pass_no_input(ctx, no_input)
        return
    st = state(ctx)
    view = core.journey(st.core)
    warn_skipped(st.err, view.problems)
    present(st.screen, view.items, json_output, _show)


def _show(screen: Screen, items: list[core.JourneyItem]) -> None:
    if not items:
        screen.out.print(
            'Your journey map is empty. Add a milestone: mentorlog journey add "First job" '
            "--date 2015-09-01 --why 'where it began'"
        )
        return
    table = Table.grid(padding=(0, 1))
    table.add_column(no_wrap=True)
    table.add_column(no_wrap=True)
    table.add_column(overflow="fold")
    year = None
    for item in items:
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
    screen.out.print(table)
    screen.out.print(Text("● milestone  ★ goal achieved  ○ relationship closed", style="dim"))


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
    present(st.screen, core.add(st.core, title, day, why), json_output, _show_added)


def _show_added(screen: Screen, milestone: ShortMilestone) -> None:
    screen.out.print(f"Added {milestone.short}: {shown(milestone.date)} {milestone.title}")
