"""Commands about one relationship's record: new-relationship, list, show, edit, rapport."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import Annotated, TypeVar

import typer
from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from mentorlog.cli import options as opt
from mentorlog.cli.editor import edit_until_valid
from mentorlog.cli.output import Screen, none_read, present, warn_skipped
from mentorlog.cli.prompts import MULTILINE_TIP, Asker, Interrupted, hanging
from mentorlog.cli.recaps import sessions_table
from mentorlog.cli.render import goals_table
from mentorlog.cli.state import State, shown, state
from mentorlog.cli.viewed import viewed
from mentorlog.cli.walk import Kept, ResumeOption, ask_and_save
from mentorlog.core import drafts, overview
from mentorlog.core import relationships as core
from mentorlog.core.dates import Prefer, normalize_cadence, parse_date
from mentorlog.core.errors import InvalidInput, MissingValue
from mentorlog.core.models import KeptBoth, Relationship, Role
from mentorlog.core.overview import RelationshipView

T = TypeVar("T")


def _first_name(partner: str) -> str:
    return partner.split()[0] if partner.split() else partner


def _rapport_walk(
    st: State,
    asker: Asker,
    relationship: Relationship,
    skip: set[str] = frozenset(),  # type: ignore[assignment]
) -> Relationship:
    """Ask each rapport question, saving every answer as soon as it is given."""
    earlier = core.rapport_answers(relationship)
    asker.console.print(Text(MULTILINE_TIP, style="dim"))
    for question in core.RAPPORT_QUESTIONS:
        if question.key in skip:
            continue
        slug, key = relationship.slug, question.key
        ask_and_save(
            asker,
            st.core,
            f"rapport-{key}.md",
            question.ask.format(partner=_first_name(relationship.partner)),
            question.hint,
            earlier[key],
            partial(_save_rapport, st, slug, key),
            f"mentorlog rapport {slug}",
            slug,
        )
    return st.core.store.load(relationship.slug)


def _save_rapport(st: State, slug: str, key: str, text: str) -> None:
    core.set_rapport(st.core, slug, {key: text})


def _rapport_flags(**answers: str | None) -> dict[str, str]:
    return {key: value for key, value in answers.items() if value is not None}


AREAS = "Topics or skills it covers (comma separated; Enter skips)"


def _meetings(count: int, last: date | None) -> str:
    return f"{count}, last on {shown(last)}" if last else ""


def _split(areas: str) -> list[str]:
    return [a.strip() for a in areas.split(",") if a.strip()]


@dataclass(frozen=True)
class Record:
    """What a new relationship's record needs before it can be written."""

    partner: str
    slug: str
    role: Role
    started: date
    cadence: str | None


class NothingStarted(Exception):
    """The person met a pairing they already have and chose not to start another."""

    def __init__(self, slug: str) -> None:
        super().__init__(slug)
        self.slug = slug


def _ask_slug(st: State, asker: Asker, partner: str, slug: str | None) -> str:
    """Check the name makes a free folder name before anything else is asked."""
    while True:
        try:
            return core.pick_slug(st.core, partner, slug)
        except core.SlugTaken as taken:
            if not asker.interactive:  # the core says so again, unless this is a retry
                return taken.slug  # of the very create already stored (then: nothing to do)
            st.err.print(  # most often the same person again: say how to carry on
                f"You already have '{taken.slug}'.\nTo carry on with it: "
                f"mentorlog rapport {taken.slug}",
                soft_wrap=True,
                highlight=False,
            )
            if asker.confirm(f"Start another, called '{taken.free}'?", default=False):
                return taken.free
            slug = asker.text(
                "Or another folder name for a new one? (Enter stops here)", flag="--slug"
            )
            if not slug.strip():
                raise NothingStarted(taken.slug) from None
            continue
        except InvalidInput as problem:
            if not asker.interactive:
                raise
            st.err.print(hanging("  ", problem.message, "red"))
        slug = asker.text(
            "A short name for its folder? (lowercase letters, digits, dashes)",
            flag="--slug",
            required=True,
            what="a folder name",
        )


