"""`mentorlog restore`: put a trash entry back exactly, or refuse and change nothing.

Every place is checked before any is changed. A file moved to the trash goes back if its
place is free; a file the delete edited gets its old bytes back if nobody touched it
since. Anything that would be overwritten stops the whole restore.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from mentorlog.core.context import Context
from mentorlog.core.errors import AlreadyExists, BrokenFile, NotAllowed
from mentorlog.core.files import FILE_MODE, parse_toml, validate
from mentorlog.core.models import Action, Goal, Milestone, TrashedFile, TrashManifest
from mentorlog.core.shelf import Shelf
from mentorlog.core.store import EntryKind
from mentorlog.core.trash import Kind, RestoreResult, find, locked_for
from mentorlog.core.txn import operation

# A delete made before migration m003 edited a shared file; its entries go back to their
# own files now: the entries' key in that file, and the kind of entity each is.
LEGACY: dict[str, tuple[str, EntryKind, type[BaseModel]]] = {
    "goals": ("goals", "goals", Goal),
    "actions": ("actions", "actions", Action),
    "milestones": ("milestones", "journey", Milestone),
}
UNCHANGED = "nothing was changed"


def _nothing() -> None:
    return None


@dataclass
class Step:
    path: str
    apply: Callable[[], object] = _nothing
    undo: Callable[[], None] = _nothing


@operation("restore")
def restore(ctx: Context, name: str) -> RestoreResult:
    found = find(ctx, name)
    store = ctx.store
    with store.writing("trash"):
        entry = store.trash_entry(found.id)
        manifest = store.load_manifest(entry)
        kind = Kind(manifest.kind)
        if kind is Kind.relationship and store.slug_in_use(manifest.slug):
            raise AlreadyExists(
                f"a relationship '{manifest.slug}' exists again, so {UNCHANGED}",
                f"rename it first (`mentorlog edit {manifest.slug} --slug NEW`), then restore",
            )
        if manifest.slug and kind is not Kind.relationship and not store.exists(manifest.slug):
            raise NotAllowed(
                f"the relationship '{manifest.slug}' is not there to put it back into",
                "restore the relationship first, or rename it back (see `mentorlog trash`)",
            )
        with locked_for(ctx, kind, manifest.slug, present=False):
            steps = [s for f in manifest.files for s in _prepare(ctx, entry, manifest, f)]
            _apply(steps)
            store.remove_trash_entry(entry)
    return RestoreResult(restored=found)


def _apply(steps: list[Step]) -> None:
    """Put every place back; if one fails, take back those already done (the entry stays)."""
    done: list[Step] = []
    try:
        for step in steps:
            step.apply()
            done.append(step)
    except BaseException:
        for step in reversed(done):
            step.undo()
        raise


def _prepare(ctx: Context, entry: Path, manifest: TrashManifest, place: TrashedFile) -> list[Step]:
    if place.how == "moved":
        return [_prepare_move(ctx, entry, manifest, place)]
    if place.entries in LEGACY:
        return _prepare_legacy(ctx, entry, manifest, place)
    return [_prepare_edit(ctx, entry, place)]


def _prepare_move(ctx: Context, entry: Path, manifest: TrashManifest, place: TrashedFile) -> Step:
    store = ctx.store
    target = store.inside(place.path)
    payload = store.trash_part(entry, "moved", place.path)
    there = target.exists() or target.is_symlink()
    if not payload.exists() and not payload.is_symlink():
        if there:  # a delete or restore stopped part-way: this part is already in place
            return Step(place.path)
        raise BrokenFile(payload, "is missing from the trash, so it cannot be put back")
    if there:
        if manifest.kind == Kind.relationship:
            raise AlreadyExists(
                f"a relationship '{manifest.slug}' exists again, so {UNCHANGED}",
                f"rename it first (`mentorlog edit {manifest.slug} --slug NEW`), then restore",
            )
        raise AlreadyExists(f"{place.path} exists again, so {UNCHANGED}", "move it away first")
    back, undo = partial(store.move, payload, target), partial(store.move, target, payload)
    return Step(place.path, back, undo)


def _prepare_edit(ctx: Context, entry: Path, place: TrashedFile) -> Step:
    store = ctx.store
    target = store.inside(place.path)
    before = store.trash_part(entry, "before", place.path).read_bytes()
    after_copy = store.trash_part(entry, "after", place.path)
    current = target.read_bytes() if target.is_file() else None
    # No copy of the result: the delete stopped right after writing it, so it is current.
    after = after_copy.read_bytes() if after_copy.is_file() else current
    if current == before:
        return Step(place.path)
    if current is None:
        return _write_back(ctx, target, place, before)
    if current == after:
        mode = int(place.mode, 8) if place.mode else FILE_MODE
        return Step(place.path, partial(store.put_bytes, target, before, mode), _keep(ctx, target))
    raise NotAllowed(
        f"{place.path} changed since the delete, so {UNCHANGED}",
        "change it back by hand if you want the old version",
    )


def _prepare_legacy(
    ctx: Context, entry: Path, manifest: TrashManifest, place: TrashedFile
) -> list[Step]:
    """Put back, one file each, the entries a pre-split delete took out of (or changed
    in) a shared `goals.toml`, `actions.toml` or `journey.toml`."""
    store, (key, kind, entity) = ctx.store, LEGACY[place.entries or ""]
    where = store.inside(place.path)
    after_copy = store.trash_part(entry, "after", place.path)
    if not after_copy.is_file():
        raise NotAllowed(f"the trash does not say what the delete changed in {place.path}")
    before = _entries(store.trash_part(entry, "before", place.path).read_bytes(), where, key)
    after = {item.get("id"): item for item in _entries(after_copy.read_bytes(), where, key)}
    steps = []
    for item in before:
        if after.get(item.get("id")) == item:  # the delete did not touch it
            continue
        target = store.entity_path(store.legacy_folder(kind, manifest.slug), str(item.get("id")))
        thing = validate(entity, dict(item), where, "")
        steps.append(_entity_step(ctx, target, thing, after.get(item.get("id"))))
    return steps


def _entity_step(ctx: Context, target: Path, thing: BaseModel, after: Any) -> Step:
    shelf: Shelf[Any] = ctx.store.shelf_of(target)
    shown = ctx.store.relative(target)
    if after is None:  # the delete removed it
        if target.exists() or target.is_symlink():
            raise AlreadyExists(f"{shown} exists again, so {UNCHANGED}", "move it away first")
        undo = partial(ctx.store.remove, target)
        return Step(shown, partial(shelf.save_one, thing, target), undo)
    now = shelf.load_one(target) if target.is_file() else None
    if (
        now is None
        or now.model_dump() != validate(type(thing), dict(after), target, "").model_dump()
    ):
        raise NotAllowed(
            f"{shown} changed since the delete, so {UNCHANGED}",
            "change it back by hand if you want the old version",
        )
    return Step(shown, partial(shelf.save_one, thing, target), _keep(ctx, target))


def _write_back(ctx: Context, target: Path, place: TrashedFile, before: bytes) -> Step:
    """The file is gone since the delete: it comes back as it was."""
    mode = int(place.mode, 8) if place.mode else FILE_MODE
    undo = partial(target.unlink, missing_ok=True)
    return Step(place.path, partial(ctx.store.put_bytes, target, before, mode), undo)


def _keep(ctx: Context, target: Path) -> Callable[[], None]:
    """How to undo rewriting `target`: its bytes and mode as they are now."""
    current, mode = target.read_bytes(), target.stat().st_mode & 0o777
    return partial(ctx.store.put_bytes, target, current, mode)


def _entries(data: bytes, path: Path, key: str) -> list[dict[str, Any]]:
    items = parse_toml(data.decode("utf-8"), path).get(key, [])
    return [item for item in items if isinstance(item, dict)]
