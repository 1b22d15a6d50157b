"""Split v1's shared TOML files (`[[goals]]`, `[[actions]]`, `[[milestones]]`) into one
text per entry, keeping each entry's lines as the person left them (migration m003).

Each `[[key]]` block becomes a file: its header goes, its sub-tables lose the `key.`
prefix (`[[goals.history]]` becomes `[[history]]`), the comment lines just above the
header come along, and `schema_version` opens it. What comes before the first block
(comments at the top) goes with the first entry. A block that does not read back as the
entry it was (`holds`) is written afresh by the caller instead: nothing is guessed.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from mentorlog.core.files import same

KEYS = {"goals": "goals", "actions": "actions", "journey": "milestones"}
_HEADER = re.compile(r"^\s*\[\[\s*(?P<key>[A-Za-z0-9_.\-\"' ]+?)\s*\]\]\s*(?:#.*)?$")
_TABLE = re.compile(
    r"^(?P<open>\s*\[{1,2}\s*)(?P<name>[A-Za-z0-9_.\-\"' ]+?)(?P<close>\s*\]{1,2}.*)$"
)
_ID = re.compile(r"""^\s*id\s*=\s*["']([^"']+)["']""")
VERSION_LINE = "schema_version = 1\n"


def split(text: str, key: str) -> dict[str, str]:
    """Each `[[key]]` entry's text, by its id; entries whose id line cannot be found, or
    a file with anything but comments and `schema_version` outside its blocks, give none."""
    lines = text.splitlines(keepends=True)
    starts = [i for i, line in enumerate(lines) if _is_header(line, key)]
    if not starts or _other_tables(lines, key):
        return {}
    heads = [_comments_above(lines, start) for start in starts]
    top = [line for line in lines[: heads[0]] if not _is_version(line)]
    found: dict[str, str] = {}
    for n, start in enumerate(starts):
        end = heads[n + 1] if n + 1 < len(starts) else len(lines)
        body = [_unprefixed(line, key) for line in lines[start + 1 : end]]
        above = lines[heads[n] : start]
        lead = (top if n == 0 else []) + above
        entity_id = next((m.group(1) for m in map(_ID.match, body) if m), None)
        if entity_id:
            found[entity_id] = _joined(lead, body)
    return found


def holds(text: str, entity: BaseModel, record: type[BaseModel], path: Path) -> bool:
    """Whether `text` reads, through the file's model, as exactly `entity`."""
    try:
        loaded: dict[str, Any] = tomllib.loads(text)
        read = record.model_validate(loaded)
    except (tomllib.TOMLDecodeError, ValidationError, ValueError):
        return False
    fields = {name: getattr(read, name) for name in type(entity).model_fields}
    return same(type(entity).model_construct(**fields).model_dump(), entity.model_dump())


def _joined(lead: list[str], body: list[str]) -> str:
    comments = [line for line in lead if line.strip()]
    while body and not body[-1].strip():
        body = body[:-1]
    text = "".join(comments) + VERSION_LINE + "".join(body)
    return text if text.endswith("\n") else text + "\n"


def _is_header(line: str, key: str) -> bool:
    match = _HEADER.match(line)
    return match is not None and match.group("key").strip() == key


def _is_version(line: str) -> bool:
    return bool(re.match(r"^\s*schema_version\s*=", line))


def _other_tables(lines: list[str], key: str) -> bool:
    """A table outside `key` (a file-level `[[kept_both]]`): the text is not split."""
    for line in lines:
        match = _TABLE.match(line)
        if match and not line.lstrip().startswith("#"):
            name = match.group("name").strip()
            if name != key and not name.startswith(f"{key}."):
                return True
    return False


def _comments_above(lines: list[str], start: int) -> int:
    """Where the run of comment lines directly above a header begins."""
    first = start
    while first > 0 and lines[first - 1].lstrip().startswith("#"):
        first -= 1
    return first


def _unprefixed(line: str, key: str) -> str:
    match = _TABLE.match(line)
    if not match or line.lstrip().startswith("#"):
        return line
    name = match.group("name").strip()
    if name.startswith(f"{key}."):
        return f"{match.group('open')}{name[len(key) + 1 :]}{match.group('close')}\n"
    return line
