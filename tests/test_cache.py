"""The parsed-file cache (core/cache.py): the listings give the same answer with a warm
cache, a cold one and none; the files stay the truth; the cache stays private."""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
from pathlib import Path
from typing import Any

import pytest

from mentorlog.core import cache
from tests.helpers import cli, ok
from tests.store_fixtures import at

COMMANDS = [
    ("list", "--json"),
    ("due", "--json"),
    ("actions", "--json"),
    ("journal", "--json"),
    ("seasons", "--json"),
    ("recaps", "--json"),
    ("show", "ada", "--json"),
    ("log", "ada", "--json"),
    ("journey", "--json"),
]


@pytest.fixture(autouse=True)
def no_racy_window(monkeypatch: pytest.MonkeyPatch) -> None:
    """The tests' files are seconds old: let the cache keep them (see RACY_SECONDS)."""
    monkeypatch.setattr(cache, "RACY_SECONDS", -1.0)


def db_path(home: Path) -> Path:
    return cache.place_of(home) / cache.DB_NAME


def rows(home: Path) -> int:
    with sqlite3.connect(db_path(home)) as db:
        count: int = db.execute("SELECT count(*) FROM parsed").fetchone()[0]
    return count


def outputs() -> list[tuple[int, str, str]]:
    return [(run.exit_code, run.stdout, run.stderr) for run in (cli(*c) for c in COMMANDS)]


def test_the_same_answers_warm_cold_and_without_a_cache(healthy: Path) -> None:
    cold = outputs()
    assert all(code == 0 for code, _, _ in cold), cold
    cached = rows(healthy)
    assert cached >= 6  # recaps, check-in, reflection, goal, commitment, milestone
    warm = outputs()
    assert warm == cold
    assert rows(healthy) == cached
    shutil.rmtree(cache.place_of(healthy).parent)
    cache.place_of(healthy).parent.write_text("a file where the cache folder goes")
    assert outputs() == cold


def test_a_hand_edit_with_the_same_size_and_time_in_a_new_file_is_seen(healthy: Path) -> None:
    ok("actions", "--json")  # warm
    path = next(at(healthy, "relationships/ada/commitments").glob("*.toml"))
    before = path.stat()
    text = path.read_text().replace("send CV", "SEND CV")
    fresh = path.with_name(".edit.tmp")
    fresh.write_text(text)
    os.replace(fresh, path)  # an editor's save: another inode
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size
    assert "SEND CV" in ok("actions", "--json").stdout


def test_a_hand_edit_in_place_with_the_same_size_and_time_is_seen(healthy: Path) -> None:
    ok("recaps", "--json")  # warm
    path = at(healthy, "relationships/grace/recaps/2026-03-15.md")
    before = path.stat()
    path.write_text(path.read_text().replace("Hello", "HELLO"))  # same inode, same size
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # the ctime still moves
    assert (path.stat().st_ino, path.stat().st_size) == (before.st_ino, before.st_size)
    assert "HELLO" in ok("recaps", "--json").stdout


def test_a_broken_file_is_named_with_its_line_at_every_run(healthy: Path) -> None:
    ok("actions", "--json")  # warm: the file is cached while it is good
    path = next(at(healthy, "relationships/ada/commitments").glob("*.toml"))
    path.write_text(path.read_text() + "\nstatus = = 'x'\n")
    runs = [cli("actions", "--json") for _ in range(3)]
    for run in runs:  # a listing skips it, and names it with its line, every time
        assert f"{path.name}:10:" in run.stderr, run.stderr
    assert ok("show", "ada").stderr.count(f"{path.name}:10:") == 1  # named once, rest shown


