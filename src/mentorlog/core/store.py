"""The store: the only code that knows where a relationship's files live.

The names and places themselves are in core/layout.py, which only this module imports;
every other module asks a `Store` for a place, a listing or a lock.
"""

from __future__ import annotations

import difflib
import functools
import os
import re
import tomllib
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from pydantic import BaseModel

from mentorlog.core import ids, layout, txn
from mentorlog.core.cache import Parsed, stat_key
from mentorlog.core.errors import (
    AlreadyExists,
    BrokenFile,
    InvalidInput,
    MentorlogError,
    NotFound,
    OldFormat,
)
from mentorlog.core.files import (
    DIR_MODE,
    FILE_MODE,
    _fsync_dir,
    atomic_write,
    atomic_write_bytes,
    ensure_private_dir,
    make_dir,
    read_document,
    read_model,
    read_text,
    read_toml,
    refuse_linked_folder,
    regular_file,
    remove_file,
    remove_tree,
    rename,
    validate,
    write_document,
    write_model,
)
from mentorlog.core.layout import (
    ACTIONS_FILE,
    AGREEMENT_FILE,
    BACKUP_PREFIX,
    CHECKINS_DIR,
    COMMITMENTS_DIR,
    CONFIG_FILE,
    DATED_NAME,
    DRAFT_BASE_SUFFIX,
    DRAFT_STAMP,
    DRAFTS_DIR,
    DRAFTS_SET_ASIDE,
    ENTITY_FOLDERS,
    ENTITY_NAME,
    FOLDER_NAME,
    GOALS_DIR,
    GOALS_FILE,
    IDS_FILE,
    JOURNEY_DIR,
    JOURNEY_FILE,
    LOCAL_DIR,
    LOCK_FILE,
    MANIFEST_FILE,
    MARKER_FILE,
    NETWORK_FILE,
    PROMPTS_DIR,
    RANDOM_PART,
    RECAPS_DIR,
    REFLECTION_ID,
    REFLECTIONS_DIR,
    RELATIONSHIP_FILE,
    RELATIONSHIPS_DIR,
    TRASH_DIR,
    TRASH_ID_SUFFIX,
    TRASH_NAME,
    TRASH_STAMP,
    UNTOUCHED,
    EntryKind,
    folder_slug,
    name_date,
    real_date,
)
from mentorlog.core.models import (
    MIGRATIONS,
    Action,
    ActionFile,
    ActionsFile,
    Agreement,
    Checkin,
    Goal,
    GoalFile,
    GoalsFile,
    HomeMarker,
    JourneyFile,
    Milestone,
    MilestoneFile,
    NetworkFile,
    PromptSet,
    Recap,
    Reflection,
    Relationship,
    TrashManifest,
)
from mentorlog.core.shelf import Shelf
from mentorlog.core.slugs import SLUG_RE, check_slug

if TYPE_CHECKING:
    from filelock import FileLock

__all__ = ["EntryFile", "EntryKind", "Shared", "Store", "TextFile", "TextKind"]

T = TypeVar("T")
SPLIT_MIGRATION = "m003_split_entities"
M = TypeVar("M", bound=BaseModel)
# Each kind kept one per file: the file's model, the entity services see, its day field.
SHELVES: dict[EntryKind, tuple[type[Any], type[Any], str]] = {
    "goal": (GoalFile, Goal, "created"),
    "commitment": (ActionFile, Action, "created"),
    "milestone": (MilestoneFile, Milestone, "date"),
}
LEGACY_FILES: tuple[tuple[str, EntryKind, str], ...] = (
    (GOALS_FILE, "goals", GOALS_DIR),
    (ACTIONS_FILE, "actions", COMMITMENTS_DIR),
)
LEGACY: dict[EntryKind, type[BaseModel]] = {
    "goals": GoalsFile,
    "actions": ActionsFile,
    "journey": JourneyFile,
}
LOCK_TIMEOUT = 15.0
# The home's local state, never synced: the one write lock, transactions in flight and
# the recent operations (core/txn.py).
LOCK_NAME = "lock"
TXN_DIR = "txn"
OPS_FILE = "ops.toml"
Shared = Literal["home", "reflections", "trash"]
# The files search reads, by what they hold (today one entry each).
TextKind = Literal[
    "relationship", "recap", "checkin", "agreement", "goal", "commitment", "reflection"
]
TextFile = tuple[TextKind, str, str]  # kind, slug, path
# `id = "g7"` on its own line, in an inline table or as a 'literal' string. It may also find
# one inside some text: a harmless extra (an id not drawn again, a short form one longer),
# and eight times as fast as checking what comes before `id`.
_ID_LINE = re.compile(r"""id\s*=\s*["']([gam][0-9a-z]+)["']""")


class Folders:
    """The relationship folders of a home: each one's slug and old slugs, by folder name."""

    def __init__(self) -> None:
        self.slug: dict[str, str] = {}
        self.aliases: dict[str, list[str]] = {}
        self.broken: list[BrokenFile] = []
        self.clashes: list[BrokenFile] = []

    @classmethod
    def read(cls, root: Path) -> Folders:
        index = cls()
        if not root.is_dir():
            return index
        for entry in sorted(root.iterdir()):
            if not FOLDER_NAME.match(entry.name):
                if entry.is_dir() and not entry.name.startswith("."):
                    index.broken.append(_unknown_folder(entry))
                continue
            try:
                refuse_linked_folder(entry)
            except BrokenFile as problem:
                index.broken.append(problem)
                continue
            if os.path.lexists(entry / RELATIONSHIP_FILE):
                index.slug[entry.name], index.aliases[entry.name] = _claims(entry)
        index.clashes = index._twice(root)
        return index

    def _twice(self, root: Path) -> list[BrokenFile]:
        """A slug two folders claim (made on two machines): named, with both folders."""
        problems = []
        for name, slug in self.slug.items():
            others = [other for other in self.holding(slug) if other != name]
            if others and name > others[0]:
                problems.append(
                    BrokenFile(
                        root / name / RELATIONSHIP_FILE,
                        f"has the slug '{slug}', as {root / others[0]} does",
                        hint=f"give one another slug: mentorlog edit {name} --slug NEW",
                    )
                )
        return problems

    def holding(self, slug: str) -> list[str]:
        return [name for name, held in self.slug.items() if held == slug]

    def find(self, typed: str) -> str | None:
        """The folder name of the relationship `typed` names: by slug, then by old slug,
        then a folder's own name. Two folders with that slug is an error naming both."""
        for matches in (
            self.holding(typed),
            [name for name, old in self.aliases.items() if typed in old],
        ):
            if len(matches) == 1:
                return matches[0]
            if len(matches) > 1:
                raise InvalidInput(
                    f"'{typed}' names more than one relationship: " + ", ".join(matches),
                    f"use a folder's name, or give one another slug: "
                    f"mentorlog edit {matches[-1]} --slug NEW",
                )
        return typed if typed in self.slug else None

    def find_other(self, typed: str, folder: Path) -> bool:
        """Whether another folder than `folder` claims `typed` (a slug, old slug or name)."""
        return any(
            name != folder.name and (typed in (held, name) or typed in self.aliases[name])
            for name, held in self.slug.items()
        )

    def claimed(self, typed: str) -> bool:
        return any(
            typed in (held, name) or typed in self.aliases[name] for name, held in self.slug.items()
        )

    def key(self, name: str) -> str:
        """What names the folder `name` unambiguously: its slug, else its own name."""
        slug = self.slug.get(name, folder_slug(name))
        return slug if self.holding(slug) == [name] else name


