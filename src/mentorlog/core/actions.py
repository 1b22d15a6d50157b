"""Commitments (action items): made in a session, followed through or renegotiated."""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum

from pydantic import BaseModel, Field

from mentorlog.core import ids
from mentorlog.core.context import Context
from mentorlog.core.dates import Prefer, parse_date
from mentorlog.core.errors import InvalidInput, NotAllowed
from mentorlog.core.models import (
    BUILT_ON_USE,
    Action,
    ActionsFile,
    ActionStatus,
    Owner,
    Relationship,
    ShortAction,
    Text,
    lists_open_work,
    settle,
)
from mentorlog.core.refs import locate_action
from mentorlog.core.txn import operation

_OWNER = re.compile(r"(?:^|\s)@(me|partner|both)\b", re.IGNORECASE)
# due:2026-12-01, due:friday, due:next-tuesday (a hyphen for each space), due:"in 2 weeks"
_DUE = re.compile(r"""(?:^|\s)due:(?:"([^"]*)"|'([^']*)'|(\S+))""", re.IGNORECASE)


class NewAction(BaseModel):
    model_config = BUILT_ON_USE

    text: Text
    owner: Owner = Owner.me
    due: date | None = None


def _spaced(joined: str) -> str:
    """`next-tuesday` -> `next tuesday`; a date written in digits (`2026-12-01`, `-1m`) stays."""
    return re.sub(r"(?<=.)[-_]", " ", joined) if re.search(r"[a-z]{2}", joined, re.I) else joined


def parse_action(text: str, today: date, default_owner: Owner = Owner.me) -> NewAction:
    """'send CV draft @me due:2026-12-01' -> text, owner and due date."""
    text = _quote_spaced_due(text, today)
    owners = _OWNER.findall(text)
    dues = [quoted or single or _spaced(joined) for quoted, single, joined in _DUE.findall(text)]
    if len(owners) > 1 or len(dues) > 1:
        raise InvalidInput(f"'{text}' names more than one owner or due date")
    rest = _DUE.sub(" ", _OWNER.sub(" ", text))
    clean = " ".join(rest.split())
    if not clean:
        raise InvalidInput(f"'{text}' has no commitment in it", "e.g. 'send CV draft @me'")
    due = parse_date(dues[0], today, Prefer.future, "due date") if dues else None
    owner = Owner(owners[0].lower()) if owners else default_owner
    return NewAction(text=clean, owner=owner, due=due)


def _quote_spaced_due(text: str, today: date) -> str:
    """`due:dec 3` -> `due:"dec 3"`: an unquoted due date that is no date alone takes
    the next words (up to three) that make one with it; else the text stays as it is
    (and the one word is refused, as before)."""
    match = re.search(r"(?:^|\s)due:(?![\"'])(\S+)", text, re.IGNORECASE)
    if match is None or _is_date(_spaced(match.group(1)), today):
        return text
    after = text[match.end() :].split()
    for count in range(min(3, len(after)), 0, -1):  # `dec 3 2028` before `dec 3`
        words = " ".join([_spaced(match.group(1)), *after[:count]])
        if not any(word.startswith("@") for word in after[:count]) and _is_date(words, today):
            rest = " ".join(after[count:])
            return f'{text[: match.start(1)]}"{words}" {rest}'.rstrip()
    return text


def _is_date(text: str, today: date) -> bool:
    try:
        parse_date(text, today, Prefer.future, "due date")
    except InvalidInput:
        return False
    return True


class ActionView(ShortAction):
    slug: str
    partner: str
    overdue_days: int = 0


class Show(StrEnum):
    open = "open"
    all = "all"


class Whose(StrEnum):
    anyone = "anyone"
    mine = "mine"  # mine or both
    partner = "partner"  # partner's or both


def view(relationship: Relationship, action: Action, today: date) -> ActionView:
    late = (
        (today - action.due).days
        if action.due and action.status is ActionStatus.open and action.due < today
        else 0
    )
    return ActionView(
        slug=relationship.slug, partner=relationship.partner, overdue_days=late,
        **action.model_dump(),
    )  # fmt: skip


def create(
    ctx: Context, slug: str, new: list[NewAction], day: date, recap: str = ""
) -> list[Action]:
    """Append commitments with fresh random ids. Caller holds the relationship's lock."""
    actions = ctx.store.load_actions(slug)
    fresh = ctx.store.new_ids("a", len(new), {a.id for a in actions.actions})
    made = [
        Action(
            id=action_id,
            text=item.text,
            owner=item.owner,
            due=item.due,
            created=day,
            recap=recap,
        )
        for item, action_id in zip(new, fresh, strict=True)
    ]
    actions.actions.extend(made)
    ctx.store.save_actions(slug, actions)
    return made


