"""The root of the CLI: global options, command registry, and the one error boundary."""

from __future__ import annotations

import difflib
import importlib
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer._click.exceptions import UsageError
from typer.core import TyperCommand, TyperGroup
from typer.models import CommandInfo, TyperInfo

from mentorlog import __version__
from mentorlog.cli import signals
from mentorlog.cli.commands import COMMANDS, Lazy
from mentorlog.cli.plainhelp import PlainCommand, PlainGroup, plain
from mentorlog.cli.signals import Interrupted
from mentorlog.cli.state import DATE_FORMAT, State, fresh_state
from mentorlog.core.errors import AlreadyRecorded, ExitCode, InvalidInput, MentorlogError

if TYPE_CHECKING:
    from pydantic import ValidationError
    from rich.text import Text

DEBUG_ENV = "MENTORLOG_DEBUG"


def _say(text: str | Text) -> None:
    from mentorlog.cli.output import make_console
    from mentorlog.cli.prompts import tell

    tell(make_console(stderr=True), text)  # after a hang-up there is no terminal: fine


def _validation_error() -> type[ValidationError]:
    """Pydantic's error class, loaded only when an error is being matched against it."""
    from pydantic import ValidationError

    return ValidationError


def _in_our_words(problem: Exception) -> str | None:
    """A parser error reworded ("--role must be mentor, mentee or peer (got 'boss')")."""
    from mentorlog.cli.errortext import usage_message

    return usage_message(problem)


def _say_error(message: str) -> None:
    from rich.text import Text

    _say(Text.assemble(("error: ", "bold red"), message))


# Commands that run on a home in any format (v1 included): the ones that upgrade, check
# or sync it, and print where it is. Every other command on a v1 home says to migrate.
RUN_ON_ANY_FORMAT = frozenset({"migrate", "doctor", "home", "init", "sync", "git", "merge-file"})
ASKS_HELP = "mentorlog.asks_help"


class MentorlogGroup(TyperGroup):
    """Runs the app and turns every failure into one line on stderr and an exit code.

    Commands load lazily from the table in cli/commands.py: a command's module is imported
    only when it runs, and the top-level help lists them from the table alone.
    """

    listing = False  # while the top-level help is drawn: summaries, not imports

    def get_params(self, ctx: typer.Context) -> list[Any]:  # type: ignore[override]
        return plain(super().get_params(ctx))  # help that shows what to type (plainhelp.py)

    def list_commands(self, ctx: typer.Context) -> list[str]:  # type: ignore[override]
        return [*COMMANDS, *(name for name in self.commands if name not in COMMANDS)]

    def get_command(self, ctx: typer.Context, cmd_name: str) -> Any:  # type: ignore[override]
        entry = COMMANDS.get(cmd_name)
        if entry is None or cmd_name in self.commands:
            return self.commands.get(cmd_name)
        if self.listing:
            return TyperCommand(
                cmd_name, help=entry.summary, rich_help_panel=entry.panel, hidden=entry.hidden
            )
        self.commands[cmd_name] = _load(cmd_name, entry, self)
        return self.commands[cmd_name]

    def resolve_command(  # type: ignore[override]
        self, ctx: typer.Context, args: list[str]
    ) -> tuple[str | None, Any, list[str]]:
        """As Typer does, with its "Did you mean" drawn from the table, loaded or not."""
        try:
            return super().resolve_command(ctx, args)
        except UsageError as problem:
            close = difflib.get_close_matches(args[0], self.list_commands(ctx)) if args else []
            if close and "Did you mean" not in problem.message:
                named = ", ".join(repr(name) for name in close)
                problem.message = f"{problem.message.rstrip('.')}. Did you mean {named}?"
            raise

    def format_help(self, ctx: typer.Context, formatter: Any) -> None:  # type: ignore[override]
        self.listing = True
        try:
            super().format_help(ctx, formatter)
        finally:
            self.listing = False

    def shell_complete(self, ctx: typer.Context, incomplete: str) -> list[Any]:  # type: ignore[override]
        """Command names for a Tab, with their one-line help from the table: none imported."""
        self.listing = True
        try:
            return super().shell_complete(ctx, incomplete)
        finally:
            self.listing = False

    def invoke(self, ctx: typer.Context) -> Any:  # type: ignore[override]
        # The root callback runs before a command reads its own --help: note it here.
        ctx.meta[ASKS_HELP] = any(arg in ("--help", "-h") for arg in ctx.args)
        try:
            result = super().invoke(ctx)
            if isinstance(ctx.obj, State):  # a command ran and succeeded
                from mentorlog.cli import autocommit

                autocommit.commit_after(ctx.obj)
        finally:
            if isinstance(ctx.obj, State):  # what it read is kept in the parsed-file cache
                ctx.obj.core.store.close()
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
        words = list(sys.argv[1:] if args is None else args)
        try:
            result = super().main(
                args=words,
                prog_name=prog_name or "mentorlog",
                complete_var=complete_var,
                standalone_mode=False,
                **extra,
            )
        except Exception as problem:
            if os.environ.get(DEBUG_ENV, "") not in ("", "0") and _is_bug_or_error(problem):
                raise
            return _report(_failure(problem), _wants_json(words))
        except KeyboardInterrupt:
            return _report(_failure(Interrupted()), _wants_json(words))
        code = result if isinstance(result, int) else ExitCode.OK
        if code == ExitCode.INTERRUPTED:  # Typer's exit for a Ctrl-C outside our prompts
            _say("\nStopped.")
        return code


