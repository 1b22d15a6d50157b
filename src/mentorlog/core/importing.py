"""`mentorlog import`: put an export (`export --format json`) back into a home.

All or nothing: one transaction writes every new file, or none. An entry already in the
home is left alone when it is the same, and stops the whole import when it differs (it is
named): an import never overwrites what the person has.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

from pydantic import BaseModel, Field, ValidationError

from mentorlog.core.context import Context
from mentorlog.core.errors import (
    AlreadyExists,
    BrokenFile,
    InvalidInput,
    NewerSchema,
    NotFound,
)
from mentorlog.core.export import (
    FORMAT_NAME,
    FORMAT_VERSION,
    ExportFile,
    RelationshipExport,
    gather,
)
from mentorlog.core.files import newest_schema, read_text
from mentorlog.core.slugs import check_slug
from mentorlog.core.txn import operation
from mentorlog.core.wording import should_be

NOT_AN_EXPORT = "is it a file from `mentorlog export --format json`?"
Key = tuple[str, ...]  # (kind, slug or "", id or "")


class Planned(BaseModel):
    """One file an import writes (or, with --dry-run, would write)."""

    kind: str
    slug: str | None = None
    id: str | None = None


class ImportResult(BaseModel):
    file: str
    dry_run: bool
    written: list[Planned] = Field(default_factory=list)
    unchanged: int = 0  # entries the home already had, exactly the same
    kept: list[Planned] = Field(default_factory=list)  # this home's own, left as they are


# -- reading the file -------------------------------------------------------------------
STDIN = Path("-")  # as a file name: standard input, the other end of a pipe
STDIN_NAME = Path("(standard input)")  # how errors name it


def read_export(path: Path, text: str | None = None) -> ExportFile:
    """The export in `path` (`text` is what standard input gave, when `path` is STDIN);
    a file that is not one is named with what and where."""
    if text is None:
        text = _read(path)
    else:
        path = STDIN_NAME
    if not text.strip():
        raise BrokenFile(path, "is empty", hint=NOT_AN_EXPORT)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as problem:
        raise BrokenFile(
            path, f"is not JSON ({problem.msg})", problem.lineno, problem.colno, NOT_AN_EXPORT
        ) from None
    _check_header(path, data)
    _whole_versions(path, data, ())
    try:
        export = ExportFile.model_validate(data)
    except ValidationError as problem:
        first = problem.errors()[0]
        where = _json_path(first["loc"])
        message = "is missing" if first["type"] == "missing" else should_be(first)
        raise BrokenFile(path, f"{where}: {message}", hint=NOT_AN_EXPORT) from None
    _check_versions(path, export)
    return export


def _whole_versions(path: Path, data: Any, loc: tuple[int | str, ...]) -> None:
    """Every `schema_version` is a whole number (`"3"` or `3.0` would pass as one)."""
    if isinstance(data, dict):
        version = data.get("schema_version", 1)
        if isinstance(version, bool) or not isinstance(version, int):
            where = _json_path((*loc, "schema_version"))
            raise BrokenFile(
                path, f"{where}: should be a whole number, not {version!r}", hint=NOT_AN_EXPORT
            )
        for key, value in data.items():
            _whole_versions(path, value, (*loc, key))
    elif isinstance(data, list):
        for number, value in enumerate(data):
            _whole_versions(path, value, (*loc, number))


def _check_versions(path: Path, export: ExportFile) -> None:
    """An entry a newer mentorlog wrote is refused: imported, it would be a file this
    one cannot read."""
    for key, model in _items(export):
        version = getattr(model, "schema_version", None)
        newest = newest_schema(type(model))
        if isinstance(version, int) and version > newest:
            raise NewerSchema(
                path,
                f"{_name(key)} is at schema_version {version}, newer than this mentorlog "
                f"understands ({newest}); nothing was imported",
                hint="upgrade mentorlog, then import again",
            )


def _read(path: Path) -> str:
    try:
        return read_text(path)
    except FileNotFoundError:
        raise NotFound(
            f"no file {path}", "make one with: mentorlog export --format json -o FILE"
        ) from None


def _check_header(path: Path, data: Any) -> None:
    if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
        raise BrokenFile(path, f'has no "format": "{FORMAT_NAME}"', hint=NOT_AN_EXPORT)
    version = data.get("version")
    if isinstance(version, int) and version > FORMAT_VERSION:
        raise BrokenFile(
            path,
            f"is export version {version}; this mentorlog reads version {FORMAT_VERSION}",
            hint="upgrade mentorlog to import it",
        )


def _json_path(loc: tuple[int | str, ...]) -> str:
    """`('relationships', 0, 'goals', 1, 'title')` -> `relationships[0].goals[1].title`."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "the top level"


# -- what it would write ----------------------------------------------------------------
def _items(data: ExportFile) -> Iterator[tuple[Key, BaseModel]]:
    """Every entry of an export, keyed so that the same entry in a home has the same key."""
    for each in data.relationships:
        yield from _relationship_items(each)
    for reflection in data.reflections:
        yield ("reflection", "", reflection.id), reflection
    for milestone in data.journey:
        yield ("milestone", "", milestone.id), milestone
    for prompt_set in data.prompt_sets:
        yield ("prompt_set", "", prompt_set.name), prompt_set
    if data.network is not None and data.network.wants:
        yield ("network", "", ""), data.network
    if data.config is not None:
        yield ("config", "", ""), data.config


def _relationship_items(each: RelationshipExport) -> Iterator[tuple[Key, BaseModel]]:
    slug = each.relationship.slug
    yield ("relationship", slug, ""), each.relationship
    if each.agreement is not None:
        yield ("agreement", slug, ""), each.agreement
    for kind, entries in (
        ("goal", each.goals),
        ("commitment", each.commitments),
        ("recap", each.recaps),
        ("checkin", each.checkins),
    ):
        for entry in entries:
            yield (kind, slug, str(getattr(entry, "id", ""))), entry


