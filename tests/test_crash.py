"""Every write command, killed at every file-system step (tests/crash.py).

Each command is one transaction (core/txn.py), so no crash point leaves a half-done
operation and every rerun gives exactly the *after* state, once: tests/crash_record.toml
lists none (a point listed there would be a strict xfail). It records how many points each
command has; regenerate it with `python -m tests.crash > tests/crash_record.toml`.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest

from mentorlog.core import files
from tests.crash import COMMANDS, Measured, build_base, measure
from tests.helpers import ok
from tests.store_fixtures import at

RECORD: dict[str, Any] = tomllib.loads(
    (Path(__file__).parent / "crash_record.toml").read_text(encoding="utf-8")
)
BY_NAME = {command.name: command for command in COMMANDS}
SRC = Path(__file__).parent.parent / "src" / "mentorlog"

pytestmark = pytest.mark.crash


def _points(field: str, reason: str) -> list[Any]:
    cases = []
    for name, found in RECORD.items():
        for step in range(1, found["points"] + 1):
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if step in found[field] else []
            cases.append(pytest.param(name, step, marks=marks, id=f"{name}-{step}"))
    return cases


_measured: dict[str, Measured] = {}


@pytest.fixture(scope="session")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    old = os.umask(0o077)
    home = tmp_path_factory.mktemp("crash") / "base"
    build_base(home)
    os.umask(old)
    return home


def measured(name: str, base: Path, tmp_path_factory: pytest.TempPathFactory) -> Measured:
    """Every crash point of one command, measured once per session."""
    if name not in _measured:
        old = os.umask(0o077)
        try:
            _measured[name] = measure(BY_NAME[name], base, tmp_path_factory.mktemp(name))
        finally:
            os.umask(old)
    return _measured[name]


def test_the_record_covers_every_command() -> None:
    assert set(RECORD) == set(BY_NAME)


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_crash_points_are_those_recorded(
    name: str, base: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    found = measured(name, base, tmp_path_factory)
    assert found.points == RECORD[name]["points"], "regenerate tests/crash_record.toml"


@pytest.mark.parametrize(("name", "step"), _points("half_done", "half-done today (issue 8)"))
def test_a_crash_leaves_the_before_or_the_after_state(
    name: str, step: int, base: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    outcome = measured(name, base, tmp_path_factory).outcomes[step]
    assert outcome.broken == []
    assert outcome.state in ("before", "after")


@pytest.mark.parametrize(("name", "step"), _points("rerun_fails", "no idempotent retry yet"))
def test_rerunning_after_a_crash_gives_the_after_state_once(
    name: str, step: int, base: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    assert measured(name, base, tmp_path_factory).outcomes[step].rerun_ok


def _run(home: Path, crash_at: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "MENTORLOG_HOME": str(home), "MENTORLOG_CRASH_AT": crash_at}
    return subprocess.run(
        [sys.executable, "-m", "mentorlog", *args], env=env, capture_output=True, text=True
    )


def test_mentorlog_crash_at_kills_the_process_at_that_step(home: Path) -> None:
    args = ("new-relationship", "Ada Lovelace", "--role", "mentee", "--no-input")
    assert _run(home, "1", *args).returncode == -signal.SIGKILL
    assert not (at(home, "relationships", "ada-lovelace")).exists()
    assert _run(home, "1000", *args).returncode == 0
    assert (at(home, "relationships", "ada-lovelace", "relationship.toml")).is_file()


def test_without_the_variable_no_step_is_counted(home: Path) -> None:
    assert _run(home, "", "new-relationship", "Ada", "--role", "peer", "--no-input").returncode == 0
    assert files._CRASH_AT == 0
    ok("goal", "add", "ada", "Write more", "--no-input")
    assert files._steps == 0


MUTATION = re.compile(
    r"os\.(replace|rename|unlink|remove|rmdir|mkdir|makedirs|fsync)\(|shutil\.(rmtree|move|copy)"
    r"|\.(unlink|mkdir|rmdir|write_text|write_bytes|touch)\("
)
NOT_YET = {("core/notices.py", "path.parent.mkdir(")}  # the user's cache, outside the home


def test_every_change_on_disk_goes_through_the_crash_hook() -> None:
    found = []
    for path in sorted(SRC.rglob("*.py")):
        relative = str(path.relative_to(SRC))
        if relative == "core/files.py":
            continue
        for number, line in enumerate(path.read_text().splitlines(), 1):
            match = MUTATION.search(line)
            if match and not any(relative == f and s in line for f, s in NOT_YET):
                found.append(f"{relative}:{number}: {line.strip()}")
    assert found == [], "route these through core/files.py (make_dir, rename, remove_file...)"
