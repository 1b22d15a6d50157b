"""Help that reads as written by a person, errors in our own words, and a `help` command."""

from __future__ import annotations

from typing import Any

import pytest
import typer

from mentorlog.cli.app import app
from tests.helpers import cli, fails, new, ok, subcommands


def _every_command(command: Any, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """The root, every command and every subcommand, as the words that name it."""
    found = [path]
    if hasattr(command, "commands"):
        for name, sub in sorted(subcommands(command).items()):
            found += _every_command(sub, (*path, name))
    return found


EVERY = _every_command(typer.main.get_command(app))
TYPE_NAMES = ["<bool>", "<str>", "<int>", "<list[str]>", "INTEGER", "TEXT", "{SLUG}", "<=x"]


def test_the_walk_reaches_subcommands() -> None:
    assert {(), ("goal", "update"), ("network", "want"), ("journey", "add")} <= set(EVERY)


@pytest.mark.parametrize("path", EVERY, ids=lambda path: " ".join(path) or "mentorlog")
def test_help_shows_what_to_type_never_a_type_name(path: tuple[str, ...]) -> None:
    shown = ok(*path, "--help").stdout
    leaked = [name for name in TYPE_NAMES if name in shown]
    assert not leaked, f"{leaked} in:\n{shown}"
    assert "{" not in shown.split("\n\n")[0] + shown.partition("Usage:")[2].split("\n")[0]


def _params(path: tuple[str, ...]) -> list[Any]:
    command = typer.main.get_command(app)
    for name in path:
        command = subcommands(command)[name]
    return [param for param in command.params if not getattr(param, "hidden", False)]


@pytest.mark.parametrize("path", EVERY, ids=lambda path: " ".join(path) or "mentorlog")
def test_every_option_and_argument_has_help(path: tuple[str, ...]) -> None:
    bare = [param.name for param in _params(path) if not (param.help or "").strip()]
    assert not bare, f"{' '.join(path)}: {bare} have no help text"


def test_a_range_is_said_by_the_metavar() -> None:
    shown = ok("goal", "update", "--help").stdout
    assert "--progress" in shown and "0-100" in shown and "0<=x" not in shown


@pytest.mark.parametrize(
    ("command", "both"),
    [
        (["actions", "--mine", "--partner"], ("--mine", "--partner")),
        (["actions", "--all", "--open"], ("--all", "--open")),
        (["sync", "--merge", "--rebase"], ("--merge", "--rebase")),
    ],
)
def test_both_halves_of_a_flag_pair_are_refused(command: list[str], both: tuple[str, str]) -> None:
    run = fails(*command, code=2)
    assert f"{both[0]} and {both[1]} cannot be used together" in run.stderr


def test_one_half_of_a_flag_pair_still_works() -> None:
    new("Ada")
    ok("actions", "--partner")
    ok("actions", "--all", "--mine")
