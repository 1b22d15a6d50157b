"""What search finds: the text people wrote, one `Document` per entry.

A file gives a list of documents (today one each: a recap, a goal, a commitment; the
shared goals and actions files of older versions gave many); the store lists the files
(`Store.text_files`) and reads them with its own load functions, so a file that does not
parse is the same `BrokenFile` here as in every other command.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Literal

from mentorlog.core import ids
from mentorlog.core.errors import BrokenFile
from mentorlog.core.models import Action, Goal
from mentorlog.core.store import Store, TextFile, TextKind

Kind = Literal["recap", "reflection", "goal", "commitment", "agreement", "checkin", "relationship"]
KINDS: tuple[Kind, ...] = (
    "recap", "reflection", "goal", "commitment", "agreement", "checkin", "relationship"
)  # fmt: skip


@dataclass(frozen=True)
class Document:
    id: str
    kind: Kind
    slug: str  # the relationship it belongs to ("" for a reflection about mentoring)
    date: str  # ISO day, or "" (an agreement never edited)
    title: str
    text: str
    path: Path


# The random part of a recap's, check-in's or reflection's name (`2026-03-15-s7fk2qm4x9f`).
_RANDOM_PART = re.compile(rf"-([shf][{ids.ALPHABET}]{{{ids.LENGTH}}})$")


def short_key(kind: Kind, an_id: str) -> str:
    """What a document's short form is a prefix of (as `mentorlog read` takes it): a
    goal's or commitment's id, the random id in a recap's, check-in's or reflection's
    name; "" for the others (v1 names and agreements, shown whole)."""
    if kind in ("goal", "commitment"):
        return an_id
    match = _RANDOM_PART.search(an_id) if kind not in ("agreement", "relationship") else None
    return match.group(1) if match else ""


def _day(value: date | None) -> str:
    return value.isoformat() if value else ""


def _join(parts: Iterable[str]) -> str:
    """Pieces of text, one paragraph each, in one normal form (NFC) so that an accent
    typed two ways is found either way."""
    return unicodedata.normalize("NFC", "\n\n".join(part for part in parts if part.strip()))


def _recap(store: Store, slug: str, path: Path) -> list[Document]:
    recap = store.load_recap(path)
    text = _join([recap.body, *recap.takeaways, *recap.decisions])
    return [Document(recap.id, "recap", slug, _day(recap.date), "", text, path)]


def _reflection(store: Store, slug: str, path: Path) -> list[Document]:
    reflection = store.load_reflection(path)
    text = _join([*(entry.answer for entry in reflection.entries), reflection.body])
    title = _join([reflection.title or reflection.set])
    day = _day(reflection.date)
    return [Document(reflection.id, "reflection", reflection.relationship, day, title, text, path)]


def _checkin(store: Store, slug: str, path: Path) -> list[Document]:
    checkin = store.load_checkin(path)
    text = _join(checkin.notes.values())
    return (
        [Document(checkin.id, "checkin", slug, _day(checkin.date), "", text, path)] if text else []
    )


def _goal(store: Store, slug: str, path: Path) -> list[Document]:
    if not store.present(path):  # a link out of the home is a BrokenFile here
        return []
    goal: Goal = store.shelf_of(path).load_one(path)
    notes = [goal.why, goal.success, *(note.note for note in goal.history)]
    title = _join([goal.title])
    return [Document(goal.id, "goal", slug, _day(goal.created), title, _join(notes), path)]


def _commitment(store: Store, slug: str, path: Path) -> list[Document]:
    if not store.present(path):
        return []
    action: Action = store.shelf_of(path).load_one(path)
    text = _join([action.text])
    return [Document(action.id, "commitment", slug, _day(action.created), "", text, path)]


def _agreement(store: Store, slug: str, path: Path) -> list[Document]:
    agreement = store.load_agreement(slug)
    if agreement is None or not agreement.body.strip():
        return []
    day = _day(agreement.agreed or agreement.edited)
    return [
        Document(f"{slug}/agreement", "agreement", slug, day, "", _join([agreement.body]), path)
    ]


def _relationship(store: Store, slug: str, path: Path) -> list[Document]:
    """Who it is with and everything the walks asked: the partner's name, the purpose,
    the rapport and direction answers and the closing reflection."""
    r = store.load(slug)
    answers = [*r.rapport.model_dump().values(), *r.direction.model_dump().values()]
    closing = list(r.closing.model_dump(exclude={"date"}).values()) if r.closing else []
    text = _join([r.purpose, r.context, ", ".join(r.areas), *answers, *closing])
    day = _day(r.started)
    return [Document(f"{slug}/relationship", "relationship", slug, day, _join([r.partner]),
                     text, path)]  # fmt: skip


Reader = Callable[[Store, str, Path], list[Document]]
READERS: dict[TextKind, Reader] = {
    "relationship": _relationship,
    "recap": _recap,
    "reflection": _reflection,
    "checkin": _checkin,
    "goal": _goal,
    "commitment": _commitment,
    "agreement": _agreement,
}


def read(store: Store, kind: TextKind, slug: str, path: Path) -> list[Document]:
    """The documents in one file (BrokenFile if it cannot be read)."""
    return READERS[kind](store, slug, path)


# -- many files at once -------------------------------------------------------------------
Parsed = tuple[list["Document"], str]  # the documents, or "" and the problem
PARALLEL_FROM = 1000  # files; fewer are read faster than worker processes start
CHUNK = 250
_shared: Store | None = None  # the store, as forked worker processes see it


def read_all(store: Store, files: list[TextFile]) -> Iterator[Parsed]:
    """Each file's documents, or the problem that kept it from being read, in order, as
    they come (so years of notes are never all in memory at once). Many files (a first
    index) are read by one process per core, forked from this one; where that is not
    possible, one after another."""
    workers, given = min(os.cpu_count() or 1, 4), 0
    if len(files) >= PARALLEL_FROM and workers > 1:
        try:
            for parsed in _in_processes(store, files, workers):
                yield parsed
                given += 1
            return
        except (OSError, ValueError, RuntimeError):  # no fork here, or a pool that broke
            pass  # the rest is read here
    for file in files[given:]:
        yield _parsed(store, file)


def _parsed(store: Store, file: TextFile) -> Parsed:
    kind, slug, path = file
    try:
        return read(store, kind, slug, Path(path)), ""
    except BrokenFile as problem:
        return [], str(problem)


def _chunk(files: list[TextFile]) -> list[Parsed]:
    assert _shared is not None
    return [_parsed(_shared, file) for file in files]


def _in_processes(store: Store, files: list[TextFile], workers: int) -> Iterator[Parsed]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    global _shared
    _shared = store
    fork = multiprocessing.get_context("fork")  # ValueError where there is no fork
    chunks = [files[start : start + CHUNK] for start in range(0, len(files), CHUNK)]
    try:
        with ProcessPoolExecutor(workers, mp_context=fork) as pool:
            for done in pool.map(_chunk, chunks):
                yield from done
    finally:
        _shared = None
