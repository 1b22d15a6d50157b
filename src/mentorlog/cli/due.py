"""`mentorlog due`: who is due a meeting, and which commitments are overdue."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from mentorlog.cli import options as opt
from mentorlog.cli.state import State, shown, state
from mentorlog.core import due as core
from mentorlog.core.exitcodes import ExitCode

if TYPE_CHECKING:
    from rich.table import Table

    from mentorlog.cli.output import Screen

STYLE = {
    core.MeetingState.overdue: "bold red",
    core.MeetingState.due: "bold yellow",
    core.MeetingState.soon: "",
}


def _when(meeting: core.MeetingDue) -> str:
    from mentorlog.cli.render import days

    if meeting.state is core.MeetingState.overdue:
        return f"overdue by {days(meeting.days or 0)}"
    if meeting.state is core.MeetingState.due:
        return "due today"
    return f"in {days(-(meeting.days or 0))}"


def due(
    ctx: typer.Context,
    no_input: opt.NoInputOption = False,
    json_output: opt.JsonOption = False,
    quiet: Annotated[
        bool,
        typer.Option(
            "--quiet",
            "-q",
            metavar="",
            help="Print nothing; exit 3 if anything is overdue, 1 if a file is broken "
            "(for prompts, cron).",
        ),
    ] = False,
) -> None:
    """Who you are due to meet, and which commitments are overdue."""
    st = state(ctx)
    result = core.due(st.core)
    if quiet:  # a file that cannot be read might hide something overdue: say so too
        raise typer.Exit(quiet_code(result))
    show(st, result, json_output)


def quiet_code(result: core.DueResult) -> int:
    """`due --quiet`: 1 when a file could not be read, 3 when something is overdue."""
    if result.problems:
        return ExitCode.FAILURE
    return ExitCode.DUE if result.anything_overdue else ExitCode.OK


def show(st: State, result: core.DueResult, json_output: bool) -> None:
    """Everything but `--quiet`: Rich and the renderers load here, not at every prompt."""
    from mentorlog.cli.output import present, warn_skipped

    warn_skipped(st.err, result.problems)
    present(st.screen, result, json_output, _show)


def _show(screen: Screen, result: core.DueResult) -> None:
    from rich.text import Text

    from mentorlog.cli.output import none_read
    from mentorlog.cli.render import actions_table

    out = screen.out
    listed = [m for m in result.meetings if m.state in STYLE]
    if listed:
        out.print(_meetings_table(listed, wide=out.width >= 100))
        if any(m.state is core.MeetingState.overdue for m in listed):
            out.print(
                "Busy seasons happen; a short note to schedule the next meeting keeps it alive."
            )
    elif not none_read(
        screen, "No meetings due this week among those read", len(set(result.problems))
    ):
        out.print("No meetings due this week.")
    for ended in result.pauses_ended:
        out.print(
            f"The pause with {ended.partner} ended on {shown(ended.paused_until)}: "
            f"mentorlog resume {ended.slug}"
        )
    if result.overdue_actions:
        out.print(Text("\nOverdue commitments", style="bold red"))
        out.print(actions_table(result.overdue_actions))


def _meetings_table(meetings: list[core.MeetingDue], wide: bool) -> Table:
    from rich.table import Table
    from rich.text import Text

    from mentorlog.cli.render import day

    table = Table(box=None, pad_edge=False, header_style="bold")
    table.add_column("partner", min_width=12)
    table.add_column("slug", overflow="fold", max_width=20)
    for column in ("next meeting", "", "last met", *(("cadence",) if wide else ())):
        table.add_column(column, no_wrap=True)
    for meeting in meetings:
        table.add_row(
            meeting.partner,
            meeting.slug,
            day(meeting.next_meeting),
            Text(_when(meeting), style=STYLE[meeting.state]),
            day(meeting.last_meeting),
            *((meeting.cadence or "-",) if wide else ()),
        )
    return table
