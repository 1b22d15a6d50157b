"""The state root and the clock, resolved once and passed down."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import platformdirs

from mentorlog.core.errors import InvalidInput
from mentorlog.core.store import Store

HOME_ENV = "MENTORLOG_HOME"
TODAY_ENV = "MENTORLOG_TODAY"


def resolve_home(flag: Path | None, environ: dict[str, str] | None = None) -> Path:
    """`--home` beats `MENTORLOG_HOME`, which beats the platform's user data dir."""
    env = os.environ if environ is None else environ
    try:
        if flag is not None:
            return flag.expanduser().absolute()
        if env.get(HOME_ENV):
            return Path(env[HOME_ENV]).expanduser().absolute()
    except RuntimeError:  # "~someone" for a user that does not exist
        given = flag if flag is not None else env.get(HOME_ENV)
        raise InvalidInput(f"cannot find the folder '{given}'") from None
    return Path(platformdirs.user_data_dir("mentorlog", appauthor=False))


@dataclass(frozen=True)
class Context:
    home: Path
    today: date
    store: Store = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "store", Store(self.home))
