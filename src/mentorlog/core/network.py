"""The mentoring network: who covers which areas, and where the gaps are."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field

from mentorlog.core.context import Context
from mentorlog.core.errors import BrokenFile, InvalidInput
from mentorlog.core.markdown import inline
from mentorlog.core.models import Relationship, Role, Status
from mentorlog.core.txn import operation

GROUP = {Role.mentee: "mentors", Role.mentor: "mentees", Role.peer: "peers"}


class Member(BaseModel):
    slug: str
    partner: str
    my_role: Role
    status: Status
    areas: list[str]
    last_contact: date | None = None


class Coverage(BaseModel):
    area: str
    slugs: list[str]


class NetworkView(BaseModel):
    mentors: list[Member] = Field(default_factory=list)
    mentees: list[Member] = Field(default_factory=list)
    peers: list[Member] = Field(default_factory=list)
    wants: list[str] = Field(default_factory=list)
    coverage: list[Coverage] = Field(default_factory=list)  # active mentors and peers only
    gaps: list[str] = Field(default_factory=list)  # wanted, covered by no active mentor or peer
    single: list[str] = Field(default_factory=list)  # covered by exactly one
    problems: list[str] = Field(default_factory=list)


def _last_contact(ctx: Context, relationship: Relationship, problems: list[str]) -> date | None:
    try:
        latest = ctx.store.latest_recap(relationship.slug)
    except BrokenFile as problem:
        problems.append(str(problem))
        return None
    return latest.date if latest else None


def network(ctx: Context) -> NetworkView:
    relationships, broken = ctx.store.load_all()
    view = NetworkView(wants=ctx.store.load_network().wants, problems=[str(b) for b in broken])
    covered: dict[str, tuple[str, list[str]]] = {}  # lower-cased area -> (shown name, slugs)
    for relationship in relationships:
        member = Member(
            slug=relationship.slug,
            partner=relationship.partner,
            my_role=relationship.role,
            status=relationship.status,
            areas=relationship.areas,
            last_contact=_last_contact(ctx, relationship, view.problems),
        )
        getattr(view, GROUP[relationship.role]).append(member)
        # Coverage is what your network gives you: your mentors and peers, not your mentees.
        if relationship.status is Status.active and relationship.role is not Role.mentor:
            for area in relationship.areas:
                covered.setdefault(area.lower(), (area, []))[1].append(relationship.slug)
    view.coverage = [Coverage(area=shown, slugs=slugs) for shown, slugs in sorted(covered.values())]
    view.gaps = [want for want in view.wants if want.lower() not in covered]
    view.single = [c.area for c in view.coverage if len(c.slugs) == 1]
    return view


def _clean(areas: list[str]) -> list[str]:
    cleaned = [" ".join(a.split()) for a in areas if a.strip()]
    if not cleaned:
        raise InvalidInput(
            "name at least one area", "e.g. mentorlog network want 'public speaking'"
        )
    return cleaned


@operation("network want")
def want(ctx: Context, areas: list[str]) -> NetworkView:
    """Record areas you want your network to cover (case-insensitive, no duplicates)."""
    new = _clean(areas)
    with ctx.store.writing("home"):
        network_file = ctx.store.load_network()
        for area in new:
            if area.lower() not in (w.lower() for w in network_file.wants):
                network_file.wants.append(area)
        ctx.store.save_network(network_file)
    return network(ctx)


@operation("network unwant")
def unwant(ctx: Context, areas: list[str]) -> NetworkView:
    drop = {a.lower() for a in _clean(areas)}
    with ctx.store.writing("home"):
        network_file = ctx.store.load_network()
        unknown = drop - {w.lower() for w in network_file.wants}
        if unknown:
            raise InvalidInput(
                f"not among the areas you want: {', '.join(sorted(unknown))}",
                "see `mentorlog network`",
            )
        network_file.wants = [w for w in network_file.wants if w.lower() not in drop]
        ctx.store.save_network(network_file)
    return network(ctx)


def as_markdown(view: NetworkView) -> str:
    lines = ["# My mentoring network", ""]
    for title, members in (("Mentors", view.mentors), ("Mentees", view.mentees),
                           ("Peers", view.peers)):  # fmt: skip
        if not members:
            continue
        lines += [f"## {title}", ""]
        for m in members:
            areas = f" ({', '.join(inline(a) for a in m.areas)})" if m.areas else ""
            contact = f", last contact {m.last_contact}" if m.last_contact else ""
            lines.append(f"- {inline(m.partner)}{areas}: {m.status.value}{contact}")
        lines.append("")
    if view.wants:
        lines += ["## Areas I want covered", ""]
        lines += [f"- {inline(w)}{' (gap)' if w in view.gaps else ''}" for w in view.wants]
        lines.append("")
    if view.single:
        lines += ["## Covered by one person only", ""]
        lines += [f"- {inline(area)}" for area in view.single]
        lines.append("")
    return "\n".join(lines)
