"""`mentorlog reflect`, `journal` and `read`: a private, guided reflection journal."""

from __future__ import annotations

from functools import partial
from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from mentorlog.cli import complete
from mentorlog.cli import options as opt
from mentorlog.cli.columns import Column, Row, print_columns
from mentorlog.cli.editor import edit_until_valid
from mentorlog.cli.output import Screen, present, warn, warn_skipped
from mentorlog.cli.prompts import MULTILINE_TIP, Interrupted
from mentorlog.cli.state import State, shown, state
from mentorlog.cli.walk import Kept
from mentorlog.core import drafts, prompts
from mentorlog.core import reflect as core
from mentorlog.core.dates import Prefer, parse_date
from mentorlog.core.errors import InvalidInput, MissingValue
from mentorlog.core.models import Reflection

OptionalSlug = Annotated[
    str | None,
    typer.Argument(
        metavar="SLUG",
        help="The relationship it is about (none: about mentoring).",
        autocompletion=complete.slugs,
    ),
]
SetOption = Annotated[
    str | None,
    typer.Option(
        "--set",
        metavar="NAME",
        help="A prompt set (`reflect --list-sets` lists them).",
        autocompletion=complete.prompt_sets,
    ),
]


def _list_sets(folder: str, screen: Screen, sets: list[prompts.PromptSetView]) -> None:
    table = Table(box=None, pad_edge=False, header_style="bold")
    table.add_column("name", no_wrap=True)
    table.add_column("title / when it helps", overflow="fold")
    table.add_column("questions", justify="right", no_wrap=True)
    table.add_column("source", no_wrap=True)
    for item in sets:
        table.add_row(
            item.name,
            Text.assemble((item.title, "bold"), "\n", (item.about, "dim")),
            str(len(item.questions)),
            item.source.value,
        )
    screen.out.print(table)
    screen.out.print(f"Your own sets go in {folder} (see docs/FORMAT.md).")


def reflect(
    ctx: typer.Context,
    slug: OptionalSlug = None,
    set_name: SetOption = None,
    list_sets: Annotated[
        bool, typer.Option("--list-sets", metavar="", help="List the prompt sets and stop.")
    ] = False,
    suggest_only: Annotated[
        bool,
        typer.Option("--suggest", metavar="", help="Say which set fits the moment, and stop."),
    ] = False,
    answer: Annotated[
        list[str] | None,
        typer.Option(
            "--answer",
            metavar=opt.FREE_TEXT,
            help="An answer, in question order (repeat; '' skips).",
        ),
    ] = None,
    edit: Annotated[
        bool,
        typer.Option("--edit", metavar="", help="Answer in $VISUAL or $EDITOR instead of prompts."),
    ] = False,
    kept_draft: opt.KeptDraftOption = None,
    no_input: opt.NoInputOption = False,
    json_output: opt.JsonOption = False,
) -> None:
    """Reflect with a set of guided questions; kept as Markdown in your journal.

    With no --set it suggests a set that fits the moment and says why.
    """
    st = state(ctx)
    asker = st.asker(no_input)
    sets = prompts.load_sets(st.core)
    for problem in sets.problems:
        warn(st.err, f"skipped a broken prompt set: {problem}")
    if list_sets:
        folder = str(prompts.user_folder(st.core))
        present(st.screen, sets.sets, json_output, partial(_list_sets, folder))
        return
    if slug:
        st.core.store.load(slug)
    if suggest_only:
        present(st.screen, core.suggest(st.core, slug, sets), json_output, _show_suggestion)
        return
    if set_name:
        chosen = sets.get(set_name)
    elif not asker.interactive:
        suggestion = core.suggest(st.core, slug, sets)
        raise MissingValue(
            "which prompt set?", f"pass --set NAME (today's suggestion: {suggestion.set})"
        )
    else:
        chosen = _choose_set(st, sets, core.suggest(st.core, slug, sets))
    notes = ""
    kept: Kept | None = None  # the walk's draft, when it is asked at a terminal
    if answer is not None:
        answers = list(answer)
    elif edit:
        draft_name = f"reflect-{chosen.name}.md"
        edited = edit_until_valid(
            st,
            draft_name,
            core.edit_template(chosen),
            lambda text, _path: core.parse_edited(text, chosen),
            keep=True,
            slug=slug,
            kept_draft=kept_draft,
            no_input=no_input,
            what=f"the '{chosen.name}' questions",
        )
        answers, notes = edited or ([], "")
    elif asker.interactive:
        kept = Kept(asker, st.core, f"reflect-{chosen.name}", slug)
        answers = _walk(st, chosen, kept)
    else:
        raise MissingValue(
            "no answers", "pass --answer once per question, in order; or --edit; or use a terminal"
        )
    if not any(a.strip() for a in answers) and not notes.strip():
        if answer is not None:
            raise InvalidInput("every answer is empty, so nothing was saved")
        if kept:
            kept.finish()
        if json_output:  # a script reads one object: this one says why there is no result
            raise MissingValue("nothing written, so nothing saved", "answer at least one question")
        st.err.print("Nothing written, so nothing saved.")
        return
    with st.core.store.writing():  # the reflection and its draft's removal: one transaction
        reflection = core.reflect(st.core, chosen, answers, slug, notes)
        if kept:
            kept.finish()
        if edit and answer is None:
            drafts.discard_named(st.core, draft_name, slug)
    present(st.screen, reflection, json_output, _show_saved)