def _ask_record(
    st: State,
    asker: Asker,
    kept: Kept,
    partner: str | None,
    slug: str | None,
    role: Role | None,
    started: str | None,
    cadence: str | None,
) -> Record:
    today = st.core.today
    name = kept.step(
        "partner",
        partner,
        lambda: asker.text(
            "Who is it with? (their name)",
            flag="the PARTNER argument",
            required=True,
            what="the partner's name",
        ),
    )
    chosen = _ask_slug(st, asker, name, slug or kept.answers.get("slug"))
    kept.keep("slug", chosen)
    settings = st.settings  # config.toml's defaults; a flag still wins
    chosen_role = kept.step(
        "role",
        role.value if role else None,
        lambda: asker.choice(
            "Your role in it",
            [r.value for r in Role],
            flag="--role",
            what="your role",
            default=settings.default_role.value if settings.default_role else None,
        ),
    )
    start = kept.step(
        "started",
        parse_date(started, today, Prefer.past, "--started").isoformat() if started else None,
        lambda: asker.until_valid(
            lambda: asker.text("When did it start?", flag="--started", default="today"),
            lambda text: parse_date(text, today, Prefer.past, "--started").isoformat(),
        ),
    )
    cadence_text = kept.step(
        "cadence",
        (normalize_cadence(cadence) or "") if cadence is not None else None,
        lambda: asker.until_valid(
            lambda: asker.text(
                "How often will you meet? (e.g. weekly, monthly; Enter skips)",
                flag="--cadence",
                default=settings.default_cadence,
            ),
            lambda text: normalize_cadence(text) or "",
        ),
    )
    return Record(
        partner=name,
        slug=chosen,
        role=Role(chosen_role),
        started=parse_date(start, today, Prefer.past, "--started"),
        cadence=normalize_cadence(cadence_text),
    )


def _record_or_stop(st: State, kept: Kept, ask: Callable[[], Record]) -> Record:
    """The record's answers (`ask`); a person who chose to start nothing leaves, exit 0."""
    try:
        return ask()
    except NothingStarted as left:
        kept.finish()  # the person chose: nothing to pick up next time
        st.err.print(
            f"Nothing started. To carry on with the one you have: mentorlog rapport {left.slug}",
            soft_wrap=True,
            highlight=False,
        )
        raise typer.Exit(0) from None
    except Interrupted:
        kept.stopped("mentorlog new-relationship")
        raise


def new_relationship(
    ctx: typer.Context,
    partner: Annotated[
        str | None,
        typer.Argument(metavar="PARTNER", help="Your partner's name, e.g. 'Ada Lovelace'."),
    ] = None,
    role: opt.RoleOption = None,
    purpose: opt.PurposeOption = None,
    context: opt.ContextOption = None,
    started: opt.StartedOption = None,
    cadence: opt.CadenceOption = None,
    channel: opt.ChannelOption = None,
    area: opt.AreaOption = None,
    slug: opt.SlugOption = None,
    background: opt.BackgroundOption = None,
    common_ground: opt.CommonGroundOption = None,
    hopes: opt.HopesOption = None,
    offers: opt.OffersOption = None,
    meetings: opt.MeetingsOption = None,
    confidentiality: opt.ConfidentialityOption = None,
    norms: opt.NormsOption = None,
    resume: ResumeOption = None,
    no_input: opt.NoInputOption = False,
    json_output: opt.JsonOption = False,
) -> None:
    """Start a new mentoring relationship and get to know each other (rapport).

    On a terminal it asks for whatever the options did not give, then walks the
    rapport questions; every one of them may be skipped.
    """
    st = state(ctx)
    asker = st.asker(no_input)
    kept = Kept(asker, st.core, "new-relationship")
    kept.offer(
        resume,
        lambda saved: partner is None or saved.get("partner") == partner,
        lambda saved: str(saved.get("partner") or ""),
    )
    if asker.interactive:
        st.err.print(Text("Let's set up a new mentoring relationship.", style="bold"))
    record = _record_or_stop(
        st, kept, partial(_ask_record, st, asker, kept, partner, slug, role, started, cadence)
    )
    try:
        channel_text = kept.step(
            "channel",
            channel,
            lambda: asker.text(
                "How will you meet? (in person, video, ...; Enter skips)", flag="--channel"
            ),
        )
        areas = kept.step("areas", area, lambda: _split(asker.text(AREAS, flag="--area")))
        context_text = kept.step(
            "context",
            context,
            lambda: asker.text(
                "Part of a program or organisation? (Enter skips)", flag="--context"
            ),
        )
    except Interrupted:
        kept.stopped("mentorlog new-relationship")
        raise
    answers = _rapport_flags(
        background=background,
        common_ground=common_ground,
        hopes=hopes,
        offers=offers,
        meetings=meetings,
        confidentiality=confidentiality,
        norms=norms,
    )
    relationship = core.new_relationship(
        st.core,
        record.partner,
        record.role,
        purpose=purpose or "",
        context=context_text,
        started=record.started,
        cadence=record.cadence,
        channel=channel_text,
        areas=areas,
        slug=record.slug,
        rapport=answers,
    )
    kept.finish()
    if asker.interactive:
        st.err.print(
            Text.assemble(
                "\nSaved as ",
                (relationship.slug, "bold"),
                ". Now the first meeting: getting to know each other.",
            )
        )
        skip = set(answers) | ({"purpose"} if purpose else set())
        relationship = _rapport_walk(st, asker, relationship, skip)
    present(st.screen, viewed(st, relationship.slug), json_output, _show_new)


