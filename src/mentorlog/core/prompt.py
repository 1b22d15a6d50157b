"""The prompt hook's answer kept for next time: `mentorlog due --quiet` at every prompt.

A full `due` reads every active relationship, its latest recap and its open commitments.
What the quiet answer needs from all that is small: the next meeting date of each active
relationship, the due date of each open commitment, and whether a file could not be read.
Those facts are kept in the cache folder (`prompt.json`) with the stat of every file and
folder they came from. The next `due --quiet` (cli/entry.py) stats those (a few hundred
files, not the history), and if none changed, compares the dates with today and exits,
without loading Typer, Rich or Pydantic. Anything else (a changed stat, a missing or
unreadable snapshot, another mentorlog version) means the full command runs, and keeps
a fresh snapshot.

What it trusts: a commitment that is done or dropped is not watched one by one, only its
folder is (a file added, removed or replaced by rename changes the folder). So a closed
commitment reopened by hand with an editor that writes in place (keeping the folder's
time) shows at the prompt after the next full command (`due`, `actions`, `list`...),
which reads every file. Everything mentorlog, git and rename-saving editors write is seen
at once. See docs/design/prompt.md.

This module's top imports only the standard library, and no pathlib or datetime.
"""

from __future__ import annotations

import json
import os
import time

from mentorlog import __version__
from mentorlog.core.cacheplace import place_text

TYPE_CHECKING = False  # not `typing`'s: importing typing is a tenth of the prompt's time
if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping
    from pathlib import Path

FILE_NAME = "prompt.json"
FORMAT = 1
# `due --quiet`'s codes (core/exitcodes.py, not imported: one module less at every prompt;
# tests/test_prompt.py holds them equal): something overdue, a file unreadable, nothing due
OVERDUE, PROBLEM, NOTHING_DUE = 3, 1, 0
RACY_SECONDS = 2.0  # a file changed this close to the start of the run: keep nothing

Stat = list[int] | None  # mtime_ns, ctime_ns, size, inode; None for a path not there


def _stat(path: str) -> Stat:
    try:
        info = os.stat(path)  # noqa: PTH116 - a string, hundreds of times, at every prompt
    except OSError:
        return None
    return [info.st_mtime_ns, info.st_ctime_ns, info.st_size, info.st_ino]


def kept_at(home: str) -> str:
    return os.path.join(place_text(home), FILE_NAME)  # noqa: PTH118


def answer(home: str, today: str) -> int | None:
    """The exit code of `due --quiet` for the home at `home` on `today` (YYYY-MM-DD), from
    the kept facts if nothing they came from changed; None when the full command must run."""
    try:
        with open(kept_at(home), "rb") as handle:  # noqa: PTH123 - no pathlib at the prompt
            kept = json.load(handle)
        if kept.get("format") != FORMAT or kept.get("version") != __version__:
            return None
        if kept.get("home") != home or any(_stat(p) != s for p, s in kept["watched"]):
            return None
        if kept["problems"]:
            return PROBLEM
        dates = [*kept["meetings"], *kept["due"]]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return OVERDUE if any(day < today for day in dates) else NOTHING_DUE


class Facts:
    """What a full `due` learns for the prompt, and the files it learnt it from."""

    def __init__(self, home: Path) -> None:
        self.home = home
        self.started = time.time()
        self.watched: list[str] = []
        self.meetings: list[str] = []
        self.due: list[str] = []
        self.problems = False

    def watch(self, paths: Iterable[Path]) -> None:
        self.watched.extend(str(path) for path in paths)

    def keep(self) -> None:
        """Write the facts beside the cache, unless a watched file changed while they were
        gathered (its time is then after the start); never fails the command."""
        from pathlib import Path

        from mentorlog.core.cache import private_folder
        from mentorlog.core.files import cache_write

        watched = [(path, _stat(path)) for path in dict.fromkeys(self.watched)]
        if any(stat is not None and max(stat[:2]) >= _ns(self.started - RACY_SECONDS)
               for _, stat in watched):  # fmt: skip
            return
        data: Mapping[str, object] = {
            "format": FORMAT,
            "version": __version__,
            "home": str(self.home),  # as the entry spells it (absolute, not resolved)
            "watched": watched,
            "problems": self.problems,
            "meetings": sorted(set(self.meetings)),
            "due": sorted(set(self.due)),
        }
        try:
            private_folder(Path(place_text(str(self.home))))
            cache_write(Path(kept_at(str(self.home))), json.dumps(data).encode("utf-8"))
        except OSError:
            pass  # a cache that cannot be written: the next prompt runs in full


def _ns(seconds: float) -> int:
    return int(seconds * 1_000_000_000)
