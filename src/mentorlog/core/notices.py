"""Things worth saying once, not at every command (nor at every shell prompt).

What has been said is remembered in the user's cache folder (`$XDG_CACHE_HOME` or the
platform's), outside the home, so it is never synced or committed with the journal.
Losing that file only means a notice is given once more.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from mentorlog.core.files import DIR_MODE, FILE_MODE

SAID = "notices-given"


def _said_file() -> Path:
    return Path(platformdirs.user_cache_dir("mentorlog", appauthor=False)) / SAID


def first_time(notice: str) -> bool:
    """True the first time `notice` (one line) is asked about; after that, False."""
    path = _said_file()
    try:
        if path.is_file() and notice in path.read_text(encoding="utf-8").splitlines():
            return False
        path.parent.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, FILE_MODE)
        with os.fdopen(fd, "a", encoding="utf-8") as handle:
            handle.write(notice.replace("\n", " ") + "\n")
    except OSError:  # no cache to remember it in: better said again than never
        return True
    return True
