"""Any dated entry (a recap, a reflection, a check-in) found by the id a person types.

An entry's id is its file's name: `2026-03-01-s7fk2qm4x9f` (a recap), `2026-03-01-h…` (a
check-in), `2026-03-01-gratitude-f…` (a reflection), or v1's `2026-03-01[-2]`. People type
it whole, as its random part or the shortest prefix of that (`s7f`, as listings show it),
or as its start at a dash (`2026-03-01`: the day's only entry); `ada-lovelace/…` limits
the search to one relationship (v1 names repeat across relationships). The store lists
the files; nothing is parsed until one is chosen. See docs/design/readback.md.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Iterable
from enum import StrEnum
from typing import ClassVar, Literal

from pydantic import BaseModel, Field

from mentorlog.core import ids
from mentorlog.core.context import Context
from mentorlog.core.errors import Ambiguous, BrokenFile, NotFound
from mentorlog.core.models import Action, Checkin, Goal, Recap, Reflection, ShortAction
from mentorlog.core.refs import locate_action, locate_goal
from mentorlog.core.store import EntryFile

_SCOPED = re.compile(r"^(?:(?P<slug>[a-z0-9][a-z0-9.-]*)[:/])?(?P<id>[^:/]+)$")
_KEY = re.compile(rf"^[shf][{ids.ALPHABET}]{{2,{ids.LENGTH}}}$")
SUFFIXES = (".md", ".toml")  # a file's name, typed whole, says which kind it is
WHAT = {"recap": "recap", "checkin": "check-in", "reflection": "reflection"}


class Shown:
    """How listings show entries' ids: the random part's shortest unique prefix (`s7f`);
    a v1 name whole, with its relationship where another has an entry of that name, and
    with its file's suffix where a recap and a check-in of one day share it (`.md`)."""

    def __init__(self, files: Iterable[EntryFile]) -> None:
        every = list(files)
        self._keys = ids.Shortener(f.key for f in every if f.key)
        self._stems = Counter(f.stem for f in every)
        self._within = Counter((f.slug, f.stem) for f in every)

    def __call__(self, entry: EntryFile) -> str:
        if entry.key:
            return self._keys(entry.key)
        name = entry.stem if self._stems[entry.stem] == 1 else f"{entry.slug}/{entry.stem}"
        return name + (entry.suffix if self._within[(entry.slug, entry.stem)] > 1 else "")


def shown(ctx: Context) -> Shown:
    """How listings show the ids of this home's entries."""
    return Shown(ctx.store.entry_files())


def find(ctx: Context, text: str, only: str | None = None) -> EntryFile:
    """The one entry `text` names (of kind `only`, if given); none: NotFound with the
    closest names; several: Ambiguous (exit 2) naming them."""
    return locate(ctx, text, only)[0]


def locate(ctx: Context, text: str, only: str | None = None) -> tuple[EntryFile, Shown]:
    """`find`, and how listings show the home's entries (to show the one found)."""
    typed = text.strip()
    match = _SCOPED.match(typed.lower())
    if not match:
        raise _missing(typed, [], only)
    slug, wanted = match.group("slug"), match.group("id")
    if slug and not ctx.store.exists(slug):
        raise ctx.store.not_found(slug)
    every = ctx.store.entry_files()
    shown = Shown(every)
    slug = ctx.store.current_slug(slug) if slug else None
    suffix = next((end for end in SUFFIXES if wanted.endswith(end)), "")
    wanted = wanted.removesuffix(suffix) if suffix else wanted
    files = [
        f
        for f in every
        if (only is None or f.kind == only) and slug in (None, f.slug) and suffix in ("", f.suffix)
    ]
    exact = [f for f in files if f.stem == wanted]
    if exact:
        return _one(typed, exact, only, shown), shown
    if _KEY.match(ids.normalise(wanted)):
        by_key = {f.key: f for f in files if f.key}
        if ids.matches(wanted, by_key):
            labels = {k: _label(f) for k, f in by_key.items()}
            return by_key[ids.resolve(wanted, by_key, _what(only), labels)], shown
    started = [f for f in files if f.stem.startswith(wanted + "-")]
    recaps = [f for f in started if f.kind == "recap"]
    day = re.fullmatch(r"\d{4}-\d{2}-\d{2}", wanted)  # SLUG/DATE (a whole day): its recap
    if slug and day and only is None and len(recaps) == 1:
        return recaps[0], shown
    if started:
        return _one(typed, started, only, shown), shown
    raise _missing(typed, [f.stem for f in files], only)


