"""`mentorlog agreement`: the partnership agreement, as Markdown."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Annotated

import typer
from rich.panel import Panel

from mentorlog.cli import options as opt
from mentorlog.cli.editor import edit_until_valid
from mentorlog.cli.output import Screen, present, warn
from mentorlog.cli.state import state
from mentorlog.core import agreement as core
from mentorlog.core import drafts
from mentorlog.core.dates import Prefer, parse_date

STDOUT = Path("-")


def agreement(
    ctx: typer.Context,
    slug: opt.SlugArg,
    edit: Annotated[
        bool,
        typer.Option("--edit", metavar="", help="Edit the text in $VISUAL or $EDITOR and keep it."),
    ] = False,
    markdown: Annotated[
        bool,
        typer.Option("--markdown", metavar="", help="Print plain Markdown, to paste or share."),
    ] = False,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", metavar="FILE", help="Write the Markdown to FILE."),
    ] = None,
    agreed: Annotated[
        str | None,
        typer.Option(
            "--agreed",
            metavar="DATE",
            help="Record the day you both agreed to it: 2026-03-14, yesterday, last friday.",
        ),
    ] = None,
    kept_draft: opt.KeptDraftOption = None,
    no_input: opt.NoInputOption = False,
    json_output: opt.JsonOption = False,
) -> None:
    """The partnership agreement: purpose, goals, roles, meetings, confidentiality, ending.

    Composed from what you recorded; `--edit` keeps your own wording from then on.
    """
    st = state(ctx)
    view = core.get(st.core, slug)
    if agreed:
        view = core.set_agreed(
            st.core, slug, parse_date(agreed, st.core.today, Prefer.past, "--agreed")
        )
    if edit:
        edited = edit_until_valid(
            st,
            drafts.AGREEMENT_EDIT,
            view.markdown,
            lambda text, _p: core.save_text(st.core, slug, text),
            slug=slug,
            kept_draft=kept_draft,
            no_input=no_input,
            what="the agreement",
        )
        view = edited or view
    if output == STDOUT:  # the pipe's end, as for `export -o -`: the Markdown, printed
        output, markdown = None, True
    if output is not None:
        core.export(output, view.markdown)
        st.err.print(f"Written to {output}")
    present(st.screen, view, json_output, partial(_show, markdown, output is not None))


def _show(markdown: bool, written: bool, screen: Screen, view: core.AgreementView) -> None:
    if markdown:
        screen.out.print(view.markdown, end="", markup=False, highlight=False, soft_wrap=True)
        return
    if written:
        return
    if view.stale:
        warn(
            screen.err,
            "the goals changed after this agreement was "
            + (f"edited on {view.edited}; " if view.edited else "written; ")
            + f"`mentorlog agreement {view.slug} --edit` to bring it up to date",
        )
    from rich.markdown import Markdown  # imported here: it costs every command ~20 ms

    out = screen.out
    out.print(
        Panel(Markdown(view.markdown, hyperlinks=False), expand=False, width=min(out.width, 88))
    )
    if not view.agreed:
        out.print(f"When you have both agreed: mentorlog agreement {view.slug} --agreed today")
