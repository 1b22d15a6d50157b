"""`export --format markdown`: a document to read, of one relationship or of them all.

Made from an `ExportFile` (core/export.py), so `--shared` has already left out what is
private. The person's own Markdown (recaps, an edited agreement, reflections) is kept as
written, its headings moved down so they sit under the document's own.
"""

from __future__ import annotations

import re

from mentorlog.core.agreement import PARTNER_ROLE, compose
from mentorlog.core.export import ExportFile, RelationshipExport
from mentorlog.core.markdown import block, inline, sentence
from mentorlog.core.models import Action, ActionStatus, Goal, Recap, Reflection, Status

_HEADING = re.compile(r"^(#{1,6})(?=\s)", re.MULTILINE)
_FENCE = re.compile(r"^\s*(```|~~~)")


def demote(text: str, under: int) -> str:
    """`text` with its headings moved so the shallowest sits just under a heading of
    level `under` (at most `######`); fenced code is left alone."""
    found = [len(m.group(1)) for m in _HEADING.finditer(_unfenced(text))]
    shift = max(0, under + 1 - min(found)) if found else 0
    out, fenced = [], False
    for line in text.splitlines():
        if _FENCE.match(line):
            fenced = not fenced
        elif not fenced and shift:
            line = _HEADING.sub(lambda m: "#" * min(6, len(m.group(1)) + shift), line)
        out.append(line)
    return "\n".join(out)


def _unfenced(text: str) -> str:
    out, fenced = [], False
    for line in text.splitlines():
        if _FENCE.match(line):
            fenced = not fenced
        elif not fenced:
            out.append(line)
    return "\n".join(out)


def render(data: ExportFile) -> str:
    """The whole export as one Markdown document."""
    alone = len(data.relationships) == 1 and not data.reflections and not data.journey
    lines: list[str] = [] if alone else ["# Mentoring journal", ""]
    level = 1 if alone else 2
    for each in data.relationships:
        lines += relationship_section(each, level)
    if data.reflections:
        lines += ["## Reflections", ""]
        for reflection in data.reflections:
            lines += reflection_section(reflection, 3)
    if data.journey:
        lines += ["## Journey", ""]
        for m in data.journey:
            why = f": {inline(m.why)}" if m.why else ""
            lines.append(f"- {m.date.isoformat()} **{inline(m.title)}**{why}")
        lines.append("")
    lines.append(f"_Exported from mentorlog on {data.exported.isoformat()}._")
    return "\n".join(lines) + "\n"


def relationship_section(each: RelationshipExport, level: int) -> list[str]:
    """A relationship under a heading of `level`: the overview, every session, then the
    check-ins and the closing reflection (a `--shared` export has neither)."""
    lines = [f"{'#' * level} {inline(each.relationship.partner)}", "", *overview(each, level)]
    lines += [f"{'#' * (level + 1)} Sessions", ""]
    for recap in each.recaps:
        lines += recap_section(recap, level + 2)
    if not each.recaps:
        lines += [NONE, ""]
    return lines + _checkins(each, level + 1) + _closing(each, level + 1)


def _answers(heading: str, pairs: list[tuple[str, str]]) -> list[str]:
    """A section of a walk's answers, each under its question's short name; none if empty."""
    given = [(label, text) for label, text in pairs if text.strip()]
    if not given:
        return []
    lines = [heading, ""]
    for label, text in given:
        lines += [f"**{label}**", "", block(text), ""]
    return lines


def _acquainted(each: RelationshipExport, sub: str) -> list[str]:
    r, d = each.relationship.rapport, each.relationship.direction
    lines = _answers(f"{sub} Getting acquainted",
                     [("Background", r.background), ("In common", r.common_ground)])  # fmt: skip
    return lines + _answers(
        f"{sub} Direction",
        [("The vision", d.aspirations), ("Where things stand", d.current),
         ("Strengths", d.strengths), ("To grow in", d.growth),
         ("Working and leadership style", d.style), ("How this relationship helps", d.support)],
    )  # fmt: skip


def _checkins(each: RelationshipExport, level: int) -> list[str]:
    if not each.checkins:
        return []
    from mentorlog.core.health import LABELS

    lines = [f"{'#' * level} Check-ins", ""]
    for checkin in each.checkins:
        rated = ", ".join(f"{LABELS[q]} {n}" for q, n in checkin.ratings.items())
        lines.append(f"- {checkin.date.isoformat()}: {rated}")
        lines += [f"  - {LABELS[q]}: {inline(note)}" for q, note in checkin.notes.items() if note]
    return [*lines, ""]