def _what(only: str | None) -> str:
    return WHAT[only] if only else "entry"


def _label(entry: EntryFile) -> str:
    return f"{WHAT[entry.kind]} {entry.day}" + (f" with {entry.slug}" if entry.slug else "")


def _one(typed: str, found: list[EntryFile], only: str | None, shown: Shown) -> EntryFile:
    if len(found) == 1:
        return found[0]
    found.sort(key=lambda f: (f.stem, f.slug))
    named = [f"{shown(f)} ({_label(f)})" for f in found[: ids.SHOWN_CANDIDATES]]
    more = len(found) - ids.SHOWN_CANDIDATES
    listing = ", ".join(named) + (f" or {more} more" if more > 0 else "")
    kinds = "" if only or len({f.kind for f in found}) == 1 else "; or say which with --kind"
    raise Ambiguous(
        f"there is more than one {_what(only)} '{typed}'", f"it could be {listing}{kinds}"
    )


def _missing(typed: str, stems: list[str], only: str | None) -> NotFound:
    what = _what(only) if only else "reflection, recap or check-in"
    close = difflib.get_close_matches(typed, stems, n=1, cutoff=0.6)
    hint = (
        f"did you mean '{close[0]}'?"
        if close
        else "see `mentorlog recaps`, `mentorlog journal` or `mentorlog health`"
    )
    return NotFound(f"no {what} '{typed}'", hint)


# -- one entry, read ------------------------------------------------------------------------
Kind = Literal["recap", "checkin", "reflection", "goal", "commitment"]


class Located(BaseModel):
    """What every entry read back says of itself, beside its own fields (docs/FORMAT.md).

    `about` is the relationship's slug, shown as `slug` in `--json` (a recap's or
    reflection's own `slug`, a key Hugo reads, is `page_slug` there)."""

    RESULT_NAMES: ClassVar[dict[str, str]] = {"about": "slug"}

    kind: Kind
    about: str | None = None  # null for a reflection about mentoring in general
    short: str = ""
    path: str = ""


class RecapEntry(Recap, Located):
    kind: Kind = "recap"
    partner: str = ""
    commitments: list[ShortAction] = Field(default_factory=list)  # made in this session
    short_ids: dict[str, str] = Field(default_factory=dict)  # of actions_done and progress


class CheckinEntry(Checkin, Located):
    kind: Kind = "checkin"
    partner: str = ""


class ReflectionEntry(Reflection, Located):
    kind: Kind = "reflection"
    partner: str | None = None  # null for a reflection about mentoring in general
    relationship: str = Field(default="", exclude=True)  # `about`, once


class GoalEntry(Goal, Located):
    kind: Kind = "goal"
    partner: str = ""
    short_ids: dict[str, str] = Field(default_factory=dict)  # recaps its history names


class CommitmentEntry(Action, Located):
    kind: Kind = "commitment"
    partner: str = ""


DatedEntry = RecapEntry | CheckinEntry | ReflectionEntry  # one file in a dated folder
AnyEntry = DatedEntry | GoalEntry | CommitmentEntry


