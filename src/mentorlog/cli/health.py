"""`mentorlog checkin` and `mentorlog health`: how healthy is each relationship?"""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from mentorlog.cli import options as opt
from mentorlog.cli.output import Screen, present, warn_skipped
from mentorlog.cli.prompts import Interrupted
from mentorlog.cli.render import counted
from mentorlog.cli.state import State, state
from mentorlog.cli.walk import Kept
from mentorlog.core import health as core
from mentorlog.core.errors import InvalidInput, MissingValue
from mentorlog.core.goals import require_open
from mentorlog.core.models import Quality

SPARK = " ▁▂▄▆█"  # index = rating 1-5
ARROW = {"up": ("↑ up", "green"), "down": ("↓ down", "red"), "steady": ("→ steady", ""),
         "new": ("· first", "dim"), "none": ("", "")}  # fmt: skip


def _pairs(items: list[str], flag: str) -> dict[Quality, str]:
    found: dict[Quality, str] = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep:
            example = "listening=4" if flag == "--rate" else "listening='I interrupt'"
            raise InvalidInput(f"'{item}' is not QUALITY=VALUE", f"e.g. {flag} {example}")
        found[core.parse_quality(name)] = value
    return found


def _rating(text: str) -> int:
    if text.strip() not in ("1", "2", "3", "4", "5"):
        raise InvalidInput(f"'{text}' is not a rating from 1 to 5")
    return int(text)


def checkin(
    ctx: typer.Context,
    slug: opt.SlugArg,
    rate: Annotated[
        list[str] | None,
        typer.Option(
            "--rate", metavar="QUALITY=N", help="Rate a quality from 1 to 5 (repeatable)."
        ),
    ] = None,
    note: Annotated[
        list[str] | None,
        typer.Option("--note", metavar="QUALITY=NOTE", help="A note on a quality (repeatable)."),
    ] = None,
    no_input: opt.NoInputOption = False,
    json_output: opt.JsonOption = False,
) -> None:
    """Check in on the relationship's health: rate the eight qualities from 1 to 5.

    Qualities: articulation, listening, respect, goal_clarity, challenge,
    self_awareness, learning, reflection.
    """
    st = state(ctx)
    asker = st.asker(no_input)
    relationship = st.core.store.load(slug)
    require_open(relationship)  # before any question, so no answer is typed in vain
    ratings = {q: _rating(v) for q, v in _pairs(rate or [], "--rate").items()}
    notes = _pairs(note or [], "--note")
    kept: Kept | None = None
    if not ratings and asker.interactive:
        ratings, notes, kept = _walk(st, slug, relationship.partner, notes)
    elif not ratings:
        raise MissingValue("no ratings", "pass --rate QUALITY=N, e.g. --rate listening=4")
    saved = core.checkin(st.core, slug, ratings, notes)
    if kept:
        kept.finish()
    present(st.screen, saved, json_output, _show_saved)


def _show_saved(screen: Screen, saved: core.CheckinResult) -> None:
    rated = counted(len(saved.ratings), "quality", "qualities")
    screen.out.print(f"Check-in saved ({rated} rated).")
    render(screen, saved.health)


def _walk(
    st: State, slug: str, partner: str, notes: dict[Quality, str]
) -> tuple[dict[Quality, int], dict[Quality, str], Kept]:
    """Ask each quality; every answer is kept in a draft as it is given, so a stop
    (Ctrl-C, a hang-up, SIGTERM) loses nothing and the next run offers to carry on."""
    asker = st.asker(no_input=False)
    kept = Kept(asker, st.core, "checkin", slug)
    kept.offer(None)
    ratings: dict[Quality, int] = {}
    try:
        _ask_ratings(st, kept, partner, ratings, notes)
    except Interrupted:
        kept.stopped(f"mentorlog checkin {slug}")
        raise
    return ratings, notes, kept


def _ask_ratings(
    st: State, kept: Kept, partner: str, ratings: dict[Quality, int], notes: dict[Quality, str]
) -> None:
    asker = kept.asker
    st.err.print(
        Text.assemble(
            (f"How is it going with {partner}?", "bold"),
            ("\n1 = not at all, 5 = very much. Enter skips a quality; no answer is wrong.", "dim"),
        )
    )
    for quality in Quality:
        question = f"{core.LABELS[quality].capitalize()}: {core.QUESTIONS[quality]} (1-5)"

        def ask(question: str = question) -> str:
            return asker.until_valid(
                lambda: asker.text(question, flag="--rate"),
                lambda text: str(_rating(text)) if text else "",  # "": skipped
            )

        given = kept.step(f"rating-{quality.value}", None, ask)
        if given:
            ratings[quality] = int(given)
        if given and quality not in notes:
            note = kept.step(
                f"note-{quality.value}",
                None,
                lambda: asker.text("  A note? (Enter skips)", flag="--note"),
            )
            if note:
                notes[quality] = note


def _spark(history: list[int]) -> str:
    return "".join(SPARK[value] for value in history[-12:])


def render(screen: Screen, view: core.HealthView) -> None:
    out = screen.out
    if not view.checkins:
        out.print(f"No check-ins with {view.partner} yet: mentorlog checkin {view.slug}")
        return
    table = Table(box=None, pad_edge=False, header_style="bold", title=Text(view.partner))
    table.add_column("quality", no_wrap=True)
    table.add_column("latest", justify="right", no_wrap=True)
    table.add_column("over time", no_wrap=True)
    table.add_column("trend", no_wrap=True)
    table.add_column("note", overflow="fold")
    for quality in view.qualities:
        arrow, style = ARROW[quality.trend]
        label = Text(quality.label, style="bold" if quality.quality == view.weakest else "")
        table.add_row(
            label,
            str(quality.latest) if quality.latest else "-",
            Text(_spark(quality.history), style="cyan"),
            Text(arrow, style=style),
            Text(quality.note or "", style="dim"),
        )
    out.print(table)
    if view.weakest:
        out.print(
            Text.assemble(
                ("Room to grow: ", "bold"), core.LABELS[view.weakest], ". ", view.suggestion or ""
            )
        )
    if view.stale:
        out.print(
            f"The last check-in was {view.days_since} days ago; a fresh one helps:\n"
            f"  mentorlog checkin {view.slug}",
            style="yellow",
        )


def health(
    ctx: typer.Context,
    slug: opt.AllSlugArg = None,
    no_input: opt.NoInputOption = False,
    json_output: opt.JsonOption = False,
) -> None:
    """The latest check-in ratings and how each quality is trending."""
    st = state(ctx)
    if slug:
        present(st.screen, core.health(st.core, slug), json_output, render)
        return
    views, problems = core.health_all(st.core)
    warn_skipped(st.err, problems)
    present(st.screen, views, json_output, _show_all)


def _show_all(screen: Screen, views: list[core.HealthView]) -> None:
    if not views:
        screen.out.print("No relationships yet.")
        return
    table = Table(box=None, pad_edge=False, header_style="bold")
    for column in ("slug", "partner", "check-ins", "last", "average", "room to grow"):
        table.add_column(column, overflow="fold")
    for view in views:
        table.add_row(
            view.slug,
            view.partner,
            str(view.checkins),
            Text(str(view.last_checkin or "never"), style="yellow" if view.stale else ""),
            f"{view.average:.1f}" if view.average is not None else "-",
            core.LABELS[view.weakest] if view.weakest else "-",
        )
    screen.out.print(table)
    screen.out.print("Details for one: mentorlog health SLUG")
