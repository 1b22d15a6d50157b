"""`mentorlog prep`: get ready for the next session."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from rich.text import Text

from mentorlog.cli import options as opt
from mentorlog.cli.output import Screen, present
from mentorlog.cli.render import actions_table, ago, day, goals_table
from mentorlog.cli.state import shown, state
from mentorlog.core import prep as core
from mentorlog.core.models import Recap


def prep(
    ctx: typer.Context,
    slug: opt.SlugArg,
    markdown: Annotated[
        bool,
        typer.Option("--markdown", metavar="", help="Print a plain agenda to paste into an email."),
    ] = False,
    no_input: opt.NoInputOption = False,
    json_output: opt.JsonOption = False,
) -> None:
    """Prepare for your next session: what happened since, what is open, what to ask."""
    st = state(ctx)
    present(st.screen, core.prep(st.core, slug), json_output, _agenda if markdown else _show)


def _agenda(screen: Screen, result: core.PrepResult) -> None:
    screen.out.print(core.agenda_markdown(result), end="", markup=False, soft_wrap=True)


def _show(screen: Screen, result: core.PrepResult) -> None:
    out = screen.out
    out.print(Text(f"Preparing for your next session with {result.partner}", style="bold"))
    last = ago(result.last_meeting, result.today)
    out.print(f"Last met: {day(result.last_meeting)} ({last}). Next: {day(result.next_meeting)}.")
    _last_time(out, result.last_recap)
    if result.since:
        out.print(Text("\nSince then", style="bold underline"))
        for event in result.since:
            out.print(f"{shown(event.date)}  {event.what}")
    if result.actions:
        out.print(Text("\nCommitments", style="bold underline"))
        out.print(actions_table(result.actions, with_slug=False))
    if result.goals:
        out.print(Text("\nGoals", style="bold underline"))
        out.print(goals_table(result.goals))
    out.print(Text(f"\nQuestions for the {result.phase.value} phase", style="bold underline"))
    for question in result.questions:
        out.print(f"• {question}")
    out.print(Text.assemble(("\nAfterwards: ", "bold"), (f"mentorlog recap {result.slug}", "cyan")))


def _last_time(out: Console, recap: Recap | None) -> None:
    if not recap or not (recap.takeaways or recap.body):
        return
    out.print(Text("\nLast time", style="bold underline"))
    if recap.body:  # what you talked about: its first paragraph, whole
        out.print(Text(_first_paragraph(recap.body)))
    for takeaway in recap.takeaways:
        out.print(f"• {takeaway}")


def _first_paragraph(body: str, most: int = 8) -> str:
    """The lines up to the first blank one (at most `most`, then an ellipsis)."""
    lines: list[str] = []
    for line in body.strip("\n").splitlines():
        if not line.strip():
            break
        lines.append(line)
    return "\n".join(lines[:most]) + ("\n…" if len(lines) > most else "")
