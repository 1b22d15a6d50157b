"""`mentorlog seasons`: meetings per month, and the long silences."""

from __future__ import annotations

from functools import partial

import typer
from rich.table import Table
from rich.text import Text

from mentorlog.cli import options as opt
from mentorlog.cli.output import Screen, present, warn_skipped
from mentorlog.cli.state import state
from mentorlog.core import seasons as core


def seasons(
    ctx: typer.Context,
    slug: opt.AllSlugArg = None,
    no_input: opt.NoInputOption = False,
    json_output: opt.JsonOption = False,
) -> None:
    """Meetings per month as a bar chart; silences over twice the cadence are marked."""
    st = state(ctx)
    view = core.seasons(st.core, slug)
    warn_skipped(st.err, view.problems)
    present(st.screen, view, json_output, partial(_show, slug))


def _show(slug: str | None, screen: Screen, view: core.SeasonsView) -> None:
    out = screen.out
    if not view.months:
        out.print("Nothing to chart yet: start with mentorlog new-relationship.")
        return
    most = max((m.meetings for m in view.months), default=0) or 1
    room = max(10, min(40, out.width - 20))
    per = min(4, room // most)  # characters per meeting; 0 when the busiest month is huge
    table = Table.grid(padding=(0, 1))
    table.add_column(no_wrap=True)
    table.add_column(no_wrap=True)
    for month in view.months:
        if month.meetings:
            width = month.meetings * per if per else max(1, month.meetings * room // most)
            bar = Text("█" * width, style="cyan")
            bar.append(f" {month.meetings}")
        elif month.gap:
            bar = Text("· · gap", style="red")
        else:
            bar = Text("")
        table.add_row(month.month, bar)
    who = f" with {slug}" if slug else ""
    out.print(Text(f"Meetings per month{who} ({view.meetings} in all)", style="bold"))
    out.print(table)
    if view.gaps:
        out.print(Text("\nSilences longer than twice the cadence", style="bold"))
        for gap in view.gaps:
            end = "now" if gap.ongoing else str(gap.end)
            out.print(
                f"  {gap.start} to {end}: {gap.days} days (twice the cadence is {gap.limit})"
                + ("" if slug else f"  {gap.slug}")
            )
        out.print(
            "Seasons are normal; silence 'because they are busy' is the common pitfall.",
            style="dim",
        )
