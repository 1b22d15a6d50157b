"""doctor: look at every entry of the home, say what needs attention, fix what is safe.

Safe fixes are the ones that cannot lose a word: making folders and files private (0700 /
0600) and removing the temp files a crashed write left behind. Everything else (a broken
file, a link, an old draft, a file mentorlog does not know) is named with what to do, and
left exactly as it is.
"""

from __future__ import annotations

import os
import time
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field

from mentorlog.core import prompts
from mentorlog.core.config import load_config
from mentorlog.core.context import Context
from mentorlog.core.errors import BrokenFile, NewerSchema
from mentorlog.core.files import (
    DIR_MODE,
    FILE_MODE,
    loose_mode,
    read_model,
    read_text,
    remove_file,
    temp_target,
)
from mentorlog.core.mergefile import KEPT_BOTH_LINE, kept_both_in, shown_value
from mentorlog.core.models import IdCounters
from mentorlog.core.store import EntryKind, Store

REPORT_VERSION = 1
STALE_DRAFT_DAYS = 7

FindingKind = Literal[
    "broken",
    "conflict",
    "newer_schema",
    "permissions",
    "link",
    "temp_file",
    "draft",
    "orphan",
    "dangling_reference",
    "kept_both",
    "old_format",
]


class Finding(BaseModel):
    kind: FindingKind
    path: str
    message: str
    fix: str
    fixable: bool = False
    needs_attention: bool = True
    fixed: bool = False


class DoctorReport(BaseModel):
    version: int = REPORT_VERSION
    home: str
    checked: int = 0
    findings: list[Finding] = Field(default_factory=list)

    @property
    def needs_attention(self) -> bool:
        return any(f.needs_attention and not f.fixed for f in self.findings)


def examine(ctx: Context, fix: bool = False) -> DoctorReport:
    """Check the whole home; with `fix`, also make the safe repairs."""
    report = DoctorReport(home=str(ctx.home))
    if not ctx.home.is_dir():
        return report
    report.findings += _permissions(ctx.home)
    if _behind(ctx.store):
        report.findings.append(_old_format(ctx.store))
    unknown: list[Path] = []  # a folder mentorlog does not know: named once, not entered
    for path in ctx.store.entries():
        if any(path.is_relative_to(folder) for folder in unknown):
            continue
        report.checked += 1
        report.findings += _check(ctx.store, path)
        if path.is_dir() and ctx.store.entry_kind(path) is None:
            unknown.append(path)
    report.findings += [_broken(clash) for clash in ctx.store.slug_clashes()]
    report.findings += _dangling_references(ctx.store)
    if fix:
        for finding in report.findings:
            _repair(finding)
    return report


def _check(store: Store, path: Path) -> list[Finding]:
    if temp_target(path):
        return [_temp_file(path)]  # removing it is the fix, whatever its mode
    found = _permissions(path)
    if path.is_symlink() and (link := _link(store, path)):
        return [*found, link]
    kind = store.entry_kind(path)
    if kind is None:
        return [*found, _orphan(path)]
    return found + _read(store, kind, path)


def _permissions(path: Path) -> list[Finding]:
    mode = loose_mode(path)
    if mode is None:
        return []
    want = DIR_MODE if path.is_dir() else FILE_MODE
    return [
        Finding(
            kind="permissions",
            path=str(path),
            message=f"other people on this machine can read it (mode {mode:04o})",
            fix=f"make it private ({want:04o}): `mentorlog doctor --fix`",
            fixable=True,
        )
    ]


def _temp_file(path: Path) -> Finding:
    return Finding(
        kind="temp_file",
        path=str(path),
        message=f"a temp file left by an interrupted save of {temp_target(path)}, "
        f"{_age(path)} old, holding {_first_line(path)}",
        fix="remove it (`mentorlog doctor --fix`); the file it was for is unchanged",
        fixable=True,
    )


def _link(store: Store, path: Path) -> Finding | None:
    if path.is_dir():
        problem = f"is a link to {path.readlink()}; mentorlog will not follow it"
    else:
        try:
            store.present(path)
            return None  # a link to a file inside the home reads fine
        except BrokenFile as broken:
            problem = broken.problem
    return Finding(
        kind="link",
        path=str(path),
        message=problem,
        fix="put the real folder or file here in place of the link",
    )


