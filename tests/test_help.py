"""Help that reads as written by a person, errors in our own words, and a `help` command."""

from __future__ import annotations

from pathlib import Path
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
        (["close", "ada", "--keep-open", "--drop-open"], ("--keep-open", "--drop-open")),
        (["renegotiate", "a7f", "--drop", "--text", "new"], ("--drop", "--text")),
        (["renegotiate", "a7f", "--due=friday", "--drop"], ("--drop", "--due")),
        (["agreement", "ada", "--edit", "-o", "x.md"], ("--edit", "--output")),
        (["reflect", "--list-sets", "--suggest"], ("--list-sets", "--suggest")),
        (["reflect", "ada", "--answer", "x", "--edit"], ("--answer", "--edit")),
        (["init", "--git", "--from", "x"], ("--git", "--from")),
        (["due", "-q", "--json"], ("--quiet", "--json")),
        (["prep", "ada", "--markdown", "--json"], ("--markdown", "--json")),
        (["network", "--markdown", "--json"], ("--markdown", "--json")),
    ],
)
def test_options_that_clash_are_refused(command: list[str], both: tuple[str, str]) -> None:
    new("Ada")
    run = fails(*command, code=2)
    assert f"{both[0]} and {both[1]} cannot be used together" in run.stderr


def test_options_that_fit_together_still_work(tmp_path: Path) -> None:
    new("Ada")
    ok("actions", "--partner")
    ok("actions", "--all", "--mine")
    ok("reflect", "--list-sets", "--json")
    ok("agreement", "ada", "--markdown", "-o", str(tmp_path / "agreement.md"))


# Each bad input, and the words the error must use: ours, never the parser's.
BAD_INPUTS = [
    (["new-relationship", "Bo", "--role", "boss", "--no-input"],
     "--role must be mentor, mentee or peer (got 'boss')"),
    (["renegotiate", "a7f", "--owner", "boss"], "--owner must be me, partner or both (got 'boss')"),
    (["delete", "thing", "x"], "KIND must be relationship, recap, checkin, reflection, goal,"),
    (["read", "x", "--kind", "bad"], "--kind must be recap, reflection, checkin, goal or"),
    (["search", "x", "--kind", "bad"], "--kind must be recap, reflection, goal,"),
    (["goal", "update", "g1", "--progress", "150"],
     "--progress must be a number from 0 to 100 (got '150')"),
    (["goal", "update", "g1", "--progress", "abc"], "--progress must be a whole number"),
    (["recap", "ada", "--minutes", "0", "--no-input"],
     "--minutes must be a number from 1 to 1440 (got '0')"),
    (["search", "x", "--limit", "0"], "--limit must be at least 1 (got '0')"),
    (["search", "x", "--limit", "many"], "--limit must be a whole number (got 'many')"),
    (["trash", "--older-than", "-1"], "--older-than must be at least 0 (got '-1')"),
    (["agreement", "ada", "--kept-draft", "keep"], "--kept-draft must be merge, use or set-aside"),
    (["show"], "missing SLUG: the relationship's slug"),
    (["network", "want"], "missing AREA: areas, e.g. 'writing'"),
    (["due", "--within", "3"], "there is no --within option here"),
    (["recaps", "--sinse", "2026-01-01"], "there is no --sinse option here (did you mean"),
    (["recaps", "ada", "extra"], "too many arguments: extra"),
    (["edit", "ada", "--role"], "--role needs a value"),
    (["goal", "update", "g1", "--progress", "1.5"], "--progress must be a whole number"),
]  # fmt: skip
LIBRARY_WORDS = ["Value error", "Input should", "Invalid value for", "pydantic", "Missing arg",
                 "No such option", "Got unexpected", "requires an"]  # fmt: skip


@pytest.mark.parametrize(
    ("command", "said"), BAD_INPUTS, ids=[" ".join(c)[:40] for c, _ in BAD_INPUTS]
)
def test_bad_input_is_one_line_in_our_own_words(command: list[str], said: str) -> None:
    new("Ada")
    run = fails(*command, code=2)
    assert said in run.stderr
    leaked = [words for words in LIBRARY_WORDS if words in run.stderr]
    assert not leaked, run.stderr


def test_a_model_that_refuses_input_is_said_plainly() -> None:
    from pydantic import BaseModel, ValidationError

    from mentorlog.cli.errortext import validation_message

    class Meeting(BaseModel):
        minutes: int

    with pytest.raises(ValidationError) as refused:
        Meeting(minutes="lots")
    assert validation_message(refused.value) == "minutes must be a whole number (got 'lots')"


@pytest.mark.parametrize("words", [[], ["recap"], ["goal"], ["goal", "update"], ["help"]])
def test_help_command_shows_the_same_screen_as_dash_dash_help(words: list[str]) -> None:
    shown = ok("help", *words).stdout
    assert shown == ok(*words, "--help").stdout


def test_help_is_not_health() -> None:
    assert "Did you mean" not in cli("help").stderr
    assert "Did you mean 'help'" in fails("help", "helth", code=2).stderr
    assert "Did you mean 'update'" in fails("help", "goal", "updat", code=2).stderr


def test_help_needs_no_home(home: Path) -> None:
    ok("help", "recap")
    assert not home.exists()


@pytest.mark.parametrize(
    "command",
    [
        ["new-relationship", "Bo", "--role", "Mentor", "--no-input"],
        ["actions", "--json"],
        ["read", "nothing", "--kind", "Recap"],
        ["search", "word", "--kind", "RECAP"],
        ["renegotiate", "zzz", "--owner", "Partner"],
        ["journal", "--set", "LISTENING"],
        ["reflect", "ada", "--set", "Listening", "--answer", "Fine.", "--no-input"],
    ],
)
def test_choices_take_any_case(command: list[str]) -> None:
    new("Ada")
    run = cli(*command)
    assert "must be" not in run.stderr, run.stderr


@pytest.mark.parametrize("command", ["rapport", "direction"])
def test_nothing_to_record_without_a_terminal_is_a_missing_value(command: str) -> None:
    new("Ada")
    run = fails(command, "ada", "--no-input", code=2)
    assert "nothing to record" in run.stderr and "--" in run.stderr
