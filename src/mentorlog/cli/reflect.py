"""`mentorlog reflect`, `journal` and `read`: a private, guided reflection journal."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from mentorlog.cli import options as opt
from mentorlog.cli.editor import edit_until_valid
from mentorlog.cli.output import emit_json, warn, warn_skipped
from mentorlog.cli.prompts import MULTILINE_TIP, Interrupted
from mentorlog.cli.state import State, state
from mentorlog.core import prompts
from mentorlog.core import reflect as core
from mentorlog.core.dates import parse_date
from mentorlog.core.errors import MissingValue
from mentorlog.core.models import Reflection

OptionalSlug = Annotated[
    str | None,
    typer.Argument(metavar="[SLUG]", help="The relationship it is about (leave out for general)."),
]
SetOption = Annotated[
    str | None, typer.Option("--set", metavar="NAME", help="The prompt set (see --list-sets).")
]


def _list_sets(st: State, sets: prompts.PromptSets, json_output: bool) -> None:
    if json_output:
        emit_json(sets.sets)
        return
    table = Table(box=None, pad_edge=False, header_style="bold")
    table.add_column("name", no_wrap=True)
    table.add_column("title / when it helps", overflow="fold")
    table.add_column("questions", justify="right", no_wrap=True)
    table.add_column("source", no_wrap=True)
    for item in sets.sets:
        table.add_row(
            item.name,
            Text.assemble((item.title, "bold"), "\n", (item.about, "dim")),
            str(len(item.questions)),
            item.source.value,
        )
    st.out.print(table)
    st.out.print(f"Your own sets go in {st.core.home / prompts.USER_DIR} (see docs/FORMAT.md).")


def reflect(
    ctx: typer.Context,
    slug: OptionalSlug = None,
    set_name: SetOption = None,
    list_sets: Annotated[
        bool, typer.Option("--list-sets", metavar="", help="List the prompt sets and stop.")
    ] = False,
    answer: Annotated[
        list[str] | None,
        typer.Option(
            "--answer", metavar="TEXT", help="An answer, in question order (repeat; '' skips)."
        ),
    ] = None,
    edit: Annotated[
        bool,
        typer.Option("--edit", metavar="", help="Answer in $VISUAL or $EDITOR instead of prompts."),
    ] = False,
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
        _list_sets(st, sets, json_output)
        return
    if slug:
        st.core.store.load(slug)
    if set_name:
        chosen = sets.get(set_name)
    else:
        suggestion = core.suggest(st.core, slug, sets)
        reason = f": {suggestion.reason}" if suggestion.reason else ""
        lead = "Suggested: " if asker.interactive else f"Using the '{suggestion.set}' set"
        shown = suggestion.set if asker.interactive else ""
        st.err.print(Text.assemble((lead, "bold"), shown, reason))
        name = asker.choice(
            "Which set?", [s.name for s in sets.sets], flag="--set", default=suggestion.set
        )
        chosen = sets.get(name)
    notes = ""
    if answer is not None:
        answers = list(answer)
    elif edit:
        edited = edit_until_valid(
            st,
            f"reflect-{chosen.name}.md",
            core.edit_template(chosen),
            lambda text, _path: core.parse_edited(text, chosen),
        )
        answers, notes = edited or ([], "")
    elif asker.interactive:
        answers = _walk(st, chosen, slug)
    else:
        raise MissingValue(
            "no answers", "pass --answer once per question (in order), --edit, or run in a terminal"
        )
    reflection = core.reflect(st.core, chosen, answers, slug, notes)
    if json_output:
        emit_json(reflection)
        return
    answered = sum(1 for e in reflection.entries if e.answer)
    st.out.print(
        Text.assemble(
            ("Saved ", "bold"),
            (reflection.id, "bold cyan"),
            f": {answered} of {len(reflection.entries)} questions answered.\n",
            ("Read it again with ", "dim"),
            (f"mentorlog read {reflection.id}", "cyan"),
        )
    )


def _walk(st: State, chosen: prompts.PromptSetView, slug: str | None) -> list[str]:
    asker = st.asker(no_input=False)
    st.err.print(Text.assemble(("\n" + chosen.title, "bold"), "  ", (chosen.about, "dim")))
    st.err.print(Text(MULTILINE_TIP, style="dim"))
    answers: list[str] = []
    for question in chosen.questions:
        try:
            answers.append(asker.multiline(question.text, question.hint))
        except Interrupted as stop:
            answers.append(stop.partial)
            if any(answers):
                saved = core.reflect(st.core, chosen, answers, slug)
                st.err.print(f"\nSaved what you typed as {saved.id}.")
            raise
    return answers


def journal(
    ctx: typer.Context,
    slug: OptionalSlug = None,
    set_name: SetOption = None,
    since: Annotated[
        str | None, typer.Option("--since", metavar="DATE", help="Only reflections from DATE on.")
    ] = None,
    json_output: opt.JsonOption = False,
) -> None:
    """List your reflections, newest last."""
    st = state(ctx)
    start = parse_date(since, st.core.today, "--since") if since else None
    result = core.journal(st.core, slug, set_name, start)
    warn_skipped(st.err, result.problems)
    if json_output:
        emit_json(result.reflections)
        return
    if not result.reflections:
        st.out.print("No reflections yet. Start one with: mentorlog reflect")
        return
    table = Table(box=None, pad_edge=False, header_style="bold")
    table.add_column("id", no_wrap=True)
    table.add_column("with", no_wrap=True)
    table.add_column("answered", justify="right", no_wrap=True)
    table.add_column("first answer", overflow="ellipsis", no_wrap=True)
    for item in result.reflections:
        table.add_row(
            item.id, item.relationship or "-", f"{item.answered}/{item.questions}", item.excerpt
        )
    st.out.print(table)


def read(
    ctx: typer.Context,
    reflection_id: Annotated[
        str, typer.Argument(metavar="ID", help="A reflection's id, from `mentorlog journal`.")
    ],
    json_output: opt.JsonOption = False,
) -> None:
    """Show one reflection."""
    st = state(ctx)
    reflection: Reflection = core.read(st.core, reflection_id)
    if json_output:
        emit_json(reflection)
        return
    from rich.markdown import Markdown  # imported here: it costs every command ~20 ms

    st.out.print(Markdown(core.as_markdown(reflection)))
