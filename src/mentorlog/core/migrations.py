"""Named, ordered migrations of a mentorlog home, each applied once and recorded in
`mentorlog.toml` (`migrations = [...]`), as llm's migrations.py does.

v1 -> v2 (docs/design/store-v2.md, section 4, as built in issue 8): relationship folders
keep their v1 names and gain their `slug` inside relationship.toml; the id counter
(`ids.toml`) and the `.lock` files go (ids are random, one home lock). A migration is
all or nothing: every file is read through the models first (a broken one stops it,
named with its line, before anything is written); every file it will change is copied
to `.mentorlog/backup-v1-<UTC time>/`; each change is read back through the models; a
failure anywhere puts every changed file back; `mentorlog.toml` is written last.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field

from mentorlog.core import doctor, models, splitting
from mentorlog.core.context import Context
from mentorlog.core.errors import BrokenFile, MentorlogError
from mentorlog.core.models import HOME_SCHEMA, HomeMarker
from mentorlog.core.store import Store

RESULT_VERSION = 1


@dataclass
class Change:
    """One file a migration changes: `apply` writes or removes it."""

    path: Path
    how: Literal["edited", "removed", "added"]
    what: str
    apply: Callable[[], None]
    check: Callable[[], None] = lambda: None  # read back through the models


@dataclass(frozen=True)
class Migration:
    name: str
    about: str
    plan: Callable[[Store], list[Change]]


def _slugs(store: Store) -> list[Change]:
    """Write each relationship's slug into its file (its folder keeps its v1 name)."""
    changes = []
    for key, path in store.relationship_keys():
        if store.says_its_slug(path):
            continue
        relationship = store.load(key)

        def check(key: str = key, want: BaseModel = relationship.model_copy()) -> None:
            store.forget_folders()
            if store.load(key) != want:
                raise BrokenFile(store.relationship_file(key), "reads back differently")

        save = lambda r=relationship, k=key: store.save(r, k)  # noqa: E731
        what = f'slug = "{relationship.slug}" written in'
        changes.append(Change(path, "edited", what, save, check))
    return changes


def _counters(store: Store) -> list[Change]:
    """Remove ids.toml (ids no longer come from a counter) and every `.lock` file."""
    return [
        Change(path, "removed", "no longer needed", partial(store.remove, path))
        for path in store.counter_files()
    ]


def _split(store: Store) -> list[Change]:
    """Each goal, commitment and milestone into its own file, its text and comments kept
    (core/splitting.py); the shared file it came from removed."""
    changes: list[Change] = []
    for kind, path, folder in store.legacy_files():
        data = store.load_legacy(path, kind)
        key = splitting.KEYS[kind]
        blocks = splitting.split(path.read_text(encoding="utf-8").removeprefix("\ufeff"), key)
        source = f"from {store.relative(path)}"
        for entity in getattr(data, key):
            target = store.entity_path(folder, entity.id)
            if not _already_split(store, target, entity, path):
                changes.append(_new_entity(store, target, entity, blocks.get(entity.id), source))
        changes.append(Change(path, "removed", "split, one file each", partial(store.remove, path)))
    return changes


def _already_split(store: Store, target: Path, entity: BaseModel, path: Path) -> bool:
    """Whether `target` already holds this entity (a shared file synced in after the
    split); one holding another version of it stops the migration, naming both."""
    if not store.present(target):
        return False
    if store.shelf_of(target).load_one(target).model_dump() == entity.model_dump():
        return True
    raise MentorlogError(
        f"{store.relative(target)} and {store.relative(path)} both hold "
        f"{entity.model_dump().get('id')}, differently",
        "keep the version you want (delete the other one's entry), then migrate; nothing changed",
    )


def _new_entity(
    store: Store, target: Path, entity: BaseModel, text: str | None, source: str
) -> Change:
    shelf = store.shelf_of(target)

    def write() -> None:
        if text is None or not splitting.holds(text, entity, shelf.record, target):
            shelf.forget(target)
            shelf.save_one(entity, target)  # written afresh: its block did not split cleanly
        else:
            store.put_text(target, text)

    def check() -> None:
        shelf.forget(target)
        if shelf.load_one(target).model_dump() != entity.model_dump():
            raise BrokenFile(target, "reads back differently")

    return Change(target, "added", source, write, check)


