"""When a pair last met and when they should meet next."""

from __future__ import annotations

from datetime import date

from mentorlog.core.dates import Cadence
from mentorlog.core.models import Recap, Relationship


def next_meeting(relationship: Relationship, latest: Recap | None) -> date | None:
    """The agreed next date if the last recap set one, else last meeting plus the cadence.

    Before any recap the cadence counts from the day the relationship started.
    """
    if latest is not None and latest.next is not None:
        return latest.next
    if not relationship.cadence:
        return None
    base = latest.date if latest is not None else relationship.started
    return Cadence.parse(relationship.cadence).after(base)
