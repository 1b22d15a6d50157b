"""A healthy store with one file of every kind, built once and copied for each test,
and the ways a file can go bad (hand edits, merges, crashes, links)."""

from __future__ import annotations

import os
import re
import shutil
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import TODAY, ok

SHIPPED_SET = Path(__file__).parent.parent / "src" / "mentorlog" / "prompts" / "gratitude.toml"
REFLECTION = "reflections/2026-03-15-gratitude.md"


def build_healthy(home: Path) -> None:
    """Two relationships, and a file of every kind mentorlog reads."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("MENTORLOG_HOME", str(home))
        patch.setenv("MENTORLOG_TODAY", TODAY)
        for partner, slug, role in (
            ("Ada Lovelace", "ada", "mentee"),
            ("Grace Hopper", "grace", "mentor"),
        ):
            ok("new-relationship", partner, "--slug", slug, "--role", role, "--no-input")
        goal = ok("goal", "add", "ada", "Ship the thing", "--no-input", "--json").json()
        ok(
            "recap",
            "ada",
            "--summary",
            "We talked",
            "--action",
            "send CV @me",
            "--progress",
            f"{goal['goal']['id']}=40",
            "--no-input",
        )
        ok("recap", "grace", "--summary", "Hello", "--no-input")
        ok("checkin", "ada", "--rate", "listening=4", "--no-input")
        ok("reflect", "--set", "gratitude", "--answer", "the walk", "--no-input")
        ok("network", "want", "Python")
        ok("journey", "add", "Started", "--date", "2020-01-01")
        ok("agreement", "ada", "--agreed", "2026-03-10")
    (home / "prompts").mkdir(mode=0o700)
    shutil.copy(SHIPPED_SET, home / "prompts" / "mine.toml")
    (home / "prompts" / "mine.toml").write_text(
        SHIPPED_SET.read_text().replace('name = "gratitude"', 'name = "mine"')
    )
    drafts = at(home, "relationships/ada") / "drafts"
    drafts.mkdir(mode=0o700)
    (drafts / "recap.md").write_text("What we said about the CV\n")
    for path in home.rglob("*"):
        os.chmod(path, 0o700 if path.is_dir() else 0o600)


@dataclass(frozen=True)
class Kind:
    name: str
    path: str  # inside the home
    required: str | None  # a key line whose removal leaves a required key missing
    commands: tuple[tuple[str, ...], ...]


KINDS = [
    Kind(
        "relationship",
        "relationships/ada/relationship.toml",
        "partner = ",
        (
            ("list",),
            ("show", "ada"),
            ("actions",),
            ("due",),
            ("log", "ada"),
            ("prep", "ada"),
            ("health",),
            ("network",),
            ("journey",),
            ("seasons",),
            ("goal", "list"),
            ("agreement", "ada"),
        ),
    ),
    Kind(
        "goals",
        "relationships/ada/goals.toml",
        "title = ",
        (("show", "ada"), ("goal", "list"), ("prep", "ada"), ("agreement", "ada")),
    ),
    Kind(
        "actions",
        "relationships/ada/actions.toml",
        "text = ",
        (("show", "ada"), ("actions",), ("due",), ("prep", "ada")),
    ),
    Kind("agreement", "relationships/ada/agreement.md", None, (("agreement", "ada"),)),
    Kind(
        "recap",
        "relationships/ada/recaps/2026-03-15.md",
        "date = ",
        (
            ("list",),
            ("show", "ada"),
            ("due",),
            ("log", "ada"),
            ("prep", "ada"),
            ("seasons",),
            ("network",),
            ("recaps",),
            ("recaps", "ada"),
            ("read", "ada/2026-03-15", "--kind", "recap"),
        ),
    ),
    Kind(
        "checkin",
        "relationships/ada/checkins/2026-03-15.toml",
        "date = ",
        (("health",), ("health", "ada"), ("read", "ada/2026-03-15.toml")),
    ),
    Kind("reflection", REFLECTION, "set = ", (("journal",), ("read", "2026-03-15-gratitude"))),
    Kind("network", "network.toml", None, (("network",),)),
    Kind("journey", "journey.toml", "title = ", (("journey",),)),
    Kind("prompts", "prompts/mine.toml", "name = ", (("reflect", "--list-sets"),)),
    Kind("draft", "relationships/ada/drafts/recap.md", None, (("list",), ("show", "ada"))),
]


VERSION_LINE = re.compile(r"(?m)^schema_version = \d+$")


def _on_version(make: Callable[[str], str]) -> Callable[[Kind, str], str]:
    """Change the first `schema_version = N` line (N differs by file) to `make(it)`."""

    def change(kind: Kind, text: str) -> str:
        found = VERSION_LINE.search(text)
        if found is None:  # a file without one (a draft) is left as it is
            return text
        return text[: found.start()] + make(found.group(0)) + text[found.end() :]

    return change


def _drop_line(kind: Kind, text: str) -> str:
    if kind.required is None:
        return text
    pattern = rf"(?m)^{re.escape(kind.required)}.*\n|\b{re.escape(kind.required)}[^,]*, "
    return re.sub(pattern, "", text, count=1)


Corrupt = Callable[[Kind, Path, Path], None]  # (kind, the file, a place outside the home)


def _edit(change: Callable[[Kind, str], str]) -> Corrupt:
    def corrupt(kind: Kind, path: Path, outside: Path) -> None:
        path.write_bytes(change(kind, path.read_text()).encode())

    return corrupt


def _bytes(data: bytes) -> Corrupt:
    def corrupt(kind: Kind, path: Path, outside: Path) -> None:
        path.write_bytes(data)

    return corrupt


def _folder(kind: Kind, path: Path, outside: Path) -> None:
    path.unlink()
    path.mkdir(mode=0o700)


def _dangling(kind: Kind, path: Path, outside: Path) -> None:
    path.unlink()
    path.symlink_to(outside / "nothing-here")


def _out_of_home(kind: Kind, path: Path, outside: Path) -> None:
    outside.mkdir(exist_ok=True)
    target = outside / path.name
    shutil.copy(path, target)
    path.unlink()
    path.symlink_to(target)


CORRUPTIONS: dict[str, Corrupt] = {
    "invalid-toml": _edit(_on_version(lambda line: line.replace(" = ", " = = "))),
    "wrong-types": _edit(_on_version(lambda line: 'schema_version = "one"')),
    "missing-keys": _edit(_drop_line),
    "unknown-keys": _edit(_on_version(lambda line: line + "\nsurprise = 1")),
    "newer-schema": _edit(_on_version(lambda line: "schema_version = 99")),
    "conflict": _edit(
        _on_version(lambda line: f"<<<<<<< HEAD\n{line}\n=======\n{line}\n>>>>>>> theirs")
    ),
    "binary": _bytes(bytes(range(256)) * 4),
    "empty": _bytes(b""),
    "folder": _folder,
    "dangling-link": _dangling,
    "link-out-of-home": _out_of_home,
    "bom": _edit(lambda k, t: "\ufeff" + t),
    "crlf": _edit(lambda k, t: t.replace("\n", "\r\n")),
}

# Files a person may leave empty, keys that may be left out: these still read fine.
READS_FINE = {"bom", "crlf"}
EMPTY_IS_FINE = {"network"}  # a goal, commitment or milestone file holds one: its id


def expect_fine(kind: Kind, corruption: str) -> bool:
    if kind.name == "draft" or corruption in READS_FINE:
        return True  # no read command reads a draft; doctor names a broken one
    if corruption == "missing-keys":
        return kind.required is None
    return corruption == "empty" and kind.name in EMPTY_IS_FINE


def snapshot(path: Path) -> tuple[object, ...]:
    """What must not change: the entry's kind and mode, and its bytes or link target."""
    info = os.lstat(path)
    if path.is_symlink():
        return ("link", path.readlink(), info.st_mode)
    if path.is_dir():
        return ("dir", sorted(p.name for p in path.iterdir()), info.st_mode)
    return ("file", path.read_bytes(), info.st_mode)


