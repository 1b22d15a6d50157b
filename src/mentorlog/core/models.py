"""What is on disk, as Pydantic models. One model per file kind; see docs/FORMAT.md."""

from __future__ import annotations

import datetime as dt
import re
from datetime import date
from enum import StrEnum
from functools import cache
from typing import Annotated, Any, ClassVar, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    SerializationInfo,
    SerializerFunctionWrapHandler,
    model_serializer,
)

from mentorlog.core.dates import normalize_cadence

SCHEMA_VERSION = 1  # of each data file
HOME_SCHEMA = 2  # of the home as a whole: mentorlog.toml
AGREEMENT_SCHEMA = 2  # agreement.md: 2 added `title` and `date`
# Every migration a current home has had (core/migrations.py checks it holds its names):
# a home missing one is in an older format, and commands ask for `mentorlog migrate`.
MIGRATIONS = ("m001_relationship_slugs", "m002_drop_counters", "m003_split_entities")


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


MERGE_MARKER = re.compile(r"^(<{7}|>{7})(?: |$)", re.MULTILINE)
# Lone surrogates: how Python holds bytes that were not UTF-8 (a file name, an argument).
NOT_UTF8 = re.compile("[\ud800-\udfff]")


def _newlines(value: str) -> str:
    # Files are written with \n; TOML readers turn \r\n into \n inside multi-line strings.
    # The checks run in C (str.isascii, re): this runs for every text field of every file read.
    if not value.isascii() and NOT_UTF8.search(value):
        raise ValueError("contains bytes that are not UTF-8 text")
    if "\r" in value:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    marked = "<" * 7 in value or ">" * 7 in value  # a quick look before the line-by-line one
    if marked and MERGE_MARKER.search(value):  # stored, it would read as an unresolved merge
        raise ValueError(
            "a line starting with <<<<<<< or >>>>>>> looks like a git merge conflict; "
            "indent it or reword it"
        )
    return value


Text = Annotated[str, AfterValidator(_newlines)]
CadenceText = Annotated[str | None, AfterValidator(_cadence)]
Areas = Annotated[list[str], AfterValidator(_clean_areas)]


def _id_of(letter: str) -> AfterValidator:
    """A goal, commitment or milestone id: v1's numbered ones (`a12`) or a minted one
    (`a7fk2qm4x9f`: ten characters of Crockford base32; see core/ids.py)."""
    shape = re.compile(rf"^{letter}(?:[0-9]+|[0-9a-hjkmnp-tv-z]{{10}})$")

    def check(value: str) -> str:
        if not shape.match(value):
            raise ValueError(f"should be an id like {letter}7fk2qm4x9f (or {letter}12)")
        return value

    return AfterValidator(check)


GoalId = Annotated[str, _id_of("g")]
ActionId = Annotated[str, _id_of("a")]
MilestoneId = Annotated[str, _id_of("m")]


# For command results, in the modules many commands import (core/actions.py, goals.py):
# each schema is built when first used, not when its module loads.
BUILT_ON_USE = ConfigDict(defer_build=True)

# The serialization context of a command's result (`--json`), as opposed to a file or an
# export: there a file's own bookkeeping keys are left out (docs/FORMAT.md, "JSON output").
RESULT = {"result": True}
FILE_ONLY = ("schema_version", "added")  # the file's format version; when it was recorded


