"""A cache of parsed files: a file that did not change costs a stat and a JSON decode.

The store's per-file readers (recaps, reflections, check-ins, and the goal, commitment and
milestone files of a shelf) ask `Parsed.read` for a model. The cache answers from
SQLite when the file's (mtime_ns, ctime_ns, size, inode) are what they were when it was
read, else parses the file as always. The files stay the only truth:

- a hand edit changes the stat (an editor that keeps size and time still changes the
  inode or the ctime, which no program can set), so it is read again at once;
- a file that does not parse is never cached: its error is raised as today, every time;
- a model is cached only if its JSON reads back equal to it (so the cache is exact), and
  only if the file is older than `RACY_SECONDS` (a write in the same clock tick as the
  read could keep every stat field; git calls this "racily clean");
- any trouble with the database (cannot be made, read-only, full, locked, damaged, no
  sqlite3) turns the cache off for the process, silently: the files are read as today;
- rows are written in batches and at the end of the command (or when the store is let
  go of, or at exit), never waited for long (`BUSY_SECONDS`), and dropped if another
  process holds the database: a command never fails or waits because of it.

One database per home beside the search index (`index.location`'s folder), folder 0700,
file 0600 (it holds private text). See docs/design/cache.md.
"""

from __future__ import annotations

import contextlib
import functools
import os
import time
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

from pydantic import BaseModel, ValidationError

from mentorlog import __version__
from mentorlog.core.cacheplace import place_text
from mentorlog.core.files import DIR_MODE, FILE_MODE, cache_make_dir, cache_unlink
from mentorlog.core.prompt import FILE_NAME as PROMPT_FILE
from mentorlog.core.quick import PARSED_DB

try:
    import sqlite3
except ImportError:  # a Python built without it: the files are read as always
    sqlite3 = None  # type: ignore[assignment]

M = TypeVar("M", bound=BaseModel)
SCHEMA = 2
DB_NAME = PARSED_DB
BUSY_SECONDS = 0.05
RACY_SECONDS = 2.0
KEEP_FOLDERS = 4  # folders whose rows are kept in memory at once
BATCH = 500  # rows kept before they are written in one transaction

_TABLE = """
CREATE TABLE parsed (
    path TEXT PRIMARY KEY, mtime_ns INTEGER NOT NULL, ctime_ns INTEGER NOT NULL,
    size INTEGER NOT NULL, inode INTEGER NOT NULL, model TEXT NOT NULL, data BLOB NOT NULL,
    folder TEXT NOT NULL, name TEXT NOT NULL, hot INTEGER NOT NULL
);
CREATE INDEX parsed_folder ON parsed (folder);
"""
_ROWS = "SELECT path, mtime_ns, ctime_ns, size, inode, model, {}, name, hot FROM parsed"
COLD_DATA = _ROWS.format("data") + " WHERE folder = ?"
HOT_DATA = _ROWS.format("CASE WHEN hot THEN data ELSE NULL END") + " WHERE folder = ?"
Key = tuple[int, int, int, int]  # mtime_ns, ctime_ns, size, inode
Row = tuple[str, int, int, int, int, str, bytes, str, str, int]
Hot = Callable[[Any], bool]  # whether a model is one a listing shows (an open commitment)


class Known(NamedTuple):
    """A folder's row for one file, read in one query with the rest of its folder."""

    key: Key
    tag: str
    data: bytes | None  # None when read with its folder and not hot (not needed, not fetched)
    name: str  # what the file says it is (an entity's id), checked against its file name
    hot: bool


def _always(model: Any) -> bool:
    return True


def place_of(home: Path) -> Path:
    """The cache folder of one home: named by its resolved path (the search index's too)."""
    return Path(place_text(str(home)))


def private_folder(folder: Path) -> None:
    """Make `folder` and any missing parents 0700 (FileExistsError where a file is)."""
    missing = []
    probe = folder
    while not probe.is_dir():
        missing.append(probe)
        probe = probe.parent
    for each in reversed(missing):
        cache_make_dir(each, DIR_MODE)
    os.chmod(folder, DIR_MODE)


@functools.cache
def _tag(cls: type[BaseModel]) -> str:
    """What a row was made by: the model, and this mentorlog's version (a model that
    changed between versions is never read from an older row)."""
    return f"{cls.__module__}.{cls.__qualname__} {__version__}"


