"""The store: the only code that knows where a relationship's files live.

Layout (see docs/FORMAT.md):

    <home>/relationships/<slug>/relationship.toml
    <home>/relationships/<slug>/goals.toml
    <home>/relationships/<slug>/actions.toml
    <home>/relationships/<slug>/agreement.md
    <home>/relationships/<slug>/recaps/<YYYY-MM-DD>[-N].md
    <home>/relationships/<slug>/.lock
    <home>/.lock                       (held while allocating goal and action ids)
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from filelock import FileLock, Timeout

from mentorlog.core.errors import AlreadyExists, BrokenFile, MentorlogError, NotFound
from mentorlog.core.files import (
    FILE_MODE,
    ensure_private_dir,
    read_document,
    read_model,
    write_document,
    write_model,
)
from mentorlog.core.models import (
    ActionsFile,
    Agreement,
    GoalsFile,
    IdCounters,
    Recap,
    Relationship,
)
from mentorlog.core.slugs import SLUG_RE, check_slug

LOCK_TIMEOUT = 15.0
RELATIONSHIP_FILE = "relationship.toml"
IDS_FILE = "ids.toml"
GOALS_FILE = "goals.toml"
ACTIONS_FILE = "actions.toml"
AGREEMENT_FILE = "agreement.md"
RECAPS_DIR = "recaps"
RECAP_NAME = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:-(\d+))?\.md$")


class Store:
    def __init__(self, home: Path) -> None:
        self.home = home

    # -- places -------------------------------------------------------------------------
    @property
    def relationships_root(self) -> Path:
        return self.home / "relationships"

    def folder(self, slug: str) -> Path:
        folder = self.relationships_root / check_slug(slug)
        # check_slug already forbids separators and dots; this is a second fence.
        if folder.resolve().parent != self.relationships_root.resolve():
            raise MentorlogError(f"'{slug}' would leave the mentorlog home")
        return folder

    def relationship_file(self, slug: str) -> Path:
        return self.folder(slug) / RELATIONSHIP_FILE

    def ensure_home(self) -> None:
        ensure_private_dir(self.home)

    # -- locking ------------------------------------------------------------------------
    @contextmanager
    def locked(self, folder: Path) -> Iterator[None]:
        """Hold `folder/.lock` so a read-modify-write in another process waits its turn."""
        ensure_private_dir(folder)
        # A singleton lock is re-entrant within this process, so nested holds are safe.
        lock = FileLock(folder / ".lock", timeout=LOCK_TIMEOUT, mode=FILE_MODE, is_singleton=True)
        try:
            with lock:
                yield
        except Timeout:
            raise MentorlogError(
                f"{folder} is busy: another mentorlog is writing there",
                "try again in a moment",
            ) from None

    # -- relationships ------------------------------------------------------------------
    def slugs(self) -> list[str]:
        root = self.relationships_root
        if not root.is_dir():
            return []
        return sorted(
            entry.name
            for entry in root.iterdir()
            if SLUG_RE.match(entry.name) and (entry / RELATIONSHIP_FILE).is_file()
        )

    def exists(self, slug: str) -> bool:
        return self.relationship_file(slug).is_file()

    def not_found(self, slug: str) -> NotFound:
        close = difflib.get_close_matches(slug, self.slugs(), n=3, cutoff=0.5)
        close += [s for s in self.slugs() if slug and slug in s and s not in close][:3]
        hint = (
            "did you mean " + " or ".join(f"'{s}'" for s in close[:3]) + "?"
            if close
            else "see `mentorlog list --status all`"
        )
        return NotFound(f"no relationship '{slug}'", hint)

    def load(self, slug: str) -> Relationship:
        path = self.relationship_file(slug)
        if not path.is_file():
            raise self.not_found(slug)
        return read_model(path, Relationship, slug=slug)

    def load_all(self) -> tuple[list[Relationship], list[BrokenFile]]:
        """Every readable relationship, and the problems with the rest."""
        good: list[Relationship] = []
        broken: list[BrokenFile] = []
        for slug in self.slugs():
            try:
                good.append(self.load(slug))
            except BrokenFile as problem:
                broken.append(problem)
        return good, broken

    def save(self, relationship: Relationship) -> None:
        write_model(self.relationship_file(relationship.slug), relationship, exclude={"slug"})

    def create(self, relationship: Relationship) -> None:
        ensure_private_dir(self.relationships_root)
        folder = self.folder(relationship.slug)
        try:
            os.mkdir(folder, 0o700)  # atomic: of two racing creates, one wins
        except FileExistsError:
            if (folder / RELATIONSHIP_FILE).exists():
                raise AlreadyExists(
                    f"a relationship '{relationship.slug}' already exists",
                    f"pick another name with --slug, or see `mentorlog show {relationship.slug}`",
                ) from None
        os.chmod(folder, 0o700)
        with self.locked(folder):
            self.save(relationship)

    def update(self, slug: str, change: Callable[[Relationship], None]) -> Relationship:
        """Load, change and save one relationship under its lock."""
        folder = self.folder(slug)
        if not (folder / RELATIONSHIP_FILE).is_file():
            raise self.not_found(slug)
        with self.locked(folder):
            relationship = self.load(slug)
            change(relationship)
            self.save(relationship)
        return relationship

    # -- goals, actions, agreement ------------------------------------------------------
    def load_goals(self, slug: str) -> GoalsFile:
        path = self.folder(slug) / GOALS_FILE
        return read_model(path, GoalsFile) if path.is_file() else GoalsFile()

    def save_goals(self, slug: str, goals: GoalsFile) -> None:
        write_model(self.folder(slug) / GOALS_FILE, goals)

    def load_actions(self, slug: str) -> ActionsFile:
        path = self.folder(slug) / ACTIONS_FILE
        return read_model(path, ActionsFile) if path.is_file() else ActionsFile()

    def save_actions(self, slug: str, actions: ActionsFile) -> None:
        write_model(self.folder(slug) / ACTIONS_FILE, actions)

    def load_agreement(self, slug: str) -> Agreement | None:
        path = self.folder(slug) / AGREEMENT_FILE
        return read_document(path, Agreement) if path.is_file() else None

    def save_agreement(self, slug: str, agreement: Agreement) -> None:
        write_document(self.folder(slug) / AGREEMENT_FILE, agreement)

    @contextmanager
    def ids_locked(self) -> Iterator[None]:
        """Held while a new goal or action id is chosen, so two processes never share one."""
        with self.locked(self.home):
            yield

    def allocate_ids(self, prefix: str, count: int, taken: set[str]) -> list[str]:
        """Fresh ids like g7 or a12, unique across the home. Caller holds `ids_locked`.

        A small counter file (`ids.toml`) saves reading every relationship; if it is
        missing or unreadable it is rebuilt from the files themselves.
        """
        path = self.home / IDS_FILE
        key = f"next_{'goal' if prefix == 'g' else 'action'}"
        try:
            counters = read_model(path, IdCounters) if path.is_file() else None
        except BrokenFile:
            counters = None
        if counters is None:
            counters = self._count_ids()
        number = getattr(counters, key)
        made: list[str] = []
        while len(made) < count:
            candidate = f"{prefix}{number}"
            number += 1
            if candidate not in taken:  # a hand edit may have used it already
                made.append(candidate)
        setattr(counters, key, number)
        write_model(path, counters)
        return made

    def _count_ids(self) -> IdCounters:
        goals = [g.id for slug in self.slugs() for g in self.load_goals(slug).goals]
        actions = [a.id for slug in self.slugs() for a in self.load_actions(slug).actions]
        return IdCounters(
            next_goal=max((int(i[1:]) for i in goals), default=0) + 1,
            next_action=max((int(i[1:]) for i in actions), default=0) + 1,
        )

    # -- recaps -------------------------------------------------------------------------
    def recap_paths(self, slug: str) -> list[Path]:
        """Recap files in meeting order (their names begin with the meeting date)."""
        folder = self.folder(slug) / RECAPS_DIR
        if not folder.is_dir():
            return []
        named = [(RECAP_NAME.match(p.name), p) for p in folder.iterdir()]
        ordered = sorted(
            ((m.group(1), int(m.group(2) or 1), p) for m, p in named if m), key=lambda t: t[:2]
        )
        return [path for _, _, path in ordered]

    def load_recap(self, path: Path) -> Recap:
        return read_document(path, Recap, id=path.stem)

    def load_recaps(self, slug: str) -> list[Recap]:
        return [self.load_recap(path) for path in self.recap_paths(slug)]

    def latest_recap(self, slug: str) -> Recap | None:
        paths = self.recap_paths(slug)
        return self.load_recap(paths[-1]) if paths else None

    def new_recap_id(self, slug: str, day: date) -> str:
        folder = self.folder(slug) / RECAPS_DIR
        stem, number = day.isoformat(), 1
        while (folder / f"{stem if number == 1 else f'{stem}-{number}'}.md").exists():
            number += 1
        return stem if number == 1 else f"{stem}-{number}"

    def save_recap(self, slug: str, recap: Recap) -> Path:
        path = self.folder(slug) / RECAPS_DIR / f"{recap.id}.md"
        write_document(path, recap, exclude={"id"})
        return path
