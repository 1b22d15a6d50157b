"""Soft delete: `delete` moves a thing to `<home>/.trash/`, `restore` puts it back exactly.

A delete writes its trash entry's manifest first (every place it will change, with a copy
of each shared file as it was), and only then changes the store. So at every moment the
store is either as it was, or a complete entry in the trash can put it back; a restore
checks every place before it changes any. See docs/design/trash.md.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, ExitStack, contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from mentorlog.core import entries, ids
from mentorlog.core.context import Context
from mentorlog.core.errors import BrokenFile, InvalidInput, NotFound
from mentorlog.core.models import (
    ActionStatus,
    Goal,
    GoalStatus,
    Recap,
    TrashedFile,
    TrashManifest,
)
from mentorlog.core.refs import locate_action, locate_goal, locate_milestone
from mentorlog.core.shelf import Shelf
from mentorlog.core.txn import operation


class Kind(StrEnum):
    relationship = "relationship"
    recap = "recap"
    checkin = "checkin"
    reflection = "reflection"
    goal = "goal"
    commitment = "commitment"
    milestone = "milestone"


class TrashEntry(BaseModel):
    """One thing in the trash, as `trash`, `delete` and `restore` show it."""

    id: str  # the entry's folder name; `mentorlog restore ID`
    kind: str
    target: str
    slug: str | None = None  # the relationship it belonged to, if any
    what: str
    deleted: datetime
    changes: list[str] = Field(default_factory=list)
    paths: list[str] = Field(default_factory=list)


class RestoreResult(BaseModel):
    restored: TrashEntry


class TrashListing(BaseModel):
    entries: list[TrashEntry] = Field(default_factory=list)
    problems: list[str] = Field(default_factory=list)
    unfinished: list[str] = Field(default_factory=list)  # deletes that stopped before a change


@dataclass
class Edit:
    """A goal or commitment file a recap's delete changes (progress or done taken back)."""

    path: Path
    entries: str
    write: Callable[[], object]


@dataclass
class Plan:
    kind: Kind
    target: str
    what: str
    slug: str = ""
    moves: list[Path] = field(default_factory=list)
    edits: list[Edit] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)


# -- naming things ------------------------------------------------------------------------
_SCOPED = re.compile(r"^(?:(?P<slug>[a-z0-9-]+)[:/])?(?P<id>[^:/]+)$")


def _scoped(
    ctx: Context, target: str, what: str, find: Callable[[str, str], Path]
) -> tuple[str, str]:
    """`slug/2026-03-01`, or a bare date when only one relationship has that file."""
    match = _SCOPED.match(target.strip())
    if not match:
        raise InvalidInput(f"'{target}' is not a {what} id", "e.g. ada-lovelace/2026-03-01")
    slug, item = match.group("slug"), match.group("id")
    if slug:
        if not ctx.store.exists(slug):
            raise ctx.store.not_found(slug)
        find(slug, item)
        return slug, item
    found = [s for s in ctx.store.slugs() if _has(find, s, item)]
    if len(found) == 1:
        return found[0], item
    if not found:
        raise NotFound(f"no {what} '{item}'", f"name its relationship too, e.g. SLUG/{item}")
    raise InvalidInput(
        f"{what} '{item}' is in more than one relationship ({', '.join(found)})",
        f"say which, e.g. {found[0]}/{item}",
    )


def _dated(
    ctx: Context, target: str, what: str, find: Callable[[str, str], Path]
) -> tuple[str, str]:
    """A recap or check-in by date (`slug/2026-03-01`), or by the id listings show (`s7f`)."""
    try:
        return _scoped(ctx, target, what, find)
    except NotFound as by_date:  # then the ids `recaps` and `read` show
        try:
            entry = entries.find(ctx, target, "recap" if what == "recap" else "checkin")
        except NotFound:
            raise by_date from None
        return entry.slug, entry.stem


def _has(find: Callable[[str, str], Path], slug: str, item: str) -> bool:
    try:
        find(slug, item)
    except NotFound:
        return False
    return True


def _partner(ctx: Context, slug: str) -> str:
    try:
        return ctx.store.load(slug).partner
    except BrokenFile:
        return slug


def _first_line(text: str) -> str:
    return next((line.strip() for line in text.splitlines() if line.strip()), "")


# -- what a relationship holds (shown before it is deleted) -----------------------------
class Holdings(BaseModel):
    slug: str
    partner: str
    holds: list[str] = Field(default_factory=list)
    reflections: int = 0  # reflections about it, which stay in the journal


def _count(number: int, word: str) -> str:
    return f"{number} {word}{'' if number == 1 else 's'}"


