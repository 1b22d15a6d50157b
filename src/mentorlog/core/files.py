"""Low-level file handling: private folders, atomic writes, TOML and front matter.

Every byte mentorlog writes goes through `atomic_write`; every file it reads through
`read_toml` or `read_document`, which report problems as `path:line:col: message`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import glob
import os
import re
import shutil
import signal
import stat
import tempfile
import time
import tomllib
from contextvars import ContextVar
from pathlib import Path
from typing import Any, Protocol, TypeVar

import tomli_w
from pydantic import BaseModel, ValidationError

from mentorlog.core.errors import BrokenFile, InvalidInput, NewerSchema
from mentorlog.core.models import SCHEMA_VERSION
from mentorlog.core.wording import should_be, toml_problem

M = TypeVar("M", bound=BaseModel)

DIR_MODE = 0o700
FILE_MODE = 0o600
FRONT = "+++"


def _crash_at() -> int:
    value = os.environ.get("MENTORLOG_CRASH_AT", "")
    return int(value) if value.isdigit() else 0


_CRASH_AT = _crash_at()
_steps = 0


def _step() -> None:
    """Called before every change mentorlog makes on disk (write, fsync, rename, unlink,
    mkdir). With `MENTORLOG_CRASH_AT=N` the process kills itself (SIGKILL, no clean-up)
    at the Nth step: the crash tests (tests/crash.py) use it to stop a command at every
    point. Unset, it costs one global check."""
    if _CRASH_AT:
        _count_step()


def _count_step() -> None:
    global _steps
    _steps += 1
    if _steps >= _CRASH_AT:
        os.kill(os.getpid(), signal.SIGKILL)


class Journal(Protocol):
    """What a transaction (core/txn.py) is told before each change, so it can undo it."""

    def before_write(self, path: Path) -> None: ...
    def before_remove(self, path: Path) -> None: ...
    def before_mkdir(self, path: Path) -> None: ...
    def before_move(self, source: Path, target: Path) -> None: ...
    def take_tree(self, path: Path) -> None: ...


JOURNAL: ContextVar[Journal | None] = ContextVar("mentorlog_journal", default=None)


def make_dir(path: Path, mode: int = DIR_MODE) -> None:
    """`mkdir` with `mode` (FileExistsError if it is there)."""
    journal = JOURNAL.get()
    if journal is not None and not os.path.lexists(path):
        journal.before_mkdir(path)
    plain_make_dir(path, mode)


def remove_file(path: Path) -> None:
    """Unlink `path`; nothing there is fine."""
    journal = JOURNAL.get()
    if journal is not None and os.path.lexists(path):
        journal.before_remove(path)
    plain_unlink(path)


def rename(source: Path, target: Path) -> None:
    """`os.rename`: one step, so a folder or file is never half-moved."""
    journal = JOURNAL.get()
    if journal is not None:
        journal.before_move(source, target)
    plain_rename(source, target)


def replace(source: Path, target: Path) -> None:
    """`os.replace`: like `rename`, over an existing file."""
    rename(source, target)


def remove_tree(path: Path) -> None:
    """Remove a folder and all in it. In a transaction it moves into the transaction's
    journal (gone for good once it commits); else it is renamed aside first, so a crash
    never leaves half a folder that looks whole."""
    journal = JOURNAL.get()
    if journal is not None:
        journal.take_tree(path)
        return
    doomed = path.with_name(f".gone-{path.name}")
    plain_rename(path, doomed)
    plain_remove_tree(doomed)


# -- the plain steps: each a crash point, none told to a transaction (the journal itself
# -- and temp files use them) ---------------------------------------------------------
def plain_make_dir(path: Path, mode: int = DIR_MODE) -> None:
    _step()
    path.mkdir(mode=mode)


def plain_unlink(path: Path) -> None:
    _step()
    path.unlink(missing_ok=True)


def cache_make_dir(path: Path, mode: int = DIR_MODE) -> None:
    """A folder of the disposable cache (core/cache.py), outside the home: not a crash
    step, since nothing of the person's is at stake and whether it is made varies by run."""
    path.mkdir(mode=mode)


