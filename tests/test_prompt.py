"""The prompt hook's kept answer (core/prompt.py): `due --quiet` answered without the app
when nothing it depends on changed, and in full, with the same answer, when anything did."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from mentorlog.core import prompt
from mentorlog.core.cache import place_of
from mentorlog.core.exitcodes import ExitCode
from tests.helpers import cli, ok
from tests.store_fixtures import at
from tests.test_startup import LIBRARIES, imported, top_level


def settle() -> None:
    """Files written within RACY_SECONDS of a run are not trusted to keep an answer."""
    time.sleep(prompt.RACY_SECONDS + 0.1)


def quiet() -> tuple[int, bool]:
    """`due --quiet` in a fresh process: its exit code, and whether it loaded the app."""
    run, modules = imported("due", "--quiet")
    assert (run.stdout, run.stderr) == ("", "")
    return run.returncode, bool(top_level(modules) & set(LIBRARIES))


def kept(home: Path) -> Path:
    return place_of(home) / prompt.FILE_NAME


def test_the_second_prompt_is_answered_without_the_app(healthy: Path) -> None:
    settle()
    full = cli("due", "--quiet").exit_code
    assert kept(healthy).stat().st_mode & 0o777 == 0o600
    assert quiet() == (full, False)
    assert quiet() == (full, False)


def test_a_file_written_while_due_ran_keeps_nothing(healthy: Path) -> None:
    cli("due", "--quiet")  # the healthy files were written a moment ago
    assert not kept(healthy).exists()
    assert quiet()[1]  # so the prompt runs in full


def commitment(home: Path, text: str) -> Path:
    [path] = [p for p in at(home, "relationships/ada/commitments").glob("*.toml")
              if text in p.read_text()]  # fmt: skip
    return path


@pytest.fixture
def nothing_due(healthy: Path) -> Path:
    """Ada's commitments: one due in five days, one overdue but done; the answer kept: 0."""
    ok("recap", "ada", "--summary", "met", "--action", "send the deck due:2026-03-20",
       "--action", "old promise due:2026-03-01", "--no-input")  # fmt: skip
    ok("done", commitment(healthy, "old promise").stem)
    settle()
    assert cli("due", "--quiet").exit_code == 0
    assert quiet() == (0, False)
    return healthy


def replace_text(path: Path, old: str, new: str, in_place: bool) -> None:
    """A hand edit: in place (nano), or by a new file renamed over (vim, most editors)."""
    text = path.read_text().replace(old, new)
    if in_place:
        path.write_text(text)
    else:
        fresh = path.with_name(".edit.tmp")
        fresh.write_text(text)
        os.replace(fresh, path)


@pytest.mark.parametrize("in_place", [True, False], ids=["in place", "renamed over"])
def test_an_open_commitment_made_overdue_by_hand_is_seen_at_once(
    nothing_due: Path, in_place: bool
) -> None:
    deck = commitment(nothing_due, "send the deck")
    before = deck.stat()
    replace_text(deck, "2026-03-20", "2026-03-10", in_place)  # same size
    os.utime(deck, ns=(before.st_atime_ns, before.st_mtime_ns))  # the same time, too
    assert quiet() == (ExitCode.DUE, True)


@pytest.mark.parametrize(
    "change",
    ["a new overdue commitment", "a broken commitment", "today moves on", "a new relationship"],
)
def test_after_a_change_the_prompt_gives_the_full_answer(
    nothing_due: Path, change: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    if change == "a new overdue commitment":
        ok("recap", "ada", "--summary", "again", "--action", "call due:2026-03-02", "--no-input")
    elif change == "a broken commitment":
        commitment(nothing_due, "send the deck").write_text("[[oops")
    elif change == "today moves on":
        monkeypatch.setenv("MENTORLOG_TODAY", "2026-03-21")
    else:
        ok("new-relationship", "Lin", "--role", "peer", "--cadence", "weekly",
           "--started", "2026-01-01", "--no-input")  # fmt: skip
    code = ExitCode.FAILURE if change == "a broken commitment" else ExitCode.DUE
    assert quiet()[0] == code == cli("due", "--quiet").exit_code


def test_a_closed_commitment_reopened_by_a_rename_is_seen_at_once(nothing_due: Path) -> None:
    replace_text(commitment(nothing_due, "old promise"), "done", "open", in_place=False)
    assert quiet() == (ExitCode.DUE, True)


def test_a_closed_commitment_reopened_in_place_is_seen_after_the_next_listing(
    nothing_due: Path,
) -> None:
    """Closed commitments are watched by their folder, not one by one: an edit in place
    (the folder's time kept) is found by the next command that lists commitments."""
    replace_text(commitment(nothing_due, "old promise"), "done", "open", in_place=True)
    ok("actions")
    assert quiet() == (ExitCode.DUE, True)


def test_an_unreadable_kept_answer_means_the_full_command(healthy: Path) -> None:
    settle()
    full = cli("due", "--quiet").exit_code
    kept(healthy).write_text("{not json")
    assert quiet() == (full, True)
    os.chmod(kept(healthy), 0)
    assert quiet()[0] == full


def test_a_settings_file_written_since_means_the_full_command(nothing_due: Path) -> None:
    (nothing_due / "config.toml").write_text("nonsense = [\n")
    run, modules = imported("due", "--quiet")
    assert "config.toml" in run.stderr and top_level(modules) & set(LIBRARIES)
    assert run.returncode == cli("due", "--quiet").exit_code != 0


@pytest.mark.parametrize("xdg", [None, "", "  ", "/somewhere/cache"])
def test_the_cache_and_data_folders_are_where_platformdirs_says(
    xdg: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    import platformdirs

    from mentorlog.core.cacheplace import cache_root, data_root

    for variable in ("XDG_CACHE_HOME", "XDG_DATA_HOME"):
        if xdg is None:
            monkeypatch.delenv(variable, raising=False)
        else:
            monkeypatch.setenv(variable, xdg)
    assert cache_root() == platformdirs.user_cache_dir("mentorlog", appauthor=False)
    assert data_root() == platformdirs.user_data_dir("mentorlog", appauthor=False)
