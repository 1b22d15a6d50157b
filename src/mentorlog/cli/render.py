"""Small Rich building blocks shared by several commands."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from mentorlog.cli.state import shown
from mentorlog.core.actions import ActionView
from mentorlog.core.goals import GoalView
from mentorlog.core.models import ActionStatus, Goal, GoalStatus, ShortGoal


def progress_bar(percent: int, width: int = 10) -> Text:
    filled = round(percent * width / 100)
    return Text.assemble(
        ("█" * filled, "green"), ("░" * (width - filled), "dim"), f" {percent:>3}%"
    )


def day(value: date | None) -> str:
    return shown(value) if value else "-"


def counted(count: int, thing: str, things: str | None = None) -> str:
    """'1 quality', '2 qualities': a number with the word that fits it."""
    return f"{count} {thing if count == 1 else (things or thing + 's')}"


def days(count: int) -> str:
    return f"{count} day" if count == 1 else f"{count} days"


def ago(value: date | None, today: date) -> str:
    if value is None:
        return "never"
    since = (today - value).days
    if since == 0:
        return "today"
    if since == 1:
        return "yesterday"
    if since > 0:
        return f"{since} days ago"
    return f"in {-since} days" if since < -1 else "tomorrow"


def actions_table(actions: Sequence[ActionView], with_slug: bool = True) -> Table:
    table = Table(box=None, pad_edge=False, header_style="bold")
    table.add_column("id", no_wrap=True)
    if with_slug:
        table.add_column("with", overflow="fold", max_width=24)  # most slugs whole
    table.add_column("commitment", min_width=20)
    table.add_column("owner", no_wrap=True)
    table.add_column("due", no_wrap=True)
    for action in actions:
        due = Text(day(action.due))
        if action.overdue_days:
            due = Text(f"{day(action.due)} ({action.overdue_days}d late)", style="bold red")
        text = Text(action.text)
        if action.status is not ActionStatus.open:
            text = Text(f"{action.text} ({action.status.value})", style="dim")
        cells: list[Text | str] = [action.short or action.id]
        if with_slug:
            cells.append(action.slug)
        cells += [text, action.owner.value, due]
        table.add_row(*cells)
    return table


def goals_table(goals: Sequence[ShortGoal], slugs: Sequence[str] | None = None) -> Table:
    table = Table(box=None, pad_edge=False, header_style="bold")
    table.add_column("id", no_wrap=True)
    if slugs is not None:
        table.add_column("with", no_wrap=True)
    table.add_column("goal", overflow="fold")
    table.add_column("progress", no_wrap=True)
    table.add_column("target", no_wrap=True)
    for index, goal in enumerate(goals):
        title = Text(goal.title)
        if goal.status is not GoalStatus.open:
            title.append(
                f" ({goal.status.value})", style="green" if goal.progress == 100 else "dim"
            )
        cells: list[Text | str] = [goal.short or goal.id]
        if slugs is not None:
            cells.append(slugs[index])
        cells += [title, progress_bar(goal.progress), day(goal.target)]
        table.add_row(*cells)
    return table


def celebrate(goal: GoalView | Goal, partner: str) -> Panel:
    """Milestones are worth celebrating."""
    lines = Text.assemble(
        ("Goal achieved: ", "bold"), (goal.title, "bold green"), "\n",
        f"Worth marking with {partner}: say thank you, and tell someone about it.",
    )  # fmt: skip
    return Panel(lines, title="★ well done ★", border_style="green", expand=False)
