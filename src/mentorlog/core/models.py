"""What is on disk, as Pydantic models. One model per file kind; see docs/FORMAT.md."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from mentorlog.core.dates import normalize_cadence

SCHEMA_VERSION = 1


class Role(StrEnum):
    """The user's own role in a relationship."""

    mentor = "mentor"
    mentee = "mentee"
    peer = "peer"


class Status(StrEnum):
    active = "active"
    paused = "paused"
    closed = "closed"


class Phase(StrEnum):
    rapport = "rapport"
    direction = "direction"
    progress = "progress"


def _cadence(value: str | None) -> str | None:
    try:
        return normalize_cadence(value)
    except Exception as exc:  # InvalidInput; pydantic wants a ValueError
        raise ValueError(str(exc)) from None


def _clean_areas(values: list[str]) -> list[str]:
    seen: list[str] = []
    for value in values:
        area = " ".join(value.split())
        if area and area.lower() not in (s.lower() for s in seen):
            seen.append(area)
    return seen


def _newlines(value: str) -> str:
    # Files are written with \n; TOML readers turn \r\n into \n inside multi-line strings.
    return value.replace("\r\n", "\n").replace("\r", "\n")


Text = Annotated[str, AfterValidator(_newlines)]
CadenceText = Annotated[str | None, AfterValidator(_cadence)]
Areas = Annotated[list[str], AfterValidator(_clean_areas)]


class Stored(BaseModel):
    """Base for everything read from a file: unknown keys are an error, never dropped."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class Rapport(Stored):
    """Answers from the rapport walk (phase 1). Every answer may be empty."""

    background: Text = ""
    common_ground: Text = ""
    hopes: Text = ""
    offers: Text = ""
    meetings: Text = ""
    confidentiality: Text = ""
    norms: Text = ""


class Event(Stored):
    """One dated line in a relationship's history (phase changes, pauses, ...)."""

    date: date
    event: Text
    detail: Text = ""


class Relationship(Stored):
    """One pairing: `relationships/<slug>/relationship.toml`.

    The slug is the folder's name and is not stored inside the file.
    """

    schema_version: int = SCHEMA_VERSION
    slug: str = Field(default="", exclude=False)
    partner: Text = Field(min_length=1)
    role: Role
    status: Status = Status.active
    phase: Phase = Phase.rapport
    started: date
    purpose: Text = ""
    context: Text = ""
    cadence: CadenceText = None
    channel: Text = ""
    areas: Areas = Field(default_factory=list)
    paused_until: date | None = None
    rapport: Rapport = Field(default_factory=Rapport)
    history: list[Event] = Field(default_factory=list)