def cache_unlink(path: Path) -> None:
    """A file of the disposable cache, outside the home (not a crash step)."""
    path.unlink(missing_ok=True)


def cache_write(path: Path, data: bytes) -> None:
    """Replace a small file of the disposable cache, 0600, through a temp file (not a
    crash step: a torn write at worst loses a cache, which is made again)."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def plain_rename(source: Path, target: Path) -> None:
    _step()
    os.replace(source, target)


def plain_remove_tree(path: Path) -> None:
    _step()
    shutil.rmtree(path, ignore_errors=True)


def plain_rmdir(path: Path) -> bool:
    """Remove an empty folder; False if it is not there or not empty."""
    _step()
    try:
        path.rmdir()
    except OSError:
        return False
    return True


def plain_link(source: Path, target: Path) -> None:
    """A second name for `source`'s bytes (a hard link; a copy where links are refused)."""
    _step()
    try:
        os.link(source, target, follow_symlinks=False)
    except OSError:
        shutil.copy2(source, target, follow_symlinks=False)


def append_line(path: Path, line: str, sync: bool = True) -> None:
    """Append one line and fsync: a journal record is on disk before its change."""
    _step()
    with path.open("a", encoding="utf-8") as handle:
        handle.write(line + "\n")
        handle.flush()
        if sync:
            os.fsync(handle.fileno())


def ensure_private_dir(path: Path) -> None:
    """Create `path` (and missing parents) as 0700, whatever the umask."""
    missing: list[Path] = []
    probe = path
    while not probe.exists():
        missing.append(probe)
        probe = probe.parent
    for folder in reversed(missing):
        with contextlib.suppress(FileExistsError):
            make_dir(folder)
        os.chmod(folder, DIR_MODE)


def _fsync_dir(folder: Path) -> None:
    _step()
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # some platforms cannot open a directory; the rename still happened
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def atomic_write(path: Path, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))


def write_out(path: Path, text: str, example: str) -> None:
    """Write a document where the person asked (`-o`): a plain file is replaced whole
    (a temp file renamed over it); a device or a pipe (`/dev/null`, `/dev/stdout`, a
    FIFO) is written into, never replaced by a file; a link is followed to what it
    names, and stays a link. `example` is a file name for the hint."""
    try:
        info: os.stat_result | None = path.stat()  # through links
        target = path.resolve() if path.is_symlink() and not _a_descriptor(path) else path
    except FileNotFoundError:  # nothing there yet, or a link to a file not made yet
        info, target = None, path.resolve() if path.is_symlink() else path
    except (OSError, RuntimeError) as problem:  # a link loop, a folder it cannot enter
        said = getattr(problem, "strerror", None) or "a link that leads round in a loop"
        raise InvalidInput(f"cannot write to {path}: {said}") from None
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise InvalidInput(f"{path} is a folder", f"give a file name, e.g. -o {example}")
    if (info is not None and not stat.S_ISREG(info.st_mode)) or _a_descriptor(path):
        try:  # appended, so `-o /dev/stdout >> log` keeps what the log held
            with path.open("a", encoding="utf-8") as out:
                out.write(text)
        except OSError as problem:
            raise InvalidInput(f"cannot write to {path}: {problem.strerror}") from None
        return
    if not target.parent.is_dir():
        raise InvalidInput(f"the folder {target.parent} does not exist")
    atomic_write(target, text)


_DESCRIPTOR = re.compile(r"^/(dev/(stdout|stderr|fd/\d+)|proc/[^/]+/fd/\d+)$")


def _a_descriptor(path: Path) -> bool:
    """`/dev/stdout`, `/dev/fd/3`, `/proc/self/fd/1`: an open file of this process (a
    pipe, a terminal, a file the shell opened), written into, never renamed over."""
    return bool(_DESCRIPTOR.match(str(path)))


