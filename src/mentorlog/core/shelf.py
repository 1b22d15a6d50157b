"""A shelf: a folder of one-entity files (`goals/`, `commitments/`, `journey/`).

Read, it is a list in the order the entities were made; saved, only the files whose data
changed are written, so a write costs what it changes, not the history it sits beside.
The store says which folder and which models; this module knows no names.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Generic, Protocol, TypeVar

from pydantic import BaseModel

from mentorlog.core.errors import BrokenFile
from mentorlog.core.files import (
    model_to_toml,
    read_model,
    refuse_linked_folder,
    regular_file,
    same,
    write_model,
)

E = TypeVar("E", bound=BaseModel)


class Place(Protocol):
    """Where a shelf's files are: the store's knowledge, lent to the shelf."""

    folder: Path
    home: Path

    def path(self, entity_id: str) -> Path: ...

    def at(self, name: str) -> Path:
        """The file called `name` (as listed) in the shelf's folder."""
        ...

    def listing(self) -> list[os.DirEntry[str]]: ...


Key = Any  # a file's stat, as the reader understands it (core/cache.py's key)


class Reader(Protocol):
    """How a file becomes its record: the store's cache, or a parse."""

    def read(self, path: Path, record: type[E], stat: os.stat_result | None) -> E: ...

    def cold(self, folder: str, name: str, record: type[E], stat: os.stat_result) -> str | None:
        """The id a file holds if it is known unchanged and not open (a listing of what
        is open passes it by unread); None to read it."""
        ...


class Parse:
    """A reader with no cache: every file is parsed."""

    def read(self, path: Path, record: type[E], stat: os.stat_result | None) -> E:
        return read_model(path, record)

    def cold(self, folder: str, name: str, record: type[E], stat: os.stat_result) -> str | None:
        return None


FILE_KEYS = ("schema_version", "added")  # in each file, never in the entity services see
_V1_NUMBER = re.compile(r"^[a-z]([1-9][0-9]*)$")
_last_stamp = datetime.min.replace(tzinfo=UTC)


def stamp() -> datetime:
    """Now, UTC, strictly after the last stamp this process gave (entities made in one
    operation keep the order they were made in)."""
    global _last_stamp
    now = datetime.now(UTC)
    _last_stamp = max(now, _last_stamp + timedelta(microseconds=1))
    return _last_stamp


def _order(day: Any, added: Any, entity_id: str) -> tuple[Any, ...]:
    """Made-on order: the day, then the moment recorded (files without one, v1's, first),
    then v1's number (`a2` before `a12`), then the id."""
    v1 = _V1_NUMBER.match(entity_id)
    moment = added if isinstance(added, datetime) else datetime.min.replace(tzinfo=UTC)
    return (day, moment, int(v1.group(1)) if v1 else 0, entity_id)


class Shelf(Generic[E]):
    """One folder of entity files, and what each file held when this process read it."""

    def __init__(
        self,
        place: Place,
        record: type[E],
        entity: type[E],
        day: str,
        reader: Reader | None = None,
    ) -> None:
        self.place, self.folder = place, place.folder
        self.record, self.entity, self.day = record, entity, day
        self.reader = reader or Parse()
        self.seen: dict[Path, E] = {}  # each file's record as read (dumped only to save)

    def path(self, entity_id: str) -> Path:
        return self.place.path(entity_id)

    def files(self) -> list[tuple[str, os.stat_result | None]]:
        """The names of the entity files on the shelf, each with its stat when it is a
        plain file (one system call per file); links into the home are followed,
        anything else refused."""
        if not refuse_linked_folder(self.folder).is_dir():
            return []
        found: list[tuple[str, os.stat_result | None]] = []
        for entry in self.place.listing():
            if entry.is_symlink() or not entry.is_file(follow_symlinks=False):
                if regular_file(self.place.at(entry.name), self.place.home):
                    found.append((entry.name, None))
                continue
            try:
                found.append((entry.name, entry.stat(follow_symlinks=False)))
            except FileNotFoundError:  # gone since the folder was listed
                continue
        return found

    def load_all(self, open_only: bool = False, problems: list[str] | None = None) -> list[E]:
        """Every entity on the shelf, in the order made; with `open_only`, a file the cache
        knows as closed (a commitment done, a goal achieved) is passed by unread. Given
        `problems` (a listing), a broken file is noted there and passed by; else it is
        the error."""
        files = self.files()
        if open_only:
            folder = str(self.folder)
            files = [(name, info) for name, info in files
                     if not self._closed(folder, name, info, problems is not None)]  # fmt: skip
        return self.load([(self.place.at(name), info) for name, info in files], problems)

    def _closed(
        self, folder: str, name: str, info: os.stat_result | None, lenient: bool = False
    ) -> bool:
        """Whether the cache knows the file as closed; a misnamed one is an error, or,
        when `lenient`, left for `load` to read and note."""
        if info is None:
            return False
        entity_id = self.reader.cold(folder, name, self.record, info)
        if entity_id is not None and f"{entity_id}.toml" != name:
            if lenient:
                return False
            raise _misnamed(self.place.at(name), entity_id)
        return entity_id is not None

    def load(
        self,
        files: Iterable[Path | tuple[Path, os.stat_result | None]],
        problems: list[str] | None = None,
    ) -> list[E]:
        loaded = []
        for each in files:
            path, info = each if isinstance(each, tuple) else (each, None)
            try:
                record = self._read(path, info)
            except BrokenFile as problem:
                if problems is None:
                    raise
                problems.append(str(problem))
                continue
            fields = record.__dict__
            key = _order(fields.get(self.day), fields.get("added"), _id_of(record))
            loaded.append((key, self._entity(record)))
        return [entity for _, entity in sorted(loaded, key=lambda pair: pair[0])]

    def _read(self, path: Path, info: os.stat_result | None) -> E:
        record = self.reader.read(path, self.record, info)
        entity_id = _id_of(record)
        if f"{entity_id}.toml" != path.name:
            raise _misnamed(path, entity_id)
        self.seen[path] = record
        return record

    def _entity(self, record: E) -> E:
        fields = {k: v for k, v in record.__dict__.items() if k not in FILE_KEYS}
        return self.entity.model_construct(**fields)

    def load_one(self, path: Path) -> E:
        return self.load([path])[0]

    def save(self, entities: Iterable[E]) -> list[Path]:
        """Write the entities whose data differs from their file; return what was written."""
        written = []
        for entity in entities:
            path = self.path(_id_of(entity))
            if self.save_one(entity, path):
                written.append(path)
        return written

    def save_one(self, entity: E, path: Path) -> bool:
        if path not in self.seen and regular_file(path, self.place.home):
            self.load_one(path)  # not read by this process: its `added` is kept
        record = self.seen.get(path)
        old = model_to_toml(record) if record is not None else None
        added = old.get("added") if old is not None else stamp()
        data = {**model_to_toml(entity), "schema_version": _version(self.record)}
        if added is not None:
            data["added"] = added
        if old is not None and same(old, data):
            return False
        fresh = self.record.model_validate(data)
        write_model(path, fresh)
        self.seen[path] = fresh
        return True

    def forget(self, path: Path) -> None:
        self.seen.pop(path, None)


def _version(record: type[BaseModel]) -> Any:
    return record.model_fields["schema_version"].default


_RENAMED = "a file's name is the id inside it: rename the file back, or copy it with a new id"


def _misnamed(path: Path, entity_id: str) -> BrokenFile:
    return BrokenFile(path, f"holds '{entity_id}', not the id its name says", hint=_RENAMED)


def _id_of(model: BaseModel) -> str:
    return str(model.__dict__["id"])
