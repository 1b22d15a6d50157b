"""Every command is documented: it has help text and the README names it."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer

from mentorlog.cli.app import app
from tests.helpers import ok

ROOT = Path(__file__).resolve().parent.parent
COMMANDS = sorted(typer.main.get_command(app).commands)  # type: ignore[attr-defined]


def test_there_are_commands() -> None:
    assert {"new-relationship", "list", "show", "edit", "rapport", "home"} <= set(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
def test_command_has_help_and_is_in_the_readme(command: str) -> None:
    run = ok(command, "--help")
    assert "Usage" in run.stdout
    spec = typer.main.get_command(app).commands[command]  # type: ignore[attr-defined]
    assert spec.help, f"{command} has no help text"
    assert f"mentorlog {command}" in (ROOT / "README.md").read_text()


GROUPS = {
    name: sorted(command.commands)
    for name, command in typer.main.get_command(app).commands.items()  # type: ignore[attr-defined]
    if hasattr(command, "commands")
}


@pytest.mark.parametrize(("group", "subcommands"), sorted(GROUPS.items()))
def test_subcommands_have_help_and_are_in_the_readme(group: str, subcommands: list[str]) -> None:
    readme = (ROOT / "README.md").read_text()
    for sub in subcommands:
        assert "Usage" in ok(group, sub, "--help").stdout
        assert f"mentorlog {group}" in readme and sub in readme, (group, sub)


def test_changelog_has_an_unreleased_section() -> None:
    assert "## [Unreleased]" in (ROOT / "CHANGELOG.md").read_text()
