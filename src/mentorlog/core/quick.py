"""Quick, light answers about a home: where it is, where its cache is, and (for shell
completion) the names in it. Nothing here loads Pydantic or the store.

Completion runs the whole CLI at every Tab, so what it reads must cost nearly nothing:
the relationship folders' names and each one's `slug` line, the search index in the
cache when there is one (ids with their titles, one query), and file names otherwise.
Like core/store.py, this module reads core/layout.py (tests/test_layout.py); it never
writes, and a file it cannot read is left out, never an error.
"""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Iterable
from contextlib import closing
from pathlib import Path
from typing import NamedTuple

import mentorlog
from mentorlog.core import ids
from mentorlog.core.cacheplace import data_root, place_text
from mentorlog.core.errors import InvalidInput
from mentorlog.core.layout import (
    COMMITMENTS_DIR,
    ENTITY_NAME,
    FOLDER_NAME,
    GOALS_DIR,
    JOURNEY_DIR,
    PROMPTS_DIR,
    RECAPS_DIR,
    REFLECTIONS_DIR,
    RELATIONSHIP_FILE,
    RELATIONSHIPS_DIR,
)

HOME_ENV = "MENTORLOG_HOME"
INDEX_DB = "index.sqlite3"  # the search index, in the cache folder (core/index.py)
PARSED_DB = "parsed.sqlite3"  # the parsed-file cache, beside it (core/cache.py)
_SLUG_LINE = re.compile(r"""^slug\s*=\s*["']([a-z0-9-]+)["']""", re.MULTILINE)
_DATED_ID = re.compile(r"^\d{4}-\d{2}-\d{2}-(?:.*-)?(?P<id>[sf][0-9a-z]{10})\.md$")
TITLED = 200  # ids offered with their titles at most; more are offered bare, at once
_FOLDERS = {"goal": GOALS_DIR, "commitment": COMMITMENTS_DIR, "recap": RECAPS_DIR}


class Named(NamedTuple):
    """Something to complete: what to type, and a few words about it."""

    value: str
    about: str = ""


def resolve_home(flag: Path | None, environ: dict[str, str] | None = None) -> Path:
    """`--home` beats `MENTORLOG_HOME`, which beats the platform's user data dir."""
    env = os.environ if environ is None else environ
    try:
        if flag is not None:
            return flag.expanduser().absolute()
        if env.get(HOME_ENV):
            return Path(env[HOME_ENV]).expanduser().absolute()
    except RuntimeError:  # "~someone" for a user that does not exist
        given = flag if flag is not None else env.get(HOME_ENV)
        raise InvalidInput(f"cannot find the folder '{given}'") from None
    return Path(data_root())


def slugs(home: Path) -> list[Named]:
    """Each relationship's slug (from its file's `slug` line, else its folder's name)."""
    found = []
    for folder in _folders(home):
        born = FOLDER_NAME.match(folder.name)
        if born is None:
            continue
        try:
            said = _SLUG_LINE.search((folder / RELATIONSHIP_FILE).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError):
            continue  # not a relationship (or not readable): nothing to offer
        found.append(Named(said.group(1) if said else born.group("slug")))
    return sorted(set(found))


def prompt_sets(home: Path) -> list[Named]:
    """The prompt sets' names: the shipped ones and the person's own."""
    shipped = Path(mentorlog.__file__).parent / PROMPTS_DIR
    return sorted({Named(path.stem) for place in (shipped, home / PROMPTS_DIR)
                   for path in _listing(place) if path.suffix == ".toml"})  # fmt: skip


def entry_ids(
    home: Path, kinds: Iterable[str], typed: str = "", open_only: bool = False
) -> list[Named]:
    """Short ids of the entries of these kinds (recap, reflection, goal, commitment,
    milestone) that start with `typed`; titled, from the search index, when few match.
    `open_only` leaves out the commitments the parsed-file cache knows are closed."""
    wanted = set(kinds)
    index = Path(place_text(str(home))) / INDEX_DB
    try:
        with closing(_read_only(index)) as db:
            found = _from_index(db, wanted, typed.lower())
    except (sqlite3.Error, ValueError):  # no index yet (or one being rebuilt): file names
        found = []
    if not found or "milestone" in wanted:
        found = [Named(key) for key in _from_files(home, wanted)]
    shortener = ids.Shortener(name.value for name in found)  # short among all, closed too
    closed = _closed_commitments(home) if open_only else set()
    return sorted(
        Named(shortener(name.value), name.about)
        for name in found
        if name.value.startswith(typed.lower()) and name.value not in closed
    )


def _read_only(db: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True, timeout=0.2)


def _closed_commitments(home: Path) -> set[str]:
    """The ids of commitments the parsed-file cache read as closed (done or dropped) and
    whose files have not changed since (every stat field as it was). No cache: none."""
    pattern = f"%{os.sep}{COMMITMENTS_DIR}"
    query = (
        "SELECT path, mtime_ns, ctime_ns, size, inode, name FROM parsed"
        " WHERE hot = 0 AND folder LIKE ?"
    )
    try:
        with closing(_read_only(Path(place_text(str(home))) / PARSED_DB)) as db:
            rows = db.execute(query, (pattern,)).fetchall()
    except (sqlite3.Error, ValueError):
        return set()
    return {name for path, *key, name in rows if _stat(path) == tuple(key)}


def _stat(path: str) -> tuple[int, ...]:
    try:
        info = Path(path).stat()
    except OSError:
        return ()
    return (info.st_mtime_ns, info.st_ctime_ns, info.st_size, info.st_ino)


def _from_index(db: sqlite3.Connection, kinds: set[str], typed: str) -> list[Named]:
    """Every id of these kinds in the index, and the titles of those `typed` starts."""
    marks = ", ".join("?" * len(kinds))
    rows = db.execute(
        f"SELECT short_key, rowid FROM docs WHERE kind IN ({marks}) AND short_key != ''",
        sorted(kinds),
    ).fetchall()
    chosen = {rowid: key for key, rowid in rows if key.startswith(typed)}
    titles: dict[str, str] = {}
    if 0 < len(chosen) <= TITLED:
        query = (
            "SELECT rowid, coalesce(nullif(title, ''), substr(body, 1, 120)) FROM fts "
            f"WHERE rowid IN ({', '.join('?' * len(chosen))})"
        )
        for rowid, title in db.execute(query, list(chosen)):
            titles[chosen[rowid]] = " ".join(str(title).split())[:60]
    return [Named(key, titles.get(key, "")) for key, _ in rows]


def _from_files(home: Path, kinds: set[str]) -> list[str]:
    """From file names alone: an id is in each entry's name."""
    places = [folder / _FOLDERS[kind] for folder in _folders(home) for kind in kinds
              if kind in _FOLDERS]  # fmt: skip
    places += [home / JOURNEY_DIR] if "milestone" in kinds else []
    places += [home / REFLECTIONS_DIR] if "reflection" in kinds else []
    found = []
    for place in places:
        for path in _listing(place):
            named = ENTITY_NAME.match(path.name) or _DATED_ID.match(path.name)
            if named:
                found.append(named.group("id"))
    return found


def _folders(home: Path) -> list[Path]:
    return [path for path in _listing(home / RELATIONSHIPS_DIR) if path.is_dir()]


def _listing(folder: Path) -> list[Path]:
    try:
        return sorted(folder.iterdir())
    except OSError:
        return []
