"""mentorlog's git merge driver: merges two versions of a journal file entry by entry.

git calls `mentorlog merge-file BASE OURS THEIRS PATH` for a file both sides changed
(see docs/design/git.md). The three texts are parsed, never cut into hunks:

- tables merge field by field, three-way: a field one side changed takes that side;
- arrays of tables whose items carry an `id` (`[[goals]]`, `[[actions]]`, `[[milestones]]`;
  `key` for a prompt set's questions) merge entry by entry, matched by that id;
- other arrays (`wants`, `aliases`, `areas`, `history`, ...) merge as ordered sets:
  additions from both sides, removals from either;
- a field both sides changed differently keeps OURS in the field, so the file stays valid,
  and records the other value in a `[[kept_both]]` entry of the enclosing entry (or file):
  `field`, `other`, `was`. `doctor` lists them; the person settles them.

Markdown files merge their front matter as above and their body by lines; a stretch both
sides changed differently keeps both versions, one after the other, under a plain
`<!-- mentorlog: ... -->` line. Never git's conflict markers.

No lock is taken (it runs inside `sync`, which holds the home's); no Typer, no Rich.
"""

from __future__ import annotations

import datetime as dt
import sys
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from mentorlog.core import merge as lines
from mentorlog.core.files import (
    FRONT,
    atomic_write,
    clean_body,
    dump_toml,
    join_document,
    same,
    updated_toml,
)
from mentorlog.core.layout import AGREEMENT_FILE, MARKER_FILE
from mentorlog.core.models import AGREEMENT_SCHEMA, HOME_SCHEMA, SCHEMA_VERSION

KEPT = "kept_both"
ENTRY_KEYS = ("id", "key")  # what matches the entries of an array of tables
KEPT_BOTH_LINE = "<!-- mentorlog: kept both versions of this part; keep what you want -->"
OTHER_LINE = "<!-- mentorlog: the other version -->"
END_LINE = "<!-- mentorlog: end of both versions -->"
# The newest schema this mentorlog reads, per file name where it differs from the data files'.
NEWEST_SCHEMA = {MARKER_FILE: HOME_SCHEMA, AGREEMENT_FILE: AGREEMENT_SCHEMA}

Table = dict[str, Any]


class Missing:
    """A key absent on one side (distinct from every TOML value)."""

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = Missing()


class CannotMergeFile(Exception):
    """A side does not parse or comes from a newer mentorlog: leave the file to git."""


@dataclass
class Outcome:
    text: str
    kept_both: int = 0  # fields both sides changed differently (other value recorded)
    body_conflicts: int = 0  # body stretches kept twice
    notes: list[str] = field(default_factory=list)


# -- values --------------------------------------------------------------------------------
def _entry_key(items: list[Any]) -> str | None:
    """The key that identifies the tables of this array, if every item is such a table."""
    if not items or not all(isinstance(item, dict) for item in items):
        return None
    for key in ENTRY_KEYS:
        if all(isinstance(item.get(key), str) for item in items):
            return key
    return None


def _contains(items: list[Any], value: Any) -> bool:
    return any(same(item, value) for item in items)


def merge_set(base: list[Any], ours: list[Any], theirs: list[Any]) -> list[Any]:
    """Ordered-set merge: what both kept of base, then ours' additions, then theirs'."""
    out: list[Any] = []
    for item in base:
        if _contains(ours, item) and _contains(theirs, item) and not _contains(out, item):
            out.append(item)
    for side in (ours, theirs):
        for item in side:
            if not _contains(base, item) and not _contains(out, item):
                out.append(item)
    return out


def _both_slugs_answer(merged: Table, kept: list[Table]) -> None:
    """A relationship renamed differently on two machines keeps one slug; the other joins
    its old slugs (`aliases`), so the name each machine chose still finds it."""
    for record in kept:
        other = record.get("other")
        if record.get("field") == "slug" and isinstance(other, str) and other != merged["slug"]:
            aliases = merged.setdefault("aliases", [])
            if isinstance(aliases, list) and other not in aliases:
                aliases.append(other)