def holdings(ctx: Context, slug: str) -> Holdings:
    if not ctx.store.exists(slug):
        raise ctx.store.not_found(slug)
    found = Holdings(slug=slug, partner=_partner(ctx, slug))
    counts = [
        (len(ctx.store.recap_paths(slug)), "recap"),
        (len(ctx.store.checkin_paths(slug)), "check-in"),
        (_entries(lambda: len(ctx.store.load_goals(slug).goals)), "goal"),
        (_entries(lambda: len(ctx.store.load_actions(slug).actions)), "commitment"),
    ]
    for number, word in counts:
        if number is None:
            found.holds.append(f"an unreadable {word} file")
        elif number:
            found.holds.append(_count(number, word))
    for path in ctx.store.reflection_paths():
        try:
            found.reflections += ctx.store.load_reflection(path).relationship == slug
        except BrokenFile:
            continue
    return found


def _entries(count: Callable[[], int]) -> int | None:
    try:
        return count()
    except BrokenFile:
        return None


# -- planning a delete, one kind at a time -----------------------------------------------
def _plan_relationship(ctx: Context, slug: str) -> Plan:
    held = holdings(ctx, slug)
    what = held.partner + (f" ({', '.join(held.holds)})" if held.holds else "")
    return Plan(Kind.relationship, slug, what, slug, moves=[ctx.store.folder(slug)])


def _plan_reflection(ctx: Context, reflection_id: str) -> Plan:
    path = ctx.store.reflection_path(reflection_id)
    what = f"reflection {reflection_id}"
    try:
        reflection = ctx.store.load_reflection(path)
        answer = next((e.answer for e in reflection.entries if e.answer.strip()), reflection.body)
        what = f"{reflection.title or reflection.set} ({reflection.date}): {_first_line(answer)}"
    except BrokenFile:
        pass
    return Plan(Kind.reflection, reflection_id, what.rstrip(": "), moves=[path])


def _plan_checkin(ctx: Context, slug: str, checkin_id: str) -> Plan:
    path = ctx.store.checkin_file(slug, checkin_id)
    what = f"check-in {checkin_id} with {_partner(ctx, slug)}"
    return Plan(Kind.checkin, f"{slug}/{checkin_id}", what, slug, moves=[path])


def _plan_recap(ctx: Context, slug: str, recap_id: str) -> Plan:
    path = ctx.store.recap_file(slug, recap_id)
    plan = Plan(Kind.recap, f"{slug}/{recap_id}", f"recap {recap_id} with {_partner(ctx, slug)}")
    plan.slug, plan.moves = slug, [path]
    try:
        recap = ctx.store.load_recap(path)
    except BrokenFile:
        plan.changes.append("it could not be read, so commitments and goals were left alone")
        return plan
    if _first_line(recap.body):
        plan.what += f": {_first_line(recap.body)}"
    _unrecord_actions(ctx, plan, recap)
    _unrecord_goals(ctx, plan, recap)
    return plan


def _unrecord_actions(ctx: Context, plan: Plan, recap: Recap) -> None:
    """Commitments the session made go with it; those it marked done are open again."""
    slug, store = plan.slug, ctx.store
    actions = store.load_actions(slug).actions
    made = [a.id for a in actions if a.recap == recap.id]
    reopened = []
    for action in actions:
        closed_here = action.status is ActionStatus.done and action.closed == recap.date
        if action.id in recap.actions_done and closed_here and action.recap != recap.id:
            action.status, action.closed = ActionStatus.open, None
            path = store.action_file(slug, action.id)
            plan.edits.append(_edit(path, "commitment", action, store.action_shelf(slug)))
            reopened.append(action.id)
    plan.moves += [store.action_file(slug, action_id) for action_id in made]
    short = store.shortener()
    if made:
        plan.changes.append(f"took back {', '.join(map(short, made))} (made in that session)")
    if reopened:
        listing = ", ".join(map(short, reopened))
        plan.changes.append(f"reopened {listing} (marked done in that session)")


def _unrecord_goals(ctx: Context, plan: Plan, recap: Recap) -> None:
    """The goal progress the session recorded is taken back (its notes name the recap)."""
    slug, store = plan.slug, ctx.store
    short = store.shortener()
    for goal in store.load_goals(slug).goals:
        change = _unrecord(goal, f"recap {recap.id}", recap.date, short)
        if change:
            path = store.goal_file(slug, goal.id)
            plan.edits.append(_edit(path, "goal", goal, store.goal_shelf(slug)))
            plan.changes.append(change)


def _edit(path: Path, kind: str, entity: BaseModel, shelf: Shelf[Any]) -> Edit:
    """One goal or commitment file rewritten as the delete leaves it."""
    return Edit(path, kind, lambda: shelf.save_one(entity, path))