def _key(path: Path) -> tuple[Key, float] | None:
    """A file's stat key, and the latest of its mtime and ctime (seconds)."""
    try:
        info = path.stat()
    except OSError:
        return None
    return stat_key(info)


def stat_key(info: os.stat_result) -> tuple[Key, float]:
    key = (info.st_mtime_ns, info.st_ctime_ns, info.st_size, info.st_ino)
    return key, max(info.st_mtime, info.st_ctime)


class Parsed:
    """The parsed-file cache of one home, opened at its first use in this process."""

    def __init__(self, home: Path) -> None:
        self.home = home
        self._db: sqlite3.Connection | None = None
        self._pid = 0  # the process that opened it (a forked worker never uses it)
        self._off = False
        self._pending: list[Row] = []  # rows to write (emptied in place: `_close` holds it)
        self._closing: weakref.finalize[Any, Any] | None = None
        self._folders: dict[str, dict[str, Known]] = {}  # rows of folders read whole

    def read(
        self,
        path: Path,
        cls: type[M],
        parse: Callable[[], M],
        stat: tuple[Key, float] | None = None,
        hot: Hot = _always,
    ) -> M:
        """`parse()`'s model of the file at `path`, from the cache if the file is unchanged.
        `stat` is the file's key if the caller has just taken it (one stat, not two);
        `hot` says whether a listing of what is open shows the model (`cold`)."""
        db = self._open()
        before = (stat or _key(path)) if db is not None else None
        if db is None or before is None:
            return parse()
        key, _ = before
        found = self._lookup(db, path, cls, key)
        if found is not None:
            return found
        if self._stale(path, key):
            forget_prompt(self.home)  # a hand edit: the prompt's kept answer may miss it
        model = parse()
        after = _key(path)
        if after == before and after[1] < time.time() - RACY_SECONDS:
            self._remember(path, cls, key, model, hot(model))
        return model

    def cold(self, folder: str, name: str, cls: type[BaseModel], key: Key) -> str | None:
        """What the file `name` in `folder` says it is (its id), if the cache knows it as it
        is now and as not hot: a listing of what is open can pass it by without reading it."""
        db = self._open()
        if db is None:
            return None
        rows = self._rows(db, folder, cold_data=False)
        known = rows.get(name)
        if known is None or known.hot or known.key != key or known.tag != _tag(cls):
            return None
        return known.name

    def _rows(self, db: sqlite3.Connection, folder: str, cold_data: bool) -> dict[str, Known]:
        """The rows of `folder`, read at its first file; only the last few folders are
        kept (a listing goes folder by folder: ten thousand recaps are not held at once)."""
        rows = self._folders.get(folder)
        if rows is None:
            rows = self._folders[folder] = self._folder_rows(db, folder, cold_data)
            while len(self._folders) > KEEP_FOLDERS:
                del self._folders[next(iter(self._folders))]
        return rows

    def _folder_rows(
        self, db: sqlite3.Connection, folder: str, cold_data: bool = False
    ) -> dict[str, Known]:
        """Every row of one folder, in one query (a shelf of 2,000 files: one look-up);
        the data of rows that are not hot only with `cold_data` (a listing of what is
        open passes them by)."""
        try:
            rows = db.execute(COLD_DATA if cold_data else HOT_DATA, (folder,)).fetchall()
        except sqlite3.Error:
            self._turn_off()
            return {}
        start = len(folder) + 1  # a row's path is its folder, a separator, its name
        return {
            row[0][start:]: Known(tuple(row[1:5]), row[5], row[6], row[7], bool(row[8]))
            for row in rows
        }

    def _lookup(self, db: sqlite3.Connection, path: Path, cls: type[M], key: Key) -> M | None:
        folder = str(path.parent)
        rows = self._rows(db, folder, cold_data=True)  # the folder's rows in one query
        known = rows.get(path.name)
        if known is not None and known.data is None:  # a cold row, fetched without its data
            known = self._one_row(db, str(path))
        if known is None or known.key != key or known.tag != _tag(cls):
            return None
        try:
            return cls.model_validate_json(known.data or b"")
        except ValidationError:  # a model that changed since: read the file again
            return None

    def _stale(self, path: Path, key: Key) -> bool:
        """Whether the cache knew this file with another stat (it changed since)."""
        known = self._folders.get(str(path.parent), {}).get(path.name)
        return known is not None and known.key != key

    def _one_row(self, db: sqlite3.Connection, path: str) -> Known | None:
        try:
            row = db.execute(
                "SELECT mtime_ns, ctime_ns, size, inode, model, data, name, hot"
                " FROM parsed WHERE path = ?",
                (path,),
            ).fetchone()
        except sqlite3.Error:
            self._turn_off()
            return None
        return None if row is None else Known(tuple(row[:4]), row[4], row[5], row[6], row[7])

    def _remember(self, path: Path, cls: type[M], key: Key, model: M, hot: bool) -> None:
        data = model.model_dump_json().encode("utf-8")
        try:
            exact = cls.model_validate_json(data) == model
        except ValidationError:
            exact = False
        if exact:
            name = str(model.__dict__.get("id", ""))
            row = (str(path), *key, _tag(cls), data, str(path.parent), name, int(hot))
            self._pending.append(row)
            if len(self._pending) >= BATCH:
                self.flush()

    def flush(self) -> None:
        """Write the rows kept so far, in one transaction; drop them if that cannot be."""
        if self._db is not None and not _write(self._db, self._pending):
            self._turn_off()

    def close(self) -> None:
        """Write what is kept and let the database go (at the end of a command)."""
        if self._closing is not None:
            self._closing()  # runs once; also at exit, or when the store is let go of
        self._db, self._closing = None, None

    def _turn_off(self) -> None:
        self._off = True
        self._pending.clear()

    # -- opening ------------------------------------------------------------------------
    def _open(self) -> sqlite3.Connection | None:
        if self._off or sqlite3 is None:
            return None
        if self._db is not None:
            return self._db if self._pid == os.getpid() else None
        try:
            self._db = _connect(place_of(self.home) / DB_NAME)
        except Exception:
            self._off = True
            return None
        self._pid = os.getpid()
        self._closing = weakref.finalize(self, _close, self._db, self._pending, self._pid)
        return self._db