MIGRATIONS: tuple[Migration, ...] = (
    Migration("m001_relationship_slugs", "each relationship's slug in its file", _slugs),
    Migration("m002_drop_counters", "the id counter and lock files removed", _counters),
    Migration("m003_split_entities", "one file per goal, commitment and milestone", _split),
)
NAMES = tuple(migration.name for migration in MIGRATIONS)
assert NAMES == models.MIGRATIONS, "core/models.py MIGRATIONS names every migration"
Planned = list[tuple[Migration, Change]]


class ChangeView(BaseModel):
    path: str
    how: Literal["edited", "removed", "added"]
    what: str
    migration: str


class MigrateResult(BaseModel):
    version: int = RESULT_VERSION
    schema_version: int = HOME_SCHEMA
    dry_run: bool = False
    done: bool = False  # False: it was already at schema 2, nothing to do
    migrations: list[str] = Field(default_factory=list)
    changes: list[ChangeView] = Field(default_factory=list)
    backup: str | None = None


def pending(store: Store) -> list[Migration]:
    """The migrations this home has not had yet."""
    marker = store.load_marker()
    if marker is None and not store.is_v1():
        return []  # a new home: its first write records every migration
    missing = store.missing_migrations()
    return [migration for migration in MIGRATIONS if migration.name in missing]


def migrate(ctx: Context, dry_run: bool = False) -> MigrateResult:
    store = ctx.store
    todo = pending(store)
    if not todo:
        return MigrateResult(dry_run=dry_run)
    _refuse_broken(ctx)
    seen = _plan(store, todo)
    if dry_run:
        return _result(store, seen, todo, dry_run=True)
    with store.writing("home"):
        # planned again under the lock; a lock file the lock itself made is not v1's
        planned = [(m, c) for m, c in _plan(store, todo) if c.path in {c.path for _, c in seen}]
        backup = _backup(store, planned)
        _apply(store, planned, backup)
        marker = store.load_marker() or HomeMarker(migrations=[])
        marker.migrations += [m.name for m in todo if m.name not in marker.migrations]
        store.save_marker(marker)  # last: until here, the home is still v1
    result = _result(store, planned, todo)
    result.backup = store.relative(backup)
    return result


def _refuse_broken(ctx: Context) -> None:
    """Every file must read through the models before a migration changes any."""
    for finding in doctor.examine(ctx).findings:
        if finding.kind in ("broken", "newer_schema", "conflict"):  # not old_format: that is us
            raise MentorlogError(
                f"{finding.path}: {finding.message}",
                "mend it (mentorlog doctor names each problem), then migrate; nothing changed",
            )


def _plan(store: Store, todo: list[Migration]) -> Planned:
    return [(migration, change) for migration in todo for change in migration.plan(store)]


def _backup(store: Store, planned: Planned) -> Path:
    backup = store.backup_place(datetime.now(UTC).replace(microsecond=0))
    for _, change in planned:
        if change.how != "added":
            store.copy_within(change.path, backup)
    return backup


def _apply(store: Store, planned: Planned, backup: Path) -> None:
    """Make every change and read each back; on any failure put every file back."""
    try:
        for _, change in planned:
            change.apply()
        for _, change in planned:
            change.check()
    except BaseException:
        for _, change in planned:
            if change.how == "added":
                store.remove_if_there(change.path)
            else:
                store.put_back(change.path, backup)
        store.drop_backup(backup)
        store.forget_folders()
        raise


def _result(
    store: Store,
    planned: Planned,
    todo: list[Migration],
    dry_run: bool = False,
) -> MigrateResult:
    return MigrateResult(
        dry_run=dry_run,
        done=True,
        migrations=[migration.name for migration in todo],
        changes=[
            ChangeView(path=store.relative(c.path), how=c.how, what=c.what, migration=m.name)
            for m, c in planned
        ],
    )
