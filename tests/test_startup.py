"""Start-up: what a command loads, and validators that do not walk text in Python.

Each command runs in a fresh interpreter (as `python -m mentorlog ...`, the way a shell
runs it) and the test reads back `sys.modules` as it exits: every module it loaded
(`-X importtime` would miss those loaded through `importlib.import_module`). `due --quiet`
runs at every shell prompt: it must load its own command and the core it uses, no more.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from mentorlog import __version__
from mentorlog.cli.commands import COMMANDS
from mentorlog.core import models
from tests.helpers import cli, fails, subcommands

ROOT = Path(__file__).resolve().parent.parent
LOADED = "\nmodules loaded: "
# `python -m mentorlog ARGS`, then, as the interpreter exits, every module it loaded.
PROBE = f"""
import atexit, runpy, sys
atexit.register(lambda: sys.__stderr__.write({LOADED!r} + " ".join(sorted(sys.modules))))
sys.argv = ["mentorlog", *sys.argv[1:]]
runpy.run_module("mentorlog", run_name="__main__", alter_sys=True)
"""
LIBRARIES = ("typer", "rich", "pydantic", "pydantic_core", "click")
# What `due --quiet` may load of the CLI: the entry, the app and its table, the state,
# the once-only notices, the options every command shares, and `due` itself.
DUE_CLI = {
    "",
    "entry",
    "app",
    "commands",
    "state",
    "signals",
    "notices",
    "options",
    "noinput",  # options re-exports pass_no_input: typer only
    "due",
    "plainhelp",
    "exclusive",
    "complete",
}
# Any command that succeeds also passes the git autocommit check at the boundary.
HOME_CLI = DUE_CLI - {"due"} | {"home", "autocommit"}
# Core modules of other commands (and the libraries only they need).
OTHER_SERVICES = [
    "agreement",
    "direction",
    "doctor",
    "goals",
    "health",
    "journey",
    "lifecycle",
    "markdown",
    "mergefile",
    "migrations",
    "network",
    "overview",
    "prep",
    "prompts",
    "recap",
    "reflect",
    "relationships",
    "restore",
    "seasons",
    "sync",
    "timeline",
    "tomledit",
    "trash",
    "git",
    "config",
]


def imported(*args: str) -> tuple[subprocess.CompletedProcess[str], set[str]]:
    """Run mentorlog in a fresh interpreter; what it printed, and every module it loaded."""
    run = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
        timeout=120,
        check=False,
    )
    said, _, loaded = run.stderr.partition(LOADED)
    return subprocess.CompletedProcess(run.args, run.returncode, run.stdout, said), set(
        loaded.split()
    )


def top_level(modules: set[str]) -> set[str]:
    return {name.split(".")[0] for name in modules}


def test_version_answers_before_the_app_is_imported() -> None:
    run, modules = imported("--version")
    assert (run.returncode, run.stdout) == (0, f"mentorlog {__version__}\n")
    assert not top_level(modules) & set(LIBRARIES), sorted(top_level(modules) & set(LIBRARIES))
    assert {m for m in modules if m.startswith("mentorlog")} == {
        "mentorlog",
        "mentorlog.cli",
        "mentorlog.cli.entry",
    }


def test_the_console_script_goes_through_the_entry() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert project["scripts"]["mentorlog"] == "mentorlog.cli.entry:main"


def test_version_with_more_arguments_is_the_apps_to_answer() -> None:
    run, modules = imported("--version", "list")
    assert (run.returncode, run.stdout) == (0, f"mentorlog {__version__}\n")
    assert "typer" in modules


def _cli_and_core(modules: set[str]) -> tuple[set[str], set[str]]:
    def under(prefix: str) -> set[str]:
        return {m.removeprefix(prefix).lstrip(".") for m in modules if m.startswith(prefix)}

    return under("mentorlog.cli"), under("mentorlog.core")


def test_due_quiet_loads_only_what_it_uses(healthy: Path) -> None:
    run, modules = imported("due", "--quiet")
    assert run.returncode == cli("due", "--quiet").exit_code  # it did run, and answered
    assert (run.stdout, run.stderr) == ("", "")
    cli_modules, core_modules = _cli_and_core(modules)
    assert "due" in cli_modules and cli_modules <= DUE_CLI, sorted(cli_modules - DUE_CLI)
    assert not core_modules & set(OTHER_SERVICES), sorted(core_modules & set(OTHER_SERVICES))
    for library in ("rich", "tomlkit", "filelock", "readline"):
        assert library not in top_level(modules), library


def test_due_without_quiet_does_load_rich(healthy: Path) -> None:
    """The probe sees what a command loads: the same command, printing, needs Rich."""
    _, modules = imported("due")
    assert "rich" in top_level(modules) and "mentorlog.cli.render" in modules


def test_a_command_loads_its_own_module_and_not_the_others() -> None:
    _, modules = imported("home")
    cli_modules, core_modules = _cli_and_core(modules)
    assert cli_modules <= HOME_CLI, sorted(cli_modules - HOME_CLI)
    assert not core_modules & set(OTHER_SERVICES), sorted(core_modules & set(OTHER_SERVICES))


def test_help_lists_every_command_without_loading_them() -> None:
    run, modules = imported("--help")
    assert run.returncode == 0
    assert all(name in run.stdout for name, entry in COMMANDS.items() if not entry.hidden)
    assert "merge-file" not in run.stdout
    cli_modules, core_modules = _cli_and_core(modules)
    assert cli_modules <= {
        "",
        "entry",
        "app",
        "commands",
        "signals",
        "state",
        "output",
        "plainhelp",
        "exclusive",
    }
    assert core_modules <= {"", "errors", "exitcodes", "dates"}, sorted(core_modules)
    assert "pydantic" not in top_level(modules)


@pytest.mark.parametrize("name", list(COMMANDS))
def test_the_tables_one_line_help_is_the_commands_own(name: str) -> None:
    """The listing is drawn from the table: it must say what the command itself says."""
    command = subcommands()[name]
    first_paragraph = " ".join((command.help or "").split("\n\n")[0].split())
    assert COMMANDS[name].summary == first_paragraph
    assert command.hidden == COMMANDS[name].hidden
    assert getattr(command, "rich_help_panel", None) == COMMANDS[name].panel


class NoLoops(str):
    """Text that fails the test if a validator walks it one character at a time."""

    def __iter__(self):  # type: ignore[no-untyped-def]
        raise AssertionError("a validator looped over the text in Python")


def test_the_text_validator_does_not_walk_each_character() -> None:
    text = NoLoops("We talked about the talk.\r\nThen about the paper.\n" * 50)
    assert models._newlines(text) == str(text).replace("\r\n", "\n")


@pytest.mark.parametrize("text", ["Bob\udcff", "\ud800", "fine, then \udfff at the end"])
def test_text_that_is_not_utf8_is_still_refused(text: str) -> None:
    with pytest.raises(ValueError, match="not UTF-8 text"):
        models._newlines(text)


def test_merge_markers_are_still_refused() -> None:
    with pytest.raises(ValueError, match="git merge conflict"):
        models._newlines("fine\r\n<<<<<<< HEAD\nours")


def test_a_mistyped_command_is_still_given_a_suggestion() -> None:
    """The suggestion comes from the whole table, not only the commands loaded so far."""
    run = fails("lst", code=2)
    assert "No such command 'lst'. Did you mean 'list'?" in run.stderr
