"""`mentorlog search` and `mentorlog reindex`."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from mentorlog.cli import complete
from mentorlog.cli import options as opt
from mentorlog.cli.output import Screen, present, warn, warn_skipped
from mentorlog.cli.state import State, shown, state
from mentorlog.core import search as core
from mentorlog.core.dates import Prefer, parse_date
from mentorlog.core.documents import Kind
from mentorlog.core.index import Filters


def search(
    ctx: typer.Context,
    words: Annotated[
        str,
        typer.Argument(
            metavar="QUERY",
            help='Words to find (all of them), a "phrase" in quotes, or a prefix*.',
        ),
    ],
    rel: Annotated[
        str | None,
        typer.Option(
            "--rel", metavar="SLUG", help="Only this relationship.", autocompletion=complete.slugs
        ),
    ] = None,
    kind: Annotated[
        Kind | None, typer.Option("--kind", help="Only this kind of entry.", case_sensitive=False)
    ] = None,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            metavar="DATE",
            help="Only entries from DATE on: 2026-01-05, dec 3, 2 weeks ago.",
        ),
    ] = None,
    limit: Annotated[
        int, typer.Option("--limit", metavar="N", min=1, help="Show at most N (default 20).")
    ] = 20,
    no_input: opt.NoInputOption = False,
    json_output: opt.JsonOption = False,
) -> None:
    """Search everything you wrote: pairings, recaps, reflections, goals, commitments.

    Accents and capitals do not matter (zoe finds Zoë). Finding nothing is not an error.
    """
    st = state(ctx)
    slug = core.relationship_key(st.core, rel) if rel else None
    start = parse_date(since, st.core.today, Prefer.past, "--since").isoformat() if since else None
    request = core.Request(words, Filters(kind=kind, slug=slug, since=start), limit)
    result = core.search(st.core, request, _announcer(st))
    warn_skipped(st.err, result.problems)
    if result.note:
        warn(st.err, result.note)
    present(st.screen, result.hits, json_output, partial(_show, result))


def _announcer(st: State) -> Callable[[int], None]:
    def announce(files: int) -> None:
        st.err.print(Text(f"Reading {files:,} files into the search index…", style="dim"))

    return announce


def _show(result: core.SearchResult, screen: Screen, hits: list[core.Hit]) -> None:
    """`hits` are the result's own (what --json prints); the rest of it says how many
    more there were and what was asked."""
    out = screen.out
    if not hits:
        out.print(f"Nothing found for {result.query!r}.")
        return
    table = Table(box=None, pad_edge=False, header_style="bold")
    table.add_column("id", no_wrap=True, style="cyan")
    table.add_column("kind", no_wrap=True)
    slugs = max(len(hit.slug or "-") for hit in hits)
    table.add_column("with", no_wrap=True, overflow="ellipsis", max_width=min(24, slugs))
    table.add_column("date", no_wrap=True, min_width=10)
    table.add_column("", overflow="fold")
    for hit in hits:
        snippet = Text()
        for piece, matched in hit.marked:
            snippet.append(piece, style="bold reverse" if matched else None)
        day = shown(hit.date) if hit.date else ""
        table.add_row(hit.short, hit.kind, hit.slug or "-", day, snippet)
    out.print(table)
    more = result.total - len(hits)
    if more > 0:
        out.print(Text(f"{more} more: show them with --limit {result.total}.", style="dim"))
    hint = "Read one with: mentorlog read ID"
    if any(hit.kind == "agreement" for hit in hits):
        hint += " (an agreement: mentorlog agreement SLUG)"
    if any(hit.kind == "relationship" for hit in hits):
        hint += " (a relationship: mentorlog show SLUG)"
    out.print(Text(hint, style="dim"))


def reindex(
    ctx: typer.Context, no_input: opt.NoInputOption = False, json_output: opt.JsonOption = False
) -> None:
    """Build the search index again from your files (it lives in your cache folder)."""
    st = state(ctx)
    result = core.reindex(st.core, _announcer(st))
    warn_skipped(st.err, result.problems)
    present(st.screen, result, json_output, _show_reindex)


def _show_reindex(screen: Screen, result: core.ReindexResult) -> None:
    screen.out.print(
        f"Indexed {result.documents} entries from {result.files} files in {result.seconds:.1f} s."
    )
