"""Helpers for tests that run git: a bare remote and several homes, one at a time."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.helpers import Run, ok


def git(home: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-C", str(home), *args], capture_output=True, text=True, check=True
    )
    return done.stdout


def bare(path: Path) -> Path:
    subprocess.run(["git", "init", "-q", "--bare", str(path)], check=True)
    return path


class Machines:
    """Homes that take turns as MENTORLOG_HOME, as two machines would."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.monkeypatch = monkeypatch

    def on(self, home: Path, *args: str) -> Run:
        self.monkeypatch.setenv("MENTORLOG_HOME", str(home))
        return ok(*args)


def conflict_markers(home: Path) -> list[str]:
    found = []
    for path in home.rglob("*"):
        if ".git" in path.parts or not path.is_file():
            continue
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith(("<<<<<<<", ">>>>>>>")):
                found.append(f"{path}: {line}")
    return found
