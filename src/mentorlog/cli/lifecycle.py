"""`mentorlog pause`, `resume` and `close`: the seasons of a relationship."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

import typer
from rich.text import Text

from mentorlog.cli import options as opt
from mentorlog.cli.output import Screen, present, warn_skipped
from mentorlog.cli.prompts import MULTILINE_TIP, Asker, Interrupted, tell
from mentorlog.cli.state import State, state
from mentorlog.cli.viewed import viewed
from mentorlog.core import drafts, overview
from mentorlog.core import lifecycle as core
from mentorlog.core.dates import Prefer, parse_date
from mentorlog.core.errors import MentorlogError
from mentorlog.core.models import Status


def _done(st: State, slug: str, json_output: bool, human: Human) -> None:
    present(st.screen, viewed(st, slug), json_output, human)


Human = Callable[[Screen, overview.RelationshipView], None]


def _paused(screen: Screen, view: overview.RelationshipView) -> None:
    when = f" until {view.paused_until}" if view.paused_until else ""
    screen.out.print(
        f"Paused {view.slug}{when}. To pick it up again:\n  mentorlog resume {view.slug}"
    )


def _resumed(screen: Screen, view: overview.RelationshipView) -> None:
    screen.out.print(f"{view.slug} is active again. Plan the next meeting soon.")


def _closed(screen: Screen, view: core.ClosedView) -> None:
    drop = view.open_items is core.OpenItems.drop
    fate = "were dropped; they stay on record" if drop else "stay open"
    said = f"Its {view.left_open.describe()} {fate}.\n" if view.left_open else ""
    screen.out.print(
        f"Closed {view.slug}. Thank you for the time you gave it.\n{said}"
        f"It stays on record: mentorlog list --status all"
    )


def pause(
    ctx: typer.Context,
    slug: opt.SlugArg,
    until: Annotated[
        str | None,
        typer.Option(
            "--until", metavar="DATE", help="When to pick up again: 2026-09-01, sep 1, in a month."
        ),
    ] = None,
    reason: Annotated[
        str, typer.Option("--reason", metavar=opt.FREE_TEXT, help="Why, briefly.")
    ] = "",
    no_input: opt.NoInputOption = False,
    json_output: opt.JsonOption = False,
) -> None:
    """Pause a relationship for a season. Nothing is lost; `resume` picks it up."""
    st = state(ctx)
    day = parse_date(until, st.core.today, Prefer.future, "--until") if until else None
    core.pause(st.core, slug, day, reason)
    _done(st, slug, json_output, _paused)


def resume(
    ctx: typer.Context,
    slug: opt.SlugArg,
    no_input: opt.NoInputOption = False,
    json_output: opt.JsonOption = False,
) -> None:
    """Resume a paused relationship (or reopen a closed one)."""
    st = state(ctx)
    core.resume(st.core, slug)
    _done(st, slug, json_output, _resumed)


OpenItemsOption = Annotated[
    bool | None,
    typer.Option(
        "--keep-open/--drop-open",
        metavar="",
        help="Keep open goals and commitments open on record, or drop them (still on record).",
        show_default=False,
    ),
]


def _reflection(st: State, asker: Asker, slug: str, answers: dict[str, str]) -> dict[str, str]:
    """The closing questions not answered by options; a stop keeps every answer in a draft."""
    draft = "close"
    kept = drafts.load_answers(st.core, draft, slug) or {}
    if kept:
        st.err.print(Text("Continuing from your unfinished closing reflection.", style="dim"))
    usable = {k: v for k, v in kept.items() if k in core.CLOSING_KEYS and isinstance(v, str)}
    cut = kept.get(drafts.CUT)  # the answer a stop cut short: asked again, to go on
    given, answers = answers, {**usable, **answers}
    st.err.print(Text(MULTILINE_TIP, style="dim"))
    for question in core.CLOSING_QUESTIONS:
        key = question.key
        if key in given or (key in answers and key != cut):
            continue

        def keep(text: str, key: str = key) -> None:  # each line on disk as it is typed
            drafts.save_answers(st.core, draft, {**answers, key: text, drafts.CUT: key}, slug)

        so_far = usable.get(key, "") if key == cut else ""
        try:
            answers[key] = asker.multiline(question.ask, question.hint, on_line=keep, so_far=so_far)
        except Interrupted as stop:
            if stop.partial:
                keep(stop.partial)
            tell(st.err, f"\nNot closed. What you typed is kept for `mentorlog close {slug}`.")
            raise
        drafts.save_answers(st.core, draft, answers, slug)
    return answers


def _ask_open_items(asker: Asker, work: core.OpenWork) -> core.OpenItems:
    return core.OpenItems(
        asker.choice(
            f"What becomes of its {work.describe()}? Keep them open, or drop them "
            "(dropped ones stay on record)",
            [item.value for item in core.OpenItems],
            flag="--keep-open or --drop-open",
            default=core.OpenItems.keep.value,
        )
    )


def close(
    ctx: typer.Context,
    slug: opt.SlugArg,
    achieved: Annotated[
        str | None, typer.Option("--achieved", metavar=opt.FREE_TEXT, help="What you achieved.")
    ] = None,
    learned: Annotated[
        str | None, typer.Option("--learned", metavar=opt.FREE_TEXT, help="What you learned.")
    ] = None,
    differently: Annotated[
        str | None,
        typer.Option("--differently", metavar=opt.FREE_TEXT, help="What you would do differently."),
    ] = None,
    thanks: Annotated[
        str | None, typer.Option("--thanks", metavar=opt.FREE_TEXT, help="Your thanks.")
    ] = None,
    keep_open: OpenItemsOption = None,
    no_input: opt.NoInputOption = False,
    json_output: opt.JsonOption = False,
) -> None:
    """Close a relationship well: a no-fault ending with a short reflection.

    Nothing is deleted; it leaves `list` and `due` but stays in `list --status all`.
    Open goals and commitments stay open (--keep-open) or are dropped (--drop-open).
    """
    st = state(ctx)
    asker = st.asker(no_input)
    relationship = st.core.store.load(slug)
    if relationship.status is Status.closed and asker.interactive:  # else core.close says
        raise MentorlogError(f"'{slug}' is already closed")
    given = {"achieved": achieved, "learned": learned, "differently": differently, "thanks": thanks}
    answers = {key: value for key, value in given.items() if value is not None}
    work = core.open_work(st.core, slug)
    choice = (
        None if keep_open is None else core.OpenItems.keep if keep_open else core.OpenItems.drop
    )
    if asker.interactive:
        st.err.print(
            Text.assemble(
                (f"Closing your relationship with {relationship.partner}.", "bold"),
                "\nEndings are part of mentoring and nobody's fault. Everything stays on record.",
            )
        )
        if not asker.confirm("Close it now?", default=True):
            st.err.print("Left open.")
            return
        answers = _reflection(st, asker, slug, answers)
        if work and choice is None:
            choice = _ask_open_items(asker, work)
    core.close(st.core, slug, answers, choice)
    if asker.interactive:  # the draft was used, and its answers are stored now
        drafts.discard_answers(st.core, "close", slug)
    problems: list[str] = []
    view = core.closed(st.core, slug, work, choice, problems)
    warn_skipped(st.err, problems)  # the close is saved: a file it did not touch is a note
    present(st.screen, view, json_output, _closed)