def atomic_write_bytes(path: Path, data: bytes, mode: int = FILE_MODE) -> None:
    """Write via a temp file in the same folder, fsync, rename over, fsync the folder.

    A failure names `path`, never the temp file; temp files that an earlier crash left
    for the same file (older than a few minutes, so no live writer's) are removed: they
    hold private text that the file just written supersedes.
    """
    ensure_private_dir(path.parent)
    journal = JOURNAL.get()
    if journal is not None:
        journal.before_write(path)
    tmp: Path | None = None
    try:
        _step()
        fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        tmp = Path(tmp_name)
        with os.fdopen(fd, "wb") as handle:
            _step()
            handle.write(data)
            handle.flush()
            _step()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        plain_rename(tmp, path)
    except OSError as problem:
        if tmp is not None:
            plain_unlink(tmp)
        raise OSError(problem.errno, problem.strerror, str(path)) from problem
    except BaseException:
        if tmp is not None:
            plain_unlink(tmp)
        raise
    _fsync_dir(path.parent)
    for stale in temp_files(path.parent, path.name, older_than=STALE_TEMP_SECONDS):
        plain_unlink(stale)


STALE_TEMP_SECONDS = 300
_TEMP = re.compile(r"^\.(?P<name>.+)\.[a-z0-9_]{8}\.tmp$")


def temp_target(path: Path) -> str | None:
    """The name of the file a temp file of `atomic_write` was for, or None."""
    match = _TEMP.match(path.name)
    return match.group("name") if match else None


def temp_files(folder: Path, name: str | None = None, older_than: float = 0) -> list[Path]:
    """Temp files `atomic_write` left in `folder` (for `name` only, if given)."""
    now = time.time()
    found = []
    for entry in folder.glob(f".{glob.escape(name) if name else '*'}.*.tmp"):
        if temp_target(entry) and (name is None or temp_target(entry) == name):
            with contextlib.suppress(FileNotFoundError):
                if now - entry.lstat().st_mtime >= older_than and not entry.is_dir():
                    found.append(entry)
    return sorted(found)


def loose_mode(path: Path) -> int | None:
    """The mode of `path` if others may read or enter it (looser than 0700 / 0600)."""
    try:
        info = path.lstat()
    except OSError:
        return None
    if stat.S_ISLNK(info.st_mode):
        return None
    mode = stat.S_IMODE(info.st_mode)
    return mode if mode & 0o077 else None


def dump_toml(data: dict[str, Any], multiline: bool = True) -> str:
    return tomli_w.dumps(data, multiline_strings=multiline)


_TOML_WHERE = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")


def parse_toml(text: str, path: Path, line_offset: int = 0) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        where = _TOML_WHERE.search(message)
        if where:
            number = int(where.group(1))
            lines = text.splitlines()
            stopped = lines[number - 1] if 0 < number <= len(lines) else ""
            problem = toml_problem(message[: where.start()], stopped)
            line, col = number + line_offset, int(where.group(2))
            raise BrokenFile(path, f"invalid TOML: {problem}", line, col) from None
        raise BrokenFile(path, f"invalid TOML: {message}") from None


def regular_file(path: Path, home: Path | None = None) -> bool:
    """True for a regular file, False when nothing is there; anything else is a BrokenFile.

    The one place that decides whether an entry may be read (or replaced): a folder, a
    dangling link, a link that leads out of `home`, a pipe or a device are named, never
    read as empty and never written over.
    """
    try:
        info = os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        return False
    if stat.S_ISLNK(info.st_mode):
        try:
            target = path.resolve(strict=True)
        except (OSError, RuntimeError):
            raise BrokenFile(path, "is a link to nothing", hint=_LEAVE_IT) from None
        if home is not None and not target.is_relative_to(home.resolve()):
            raise BrokenFile(path, f"is a link to {target}, outside the mentorlog home", hint=_LINK)
        info = path.stat()
    if stat.S_ISDIR(info.st_mode):
        raise BrokenFile(path, "is a folder where a file should be", hint=_LEAVE_IT)
    if not stat.S_ISREG(info.st_mode):
        raise BrokenFile(path, "is not a regular file", hint=_LEAVE_IT)
    return True