@dataclass(frozen=True)
class Failure:
    """How a command ended when it did not end well: what stderr and `--json` say."""

    exit_code: int
    code: str
    message: str = ""
    hint: str | None = None
    said: str | None = None  # said on stderr instead of "error: <message> (<hint>)"


def _failure(problem: BaseException) -> Failure:
    """The one place a problem becomes a message, a stable code and an exit code."""
    if isinstance(problem, AlreadyRecorded):  # the same command again: nothing more to do
        said = f"already recorded: {problem.message}"
        return Failure(ExitCode.OK, problem.code, problem.message, None, said)
    if isinstance(problem, MentorlogError):
        return Failure(problem.exit_code, problem.code, problem.message, problem.hint)
    if isinstance(problem, typer.TyperException):  # usage errors from the parser
        return _usage_failure(problem)
    if isinstance(problem, Interrupted | KeyboardInterrupt):
        return Failure(ExitCode.INTERRUPTED, "interrupted", "stopped", None, "\nStopped.")
    if isinstance(problem, typer.Abort):
        return Failure(ExitCode.FAILURE, "stopped", "stopped", None, "Stopped.")
    if isinstance(problem, OSError):
        where = f": {problem.filename}" if problem.filename else ""
        return Failure(ExitCode.FAILURE, "os_error", f"{problem.strerror or problem}{where}")
    if isinstance(problem, _validation_error()):  # user input that a model refused
        from mentorlog.cli.errortext import validation_message

        return Failure(ExitCode.USAGE, "invalid_input", validation_message(problem))
    return Failure(  # a bug: still one line, with the way to learn more
        ExitCode.FAILURE,
        "internal",
        f"internal error ({type(problem).__name__}: {problem})",
        f"run again with {DEBUG_ENV}=1 to see where",
    )


def _usage_failure(problem: typer.TyperException) -> Failure:
    message = _in_our_words(problem) or problem.format_message().strip()
    command = getattr(getattr(problem, "ctx", None), "command_path", None)
    code = int(getattr(problem, "exit_code", ExitCode.USAGE))
    if not message:  # help was shown because no arguments were given
        return Failure(code, "usage", said="")
    return Failure(code, "usage", message, f"see '{command} --help'" if command else None)


def _is_bug_or_error(problem: BaseException) -> bool:
    """Under MENTORLOG_DEBUG a traceback is shown for these; a retry or a Ctrl-C is not one."""
    return not isinstance(problem, AlreadyRecorded | Interrupted | typer.Abort)


def _report(failure: Failure, as_json: bool) -> int:
    """Say how it ended: one line on stderr and, under `--json`, the same on stdout."""
    if failure.said is None:
        hint = f" ({failure.hint})" if failure.hint else ""
        _say_error(failure.message + hint)
    elif failure.said:
        _say(failure.said)
    if as_json and failure.exit_code == ExitCode.OK:  # scripts read stdout
        from mentorlog.cli.output import Retry, emit_json

        emit_json(Retry(message=failure.message))
    elif as_json and failure.message:
        from mentorlog.cli.output import emit_json_error

        emit_json_error(failure.code, failure.message, failure.hint)
    return failure.exit_code