def _dumped(model: BaseModel) -> Any:
    return model.model_dump(mode="json")


MACHINE_OWN = {"config"}  # a machine's settings: a home that has its own keeps them


class Plan(NamedTuple):
    new: list[tuple[Key, BaseModel]]
    same: int
    kept: list[Key]


def plan(ctx: Context, data: ExportFile) -> Plan:
    """What to write, how many entries are already there, and which of this home's own
    settings stay as they are; any other difference is the error."""
    have = {key: _dumped(model) for key, model in _items(gather(ctx, None, every_folder=False))}
    new: list[tuple[Key, BaseModel]] = []
    seen: set[Key] = set()
    same, differ, kept = 0, [], []
    for key, model in _items(data):
        if key in seen:
            raise InvalidInput(f"the file has {_name(key)} twice; nothing was imported")
        seen.add(key)
        if key not in have:
            _check_new(ctx, key, model)
            new.append((key, model))
        elif have[key] == _dumped(model):
            same += 1
        elif key[0] in MACHINE_OWN:
            kept.append(key)
        else:
            differ.append(key)
    if differ:
        more = f" (and {len(differ) - 1} more)" if len(differ) > 1 else ""
        raise AlreadyExists(
            f"this home already has {_name(differ[0])} with different content{more}; "
            "nothing was imported",
            "import into an empty home (--home), or delete what differs first",
        )
    return Plan(new, same, kept)


def _check_new(ctx: Context, key: Key, model: BaseModel) -> None:
    """A new relationship's slug and old slugs are free; a new entry's id is a file name."""
    kind, slug, entry_id = key
    if kind == "relationship":
        for name in [slug, *getattr(model, "aliases", [])]:
            if ctx.store.slug_taken(check_slug(name)):
                raise AlreadyExists(
                    f"this home already has a relationship that is, or was, called '{name}'; "
                    "nothing was imported",
                    f"see `mentorlog show {name}`",
                )
    if kind in ("recap", "checkin", "reflection") and not ctx.store.entry_name_ok(
        kind,  # type: ignore[arg-type]
        entry_id,
    ):
        raise InvalidInput(f"'{entry_id}' is not a {LABELS[kind]}'s id; nothing was imported")


LABELS = {
    "relationship": "relationship",
    "agreement": "agreement",
    "goal": "goal",
    "commitment": "commitment",
    "recap": "recap",
    "checkin": "check-in",
    "reflection": "reflection",
    "milestone": "milestone",
    "prompt_set": "prompt set",
    "network": "network file",
    "config": "config file",
}


def _name(key: Key) -> str:
    """How a message names an entry: `a check-in 2026-03-15-h... in 'ada'`."""
    kind, slug, entry_id = key
    label = LABELS[kind]
    article = "an" if label[0] in "aeiou" else "a"
    if kind == "relationship":
        return f"a relationship '{slug}'"
    where = f" in '{slug}'" if slug else ""
    return " ".join(part for part in (article, label, entry_id) if part) + where


# -- writing it -------------------------------------------------------------------------
def import_file(
    ctx: Context, path: Path, dry_run: bool = False, text: str | None = None
) -> ImportResult:
    """Import the export in `path` (or in `text`, read from standard input); with
    `dry_run`, only say what it would write (no lock is taken and nothing, not even the
    home's folder, is made)."""
    data = read_export(path, text)
    if dry_run:
        return _result(path, True, plan(ctx, data))
    return _write(ctx, path, data)


@operation("import", retry=False)
def _write(ctx: Context, path: Path, data: ExportFile) -> ImportResult:
    """One transaction: the plan is made under the lock, and every file or none is kept."""
    planned = plan(ctx, data)
    for key, model in planned.new:
        WRITERS[key[0]](ctx, key[1], model)
    return _result(path, False, planned)


def _planned(key: Key) -> Planned:
    kind, slug, entry_id = key
    return Planned(kind=kind, slug=slug or None, id=entry_id or None)


def _result(path: Path, dry_run: bool, planned: Plan) -> ImportResult:
    return ImportResult(
        file=str(path),
        dry_run=dry_run,
        written=[_planned(key) for key, _ in planned.new],
        unchanged=planned.same,
        kept=[_planned(key) for key in planned.kept],
    )


def _relationship(ctx: Context, slug: str, model: Any) -> None:
    ctx.store.create(model)
    if model.aliases:
        ctx.store.save(model)


def _goal(ctx: Context, slug: str, model: Any) -> None:
    ctx.store.goal_shelf(slug).save([model])


def _commitment(ctx: Context, slug: str, model: Any) -> None:
    ctx.store.action_shelf(slug).save([model])


def _milestone(ctx: Context, slug: str, model: Any) -> None:
    ctx.store.milestone_shelf().save([model])


WRITERS: dict[str, Callable[[Context, str, Any], None]] = {
    "relationship": _relationship,
    "agreement": lambda ctx, slug, model: ctx.store.save_agreement(slug, model),
    "goal": _goal,
    "commitment": _commitment,
    "recap": lambda ctx, slug, model: ctx.store.put_recap(slug, model),
    "checkin": lambda ctx, slug, model: ctx.store.put_checkin(slug, model),
    "reflection": lambda ctx, slug, model: ctx.store.put_reflection(model),
    "milestone": _milestone,
    "prompt_set": lambda ctx, slug, model: ctx.store.put_prompt_set(model),
    "network": lambda ctx, slug, model: ctx.store.save_network(model),
    "config": lambda ctx, slug, model: ctx.store.save_config(model),
}