def at(home: Path, *parts: str) -> Path:
    """Where a file a test names by its v1 place (`relationships/ada/recaps/2026-03-15.md`)
    is now: the folder of the relationship whose slug (or old slug) is `ada`, the one
    file of that day (`2026-03-15-s….md`), the one goal for `goals.toml` (commitment for
    `actions.toml`, milestone for `journey.toml`); the v1 place itself when nothing
    matches."""
    names = [name for part in parts for name in part.split("/") if name]
    path = home
    for index, name in enumerate(names):
        path = _found(path, name, in_relationships=index == 1 and names[0] == "relationships")
    return path


def _found(folder: Path, name: str, in_relationships: bool) -> Path:
    if (folder / name).exists() or not folder.is_dir():
        return folder / name
    if in_relationships:
        for candidate in sorted(folder.iterdir()):
            data = _toml(candidate / "relationship.toml")
            if name == data.get("slug") or name in data.get("aliases", []):
                return candidate
        return folder / name
    shelf = folder / SPLIT.get(name, "")
    if name in SPLIT and shelf.is_dir():  # v1's shared file: the one entity file there is
        entities = sorted(shelf.glob("*.toml"))
        return entities[0] if len(entities) == 1 else folder / name
    stem, dot, suffix = name.partition(".")
    matches = sorted(folder.glob(f"{stem}-???????????{dot}{suffix}"))  # -<letter><10>
    return matches[0] if len(matches) == 1 else folder / name


SPLIT = {"goals.toml": "goals", "actions.toml": "commitments", "journey.toml": "journey"}


def _toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return {}


def set_entity_id(folder: Path, old: str, new: str) -> None:
    """Give a goal, commitment or milestone another id by hand, as a person (or another
    machine) might: its file's name and the id inside."""
    path = folder / f"{old}.toml"
    path.with_name(f"{new}.toml").write_text(path.read_text().replace(f'"{old}"', f'"{new}"'))
    path.unlink()