def _closing(each: RelationshipExport, level: int) -> list[str]:
    closing = each.relationship.closing
    if closing is None:
        return []
    return _answers(
        f"{'#' * level} Closing, {closing.date.isoformat()}",
        [("What we achieved", closing.achieved), ("What I learned", closing.learned),
         ("What I would do differently", closing.differently), ("Thanks", closing.thanks)],
    )  # fmt: skip


def overview(each: RelationshipExport, level: int) -> list[str]:
    """Who, since when and how; the agreement, goals and commitments (under `level`)."""
    r = each.relationship
    sub = "#" * (level + 1)
    partner = inline(r.partner)
    now = (
        "closed" if r.status is Status.closed else f"{r.status.value}, in the {r.phase.value} phase"
    )
    lines = [
        f"I am the {r.role.value}; {partner} is my {PARTNER_ROLE[r.role].value}. "
        f"Started {r.started.isoformat()}; {now}.",
        "",
    ]
    facts = [("Purpose", r.purpose), ("Context", r.context), ("Cadence", r.cadence or "")]
    facts += [("Channel", r.channel), ("Areas", ", ".join(r.areas))]
    listed = [f"- {name}: {inline(value)}" for name, value in facts if value]
    lines += [*listed, ""] if listed else []
    lines += _acquainted(each, sub)
    lines += [f"{sub} Agreement", "", _agreement(each, level + 1), ""]
    lines += [f"{sub} Goals", "", *_or_none([_goal(g) for g in each.goals]), ""]
    lines += [f"{sub} Commitments", "", *_or_none([_action(a) for a in each.commitments]), ""]
    return lines


NONE = "_None yet._"


def _or_none(items: list[str]) -> list[str]:
    return items or [NONE]


def _agreement(each: RelationshipExport, level: int) -> str:
    stored = each.agreement
    agreed = stored.agreed if stored else None
    text = stored.body if stored and stored.body else compose(each.relationship, each.goals, agreed)
    lines = text.strip().splitlines()
    if lines and lines[0].startswith("# "):  # its own title: the section heading says it
        lines = lines[1:]
    return demote("\n".join(lines).strip(), level)


def _goal(goal: Goal) -> str:
    target = f", target {goal.target.isoformat()}" if goal.target else ""
    why = f" Why: {sentence(goal.why)}" if goal.why else ""
    success = f" Success: {sentence(goal.success)}" if goal.success else ""
    state = f"{goal.progress}%, {goal.status.value}"
    return f"- **{inline(goal.title)}** ({state}{target}).{why}{success}"


def _action(action: Action) -> str:
    """A task-list line: open `[ ]`, done `[x]`, dropped struck through and said so."""
    due = f", due {action.due.isoformat()}" if action.due else ""
    if action.status is ActionStatus.dropped:
        return f"- [x] ~~{inline(action.text)}~~ ({action.owner.value}{due}, dropped)"
    box = "[x]" if action.status is ActionStatus.done else "[ ]"
    return f"- {box} {inline(action.text)} ({action.owner.value}{due})"


def recap_section(recap: Recap, level: int) -> list[str]:
    """A session under a heading of `level`: its title (or date) and length."""
    minutes = f" ({recap.minutes} min)" if recap.minutes else ""
    name = inline(recap.title) if recap.title else recap.date.isoformat()
    return [f"{'#' * level} {name}{minutes}", "", *recap_text(recap, level)]


def recap_text(recap: Recap, level: int) -> list[str]:
    """What was said (its headings under `level`), taken away, decided, and when next."""
    lines: list[str] = []
    if recap.body:
        lines += [demote(recap.body, level), ""]
    for name, items in (("Takeaways", recap.takeaways), ("Decisions", recap.decisions)):
        if items:
            lines += [f"{name}:", ""] + [f"- {inline(item)}" for item in items] + [""]
    if recap.next:
        lines += [f"Next meeting: {recap.next.isoformat()}.", ""]
    return lines


def reflection_section(reflection: Reflection, level: int) -> list[str]:
    about = f", about {inline(reflection.relationship)}" if reflection.relationship else ""
    name = inline(reflection.title or reflection.set)
    heading = f"{'#' * level} {reflection.date.isoformat()}: {name}{about}"
    return [heading, "", *reflection_text(reflection, level)]


def reflection_text(reflection: Reflection, level: int) -> list[str]:
    """Each question and its answer, then the free notes (headings under `level`)."""
    lines: list[str] = []
    for entry in reflection.entries:
        lines += [f"**{inline(entry.question)}**", "", block(entry.answer) or "_Skipped._", ""]
    if reflection.body:
        lines += [demote(reflection.body, level), ""]
    return lines
