"""Where one home's disposable cache lives (standard library and platformdirs only, so
the prompt hook can find it without loading the rest of mentorlog)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import platformdirs


def place_of(home: Path) -> Path:
    """The cache folder of one home: named by its resolved path (the search index's too)."""
    digest = hashlib.sha256(str(home.resolve()).encode("utf-8")).hexdigest()[:16]
    cache = Path(platformdirs.user_cache_dir("mentorlog", appauthor=False))
    return cache / "index" / digest
