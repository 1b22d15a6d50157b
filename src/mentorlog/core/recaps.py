"""Past sessions: `mentorlog recaps` lists them, `show` ends with the last few, and
`recap --edit ID` changes one by hand, validated like `edit`."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from pydantic import BaseModel, Field

from mentorlog.core import entries
from mentorlog.core.context import Context
from mentorlog.core.errors import BrokenFile, InvalidInput, NotFound
from mentorlog.core.files import add_derived, parse_toml, read_text, split_front_matter, validate
from mentorlog.core.models import Action, Recap, ShortAction
from mentorlog.core.slugs import SLUG_RE
from mentorlog.core.store import EntryFile
from mentorlog.core.txn import operation

SHOWN_IN_SHOW = 5


class Session(BaseModel):
    """One row of `mentorlog recaps`: a past session and the commitments made in it."""

    date: date
    slug: str
    partner: str
    id: str  # the recap's id (its file's name): `mentorlog read` takes it
    short: str  # as listings show it (`s7f`)
    minutes: int | None = None
    first_line: str = ""
    commitments: list[ShortAction] = Field(default_factory=list)
    path: str


class RecapsResult(BaseModel):
    sessions: list[Session] = Field(default_factory=list)
    problems: list[str] = Field(default_factory=list)


def first_line(text: str) -> str:
    return next((line.strip() for line in text.splitlines() if line.strip()), "")


class _Reader:
    """Reads one relationship's recaps into sessions, with the home's short ids."""

    def __init__(self, ctx: Context, problems: list[str] | None) -> None:
        self.ctx, self.problems = ctx, problems  # None: a broken file is the error
        self.shown = entries.shown(ctx)
        self.short_action = ctx.store.shortener()

    def sessions(self, slug: str, partner: str, keep: Callable[[EntryFile], bool]) -> list[Session]:
        files = {f.stem: f for f in self.ctx.store.entry_files(slug) if f.kind == "recap"}
        order = [files[path.stem] for path in self.ctx.store.recap_paths(slug)]
        chosen = [entry for entry in order if keep(entry)]
        actions = self._actions(slug) if chosen else {}
        found = []
        for entry in chosen:
            try:
                recap = self.ctx.store.load_recap(entry.path)
            except BrokenFile as problem:
                if self.problems is None:
                    raise
                self.problems.append(str(problem))
                continue
            found.append(self._session(recap, entry, partner, actions))
        return found

    def _actions(self, slug: str) -> dict[str, Action]:
        try:
            return {a.id: a for a in self.ctx.store.load_actions(slug).actions}
        except BrokenFile as problem:  # the sessions are still worth seeing
            if self.problems is None:
                raise
            self.problems.append(str(problem))
            return {}

    def _session(
        self, recap: Recap, entry: EntryFile, partner: str, actions: dict[str, Action]
    ) -> Session:
        made = entries.made_in(recap, actions, self.short_action)
        return Session(
            date=recap.date,
            slug=entry.slug,
            partner=partner,
            id=recap.id,
            short=self.shown(entry),
            minutes=recap.minutes,
            first_line=first_line(recap.body),
            commitments=made,
            path=str(entry.path),
        )


def recaps(ctx: Context, slug: str | None = None, since: date | None = None) -> RecapsResult:
    """Every session (of one relationship, or all), oldest first; a broken file is named
    in `problems` and the rest still listed."""
    result = RecapsResult()
    reader = _Reader(ctx, result.problems)
    if slug:
        slug = ctx.store.load(slug).slug

    def keep(entry: EntryFile) -> bool:
        return since is None or entry.day >= since

    for relationship, _ in ctx.store.gather(slug, lambda _slug: None, result.problems):
        result.sessions += reader.sessions(relationship.slug, relationship.partner, keep)
    result.sessions.sort(key=lambda s: s.date)  # stable: a day's own order stays
    return result


def recent(
    ctx: Context,
    slug: str,
    partner: str,
    count: int = SHOWN_IN_SHOW,
    problems: list[str] | None = None,
) -> list[Session]:
    """The last `count` sessions of one relationship (for `show`); a broken one is noted
    in `problems` when given, else an error."""
    last = set(ctx.store.recap_paths(slug)[-count:])
    return _Reader(ctx, problems).sessions(slug, partner, lambda entry: entry.path in last)


# -- editing a past recap -------------------------------------------------------------------
def past_recap(ctx: Context, text: str) -> EntryFile | None:
    """The recap `recap --edit TEXT` names, or None when TEXT names a relationship (then
    the editor writes a new recap, as before)."""
    typed = text.strip()
    if SLUG_RE.match(typed) and ctx.store.exists(typed):
        return None
    try:
        return entries.find(ctx, typed, only="recap")
    except NotFound as missing:
        if not SLUG_RE.match(typed):
            raise
        hint = missing.hint or ""  # a slug, mistyped, is as likely as a recap's id
        if not hint.startswith("did you mean"):
            hint = ctx.store.not_found(typed).hint or hint
        raise NotFound(f"no relationship or recap '{typed}'", hint) from None


def file_text(ctx: Context, entry: EntryFile) -> str:
    """The recap's text as it is on disk (a broken one too: editing may mend it)."""
    ctx.store.present(entry.path)
    return read_text(entry.path)


def check_text(entry: EntryFile, text: str, source: Path) -> Recap:
    """Validate a hand-edited recap; errors name `source` (the draft) and the line."""
    front, body = split_front_matter(text.removeprefix("\ufeff"), source)
    data = parse_toml(front, source, line_offset=1)
    add_derived(data, {"id": entry.stem, "body": body}, source, front)
    recap = validate(Recap, data, source, front, line_offset=1)
    if recap.date != entry.day:
        raise InvalidInput(
            f"{source}: the date of a recap is part of its id ({entry.stem}) and stays {entry.day}",
            "put the date back; to move a session, recap it on the right day and delete this one",
        )
    return recap


@operation("edit recap")
def replace_text(
    ctx: Context, entry: EntryFile, text: str, source: Path, original: str
) -> entries.DatedEntry:
    """Store a hand-edited recap exactly as written, once it validates; refused if the
    file changed since the editing started from `original`."""
    check_text(entry, text, source)
    ctx.store.replace_recap_text(entry, text, original)
    return as_entry(ctx, entry)


def as_entry(ctx: Context, entry: EntryFile) -> entries.DatedEntry:
    """The recap in `entry`'s file, as `read` shows it."""
    return entries.load(ctx, entry, entries.shown(ctx)(entry))
