"""The state root and the clock, resolved once and passed down."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from mentorlog.core.quick import HOME_ENV as HOME_ENV
from mentorlog.core.quick import resolve_home as resolve_home
from mentorlog.core.store import Store

TODAY_ENV = "MENTORLOG_TODAY"


@dataclass(frozen=True)
class Context:
    home: Path
    today: date
    store: Store = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "store", Store(self.home))
