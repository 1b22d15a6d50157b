"""A disposable search index: SQLite (FTS5) in the user's cache folder, never the truth.

One database per home, in `<cache>/mentorlog/index/<hash of the home's path>/index.sqlite3`
(folder 0700, file 0600: it holds private text). The files stay the only source of truth:

- each search stats every file that holds text and re-reads only those whose
  (mtime_ns, size, inode) changed; rows of files that went are dropped; so a hand edit
  shows up in the next search and deleting the cache loses nothing;
- a file that does not parse is remembered with its problem (named at every search, as
  other commands name it) and holds no rows, so it never stops the search of the rest;
- a database of another schema version, or one SQLite calls corrupt, is built again;
- a cache that cannot be written (read-only, full, locked, a file where the folder
  should be) raises `Unavailable`, and the search reads the files instead.

Only this module and core/cache.py (the parsed-file cache beside it) import sqlite3.
See docs/design/search.md.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from mentorlog.core import documents
from mentorlog.core.cache import place_of, private_file, private_folder
from mentorlog.core.documents import Document
from mentorlog.core.files import plain_unlink
from mentorlog.core.query import MARK_END, MARK_START, SNIPPET_TOKENS, Term, fts5
from mentorlog.core.quick import INDEX_DB
from mentorlog.core.store import Store, TextFile

SCHEMA = 1
DB_NAME = INDEX_DB
BUSY_SECONDS = 2.0
ANNOUNCE_FROM = 500  # files to read before a search says it is building the index
# SQLite's primary result codes for a database that is not one, or is damaged.
_DAMAGED = {"SQLITE_CORRUPT", "SQLITE_NOTADB"}

_TABLES = """
CREATE TABLE files (
    path TEXT PRIMARY KEY, kind TEXT NOT NULL, slug TEXT NOT NULL,
    mtime_ns INTEGER NOT NULL, size INTEGER NOT NULL, inode INTEGER NOT NULL,
    problem TEXT NOT NULL DEFAULT ''
);
CREATE TABLE docs (
    rowid INTEGER PRIMARY KEY, path TEXT NOT NULL, id TEXT NOT NULL, kind TEXT NOT NULL,
    slug TEXT NOT NULL, date TEXT NOT NULL, short_key TEXT NOT NULL
);
CREATE INDEX docs_path ON docs(path);
CREATE INDEX docs_short_key ON docs(short_key);
CREATE VIRTUAL TABLE fts USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 2');
"""


class Unavailable(Exception):
    """The index cannot be used now; the reason is one line for a note on stderr."""


@dataclass(frozen=True)
class Filters:
    kind: str | None = None
    slug: str | None = None
    since: str | None = None  # ISO day


@dataclass(frozen=True)
class Found:
    document: Document
    snippet: str


@dataclass
class Refreshed:
    read: int = 0  # files read again
    dropped: int = 0  # files gone
    problems: list[str] = field(default_factory=list)  # one line per file not read


@cache
def fts5_available() -> bool:
    """Whether this Python's SQLite has FTS5 (some builds leave it out)."""
    try:
        with contextlib.closing(sqlite3.connect(":memory:")) as probe:
            probe.execute("CREATE VIRTUAL TABLE probe USING fts5(x)")
    except sqlite3.Error:
        return False
    return True


def location(home: Path) -> Path:
    """Where the index of `home` lives: one folder per home, named by its resolved path
    (beside the parsed-file cache, core/cache.py)."""
    return place_of(home) / DB_NAME


def _damaged(error: sqlite3.Error) -> bool:
    return getattr(error, "sqlite_errorname", "") in _DAMAGED


