"""The root of the CLI: global options, command registry, and the one error boundary."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
from pydantic import ValidationError
from rich.text import Text
from typer.core import TyperGroup

from mentorlog import __version__
from mentorlog.cli import (
    actions,
    agreement,
    autocommit,
    direction,
    doctor,
    due,
    git,
    goal,
    health,
    journey,
    lifecycle,
    log,
    mergefile,
    migrate,
    network,
    prep,
    recap,
    reflect,
    relationship,
    search,
    seasons,
    signals,
    sync,
    trash,
)
from mentorlog.cli import options as opt
from mentorlog.cli.output import make_console
from mentorlog.cli.prompts import Interrupted, tell
from mentorlog.cli.state import State, fresh_state, state
from mentorlog.core.context import TODAY_ENV, Context, resolve_home
from mentorlog.core.dates import parse_date
from mentorlog.core.errors import InvalidInput, MentorlogError
from mentorlog.core.txn import AlreadyRecorded
from mentorlog.core.visible import visible

DEBUG_ENV = "MENTORLOG_DEBUG"


def _say(text: str | Text) -> None:
    tell(make_console(stderr=True), text)  # after a hang-up there is no terminal: fine


def _say_error(message: str) -> None:
    _say(Text.assemble(("error: ", "bold red"), message))


# Commands that run on a home in any format (v1 included): the ones that upgrade, check
# or sync it, and print where it is. Every other command on a v1 home says to migrate.
RUN_ON_ANY_FORMAT = frozenset({"migrate", "doctor", "home", "init", "sync", "git", "merge-file"})
ASKS_HELP = "mentorlog.asks_help"


class MentorlogGroup(TyperGroup):
    """Runs the app and turns every failure into one line on stderr and an exit code."""

    def invoke(self, ctx: typer.Context) -> Any:  # type: ignore[override]
        # The root callback runs before a command reads its own --help: note it here.
        ctx.meta[ASKS_HELP] = any(arg in ("--help", "-h") for arg in ctx.args)
        result = super().invoke(ctx)
        if isinstance(ctx.obj, State):  # a command ran and succeeded
            autocommit.commit_after(ctx.obj)
        return result

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        with signals.watching():  # a hang-up or SIGTERM stops a walk like Ctrl-C
            code = signals.exit_code(self._run(args, prog_name, complete_var, **extra))
            signals.let_go_of_terminal()
        if standalone_mode:
            sys.exit(code)
        return code

    def _run(
        self,
        args: Sequence[str] | None,
        prog_name: str | None,
        complete_var: str | None,
        **extra: Any,
    ) -> int:
        debug = os.environ.get(DEBUG_ENV, "") not in ("", "0")
        code = 0
        try:
            result = super().main(
                args=args,
                prog_name=prog_name or "mentorlog",
                complete_var=complete_var,
                standalone_mode=False,
                **extra,
            )
            code = result if isinstance(result, int) else 0
            if code == 130:  # Typer turns a Ctrl-C outside our prompts into exit 130
                _say("\nStopped.")
        except AlreadyRecorded as retry:  # the same command again: nothing more to do
            _say(f"already recorded: {retry.message}")
            if "--json" in (sys.argv[1:] if args is None else args):  # scripts read stdout
                print(json.dumps({"already_recorded": True, "message": retry.message}))
            code = 0
        except MentorlogError as problem:
            if debug:
                raise
            _say_error(str(problem))
            code = problem.exit_code
        except typer.TyperException as problem:  # usage errors from the parser
            if debug:
                raise
            message = problem.format_message().strip()
            command = getattr(getattr(problem, "ctx", None), "command_path", None)
            if message:  # empty when help was shown because no arguments were given
                if command:
                    message += f" (see '{command} --help')"
                _say_error(message)
            code = int(getattr(problem, "exit_code", 2))
        except (Interrupted, KeyboardInterrupt):
            _say("\nStopped.")
            code = 130
        except typer.Abort:
            _say("Stopped.")
            code = 1
        except OSError as problem:
            if debug:
                raise
            where = f": {problem.filename}" if problem.filename else ""
            _say_error(f"{problem.strerror or problem}{where}")
            code = 1
        except ValidationError as problem:  # user input that a model refused
            if debug:
                raise
            first = problem.errors()[0]
            field = ".".join(str(part) for part in first["loc"]) or "input"
            _say_error(f"invalid {field}: {str(first['msg']).removeprefix('Value error, ')}")
            code = 1
        except Exception as problem:  # a bug: still one line, with the way to learn more
            if debug:
                raise
            _say_error(
                f"internal error ({type(problem).__name__}: {problem}); "
                f"run again with {DEBUG_ENV}=1 to see where"
            )
            code = 1
        return code


app = typer.Typer(
    cls=MentorlogGroup,
    name="mentorlog",
    help="A private, plain-text journal for your mentoring relationships.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"mentorlog {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    home: Annotated[
        Path | None,
        typer.Option(
            "--home",
            help="Use this folder for your data (beats $MENTORLOG_HOME).",
            show_default=False,
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option(
            "--version", metavar="", callback=_version, is_eager=True, help="Show the version."
        ),
    ] = False,
) -> None:
    """A private, plain-text journal for your mentoring relationships.

    Start with `mentorlog new-relationship`. Your data stays in plain TOML and
    Markdown files on this machine (see `mentorlog home`).
    """
    if ctx.invoked_subcommand in UNROOTED:
        return  # run by git inside a repository; needs no home
    today_text = os.environ.get(TODAY_ENV)
    today = parse_date(today_text, date.today(), TODAY_ENV) if today_text else date.today()
    chosen = resolve_home(home)
    if chosen.exists() and not chosen.is_dir():
        raise InvalidInput(f"{chosen} is not a folder", "point --home or $MENTORLOG_HOME at one")
    ctx.obj = fresh_state(Context(home=chosen, today=today))
    for line in ctx.obj.core.store.recover():  # a command that crashed: finish or undo it
        _say(line)
    if ctx.invoked_subcommand not in RUN_ON_ANY_FORMAT and not ctx.meta.get(ASKS_HELP):
        ctx.obj.core.store.require_current()  # a v1 home: `mentorlog migrate` first
    if ctx.invoked_subcommand != "doctor":
        doctor.warn_if_open(ctx.obj)
        if ctx.invoked_subcommand not in ("init", "sync", "git"):
            doctor.warn_if_no_driver(ctx.obj)


UNROOTED = ("merge-file",)

# The help screen groups commands by the moment you reach for them.
START = "Start and set direction"
SESSION = "Around every session"
SEASONS = "Seasons of a relationship"
LOOK = "Reflect and look back"

COMMANDS: dict[str, dict[str, Callable[..., None]]] = {
    START: {
        "new-relationship": relationship.new_relationship,
        "list": relationship.list_relationships,
        "show": relationship.show,
        "edit": relationship.edit,
        "rapport": relationship.rapport,
        "direction": direction.direction,
        "agreement": agreement.agreement,
    },
    SESSION: {
        "prep": prep.prep,
        "recap": recap.recap,
        "actions": actions.actions,
        "done": actions.done,
        "renegotiate": actions.renegotiate,
        "due": due.due,
        "log": log.log,
    },
    SEASONS: {"pause": lifecycle.pause, "resume": lifecycle.resume, "close": lifecycle.close},
    LOOK: {
        "reflect": reflect.reflect,
        "journal": reflect.journal,
        "read": reflect.read,
        "checkin": health.checkin,
        "health": health.health,
        "seasons": seasons.seasons,
        "search": search.search,
        "reindex": search.reindex,
    },
}
for panel, commands in COMMANDS.items():
    for name, command in commands.items():
        app.command(name, rich_help_panel=panel)(command)
app.add_typer(goal.app, name="goal", rich_help_panel=START)
app.add_typer(network.app, name="network", rich_help_panel=LOOK)
app.add_typer(journey.app, name="journey", rich_help_panel=LOOK)


for name, command in (("delete", trash.delete), ("trash", trash.trash), ("restore", trash.restore)):
    app.command(name, rich_help_panel="Your data")(command)


@app.command("home", rich_help_panel="Your data")
def home_command(ctx: typer.Context, no_input: opt.NoInputOption = False) -> None:
    """Print the folder where mentorlog keeps your data."""
    home = str(state(ctx).core.home)
    # Exact for `cd "$(mentorlog home)"`; a terminal sees any control character, not obeys it.
    typer.echo(visible(home) if sys.stdout.isatty() else home)


app.command("doctor", rich_help_panel="Your data")(doctor.doctor)
app.command("merge-file", hidden=True)(mergefile.merge_file)
app.command("init", rich_help_panel="Your data")(git.init)
app.command("sync", rich_help_panel="Your data")(sync.sync)
app.command("git", rich_help_panel="Your data", context_settings=git.PASS_THROUGH)(git.git)
app.command("migrate", rich_help_panel="Your data")(migrate.migrate)


def main() -> None:
    app()