def _show_new(screen: Screen, result: RelationshipView) -> None:
    screen.out.print(render_relationship(result, brief=True))
    screen.out.print(next_steps(result))


def next_steps(relationship: Relationship) -> Table:
    slug = relationship.slug
    steps = [
        ("Add or revise rapport answers", f"mentorlog rapport {slug}"),
        ("Once there is rapport, set goals", f"mentorlog direction {slug}"),
        ("After every session", f"mentorlog recap {slug}"),
    ]
    table = Table.grid(padding=(0, 2))
    table.add_column()
    table.add_column(style="cyan", no_wrap=True)
    table.add_row(Text("Next", style="bold"), "")
    for label, command in steps:
        table.add_row(f"  {label}", command)
    return table


def list_relationships(
    ctx: typer.Context,
    status: Annotated[
        overview.StatusFilter,
        typer.Option(
            "--status",
            help="Which to show: active, paused, closed, open (not closed) or all.",
            case_sensitive=False,
        ),
    ] = overview.StatusFilter.open,
    no_input: opt.NoInputOption = False,
    json_output: opt.JsonOption = False,
) -> None:
    """List your relationships."""
    st = state(ctx)
    result = overview.list_relationships(st.core, status)
    warn_skipped(st.err, result.problems)
    some = bool(result.relationships or result.problems or st.core.store.slugs())
    listing = partial(_show_list, status if some else None, len(set(result.problems)))
    present(st.screen, result.relationships, json_output, listing)


def _show_list(
    status: overview.StatusFilter | None,
    skipped: int,
    screen: Screen,
    rows: list[overview.RelationshipSummary],
) -> None:
    """`status` is None when the home holds no relationship at all."""
    which = f"{status.value} " if status is not None and status.value != "all" else ""
    if not rows and none_read(screen, f"No {which}relationships among those read", skipped):
        return
    if not rows and status is None:
        screen.out.print(
            "No relationships yet. Start one with:\n"
            '  mentorlog new-relationship "Ada Lovelace" --role mentee'
        )
        return
    if not rows and status is not None:
        screen.out.print(f"No {status.value} relationships. Try: mentorlog list --status all")
        return
    screen.out.print(_list_table(rows, screen.out))


# The listing's columns, in order: (header, width at least, gives way in this order).
# A column that gives way goes whole; the slug (what you type) and dates are never cut.
LIST_COLUMNS = (
    "slug",
    "partner",
    "role",
    "phase",
    "started",
    "cadence",
    "last met",
    "next",
    "open",
)
GIVES_WAY = ("started", "cadence", "partner", "phase", "role", "last met")
PARTNER_WIDTH = 12  # a partner's name wraps within this; the slug names them too


def _list_cells(row: overview.RelationshipSummary) -> dict[str, str]:
    phase = row.phase.value if row.status.value == "active" else row.status.value
    return {
        "slug": row.slug,
        "partner": row.partner,
        "role": row.role.value,
        "phase": phase,
        "started": shown(row.started),
        "cadence": row.cadence or "-",
        "last met": shown(row.last_meeting) if row.last_meeting else "-",
        "next": shown(row.next_meeting) if row.next_meeting else "-",
        "open": str(row.open_actions) if row.open_actions else "",
    }


def _list_table(rows: list[overview.RelationshipSummary], console: Console) -> Table:
    """The columns that fit the console; those that do not give way whole (`show` has
    them all). A column's least width is what it must show whole (a slug, a date, a
    count), or for words that wrap (partner, cadence) its longest word."""
    cells = [_list_cells(row) for row in rows]
    least = {name: _least_width(name, cells) for name in LIST_COLUMNS}
    columns = list(LIST_COLUMNS)
    for name in GIVES_WAY:
        if sum(least[c] for c in columns) + 2 * (len(columns) - 1) <= console.width:
            break
        columns.remove(name)
    whole = {name: _least_width(name, cells, wrapped=False) for name in columns}
    tight = sum(whole.values()) + 2 * (len(columns) - 1) > console.width
    table = Table(box=None, pad_edge=False, header_style="bold")
    for name in columns:
        table.add_column(
            name,
            no_wrap=name not in WRAPS,
            min_width=least[name],
            max_width=least[name] if tight and name in WRAPS else None,  # Rich would not
            justify="right" if name == "open" else "left",  # wrap them enough by itself
        )
    for row in cells:
        table.add_row(*(row[name] for name in columns))
    return table


