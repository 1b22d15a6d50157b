"""Privacy you can see: an open home is named once, links out are refused, temp files go."""

from __future__ import annotations

import errno
import os
import time
from pathlib import Path

import pytest

from tests.helpers import cli, fails, new, ok
from tests.store_fixtures import at


def test_an_open_home_is_named_once_with_the_fix(home: Path) -> None:
    new()
    ok("recap", "ada-lovelace", "--summary", "hi", "--no-input")
    os.chmod(home, 0o755)
    run = ok("list")
    warnings = [line for line in run.stderr.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 1 and "mode 0755" in warnings[0]
    assert "mentorlog doctor --fix" in warnings[0]
    # said once, not at every command (nor at every shell prompt: `due --quiet` is in PS1)
    assert ok("list").stderr == ""
    assert cli("due", "--quiet").stderr == ""
    assert "0755" in cli("doctor").stdout  # doctor says it every time
    os.chmod(home, 0o750)  # a different looseness is worth saying again
    assert "mode 0750" in ok("list").stderr
    ok("doctor", "--fix")
    assert ok("list").stderr == ""


@pytest.mark.parametrize("folder", ["recaps", "checkins", "drafts", "relationships", "reflections"])
def test_a_linked_folder_is_refused_and_nothing_is_written_through_it(
    home: Path, tmp_path: Path, folder: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EDITOR", "true")
    new()
    where = (
        home
        if folder in ("relationships", "reflections")
        else at(home, "relationships/ada-lovelace")
    )
    elsewhere = tmp_path / "elsewhere"
    if (where / folder).exists():
        (where / folder).rename(elsewhere)
    else:
        elsewhere.mkdir()
    (where / folder).symlink_to(elsewhere)
    before = sorted(p.name for p in elsewhere.rglob("*"))
    commands = {
        "recaps": ("recap", "ada-lovelace", "--summary", "hi", "--no-input"),
        "checkins": ("checkin", "ada-lovelace", "--rate", "listening=4", "--no-input"),
        "drafts": ("recap", "ada-lovelace", "--edit"),  # keeps the text in drafts/ first
        "relationships": ("recap", "ada-lovelace", "--summary", "hi", "--no-input"),
        "reflections": ("reflect", "--set", "gratitude", "--answer", "x", "--no-input"),
    }
    run = fails(*commands[folder])
    assert f"{where / folder}: is a link to {elsewhere}" in run.stderr
    assert sorted(p.name for p in elsewhere.rglob("*")) == before


def test_a_failed_write_names_the_file_not_its_temp_file(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    new()

    def full(src: str, dst: str) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", src, dst)

    monkeypatch.setattr("mentorlog.core.files.os.replace", full)
    run = fails("network", "want", "Python")
    assert run.stderr == f"error: No space left on device: {home}/network.toml\n"
    assert not list(home.glob(".*.tmp"))


def test_stale_temp_files_of_a_file_go_when_it_is_written_again(home: Path) -> None:
    new()
    folder = at(home, "relationships/ada-lovelace")
    stale = folder / ".relationship.toml.abcd1234.tmp"
    fresh = folder / ".relationship.toml.efgh5678.tmp"
    other = folder / ".goals.toml.ijkl9012.tmp"
    for path in (stale, fresh, other):
        path.write_text("partner = 'Ada'\n")
    old = time.time() - 3600
    os.utime(stale, (old, old))
    os.utime(other, (old, old))
    ok("edit", "ada-lovelace", "--channel", "Zoom")
    assert not stale.exists()
    assert fresh.exists() and other.exists()  # maybe a live writer's; another file's
