"""Reflection: guided questions answered in the terminal and kept as Markdown."""

from __future__ import annotations

import re
from datetime import date, timedelta

from pydantic import BaseModel, Field

from mentorlog.core import entries
from mentorlog.core.context import Context
from mentorlog.core.errors import BrokenFile, InvalidInput
from mentorlog.core.models import Entry, Phase, Reflection, Status
from mentorlog.core.prompts import PromptSets, PromptSetView
from mentorlog.core.schedule import next_meeting
from mentorlog.core.txn import operation

RECENT = timedelta(days=2)
CHECK_EVERY = timedelta(days=90)


class Suggestion(BaseModel):
    set: str
    reason: str | None  # null when nothing in particular points to it


def _reflections(ctx: Context) -> list[Reflection]:
    found = []
    for path in ctx.store.reflection_paths():
        try:
            found.append(ctx.store.load_reflection(path))
        except BrokenFile:
            continue  # `journal` reports it; a suggestion can do without it
    return found


def _last(reflections: list[Reflection], set_name: str, slug: str | None = None) -> date | None:
    dates = [
        r.date
        for r in reflections
        if r.set == set_name and (slug is None or r.relationship == slug)
    ]
    return max(dates, default=None)


def suggest(ctx: Context, slug: str | None, sets: PromptSets) -> Suggestion:
    """The set that fits this moment, and why; only sets that exist are suggested."""
    names = {s.name for s in sets.sets}
    reflections = _reflections(ctx)
    today = ctx.today
    candidates: list[Suggestion] = []
    if slug:
        relationship = ctx.store.load(slug)
        slug = relationship.slug
        latest = ctx.store.latest_recap_or_none(slug)
        upcoming = next_meeting(relationship, latest)
        last_check = max(
            [d for d in (_last(reflections, "qualities", slug),) if d]
            + ctx.store.checkin_dates(slug),
            default=None,
        )
        closing = relationship.closing
        reflected = closing is not None and any(closing.model_dump(exclude={"date"}).values())
        if (
            relationship.status is Status.closed
            and not reflected
            and not _last(reflections, "closing", slug)
        ):
            candidates.append(
                Suggestion(set="closing", reason="it is closed, and what it taught you counts")
            )
        still_on = relationship.status is not Status.closed
        if still_on and latest and today - latest.date <= RECENT:
            done = _last(reflections, "after-session", slug)
            if not done or done < latest.date:
                when = "today" if latest.date == today else f"on {latest.date}"
                candidates.append(
                    Suggestion(set="after-session", reason=f"you met {when} and it is still fresh")
                )
        if still_on and upcoming and timedelta(0) <= upcoming - today <= RECENT:
            candidates.append(
                Suggestion(set="before-session", reason=f"you meet again on {upcoming}")
            )
        if still_on and relationship.phase is Phase.rapport:
            candidates.append(
                Suggestion(
                    set="learning-about-each-other",
                    reason="you are still getting to know each other",
                )
            )
        if still_on and (
            (last_check is None and today - relationship.started >= CHECK_EVERY)
            or (last_check is not None and today - last_check >= CHECK_EVERY)
        ):
            since = f"since {last_check}" if last_check else "yet"
            candidates.append(
                Suggestion(
                    set="qualities", reason=f"there has been no check-in on how it is going {since}"
                )
            )
    else:
        if not _last(reflections, "network"):
            candidates.append(
                Suggestion(
                    set="network",
                    reason="it is a good start: what you want from mentoring, where the gaps are",
                )
            )
        for relationship in ctx.store.load_all()[0]:
            if relationship.status is Status.closed:
                continue
            latest = ctx.store.latest_recap_or_none(relationship.slug)
            done = _last(reflections, "after-session", relationship.slug)
            if latest and today - latest.date <= RECENT and (not done or done < latest.date):
                candidates.append(
                    Suggestion(
                        set="after-session",
                        reason=f"you met {relationship.partner} on {latest.date} (to link the "
                        f"reflection to them: mentorlog reflect {relationship.slug})",
                    )
                )
        last_journey = _last(reflections, "journey")
        if not last_journey or today - last_journey > timedelta(days=365):
            candidates.append(
                Suggestion(set="journey", reason="the path that brought you here is worth a look")
            )
    candidates.append(
        Suggestion(set="gratitude", reason="five minutes of gratitude is never wasted")
    )
    for candidate in candidates:
        if candidate.set in names:
            return candidate
    return Suggestion(set=sorted(names)[0], reason=None)


