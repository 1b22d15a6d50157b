"""Where one home's disposable cache lives, found without loading the rest of mentorlog
(the prompt hook needs it at every prompt: strings and `os.path` here, not pathlib)."""

from __future__ import annotations

import hashlib
import os
import sys

APP = "mentorlog"


def place_text(home: str) -> str:
    """The cache folder of one home, named by its resolved path (`Path.resolve` is
    `os.path.realpath`); `core.cache.place_of` gives it as a Path."""
    resolved = os.path.realpath(home)
    digest = hashlib.sha256(resolved.encode("utf-8")).hexdigest()[:16]
    return os.path.join(cache_root(), "index", digest)  # noqa: PTH118


def cache_root() -> str:
    """platformdirs' `user_cache_dir("mentorlog")`; on Linux worked out directly, as the
    XDG rules say (importing platformdirs costs the prompt hook a third of its time)."""
    if sys.platform.startswith("linux"):
        return _xdg("XDG_CACHE_HOME", "~/.cache")
    import platformdirs

    return str(platformdirs.user_cache_dir(APP, appauthor=False))


def data_root() -> str:
    """platformdirs' `user_data_dir("mentorlog")`: the home when none is chosen."""
    if sys.platform.startswith("linux"):
        return _xdg("XDG_DATA_HOME", "~/.local/share")
    import platformdirs

    return str(platformdirs.user_data_dir(APP, appauthor=False))


def _xdg(variable: str, default: str) -> str:
    chosen = os.environ.get(variable, "").strip()
    return os.path.join(chosen or os.path.expanduser(default), APP)  # noqa: PTH111, PTH118