def _wants_json(words: list[str]) -> bool:
    return "--json" in (words[: words.index("--")] if "--" in words else words)


app = typer.Typer(
    cls=MentorlogGroup,
    name="mentorlog",
    help="A private, plain-text journal for your mentoring relationships.",
    no_args_is_help=True,
    add_completion=True,
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
            metavar="FOLDER",
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
    no_input: Annotated[
        bool,
        typer.Option(
            "--no-input",
            metavar="",
            help="Never prompt, in the command that follows (as its own --no-input).",
        ),
    ] = False,
) -> None:
    """A private, plain-text journal for your mentoring relationships.

    Start with `mentorlog new-relationship`. Your data stays in plain TOML and
    Markdown files on this machine (see `mentorlog home`).
    """
    if no_input:  # `alias ml='mentorlog --no-input'`
        from mentorlog.cli.noinput import pass_no_input

        pass_no_input(ctx, no_input)
    if ctx.invoked_subcommand in UNROOTED:
        return  # help, or run by git inside a repository: needs no home
    # The core loads from here on: `mentorlog --help` is answered before, without it.
    from mentorlog.cli import notices
    from mentorlog.core.context import TODAY_ENV, Context, resolve_home
    from mentorlog.core.dates import Prefer, parse_date

    today_text = os.environ.get(TODAY_ENV)
    today = (
        parse_date(today_text, date.today(), Prefer.past, TODAY_ENV) if today_text else date.today()
    )
    chosen = resolve_home(home)
    if chosen.exists() and not chosen.is_dir():
        raise InvalidInput(f"{chosen} is not a folder", "point --home or $MENTORLOG_HOME at one")
    ctx.obj = fresh_state(Context(home=chosen, today=today))
    for line in ctx.obj.core.store.recover():  # a command that crashed: finish or undo it
        _say(line)
    if ctx.invoked_subcommand not in RUN_ON_ANY_FORMAT and not ctx.meta.get(ASKS_HELP):
        ctx.obj.core.store.require_current()  # a v1 home: `mentorlog migrate` first
    _settings(ctx)
    if ctx.invoked_subcommand != "doctor":
        notices.warn_if_open(ctx.obj)
        if ctx.invoked_subcommand not in ("init", "sync", "git"):
            notices.warn_if_no_driver(ctx.obj)


UNROOTED = ("merge-file", "help")
# Commands that run whatever config.toml holds (`config edit` and `doctor` are how a
# broken one is found and fixed); every other command refuses a broken one up front.
SETTINGS_FREE = ("config", "doctor", "home", "git", "migrate")


def _settings(ctx: typer.Context) -> None:
    """Read config.toml once, if there is one: a broken one is named before anything runs,
    and `date_format` is what the human views use."""
    st = ctx.obj
    DATE_FORMAT.set("iso")
    if ctx.invoked_subcommand in SETTINGS_FREE or ctx.meta.get(ASKS_HELP):
        return
    if st.core.store.present(st.core.store.config_file):
        DATE_FORMAT.set(st.settings.date_format)


def _load(name: str, entry: Lazy, group: TyperGroup) -> Any:
    """Import one command's module and build its click command, as `app.command` would."""
    module_name, attribute = entry.target.split(":")
    module = importlib.import_module(f"mentorlog.cli.{module_name}")
    target = getattr(module, attribute)
    if isinstance(target, typer.Typer):  # a group of subcommands, as `app.add_typer` adds it
        for command in target.registered_commands:
            if command.cls in (None, TyperCommand):
                command.cls = PlainCommand
        return typer.main.get_group_from_info(
            TyperInfo(target, name=name, rich_help_panel=entry.panel, cls=PlainGroup),
            pretty_exceptions_short=app.pretty_exceptions_short,
            suggest_commands=app.suggest_commands,
            rich_markup_mode=group.rich_markup_mode,
        )
    settings = getattr(module, entry.settings) if entry.settings else None
    info = CommandInfo(
        name=name,
        callback=target,
        rich_help_panel=entry.panel,
        hidden=entry.hidden,
        context_settings=settings,
        cls=PlainCommand,
    )
    return typer.main.get_command_from_info(
        info,
        pretty_exceptions_short=app.pretty_exceptions_short,
        rich_markup_mode=group.rich_markup_mode,
    )


def main() -> None:
    app()
