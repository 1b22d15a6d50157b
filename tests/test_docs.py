"""Every command is documented: it has help text and the README names it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import ok, subcommands

ROOT = Path(__file__).resolve().parent.parent
COMMANDS = sorted(
    name
    for name, command in subcommands().items()
    if not command.hidden  # `merge-file` is run by git, not by people
)


def test_there_are_commands() -> None:
    assert {"new-relationship", "list", "show", "edit", "rapport", "home"} <= set(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
def test_command_has_help_and_is_in_the_readme(command: str) -> None:
    run = ok(command, "--help")
    assert "Usage" in run.stdout
    spec = subcommands()[command]
    assert spec.help, f"{command} has no help text"
    assert f"mentorlog {command}" in (ROOT / "README.md").read_text()


GROUPS = {
    name: sorted(subcommands(command))
    for name, command in subcommands().items()
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


def _named_tests(text: str) -> list[tuple[str, str]]:
    """(file, test) for every `file.py::test` and following `::test` in RELIABILITY.md."""
    import re

    found: list[tuple[str, str]] = []
    for line in text.splitlines():
        current = ""
        for ref in re.findall(r"`([^`]+)`", line):
            match = re.fullmatch(r"(?:(test_\w+\.py))?(?:::(\w+\*?))?(?:\[.*\])?", ref)
            if not match or not (match.group(1) or match.group(2)):
                continue
            current = match.group(1) or current
            if match.group(2):
                found.append((current, match.group(2)))
    return found


def test_reliability_names_only_tests_that_exist() -> None:
    named = _named_tests((ROOT / "docs" / "RELIABILITY.md").read_text())
    assert len(named) > 30
    for file, test in named:
        source = (ROOT / "tests" / file).read_text()
        pattern = f"def {test.rstrip('*')}" + ("" if test.endswith("*") else "(")
        assert pattern in source, f"RELIABILITY.md names {file}::{test}, which does not exist"