def _show_suggestion(screen: Screen, suggestion: core.Suggestion) -> None:
    screen.out.print(f"{suggestion.set}: {suggestion.reason or ''}".rstrip(": "))


def _show_saved(screen: Screen, reflection: Reflection) -> None:
    answered = sum(1 for e in reflection.entries if e.answer)
    screen.out.print(
        Text.assemble(
            ("Saved ", "bold"),
            (reflection.id, "bold cyan"),
            f": {answered} of {len(reflection.entries)} questions answered.\n",
            ("Read it again with ", "dim"),
            (f"mentorlog read {reflection.id}", "cyan"),
        )
    )


def _choose_set(
    st: State, sets: prompts.PromptSets, suggestion: core.Suggestion
) -> prompts.PromptSetView:
    """A numbered menu; a number, a name or the start of a name picks a set."""
    st.err.print(
        Text.assemble(
            ("Suggested: ", "bold"),
            (suggestion.set, "cyan"),
            f", because {suggestion.reason}." if suggestion.reason else ".",
        )
    )
    names = [s.name for s in sets.sets]
    menu = Table.grid(padding=(0, 2))
    for number, item in enumerate(sets.sets, 1):
        menu.add_row(f"  {number:>2}", item.name, Text(item.title, style="dim"))
    st.err.print(menu)

    def pick(answer: str) -> prompts.PromptSetView:
        text = answer.strip().lower()
        if text.isascii() and text.isdigit() and 1 <= int(text) <= len(names):
            return sets.sets[int(text) - 1]
        matches = [n for n in names if n == text] or [n for n in names if n.startswith(text)]
        if len(matches) != 1:
            raise InvalidInput(f"'{answer}' is not one of the sets", "type its number or name")
        return sets.get(matches[0])

    asker = st.asker(no_input=False)
    return asker.until_valid(
        lambda: asker.text("Which set? (number or name)", flag="--set", default=suggestion.set),
        pick,
    )


def _walk(st: State, chosen: prompts.PromptSetView, kept: Kept) -> list[str]:
    """Ask each question; every answer is kept in a draft as it is given, so a stop
    (Ctrl-C, a hang-up, SIGTERM) loses nothing and the next run offers to carry on."""
    asker = kept.asker
    kept.offer(None, about=lambda _saved: chosen.name)
    st.err.print(Text.assemble(("\n" + chosen.title, "bold"), "  ", (chosen.about, "dim")))
    st.err.print(Text(MULTILINE_TIP, style="dim"))
    answers: list[str] = []
    for number, question in enumerate(chosen.questions, 1):
        key = f"answer-{number}"
        ask = partial(
            asker.multiline,
            question.text,
            question.hint,
            on_line=partial(kept.keep, key, cut=True),  # each line on disk as it is typed
            so_far=kept.cut_short(key),
        )
        try:
            answers.append(kept.step(key, None, ask))
        except Interrupted as stop:
            if stop.partial:
                kept.keep(key, stop.partial, cut=True)
            about = f" {kept.slug}" if kept.slug else ""
            kept.stopped(f"mentorlog reflect{about} --set {chosen.name}")
            raise
    return answers


def journal(
    ctx: typer.Context,
    slug: opt.AllSlugArg = None,
    set_name: SetOption = None,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            metavar="DATE",
            help="Only reflections from DATE on: 2026-01-05, dec 3, 2 weeks ago.",
        ),
    ] = None,
    no_input: opt.NoInputOption = False,
    json_output: opt.JsonOption = False,
) -> None:
    """List your reflections, newest last."""
    st = state(ctx)
    start = parse_date(since, st.core.today, Prefer.past, "--since") if since else None
    result = core.journal(st.core, slug, set_name, start)
    warn_skipped(st.err, result.problems)
    filtered = bool(slug or set_name or since)
    present(st.screen, result.reflections, json_output, partial(_journal, filtered, not no_input))


def _journal(
    filtered: bool, pager: bool, screen: Screen, reflections: list[core.ReflectionSummary]
) -> None:
    if not reflections:
        if filtered:
            screen.out.print("No reflections match.")
        else:
            screen.out.print("No reflections yet. Start one with: mentorlog reflect")
        return
    columns = [
        Column("date"),
        Column("id"),
        Column("with", limit=24),
        Column("answered", right=True),
        Column("first answer", flexible=True),
    ]
    rows = [
        Row(
            [
                shown(item.date),
                item.short,
                item.slug or "-",
                f"{item.answered}/{item.questions}",
                item.excerpt,
            ]
        )
        for item in reflections
    ]
    print_columns(screen.out, columns, rows, pager=pager, configured=screen.pager())
