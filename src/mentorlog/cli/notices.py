"""The one-line notices said once before a command runs: an open home, a missing merge driver.

They run before every command, `due --quiet` at each shell prompt included, so Rich is
loaded only when there is something to say.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mentorlog.core.files import loose_mode
from mentorlog.core.notices import first_time

if TYPE_CHECKING:
    from mentorlog.cli.state import State


def _warn(st: State, message: str) -> None:
    from mentorlog.cli.output import warn

    warn(st.err, message)


def warn_if_open(st: State) -> None:
    """Say once (for this home at this mode) when it is open to other people; `doctor`
    says it every time."""
    mode = loose_mode(st.core.home)
    if mode is not None and first_time(f"open home {mode:04o} {st.core.home}"):
        _warn(
            st,
            f"{st.core.home} can be read by other people on this machine (mode {mode:04o}); "
            "`mentorlog doctor --fix` makes it private",
        )


def warn_if_no_driver(st: State) -> None:
    """Say once per home when this clone lacks mentorlog's merge driver (`sync` adds it)."""
    if st.core.store.git_config_text() is None:  # not a git clone: git's module stays unloaded
        return
    from mentorlog.core.git import driver_missing

    home = st.core.home
    if driver_missing(st.core.store) and first_time(f"no merge driver {home}"):
        _warn(
            st,
            f"{home} is a git clone without mentorlog's merge driver, so a plain `git pull` "
            "could leave conflict markers; `mentorlog sync` sets it up",
        )