WRAPS = ("partner", "cadence")  # words that may wrap; every other column shows whole


def _least_width(name: str, cells: list[dict[str, str]], wrapped: bool = True) -> int:
    from rich.cells import cell_len

    values = [name, *(row[name] for row in cells)]
    whole = max(cell_len(value) for value in values)
    if name not in WRAPS or not wrapped:
        return whole
    word = max(cell_len(w) for value in values for w in value.split() or [""])
    return max(word, min(whole, PARTNER_WIDTH)) if name == "partner" else word


def _field_table(rows: list[tuple[str, str]]) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column(overflow="fold")
    for label, value in rows:
        if value:
            table.add_row(label, value)
    return table


def render_relationship(relationship: RelationshipView, brief: bool = False) -> Panel:
    r = relationship
    facts = _field_table(
        [
            ("Partner", r.partner),
            ("My role", r.role.value),
            ("Status", r.status.value if r.status.value != "active" else ""),
            ("Phase", r.phase.value),
            ("Started", shown(r.started)),
            ("Purpose", r.purpose),
            ("Context", r.context),
            ("Cadence", r.cadence or ""),
            ("Channel", r.channel),
            ("Areas", ", ".join(r.areas)),
            ("Paused until", shown(r.paused_until) if r.paused_until else ""),
            (
                "Meetings",
                f"{r.meetings}, last on {shown(r.last_meeting)}" if r.last_meeting else "",
            ),
            ("Next meeting", shown(r.next_meeting) if r.next_meeting else ""),
            ("Agreed", shown(r.agreed) if r.agreed else ""),
        ]
    )
    parts: list[Table | Text] = [facts]
    if brief:
        return Panel(Group(*parts), title=Text(r.slug, style="bold"), title_align="left")

    def section(title: str, rows: list[tuple[str, str]]) -> None:
        if any(value for _, value in rows):
            parts.extend([Text(f"\n{title}", style="bold underline"), _field_table(rows)])

    def label(key: str) -> str:
        return key.replace("_", " ").capitalize()

    section(
        "Rapport",
        [
            (label(q.key), getattr(r.rapport, q.key))
            for q in core.RAPPORT_QUESTIONS
            if q.key != "purpose"
        ],
    )
    section("Direction", [(label(k), v) for k, v in r.direction.model_dump().items()])
    if r.goals:
        parts.extend([Text("\nGoals", style="bold underline"), goals_table(r.goals)])
    if r.open_actions:
        parts.append(Text("\nOpen commitments", style="bold underline"))
        for action in r.open_actions:
            due = f", due {shown(action.due)}" if action.due else ""
            parts.append(Text(f"{action.short}  {action.text} ({action.owner.value}{due})"))
    if r.closing:
        closing = r.closing.model_dump(exclude={"date"})
        section(f"Closing ({shown(r.closing.date)})", [(label(k), v) for k, v in closing.items()])
    section(
        "History",
        [(shown(e.date), f"{e.event}{': ' + e.detail if e.detail else ''}") for e in r.history],
    )
    parts += _kept_both(r)
    parts += _recent_sessions(r)
    return Panel(Group(*parts), title=Text(r.slug, style="bold"), title_align="left")


def _recent_sessions(r: RelationshipView) -> list[Table | Text]:
    """The last few sessions, to read with `mentorlog read ID`."""
    if not r.recent_sessions:
        return []
    table = sessions_table(r.recent_sessions, with_partner=False, commitments=False)
    parts: list[Table | Text] = [Text("\nRecent sessions", style="bold underline"), table]
    if r.meetings > len(r.recent_sessions):
        parts.append(Text(f"All {r.meetings}: mentorlog recaps {r.slug}", style="dim"))
    return parts


