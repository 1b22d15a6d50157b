"""Every test gets its own home and a fixed 'today'; nothing depends on the real clock."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from mentorlog.core import ids
from tests.helpers import TODAY, Made


@pytest.fixture(autouse=True)
def home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> Iterator[Path]:
    home = tmp_path / "home"
    monkeypatch.setenv("MENTORLOG_HOME", str(home))
    monkeypatch.setenv("MENTORLOG_TODAY", TODAY)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))  # notices, never shared
    for name in ("VISUAL", "EDITOR", "MENTORLOG_EDITOR", "MENTORLOG_PAGER", "MENTORLOG_DEBUG"):
        monkeypatch.delenv(name, raising=False)
    # Ids are random; seeded by the test's name, a failure repeats with the same ids.
    monkeypatch.setenv("MENTORLOG_ID_SEED", request.node.nodeid)
    ids.reseed()
    old_umask = os.umask(0o077)  # a careful person's umask; privacy tests set modes themselves
    yield home
    os.umask(old_umask)
    monkeypatch.delenv("MENTORLOG_ID_SEED", raising=False)
    ids.reseed()


@pytest.fixture(scope="session")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A healthy store with every kind of file, built once (see tests/store_fixtures.py)."""
    from tests.store_fixtures import build_healthy

    home = tmp_path_factory.mktemp("template") / "home"
    build_healthy(home)
    return home


@pytest.fixture
def healthy(template: Path, home: Path) -> Path:
    """This test's own copy of the healthy store, as its home."""
    shutil.copytree(template, home, symlinks=True)
    return home


@pytest.fixture
def made(monkeypatch: pytest.MonkeyPatch, home: Path) -> Made:
    """The ids this test's commands mint, in order (see `Made`)."""
    record = Made(home)
    real = ids.mint

    def mint(letter: str) -> str:
        an_id = real(letter)
        record.minted.setdefault(letter, []).append(an_id)
        return an_id

    monkeypatch.setattr(ids, "mint", mint)
    return record
