"""`mentorlog read ID`: any entry (a recap, a reflection, a check-in), read back.

On a terminal the entry is rendered as Markdown (through the pager when it is long);
piped, it is the same document as plain text, the person's words exactly as typed."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial
from typing import Annotated

import typer
from rich.markdown import Markdown
from rich.text import Text

from mentorlog.cli import complete
from mentorlog.cli import options as opt
from mentorlog.cli.output import Screen, present
from mentorlog.cli.state import shown, state
from mentorlog.core import entries as core
from mentorlog.core.markdown import inline
from mentorlog.core.models import ActionStatus, ShortAction

Escape = Callable[[str], str]


def read(
    ctx: typer.Context,
    entry_id: Annotated[
        str,
        typer.Argument(
            metavar="ID",
            help="A recap (s7f, from `recaps`), a reflection (from `journal`), a "
            "check-in (h4k), a goal (g3k) or a commitment (a7f); a date names that day's "
            "only entry; SLUG/ID limits it to one relationship.",
            autocompletion=complete.entry_ids,
        ),
    ],
    kind: Annotated[
        core.Which | None,
        typer.Option("--kind", case_sensitive=False, help="Which kind of entry ID names."),
    ] = None,
    no_input: opt.NoInputOption = False,
    json_output: opt.JsonOption = False,
) -> None:
    """Read one entry back: a session's recap, a reflection, a check-in, a goal or a commitment."""
    st = state(ctx)
    entry = core.read(st.core, entry_id, kind)
    present(st.screen, entry, json_output, partial(render, not no_input))


def render(pager: bool, screen: Screen, entry: core.AnyEntry) -> None:
    """The entry as Markdown on a terminal, or as plain text anywhere else."""
    out = screen.out
    terminal = out.is_terminal
    text = document(entry, inline if terminal else _plain)
    with screen.paged(pager):
        if terminal:
            out.print(Markdown(text))
        else:
            out.print(Text(text), soft_wrap=True)


def _plain(text: str) -> str:
    return text


def document(entry: core.AnyEntry, esc: Escape) -> str:
    """The entry as a Markdown document; `esc` makes a name or a question plain text."""
    if isinstance(entry, core.RecapEntry):
        lines = _recap(entry, esc)
    elif isinstance(entry, core.ReflectionEntry):
        lines = _reflection(entry, esc)
    elif isinstance(entry, core.GoalEntry):
        lines = _goal(entry, esc)
    elif isinstance(entry, core.CommitmentEntry):
        lines = _commitment(entry, esc)
    else:
        lines = _checkin(entry, esc)
    return "\n".join(lines).rstrip() + "\n"


def _recap(recap: core.RecapEntry, esc: Escape) -> list[str]:
    short = recap.short_ids
    length = f" · {recap.minutes} minutes" if recap.minutes else ""
    lines = [
        f"# Session with {esc(recap.partner)}",
        "",
        f"{shown(recap.date)}{length} · {recap.short}",
    ]
    lines += ["", recap.body] if recap.body else []
    lines += _items("Takeaways", recap.takeaways)
    lines += _items("Decisions", recap.decisions)
    lines += _items("Commitments made", [_made(a) for a in recap.commitments])
    lines += _items("Done since", [short.get(a, a) for a in recap.actions_done])
    lines += _items("Progress", [f"{short.get(g, g)} {p}%" for g, p in recap.progress.items()])
    if recap.next:
        lines += ["", f"Next meeting: {shown(recap.next)}"]
    return lines


def _made(action: ShortAction) -> str:
    """`a7f send CV (me, due Fri 2026-03-20)`; one no longer open says so instead."""
    if action.status is not ActionStatus.open:
        return f"{action.short} {action.text} ({action.owner.value}) · {action.status.value}"
    due = f", due {shown(action.due)}" if action.due else ""
    return f"{action.short} {action.text} ({action.owner.value}{due})"


def _items(title: str, items: list[str]) -> list[str]:
    return ["", f"## {title}", "", *(f"- {item}" for item in items)] if items else []


def _reflection(reflection: core.ReflectionEntry, esc: Escape) -> list[str]:
    about = f" with {esc(reflection.relationship)}" if reflection.relationship else ""
    title = esc(reflection.title or reflection.set)
    lines = [f"# {title}", "", f"{shown(reflection.date)}{about} · {reflection.short}"]
    for item in reflection.entries:
        lines += ["", f"## {esc(item.question)}", "", item.answer or "(skipped)"]
    if reflection.body:
        lines += ["", "## Notes", "", reflection.body]
    return lines


def _checkin(checkin: core.CheckinEntry, esc: Escape) -> list[str]:
    lines = [
        f"# Health check-in with {esc(checkin.partner)}",
        "",
        f"{shown(checkin.date)} · {checkin.short}",
        "",
    ]
    for quality, rating in checkin.ratings.items():
        note = checkin.notes.get(quality, "")
        said = f": {esc(note)}" if note else ""
        lines.append(f"- {quality.value.replace('_', ' ')} {rating}/5{said}")
    return lines


def _goal(goal: core.GoalEntry, esc: Escape) -> list[str]:
    target = f" · target {shown(goal.target)}" if goal.target else ""
    lines = [f"# Goal: {esc(goal.title)}", "", f"{goal.short} · with {esc(goal.partner)}"]
    lines += ["", f"{goal.status.value}, {goal.progress}%{target} · set {shown(goal.created)}"]
    lines += ["", "## Why", "", goal.why] if goal.why else []
    lines += ["", "## What success looks like", "", goal.success] if goal.success else []
    notes = [_note(n.date, n.progress, esc(_shortened(n.note, goal))) for n in goal.history]
    return lines + _items("History", notes)


def _shortened(note: str, goal: core.GoalEntry) -> str:
    """`recap 2026-03-15-s7fk2qm4x9f` -> `recap s7f`, as listings show it."""
    kind, _, named = note.partition(" ")
    if kind == "recap" and named in goal.short_ids:
        return f"{kind} {goal.short_ids[named]}"
    return note


def _note(day: date, progress: int | None, note: str) -> str:
    return " ".join(
        str(part)
        for part in (shown(day), f"{progress}%" if progress is not None else "", note)
        if part != ""
    )


def _commitment(action: core.CommitmentEntry, esc: Escape) -> list[str]:
    due = f" · due {shown(action.due)}" if action.due else ""
    closed = f" · {action.status.value} {shown(action.closed)}" if action.closed else ""
    heading = f"# Commitment: {esc(action.text)}"
    lines = [heading, "", f"{action.short} · with {esc(action.partner)}"]
    lines += [
        "",
        f"{action.owner.value} · {action.status.value}{due} · made {shown(action.created)}{closed}",
    ]
    return lines + (["", f"Made in recap {action.recap}"] if action.recap else [])