# -- tables --------------------------------------------------------------------------------
@dataclass
class _Merge:
    kept: int = 0

    def table(self, base: Table | None, ours: Table, theirs: Table) -> Table:
        """One entry (or a whole file): its fields, plus the `kept_both` records it gains."""
        kept: list[Table] = []
        merged = self._fields(base or {}, ours, theirs, "", kept)
        records = merge_set((base or {}).get(KEPT, []), ours.get(KEPT, []), theirs.get(KEPT, []))
        records += [record for record in kept if not _contains(records, record)]
        _both_slugs_answer(merged, kept)
        if records:
            merged[KEPT] = records
        else:
            merged.pop(KEPT, None)
        return merged

    def _fields(
        self, base: Table, ours: Table, theirs: Table, prefix: str, kept: list[Table]
    ) -> Table:
        keys = list(ours) + [key for key in theirs if key not in ours]
        keys += [key for key in base if key not in keys]  # deleted on both: dropped below
        merged: Table = {}
        for key in keys:
            if key == KEPT:
                continue
            value = self._field(
                base.get(key, MISSING),
                ours.get(key, MISSING),
                theirs.get(key, MISSING),
                f"{prefix}{key}",
                kept,
            )
            if value is not MISSING:
                merged[key] = value
        return merged

    def _field(self, base: Any, ours: Any, theirs: Any, name: str, kept: list[Table]) -> Any:
        if same(ours, theirs) or same(theirs, base):
            return ours
        if same(ours, base):
            return theirs
        if ours is MISSING or theirs is MISSING:  # deleted on one side, changed on the other
            return theirs if ours is MISSING else ours
        if isinstance(ours, dict) and isinstance(theirs, dict):
            table: Table = base if isinstance(base, dict) else {}
            if _entry_like(ours) or _entry_like(theirs):
                return self.table(table or None, ours, theirs)
            return self._fields(table, ours, theirs, f"{name}.", kept)
        if isinstance(ours, list) and isinstance(theirs, list):
            items: list[Any] = base if isinstance(base, list) else []
            return self.array(items, ours, theirs, name)
        self.kept += 1
        record: Table = {"field": name, "other": theirs}
        if base is not MISSING:
            record["was"] = base
        kept.append(record)
        return ours

    def array(self, base: list[Any], ours: list[Any], theirs: list[Any], name: str) -> list[Any]:
        key = _entry_key(base + ours + theirs)
        if key is None:
            merged = merge_set(base, ours, theirs)
            if name.rsplit(".", 1)[-1] == "history" and all(
                isinstance(item, dict) and "date" in item for item in merged
            ):
                merged.sort(key=lambda item: _sortable(item["date"]))
            return merged
        return self.entries(base, ours, theirs, key)

    def entries(
        self, base: list[Table], ours: list[Table], theirs: list[Table], key: str
    ) -> list[Table]:
        """Entry by entry, matched by `key`: base order, then ours' new, then theirs' new."""
        olds, mine, others = ({item[key]: item for item in side} for side in (base, ours, theirs))
        order = list(olds) + [k for k in mine if k not in olds]
        order += [k for k in others if k not in olds and k not in mine]
        out: list[Table] = []
        for ident in order:
            old, a, b = olds.get(ident), mine.get(ident), others.get(ident)
            if a is None and b is None:
                continue
            if a is None or b is None:
                present = a if a is not None else b
                assert present is not None
                if old is not None and same(present, old):  # deleted, unchanged elsewhere
                    continue
                out.append(present)  # added on one side, or changed where the other deleted
                continue
            out.append(self.table(old, a, b))
        return out


def _entry_like(table: Table) -> bool:
    return any(isinstance(table.get(key), str) for key in ENTRY_KEYS)


def _sortable(value: Any) -> str:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return str(value)


def merge_tables(base: Table | None, ours: Table, theirs: Table) -> tuple[Table, int]:
    """The three-way merge of two parsed TOML documents, and how many fields kept both."""
    merger = _Merge()
    return merger.table(base, ours, theirs), merger.kept