class Index:
    """An open index of one home's store."""

    def __init__(self, store: Store, path: Path, db: sqlite3.Connection) -> None:
        self.store = store
        self.path = path
        self.db = db
        self._next_rowid = 1

    # -- opening --------------------------------------------------------------------------
    @classmethod
    @contextlib.contextmanager
    def opened(cls, store: Store, rebuild: bool = False) -> Iterator[Index]:
        """The index of `store`'s home, built again if asked, of another version or
        damaged; Unavailable if there is no FTS5 or the cache cannot be written."""
        if not fts5_available():
            raise Unavailable("this Python's SQLite has no full-text search (FTS5)")
        path = location(store.home)
        try:
            db = cls._connect(path, rebuild)
        except (OSError, sqlite3.Error) as problem:
            raise Unavailable(f"cannot use the search index at {path}: {_why(problem)}") from None
        try:
            yield cls(store, path, db)
        finally:
            db.close()

    @classmethod
    def _connect(cls, path: Path, rebuild: bool) -> sqlite3.Connection:
        private_folder(path.parent)
        if not rebuild:
            try:
                return cls._open_schema(path)
            except sqlite3.Error as problem:
                if not (_damaged(problem) or isinstance(problem, _OtherVersion)):
                    raise
        cls._remove(path)
        return cls._open_schema(path)

    @staticmethod
    def _open_schema(path: Path) -> sqlite3.Connection:
        private_file(path)
        db = sqlite3.connect(path, timeout=BUSY_SECONDS, isolation_level=None)
        try:
            db.execute("PRAGMA synchronous = OFF")  # a cache: a crash at worst damages it (rebuilt)
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version == 0 and not db.execute("SELECT 1 FROM sqlite_master").fetchone():
                db.executescript(f"BEGIN IMMEDIATE;{_TABLES}PRAGMA user_version = {SCHEMA};COMMIT;")
            elif version != SCHEMA:
                raise _OtherVersion(f"schema {version}, not {SCHEMA}")
        except BaseException:
            db.close()
            raise
        return db

    @staticmethod
    def _remove(path: Path) -> None:
        for name in (path.name, f"{path.name}-journal", f"{path.name}-wal", f"{path.name}-shm"):
            plain_unlink(path.parent / name)

    # -- refreshing -----------------------------------------------------------------------
    def refresh(self, announce: Callable[[int], None] | None = None) -> Refreshed:
        """Bring the index up to date with the files: stat them all, read the changed
        (`announce` is told how many first, when they are many). Unavailable if it
        cannot be written (the index is left as it was)."""
        listed, problems = self.store.text_files()
        done = Refreshed(problems=[str(problem) for problem in problems])
        try:
            self.db.execute("BEGIN IMMEDIATE")
            try:
                self._bring_up_to_date(listed, done, announce)
                self.db.execute("COMMIT")
            except BaseException:
                self.db.execute("ROLLBACK")
                raise
        except (OSError, sqlite3.Error) as problem:
            raise Unavailable(f"cannot update the search index: {_why(problem)}") from None
        return done

    def _bring_up_to_date(
        self, listed: list[TextFile], done: Refreshed, announce: Callable[[int], None] | None
    ) -> None:
        self._next_rowid = self.db.execute(
            "SELECT coalesce(max(rowid), 0) + 1 FROM docs"
        ).fetchone()[0]
        known = {
            row[0]: row[1:]
            for row in self.db.execute("SELECT path, slug, mtime_ns, size, inode FROM files")
        }
        changed = self._changed(listed, known)
        if announce is not None and len(changed) >= ANNOUNCE_FROM:
            announce(len(changed))
        parsed = documents.read_all(self.store, [file for file, _stat in changed])
        for (file, stat), (found, problem) in zip(changed, parsed, strict=True):
            self._store_file(file, stat, found, problem)
        done.read = len(changed)
        for gone in known:  # what the listing did not name
            self._forget(gone)
            done.dropped += 1
        self._follow_renames()
        done.problems += [
            problem
            for (problem,) in self.db.execute(
                "SELECT problem FROM files WHERE problem != '' ORDER BY path"
            )
        ]

    def _changed(
        self, listed: list[TextFile], known: dict[str, tuple[str, int, int, int]]
    ) -> list[tuple[TextFile, tuple[int, int, int]]]:
        """The files whose (mtime_ns, size, inode) are not what the index read, with
        their stats now; each listed file leaves `known`, so what stays there is gone."""
        changed = []
        for kind, slug, key in listed:
            before = known.pop(key, None)
            try:
                stat = os.lstat(key)
            except FileNotFoundError:
                continue  # gone since the listing
            now = (stat.st_mtime_ns, stat.st_size, stat.st_ino)
            if before is None or tuple(before[1:]) != now:
                if before is not None:
                    self._forget(key)
                changed.append(((kind, slug, key), now))
            elif before[0] != slug:  # the relationship was renamed
                self.db.execute("UPDATE files SET slug = ? WHERE path = ?", (slug, key))
                self.db.execute("UPDATE docs SET slug = ? WHERE path = ?", (slug, key))
        return changed

    def _store_file(
        self, file: TextFile, stat: tuple[int, int, int], found: list[Document], problem: str
    ) -> None:
        kind, slug, key = file
        self.db.execute(
            "INSERT INTO files VALUES (?, ?, ?, ?, ?, ?, ?)", (key, kind, slug, *stat, problem)
        )
        first = self._next_rowid
        self._next_rowid += len(found)
        numbered = list(enumerate(found, start=first))
        self.db.executemany(
            "INSERT INTO docs VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (n, key, d.id, d.kind, d.slug, d.date, documents.short_key(d.kind, d.id))
                for n, d in numbered
            ],
        )
        self.db.executemany(
            "INSERT INTO fts (rowid, title, body) VALUES (?, ?, ?)",
            [(n, doc.title, doc.text) for n, doc in numbered],
        )

    def _forget(self, key: str) -> None:
        self.db.execute(
            "DELETE FROM fts WHERE rowid IN (SELECT rowid FROM docs WHERE path = ?)", (key,)
        )
        self.db.execute("DELETE FROM docs WHERE path = ?", (key,))
        self.db.execute("DELETE FROM files WHERE path = ?", (key,))

    def _follow_renames(self) -> None:
        """A reflection names its relationship by the slug it was written with; after a
        rename that is an old slug, which the store resolves to the current one."""
        rows = self.db.execute(
            "SELECT DISTINCT slug FROM docs WHERE kind = 'reflection' AND slug != ''"
        ).fetchall()
        for (slug,) in rows:
            current = self.store.current_slug(slug)
            if current != slug:
                self.db.execute(
                    "UPDATE docs SET slug = ? WHERE kind = 'reflection' AND slug = ?",
                    (current, slug),
                )

    # -- asking ---------------------------------------------------------------------------
    def search(self, terms: list[Term], filters: Filters, limit: int) -> tuple[list[Found], int]:
        """The first `limit` documents matching all `terms`, best first (bm25, the title
        counting double), then newest first; and how many match in all."""
        where, values = _where(filters)
        matching = f"FROM fts JOIN docs ON docs.rowid = fts.rowid WHERE fts MATCH ?{where}"
        asked = (fts5(terms), *values)
        rows = self.db.execute(
            "SELECT docs.id, docs.kind, docs.slug, docs.date, docs.path, fts.title, "
            f"snippet(fts, -1, ?, ?, '…', {SNIPPET_TOKENS}) {matching} "
            "ORDER BY bm25(fts, 2.0, 1.0), docs.date DESC, docs.id LIMIT ?",
            (MARK_START, MARK_END, *asked, limit),
        )
        found = [
            Found(Document(i, kind, slug, day, title, "", Path(path)), snippet)
            for i, kind, slug, day, path, title, snippet in rows
        ]
        total = self.db.execute(f"SELECT count(*) {matching}", asked).fetchone()[0]
        return found, total

    def neighbours(self, keys: list[str]) -> set[str]:
        """The short keys (core/documents.py) next to each of `keys` in sorted order: all
        a short form must differ from to be unique among every document's."""
        found = set(keys)
        for key in keys:
            for query in (
                "SELECT max(short_key) FROM docs WHERE short_key < ? AND short_key != ''",
                "SELECT min(short_key) FROM docs WHERE short_key > ?",
            ):
                (near,) = self.db.execute(query, (key,)).fetchone()
                if near:
                    found.add(near)
        return found

    def count(self) -> tuple[int, int]:
        """(documents, files) in the index."""
        docs = self.db.execute("SELECT count(*) FROM docs").fetchone()[0]
        files = self.db.execute("SELECT count(*) FROM files").fetchone()[0]
        return docs, files


class _OtherVersion(sqlite3.DatabaseError):
    """A database made by another version of mentorlog: built again."""


def _where(filters: Filters) -> tuple[str, list[str]]:
    clauses, values = [], []
    for column, value, test in (
        ("kind", filters.kind, "="),
        ("slug", filters.slug, "="),
        ("date", filters.since, ">="),
    ):
        if value is not None:
            clauses.append(f" AND docs.{column} {test} ?")
            values.append(value)
    return "".join(clauses), values


def _why(problem: BaseException) -> str:
    if isinstance(problem, OSError):
        return problem.strerror or str(problem)
    return str(problem)