class Stored(BaseModel):
    """Base for everything read from a file: unknown keys are an error, never dropped."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True, defer_build=True)
    QUIET: ClassVar[tuple[str, ...]] = ()  # keys left out of every dump while None
    # Keys a command's result shows under another name, an empty value as null: there
    # `slug` is always the relationship's. Merged along the classes a model is made of.
    RESULT_NAMES: ClassVar[dict[str, str]] = {}
    ABSENT: ClassVar[tuple[str, ...]] = ()  # keys whose "" (none) is null in a result

    @model_serializer(mode="wrap")
    def _without_empty_kept_both(
        self, handler: SerializerFunctionWrapHandler, info: SerializationInfo
    ) -> Any:
        data = handler(self)
        if not isinstance(data, dict):
            return data
        if data.get("kept_both") == []:
            del data["kept_both"]  # written only when a merge kept two values
        for key in self.QUIET:
            if key in data and data[key] is None:
                del data[key]
        if info.context is RESULT:
            for key in FILE_ONLY:
                data.pop(key, None)
            for key in self.ABSENT:
                if data.get(key) == "":
                    data[key] = None
            data = _renamed(data, result_names(type(self)))
        return data


@cache
def result_names(model: type[BaseModel]) -> dict[str, str]:
    """The keys a model renames in a result (`RESULT_NAMES`), merged along its classes."""
    names: dict[str, str] = {}
    for cls in reversed(model.__mro__):
        names.update(cls.__dict__.get("RESULT_NAMES", {}))
    return names


def _renamed(data: dict[str, Any], names: dict[str, str]) -> dict[str, Any]:
    if not names.keys() & data.keys():
        return data
    return {
        names.get(key, key): (value or None) if key in names else value
        for key, value in data.items()
    }


class KeptBoth(Stored):
    """A field two machines changed differently, recorded by the merge driver
    (core/mergefile.py): the field keeps one value, `other` holds the one it did not
    keep, `was` the value before both changes. The person settles it and deletes it."""

    field: str = Field(min_length=1)  # dotted for a table's field: "rapport.hopes"
    other: Any = None
    was: Any = None


def settle(model: BaseModel, *fields: str) -> None:
    """A command that sets a field settles it: a value a merge kept beside it (for that
    field, or a field inside it) is no longer a choice left open."""
    kept: list[KeptBoth] | None = getattr(model, "kept_both", None)
    if kept:
        model.kept_both = [k for k in kept if k.field.split(".")[0] not in fields]  # type: ignore[attr-defined]


def _plausible(day: date) -> date:
    if not 1900 <= day.year <= 2999:
        raise ValueError("should be a date between 1900 and 2999")
    return day


Day = Annotated[date, AfterValidator(_plausible)]


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


class Direction(Stored):
    """Answers from the direction-setting walk (phase 2)."""

    aspirations: Text = ""
    current: Text = ""
    strengths: Text = ""
    growth: Text = ""
    style: Text = ""
    support: Text = ""


class Closing(Stored):
    """The no-fault closing reflection."""

    date: date
    achieved: Text = ""
    learned: Text = ""
    differently: Text = ""
    thanks: Text = ""


SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
Slug = Annotated[str, Field(pattern=SLUG_PATTERN, max_length=60)]


class Relationship(Stored):
    """One pairing: `relationships/<folder>/relationship.toml`.

    `slug` is the name people type; a file without one (a v1 folder) takes the folder's
    name. `aliases` are its old slugs: a rename changes `slug` and never moves the folder.
    """

    schema_version: int = SCHEMA_VERSION
    slug: Slug | Literal[""] = ""
    aliases: list[Slug] = Field(default_factory=list)
    partner: Text = Field(min_length=1)
    role: Role
    status: Status = Status.active
    phase: Phase = Phase.rapport
    started: Day
    purpose: Text = ""
    context: Text = ""
    cadence: CadenceText = None
    channel: Text = ""
    areas: Areas = Field(default_factory=list)
    paused_until: date | None = None
    rapport: Rapport = Field(default_factory=Rapport)
    direction: Direction = Field(default_factory=Direction)
    closing: Closing | None = None
    history: list[Event] = Field(default_factory=list)
    kept_both: list[KeptBoth] = Field(default_factory=list)


# -- goals and commitments ------------------------------------------------------------------


def lists_open_work(relationship: Relationship) -> bool:
    """Whether listings of what is open (`goal list`, `actions`, `due`) show this
    relationship's open goals and commitments: yes while it is active or paused, and once
    closed only if its close kept them open (`close --keep-open`, "kept" in the history).
    A relationship closed before that choice was asked (the detail is empty) left its
    open items as they were, and listings never showed them."""
    if relationship.status is not Status.closed:
        return True
    closes = [event for event in relationship.history if event.event == "closed"]
    return bool(closes) and closes[-1].detail.endswith(" kept")


class GoalStatus(StrEnum):
    open = "open"
    achieved = "achieved"
    dropped = "dropped"


Percent = Annotated[int, Field(ge=0, le=100)]


class GoalNote(Stored):
    """A dated line in a goal's history: a note, a progress change, or both."""

    date: date
    progress: Percent | None = None
    note: Text = ""


class Goal(Stored):
    id: GoalId
    title: Text = Field(min_length=1)
    why: Text = ""
    success: Text = ""
    target: date | None = None
    status: GoalStatus = GoalStatus.open
    progress: Percent = 0
    created: date
    closed: date | None = None
    history: list[GoalNote] = Field(default_factory=list)
    kept_both: list[KeptBoth] = Field(default_factory=list)


class GoalFile(Goal):
    """`relationships/<folder>/goals/<gid>.toml`: one goal, its fields at the top level.

    `added` (when it was recorded, UTC) orders goals made on one day; mentorlog writes it
    and keeps it out of every view."""

    schema_version: int = SCHEMA_VERSION
    added: dt.datetime | None = None