def _unrecord(goal: Goal, note: str, day: date, short: ids.Shortener) -> str:
    """Take back a recap's progress note on a goal; say what changed ("" if nothing)."""
    marks = [i for i, h in enumerate(goal.history) if h.note == note]
    if not marks:
        return ""
    removed = goal.history[marks[-1]]
    later = any(h.progress is not None for h in goal.history[marks[-1] + 1 :])
    goal.history = [h for i, h in enumerate(goal.history) if i not in marks]
    reopened = ""
    if removed.progress is not None and not later:
        earlier = [h.progress for h in goal.history if h.progress is not None]
        goal.progress = earlier[-1] if earlier else 0
        if goal.status is GoalStatus.achieved and goal.closed == day and removed.progress == 100:
            goal.status, goal.closed, reopened = GoalStatus.open, None, ", open again"
    return f"{short(goal.id)}: took back that session's progress (now {goal.progress}%{reopened})"


def _plan_goal(ctx: Context, slug: str, goal_id: str) -> Plan:
    goal = next((g for g in ctx.store.load_goals(slug).goals if g.id == goal_id), None)
    if goal is None:
        raise NotFound(f"no goal '{goal_id}' in '{slug}'", "see `mentorlog goal list --all`")
    shown = ctx.store.shortener()(goal_id)
    plan = Plan(Kind.goal, goal_id, f"{shown} {goal.title} ({_partner(ctx, slug)})", slug)
    plan.moves.append(ctx.store.goal_file(slug, goal_id))
    return plan


def _plan_commitment(ctx: Context, slug: str, action_id: str) -> Plan:
    actions = ctx.store.load_actions(slug).actions
    action = next((a for a in actions if a.id == action_id), None)
    if action is None:
        raise NotFound(f"no commitment '{action_id}' in '{slug}'", "see `mentorlog actions --all`")
    what = f"{ctx.store.shortener()(action_id)} {action.text} ({_partner(ctx, slug)})"
    plan = Plan(Kind.commitment, action_id, what, slug)
    plan.moves.append(ctx.store.action_file(slug, action_id))
    return plan


def _plan_milestone(ctx: Context, milestone_id: str) -> Plan:
    milestones = ctx.store.load_journey().milestones
    milestone = next((m for m in milestones if m.id == milestone_id.strip()), None)
    if milestone is None:
        raise NotFound(f"no milestone '{milestone_id}'", "see `mentorlog journey`")
    what = f"{ctx.store.shortener()(milestone.id)} {milestone.date} {milestone.title}"
    plan = Plan(Kind.milestone, milestone.id, what)
    plan.moves.append(ctx.store.milestone_file(milestone.id))
    return plan


# -- delete -------------------------------------------------------------------------------
@operation("delete")
def delete(ctx: Context, kind: Kind, target: str) -> TrashEntry:
    """Move one thing (and what only it explains) to the trash, all or nothing."""
    slug, item = _address(ctx, kind, target)
    with locked_for(ctx, kind, slug, present=True):
        plan = _plan(ctx, kind, slug, item)
        return _execute(ctx, plan)


def _address(ctx: Context, kind: Kind, target: str) -> tuple[str, str]:
    store = ctx.store
    if kind is Kind.relationship:
        if not store.exists(target):
            raise store.not_found(target)
        return target, target
    if kind is Kind.recap:
        return _dated(ctx, target, "recap", store.recap_file)
    if kind is Kind.checkin:
        return _dated(ctx, target, "check-in", store.checkin_file)
    if kind is Kind.goal:
        return locate_goal(ctx, target)
    if kind is Kind.commitment:
        return locate_action(ctx, target)
    if kind is Kind.milestone:
        return "", locate_milestone(ctx, target)
    return "", target.strip()


def _plan(ctx: Context, kind: Kind, slug: str, item: str) -> Plan:
    planners: dict[Kind, Callable[[], Plan]] = {
        Kind.relationship: lambda: _plan_relationship(ctx, slug),
        Kind.recap: lambda: _plan_recap(ctx, slug, item),
        Kind.checkin: lambda: _plan_checkin(ctx, slug, item),
        Kind.reflection: lambda: _plan_reflection(ctx, item),
        Kind.goal: lambda: _plan_goal(ctx, slug, item),
        Kind.commitment: lambda: _plan_commitment(ctx, slug, item),
        Kind.milestone: lambda: _plan_milestone(ctx, item),
    }
    return planners[kind]()


@contextmanager
def locked_for(ctx: Context, kind: Kind, slug: str, present: bool) -> Iterator[None]:
    """The locks every writer of these places holds, so no change slips in between."""
    store = ctx.store
    with ExitStack() as stack:
        if kind in (Kind.relationship, Kind.milestone):
            stack.enter_context(store.writing("home"))
        if kind is Kind.reflection:
            stack.enter_context(store.writing("reflections"))
        if slug and (present or kind is not Kind.relationship):
            hold: AbstractContextManager[object] = store.locked_relationship(slug)
            stack.enter_context(hold)
        yield