def forget_prompt(home: Path) -> None:
    """Drop the prompt's kept answer (core/prompt.py): the next prompt runs in full."""
    with contextlib.suppress(OSError):
        cache_unlink(place_of(home) / PROMPT_FILE)


def _write(db: sqlite3.Connection, pending: list[Row]) -> bool:
    """Write `pending` in one transaction and empty it; False if the database refused."""
    rows = pending[:]
    pending.clear()
    if not rows:
        return True
    try:
        db.execute("BEGIN IMMEDIATE")
        try:
            db.executemany(
                "INSERT OR REPLACE INTO parsed VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows
            )
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
    except sqlite3.Error:  # busy, read-only, full: a cache may lose rows
        return False
    return True


def _close(db: sqlite3.Connection, pending: list[Row], pid: int) -> None:
    """Write what is kept and close (never in a forked child: the parent owns `db`)."""
    if pid == os.getpid():
        _write(db, pending)
        with contextlib.suppress(Exception):
            db.close()


def _connect(path: Path) -> sqlite3.Connection:
    """The database at `path`, made if missing, made again if of another version or damaged."""
    private_folder(path.parent)
    try:
        return _open_schema(path)
    except _OtherVersion:
        pass
    except sqlite3.DatabaseError as problem:
        if getattr(problem, "sqlite_errorname", "") not in ("SQLITE_CORRUPT", "SQLITE_NOTADB"):
            raise
    for name in (path.name, f"{path.name}-wal", f"{path.name}-shm", f"{path.name}-journal"):
        cache_unlink(path.parent / name)
    return _open_schema(path)


def private_file(path: Path) -> None:
    """Make a database file 0600 before SQLite opens it (it holds private text)."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT, FILE_MODE)
    os.close(fd)
    os.chmod(path, FILE_MODE)


def _open_schema(path: Path) -> sqlite3.Connection:
    private_file(path)
    db = sqlite3.connect(path, timeout=BUSY_SECONDS, isolation_level=None)
    try:
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version == 0 and not db.execute("SELECT 1 FROM sqlite_master").fetchone():
            db.execute("PRAGMA journal_mode = WAL")  # readers never wait for a writer
            db.executescript(f"BEGIN IMMEDIATE;{_TABLE}PRAGMA user_version = {SCHEMA};COMMIT;")
        elif version != SCHEMA:
            raise _OtherVersion(f"schema {version}, not {SCHEMA}")
        db.execute("PRAGMA synchronous = OFF")  # a crash at worst damages it: made again
    except BaseException:
        db.close()
        raise
    return db


class _OtherVersion(Exception):
    """A database made by another version of mentorlog: made again."""
