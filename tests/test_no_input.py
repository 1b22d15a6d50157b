"""Every command and subcommand takes --no-input, so a script can pass it to any of them."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
import typer

from mentorlog.cli.app import app
from tests.helpers import cli, fails, new, ok, subcommands
from tests.pty import finish, spawn


def _commands(command: Any, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every command that runs: each leaf, and each group that does something on its own."""
    if not hasattr(command, "commands"):
        return [path]
    runs_alone = bool(path) and getattr(command, "invoke_without_command", False)
    return [path] * runs_alone + [
        found
        for name, sub in sorted(subcommands(command).items())
        for found in _commands(sub, (*path, name))
    ]


COMMANDS = _commands(typer.main.get_command(app))


def test_the_walk_finds_commands_and_subcommands() -> None:
    expected = {("edit",), ("agreement",), ("goal", "update"), ("home",), ("network",)}
    assert expected <= set(COMMANDS)


@pytest.mark.parametrize("path", COMMANDS, ids=" ".join)
def test_every_command_takes_no_input(path: tuple[str, ...]) -> None:
    assert "--no-input" in ok(*path, "--no-input", "--help").stdout
    run = cli(*path, "--no-input")  # missing arguments may fail, the option may not
    assert "No such option" not in run.stderr + run.stdout, run.stderr
    assert "Traceback" not in run.stderr + run.stdout


def test_edit_with_no_input_opens_no_editor(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened = tmp_path / "opened"
    monkeypatch.setenv("EDITOR", f"touch {opened}")
    new("Ada")
    run = fails("edit", "ada", "--no-input", code=2)
    assert "nothing to change" in run.stderr and "--purpose" in run.stderr
    assert not opened.exists()
    ok("edit", "ada", "--channel", "Zoom", "--no-input")  # with options it needs no editor


def test_agreement_edit_with_no_input_never_asks(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At a terminal too: a kept draft behind the agreement is an error, not a question."""
    script = tmp_path / "editor.py"
    script.write_text(
        "import sys, pathlib\n"
        "p = pathlib.Path(sys.argv[1])\n"
        "p.write_text(p.read_text() + 'Kept words.\\n')\n"
        "sys.exit(1)\n"
    )
    monkeypatch.setenv("EDITOR", f"{sys.executable} {script}")
    new("Ada")
    assert "kept" in fails("agreement", "ada", "--edit", "--no-input").stderr
    ok("goal", "add", "ada", "Publish", "--no-input")  # the agreement changes meanwhile
    child = spawn(home, "agreement", "ada", "--edit", "--no-input")
    child.expect_exact("--kept-draft")
    assert finish(child) == 2
    assert "What now?" not in child.before
