"""`mentorlog export`: your journal as Markdown, JSON, a calendar or a website."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from mentorlog.cli import options as opt
from mentorlog.cli.output import Screen, present
from mentorlog.cli.state import state
from mentorlog.core import export as core
from mentorlog.core.errors import MissingValue

FormatOption = Annotated[
    core.Format,
    typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        case_sensitive=False,
        help="markdown (a document to read), json (everything, for `import`), "
        "ics (a calendar of meetings and due dates) or site (a folder Hugo builds).",
    ),
]
SharedOption = Annotated[
    bool,
    typer.Option(
        "--shared",
        metavar="",
        help="Only what you may send your partner: no reflections, check-ins, closing "
        "reflection, network or journey.",
    ),
]
STDOUT = Path("-")
OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        metavar="PATH",
        help="Write to this file (a folder for site); - or none prints it.",
    ),
]


def export(
    ctx: typer.Context,
    slug: opt.AllSlugArg = None,
    format: FormatOption = core.Format.markdown,
    shared: SharedOption = False,
    output: OutputOption = None,
    no_input: opt.NoInputOption = False,
    json_output: opt.JsonOption = False,
) -> None:
    """Export your journal (or one relationship) as Markdown, JSON, a calendar or a site.

    JSON holds everything and `mentorlog import` reads it back; `--shared` leaves out
    what is yours alone, so you can send it to your partner.
    """
    st = state(ctx)
    if json_output and output in (None, STDOUT):
        raise MissingValue(
            "--json describes a file written with -o PATH",
            "without --json, `-o -` (or no -o) prints the export itself",
        )
    if output == STDOUT:
        output = None
    result = core.export(st.core, slug, format, shared, output)
    if output is None:
        # The document shows control characters, never obeys them (core/export.py); JSON
        # escapes them itself, and a calendar leaves them out.
        st.out.file.write(result.text)
        st.out.file.flush()
        return
    present(st.screen, result, json_output, _show_written)


def _show_written(screen: Screen, result: core.ExportResult) -> None:
    screen.err.print(f"Written to {result.output}")
