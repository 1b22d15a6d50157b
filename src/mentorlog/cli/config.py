"""`mentorlog config`: your settings (config.toml): list, get, set, unset, edit."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from mentorlog.cli import options as opt
from mentorlog.cli.editor import edit_until_valid
from mentorlog.cli.output import Screen, present
from mentorlog.cli.state import State, state
from mentorlog.core import config as core
from mentorlog.core import drafts

app = typer.Typer(
    name="config",
    help="Your settings: your name, default role and cadence, editor, pager, dates, git.",
    no_args_is_help=True,
)


@app.callback()
def config_group(ctx: typer.Context, no_input: opt.NoInputOption = False) -> None:
    """Your settings: your name, default role and cadence, editor, pager, dates, git."""
    opt.pass_no_input(ctx, no_input)  # `mentorlog config --no-input ...`


KeyArg = Annotated[str, typer.Argument(metavar="KEY", help=f"A setting: {', '.join(core.KEYS)}.")]
ValueArg = Annotated[
    str, typer.Argument(metavar="VALUE", help="Its new value, e.g. Sam, mentee, true.")
]


def _value(value: str | bool | None) -> str:
    if value is None:
        return "(not set)"
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def _show(st: State, setting: core.Setting, json_output: bool) -> None:
    present(st.screen, setting, json_output, _show_value)


def _show_value(screen: Screen, setting: core.Setting) -> None:
    if setting.value is not None:
        screen.out.print(_value(setting.value), soft_wrap=True)


@app.command("list")
def list_settings(
    ctx: typer.Context,
    no_input: opt.NoInputOption = False,
    json_output: opt.JsonOption = False,
) -> None:
    """Show every setting, its value and what it is for."""
    st = state(ctx)
    present(st.screen, core.settings(st.core), json_output, _show_list)


def _show_list(screen: Screen, view: core.Settings) -> None:
    table = Table(box=None, pad_edge=False, header_style="bold")
    for column in ("setting", "value", "what it is for"):
        table.add_column(column, overflow="fold")
    for item in view.settings:
        value = Text(_value(item.value), style="" if item.set else "dim")
        table.add_row(item.key, value, Text(item.about, style="dim"))
    screen.out.print(table)
    screen.out.print(Text(f"Set in {view.file}; dimmed values are defaults.", style="dim"))


@app.command("get")
def get(
    ctx: typer.Context,
    key: KeyArg,
    no_input: opt.NoInputOption = False,
    json_output: opt.JsonOption = False,
) -> None:
    """Print one setting's value (nothing, and exit 0, when it is not set)."""
    st = state(ctx)
    _show(st, core.get(st.core, key), json_output)


@app.command("set")
def set_(
    ctx: typer.Context,
    key: KeyArg,
    value: ValueArg,
    no_input: opt.NoInputOption = False,
    json_output: opt.JsonOption = False,
) -> None:
    """Set one setting; the rest of config.toml, comments too, stays as it is."""
    st = state(ctx)
    _show(st, core.set_value(st.core, key, value), json_output)


@app.command("unset")
def unset(
    ctx: typer.Context,
    key: KeyArg,
    no_input: opt.NoInputOption = False,
    json_output: opt.JsonOption = False,
) -> None:
    """Remove one setting from config.toml, so it takes its default again."""
    st = state(ctx)
    _show(st, core.unset(st.core, key), json_output)


@app.command("edit")
def edit(
    ctx: typer.Context,
    no_input: opt.NoInputOption = False,
    kept_draft: opt.KeptDraftOption = None,
) -> None:
    """Open config.toml in your editor; it is saved only once it reads correctly."""
    st = state(ctx)
    saved = edit_until_valid(
        st,
        drafts.CONFIG_EDIT,
        core.text_to_edit(st.core),
        lambda text, draft: core.save_text(st.core, text, draft),
        kept_draft=kept_draft,
        no_input=no_input,
        what="config.toml",
    )
    st.err.print("Settings saved." if saved is not None else "Nothing changed.")
