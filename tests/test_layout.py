"""The store is the only code that knows the layout of the home.

Folder and file names live in core/layout.py, which only core/store.py reads; every other
module asks the `Store` for a place, a listing or a lock (docs/design/store-v2.md, 6.1).
So a change of layout (store v2) is a change of the store alone. Docstrings and comments
may describe the layout; code may not use it.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
from datetime import datetime
from pathlib import Path

import mentorlog
from mentorlog.core.store import Store

SOURCE = Path(mentorlog.__file__).parent
OWNERS = ("core/store.py", "core/layout.py", "core/quick.py")  # quick: for completion

LAYOUT: dict[str, re.Pattern[str]] = {
    "a folder of the home by name": re.compile(
        r"""["'](relationships|recaps|checkins|drafts|\.trash)["']"""
        # words that are also names of other things (a prompt set's kind, a lock's scope,
        # a --kept-draft choice) count where a path is joined
        r"""|/\s*["'](reflections|prompts|set-aside)["']|["'](reflections|prompts|set-aside)["']\s*/"""
    ),
    "a path inside the home": re.compile(
        r"""["'][^"'\n]*\b(relationships|recaps|checkins|drafts|reflections|prompts)/"""
    ),
    "a file of the home by name": re.compile(
        r"\b(relationship|goals|actions|ids|network|journey|manifest)\.toml\b|\bagreement\.md\b"
    ),
    "a place of the store joined by hand": re.compile(
        r"(\.folder|_folder|_root)\b(\([^)]*\))?\s*/"
    ),
    "a lock file": re.compile(r"\.lock\b"),
    "a date read from a file name": re.compile(r"\.stem\[:10\]|\.name\[:10\]"),
    "a path built from the home": re.compile(r"\bhome\s*/|\bhome\.joinpath\("),
    "a folder moved by hand": re.compile(r"\bos\.rename\("),
    "a folder's lock taken by hand": re.compile(r"\.locked\(|\bFileLock\("),
    "the layout read directly": re.compile(
        r"core\.layout\b|from mentorlog\.core import .*\blayout\b"
    ),
    "a layout constant taken from the store": re.compile(
        r"from mentorlog\.core\.store import .*\b[A-Z][A-Z_]+\b"
    ),
}

# Each a (file, text matched) pair, and why it is not the layout of the home.
ALLOWED: dict[tuple[str, str], str] = {
    # The prompt sets shipped inside the package (importlib.resources), not the home's.
    ("core/prompts.py", '/ "prompts"'): "the package's own folder",
    # Draft names: the editor draft of a whole file keeps that file's name, as it always
    # did, so text an earlier version kept is still found. A name, not a place.
    ("core/drafts.py", "relationship.toml"): "a draft name",
    ("core/drafts.py", "agreement.md"): "a draft name",
    # An example of a file name the person may export their agreement to.
    ("core/agreement.py", "agreement.md"): "an export file name in a hint",
    # The git merge driver is handed a path by git, not by a Store: it looks up the
    # newest schema of the file by its name (agreement.md and mentorlog.toml differ).
    ("core/mergefile.py", "core.layout"): "git names the file, not the Store",
    # The command `mentorlog recaps`, named in the table of commands.
    ("cli/commands.py", '"recaps"'): "a command's name",
}


def code_lines(text: str) -> list[tuple[int, str]]:
    """The lines of a module that are code: comments and docstrings blanked out."""
    lines = text.splitlines()
    for node in ast.walk(ast.parse(text)):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
            value = body[0].value
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                for number in range(value.lineno, (value.end_lineno or value.lineno) + 1):
                    lines[number - 1] = ""
    for token in tokenize.generate_tokens(io.StringIO(text).readline):
        if token.type == tokenize.COMMENT:
            row, column = token.start
            lines[row - 1] = lines[row - 1][:column]
    return list(enumerate(lines, start=1))


def layout_knowledge(name: str, text: str) -> list[str]:
    found = []
    for number, line in code_lines(text):
        for what, pattern in LAYOUT.items():
            for match in pattern.finditer(line):
                if (name, match.group(0)) not in ALLOWED:
                    found.append(f"{name}:{number}: {what}: {line.strip()}")
    return found


def test_only_the_store_knows_the_layout() -> None:
    found = []
    for path in sorted(SOURCE.rglob("*.py")):
        name = path.relative_to(SOURCE).as_posix()
        if name not in OWNERS:
            found += layout_knowledge(name, path.read_text(encoding="utf-8"))
    assert found == [], "ask the Store instead:\n" + "\n".join(found)


def test_every_exception_is_still_needed() -> None:
    """An allowance whose line went away is taken out, so the list stays small."""
    for (name, matched), _why in ALLOWED.items():
        assert matched in (SOURCE / name).read_text(encoding="utf-8"), (name, matched)


def test_the_check_sees_layout_knowledge() -> None:
    planted = '''
"""A docstring may say relationships/<slug>/recaps/ and relationship.toml."""
from mentorlog.core.store import RELATIONSHIP_FILE, Store
from mentorlog.core import layout


def f(ctx, slug):
    """So may this one: .lock, ctx.home / "drafts"."""
    path = ctx.store.folder(slug) / "recaps" / "x.md"  # a comment: stem[:10] is fine
    day = path.stem[:10]
    mine = ctx.home / "network.toml"
    with ctx.store.locked(ctx.home):
        os.rename(path, path.with_name("drafts/x"))
    draft = ctx.store.drafts_folder(slug) / "x.md"
    return folder / ".lock"
'''
    found = layout_knowledge("core/example.py", planted)
    kinds = {line.split(": ")[1] for line in found}
    assert kinds == set(LAYOUT)
    assert not any(":2:" in line or ":8:" in line for line in found)  # docstrings
    assert not any("a comment" in line for line in found)


def test_the_store_names_what_others_read_from_names(tmp_path: Path) -> None:
    """The names other modules used to take apart themselves, now read by the store."""
    store = Store(tmp_path)
    assert store.trash_label("20261124T101112Z-recap-ada-lovelace-2026-03-01") == (
        "recap-ada-lovelace-2026-03-01"
    )
    assert store.trash_label("20261124T101112Z-goal-g3-t4m8q2x0c7d") == "goal-g3"
    draft = store.draft_path("recap.md", None)
    when = datetime(2026, 11, 24, 10, 11, 12)
    assert store.set_aside_place(draft, when, 1) == (
        tmp_path / "drafts" / "set-aside" / "recap-20261124-101112.md"
    )
    assert store.set_aside_place(draft, when, 2).name == "recap-20261124-101112-2.md"
    assert store.draft_base(draft).name == "recap.md.base"
    assert store.first_recap_date("ada-lovelace") is None
    assert store.checkin_dates("ada-lovelace") == []
