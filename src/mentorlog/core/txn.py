"""Transactions: each write command is all-or-nothing, and a retry is not done twice.

While a transaction is active, core/files.py tells it before every change (a file written
or removed, a folder made, a move). It first keeps what the change will lose, in a journal
folder of its own (`txn/<name>/`): a hard link to the old file (no copy, no space needed to
undo), then one fsynced line saying what to undo. Only then does the change happen.

- Success: `ops.toml` gets the operation, then the journal is renamed `<name>.done` (the
  one commit point) and removed.
- An exception: every change is undone, in reverse, in this process.
- A crash (SIGKILL, power loss): the next command finds the journal (`recover`) and undoes
  it, or removes it if it was already `.done`. Undoing is idempotent, so a crash during
  recovery is recovered the same way.

`ops.toml` keeps the last operations: a key (made from the command's parsed input and the
day), a message and the hash of every file written. A command whose key is there and whose
files are still as it left them is a retry: it writes nothing (`AlreadyRecorded`).
See docs/design/txn.md.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import hashlib
import json
import os
import secrets
import time
import tomllib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, TypeVar

from pydantic import BaseModel

from mentorlog.core.errors import AlreadyRecorded
from mentorlog.core.files import (
    DIR_MODE,
    JOURNAL,
    _fsync_dir,
    append_line,
    atomic_write_bytes,
    dump_toml,
    plain_link,
    plain_make_dir,
    plain_remove_tree,
    plain_rename,
    plain_rmdir,
    plain_unlink,
    temp_files,
)

if TYPE_CHECKING:
    from mentorlog.core.context import Context

P = ParamSpec("P")
R = TypeVar("R")
RECORDS = "journal"
DONE = ".done"
KEEP_OPS = 200
OPS_HEAD = "schema_version = 1\n\n"
OPS_BLOCK = "[[ops]]\n"


@dataclass(frozen=True)
class Op:
    """What a transaction stores: `key` tells a retry, `message` says what it was."""

    key: str
    message: str


def op(command: str, message: str, *facts: Any) -> Op:
    """An operation keyed by the command and its parsed input (`facts`: models, strings,
    dates...), so two different recaps on one day never look like one."""
    text = json.dumps([command, *(_plain(f) for f in facts)], sort_keys=True, default=str)
    return Op(hashlib.sha256(text.encode("utf-8")).hexdigest(), message)


def _plain(fact: Any) -> Any:
    if isinstance(fact, BaseModel):
        return fact.model_dump(mode="json")
    if dataclasses.is_dataclass(fact) and not isinstance(fact, type):
        return _plain(dataclasses.asdict(fact))
    if isinstance(fact, dict):
        return {str(key): _plain(value) for key, value in sorted(fact.items(), key=str)}
    if isinstance(fact, (list, tuple, set, frozenset)):
        items = [_plain(f) for f in fact]
        return sorted(items, key=str) if isinstance(fact, (set, frozenset)) else items
    if isinstance(fact, Enum):
        return fact.value
    return fact


def operation(
    command: str, retry: bool = True
) -> Callable[[Callable[Concatenate[Context, P], R]], Callable[Concatenate[Context, P], R]]:
    """Make a service function one operation: the whole call (its checks too) holds the
    home's lock in one transaction, keyed by `command`, the day and the arguments, so
    running it again after it was stored is a retry (`AlreadyRecorded`), not a second
    write. `retry=False` for a command that is its own retry (`done` reports what was
    already done): one transaction, not remembered."""

    def wrap(service: Callable[Concatenate[Context, P], R]) -> Callable[Concatenate[Context, P], R]:
        @functools.wraps(service)
        def run(ctx: Context, /, *args: P.args, **kwargs: P.kwargs) -> R:
            facts = [ctx.today.isoformat(), list(args), sorted(kwargs.items())]
            done = op(command, describe(command, ctx.today, args), *facts)
            with ctx.store.operation(done if retry else Op("", done.message)):
                return service(ctx, *args, **kwargs)

        return run

    return wrap


def describe(command: str, today: date, args: tuple[Any, ...]) -> str:
    """`recap: ada-lovelace 2026-11-24`: the command, what it was about, and its day."""
    name = next((a for a in args if isinstance(a, str) and a), "")
    if not name:
        words = next((a for a in args if isinstance(a, list) and a), [])
        name = " ".join(str(w) for w in words)
    day = next((a for a in args if isinstance(a, date)), None)
    day = day or next((a.date for a in args if isinstance(getattr(a, "date", None), date)), today)
    return " ".join(part for part in (f"{command}:", name, day.isoformat()) if part)


@dataclass
class Places:
    """Where a home keeps its transactions (the store says; this module knows no names)."""

    base: Path  # the home: journal paths are relative to it
    root: Path  # the folder of journals
    ops: Path  # the recent operations


@dataclass
class Transaction:
    places: Places
    op: Op | None = None
    place: Path | None = None
    _touched: set[Path] = field(default_factory=set)
    _changed: dict[str, None] = field(default_factory=dict)
    _count: int = 0

    # -- told by core/files.py before each change ---------------------------------------
    def before_write(self, path: Path) -> None:
        if path in self._touched:
            return  # the first record already brings back what was there before
        self._touched.add(path)
        self._open()
        self._record("put", path, saved=self._keep(path))

    def before_remove(self, path: Path) -> None:
        self.before_write(path)

    def before_mkdir(self, path: Path) -> None:
        self._open()
        self._record("mkdir", path)

    def before_move(self, source: Path, target: Path) -> None:
        self._open()
        self._touched.difference_update({source, target})
        self._record("move", source, target=self._relative(target), saved=self._keep(target))
        self._changed[self._relative(target)] = None

    def take_tree(self, path: Path) -> None:
        """Move a folder into the journal: back in place on undo, gone once committed."""
        self._open()
        assert self.place is not None
        kept = self._next_name()
        self._record("put", path, saved=kept)
        plain_rename(path, self.place / kept)

    # -- the journal ----------------------------------------------------------------------
    def _open(self) -> None:
        if self.place is not None:
            return
        _plain_dirs(self.places.root)
        stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
        folder = self.places.root / f"{stamp}-{os.getpid()}-{secrets.token_hex(3)}"
        plain_make_dir(folder)
        message = self.op.message if self.op else "change"
        append_line(folder / RECORDS, json.dumps({"message": message}), sync=False)
        self.place = folder

    def _relative(self, path: Path) -> str:
        try:
            return path.relative_to(self.places.base).as_posix()
        except ValueError:
            return str(path)

    def _next_name(self) -> str:
        self._count += 1
        return f"saved-{self._count}"

    def _keep(self, path: Path) -> str | None:
        """A hard link to the file `path` holds now (None if it holds none)."""
        if not os.path.lexists(path) or (path.is_dir() and not path.is_symlink()):
            return None
        assert self.place is not None
        name = self._next_name()
        plain_link(path, self.place / name)
        return name

    def _record(self, what: str, path: Path, **more: Any) -> None:
        assert self.place is not None
        relative = self._relative(path)
        self._changed[relative] = None
        append_line(self.place / RECORDS, json.dumps({"op": what, "path": relative, **more}))

    # -- the end ----------------------------------------------------------------------------
    def commit(self) -> None:
        if self.place is None:
            return  # nothing changed
        if self.op is not None and self.op.key:
            self._remember()
        done = self.place.with_name(self.place.name + DONE)
        plain_rename(self.place, done)  # the commit point
        self.place = None
        with contextlib.suppress(OSError):  # stored; if tidying fails, the next command tidies
            _fsync_dir(self.places.root)
            plain_remove_tree(done)

    def rollback(self) -> None:
        if self.place is None:
            return
        undo(self.places.base, self.place)
        plain_remove_tree(self.place)
        self.place = None

    def _remember(self) -> None:
        """Add this operation to `ops.toml`, the oldest beyond the last 200 dropped. The
        file is only ever written here, so it is kept as text blocks, never parsed."""
        assert self.op is not None
        files = {path: state(self.places.base / path) for path in self._changed}
        entry = dump_toml(
            {"ops": [{"key": self.op.key, "message": self.op.message, "files": files}]}
        )
        try:
            old = self.places.ops.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            old = ""
        blocks = old.split(OPS_BLOCK)[1:] if old.startswith(OPS_HEAD) else []
        kept = [b for b in blocks if f'key = "{self.op.key}"' not in b][-(KEEP_OPS - 1) :]
        text = OPS_HEAD + "".join(OPS_BLOCK + block for block in kept) + entry
        atomic_write_bytes(self.places.ops, text.encode("utf-8"))


def _plain_dirs(path: Path) -> None:
    missing = []
    while not path.exists():
        missing.append(path)
        path = path.parent
    for folder in reversed(missing):
        with contextlib.suppress(FileExistsError):
            plain_make_dir(folder, DIR_MODE)


@contextmanager
def transaction(places: Places, op: Op | None) -> Iterator[Transaction]:
    """Collect every change made inside into one all-or-nothing transaction."""
    current = Transaction(places, op)
    token = JOURNAL.set(current)
    try:
        yield current
        current.commit()
    except BaseException:
        JOURNAL.reset(token)
        with contextlib.suppress(OSError):  # if undoing fails, the next command recovers
            current.rollback()
        raise
    JOURNAL.reset(token)


def active() -> Transaction | None:
    journal = JOURNAL.get()
    return journal if isinstance(journal, Transaction) else None


# -- undo and recovery ----------------------------------------------------------------------
def _records(folder: Path) -> list[dict[str, Any]]:
    try:
        lines = (folder / RECORDS).read_text(encoding="utf-8").splitlines()
    except OSError:
        return []
    found = []
    for line in lines:
        with contextlib.suppress(ValueError):  # a line cut short by a crash: not acted on
            found.append(json.loads(line))
    return found


def undo(base: Path, folder: Path) -> None:
    """Undo the changes a journal lists, last first. Safe to run again after a crash."""
    for record in reversed(_records(folder)):
        if "op" in record:
            _undo_one(base, folder, record)


def _undo_one(base: Path, folder: Path, record: dict[str, Any]) -> None:
    target = base / record["path"]
    saved = folder / record["saved"] if record.get("saved") else None
    if record["op"] == "move":
        moved = base / record["target"]
        if os.path.lexists(moved) and not os.path.lexists(target):
            plain_rename(moved, target)
        if saved is not None and os.path.lexists(saved):
            plain_rename(saved, moved)
    elif record["op"] == "mkdir":
        if target.is_dir() and not target.is_symlink():
            _drop_temps(target)
            plain_rmdir(target)
    elif saved is not None:  # "put": the old file (or folder) comes back, if it left
        if os.path.lexists(saved):
            plain_rename(saved, target)
    elif os.path.lexists(target):  # "put" of a file that was not there before
        if target.is_dir() and not target.is_symlink():
            plain_remove_tree(target)
        else:
            plain_unlink(target)
    if target.parent.is_dir():
        for temp in temp_files(target.parent, target.name):
            plain_unlink(temp)


def _drop_temps(folder: Path) -> None:
    for temp in temp_files(folder):
        plain_unlink(temp)


def pending(root: Path) -> list[str]:
    """The journals left in `root` (one listing; empty or absent is the common case)."""
    try:
        return sorted(entry.name for entry in root.iterdir())
    except OSError:
        return []


def recover(places: Places) -> list[str]:
    """Finish what earlier commands left (the caller holds the home's lock): a committed
    journal is removed, an uncommitted one undone. Says what was done, one line each."""
    said = []
    for name in pending(places.root):
        folder = places.root / name
        records = _records(folder)
        message = records[0].get("message", "change") if records else "change"
        if name.endswith(DONE):
            plain_remove_tree(folder)
            said.append(f"finished an interrupted {message}")
            continue
        undo(places.base, folder)
        plain_remove_tree(folder)
        if len(records) > 1:
            said.append(f"undid an interrupted {message}; nothing of it was kept, run it again")
    return said


# -- recent operations --------------------------------------------------------------------
def state(path: Path) -> str:
    """What a path holds, in short: a file's SHA-256, "folder", or "" for nothing."""
    if not os.path.lexists(path):
        return ""
    if path.is_dir() and not path.is_symlink():
        return "folder"
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return "unreadable"


def recent(path: Path, key: str | None = None) -> list[dict[str, Any]]:
    """The operations `ops.toml` remembers (a broken one is forgotten: it is only a cache).
    With `key`, a file that does not hold it is not parsed (the common case: fast)."""
    try:
        text = path.read_text(encoding="utf-8")
        ops = tomllib.loads(text).get("ops", []) if key is None or key in text else []
    except (OSError, ValueError):
        return []
    return [e for e in ops if isinstance(e, dict)] if isinstance(ops, list) else []


def check_retry(places: Places, op: Op) -> None:
    """Raise `AlreadyRecorded` if `op` was stored and its files are as it left them."""
    if not op.key:
        return
    for entry in recent(places.ops, op.key):
        files = entry.get("files", {})
        if entry.get("key") != op.key or not isinstance(files, dict):
            continue
        if all(state(places.base / path) == digest for path, digest in files.items()):
            raise AlreadyRecorded(str(entry.get("message", op.message)))
