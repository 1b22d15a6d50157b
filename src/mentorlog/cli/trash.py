"""`mentorlog delete`, `trash` and `restore`: soft delete, and the way back."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.text import Text

from mentorlog.cli import complete
from mentorlog.cli import options as opt
from mentorlog.cli.output import emit_json, warn_skipped
from mentorlog.cli.render import counted
from mentorlog.cli.state import State, state
from mentorlog.core import restore as restore_core
from mentorlog.core import trash as core
from mentorlog.core.errors import ExitCode, MissingValue

YesOption = Annotated[
    bool, typer.Option("--yes", "-y", metavar="", help="Go ahead without asking (for scripts).")
]


def _done(st: State, entry: core.TrashEntry, verb: str) -> None:
    st.out.print(Text.assemble(f"{verb} ", (entry.what, "bold")), soft_wrap=True)


def delete(
    ctx: typer.Context,
    kind: Annotated[
        core.Kind,
        typer.Argument(metavar="KIND", case_sensitive=False, help="What to delete (see above)."),
    ],
    target: Annotated[
        str,
        typer.Argument(
            metavar="ID", help="Which one (see above).", autocompletion=complete.deletable
        ),
    ],
    yes: YesOption = False,
    no_input: opt.NoInputOption = False,
    json_output: opt.JsonOption = False,
) -> None:
    """Move something to the trash; `mentorlog restore` brings it back exactly.

    \b
      relationship ada-lovelace             everything it holds (asks first)
      recap        ada-lovelace/2026-03-01  a session, by its date (-2: a day's second)
      checkin      ada-lovelace/2026-03-01  a health check-in
      reflection   2026-03-01-listening     an id from `mentorlog journal`
      goal         g3k                      (or ada-lovelace:g3k)
      commitment   a7f                      (or ada-lovelace:a7f)
      milestone    m4q                      a journey milestone

    A recap takes with it the commitments made in that session, reopens those it
    marked done and takes back the goal progress it recorded.
    """
    st = state(ctx)
    if kind is core.Kind.relationship and not yes:
        _confirm_relationship(st, target, no_input)
    entry = core.delete(st.core, kind, target)
    if json_output:
        emit_json(entry)
        return
    _done(st, entry, "Moved to the trash:")
    for change in entry.changes:
        st.out.print(Text(f"  also {change}"), soft_wrap=True)
    undo = Text.assemble("Changed your mind? ", (f"mentorlog restore {entry.id}", "cyan"))
    st.out.print(undo, soft_wrap=True)


def _confirm_relationship(st: State, slug: str, no_input: bool) -> None:
    held = core.holdings(st.core, slug)
    asker = st.asker(no_input)
    if not asker.interactive:
        raise MissingValue(
            f"deleting '{slug}' moves everything it holds to the trash",
            "pass --yes to go ahead; `mentorlog restore` brings it back",
        )
    holds = ", ".join(held.holds) or "nothing yet beyond its record"
    st.err.print(Text.assemble(("Your relationship with ", "bold"), (held.partner, "bold")))
    st.err.print(Text(f"  holds {holds}"))
    if held.reflections:
        st.err.print(Text(f"  {held.reflections} reflection(s) about it stay in your journal"))
    if not asker.confirm("Move it to the trash? (you can restore it later)", default=False):
        st.err.print("Kept as it was.")
        raise typer.Exit(ExitCode.FAILURE)


def trash(
    ctx: typer.Context,
    empty: Annotated[
        bool,
        typer.Option("--empty", metavar="", help="Delete what is in the trash for good (asks)."),
    ] = False,
    older_than: Annotated[
        int | None,
        typer.Option(
            "--older-than", metavar="DAYS", min=0, help="Only what was deleted DAYS ago or more."
        ),
    ] = None,
    yes: YesOption = False,
    no_input: opt.NoInputOption = False,
    json_output: opt.JsonOption = False,
) -> None:
    """List what you deleted; `--empty` deletes it for good."""
    st = state(ctx)
    listing = core.listing(st.core, older_than)
    warn_skipped(st.err, listing.problems)
    if empty and (listing.entries or listing.unfinished):
        _confirm_empty(st, len(listing.entries), yes, no_input)
        listing = core.empty(st.core, older_than)
    if json_output:
        emit_json(listing.entries)
        return
    if empty:
        st.out.print(f"Deleted {counted(len(listing.entries), 'thing')} for good.")
        return
    _render(st, listing)


def _confirm_empty(st: State, count: int, yes: bool, no_input: bool) -> None:
    if yes:
        return
    asker = st.asker(no_input)
    if not asker.interactive:
        raise MissingValue("emptying the trash cannot be undone", "pass --yes to go ahead")
    question = f"Delete {counted(count, 'thing')} in the trash for good? This cannot be undone."
    if not asker.confirm(question, default=False):
        st.err.print("The trash is as it was.")
        raise typer.Exit(ExitCode.FAILURE)


def _render(st: State, listing: core.TrashListing) -> None:
    if not listing.entries:
        st.out.print("The trash is empty.")
        return
    for entry in listing.entries:
        when = entry.deleted.strftime("%Y-%m-%d %H:%M UTC")
        line = Text.assemble((when, "bold"), "  ", (entry.kind, "cyan"), "  ", entry.what)
        st.out.print(line, no_wrap=True, overflow="ellipsis")
        st.out.print(Text(f"  mentorlog restore {entry.id}", style="dim"), soft_wrap=True)


def restore(
    ctx: typer.Context,
    trash_id: Annotated[
        str,
        typer.Argument(
            metavar="ID",
            help="From `mentorlog trash`, or what was deleted: g3k, ada-lovelace/2026-03-01.",
        ),
    ],
    no_input: opt.NoInputOption = False,
    json_output: opt.JsonOption = False,
) -> None:
    """Bring something back from the trash, exactly as it was. Nothing is overwritten."""
    st = state(ctx)
    result = restore_core.restore(st.core, trash_id)
    if json_output:
        emit_json(result)
        return
    _done(st, result.restored, "Restored:")
    if result.restored.changes:
        st.out.print("  and what its delete changed is as it was again")
