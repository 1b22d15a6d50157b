"""One relationship as `show` and the commands that change it display it."""

from __future__ import annotations

from mentorlog.cli.output import warn_skipped
from mentorlog.cli.state import State
from mentorlog.core import overview


def viewed(st: State, slug: str) -> overview.RelationshipView:
    """The relationship's view; a file of it that cannot be read is named on stderr and
    passed by, so a change already saved is never reported as a failure."""
    problems: list[str] = []
    view = overview.show(st.core, slug, problems)
    warn_skipped(st.err, problems)
    return view