def _behind(store: Store) -> bool:
    try:
        return bool(store.missing_migrations())
    except BrokenFile:
        return False  # mentorlog.toml itself is named with the other broken files


def _old_format(store: Store) -> Finding:
    problem = store.old_format()
    return Finding(
        kind="old_format",
        path=str(store.marker_file),
        message=problem.message,
        fix=problem.hint or "",
    )


def _orphan(path: Path) -> Finding:
    what = "folder" if path.is_dir() else "file"
    return Finding(
        kind="orphan",
        path=str(path),
        message=f"a {what} mentorlog does not know, so it never shows it",
        fix="move it out of the home (mentorlog never reads it), or, if it is one of "
        "mentorlog's, give it the name it had",
    )


READERS: dict[str, Callable[[Store, Path], object]] = {  # by EntryKind
    "relationship": lambda store, path: store.load(store.slug_of(path)),
    "goals": lambda store, path: store.load_legacy(path, "goals"),
    "actions": lambda store, path: store.load_legacy(path, "actions"),
    "goal": lambda store, path: store.shelf_of(path).load_one(path),
    "commitment": lambda store, path: store.shelf_of(path).load_one(path),
    "milestone": lambda store, path: store.shelf_of(path).load_one(path),
    "agreement": lambda store, path: store.load_agreement(store.slug_of(path)),
    "recap": lambda store, path: store.load_recap(path),
    "checkin": lambda store, path: store.load_checkin(path),
    "reflection": lambda store, path: store.load_reflection(path),
    "network": lambda store, path: store.load_network(),
    "journey": lambda store, path: store.load_legacy(path, "journey"),
    "ids": lambda store, path: _read_ids(store, path),
    "marker": lambda store, path: store.load_marker(),
    "prompts": lambda store, path: prompts.check_user_set(store, path),
    "draft": lambda store, path: read_text(path) if store.present(path) else None,
    "config": lambda store, path: load_config(store),
}


def _read_ids(store: Store, path: Path) -> None:
    try:
        if store.present(path):
            read_model(path, IdCounters)
    except NewerSchema:
        raise
    except BrokenFile as broken:
        broken.hint = "delete it: mentorlog rebuilds it from your goals and commitments"
        raise


def problem_reading(store: Store, kind: str, path: Path) -> BrokenFile | None:
    """Why the file at `path`, a `kind` of file, does not read here; None if it does (or
    is not a kind mentorlog reads)."""
    reader = READERS.get(kind)
    if reader is None:
        return None
    try:
        reader(store, path)
    except BrokenFile as broken:
        return broken
    return None


def _read(store: Store, kind: EntryKind, path: Path) -> list[Finding]:
    if kind not in READERS:
        return []
    problem = problem_reading(store, kind, path)
    if problem is not None:
        return [_broken(problem)]
    return [_draft(store, path)] if kind == "draft" else _kept_both(path)


def _kept_both(path: Path) -> list[Finding]:
    """The values a git merge kept side by side (core/mergefile.py), one finding each."""
    text = read_text(path)
    found = [
        Finding(
            kind="kept_both",
            path=str(path),
            message=f"two machines changed {record.get('field')}"
            + (f" of {entry}" if entry else "")
            + f" differently; the other value was {shown_value(record.get('other'))}",
            fix="keep the value you want in the field, then delete this kept_both entry",
        )
        for entry, record in kept_both_in(text, path.suffix == ".md")
    ]
    if KEPT_BOTH_LINE in text:
        found.append(
            Finding(
                kind="kept_both",
                path=str(path),
                message="two machines changed the same part of the text; both versions are "
                "kept, one after the other",
                fix="keep what you want and delete the <!-- mentorlog: ... --> lines",
            )
        )
    return found


def _broken(problem: BrokenFile) -> Finding:
    kind: FindingKind = "broken"
    if isinstance(problem, NewerSchema):
        kind = "newer_schema"
    elif "conflict markers" in problem.problem:
        kind = "conflict"
    return Finding(
        kind=kind,
        path=str(problem.path),
        message=problem.problem
        if problem.line is None
        else f"line {problem.line}: {problem.problem}",
        fix=problem.hint or "fix the file by hand",
    )