class GoalsFile(Stored):
    """A relationship's goals, as the store hands them to services (and v1's
    `goals.toml`, which migration m003 split into one file per goal)."""

    schema_version: int = SCHEMA_VERSION
    goals: list[Goal] = Field(default_factory=list)
    kept_both: list[KeptBoth] = Field(default_factory=list)


class Owner(StrEnum):
    me = "me"
    partner = "partner"
    both = "both"


class ActionStatus(StrEnum):
    open = "open"
    done = "done"
    dropped = "dropped"


class Action(Stored):
    """A commitment made in a session, owned by me, my partner or both of us."""

    ABSENT = ("recap",)

    id: ActionId
    text: Text = Field(min_length=1)
    owner: Owner = Owner.me
    due: date | None = None
    status: ActionStatus = ActionStatus.open
    created: date
    closed: date | None = None
    recap: str = ""  # the recap that created it, if any
    kept_both: list[KeptBoth] = Field(default_factory=list)


class ActionFile(Action):
    """`relationships/<folder>/commitments/<aid>.toml`: one commitment (see `GoalFile`)."""

    schema_version: int = SCHEMA_VERSION
    added: dt.datetime | None = None


class ActionsFile(Stored):
    """A relationship's commitments, as the store hands them to services (and v1's
    `actions.toml`, split by migration m003)."""

    schema_version: int = SCHEMA_VERSION
    actions: list[Action] = Field(default_factory=list)
    kept_both: list[KeptBoth] = Field(default_factory=list)


class HugoKeys(Stored):
    """Front-matter keys a static site generator (Hugo) reads, accepted when added by
    hand to a recap, a reflection or an agreement and kept as written; mentorlog itself
    writes none of these. Left out of `--json` output (and files) while absent; in
    `--json` Hugo's `slug` is `page_slug`, as `slug` there is the relationship's."""

    RESULT_NAMES = {"slug": "page_slug"}

    QUIET: ClassVar[tuple[str, ...]] = (
        "draft",
        "tags",
        "categories",
        "keywords",
        "slug",
        "description",
        "summary",
        "lastmod",
        "weight",
        "aliases",
        "author",
    )

    draft: bool | None = None
    tags: list[str] | None = None
    categories: list[str] | None = None
    keywords: list[str] | None = None
    slug: str | None = None
    description: str | None = None
    summary: str | None = None
    lastmod: dt.date | dt.datetime | None = None
    weight: int | None = None
    aliases: list[str] | None = None
    author: str | None = None


class Recap(HugoKeys):
    """`relationships/<slug>/recaps/<id>.md`: front matter, then what was discussed.

    `title` names the page a site generator makes of it (new recaps get one)."""

    schema_version: int = SCHEMA_VERSION
    id: str = ""  # the file name's stem, not stored inside
    date: date
    title: Text | None = None
    minutes: int | None = Field(default=None, ge=1, le=1440)
    takeaways: list[Text] = Field(default_factory=list)
    decisions: list[Text] = Field(default_factory=list)
    actions_created: list[str] = Field(default_factory=list)
    actions_done: list[str] = Field(default_factory=list)
    progress: dict[str, Percent] = Field(default_factory=dict)
    next: dt.date | None = None
    kept_both: list[KeptBoth] = Field(default_factory=list)
    body: Text = ""


class Agreement(HugoKeys):
    """`relationships/<slug>/agreement.md`: a hand-edited partnership agreement.

    `title` and `date` make it a page a site generator can build: set when mentorlog
    first saves the file, then left as they are (files written before have none)."""

    QUIET: ClassVar[tuple[str, ...]] = (*HugoKeys.QUIET, "title", "date")

    schema_version: int = AGREEMENT_SCHEMA  # a version 1 file reads as it is
    title: Text | None = None
    date: dt.date | None = None  # the day it was agreed, or first written down
    edited: dt.date | None = None
    goals_fingerprint: str = ""  # which goals the text was written against
    agreed: dt.date | None = None
    kept_both: list[KeptBoth] = Field(default_factory=list)
    body: Text = ""


class IdCounters(Stored):
    """`ids.toml`: the next goal and action numbers (rebuilt from the files if lost)."""

    schema_version: int = SCHEMA_VERSION
    next_goal: int = Field(default=1, ge=1)
    next_action: int = Field(default=1, ge=1)


# -- reflection and insight --------------------------------------------------------------
def _one_line(value: str) -> str:
    if not value.strip() or "\n" in value.strip():
        raise ValueError("should be one line of text")
    return value.strip()


Line = Annotated[str, AfterValidator(_one_line)]


class PromptQuestion(Stored):
    key: str = Field(pattern=r"^[a-z0-9_]+$")
    text: Line
    hint: Text = ""