# -- files ---------------------------------------------------------------------------------
def _parse(text: str, side: str, path: str) -> Table:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as problem:
        raise CannotMergeFile(f"{path}: the {side} version is not valid TOML ({problem})") from None
    newest = NEWEST_SCHEMA.get(PurePosixPath(path).name, SCHEMA_VERSION)
    version = data.get("schema_version", 1)
    if isinstance(version, bool) or not isinstance(version, int):
        raise CannotMergeFile(
            f"{path}: the {side} version's schema_version ({version!r}) is not a whole number"
        )
    if version > newest:
        raise CannotMergeFile(
            f"{path}: the {side} version was written by a newer mentorlog "
            f"(schema_version {version}); update mentorlog on this machine"
        )
    return data


def _toml_text(ours_text: str, merged: Table, multiline: bool = True) -> str:
    """The merged data, written over OURS' text so that its comments stay where they can."""
    if ours_text.strip():
        kept = updated_toml(ours_text, merged, multiline=multiline)
        if kept is not None:
            return kept
    return dump_toml(merged, multiline=multiline)


def merge_toml(base: str, ours: str, theirs: str, path: str) -> Outcome:
    old = _parse(base, "common", path) if base.strip() else None
    mine, others = _parse(ours, "this machine's", path), _parse(theirs, "other", path)
    merged, kept = merge_tables(old, mine, others)
    return Outcome(_toml_text(ours, merged), kept_both=kept)


def _split(text: str, side: str, path: str) -> tuple[str, str]:
    rows = text.replace("\r\n", "\n").split("\n")
    if not rows or rows[0].strip() != FRONT:
        return "", text  # no front matter: the whole text is the body
    for index in range(1, len(rows)):
        if rows[index].strip() == FRONT:
            return "\n".join(rows[1:index]) + "\n", "\n".join(rows[index + 1 :])
    raise CannotMergeFile(f"{path}: the {side} version's front matter has no closing {FRONT}")


def merge_body(base: str | None, ours: str, theirs: str) -> tuple[str, int]:
    """A three-way line merge; a stretch both changed differently is kept twice."""
    a, b = _lines(ours), _lines(theirs)
    chunks = lines._chunks(_lines(base), a, b) if base is not None else lines._two_way(a, b)
    out: list[str] = []
    conflicts = 0
    for old, mine, others in chunks:
        if same(mine, others) or same(others, old):
            out += mine
        elif same(mine, old):
            out += others
        else:
            conflicts += 1
            out += [KEPT_BOTH_LINE + "\n", *_ended(mine), OTHER_LINE + "\n", *_ended(others)]
            out.append(END_LINE + "\n")
    return "".join(out), conflicts


def _lines(text: str | None) -> list[str]:
    return (text or "").splitlines(keepends=True)


def _ended(rows: list[str]) -> list[str]:
    if rows and not rows[-1].endswith("\n"):
        return [*rows[:-1], rows[-1] + "\n"]
    return rows


# Front-matter fields mentorlog sets itself, by file name: changed on both machines, the
# rule picks the value (nobody typed either), rather than keeping both for the person.
DERIVED: dict[str, dict[str, Callable[[Any, Any], Any]]] = {
    AGREEMENT_FILE: {
        "date": min,  # the page's date: the first day it was written down or agreed
        "edited": max,  # the last edit
        "goals_fingerprint": lambda mine, theirs: mine or theirs,  # either text's base
    },
}


def _settle_derived(path: str, old: Table | None, mine: Table, theirs: Table) -> None:
    base = old or {}
    for name, pick in DERIVED.get(PurePosixPath(path).name, {}).items():
        both = name in mine and name in theirs and mine[name] != theirs[name]
        if both and base.get(name) not in (mine[name], theirs[name]):  # changed on both
            mine[name] = theirs[name] = pick(mine[name], theirs[name])


