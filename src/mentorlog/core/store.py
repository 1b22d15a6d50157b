"""The store: the only code that knows where a relationship's files live.

Layout (see docs/FORMAT.md):

    <home>/relationships/<slug>/relationship.toml
    <home>/relationships/<slug>/.lock
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from mentorlog.core.errors import AlreadyExists, BrokenFile, MentorlogError, NotFound
from mentorlog.core.files import FILE_MODE, ensure_private_dir, read_model, write_model
from mentorlog.core.models import Relationship
from mentorlog.core.slugs import SLUG_RE, check_slug

LOCK_TIMEOUT = 15.0
RELATIONSHIP_FILE = "relationship.toml"


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
        lock = FileLock(folder / ".lock", timeout=LOCK_TIMEOUT, mode=FILE_MODE)
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