def _kept_both(r: RelationshipView) -> list[Table | Text]:
    """What a git merge kept side by side, so the person sees there is a choice to make."""
    owners: list[tuple[str, list[KeptBoth]]] = [("", r.kept_both)]
    owners += [(f"{goal.id}: ", goal.kept_both) for goal in r.goals]
    owners += [(f"{action.id}: ", action.kept_both) for action in r.open_actions]
    lines = [
        Text(f"{owner}two values for {kept.field}: the one shown, or {kept.other!s}")
        for owner, records in owners
        for kept in records
    ]
    if not lines:
        return []
    title = Text("\nKept from two machines (settle in the file; see mentorlog doctor)")
    return [Text.assemble((title.plain, "bold yellow")), *lines]


def show(
    ctx: typer.Context,
    slug: opt.SlugArg,
    no_input: opt.NoInputOption = False,
    json_output: opt.JsonOption = False,
) -> None:
    """Show everything recorded for one relationship."""
    st = state(ctx)
    present(st.screen, viewed(st, slug), json_output, partial(_show_full, not no_input))


def _show_full(pager: bool, screen: Screen, relationship: RelationshipView) -> None:
    with screen.paged(pager):
        screen.out.print(render_relationship(relationship))


def _show_brief(screen: Screen, relationship: RelationshipView) -> None:
    screen.out.print(render_relationship(relationship, brief=True))


def edit(
    ctx: typer.Context,
    slug: opt.SlugArg,
    partner: Annotated[
        str | None, typer.Option("--partner", metavar="NAME", help="Your partner's name.")
    ] = None,
    role: opt.RoleOption = None,
    purpose: opt.PurposeOption = None,
    context: opt.ContextOption = None,
    started: opt.StartedOption = None,
    cadence: opt.CadenceOption = None,
    channel: opt.ChannelOption = None,
    area: Annotated[
        list[str] | None,
        typer.Option(
            "--area", metavar="AREA", help="Replace the areas with these (repeat for more)."
        ),
    ] = None,
    new_slug: Annotated[
        str | None, typer.Option("--slug", metavar="SLUG", help="Rename the relationship's folder.")
    ] = None,
    kept_draft: opt.KeptDraftOption = None,
    no_input: opt.NoInputOption = False,
    json_output: opt.JsonOption = False,
) -> None:
    """Change recorded fields; with no options, open the file in $VISUAL or $EDITOR."""
    st = state(ctx)
    today = st.core.today
    changes = core.Changes(
        partner=partner,
        role=role,
        purpose=purpose,
        context=context,
        started=parse_date(started, today, Prefer.past, "--started") if started else None,
        cadence=cadence,
        channel=channel,
        areas=area,
    )
    if changes.is_empty() and not new_slug:
        original = core.file_text(st.core, slug)
        result = edit_until_valid(
            st,
            drafts.RELATIONSHIP_EDIT,
            original,
            lambda text, draft: core.replace_text(st.core, slug, text, draft, original),
            implicit=True,
            slug=slug,
            kept_draft=kept_draft,
            no_input=no_input,
        )
        if result is None:
            st.err.print("No changes.")
            if not json_output:
                return
        relationship = result or st.core.store.load(slug)  # a script still gets it
    else:
        relationship = core.edit(st.core, slug, changes, new_slug)
    present(st.screen, viewed(st, relationship.slug), json_output, _show_brief)


def rapport(
    ctx: typer.Context,
    slug: opt.SlugArg,
    purpose: opt.PurposeOption = None,
    background: opt.BackgroundOption = None,
    common_ground: opt.CommonGroundOption = None,
    hopes: opt.HopesOption = None,
    offers: opt.OffersOption = None,
    meetings: opt.MeetingsOption = None,
    confidentiality: opt.ConfidentialityOption = None,
    norms: opt.NormsOption = None,
    no_input: opt.NoInputOption = False,
    json_output: opt.JsonOption = False,
) -> None:
    """Revisit the rapport questions; your earlier answers are the defaults.

    Rapport often takes the first meeting or two. Options record answers directly.
    """
    st = state(ctx)
    asker = st.asker(no_input)
    answers = _rapport_flags(
        purpose=purpose,
        background=background,
        common_ground=common_ground,
        hopes=hopes,
        offers=offers,
        meetings=meetings,
        confidentiality=confidentiality,
        norms=norms,
    )
    relationship: Relationship = st.core.store.load(slug)  # the answers so far, nothing else
    if answers:
        relationship = core.set_rapport(st.core, slug, answers)
    elif asker.interactive:
        relationship = _rapport_walk(st, asker, relationship)
    else:
        raise MissingValue(
            "nothing to record",
            "pass answers such as --background or --norms, or run in a terminal",
        )
    present(st.screen, viewed(st, slug), json_output, partial(_show_full, False))
