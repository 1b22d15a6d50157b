"""`mentorlog direction`: set direction once there is rapport."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial
from typing import Annotated

import typer
from pydantic import ValidationError
from rich.table import Table
from rich.text import Text

from mentorlog.cli import options as opt
from mentorlog.cli.output import Screen, present, warn
from mentorlog.cli.prompts import MULTILINE_TIP, Asker, Interrupted
from mentorlog.cli.render import goals_table
from mentorlog.cli.state import State, state
from mentorlog.cli.walk import Kept, ResumeOption, ask_and_save
from mentorlog.core import direction as core
from mentorlog.core import overview
from mentorlog.core.dates import Prefer, parse_date
from mentorlog.core.errors import MissingValue
from mentorlog.core.goals import FOCUS, NewGoal, require_open


def _answer(name: str, text: str) -> object:
    return typer.Option(f"--{name}", metavar=opt.FREE_TEXT, help=text)


def _save_answer(st: State, slug: str, key: str, text: str) -> None:
    core.set_direction(st.core, slug, {key: text})


def _ask_goal(st: State, asker: Asker, kept: Kept, number: int) -> NewGoal | None:
    """One goal, each answer kept in the draft as it is given (a stop loses none)."""
    part: dict[str, str] = dict(kept.answers.get("goal", {}))

    def step(key: str, ask: Callable[[], str]) -> str:
        if key not in part:
            part[key] = ask()
            kept.keep("goal", part)
        return part[key]

    title = step("title", lambda: asker.text(f"Goal {number}", flag="--goal"))
    if not title:
        kept.answers.pop("goal")
        return None
    why = step("why", lambda: asker.text("  Why does it matter?", flag="goal add --why"))
    success = step(
        "success", lambda: asker.text("  What will success look like?", flag="goal add --success")
    )
    target = step(
        "target",
        lambda: asker.until_valid(
            lambda: asker.text(
                "  Target date? (like dec 31 or in 3 months; Enter skips)", flag="goal add --target"
            ),
            lambda text: (
                parse_date(text, st.core.today, Prefer.future, "target date").isoformat()
                if text
                else ""
            ),
        ),
    )
    return NewGoal(
        title=title, why=why, success=success, target=date.fromisoformat(target) if target else None
    )


def _drafted_goals(st: State, kept: Kept, unfinished: bool = False) -> list[NewGoal]:
    """The goals kept by an interrupted walk (and, with `unfinished`, the one half asked)."""
    items = list(kept.answers.get("goals", []))
    if unfinished and kept.answers.get("goal"):
        items.append(kept.answers["goal"])
    goals: list[NewGoal] = []
    for item in items:
        try:
            goals.append(NewGoal.model_validate({k: v for k, v in item.items() if v != ""}))
        except (ValidationError, AttributeError):
            warn(st.err, f"a drafted goal no longer fits and is left out: {item}")
    for number, goal in enumerate(goals, 1):
        st.err.print(Text(f"  (from your draft) Goal {number}: {goal.title}", style="dim"))
    return goals


def _ask_goals(st: State, asker: Asker, kept: Kept, already: int) -> list[NewGoal]:
    st.err.print(
        Text.assemble(
            ("\nGoals", "bold"),
            ("  a few words each; Enter on an empty goal finishes. Three is plenty.", "dim"),
        )
    )
    goals = _drafted_goals(st, kept)
    while True:
        count = already + len(goals)
        if (
            count >= FOCUS
            and "goal" not in kept.answers
            and not asker.confirm(
                f"That makes {count} goals. Focus helps: add another anyway?", default=False
            )
        ):
            return goals
        goal = _ask_goal(st, asker, kept, count + 1)
        if goal is None:
            return goals
        goals.append(goal)
        kept.answers.pop("goal", None)
        kept.keep("goals", [g.model_dump(mode="json", exclude_none=True) for g in goals])


def direction(
    ctx: typer.Context,
    slug: opt.SlugArg,
    aspirations: Annotated[
        str | None, _answer("aspirations", "Vision and career aspirations.")
    ] = None,
    current: Annotated[str | None, _answer("current", "Where things stand now.")] = None,
    strengths: Annotated[str | None, _answer("strengths", "Strengths to build on.")] = None,
    growth: Annotated[str | None, _answer("growth", "Areas to grow in.")] = None,
    style: Annotated[str | None, _answer("style", "Working and leadership style.")] = None,
    support: Annotated[str | None, _answer("support", "How this relationship can help.")] = None,
    goal: Annotated[
        list[str] | None,
        typer.Option(
            "--goal", metavar="TITLE", help="A goal to set (repeatable; details via `goal update`)."
        ),
    ] = None,
    resume: ResumeOption = None,
    no_input: opt.NoInputOption = False,
    json_output: opt.JsonOption = False,
) -> None:
    """Set direction: aspirations, where things stand, strengths, and a few goals."""
    st = state(ctx)
    asker = st.asker(no_input)
    relationship = st.core.store.load(slug)
    require_open(relationship)  # before any question, so no answer is typed in vain
    kept = Kept(asker, st.core, "direction", slug)
    kept.offer(resume)
    given = {
        "aspirations": aspirations, "current": current, "strengths": strengths,
        "growth": growth, "style": style, "support": support,
    }  # fmt: skip
    answers = {key: value for key, value in given.items() if value is not None}
    goals = [NewGoal(title=title) for title in goal or []]
    if asker.interactive:
        st.err.print(Text(f"Setting direction with {relationship.partner}", style="bold"))
        st.err.print(Text(MULTILINE_TIP, style="dim"))
        earlier = relationship.direction.model_dump()
        answered: list[str] = list(kept.answers.get("answered", []))  # before a stop
        for question in core.DIRECTION_QUESTIONS:
            if question.key in answers or question.key in answered:
                continue
            key = question.key
            answers[key] = ask_and_save(
                asker,
                st.core,
                f"direction-{key}.md",
                question.ask,
                question.hint,
                earlier[key],
                partial(_save_answer, st, slug, key),
                f"mentorlog direction {slug}",
                slug,
            )
            kept.keep("answered", [*answered, *answers])
        open_goals = sum(1 for g in overview.show(st.core, slug).goals if g.status == "open")
        try:
            goals += _ask_goals(st, asker, kept, open_goals + len(goals))
        except Interrupted:
            kept.stopped(f"mentorlog direction {slug}")
            raise
    else:
        goals += _drafted_goals(st, kept, unfinished=True)  # with --resume
    if not asker.interactive and not answers and not goals:
        raise MissingValue(
            "nothing to record", "pass answers such as --aspirations or goals with --goal"
        )
    result = core.set_direction(st.core, slug, answers, goals)
    kept.finish()
    present(st.screen, result, json_output, _show)


def _show(screen: Screen, result: core.DirectionResult) -> None:
    for item in result.goals:
        if item.focus_warning:
            warn(screen.err, item.focus_warning)
    slug = result.relationship.slug
    screen.out.print(Text(f"Direction set with {result.relationship.partner}.", style="bold"))
    if result.all_goals:
        screen.out.print(goals_table(result.all_goals))
    steps = Table.grid(padding=(0, 2))
    steps.add_column()
    steps.add_column(style="cyan", no_wrap=True)
    steps.add_row(Text("Next", style="bold"), "")
    steps.add_row("  Put it in writing", f"mentorlog agreement {slug}")
    steps.add_row("  After each session", f"mentorlog recap {slug}")
    screen.out.print(steps)
