"""`mentorlog read ID`: any entry (a recap, a reflection, a check-in), read back.

On a terminal the entry is rendered as Markdown (through the pager when it is long);
piped, it is the same document as plain text, the person's words exactly as typed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

import typer
from rich.markdown import Markdown
from rich.text import Text

from mentorlog.cli import options as opt
from mentorlog.cli.output import emit_json
from mentorlog.cli.pager import paged
from mentorlog.cli.state import State, state
from mentorlog.core import entries as core
from mentorlog.core.ids import Shortener
from mentorlog.core.markdown import inline

Escape = Callable[[str], str]


def read(
    ctx: typer.Context,
    entry_id: Annotated[
        str,
        typer.Argument(
            metavar="ID",
            help="A recap (s7f, from `recaps`), a reflection (from `journal`) or a "
            "check-in (h4k); a date names that day's only entry; SLUG/ID limits it "
            "to one relationship.",
        ),
    ],
    kind: Annotated[
        core.Which | None,
        typer.Option("--kind", case_sensitive=False, help="Which kind of entry ID names."),
    ] = None,
    no_input: opt.NoInputOption = False,
    json_output: opt.JsonOption = False,
) -> None:
    """Read one entry back: a session's recap, a reflection or a health check-in."""
    st = state(ctx)
    entry = core.read(st.core, entry_id, kind)
    if json_output:
        emit_json(entry)
        return
    render(st, entry, pager=not no_input)


def render(st: State, entry: core.AnyEntry, pager: bool = True) -> None:
    """The entry as Markdown on a terminal, or as plain text anywhere else."""
    terminal = st.out.is_terminal
    text = document(entry, st.core.store.shortener(), inline if terminal else _plain)
    with paged(st.out, pager):
        if terminal:
            st.out.print(Markdown(text))
        else:
            st.out.print(Text(text), soft_wrap=True)


def _plain(text: str) -> str:
    return text


def document(entry: core.AnyEntry, short: Shortener, esc: Escape) -> str:
    """The entry as a Markdown document; `esc` makes a name or a question plain text."""
    if isinstance(entry, core.RecapEntry):
        lines = _recap(entry, short, esc)
    elif isinstance(entry, core.ReflectionEntry):
        lines = _reflection(entry, esc)
    else:
        lines = _checkin(entry, esc)
    return "\n".join(lines).rstrip() + "\n"


def _recap(recap: core.RecapEntry, short: Shortener, esc: Escape) -> list[str]:
    length = f" · {recap.minutes} minutes" if recap.minutes else ""
    lines = [f"# Session with {esc(recap.partner)}", "", f"{recap.date}{length} · {recap.short}"]
    lines += ["", recap.body] if recap.body else []
    lines += _items("Takeaways", recap.takeaways)
    lines += _items("Decisions", recap.decisions)
    made = [f"{a.short} {a.text} ({a.owner.value})" for a in recap.commitments]
    lines += _items("Commitments made", made)
    lines += _items("Done since", [short(a) for a in recap.actions_done])
    lines += _items("Progress", [f"{short(g)} {p}%" for g, p in recap.progress.items()])
    if recap.next:
        lines += ["", f"Next meeting: {recap.next}"]
    return lines


def _items(title: str, items: list[str]) -> list[str]:
    return ["", f"## {title}", "", *(f"- {item}" for item in items)] if items else []


def _reflection(reflection: core.ReflectionEntry, esc: Escape) -> list[str]:
    about = f" with {esc(reflection.relationship)}" if reflection.relationship else ""
    title = esc(reflection.title or reflection.set)
    lines = [f"# {title}", "", f"{reflection.date}{about} · {reflection.short}"]
    for item in reflection.entries:
        lines += ["", f"## {esc(item.question)}", "", item.answer or "(skipped)"]
    if reflection.body:
        lines += ["", "## Notes", "", reflection.body]
    return lines


def _checkin(checkin: core.CheckinEntry, esc: Escape) -> list[str]:
    lines = [
        f"# Health check-in with {esc(checkin.partner)}",
        "",
        f"{checkin.date} · {checkin.short}",
        "",
    ]
    for quality, rating in checkin.ratings.items():
        note = checkin.notes.get(quality, "")
        said = f": {esc(note)}" if note else ""
        lines.append(f"- {quality.value.replace('_', ' ')} {rating}/5{said}")
    return lines