def _now(ctx: Context) -> datetime:
    """Now, on the day the context says (so an injected MENTORLOG_TODAY holds here too)."""
    clock = datetime.now(UTC).time().replace(microsecond=0)
    return datetime.combine(ctx.today, clock, UTC)


def _label(plan: Plan) -> str:
    return re.sub(r"[^a-z0-9]+", "-", f"{plan.kind.value}-{plan.target}".lower()).strip("-")


def _execute(ctx: Context, plan: Plan) -> TrashEntry:
    """Make the entry, then change the store. The caller's lock holds one transaction, so
    a failure or a crash at any step leaves nothing of it (core/txn.py)."""
    store, when = ctx.store, _now(ctx)
    entry = store.new_trash_entry(_label(plan), when)
    files = [_keep_before(ctx, entry, edit) for edit in plan.edits]
    files += [TrashedFile(path=store.relative(p), how="moved") for p in plan.moves]
    manifest = TrashManifest(
        kind=plan.kind.value, target=plan.target, slug=plan.slug, what=plan.what,
        deleted=when, changes=plan.changes, files=files,
    )  # fmt: skip
    store.save_manifest(entry, manifest)
    for edit in plan.edits:
        edit.write()
        store.copy_bytes(edit.path, store.trash_part(entry, "after", store.relative(edit.path)))
    for path in plan.moves:
        store.move(path, store.trash_part(entry, "moved", store.relative(path)))
    return _view(entry.name, manifest)


def _keep_before(ctx: Context, entry: Path, edit: Edit) -> TrashedFile:
    relative = ctx.store.relative(edit.path)
    mode = edit.path.stat().st_mode & 0o777
    ctx.store.copy_bytes(edit.path, ctx.store.trash_part(entry, "before", relative))
    return TrashedFile(path=relative, how="edited", mode=f"{mode:04o}", entries=edit.entries)


def _view(name: str, manifest: TrashManifest) -> TrashEntry:
    return TrashEntry(
        id=name, kind=manifest.kind, target=manifest.target, slug=manifest.slug or None,
        what=manifest.what, deleted=manifest.deleted, changes=manifest.changes,
        paths=[f.path for f in manifest.files],
    )  # fmt: skip


# -- the trash: list and empty ------------------------------------------------------------
def listing(ctx: Context, older_than: int | None = None) -> TrashListing:
    """What is in the trash, oldest first; `older_than` keeps those deleted that many
    days ago or more."""
    result = TrashListing()
    for entry in ctx.store.trash_entries():
        try:
            manifest = ctx.store.load_manifest(entry)
        except BrokenFile as problem:
            result.problems.append(str(problem))
            continue
        except FileNotFoundError:
            result.problems.append(f"{entry}: a delete that stopped before it changed anything")
            result.unfinished.append(entry.name)
            continue
        if older_than is not None and (ctx.today - manifest.deleted.date()).days < older_than:
            continue
        result.entries.append(_view(entry.name, manifest))
    result.entries.sort(key=lambda e: (e.deleted, e.id))
    return result


@operation("trash empty")
def empty(ctx: Context, older_than: int | None = None) -> TrashListing:
    """Delete for good what is in the trash (the one command that removes user text)."""
    with ctx.store.writing("trash"):
        gone = listing(ctx, older_than)
        for item in gone.entries:
            ctx.store.remove_trash_entry(ctx.store.trash_entry(item.id))
        for name in gone.unfinished if older_than is None else []:
            ctx.store.remove_trash_entry(ctx.store.trash_entry(name))
    return gone


def trashed(ctx: Context, kind: Kind) -> set[str]:
    """The ids of things of one kind in the trash, so a new one never takes their id."""
    return {entry.target for entry in listing(ctx).entries if entry.kind == kind}


_IDS = (Kind.goal, Kind.commitment, Kind.milestone)


def find(ctx: Context, name: str) -> TrashEntry:
    """An entry by its id, or by what was deleted (`g3k`, `ada-lovelace/2026-03-01`)."""
    entries = listing(ctx).entries
    exact = [e for e in entries if e.id == name.strip()]
    label = ctx.store.trash_label
    matches = exact or [e for e in entries if name.strip() in (e.target, label(e.id))]
    if not matches:  # a goal, commitment or milestone by its short id (`g3k`)
        matches = [e for e in entries if e.kind in _IDS and ids.matches(name, [e.target])]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        ctx.store.load_manifest(ctx.store.trash_entry(name.strip()))  # say what is wrong with it
        raise NotFound(f"nothing in the trash called '{name}'", "see `mentorlog trash`")
    raise InvalidInput(
        f"'{name}' is in the trash {len(matches)} times", f"say which, e.g. {matches[-1].id}"
    )
