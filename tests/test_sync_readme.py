"""The README's "Sync between machines" section, followed literally by two machines."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from tests.gitfix import Machines, bare, conflict_markers, git
from tests.helpers import new

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_URL = "git@example.com:me/journal.git"


def _section() -> str:
    """The section in README.md."""
    text = (ROOT / "README.md").read_text()
    assert "## Sync between machines" in text
    return text.split("## Sync between machines", 1)[1].split("\n## ", 1)[0]


def _blocks() -> list[list[list[str]]]:
    """Each ```sh block of the section as its commands (argument lists)."""
    blocks = re.findall(r"```sh\n(.*?)```", _section(), re.DOTALL)
    return [[shlex.split(line) for line in block.splitlines() if line.strip()] for block in blocks]


def test_the_readme_names_init_sync_and_autocommit() -> None:
    section = _section()
    for words in ("mentorlog init --git", "mentorlog init --from", "mentorlog sync"):
        assert words in section
    assert "autocommit = true" in section and "[git]" in section


def _follow_the_readme(home: Path, tmp_path: Path, machines: Machines) -> tuple[Path, Path]:
    """Two machines do as the README says, each writes a recap the same day, all sync."""
    first, second, then = _blocks()
    remote = str(bare(tmp_path / "journal.git"))
    desk, laptop = home, tmp_path / "laptop"
    machines.monkeypatch.setenv("MENTORLOG_HOME", str(desk))
    new("Ada Lovelace")

    def follow(place: Path, block: list[list[str]]) -> None:
        for command in block:
            assert command[0] == "mentorlog"
            machines.on(place, *(remote if arg == EXAMPLE_URL else arg for arg in command[1:]))

    follow(desk, first)
    follow(laptop, second)
    for place, words in ((desk, "Desk talk"), (laptop, "Laptop talk")):
        machines.on(place, "recap", "ada-lovelace", "--summary", words, "--no-input")
    for place in (desk, laptop, desk):
        follow(place, then)
    return desk, laptop


def _recaps(place: Path) -> list[str]:
    return [path.read_text() for path in sorted(place.glob("relationships/*/recaps/*.md"))]


def test_two_machines_following_the_readme_see_each_others_recaps(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    desk, laptop = _follow_the_readme(home, tmp_path, Machines(monkeypatch))
    for place in (desk, laptop):
        assert not conflict_markers(place)
        assert git(place, "ls-files", "-u") == ""
        texts = "".join(_recaps(place))
        assert "Desk talk" in texts and "Laptop talk" in texts
    assert git(desk, "rev-parse", "HEAD^{tree}") == git(laptop, "rev-parse", "HEAD^{tree}")


def test_same_day_recaps_from_two_machines_stay_two_recaps(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    desk, laptop = _follow_the_readme(home, tmp_path, Machines(monkeypatch))
    for place in (desk, laptop):
        recaps = _recaps(place)
        assert len(recaps) == 2
        assert sum("Desk talk" in text for text in recaps) == 1
