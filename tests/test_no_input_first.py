"""`mentorlog --no-input COMMAND ...`: the flag before the command, as an alias puts it
(`alias ml='mentorlog --no-input'`), means the same as after it, for every command."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import fails, new, ok
from tests.pty import finish, spawn


def test_no_input_before_the_command_is_accepted() -> None:
    new("Ada Lovelace")
    ok("--no-input", "list")
    ok("--no-input", "goal", "add", "ada-lovelace", "Publish a paper")
    assert ok("--no-input", "goal", "list", "--json").json()[0]["title"] == "Publish a paper"
    ok("--no-input", "network")
    ok("--no-input", "--home", ".", "--help")
    run = fails("--no-input", "close", "ada-lovelace", code=2)
    assert "--keep-open" in run.stderr


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("rapport", "ada-lovelace"), "nothing to record"),
        (("goal", "add", "ada-lovelace"), "missing the goal"),
        (("checkin", "ada-lovelace"), "no ratings"),
    ],
    ids=lambda value: " ".join(value) if isinstance(value, tuple) else "",
)
def test_no_input_before_the_command_never_asks_at_a_terminal(
    home: Path, args: tuple[str, ...], said: str
) -> None:
    new("Ada Lovelace")
    child = spawn(home, "--no-input", *args)
    child.timeout = 60
    child.expect_exact(f"error: {said}")
    asked = child.before
    assert finish(child) == 2
    assert "?" not in asked, asked