def merge_document(base: str, ours: str, theirs: str, path: str) -> Outcome:
    """A Markdown file with TOML front matter: the front matter by fields, the body by lines."""
    has_base = bool(base.strip())
    old_front, old_body = _split(base, "common", path) if has_base else ("", "")
    my_front, my_body = _split(ours, "this machine's", path)
    their_front, their_body = _split(theirs, "other", path)
    if not my_front and not their_front:  # plain Markdown
        body, conflicts = merge_body(old_body if has_base else None, my_body, their_body)
        return Outcome(body, body_conflicts=conflicts)
    old = _parse(old_front, "common", path) if has_base and old_front else None
    mine, their = _parse(my_front, "this machine's", path), _parse(their_front, "other", path)
    _settle_derived(path, old, mine, their)
    merged, kept = merge_tables(old, mine, their)
    body, conflicts = merge_body(
        clean_body(old_body) + "\n" if has_base else None,
        clean_body(my_body) + "\n",
        clean_body(their_body) + "\n",
    )
    front = _toml_text(my_front, merged, multiline=False)
    return Outcome(join_document(front, body), kept_both=kept, body_conflicts=conflicts)


def merge_texts(base: str, ours: str, theirs: str, path: str) -> Outcome:
    """Merge the three versions of the file at `path` (relative to the home, with `/`)."""
    if path.endswith(".toml"):
        return merge_toml(base, ours, theirs, path)
    if path.endswith(".md"):
        return merge_document(base, ours, theirs, path)
    body, conflicts = merge_body(base if base else None, ours, theirs)
    if conflicts:
        raise CannotMergeFile(f"{path}: both machines changed the same lines; left to git")
    return Outcome(body)


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8").removeprefix("\ufeff")
    except FileNotFoundError:
        return ""
    except UnicodeDecodeError:
        raise CannotMergeFile(f"{path} is not UTF-8 text") from None


def merge_file(base: Path, ours: Path, theirs: Path, path: str) -> Outcome:
    """git's `%O %A %B %P`: the merge is written into `ours`; CannotMergeFile leaves it as
    it was."""
    outcome = merge_texts(_read(base), _read(ours), _read(theirs), path)
    atomic_write(ours, outcome.text)
    return outcome


# -- finding what a merge kept (sync's report, doctor) -------------------------------------
def kept_both_in(text: str, document: bool) -> list[tuple[str, dict[str, Any]]]:
    """Every `kept_both` record in a file's text, with the id of the entry holding it
    ("" for the file itself). `document`: Markdown with front matter."""
    if KEPT not in text:
        return []
    if document:
        rows = text.split(FRONT)
        text = rows[1] if len(rows) > 2 else ""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return []
    return _walk_kept(data, "")


def _walk_kept(data: Any, entry: str) -> list[tuple[str, dict[str, Any]]]:
    found: list[tuple[str, dict[str, Any]]] = []
    if isinstance(data, dict):
        here = str(data.get("id", entry))
        records = data.get(KEPT)
        for record in records if isinstance(records, list) else []:
            if isinstance(record, dict):
                found.append((here, record))
        for key, value in data.items():
            if key != KEPT:
                found += _walk_kept(value, here)
    elif isinstance(data, list):
        for item in data:
            found += _walk_kept(item, entry)
    return found


def main(args: list[str]) -> int:
    """`merge-file BASE OURS THEIRS PATH` without the CLI around it: git's exit codes
    (0 merged, 1 left to git), a line on stderr for what it kept or refused."""
    paths = [arg for arg in args if not arg.startswith("--")]
    if len(paths) != 4:
        print("usage: mentorlog merge-file BASE OURS THEIRS PATH", file=sys.stderr)
        return 2
    try:
        outcome = merge_file(Path(paths[0]), Path(paths[1]), Path(paths[2]), paths[3])
    except CannotMergeFile as problem:
        print(f"mentorlog: cannot merge {problem}", file=sys.stderr)
        return 1
    if outcome.kept_both or outcome.body_conflicts:
        print(f"mentorlog: merged {paths[3]}: {describe(outcome)}", file=sys.stderr)
    return 0


def describe(outcome: Outcome) -> str:
    parts = [f"{outcome.kept_both} field(s) kept both values"] if outcome.kept_both else []
    if outcome.body_conflicts:
        parts.append(f"{outcome.body_conflicts} part(s) of the text kept twice")
    return ", ".join(parts)


def shown_value(value: object) -> str:
    """A kept value as a person reads it: text in quotes, a date as 2026-12-24."""
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, dt.date):  # a datetime is a date too
        return value.isoformat()
    return str(value)