class ActionList(BaseModel):
    model_config = BUILT_ON_USE

    actions: list[ActionView] = Field(default_factory=list)
    problems: list[str] = Field(default_factory=list)


def list_actions(
    ctx: Context, slug: str | None = None, show: Show = Show.open, whose: Whose = Whose.anyone,
    shortener: ids.Shortener | None = None,
) -> ActionList:  # fmt: skip
    found: list[ActionView] = []
    problems: list[str] = []

    def read(each: str) -> ActionsFile:  # a broken file hides only itself
        return ctx.store.load_actions(each, show is Show.open, problems)

    for relationship, actions_file in ctx.store.gather(slug, read, problems):
        if slug is None and show is Show.open and not lists_open_work(relationship):
            continue  # closed, and its close did not keep them open
        for action in actions_file.actions:
            if show is Show.open and action.status is not ActionStatus.open:
                continue
            if whose is Whose.mine and action.owner is Owner.partner:
                continue
            if whose is Whose.partner and action.owner is Owner.me:
                continue
            found.append(view(relationship, action, ctx.today))
    found.sort(key=lambda a: (a.status is not ActionStatus.open, a.due or date.max, a.slug))
    result = ActionList(actions=found, problems=problems)
    return ids.fill_short(result, shortener or ctx.store.shortener())


class DoneResult(BaseModel):
    model_config = BUILT_ON_USE

    done: list[ActionView] = Field(default_factory=list)
    already: list[str] = Field(default_factory=list)
    already_short: list[str] = Field(default_factory=list)  # as the text view shows them


@operation("done", retry=False)
def mark(
    ctx: Context, refs: list[str], status: ActionStatus = ActionStatus.done,
    within: str | None = None, day: date | None = None,
) -> DoneResult:  # fmt: skip
    """Close commitments by id. Every id is checked before anything is written."""
    located = [locate_action(ctx, ref, within) for ref in refs]
    by_slug: dict[str, list[str]] = {}
    for slug, action_id in located:
        by_slug.setdefault(slug, []).append(action_id)
    result = DoneResult()
    for slug, wanted in by_slug.items():
        relationship = ctx.store.load(slug)
        with ctx.store.locked_relationship(slug):
            actions = ctx.store.load_actions(slug)
            for action in actions.actions:
                if action.id not in wanted:
                    continue
                if action.status is not ActionStatus.open:
                    result.already.append(action.id)
                    continue
                action.status, action.closed = status, day or ctx.today
                settle(action, "status", "closed")
                result.done.append(view(relationship, action, ctx.today))
            ctx.store.save_actions(slug, actions)
    short = ctx.store.shortener()
    result.already_short = [short(action_id) for action_id in result.already]
    return ids.fill_short(result, short)


@operation("renegotiate")
def renegotiate(
    ctx: Context,
    ref: str,
    *,
    text: str | None = None,
    due: date | None = None,
    clear_due: bool = False,
    owner: Owner | None = None,
    drop: bool = False,
) -> ActionView:
    """Change an open commitment's terms, or drop it: followed through or openly changed."""
    if text is not None and not text.strip():
        raise InvalidInput("a commitment needs some text")
    if text is None and due is None and not clear_due and owner is None and not drop:
        raise InvalidInput("nothing to change", "pass --due, --text, --owner or --drop")
    slug, action_id = locate_action(ctx, ref)
    relationship = ctx.store.load(slug)
    with ctx.store.locked_relationship(slug):
        actions = ctx.store.load_actions(slug)
        action = next(a for a in actions.actions if a.id == action_id)
        if action.status is not ActionStatus.open:
            raise NotAllowed(f"commitment {action.id} is already {action.status.value}")
        if text is not None:
            action.text = " ".join(text.split())
        if due is not None or clear_due:
            action.due = due
        if owner is not None:
            action.owner = owner
        if drop:
            action.status, action.closed = ActionStatus.dropped, ctx.today
        changed = {"text": text is not None, "due": due is not None or clear_due}
        changed |= {"owner": owner is not None, "status": drop, "closed": drop}
        settle(action, *(name for name, done in changed.items() if done))
        ctx.store.save_actions(slug, actions)
    return ids.fill_short(view(relationship, action, ctx.today), ctx.store.shortener())