@operation("reflect")
def reflect(
    ctx: Context,
    prompt_set: PromptSetView,
    answers: list[str],
    slug: str | None = None,
    notes: str = "",
    day: date | None = None,
) -> Reflection:
    """Save the answers to a set's questions (in order; missing ones are skipped)."""
    if len(answers) > len(prompt_set.questions):
        raise InvalidInput(
            f"{len(answers)} answers for {len(prompt_set.questions)} questions in "
            f"'{prompt_set.name}'",
            "one --answer per question, in order; an empty one skips",
        )
    if slug:
        slug = ctx.store.load(slug).slug  # an old slug typed: the one it has now
    if not any(a.strip() for a in answers) and not notes.strip():
        raise InvalidInput("every answer is empty, so nothing was saved")
    padded = answers + [""] * (len(prompt_set.questions) - len(answers))
    reflection = Reflection(
        date=day or ctx.today,
        set=prompt_set.name,
        title=prompt_set.title,
        relationship=slug or "",
        entries=[
            Entry(question=q.text, answer=a)
            for q, a in zip(prompt_set.questions, padded, strict=True)
        ],
        body=notes,
    )
    return ctx.store.save_reflection(reflection)


def edit_template(prompt_set: PromptSetView) -> str:
    lines = [f"<!-- {prompt_set.title}: write under each question; leave any empty. -->", ""]
    for question in prompt_set.questions:
        lines += [f"## {question.text}", "", ""]
    return "\n".join(lines)


def parse_edited(text: str, prompt_set: PromptSetView) -> tuple[list[str], str]:
    """Split editor text into answers (under each question's heading) and free notes.

    Nothing is dropped: text before the first question, under a heading that is not one
    of the questions, or repeated, is kept in the notes verbatim.
    """
    wanted = {f"## {q.text}": index for index, q in enumerate(prompt_set.questions)}
    answers: list[list[str]] = [[] for _ in prompt_set.questions]
    notes: list[str] = []
    current: list[str] = notes
    seen: set[int] = set()
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("<!--") and stripped.endswith("-->") and "write under" in line:
            continue
        index = wanted.get(stripped)
        if index is not None and index not in seen:
            seen.add(index)
            current = answers[index]
            continue
        if stripped.startswith("## "):
            current = notes
        current.append(line)
    return [_without_blank_edges(lines) for lines in answers], "\n".join(notes).strip()


def _without_blank_edges(lines: list[str]) -> str:
    """An answer from the editor: its lines, less the blank ones around it (the
    template's spacing); indents and the text inside are kept as written."""
    return re.sub(r"\A(?:[ \t]*\n)+|(?:\n[ \t]*)+\Z", "", "\n".join(lines))


class ReflectionSummary(BaseModel):
    id: str
    short: str = ""  # what listings show and `read` takes: `f7k`, or a v1 name whole
    date: date
    set: str
    title: str
    slug: str | None  # the relationship it is about; null: mentoring in general
    answered: int
    questions: int
    excerpt: str


class Journal(BaseModel):
    reflections: list[ReflectionSummary] = Field(default_factory=list)
    problems: list[str] = Field(default_factory=list)


def journal(
    ctx: Context, slug: str | None = None, set_name: str | None = None, since: date | None = None
) -> Journal:
    if slug:
        slug = ctx.store.load(slug).slug  # reflections show the slug it has now
    result = Journal()
    for path in ctx.store.reflection_paths():
        try:
            reflection = ctx.store.load_reflection(path)
        except BrokenFile as problem:
            result.problems.append(str(problem))
            continue
        if slug and reflection.relationship != slug:
            continue
        if set_name and reflection.set.casefold() != set_name.casefold():
            continue
        if since and reflection.date < since:
            continue
        answered = [e.answer for e in reflection.entries if e.answer]
        excerpt = (answered[0] if answered else reflection.body).split("\n")[0]
        result.reflections.append(
            ReflectionSummary(
                id=reflection.id,
                date=reflection.date,
                set=reflection.set,
                title=reflection.title,
                slug=reflection.relationship or None,
                answered=len(answered),
                questions=len(reflection.entries),
                excerpt=excerpt[:80],
            )
        )
    result.reflections.sort(key=lambda r: (r.date, r.id))
    _shorten(ctx, result.reflections)
    return result


def _shorten(ctx: Context, summaries: list[ReflectionSummary]) -> None:
    """Each reflection's id as listings show it and `read` takes it (`f7k`; a v1 name
    whole), so the journal never shows an id cut to fit."""
    every = ctx.store.entry_files()
    shown = entries.Shown(every)
    files = {f.stem: f for f in every if f.kind == "reflection"}
    for summary in summaries:
        summary.short = shown(files[summary.id]) if summary.id in files else summary.id