def load(ctx: Context, entry: EntryFile, short: str = "") -> DatedEntry:
    """The entry in `entry`'s file, with where it lives and how listings show its id."""
    store = ctx.store
    place = {"path": str(entry.path), "short": short}
    if entry.kind == "reflection":
        reflection = store.load_reflection(entry.path)
        about = reflection.relationship or None
        partner = _partner(ctx, about) if about else None
        return ReflectionEntry(**reflection.model_dump(), about=about, partner=partner, **place)
    partner = _partner(ctx, entry.slug)
    if entry.kind == "recap":
        recap = store.load_recap(entry.path)
        shortener = store.shortener()
        made = made_in(recap, _actions(ctx, entry.slug), shortener)
        named = {key: shortener(key) for key in [*recap.actions_done, *recap.progress]}
        return RecapEntry(
            **recap.model_dump(), about=entry.slug, partner=partner, commitments=made, **place,
            short_ids=named,
        )  # fmt: skip
    checkin = store.load_checkin(entry.path)
    return CheckinEntry(**checkin.model_dump(), about=entry.slug, partner=partner, **place)


def made_in(recap: Recap, actions: dict[str, Action], short: ids.Shortener) -> list[ShortAction]:
    """The commitments a recap made, as they stand now (one deleted since is left out)."""
    return [  # built from a model already validated: no second validation
        ShortAction.model_construct(**actions[a].__dict__, short=short(a))
        for a in recap.actions_created
        if a in actions
    ]


def _actions(ctx: Context, slug: str) -> dict[str, Action]:
    try:
        return {a.id: a for a in ctx.store.load_actions(slug).actions}
    except BrokenFile:
        return {}  # the recap is what was asked for; `actions` names the broken file


def _partner(ctx: Context, slug: str) -> str:
    try:
        return ctx.store.load(slug).partner
    except (BrokenFile, NotFound):  # a relationship since deleted, for a reflection
        return slug  # the entry itself is what was asked for: it is still shown


class Which(StrEnum):
    """`read --kind`: which kind of entry an id names, where a v1 recap and check-in
    share a date."""

    recap = "recap"
    reflection = "reflection"
    checkin = "checkin"
    goal = "goal"
    commitment = "commitment"


_ENTITY = re.compile(r"^(?:[a-z0-9][a-z0-9.-]*[:/])?(?P<letter>[ga])[0-9a-z]+$")


def read(ctx: Context, text: str, only: Which | None = None) -> AnyEntry:
    """`mentorlog read ID`: the entry a person named, whichever kind it is (a goal or a
    commitment too: search shows their ids beside the entries')."""
    match = _ENTITY.match(text.strip().lower())
    if only in (Which.goal, Which.commitment) or (only is None and match):
        letter = match.group("letter") if match else ""
        if only is Which.goal or (only is None and letter == "g"):
            return _goal(ctx, text)
        return _commitment(ctx, text)
    entry, shown = locate(ctx, text, only.value if only else None)
    return load(ctx, entry, shown(entry))


def _goal(ctx: Context, text: str) -> GoalEntry:
    slug, goal_id = locate_goal(ctx, text)
    goal = next(g for g in ctx.store.load_goals(slug).goals if g.id == goal_id)
    place = {
        "path": str(ctx.store.goal_file(slug, goal_id)),
        "short": ctx.store.shortener()(goal_id),
    }
    return GoalEntry(
        **goal.model_dump(), about=slug, partner=_partner(ctx, slug), **place,
        short_ids=_recaps_named(ctx, goal),
    )  # fmt: skip


def _recaps_named(ctx: Context, goal: Goal) -> dict[str, str]:
    """{recap id: its short id} for the recaps a goal's history notes name (`recap ID`)."""
    named = {note.split(" ", 1)[1] for note in (n.note for n in goal.history)
             if note.startswith("recap ")}  # fmt: skip
    if not named:
        return {}
    every = ctx.store.entry_files()
    show = Shown(every)
    return {f.stem: show(f) for f in every if f.kind == "recap" and f.stem in named}


def _commitment(ctx: Context, text: str) -> CommitmentEntry:
    slug, action_id = locate_action(ctx, text)
    action = next(a for a in ctx.store.load_actions(slug).actions if a.id == action_id)
    short = ctx.store.shortener()(action_id)
    place = {"path": str(ctx.store.action_file(slug, action_id)), "short": short}
    return CommitmentEntry(**action.model_dump(), about=slug, partner=_partner(ctx, slug), **place)