def refuse_linked_folder(path: Path) -> Path:
    """`path` itself, unless it is a link: user text is never written through one."""
    if path.is_symlink():
        raise BrokenFile(
            path,
            f"is a link to {path.readlink()}; mentorlog keeps your text inside its home "
            "and will not follow it",
            hint="replace the link with a real folder holding the same files",
        )
    return path


_LEAVE_IT = "move it out of the way; mentorlog will not read or overwrite it"
_LINK = "put the file itself here in place of the link; mentorlog will not write outside its home"
_CONFLICT = re.compile(r"(?ms)^<<<<<<<(?: .*?)?$.*?^=======$.*?^>>>>>>>")


def read_text(path: Path) -> str:
    """A file's text (a leading byte-order mark dropped); a BrokenFile if it is not text."""
    regular_file(path)  # a folder, pipe or dangling link is named (missing: FileNotFoundError)
    try:
        return path.read_text(encoding="utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        raise BrokenFile(path, "is not UTF-8 text") from None


def _readable_back(path: Path, text: str) -> str:
    """The last fence before a stored file is written: text that would read back as an
    unresolved git merge is refused, so no command can make a file it cannot read."""
    if _CONFLICT.search(text):
        raise InvalidInput(
            f"not saved: the text for {path.name} holds lines that look like a git merge "
            "conflict (<<<<<<< ======= >>>>>>>)",
            "indent those lines or reword them",
        )
    return text


def read_stored(path: Path) -> str:
    """A stored file's text; one still holding the markers of an unresolved git merge is a
    BrokenFile naming the line. (Drafts may hold markers on purpose: see core/drafts.)"""
    text = read_text(path)
    conflict = _CONFLICT.search(text.replace("\r\n", "\n"))
    if conflict:
        line = text.count("\n", 0, conflict.start()) + 1
        raise BrokenFile(
            path,
            "has unresolved merge conflict markers (<<<<<<< ======= >>>>>>>)",
            line,
            hint="keep the lines you want and remove the markers",
        )
    return text


def clean_body(text: str) -> str:
    """Markdown bodies use \\n line ends, with no leading blank lines or trailing space."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return re.sub(r"\A(?:[ \t]*\n)+", "", text).rstrip()


def split_front_matter(text: str, path: Path) -> tuple[str, str]:
    lines = text.split("\n")
    if not lines or lines[0].strip() != FRONT:
        raise BrokenFile(path, f"the first line should be {FRONT} (front matter)", 1, 1)
    for index in range(1, len(lines)):
        if lines[index].strip() == FRONT:
            return "\n".join(lines[1:index]), clean_body("\n".join(lines[index + 1 :]))
    raise BrokenFile(path, f"front matter has no closing {FRONT} line", 1, 1)


def render_document(front: dict[str, Any], body: str) -> str:
    # Front matter never uses multi-line strings, so no line inside it can read "+++".
    return join_document(dump_toml(front, multiline=False), body)


def join_document(front_text: str, body: str) -> str:
    head = f"{FRONT}\n{front_text}{FRONT}\n"
    body = clean_body(body)
    return f"{head}\n{body}\n" if body else head


def _line_of(text: str, loc: tuple[int | str, ...]) -> int | None:
    """Best guess at the line a validation error points to, for the message.

    Follows `[[table]]` headers by index, so the second `[[actions]]` entry's `owner`
    is found in the second block, not the first.
    """
    lines = text.split("\n")
    start, table = 0, ""
    for part in loc[:-1]:
        if isinstance(part, str):
            table = f"{table}.{part}" if table else part
            continue
        header = re.compile(rf"^\s*\[\[\s*{re.escape(table)}\s*\]\]\s*$")
        seen = -1
        for index in range(start, len(lines)):
            if header.match(lines[index]):
                seen += 1
                if seen == part:
                    start = index
                    break
    plain_table = len(loc) > 1 and not any(isinstance(p, int) for p in loc)
    if plain_table:  # a key inside a [table]
        header = re.compile(rf"^\s*\[\s*{re.escape(str(loc[0]))}\s*\]\s*$")
        start = next((i for i, line in enumerate(lines) if header.match(line)), 0)
    keys = [part for part in loc if isinstance(part, str)]
    if not keys:
        return None
    key = re.compile(rf"^\s*\"?{re.escape(keys[-1])}\"?\s*=")
    for index in range(start, len(lines)):
        if key.match(lines[index]):
            return index + 1
    return None


def _describe(loc: tuple[int | str, ...]) -> str:
    """('actions', 1, 'owner') -> 'actions[2].owner' (entries counted from 1)."""
    text = ""
    for part in loc:
        text += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text or "file"


def _far_date(value: Any, loc: tuple[int | str, ...]) -> tuple[int | str, ...] | None:
    """Where a date beyond any plausible range hides (it would overflow date arithmetic)."""
    if isinstance(value, dt.date):
        return None if 1000 <= value.year <= 8999 else loc
    items = (
        value.items()
        if isinstance(value, dict)
        else enumerate(value)
        if isinstance(value, list)
        else ()
    )
    for key, inner in items:
        found = _far_date(inner, (*loc, key))
        if found:
            return found
    return None


def newest_schema(cls: type[BaseModel]) -> int:
    """The newest `schema_version` this mentorlog reads for `cls`: the one it writes."""
    field = cls.model_fields.get("schema_version")
    default = field.default if field is not None else None
    return default if isinstance(default, int) else SCHEMA_VERSION


def validate(
    cls: type[M],
    data: dict[str, Any],
    path: Path,
    text: str,
    line_offset: int = 0,
    newest: int | None = None,
) -> M:
    """`data` as a `cls`, or a BrokenFile naming `path` and the line. A file whose
    `schema_version` is above `newest` (by default the one `cls` writes) is NewerSchema."""
    newest = newest or newest_schema(cls)
    far = _far_date(data, ())
    if far:
        line = _line_of(text, far)
        where = None if line is None else line + line_offset
        raise BrokenFile(path, f"field '{_describe(far)}': the date is out of range", where)
    version = data.get("schema_version", newest)
    if isinstance(version, bool) or not isinstance(version, int):  # "3" or 3.0 would pass
        line = _line_of(text, ("schema_version",))  # pydantic, and skip the check below
        raise BrokenFile(
            path,
            f"field 'schema_version': should be a whole number like {newest}, not {version!r}",
            None if line is None else line + line_offset,
        )
    if version > newest:
        raise NewerSchema(
            path,
            f"schema_version {version} is newer than this mentorlog understands ({newest})",
            hint="upgrade mentorlog; the file was left untouched",
        )
    try:
        return cls.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        loc = tuple(error["loc"])
        field = _describe(loc)
        message = should_be(error)
        if error["type"] == "missing":
            problem = f"missing field '{field}'"
        elif error["type"] == "extra_forbidden":
            problem = f"unknown field '{field}'"
        elif error["type"] == "string_too_short":
            problem = f"field '{field}' should not be empty"
        else:
            problem = f"field '{field}': {message}"
        line = _line_of(text, loc)
        raise BrokenFile(path, problem, None if line is None else line + line_offset) from None


def read_toml(path: Path) -> tuple[dict[str, Any], str]:
    text = read_stored(path)
    return parse_toml(text, path), text


def add_derived(data: dict[str, Any], extra: dict[str, Any], path: Path, text: str) -> None:
    """Keys mentorlog derives (the slug from the folder, an id from the file name) must
    not also be written in the file: one would silently win over the other."""
    for key, value in extra.items():
        if key in data:
            line = _line_of(text, (key,))
            raise BrokenFile(path, f"unknown field '{key}' (it comes from the file's name)", line)
        data[key] = value


def read_model(path: Path, cls: type[M], **extra: Any) -> M:
    data, text = read_toml(path)
    add_derived(data, extra, path, text)
    return validate(cls, data, path, text)


def model_to_toml(model: BaseModel, exclude: set[str] | None = None) -> dict[str, Any]:
    data: dict[str, Any] = model.model_dump(mode="python", exclude=exclude, exclude_none=True)
    return data


def updated_toml(
    old_text: str,
    data: dict[str, Any],
    multiline: bool = True,
    model: type[BaseModel] | None = None,
    exclude: set[str] | None = None,
) -> str | None:
    """`old_text` with `data` applied, keeping the person's comments and layout; None when
    that cannot be done faithfully (the caller then writes the data afresh).

    With `model`, defaults the person left out stay out while unchanged. The result is
    read back: it is used only if it holds exactly `data` (through `model`, if given).
    """
    from mentorlog.core import tomledit  # only updates pay for importing tomlkit

    def seen(loaded: dict[str, Any]) -> dict[str, Any]:
        return model_to_toml(model.model_validate(loaded), exclude) if model else loaded

    try:
        before = seen(tomllib.loads(old_text)) if model else None
        text = tomledit.update_toml(old_text, data, multiline, before)
        if same(tomledit.plain(seen(tomllib.loads(text))), tomledit.plain(data)):
            return text
    except Exception:  # tomlkit could not follow this file: fall back, never lose data
        return None
    return None


def written_as_is(text: str, multiline: bool = True) -> bool:
    """Whether `text` is exactly what mentorlog writes for the data in it (no comments,
    no layout of the person's own), so a fresh write loses nothing and tomlkit's slower
    update is not needed."""
    try:
        return dump_toml(tomllib.loads(text), multiline) == text
    except (tomllib.TOMLDecodeError, TypeError, ValueError):
        return False


def _existing_text(path: Path) -> str | None:
    try:
        text = path.read_text(encoding="utf-8") if path.is_file() else None
    except (OSError, UnicodeDecodeError):
        return None
    return text.removeprefix("\ufeff") if text is not None else None  # a BOM is not kept


def write_model(path: Path, model: BaseModel, exclude: set[str] | None = None) -> None:
    """Write a TOML file; an existing one is updated in place, keeping its comments."""
    data = model_to_toml(model, exclude)
    old = _existing_text(path)
    text = (
        None
        if old is None or written_as_is(old)
        else updated_toml(old, data, model=type(model), exclude=exclude)
    )
    atomic_write(path, _readable_back(path, text if text is not None else dump_toml(data)))


def read_document(path: Path, cls: type[M], body_field: str = "body", **extra: Any) -> M:
    """A Markdown file with TOML front matter; the Markdown lands in `body_field`."""
    text = read_stored(path)
    front, body = split_front_matter(text, path)
    data = parse_toml(front, path, line_offset=1)
    add_derived(data, {**extra, body_field: body}, path, front)
    return validate(cls, data, path, front, line_offset=1)


def write_document(
    path: Path, model: BaseModel, body_field: str = "body", exclude: set[str] | None = None
) -> None:
    front = model_to_toml(model, (exclude or set()) | {body_field})
    body = str(getattr(model, body_field))
    old = _existing_text(path)
    text = _updated_document(path, old, front, body) if old is not None else None
    text = text if text is not None else render_document(front, body)
    atomic_write(path, _readable_back(path, text))


def _updated_document(path: Path, old: str, front: dict[str, Any], body: str) -> str | None:
    """A rewrite of a Markdown document that keeps the comments in its front matter."""
    try:
        old_front, _ = split_front_matter(old, path)
    except BrokenFile:
        return None
    if written_as_is(f"{old_front}\n", multiline=False):
        return None
    new_front = updated_toml(f"{old_front}\n" if old_front else "", front, multiline=False)
    if new_front is None:
        return None
    text = join_document(new_front, body)
    try:  # a hand-written multi-line string could hold a line that reads "+++"
        kept_front, kept_body = split_front_matter(text, path)
    except BrokenFile:
        return None
    same = tomllib.loads(kept_front) == tomllib.loads(new_front) and kept_body == clean_body(body)
    return text if same else None


def same(old: Any, new: Any) -> bool:
    """Equal and of the same types all the way down (1 is not True, a date not a datetime)."""
    if isinstance(old, dict) and isinstance(new, dict):
        return old.keys() == new.keys() and all(same(old[k], new[k]) for k in old)
    if isinstance(old, list) and isinstance(new, list):
        return len(old) == len(new) and all(same(a, b) for a, b in zip(old, new, strict=True))
    return type(old) is type(new) and old == new