def test_a_cache_that_cannot_be_written_gives_the_same_answers(
    healthy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cold = outputs()
    real = sqlite3.connect

    def read_only(target: object, *args: object, **kwargs: object) -> sqlite3.Connection:
        db: sqlite3.Connection = real(f"file:{target}?mode=ro", *args, uri=True, **kwargs)  # type: ignore[call-overload]
        return db

    monkeypatch.setattr(sqlite3, "connect", read_only)
    shutil.rmtree(cache.place_of(healthy))  # nothing to read: each read is a parse
    assert outputs() == cold


def test_a_damaged_cache_is_made_again(healthy: Path) -> None:
    cold = outputs()
    db_path(healthy).write_bytes(b"not a database" * 100)
    for name in ("-wal", "-shm"):
        Path(f"{db_path(healthy)}{name}").unlink(missing_ok=True)
    assert outputs() == cold
    assert rows(healthy) > 0


def test_the_cache_is_private(healthy: Path) -> None:
    os.umask(0o022)  # a careless umask: the cache is private all the same
    outputs()
    folder = cache.place_of(healthy)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    for path in folder.glob(f"{cache.DB_NAME}*"):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path


def test_a_write_after_a_warm_read_changes_only_its_own_file(healthy: Path) -> None:
    """The shelf's snapshot of what it read stays right when it came from the cache."""
    ok("recap", "ada", "--summary", "Again", "--action", "read the paper @me", "--no-input")
    ok("actions", "--json")
    ok("list", "--json")  # warm, twice
    folder = at(healthy, "relationships/ada/commitments")
    first, second = sorted(folder.glob("*.toml"), key=lambda p: "send CV" not in p.read_text())
    kept = {p: p.read_bytes() for p in [second, *at(healthy, "relationships/ada/goals").iterdir()]}
    ok("done", first.stem, "--no-input")
    assert "done" in first.read_text()
    assert {p: p.read_bytes() for p in kept} == kept
    assert "done" in ok("actions", "--all", "--json").stdout


def test_a_warm_listing_parses_none_of_the_files_it_has_cached(
    healthy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mentorlog.core import store

    outputs()  # warm
    parsed: list[str] = []
    for name in ("read_model", "read_document"):
        real = getattr(store, name)

        def counting(path: Path, *args: object, _real: Any = real, **kwargs: object) -> Any:
            parsed.append(path.parent.name)
            return _real(path, *args, **kwargs)

        monkeypatch.setattr(store, name, counting)
    outputs()
    cached = {"recaps", "checkins", "reflections", "goals", "commitments", "journey"}
    assert not set(parsed) & cached, parsed


def _done_commitment(home: Path) -> Path:
    """Ada's first commitment, marked done (the rest stay open)."""
    path = next(iter(sorted(at(home, "relationships/ada/commitments").glob("*.toml"))))
    ok("done", path.stem)
    assert 'status = "done"' in path.read_text()
    return path


def test_a_listing_of_what_is_open_passes_closed_commitments_by_unread(
    healthy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    done = _done_commitment(healthy)
    everything = ok("actions", "--all", "--json").stdout  # warm: every file cached
    looked_up: list[str] = []
    real = cache.Parsed._lookup

    def counting(self: cache.Parsed, db: Any, path: Path, *args: Any) -> Any:
        looked_up.append(path.name)
        return real(self, db, path, *args)

    monkeypatch.setattr(cache.Parsed, "_lookup", counting)
    for command in (("actions", "--json"), ("due", "--json"), ("list", "--json")):
        assert done.stem not in ok(*command).stdout
    assert done.name not in looked_up
    assert ok("actions", "--all", "--json").stdout == everything
    assert done.name in looked_up  # `--all` reads it


def test_a_closed_commitment_reopened_by_hand_in_place_is_listed_again(healthy: Path) -> None:
    done = _done_commitment(healthy)
    ok("actions", "--all", "--json")  # warm
    assert done.stem not in ok("actions", "--json").stdout
    before = done.stat()
    done.write_text(done.read_text().replace('status = "done"', 'status = "open"'))
    os.utime(done, ns=(before.st_atime_ns, before.st_mtime_ns))  # same size and time
    assert done.stem in ok("actions", "--json").stdout
