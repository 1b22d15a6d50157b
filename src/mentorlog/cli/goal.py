"""`mentorlog goal add|list|update|done|drop`: goals with progress and a dated history."""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import Annotated

import typer

from mentorlog.cli import complete
from mentorlog.cli import options as opt
from mentorlog.cli.output import Screen, none_read, present, warn, warn_skipped
from mentorlog.cli.prompts import Asker, Interrupted
from mentorlog.cli.render import celebrate, goals_table, progress_bar
from mentorlog.cli.state import State, state
from mentorlog.cli.walk import Kept, ResumeOption
from mentorlog.core import goals as core
from mentorlog.core.dates import Prefer, parse_date
from mentorlog.core.models import GoalStatus

app = typer.Typer(
    name="goal",
    help="Set goals for a relationship and track progress towards them.",
    no_args_is_help=True,
)


@app.callback()
def goal_group(ctx: typer.Context, no_input: opt.NoInputOption = False) -> None:
    """Set goals for a relationship and track progress towards them."""
    opt.pass_no_input(ctx, no_input)  # `mentorlog goal --no-input ...`


GoalArg = Annotated[
    str,
    typer.Argument(
        metavar="ID",
        help="The goal's id, e.g. g3k (or slug:g3k).",
        autocompletion=complete.goal_ids,
    ),
]
NoteOption = Annotated[
    str, typer.Option("--note", metavar=opt.FREE_TEXT, help="A dated note for the goal's history.")
]
TargetOption = Annotated[
    str | None,
    typer.Option(
        "--target",
        metavar="DATE",
        help="When you aim to reach it: 2026-12-31, dec 31, in 3 months.",
    ),
]
WhyOption = Annotated[
    str | None, typer.Option("--why", metavar=opt.FREE_TEXT, help="Why it matters.")
]
SuccessOption = Annotated[
    str | None, typer.Option("--success", metavar=opt.FREE_TEXT, help="What success looks like.")
]


def show_result(st: State, result: core.GoalResult, json_output: bool, verb: str) -> None:
    present(st.screen, result, json_output, partial(_show_result, verb))


def _show_result(verb: str, screen: Screen, result: core.GoalResult) -> None:
    goal = result.goal
    if result.achieved_now:
        screen.out.print(celebrate(goal, goal.partner))
    else:
        screen.out.print(f"{verb} {goal.short} ({goal.slug}): {goal.title}  ", end="")
        screen.out.print(progress_bar(goal.progress))
    if result.focus_warning:
        warn(screen.err, result.focus_warning)


def _ask_goal(
    asker: Asker,
    kept: Kept,
    title: str | None,
    why: str | None,
    success: str | None,
    target: str | None,
    today: date,
) -> core.NewGoal:
    """The options given, and the rest asked, each answer kept in a draft as it comes."""
    name = kept.step(
        "title",
        title,
        lambda: asker.text("The goal, in a few words", flag="the TITLE argument", required=True),
    )
    why_text = kept.step("why", why, lambda: asker.text("Why does it matter?", flag="--why"))
    success_text = kept.step(
        "success",
        success,
        lambda: asker.text("What will success look like?", flag="--success"),
    )
    target_text = kept.step(
        "target",
        parse_date(target, today, Prefer.future, "--target").isoformat() if target else None,
        lambda: asker.until_valid(
            lambda: asker.text(
                "Target date? (like dec 31 or in 3 months; Enter skips)", flag="--target"
            ),
            lambda text: (
                parse_date(text, today, Prefer.future, "--target").isoformat() if text else ""
            ),
        ),
    )
    return core.NewGoal(
        title=name,
        why=why_text,
        success=success_text,
        target=date.fromisoformat(target_text) if target_text else None,
    )


@app.command("add")
def add(
    ctx: typer.Context,
    slug: opt.SlugArg,
    title: Annotated[
        str | None, typer.Argument(metavar="TITLE", help="A short name for the goal.")
    ] = None,
    why: WhyOption = None,
    success: SuccessOption = None,
    target: TargetOption = None,
    resume: ResumeOption = None,
    no_input: opt.NoInputOption = False,
    json_output: opt.JsonOption = False,
) -> None:
    """Add a goal to a relationship (three open goals at a time is plenty)."""
    st = state(ctx)
    asker = st.asker(no_input)
    today = st.core.today
    core.require_open(st.core.store.load(slug))  # fail before any question, not after
    kept = Kept(asker, st.core, "goal-add", slug)
    kept.offer(resume)
    try:
        new = _ask_goal(asker, kept, title, why, success, target, today)
    except Interrupted:
        kept.stopped(f"mentorlog goal add {slug}")
        raise
    (result,) = core.add_goals(st.core, slug, [new])
    kept.finish()
    show_result(st, result, json_output, "Added")


@app.command("list")
def list_goals(
    ctx: typer.Context,
    slug: opt.AllSlugArg = None,
    include_closed: Annotated[
        bool, typer.Option("--all", metavar="", help="Include achieved and dropped goals.")
    ] = False,
    no_input: opt.NoInputOption = False,
    json_output: opt.JsonOption = False,
) -> None:
    """List open goals across your relationships (or one)."""
    st = state(ctx)
    result = core.list_goals(st.core, slug, include_closed)
    warn_skipped(st.err, result.problems)
    present(st.screen, result.goals, json_output, partial(_show_list, len(set(result.problems))))


def _show_list(skipped: int, screen: Screen, goals: list[core.GoalView]) -> None:
    if not goals and none_read(screen, "No goals to list among those read", skipped):
        return
    if not goals:
        screen.out.print('No goals yet. Add one with: mentorlog goal add SLUG "TITLE"')
        return
    screen.out.print(goals_table(goals, [g.slug for g in goals]))


@app.command("update")
def update(
    ctx: typer.Context,
    goal_id: GoalArg,
    progress: Annotated[
        int | None,
        typer.Option("--progress", min=0, max=100, metavar="0-100", help="Progress in percent."),
    ] = None,
    note: NoteOption = "",
    title: Annotated[
        str | None, typer.Option("--title", metavar=opt.FREE_TEXT, help="New title.")
    ] = None,
    why: WhyOption = None,
    success: SuccessOption = None,
    target: TargetOption = None,
    no_input: opt.NoInputOption = False,
    json_output: opt.JsonOption = False,
) -> None:
    """Record progress or a note, or change a goal's details. 100% achieves it."""
    st = state(ctx)
    result = core.update_goal(
        st.core,
        goal_id,
        progress=progress,
        note=note,
        title=title,
        why=why,
        success=success,
        target=parse_date(target, st.core.today, Prefer.future, "--target") if target else None,
    )
    show_result(st, result, json_output, "Updated")


@app.command("done")
def done(
    ctx: typer.Context,
    goal_id: GoalArg,
    note: NoteOption = "",
    no_input: opt.NoInputOption = False,
    json_output: opt.JsonOption = False,
) -> None:
    """Mark a goal achieved. Celebrate it!"""
    _close(state(ctx), goal_id, note, GoalStatus.achieved, json_output)


@app.command("drop")
def drop(
    ctx: typer.Context,
    goal_id: GoalArg,
    note: NoteOption = "",
    no_input: opt.NoInputOption = False,
    json_output: opt.JsonOption = False,
) -> None:
    """Drop a goal that no longer fits. It stays in the history."""
    _close(state(ctx), goal_id, note, GoalStatus.dropped, json_output)


def _close(st: State, goal_id: str, note: str, status: GoalStatus, json_output: bool) -> None:
    result = core.update_goal(st.core, goal_id, note=note, status=status)
    show_result(st, result, json_output, status.value.capitalize())
