"""Transactions (core/txn.py): all or nothing, recovery, and a retry that writes nothing."""

from __future__ import annotations

import errno
import os
import shutil
import signal
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

from mentorlog.core import files, txn
from tests.crash import COMMANDS, build_base, invoke, resolved, snapshot, using
from tests.helpers import fails, ok
from tests.store_fixtures import at

RECAP = ("recap", "ada-lovelace", "--summary", "We met", "--action", "send the CV @me",
         "--no-input")  # fmt: skip


def _state(home: Path) -> dict[str, bytes]:
    return snapshot(home)


def test_a_retry_of_a_stored_recap_writes_nothing_and_says_so(home: Path) -> None:
    ok("new-relationship", "Ada Lovelace", "--role", "mentee", "--no-input")
    ok(*RECAP)
    after = _state(home)
    again = ok(*RECAP)
    assert again.stderr.strip() == "already recorded: recap: ada-lovelace 2026-03-15"
    assert _state(home) == after
    assert len(ok("actions", "ada-lovelace", "--json").json()) == 1


def test_a_retry_under_json_says_so_in_json(home: Path) -> None:
    ok("new-relationship", "Ada Lovelace", "--role", "mentee", "--no-input")
    ok(*RECAP, "--json")
    again = ok(*RECAP, "--json")
    message = "recap: ada-lovelace 2026-03-15"
    assert again.json() == {"already_recorded": True, "message": message}


def test_two_different_recaps_on_one_day_are_both_stored(home: Path) -> None:
    ok("new-relationship", "Ada Lovelace", "--role", "mentee", "--no-input")
    ok(*RECAP)
    ok("recap", "ada-lovelace", "--summary", "We met again", "--no-input")
    assert len(list(at(home, "relationships", "ada-lovelace", "recaps").iterdir())) == 2


def test_pause_resume_pause_on_one_day_pauses_twice(home: Path) -> None:
    ok("new-relationship", "Ada Lovelace", "--role", "mentee", "--no-input")
    ok("pause", "ada-lovelace", "--no-input")
    ok("resume", "ada-lovelace", "--no-input")
    second = ok("pause", "ada-lovelace", "--no-input")  # relationship.toml changed since
    assert "already recorded" not in second.stderr
    assert ok("show", "ada-lovelace", "--json").json()["status"] == "paused"


def test_a_hand_edit_since_makes_the_same_command_run_again(home: Path) -> None:
    ok("new-relationship", "Ada Lovelace", "--role", "mentee", "--no-input")
    ok("network", "want", "python", "--no-input")
    network = home / "network.toml"
    network.write_text(network.read_text() + "# my note\n")
    assert "already recorded" not in ok("network", "want", "python", "--no-input").stderr


def test_a_failed_command_leaves_no_journal_and_is_not_remembered(home: Path) -> None:
    ok("new-relationship", "Ada Lovelace", "--role", "mentee", "--no-input")
    fails("done", "a99", "--no-input")
    assert list((home / ".mentorlog" / "txn").iterdir()) == []
    assert "a99" not in (home / ".mentorlog" / "ops.toml").read_text()


def _run(home: Path, crash_at: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "MENTORLOG_HOME": str(home), "MENTORLOG_CRASH_AT": crash_at}
    return subprocess.run(
        [sys.executable, "-m", "mentorlog", *args], env=env, capture_output=True, text=True
    )


def test_the_next_command_undoes_a_crashed_one_and_says_so_once(home: Path) -> None:
    ok("new-relationship", "Ada Lovelace", "--role", "mentee", "--no-input")
    before = _state(home)
    assert _run(home, "12", *RECAP).returncode == -signal.SIGKILL  # inside the transaction
    assert list((home / ".mentorlog" / "txn").iterdir()) != []
    first = ok("list")
    assert first.stderr.strip() == (
        "undid an interrupted recap: ada-lovelace 2026-03-15; nothing of it was kept, run it again"
    )
    assert _state(home) == before
    assert ok("list").stderr == ""
    ok(*RECAP)
    assert "already recorded" in ok(*RECAP).stderr


def test_a_home_that_cannot_be_written_is_read_without_recovering(home: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root may write anywhere")
    ok("new-relationship", "Ada Lovelace", "--role", "mentee", "--no-input")
    assert _run(home, "12", *RECAP).returncode == -signal.SIGKILL
    journals = home / ".mentorlog" / "txn"
    journals.chmod(0o500)
    try:
        assert ok("list").exit_code == 0
    finally:
        journals.chmod(0o700)


# -- a full disk at every step -------------------------------------------------------------
@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    old = os.umask(0o077)
    home = tmp_path_factory.mktemp("full") / "base"
    build_base(home)
    os.umask(old)
    return home


@pytest.fixture
def full_at(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """`full_at[0] = N`: the Nth file-system step fails with ENOSPC (0: none does)."""
    plan = [0, 0]  # the failing step, the steps taken

    def step() -> None:
        plan[1] += 1
        if plan[1] == plan[0]:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(files, "_step", step)
    yield plan


@pytest.mark.crash
@pytest.mark.parametrize(
    "name", ["recap", "close", "delete-recap", "delete-relationship", "restore"]
)
def test_a_full_disk_at_any_step_leaves_the_before_state_and_one_line(
    name: str, base: Path, tmp_path: Path, full_at: list[int]
) -> None:
    command = next(c for c in COMMANDS if c.name == name)
    args = resolved(command, base)
    clean = tmp_path / "clean"
    shutil.copytree(base, clean, symlinks=True)
    with using(clean):
        assert invoke(args).exit_code == 0
    before, after = snapshot(base), snapshot(clean)
    refused = 0
    for step in range(1, 400):
        home = tmp_path / f"at-{step}"
        shutil.copytree(base, home, symlinks=True)
        full_at[:] = [step, 0]
        with using(home):
            run = invoke(args)
        taken = full_at[1]
        full_at[:] = [0, 0]
        with using(home):
            now = snapshot(home)
            if run.exit_code == 0:
                assert now == after, f"{name} at step {step}"
            else:
                lines = run.stderr.strip().splitlines()
                assert len(lines) == 1 and "No space left on device" in lines[0], run.stderr
                assert now == before, f"{name} at step {step}"
                refused += 1
            assert invoke(args).exit_code == 0 and snapshot(home) == after
        shutil.rmtree(home)
        if taken < step:  # the command finished before that step: every step was covered
            assert refused >= step - 4  # all but the tidying after the commit point
            return
    raise AssertionError("too many steps")


def test_ops_toml_keeps_the_last_operations_and_stays_valid_toml(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(txn, "KEEP_OPS", 2)
    ok("new-relationship", "Ada Lovelace", "--role", "mentee", "--no-input")
    for area in ("python", "writing", "leadership"):
        ok("network", "want", area, "--no-input")
    ops = tomllib.loads((home / ".mentorlog" / "ops.toml").read_text())["ops"]
    assert [op["message"] for op in ops] == [
        "network want: writing 2026-03-15",
        "network want: leadership 2026-03-15",
    ]
    assert "already recorded" in ok("network", "want", "leadership", "--no-input").stderr