class PromptSet(Stored):
    """A set of reflection questions: shipped in the package or in `<home>/prompts/`."""

    schema_version: int = SCHEMA_VERSION
    name: str = Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
    title: Line
    about: Text = ""
    questions: list[PromptQuestion] = Field(min_length=1, max_length=20)
    kept_both: list[KeptBoth] = Field(default_factory=list)


class Entry(Stored):
    """One question asked and the answer given ("" when skipped)."""

    question: Text
    answer: Text = ""


class Reflection(HugoKeys):
    """`reflections/<id>.md`: front matter with the questions and answers, then free notes.

    In `--json` the relationship it is about is `slug` (null: about mentoring in general)."""

    RESULT_NAMES = {"slug": "page_slug", "relationship": "slug"}

    schema_version: int = SCHEMA_VERSION
    id: str = ""  # the file name's stem, not stored inside
    date: date
    set: str
    title: Text = ""
    relationship: str = ""  # a slug, or "" for a reflection about mentoring in general
    entries: list[Entry] = Field(default_factory=list)
    kept_both: list[KeptBoth] = Field(default_factory=list)
    body: Text = ""


class Quality(StrEnum):
    """The eight qualities of a healthy mentoring relationship."""

    articulation = "articulation"
    listening = "listening"
    respect = "respect"
    goal_clarity = "goal_clarity"
    challenge = "challenge"
    self_awareness = "self_awareness"
    learning = "learning"
    reflection = "reflection"


Rating = Annotated[int, Field(ge=1, le=5)]


class Checkin(Stored):
    """`relationships/<slug>/checkins/<date>[-N].toml`: a health check-in."""

    schema_version: int = SCHEMA_VERSION
    id: str = ""  # the file name's stem
    date: date
    ratings: dict[Quality, Rating] = Field(min_length=1)
    notes: dict[Quality, Text] = Field(default_factory=dict)
    kept_both: list[KeptBoth] = Field(default_factory=list)


class NetworkFile(Stored):
    """`network.toml`: the areas the user wants their mentoring network to cover."""

    schema_version: int = SCHEMA_VERSION
    wants: list[Text] = Field(default_factory=list)
    kept_both: list[KeptBoth] = Field(default_factory=list)


class Milestone(Stored):
    id: MilestoneId
    date: date
    title: Text = Field(min_length=1)
    why: Text = ""
    kept_both: list[KeptBoth] = Field(default_factory=list)


class MilestoneFile(Milestone):
    """`journey/<mid>.toml`: one milestone of the journey map (see `GoalFile`)."""

    schema_version: int = SCHEMA_VERSION
    added: dt.datetime | None = None


class JourneyFile(Stored):
    """The user's professional journey map, as the store hands it to services (and v1's
    `journey.toml`, split by migration m003)."""

    schema_version: int = SCHEMA_VERSION
    milestones: list[Milestone] = Field(default_factory=list)
    kept_both: list[KeptBoth] = Field(default_factory=list)


# -- the home as a whole -------------------------------------------------------------------
class HomeMarker(Stored):
    """`mentorlog.toml`: which format the home is in, and the migrations it has had."""

    schema_version: int = HOME_SCHEMA
    migrations: list[str] = Field(default_factory=list)


# -- the trash ---------------------------------------------------------------------------
class TrashedFile(Stored):
    """One place a delete changed: a file or folder moved out whole, or a shared file edited.

    `entries` names the list an edited file's entries are in (`goals`, `actions`,
    `milestones`), so a restore can put entries back one by one if the file changed since.
    """

    path: str  # relative to the home, with `/`
    how: Literal["moved", "edited"]
    mode: str | None = None  # an edited file's permissions before the delete, e.g. "0600"
    entries: str | None = None


class TrashManifest(Stored):
    """`.trash/<id>/manifest.toml`: what was deleted, when, and where it goes back."""

    schema_version: int = SCHEMA_VERSION
    kind: str
    target: str  # what was named on the command line, e.g. "ada-lovelace/2026-03-01"
    slug: str = ""  # the relationship it belongs to, if any
    what: Text = ""  # a first line, for `mentorlog trash`
    deleted: dt.datetime
    changes: list[Text] = Field(default_factory=list)
    files: list[TrashedFile] = Field(default_factory=list)


# -- shown with their short ids ------------------------------------------------------------
# What commands return: the stored thing plus `short`, the prefix people see and type (`a7f`;
# see core/ids.py). Filled in by `ids.fill_short` once the whole result is built.
class ShortGoal(Goal):
    short: str = ""


class ShortAction(Action):
    short: str = ""


class ShortMilestone(Milestone):
    short: str = ""