def _draft(store: Store, path: Path) -> Finding:
    days = (time.time() - path.stat().st_mtime) / 86400
    if store.is_set_aside(path):  # no command offers it again: it is the person's to use
        said = "set aside when you chose not to pick it up"
        fix = "copy what you want from it, then delete the file"
    else:
        said = "kept"
        fix = "run the command again to continue it, or delete the file if you do not need it"
    return Finding(
        kind="draft",
        path=str(path),
        message=f"unfinished text {said} {_age(path)} ago: {_first_line(path)}",
        fix=fix,
        needs_attention=days >= STALE_DRAFT_DAYS,
    )


def _dangling_references(store: Store) -> list[Finding]:
    """Recaps that name a commitment or a goal that no longer exists."""
    found: list[Finding] = []
    if _behind(store):
        return found  # `old_format` comes first: migrate, then see what is left
    for slug in store.slugs():
        try:
            actions = {a.id for a in store.load_actions(slug).actions}
            goals = {g.id for g in store.load_goals(slug).goals}
            paths = store.recap_paths(slug)
        except BrokenFile:
            continue  # already named above
        held_in = {"commitment": store.action_file, "goal": store.goal_file}
        for path in paths:
            try:
                recap = store.load_recap(path)
            except BrokenFile:
                continue
            missing = [("commitment", a) for a in recap.actions_created + recap.actions_done]
            missing = [(what, i) for what, i in missing if i not in actions]
            missing += [("goal", g) for g in recap.progress if g not in goals]
            found += [
                _dangling(path, what, ref, store.relative(held_in[what](slug, ref)))
                for what, ref in missing
            ]
    return found + _lost_reflections(store)


def _lost_reflections(store: Store) -> list[Finding]:
    """Reflections about a relationship no slug or old slug names any more (a v1 rename
    did not keep the old slug): `journal SLUG` cannot find them until it is an alias."""
    found: list[Finding] = []
    if _behind(store):
        return found
    for path in store.reflection_paths():
        try:
            reflection = store.load_reflection(path)
        except BrokenFile:
            continue  # already named above
        about = reflection.relationship
        if about and not store.exists(about):
            found.append(
                Finding(
                    kind="dangling_reference",
                    path=str(path),
                    message=f"is about '{about}', a slug no relationship has (or had) now",
                    fix=f'if it was renamed, add aliases = ["{about}"] to that relationship '
                    "(`mentorlog edit SLUG` opens its file)",
                )
            )
    return found


def _dangling(path: Path, what: str, ref: str, its_file: str) -> Finding:
    return Finding(
        kind="dangling_reference",
        path=str(path),
        message=f"names {what} {ref}, which is not there ({its_file})",
        fix=f"put {its_file} back (see `mentorlog trash`), or take '{ref}' out of this recap",
    )


def _repair(finding: Finding) -> None:
    if not finding.fixable or finding.fixed:
        return
    path = Path(finding.path)
    if finding.kind == "permissions":
        os.chmod(path, DIR_MODE if path.is_dir() else FILE_MODE)
    elif finding.kind == "temp_file":
        remove_file(path)
    finding.fixed = True


def _age(path: Path) -> str:
    seconds = max(0.0, time.time() - path.lstat().st_mtime)
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
        if seconds >= size:
            count = int(seconds // size)
            return f"{count} {unit}{'s' if count > 1 else ''}"
    return "less than a minute"


def _first_line(path: Path) -> str:
    """A few words to know a file by: a walk's draft (TOML) by its first answer, any
    other by its first line."""
    try:
        with path.open("rb") as handle:
            head = handle.read(DRAFT_READ if path.suffix == ".toml" else 200)
    except OSError:
        return "nothing readable"
    text = head.decode("utf-8", errors="replace")
    words = _first_answer(text) if path.suffix == ".toml" else None
    line = words if words is not None else text.strip().split("\n")[0].strip()
    if not line:
        return "nothing"
    return f"'{line[:60]}{'...' if len(line) > 60 else ''}'"  # shown harmless by the console


DRAFT_READ = 64 * 1024  # a walk's draft is read whole up to this to find its first answer
NOT_TYPED = ("saved", "unfinished", "date", "next", "done", "minutes", "started", "target")


def _first_answer(text: str) -> str | None:
    """The first text answered in a walk's draft, on one line; None if it does not read."""
    try:
        answers = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return None
    for key in NOT_TYPED:  # dates, counts and notes mentorlog keeps beside the answers
        answers.pop(key, None)
    for value in answers.values():
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, str) and item.strip():
                return " ".join(item.split())
    return ""