def _unknown_folder(folder: Path) -> BrokenFile:
    """A folder among the relationships that is not named as one (a copy made by hand,
    notes of one's own): never read, and named wherever it is passed by."""
    return BrokenFile(
        folder,
        "is not a relationship folder mentorlog can read (its name is not a slug, or "
        "a slug and an id)",
        hint="rename it to the relationship's slug (e.g. ada-lovelace), or move it out",
    )


def _claims(folder: Path) -> tuple[str, list[str]]:
    """A folder's slug and old slugs, read quickly; a file that does not say (v1) or
    cannot be read has the folder's name (loading it names any problem)."""
    born = folder_slug(folder.name)
    try:
        data = tomllib.loads((folder / RELATIONSHIP_FILE).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return born, []
    slug = data.get("slug", born)
    aliases = data.get("aliases", [])
    good = isinstance(slug, str) and SLUG_RE.match(slug) is not None
    old = [a for a in aliases if isinstance(a, str)] if isinstance(aliases, list) else []
    return (slug if good else born), old


_NEXT_LINE = re.compile(r"^next\s*=\s*(\d{4}-\d{2}-\d{2})", re.MULTILINE)


ORDERED_DRAWS = 10_000  # draws for an id that sorts after its day's others (_fresh_dated)


def _planned(path: Path) -> str:
    """The `next` date a recap plans (or ""), to order two recaps of one day: the one
    that plans further ahead came later. A quick look, not a parse; only for a day with
    two or more recaps, whose random names say nothing of their order."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""
    front = text.split("\n+++", 1)[0]
    match = _NEXT_LINE.search(front)
    return match.group(1) if match else ""


_ANY_NAME = re.compile(r"^[^.]")  # any name but a hidden one


def _named_files(folder: Path, suffix: str, pattern: re.Pattern[str]) -> list[str]:
    """The `<stem><suffix>` files in a folder whose stem is `pattern` (and begins with
    a real date, if it begins with digits), as plain strings, so a listing of ten
    thousand recaps stays a few milliseconds."""
    with os.scandir(folder) as entries:
        names = [entry.name for entry in entries if entry.name.endswith(suffix)]
    cut, base = len(suffix), f"{folder}{os.sep}"
    days: dict[str, bool] = {}
    return [
        base + name
        for name in names
        if pattern.match(name[:-cut])
        and (not name[:1].isdigit() or days.setdefault(name[:10], real_date(name[:10])))
    ]


EntryFileKind = Literal["recap", "checkin", "reflection"]


@dataclass(frozen=True)
class EntryFile:
    """A dated entry's file: its kind, relationship ("" for a reflection, which names its
    own), name without suffix (`2026-03-01-s7fk2qm4x9f`, v1's `2026-03-01-2`), and the
    random id in that name (`s7fk2qm4x9f`; "" for a v1 name)."""

    kind: EntryFileKind
    slug: str
    stem: str
    key: str
    folder: Path
    suffix: str

    @property
    def path(self) -> Path:
        return self.folder / f"{self.stem}{self.suffix}"

    @property
    def day(self) -> date:
        return name_date(self.stem)


_ENTRY_PLACES: tuple[tuple[EntryFileKind, str, str], ...] = (
    ("recap", RECAPS_DIR, ".md"),
    ("checkin", CHECKINS_DIR, ".toml"),
)
_KEY_PART = re.compile(f"[a-z]{RANDOM_PART}")


def _named(
    kind: EntryFileKind, folder: Path, suffix: str, pattern: re.Pattern[str], slug: str
) -> list[EntryFile]:
    """The entries in `folder`, from their names alone (strings, not paths: a home of ten
    years holds tens of thousands)."""
    if not refuse_linked_folder(folder).is_dir():
        return []
    found = []
    for name in os.listdir(folder):  # noqa: PTH208 - names, not ten thousand Paths
        stem = name[: -len(suffix)]
        if name.endswith(suffix) and pattern.match(stem) and real_date(stem[:10]):
            last = stem.rpartition("-")[2]
            key = last if _KEY_PART.fullmatch(last) else ""
            found.append(EntryFile(kind, slug, stem, key, folder, suffix))
    return found


class Store:
    def __init__(self, home: Path) -> None:
        self.home = home
        self._index: Folders | None = None
        self._shelves: dict[Path, Shelf[Any]] = {}
        self._parsed = Parsed(home)

    # -- the parsed-file cache (core/cache.py) ------------------------------------------
    def _cached(self, path: Path, cls: type[M], parse: Callable[[], M]) -> M:
        """A file's model, from the cache if the file did not change. Inside a write (a
        transaction) the file itself is read: a write starts from the truth and never
        waits on the cache, and only reads fill it."""
        if txn.active() is not None:
            return parse()
        return self._parsed.read(path, cls, parse)

    def _read_model(self, path: Path, cls: type[M]) -> M:
        return self._cached(path, cls, lambda: read_model(path, cls))

    @functools.cached_property
    def _reader(self) -> _ShelfReader:
        return _ShelfReader(self)

    def close(self) -> None:
        """Keep what this command read in the cache (at the end of a command)."""
        self._parsed.close()

    # -- places -------------------------------------------------------------------------
    @property
    def relationships_root(self) -> Path:
        return refuse_linked_folder(self.home / RELATIONSHIPS_DIR)

    def folder(self, slug: str) -> Path:
        """The folder of the relationship called `slug` (its slug, an old slug, or the
        folder's own name); for a name nobody holds, where a v1 folder of it would be."""
        found = self._folders().find(slug)
        name = found if found is not None else check_slug(slug)
        folder = refuse_linked_folder(self.relationships_root / name)
        # names are checked slugs or folder names listed from disk; this is a second fence.
        if folder.resolve().parent != self.relationships_root.resolve():
            raise MentorlogError(f"'{slug}' would leave the mentorlog home")
        return folder

    def subfolder(self, slug: str | None, name: str) -> Path:
        """A folder of a relationship (or of the home), never a link to elsewhere."""
        return refuse_linked_folder((self.folder(slug) if slug else self.home) / name)

    def drafts_folder(self, slug: str | None = None) -> Path:
        return self.subfolder(slug, DRAFTS_DIR)

    def draft_path(self, name: str, slug: str | None = None) -> Path:
        """Where the draft called `name` is kept: a relationship's, or the home's."""
        return self.drafts_folder(slug) / name

    @staticmethod
    def draft_base(draft: Path) -> Path:
        """Beside a kept editor draft: the text the editing started from."""
        return draft.with_name(draft.name + DRAFT_BASE_SUFFIX)

    @staticmethod
    def is_set_aside(path: Path) -> bool:
        """Whether `path` is a draft that was set aside (see `set_aside_place`)."""
        return path.parent.name == DRAFTS_SET_ASIDE

    @staticmethod
    def set_aside_place(draft: Path, now: datetime, number: int) -> Path:
        """Where a draft nobody took up goes: `set-aside/<name>-<time>[-N].<ext>` beside it."""
        stem, suffix = draft.name.split(".", 1) if "." in draft.name else (draft.name, "")
        dot = "." if suffix else ""
        stamp = now.strftime(DRAFT_STAMP) + ("" if number == 1 else f"-{number}")
        return draft.parent / DRAFTS_SET_ASIDE / f"{stem}-{stamp}{dot}{suffix}"

    @property
    def prompts_root(self) -> Path:
        """Where the person's own prompt sets live."""
        return self.home / PROMPTS_DIR

    def prompt_set_paths(self) -> list[Path]:
        folder = self.prompts_root
        return sorted(folder.glob("*.toml")) if folder.is_dir() else []

    def slug_of(self, path: Path) -> str:
        """The relationship a path inside a relationship's folder belongs to: its slug, or
        the folder's name where two folders claim that slug."""
        return self._folders().key(path.relative_to(self.relationships_root).parts[0])

    def slug_held_elsewhere(self, new_slug: str, slug: str) -> bool:
        """Whether a relationship other than `slug` has, or had, `new_slug`."""
        return self._folders().find_other(new_slug, self.folder(slug))

    def slug_in_use(self, slug: str) -> bool:
        """Whether a relationship has this slug now (an old one may be taken back)."""
        return bool(self._folders().holding(slug))

    def born_slug(self, slug: str) -> str:
        """The slug the relationship's folder was born with (a v1 file's slug)."""
        return folder_slug(self.folder(slug).name)

    def slug_taken(self, slug: str) -> bool:
        """Whether a relationship has this slug or had it once, or a folder this name."""
        return self._folders().claimed(slug) or (self.relationships_root / slug).exists()

    def entries(self, folder: Path | None = None) -> Iterator[Path]:
        """Every entry of the home (or below `folder`), links not followed, version control
        and the trash left out."""
        for entry in sorted((folder or self.home).iterdir()):
            if entry.name in UNTOUCHED:
                continue
            yield entry
            if entry.is_dir() and not entry.is_symlink():
                yield from self.entries(entry)

    def writable(self, path: Path) -> Path:
        """`path`, if writing there replaces a plain file or fills a free name; a folder or
        link in its place is named (a write would replace the link, or write elsewhere)."""
        if self.present(path) and path.is_symlink():
            raise BrokenFile(
                path,
                "is a link; saving replaces the whole file and would break the link",
                hint="put the file itself here in place of the link",
            )
        return path

    def present(self, path: Path) -> bool:
        """Whether `path` is there to read: False if missing, a BrokenFile if it is a
        folder, a dangling link, a link out of the home or anything but a plain file."""
        return regular_file(path, self.home)

    def relationship_file(self, slug: str) -> Path:
        return self.folder(slug) / RELATIONSHIP_FILE

    def entry_kind(self, path: Path) -> EntryKind | None:
        """What an entry of the home is for, judged by its place and name; None for a
        file or folder mentorlog does not know (so never shows)."""
        is_folder = path.is_dir() and not path.is_symlink()
        return layout.entry_kind(path.relative_to(self.home).parts, is_folder)

    # -- locking and transactions -------------------------------------------------------
    @property
    def _places(self) -> txn.Places:
        state = self.home / LOCAL_DIR
        return txn.Places(base=self.home, root=state / TXN_DIR, ops=state / OPS_FILE)

    @contextmanager
    def _locked(self, op: txn.Op | None = None) -> Iterator[None]:
        """Hold the home's one write lock (`.mentorlog/lock`) so a read-modify-write in
        another process waits its turn. The outermost hold is one transaction: everything
        written inside is kept together or not at all (core/txn.py); holds inside it are
        free. With `op`, an operation already stored (a retry) raises `AlreadyRecorded`."""
        current = txn.active()
        if current is not None:
            if op is not None and current.op is None:  # an outer hold made it one transaction
                txn.check_retry(self._places, op)
                current.op = op
            yield
            return
        from filelock import Timeout  # loaded by writes only: a read takes no lock

        ensure_private_dir(self.home / LOCAL_DIR)
        lock = self._file_lock()
        try:
            lock.acquire()
        except Timeout:
            raise MentorlogError(
                f"{self.home} is busy: another mentorlog is writing there",
                "try again in a moment",
            ) from None
        try:
            txn.recover(self._places)
            if op is not None:
                txn.check_retry(self._places, op)
            with txn.transaction(self._places, op):
                self.mark_new_home()  # a home's first write makes it a v2 home
                yield
        finally:
            lock.release()

    @property
    def _lock_path(self) -> Path:
        return self.home / LOCAL_DIR / LOCK_NAME

    def _file_lock(self) -> FileLock:
        from filelock import FileLock

        return FileLock(self._lock_path, timeout=LOCK_TIMEOUT, mode=FILE_MODE, is_singleton=True)

    # -- the home as a whole: mentorlog.toml ----------------------------------------------
    @property
    def marker_file(self) -> Path:
        return self.home / MARKER_FILE

    def load_marker(self) -> HomeMarker | None:
        """What `mentorlog.toml` says, or None where there is none (v1, or a new home)."""
        path = self.marker_file
        if not self.present(path):
            return None
        data, text = read_toml(path)
        return validate(HomeMarker, data, path, text)

    def save_marker(self, marker: HomeMarker) -> None:
        write_model(self.writable(self.marker_file), marker)

    def is_v1(self) -> bool:
        """A home with v1 data (relationships, or the id counter) and no mentorlog.toml."""
        if os.path.lexists(self.marker_file):
            return False
        root = self.home / RELATIONSHIPS_DIR
        has_folders = root.is_dir() and not root.is_symlink() and any(root.iterdir())
        return has_folders or os.path.lexists(self.home / IDS_FILE)

    def missing_migrations(self) -> list[str]:
        """The migrations this home has not had (all of them for a v1 home). A shared
        `goals.toml`, `actions.toml` or `journey.toml` in a split home (a sync from a
        machine that had not migrated) needs the split again: no command reads it."""
        if self.is_v1():
            return list(MIGRATIONS)
        marker = self.load_marker()
        had = set(marker.migrations) if marker else set(MIGRATIONS)  # a new home: none
        if marker is not None and self.stray_shared_files():
            had.discard(SPLIT_MIGRATION)
        return [name for name in MIGRATIONS if name not in had]

    def stray_shared_files(self) -> bool:
        """Whether a v1 shared file is in a live relationship or at the home's top."""
        root = self.home / RELATIONSHIPS_DIR
        if os.path.lexists(self.home / JOURNEY_FILE):
            return True
        if not root.is_dir() or root.is_symlink():
            return False
        names = (GOALS_FILE, ACTIONS_FILE)
        return any(os.path.lexists(folder / n) for folder in root.iterdir() for n in names)

    def old_format(self) -> OldFormat:
        """What to say of a home `missing_migrations` finds in an older format."""
        return OldFormat("v1" if self.is_v1() else "goals and commitments in shared files")

    def require_current(self) -> None:
        """Refuse a home in an older format (`mentorlog migrate` upgrades it) or a newer one."""
        if self.missing_migrations():
            raise self.old_format()

    def put_text(self, path: Path, text: str) -> None:
        """Write a new file of the home (a migration's), its folder made private."""
        ensure_private_dir(path.parent)
        atomic_write(path, text)

    def mark_new_home(self) -> None:
        """A home's first write makes it a v2 home: mentorlog.toml, every migration done."""
        if os.path.lexists(self.marker_file) or self.is_v1():
            return
        ensure_private_dir(self.home)
        self.save_marker(HomeMarker(migrations=list(MIGRATIONS)))

    # -- what a migration changes (core/migrations.py) -------------------------------------
    def relationship_keys(self) -> list[tuple[str, Path]]:
        """Each relationship (by what names it) and its file, a broken one included."""
        index = self._folders()
        root = self.relationships_root
        return [(index.key(name), root / name / RELATIONSHIP_FILE) for name in index.slug]

    @staticmethod
    def says_its_slug(path: Path) -> bool:
        """Whether a relationship.toml has its `slug` written in (v2) or not (v1)."""
        return "slug" in read_toml(path)[0]

    def counter_files(self) -> list[Path]:
        """v1's id counter and lock files, which v2 does without."""
        found = [self.home / IDS_FILE] if os.path.lexists(self.home / IDS_FILE) else []
        return found + [p for p in self.entries() if p.name == LOCK_FILE and p.is_file()]

    def backup_place(self, when: datetime) -> Path:
        """A fresh folder `.mentorlog/backup-v1-<UTC time>/` for the files a migration
        changes, kept at their places relative to the home."""
        stem = self.home / LOCAL_DIR / f"{BACKUP_PREFIX}{when.strftime(TRASH_STAMP)}"
        ensure_private_dir(stem.parent)
        folder, number = stem, 1
        while os.path.lexists(folder):  # a second migration within the second
            number += 1
            folder = stem.with_name(f"{stem.name}-{number}")
        make_dir(folder)
        return folder

    @staticmethod
    def drop_backup(backup: Path) -> None:
        """A backup whose files were all put back holds nothing new: it goes."""
        remove_tree(backup)

    def copy_within(self, path: Path, backup: Path) -> None:
        """Copy a file of the home to the same place under `backup`, mode and all."""
        target = backup / self.relative(path)
        ensure_private_dir(target.parent)
        atomic_write_bytes(target, path.read_bytes(), path.stat().st_mode & 0o777)

    def put_back(self, path: Path, backup: Path) -> None:
        """Put a file back as `copy_within` kept it (undoing an edit or a removal)."""
        kept = backup / self.relative(path)
        atomic_write_bytes(path, kept.read_bytes(), kept.stat().st_mode & 0o777)

    @staticmethod
    def remove(path: Path) -> None:
        remove_file(path)

    @staticmethod
    def remove_if_there(path: Path) -> None:
        if os.path.lexists(path):
            remove_file(path)

    def operation(self, op: txn.Op) -> AbstractContextManager[None]:
        """Hold the lock around one whole command (its checks too): one transaction,
        stored in `ops.toml` under `op`, so a retry of it writes nothing."""
        return self._locked(op)

    def recover(self) -> list[str]:
        """Finish or undo what a command that crashed left (before anything reads). One
        listing when there is nothing; a home we may not write is left as it is."""
        places = self._places
        if not txn.pending(places.root) or not os.access(places.root, os.W_OK):
            return []
        from filelock import Timeout

        try:
            with self._file_lock():
                return txn.recover(places)
        except (Timeout, OSError):
            return []

    def writing(self, *shared: Shared, op: txn.Op | None = None) -> AbstractContextManager[None]:
        """Hold the home's write lock while a write changes shared places ("home",
        "reflections", "trash": named for the reader; one lock covers them all)."""
        return self._locked(op)

    @contextmanager
    def locked_relationship(self, slug: str) -> Iterator[Path]:
        """Hold a relationship's lock, and make sure it still exists once held.

        A rename moves the folder; a writer that waited for the lock must not recreate
        the old folder and write into it, where nobody would see its work.
        """
        folder = self.folder(slug)
        if not self.present(folder / RELATIONSHIP_FILE):
            raise self.not_found(slug)
        try:
            with self._locked():
                if not self.present(folder / RELATIONSHIP_FILE):
                    raise self.not_found(slug)
                yield folder
        except FileNotFoundError:  # the folder went away before the lock was taken
            raise self.not_found(slug) from None

    # -- relationships ------------------------------------------------------------------
    def _folders(self) -> Folders:
        """Which folder holds which slug, read once per Store (a few small files)."""
        if self._index is None:
            self._index = Folders.read(self.relationships_root)
        return self._index

    def forget_folders(self) -> None:
        """Read the folders again at the next look-up (after one was made or moved)."""
        self._index = None
        self._shelves = {}

    def scan(self, clashing: bool = True) -> tuple[list[str], list[BrokenFile]]:
        """The relationships (by slug, or by folder name where two claim one slug), and
        the entries that look like one but cannot be read (a link to a folder elsewhere,
        a slug claimed twice); a folder whose relationship.toml is broken is listed, so
        that loading it names the problem. Without `clashing`, the folders that claim
        one slug are left out (a listing: their slug would name both), only named."""
        index = self._folders()
        claims = Counter(index.slug.values())
        keys = [index.key(name) for name, slug in index.slug.items()
                if clashing or claims[slug] == 1]  # fmt: skip
        return sorted(keys), index.broken + index.clashes

    def slug_clashes(self) -> list[BrokenFile]:
        """Each slug two relationship folders claim (made on two machines), named once."""
        return list(self._folders().clashes)

    def slugs(self) -> list[str]:
        return self.scan()[0]

    def exists(self, slug: str) -> bool:
        return os.path.lexists(self.relationship_file(slug))

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
        if not self.present(path):
            raise self.not_found(slug)
        data, text = read_toml(path)
        data.setdefault("slug", folder_slug(path.parent.name))  # a v1 file: the folder's name
        return validate(Relationship, data, path, text)

    def current_slug(self, slug: str) -> str:
        """The slug a relationship has now, for one it had once (a reflection keeps the
        slug it was written with); `slug` itself if no single relationship claims it."""
        index = self._folders()
        try:
            found = index.find(slug)
        except MentorlogError:
            return slug
        return index.slug[found] if found is not None else slug

    def load_all(self) -> tuple[list[Relationship], list[BrokenFile]]:
        """Every readable relationship, and the problems with the rest (a slug two
        folders claim is one: neither is loaded, as their slug would name both)."""
        good: list[Relationship] = []
        slugs, broken = self.scan(clashing=False)
        for slug in slugs:
            try:
                good.append(self.load(slug))
            except BrokenFile as problem:
                broken.append(problem)
        return good, broken

    def gather(
        self, slug: str | None, read: Callable[[str], T], problems: list[str]
    ) -> Iterator[tuple[Relationship, T]]:
        """Each relationship (or only `slug`) with what `read` gives for it.

        Across all relationships a broken relationship file (or folder) is noted in
        `problems` and skipped, so one bad file never hides the rest; for a single named
        one it is the error. What `read` does with a broken file inside is its own
        choice (listings pass `problems` on, to skip only that file).
        """
        slugs, broken = ([slug], []) if slug else self.scan(clashing=False)
        problems.extend(str(problem) for problem in broken)
        for each in slugs:
            try:
                yield self.load(each), read(each)
            except BrokenFile as problem:
                if slug:
                    raise
                problems.append(str(problem))

    def save(self, relationship: Relationship, slug: str | None = None) -> None:
        """Write a relationship's file; `slug` names it if its slug is being changed."""
        path = self.writable(self.relationship_file(slug or relationship.slug))
        write_model(path, relationship, exclude=None if relationship.aliases else {"aliases"})

    def create(self, relationship: Relationship) -> None:
        """Write a new relationship in a folder of its own, `<slug>.<pid>`; of two racing
        creates of one slug, exactly one wins."""
        slug = check_slug(relationship.slug)
        with self.writing("home"):
            ensure_private_dir(self.relationships_root)
            self.forget_folders()
            if self.slug_taken(slug):
                raise AlreadyExists(
                    f"a relationship '{slug}' already exists",
                    f"pick another name with --slug, or see `mentorlog show {slug}`",
                )
            folder = self._fresh(self.relationships_root, f"{slug}.", "p", "", RELATIONSHIP_FILE)
            ensure_private_dir(folder)
            write_model(self.writable(folder / RELATIONSHIP_FILE), relationship, {"aliases"})
            self.forget_folders()

    def update(self, slug: str, change: Callable[[Relationship], None]) -> Relationship:
        """Load, change and save one relationship under its lock."""
        with self.locked_relationship(slug):
            relationship = self.load(slug)
            change(relationship)
            self.save(relationship, slug)
        return relationship

    def rename(self, slug: str, new_slug: str) -> None:
        """Give a relationship a new slug: the field changes and the old slug joins its
        aliases, so reflections and people who type it still find it. The folder (and
        the drafts in it) stays where it is."""
        check_slug(new_slug)
        with self.writing("home"), self.locked_relationship(slug):
            self.forget_folders()
            if self.slug_held_elsewhere(new_slug, slug):
                raise AlreadyExists(f"a relationship '{new_slug}' already exists")
            relationship = self.load(slug)
            old = relationship.slug
            relationship.aliases = [
                *[a for a in relationship.aliases if a not in (old, new_slug)],
                *([old] if old != new_slug else []),
            ]
            relationship.slug = new_slug
            self.save(relationship, slug)
            self.forget_folders()

    def replace_relationship_text(self, slug: str, text: str, original: str | None) -> None:
        """Store a hand-edited relationship file exactly as written; with `original` (the
        text the editing started from), refuse if the file changed in the meantime."""
        with self.locked_relationship(slug):
            path = self.relationship_file(slug)
            if original is not None and read_text(path) != original:
                raise MentorlogError(
                    f"{path} changed while you were editing",
                    "run `mentorlog edit` again; your text is kept",
                )
            atomic_write(path, text)

    # -- goals, actions, agreement ------------------------------------------------------
    def _shelf(self, folder: Path, kind: EntryKind) -> Shelf[Any]:
        shelf = self._shelves.get(folder)
        if shelf is None:
            record, entity, day = SHELVES[kind]
            place = _EntityPlace(folder, self.home)
            shelf = self._shelves[folder] = Shelf(place, record, entity, day, self._reader)
        return shelf

    def goal_shelf(self, slug: str) -> Shelf[Goal]:
        return self._shelf(self.folder(slug) / GOALS_DIR, "goal")

    def action_shelf(self, slug: str) -> Shelf[Action]:
        return self._shelf(self.folder(slug) / COMMITMENTS_DIR, "commitment")

    def milestone_shelf(self) -> Shelf[Milestone]:
        return self._shelf(self.home / JOURNEY_DIR, "milestone")

    def shelf_of(self, path: Path) -> Shelf[Any]:
        """The shelf a goal, commitment or milestone file belongs on."""
        kind = ENTITY_FOLDERS.get(path.parent.name)
        if kind is None:
            raise MentorlogError(f"{path} is not a goal, commitment or milestone file")
        return self._shelf(path.parent, kind)

    def load_goals(
        self, slug: str, open_only: bool = False, problems: list[str] | None = None
    ) -> GoalsFile:
        """The relationship's goals; `open_only` may leave out ones achieved or dropped
        (for listings: the cache passes closed ones by; a write gets them all). Given
        `problems` (a listing), a broken goal file is noted there and the rest are read."""
        shelf = self.goal_shelf(slug)
        return GoalsFile.model_construct(goals=shelf.load_all(open_only, problems))

    def save_goals(self, slug: str, goals: GoalsFile) -> None:
        """Write the goals that changed (each is its own file); removes none."""
        self.goal_shelf(slug).save(goals.goals)

    def load_actions(
        self, slug: str, open_only: bool = False, problems: list[str] | None = None
    ) -> ActionsFile:
        """The relationship's commitments; `open_only` may leave out closed ones (a
        listing's filter still applies: those the cache does not know are read). Given
        `problems`, a broken file is noted there and the rest are read."""
        shelf = self.action_shelf(slug)
        return ActionsFile.model_construct(actions=shelf.load_all(open_only, problems))

    def save_actions(self, slug: str, actions: ActionsFile) -> None:
        """Write the commitments that changed (each is its own file); removes none."""
        self.action_shelf(slug).save(actions.actions)

    def load_agreement(self, slug: str) -> Agreement | None:
        path = self.folder(slug) / AGREEMENT_FILE
        return read_document(path, Agreement) if self.present(path) else None

    def save_agreement(self, slug: str, agreement: Agreement) -> None:
        write_document(self.writable(self.folder(slug) / AGREEMENT_FILE), agreement)

    def ids_locked(self) -> AbstractContextManager[None]:
        """Held while a new goal or action id is chosen, so two processes never share one."""
        return self._locked()

    def known_ids(self) -> set[str]:
        """Every goal, commitment and milestone id in the home, the trash included (a
        deleted one may come back). Read from file names, and from the id lines of what
        is in the trash, not a parse, so it is cheap and a broken file still counts."""
        found: set[str] = set()
        shelves: list[Shelf[Any]] = [self.milestone_shelf()]
        for slug in self.slugs():
            shelves += [self.goal_shelf(slug), self.action_shelf(slug)]
        for shelf in shelves:
            if shelf.folder.is_dir() and not shelf.folder.is_symlink():
                found.update(m.group("id") for m in map(ENTITY_NAME.match, _names(shelf)) if m)
        trash = self.home / TRASH_DIR
        if trash.is_dir() and not trash.is_symlink():
            for path in trash.rglob("*.toml"):
                if path.is_file() and not path.is_symlink():
                    text = path.read_text(encoding="utf-8", errors="replace")
                    found.update(_ID_LINE.findall(text))
        return found

    def new_ids(self, letter: str, count: int, taken: set[str] | None = None) -> list[str]:
        """Fresh random ids of one kind (`a7fk2qm4x9f`), none already used in the home.

        No counter is shared, so two machines never choose the same id; drawing again on
        the (one in ten million) chance of a clash keeps this home's ids unique too.
        """
        used = self.known_ids() | (taken or set())
        made: list[str] = []
        while len(made) < count:
            candidate = ids.mint(letter)
            if candidate not in used:
                used.add(candidate)
                made.append(candidate)
        return made

    def shortener(self) -> ids.Shortener:
        """The short forms (`a7f`) of every id in the home, for one command's output."""
        return ids.Shortener(self.known_ids())

    @staticmethod
    def _fresh(folder: Path, before: str, letter: str, after: str, inside: str = "") -> Path:
        """A place named with a freshly minted id, drawn again if it is taken. With
        `inside`, a folder without that file is free: an interrupted write left it."""
        while True:
            path = folder / f"{before}{ids.mint(letter)}{after}"
            if not os.path.lexists(path / inside if inside else path):
                return path

    @staticmethod
    def _fresh_dated(folder: Path, day: date, letter: str, suffix: str) -> Path:
        """`<day>-<id><suffix>`, with an id drawn until its name sorts after every other
        entry of that day in `folder`: entries carry a date but no time, so the names of
        one day keep the order they were written in (a listing's order within a day).
        With k entries that day a draw fits about once in k+1; after many misses (a day
        whose last name is near the end of the alphabet), any free name."""
        before = f"{day.isoformat()}-"
        try:
            names = [n for n in os.listdir(folder) if n.startswith(before)]  # noqa: PTH208
        except OSError:
            names = []
        last = max(names, default="")
        for _ in range(ORDERED_DRAWS):
            path = folder / f"{before}{ids.mint(letter)}{suffix}"
            if path.name > last and not os.path.lexists(path):
                return path
        return Store._fresh(folder, before, letter, suffix)

    # -- recaps -------------------------------------------------------------------------
    @staticmethod
    def _dated_paths(folder: Path, suffix: str) -> list[Path]:
        """Files named `<date>-<id><suffix>` (or v1's `<date>[-N]<suffix>`), in date
        order; within a day v1's by N, then the others by the `next` date they plan (a
        check-in plans none), then by name. Read from names (ten thousand recaps: no
        Path is made before the order is known)."""
        if not refuse_linked_folder(folder).is_dir():
            return []
        found = []
        for name in os.listdir(folder):  # noqa: PTH208 - names, not ten thousand Paths
            if not name.endswith(suffix):
                continue
            match = DATED_NAME.match(name[: -len(suffix)])
            if match and real_date(match.group(1)):
                random = match.group(3) is not None
                found.append((match.group(1), random, int(match.group(2) or 1), name))
        days = Counter(day for day, *_ in found)
        return [
            folder / name
            for *_, name in sorted(
                (day, random, n, _planned(folder / name) if days[day] > 1 else "", name)
                for day, random, n, name in found
            )
        ]

    def recap_paths(self, slug: str) -> list[Path]:
        """Recap files in meeting order (their names begin with the meeting date)."""
        return self._dated_paths(self.subfolder(slug, RECAPS_DIR), ".md")

    def first_recap_date(self, slug: str) -> date | None:
        """The day of the first recap (read from its file name), if there is one."""
        paths = self.recap_paths(slug)
        return name_date(paths[0].stem) if paths else None

    def load_recap(self, path: Path) -> Recap:
        self.present(path)
        return self._cached(path, Recap, lambda: read_document(path, Recap, id=path.stem))

    def load_recaps(self, slug: str) -> list[Recap]:
        return [self.load_recap(path) for path in self.recap_paths(slug)]

    def latest_recap(self, slug: str) -> Recap | None:
        paths = self.recap_paths(slug)
        return self.load_recap(paths[-1]) if paths else None

    def latest_readable_recap(self, slug: str, problems: list[str] | None) -> Recap | None:
        """The latest recap. In a listing (`problems` given) a broken one is noted and the
        one before it is used, so a bad file never hides when you last met."""
        for path in reversed(self.recap_paths(slug)):
            try:
                return self.load_recap(path)
            except BrokenFile as problem:
                if problems is None:
                    raise
                problems.append(str(problem))
        return None

    def latest_recap_or_none(self, slug: str) -> Recap | None:
        """The latest recap, or None if there is none or it cannot be read (for hints and
        suggestions, which can do without it; `list` and `due` name a broken file)."""
        try:
            return self.latest_recap(slug)
        except BrokenFile:
            return None

    def new_recap_id(self, slug: str, day: date) -> str:
        """`<date>-<sid>`: a name no other machine can choose for its recap that day."""
        return self._fresh_dated(self.subfolder(slug, RECAPS_DIR), day, "s", ".md").stem

    def save_recap(self, slug: str, recap: Recap) -> Path:
        path = self.subfolder(slug, RECAPS_DIR) / f"{recap.id}.md"
        write_document(self.writable(path), recap, exclude={"id"})
        return path

    # -- what search reads (core/index.py) ---------------------------------------------
    def text_files(self) -> tuple[list[TextFile], list[BrokenFile]]:
        """Every file people write text in, as (kind, slug, path), unordered (a listing
        for the search index: names only, nothing read; paths as plain strings, since
        ten thousand Path objects cost a tenth of a second); and the entries that look
        like one and cannot be listed (a linked folder). A reflection's slug is "" (it
        names its relationship inside)."""
        found: list[TextFile] = []
        slugs, problems = self.scan()
        for slug in slugs:
            try:
                found += self._texts_of(slug)
            except BrokenFile as problem:
                problems.append(problem)
        root = self.reflections_root
        if root.is_dir():
            found += [("reflection", "", path) for path in _named_files(root, ".md", REFLECTION_ID)]
        return found, problems

    def _texts_of(self, slug: str) -> list[TextFile]:
        folder = self.folder(slug)
        found: list[TextFile] = [("relationship", slug, str(folder / RELATIONSHIP_FILE))]
        if os.path.lexists(folder / AGREEMENT_FILE):
            found.append(("agreement", slug, str(folder / AGREEMENT_FILE)))
        inside: list[tuple[TextKind, str, str, re.Pattern[str]]] = [
            ("recap", RECAPS_DIR, ".md", DATED_NAME),
            ("checkin", CHECKINS_DIR, ".toml", DATED_NAME),
            ("goal", GOALS_DIR, ".toml", _ANY_NAME),  # a misnamed one is read, and named
            ("commitment", COMMITMENTS_DIR, ".toml", _ANY_NAME),
        ]
        for kind, sub, suffix, pattern in inside:
            where = refuse_linked_folder(folder / sub)
            if where.is_dir():
                found += [(kind, slug, path) for path in _named_files(where, suffix, pattern)]
        return found

    # -- dated files: reflections and check-ins -----------------------------------------
    @property
    def reflections_root(self) -> Path:
        return refuse_linked_folder(self.home / REFLECTIONS_DIR)

    def reflection_paths(self) -> list[Path]:
        root = self.reflections_root
        if not root.is_dir():
            return []
        return sorted(
            p
            for p in root.iterdir()
            if p.suffix == ".md" and REFLECTION_ID.match(p.stem) and real_date(p.stem[:10])
        )

    def load_reflection(self, path: Path) -> Reflection:
        """A reflection, about its relationship's current slug: it keeps the slug it was
        written with, which a rename made an old slug (an alias)."""
        self.present(path)
        read = lambda: read_document(path, Reflection, id=path.stem)  # noqa: E731
        reflection = self._cached(path, Reflection, read)
        if reflection.relationship:
            reflection.relationship = self.current_slug(reflection.relationship)
        return reflection

    def reflection_path(self, reflection_id: str) -> Path:
        if not REFLECTION_ID.match(reflection_id):
            raise NotFound(f"no reflection '{reflection_id}'", "see `mentorlog journal`")
        path = self.reflections_root / f"{reflection_id}.md"
        if not os.path.lexists(path):
            stems = [p.stem for p in self.reflection_paths()]
            named = [s for s in stems if re.fullmatch(rf"{reflection_id}-f{RANDOM_PART}", s)]
            if len(named) == 1:  # `<date>-<set>` names the day's only one of that set
                return self.reflections_root / f"{named[0]}.md"
            if named:
                raise InvalidInput(
                    f"there is more than one reflection '{reflection_id}': " + ", ".join(named),
                    f"name one, e.g. {named[-1]}",
                )
            close = difflib.get_close_matches(reflection_id, stems, n=1, cutoff=0.6)
            hint = f"did you mean '{close[0]}'?" if close else "see `mentorlog journal`"
            raise NotFound(f"no reflection '{reflection_id}'", hint)
        return path

    def save_reflection(self, reflection: Reflection) -> Reflection:
        """Write a new reflection; its id (file name) is chosen here."""
        with self.writing("reflections"):
            ensure_private_dir(self.reflections_root)
            name = f"{reflection.date.isoformat()}-{reflection.set}-"
            stem = self._fresh(self.reflections_root, name, "f", ".md").stem
            reflection.id = stem
            write_document(
                self.writable(self.reflections_root / f"{stem}.md"), reflection, exclude={"id"}
            )
        return reflection

    # -- an import (core/importing.py) keeps each entry's id: its file name -------------
    @staticmethod
    def entry_name_ok(kind: Literal["recap", "checkin", "reflection"], stem: str) -> bool:
        """Whether `stem` is a name a recap, check-in or reflection file may have."""
        pattern = REFLECTION_ID if kind == "reflection" else DATED_NAME
        return bool(pattern.match(stem)) and real_date(stem[:10])

    def _named_entry(self, kind: Literal["recap", "checkin", "reflection"], stem: str) -> str:
        if not self.entry_name_ok(kind, stem):
            raise InvalidInput(f"'{stem}' is not a {kind}'s id")
        return stem

    def put_recap(self, slug: str, recap: Recap) -> None:
        """Write a recap under the id it has (an imported one)."""
        self._named_entry("recap", recap.id)
        self.save_recap(slug, recap)

    def put_checkin(self, slug: str, checkin: Checkin) -> None:
        """Write a check-in under the id it has (an imported one)."""
        folder = self.subfolder(slug, CHECKINS_DIR)
        path = folder / f"{self._named_entry('checkin', checkin.id)}.toml"
        write_model(self.writable(path), checkin, exclude={"id"})

    def put_reflection(self, reflection: Reflection) -> None:
        """Write a reflection under the id it has (an imported one)."""
        path = self.reflections_root / f"{self._named_entry('reflection', reflection.id)}.md"
        write_document(self.writable(path), reflection, exclude={"id"})

    def put_prompt_set(self, prompt_set: PromptSet) -> None:
        """Write one of the person's own prompt sets (an imported one), by its name."""
        ensure_private_dir(self.prompts_root)
        write_model(self.writable(self.prompts_root / f"{prompt_set.name}.toml"), prompt_set)

    def save_config(self, config: BaseModel) -> None:
        write_model(self.writable(self.config_file), config)

    def checkin_paths(self, slug: str) -> list[Path]:
        return self._dated_paths(self.subfolder(slug, CHECKINS_DIR), ".toml")

    def checkin_dates(self, slug: str) -> list[date]:
        """The days of a relationship's check-ins (read from their file names)."""
        return [name_date(path.stem) for path in self.checkin_paths(slug)]

    def load_checkins(self, slug: str) -> list[Checkin]:
        return [self.load_checkin(path) for path in self.checkin_paths(slug)]

    def load_checkin(self, path: Path) -> Checkin:
        self.present(path)
        return self._cached(path, Checkin, lambda: read_model(path, Checkin, id=path.stem))

    def save_checkin(self, slug: str, checkin: Checkin) -> Checkin:
        folder = self.subfolder(slug, CHECKINS_DIR)
        with self.locked_relationship(slug):
            ensure_private_dir(folder)
            checkin.id = self._fresh_dated(folder, checkin.date, "h", ".toml").stem
            write_model(self.writable(folder / f"{checkin.id}.toml"), checkin, exclude={"id"})
        return checkin

    # -- finding any dated entry by its id (core/entries.py) ------------------------------
    def entry_files(self, slug: str | None = None) -> list[EntryFile]:
        """Every recap, check-in and reflection of the home (or only a relationship's
        recaps and check-ins), from the names of the files alone: nothing is parsed."""
        found: list[EntryFile] = []
        for each in [slug] if slug else self.slugs():
            for kind, folder, suffix in _ENTRY_PLACES:
                found += _named(kind, self.subfolder(each, folder), suffix, DATED_NAME, each)
        if slug is None:
            found += _named("reflection", self.reflections_root, ".md", REFLECTION_ID, "")
        return found

    def replace_recap_text(self, entry: EntryFile, text: str, original: str) -> None:
        """Store a hand-edited recap exactly as written, unless the file changed since the
        editing started from `original` (a draft never overwrites newer data)."""
        with self.locked_relationship(entry.slug):
            if read_text(entry.path) != original:
                raise MentorlogError(
                    f"{entry.path} changed while you were editing",
                    f"run `mentorlog recap --edit {entry.stem}` again; your text is kept",
                )
            atomic_write(self.writable(entry.path), text)

    # -- the person's own files ---------------------------------------------------------
    def load_network(self) -> NetworkFile:
        path = self.home / NETWORK_FILE
        return read_model(path, NetworkFile) if self.present(path) else NetworkFile()

    def save_network(self, network: NetworkFile) -> None:
        write_model(self.writable(self.home / NETWORK_FILE), network)

    def load_journey(self) -> JourneyFile:
        shelf = self.milestone_shelf()
        return JourneyFile.model_construct(milestones=shelf.load_all())

    def save_journey(self, journey: JourneyFile) -> None:
        """Write the milestones that changed (each is its own file); removes none."""
        self.milestone_shelf().save(journey.milestones)

    def load_legacy(self, path: Path, kind: EntryKind) -> BaseModel:
        """A v1 `goals.toml`, `actions.toml` or `journey.toml`, read for migration m003."""
        return read_model(path, LEGACY[kind])

    def legacy_files(self) -> list[tuple[EntryKind, Path, Path]]:
        """v1's shared files still in the home, the trash's relationships included:
        (kind, the file, the folder its entries go to, one file each)."""
        found: list[tuple[EntryKind, Path, Path]] = []
        folders = [self.folder(key) for key, _ in self.relationship_keys()]
        trash = self.home / TRASH_DIR
        if trash.is_dir() and not trash.is_symlink():
            folders += sorted(trash.glob(f"*/moved/{RELATIONSHIPS_DIR}/*"))
        for folder in folders:
            for name, kind, entities in LEGACY_FILES:
                if self.present(folder / name):
                    found.append((kind, folder / name, folder / entities))
        if self.present(self.home / JOURNEY_FILE):
            found.append(("journey", self.home / JOURNEY_FILE, self.home / JOURNEY_DIR))
        return found

    def legacy_folder(self, legacy: EntryKind, slug: str) -> Path:
        """Where the entries of a v1 shared file live now, one file each."""
        if legacy == "goals":
            return self.goal_shelf(slug).folder
        if legacy == "actions":
            return self.action_shelf(slug).folder
        return self.milestone_shelf().folder

    def entity_path(self, folder: Path, entity_id: str) -> Path:
        return self._shelf(folder, ENTITY_FOLDERS[folder.name]).path(entity_id)

    # -- the trash (core/trash.py): where deleted things wait, and the places they left ----
    @property
    def trash_root(self) -> Path:
        return self.home / TRASH_DIR

    def relative(self, path: Path) -> str:
        return path.relative_to(self.home).as_posix()

    def inside(self, relative: str) -> Path:
        """A home-relative path from a trash manifest, fenced so it cannot leave the home."""
        parts = PurePosixPath(relative).parts
        if (
            not parts
            or PurePosixPath(relative).is_absolute()
            or any(part in ("", ".", "..") for part in parts)
            or parts[0] == TRASH_DIR
        ):
            raise MentorlogError(f"'{relative}' is not a place in the mentorlog home")
        return self.home.joinpath(*parts)

    def recap_file(self, slug: str, recap_id: str) -> Path:
        return self._dated_file(self.subfolder(slug, RECAPS_DIR), recap_id, ".md", "recap", slug)

    def checkin_file(self, slug: str, checkin_id: str) -> Path:
        folder = self.subfolder(slug, CHECKINS_DIR)
        return self._dated_file(folder, checkin_id, ".toml", "check-in", slug)

    def _dated_file(self, folder: Path, stem: str, suffix: str, what: str, slug: str) -> Path:
        """The file `stem` names: its whole name, or a date for the day's only one."""
        path = folder / f"{stem}{suffix}"
        if DATED_NAME.match(stem) and path.is_file():
            return path
        day = [p for p in self._dated_paths(folder, suffix) if p.stem[:10] == stem]
        if len(day) > 1:
            raise InvalidInput(
                f"there is more than one {what} on {stem} in '{slug}': "
                + ", ".join(p.stem for p in day),
                f"name one, e.g. {slug}/{day[-1].stem}",
            )
        if not day or not real_date(stem):
            raise NotFound(f"no {what} '{stem}' in '{slug}'", f"see `mentorlog log {slug}`")
        return day[0]

    def prompt_watch(self, slug: str | None = None) -> list[Path]:
        """What the prompt's kept answer depends on (core/prompt.py): for the home, itself,
        its format marker, its settings and the relationships folder; for a relationship,
        its file, its recaps folder and latest recap, and its commitments folder (each
        open commitment is watched by its own file, `action_file`)."""
        if slug is None:
            return [self.home, self.marker_file, self.config_file, self.relationships_root]
        folder = self.folder(slug)
        recaps = self.recap_paths(slug)
        return [
            self.relationship_file(slug),
            folder / RECAPS_DIR,
            *recaps[-1:],
            folder / COMMITMENTS_DIR,
        ]

    def goal_file(self, slug: str, goal_id: str) -> Path:
        return self.goal_shelf(slug).path(goal_id)

    def action_file(self, slug: str, action_id: str) -> Path:
        return self.action_shelf(slug).path(action_id)

    def milestone_file(self, milestone_id: str) -> Path:
        return self.milestone_shelf().path(milestone_id)

    def _check_trash_root(self) -> None:
        if self.trash_root.is_symlink():
            raise MentorlogError(
                f"{self.trash_root} is a symlink; mentorlog keeps deleted things inside its home",
                "move the link away and try again",
            )

    def trash_entries(self) -> list[Path]:
        root = self.trash_root
        self._check_trash_root()
        if not root.is_dir():
            return []
        return sorted(p for p in root.iterdir() if TRASH_NAME.match(p.name) and p.is_dir())

    def trash_entry(self, name: str) -> Path:
        path = self.trash_root / name
        if not TRASH_NAME.match(name) or not path.is_dir():
            raise NotFound(f"nothing in the trash called '{name}'", "see `mentorlog trash`")
        return path

    def new_trash_entry(self, label: str, when: datetime) -> Path:
        """A fresh private folder `.trash/<UTC time>-<label>-<tid>` for one deleted thing."""
        self._check_trash_root()
        ensure_private_dir(self.trash_root)
        stem = f"{when.strftime(TRASH_STAMP)}-{label}"
        for _ in range(1000):
            path = self.trash_root / f"{stem}-{ids.mint('t')}"
            try:
                make_dir(path)
            except FileExistsError:
                continue
            os.chmod(path, DIR_MODE)
            return path
        raise MentorlogError(f"too many things in the trash named {stem}")

    @staticmethod
    def trash_label(entry_id: str) -> str:
        """What a trash entry's name says was deleted (`recap-ada-lovelace-2026-03-01`)."""
        return TRASH_ID_SUFFIX.sub("", entry_id.partition("-")[2])

    @staticmethod
    def trash_part(entry: Path, part: str, relative: str) -> Path:
        """Where a place's copy lives inside a trash entry: `moved/`, `before/` or `after/`."""
        return entry.joinpath(part, *PurePosixPath(relative).parts)

    def load_manifest(self, entry: Path) -> TrashManifest:
        return read_model(entry / MANIFEST_FILE, TrashManifest)

    def save_manifest(self, entry: Path, manifest: TrashManifest) -> None:
        write_model(entry / MANIFEST_FILE, manifest)

    @staticmethod
    def copy_bytes(source: Path, target: Path, mode: int = FILE_MODE) -> None:
        atomic_write_bytes(target, source.read_bytes(), mode)

    @staticmethod
    def put_bytes(path: Path, data: bytes, mode: int) -> None:
        """Put a file's exact bytes and mode back (a restore of an unchanged file)."""
        atomic_write_bytes(path, data, mode)

    @staticmethod
    def move(source: Path, target: Path) -> None:
        """Move a file or folder within the home: one rename, so it is never half-moved."""
        ensure_private_dir(target.parent)
        rename(source, target)
        _fsync_dir(source.parent)
        _fsync_dir(target.parent)

    def write_entries(self, path: Path, model: BaseModel) -> None:
        """Rewrite a shared file (goals, actions, journey) after a restore merged it."""
        write_model(path, model)

    def remove_trash_entry(self, entry: Path) -> None:
        """Delete one entry for good: renamed aside first, so a crash never leaves half an
        entry that looks whole."""
        remove_tree(entry)

    # -- git (core/git.py): what a clone versions, ignores and merges with mentorlog's driver
    @property
    def config_file(self) -> Path:
        """`config.toml`: the person's settings for this home (`[git]`), synced."""
        return self.home / CONFIG_FILE

    def save_config_text(self, text: str) -> None:
        """Write `config.toml` (checked by core/config.py first), the home made if new."""
        self.put_text(self.writable(self.config_file), text)

    def git_file(self, name: Literal[".gitignore", ".gitattributes"]) -> Path:
        return self.home / name

    def git_config_text(self) -> str | None:
        """The clone's own `.git/config` (never versioned), or None outside a repository."""
        try:
            return (self.home / ".git" / "config").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return None

    @staticmethod
    def git_ignored() -> list[str]:
        """Patterns for `.gitignore`: what stays on this machine (locks, drafts, temp files)."""
        return [
            f"/{LOCAL_DIR}/",
            f"/{DRAFTS_DIR}/",
            f"/{RELATIONSHIPS_DIR}/*/{DRAFTS_DIR}/",
            ".*.tmp",
            f"**/{LOCK_FILE}",
            f"/{IDS_FILE}",  # v1's id counter: a cache each machine rebuilds from its files
        ]

    @staticmethod
    def git_merged() -> list[str]:
        """Patterns for `.gitattributes` that git merges with mentorlog's own driver."""
        files = (MARKER_FILE, CONFIG_FILE, NETWORK_FILE, JOURNEY_FILE)
        folders = (RELATIONSHIPS_DIR, REFLECTIONS_DIR, PROMPTS_DIR, JOURNEY_DIR)
        return [f"/{name}" for name in files] + [f"/{name}/**" for name in folders]

    def path_kind(self, relative: str) -> EntryKind | None:
        """What a home-relative path (from git, with `/`) is for, present or not."""
        return layout.entry_kind(PurePosixPath(relative).parts, False)


def _names(shelf: Shelf[Any]) -> list[str]:
    return [entry.name for entry in os.scandir(shelf.folder)]


def _is_open(record: Any) -> bool:
    """Whether a listing of what is open shows this goal or commitment (a milestone: yes)."""
    status = record.__dict__.get("status")
    return status is None or status == "open"


class _ShelfReader:
    """The shelves' reader: the parsed-file cache, except inside a write (core/shelf.py)."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def read(self, path: Path, record: type[M], stat: os.stat_result | None) -> M:
        def parse() -> M:
            return read_model(path, record)

        if txn.active() is not None:
            return parse()
        key = stat_key(stat) if stat is not None else None
        return self.store._parsed.read(path, record, parse, key, _is_open)

    def cold(self, folder: str, name: str, record: type[M], stat: os.stat_result) -> str | None:
        if txn.active() is not None:
            return None
        return self.store._parsed.cold(folder, name, record, stat_key(stat)[0])


class _EntityPlace:
    """A folder of `<id>.toml` files, one goal, commitment or milestone each."""

    def __init__(self, folder: Path, home: Path) -> None:
        self.folder, self.home = folder, home

    def path(self, entity_id: str) -> Path:
        return self.folder / f"{entity_id}.toml"

    def at(self, name: str) -> Path:
        return self.folder / name

    def listing(self) -> list[os.DirEntry[str]]:
        """Every `.toml` file in the folder (one with the wrong name is read, and named)."""
        with os.scandir(self.folder) as entries:
            found = [e for e in entries if e.name.endswith(".toml") and e.name[0] != "."]
        return sorted(found, key=lambda entry: entry.name)
