"""`mentorlog restore`: put a trash entry back exactly, or refuse and change nothing.

Every place is checked before any is changed. A shared file nobody touched since the
delete gets its old bytes back; one that changed since gets the deleted entries put back
one by one, and anything that would be overwritten stops the whole restore.
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
from mentorlog.core.files import FILE_MODE, parse_toml, read_toml, validate
from mentorlog.core.models import ActionsFile, GoalsFile, JourneyFile, TrashedFile, TrashManifest
from mentorlog.core.trash import Kind, RestoreResult, find, locked_for
from mentorlog.core.txn import operation

SHARED: dict[str, type[BaseModel]] = {
    "goals": GoalsFile,
    "actions": ActionsFile,
    "milestones": JourneyFile,
}
UNCHANGED = "nothing was changed"


def _nothing() -> None:
    return None


@dataclass
class Step:
    path: str
    apply: Callable[[], None] = _nothing
    undo: Callable[[], None] = _nothing
    merged: bool = False


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
            steps = [_prepare(ctx, entry, manifest, f) for f in manifest.files]
            _apply(sorted(steps, key=lambda step: step.merged))
            store.remove_trash_entry(entry)
    return RestoreResult(restored=found, merged=[s.path for s in steps if s.merged])


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


def _prepare(ctx: Context, entry: Path, manifest: TrashManifest, place: TrashedFile) -> Step:
    if place.how == "moved":
        return _prepare_move(ctx, entry, manifest, place)
    return _prepare_edit(ctx, entry, place)


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
    merged = _merge(target, place, before, after)
    return Step(place.path, partial(store.write_entries, target, merged), _keep(ctx, target), True)


def _write_back(ctx: Context, target: Path, place: TrashedFile, before: bytes) -> Step:
    """The shared file is gone since the delete: it comes back as it was."""
    mode = int(place.mode, 8) if place.mode else FILE_MODE
    undo = partial(target.unlink, missing_ok=True)
    return Step(place.path, partial(ctx.store.put_bytes, target, before, mode), undo)


def _keep(ctx: Context, target: Path) -> Callable[[], None]:
    """How to undo rewriting `target`: its bytes and mode as they are now."""
    current, mode = target.read_bytes(), target.stat().st_mode & 0o777
    return partial(ctx.store.put_bytes, target, current, mode)


def _entries(data: bytes | None, path: Path, key: str) -> list[dict[str, Any]]:
    if data is None:
        return []
    items = parse_toml(data.decode("utf-8"), path).get(key, [])
    return [item for item in items if isinstance(item, dict)]


def _merge(target: Path, place: TrashedFile, before: bytes, after: bytes | None) -> BaseModel:
    """The file as it is now, with the deleted entries put back where they were."""
    key = place.entries or ""
    cls = SHARED.get(key)
    if cls is None:
        raise NotAllowed(f"{place.path} changed since the delete, so {UNCHANGED}")
    changed = {item.get("id"): item for item in _entries(after, target, key)}
    data, text = read_toml(target) if target.is_file() else ({}, "")
    now: list[Any] = list(data.get(key, []))
    for index, item in enumerate(_entries(before, target, key)):
        _put_back(now, index, item, changed.get(item.get("id")), place.path)
    data[key] = now
    return validate(cls, data, target, text)


def _put_back(
    now: list[Any], index: int, item: dict[str, Any], after: dict[str, Any] | None, where: str
) -> None:
    if after == item:  # the delete did not touch it
        return
    ids = [entry.get("id") if isinstance(entry, dict) else None for entry in now]
    position = ids.index(item.get("id")) if item.get("id") in ids else None
    if after is None:  # the delete removed it
        if position is not None:
            raise AlreadyExists(
                f"{item.get('id')} is in {where} again, so {UNCHANGED}",
                "delete or renumber that one first",
            )
        now.insert(min(index, len(now)), item)
        return
    if position is None or now[position] not in (after, item):  # changed since the delete
        raise NotAllowed(
            f"{item.get('id')} in {where} changed since the delete, so {UNCHANGED}",
            "change it back by hand if you want the old version",
        )
    now[position] = item
