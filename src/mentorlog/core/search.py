"""`mentorlog search` and `reindex`: everything people wrote, found by its words.

The index (core/index.py) answers when it can; when it cannot (no FTS5, a cache that
cannot be written), the same question is asked of the files themselves (a scan), with
a note saying so. Both give the same documents for the same query
(tests/test_search.py checks it).
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field

from mentorlog.core import documents, ids, query
from mentorlog.core.context import Context
from mentorlog.core.documents import Document, Kind
from mentorlog.core.errors import BrokenFile, MentorlogError
from mentorlog.core.index import Filters, Found, Index, Unavailable
from mentorlog.core.query import MARK_END, MARK_START, Term

RESULT_VERSION = 1


class Hit(BaseModel):
    """One document found. `snippet` is plain text around the match: each matched word
    is between `**` (as Markdown bold), and `…` stands where text was left out."""

    id: str
    short: str  # what to type: `mentorlog read SHORT` (a goal's or commitment's short id)
    kind: Kind
    slug: str | None  # null for a reflection about mentoring in general
    date: date | None
    snippet: str
    path: str
    marked: list[tuple[str, bool]] = Field(default_factory=list, exclude=True)  # for a view


class SearchResult(BaseModel):
    version: int = RESULT_VERSION
    query: str
    hits: list[Hit] = Field(default_factory=list)
    total: int = 0  # how many matched; `hits` holds the first --limit of them
    how: Literal["index", "scan"] = "index"
    note: str = ""  # why the files were read directly, if they were
    problems: list[str] = Field(default_factory=list)  # files that could not be read


class ReindexResult(BaseModel):
    version: int = RESULT_VERSION
    documents: int
    files: int
    seconds: float
    path: str
    problems: list[str] = Field(default_factory=list)


@dataclass(frozen=True)
class Request:
    text: str
    filters: Filters
    limit: int


def search(
    ctx: Context, request: Request, announce: Callable[[int], None] | None = None
) -> SearchResult:
    """What `request` finds; `announce` is told how many files the index must read
    first, when they are many (a first search on years of notes)."""
    terms = query.parse(request.text)
    result = SearchResult(query=request.text)
    try:
        with Index.opened(ctx.store) as index:
            result.problems = index.refresh(announce).problems
            found, result.total = index.search(terms, request.filters, request.limit)
            others = index.neighbours([_key(item) for item in found if _key(item)])
    except Unavailable as why:
        result.how, result.note = "scan", f"{why}; searched the files directly"
        every, result.problems = scan(ctx, terms, request.filters)
        found, result.total = every.found[: request.limit], len(every.found)
        others = every.keys
    shortener = ids.Shortener(others)
    result.hits = [_hit(item, shortener) for item in found]
    return result


def _key(item: Found) -> str:
    return documents.short_key(item.document.kind, item.document.id)


def relationship_key(ctx: Context, typed: str) -> str:
    """The slug documents carry for the relationship `typed` names (by its slug, an old
    slug or its folder); NotFound if there is none."""
    ctx.store.load(typed)
    return ctx.store.slug_of(ctx.store.folder(typed))


def reindex(ctx: Context, announce: Callable[[int], None] | None = None) -> ReindexResult:
    """Build the index again from the files (MentorlogError if it cannot be written)."""
    started = time.perf_counter()
    try:
        with Index.opened(ctx.store, rebuild=True) as index:
            problems = index.refresh(announce).problems
            docs, files = index.count()
            path = index.path
    except Unavailable as why:
        raise MentorlogError(str(why), "search still works: it reads the files instead") from None
    seconds = round(time.perf_counter() - started, 3)
    return ReindexResult(
        documents=docs, files=files, seconds=seconds, path=str(path), problems=problems
    )


@dataclass
class Scanned:
    found: list[Found]
    keys: set[str]  # every document's short key, for short forms unique among all


def scan(ctx: Context, terms: list[Term], filters: Filters) -> tuple[Scanned, list[str]]:
    """Without the index: read every file, keep the documents matching every term, best
    first (more matches), then newest first; and the files that could not be read."""
    listed, broken = ctx.store.text_files()
    problems = [str(problem) for problem in broken]
    every: list[Document] = []
    for kind, slug, path in listed:
        try:
            every += documents.read(ctx.store, kind, slug, Path(path))
        except BrokenFile as problem:
            problems.append(str(problem))
    ranked = [
        (query.score([doc.title, doc.text], terms), doc)
        for doc in every
        if _passes(doc, filters) and query.matches([doc.title, doc.text], terms)
    ]
    ranked.sort(key=lambda pair: pair[1].id)
    ranked.sort(key=lambda pair: pair[1].date, reverse=True)
    ranked.sort(key=lambda pair: pair[0], reverse=True)  # stable: best, then newest
    found = [Found(doc, query.snippet([doc.title, doc.text], terms)) for _, doc in ranked]
    keys = {documents.short_key(doc.kind, doc.id) for doc in every} - {""}
    return Scanned(found, keys), sorted(problems)


def _passes(doc: Document, filters: Filters) -> bool:
    return (
        (filters.kind is None or doc.kind == filters.kind)
        and (filters.slug is None or doc.slug == filters.slug)
        and (filters.since is None or doc.date >= filters.since)
    )


def _short(doc: Document, shortener: ids.Shortener) -> str:
    """What `mentorlog read` takes for a recap, check-in or reflection (its random id's
    short form; `slug/<name>` for an old recap or check-in, an old reflection's id); a
    goal's or commitment's short id; the relationship's slug for an agreement."""
    key = documents.short_key(doc.kind, doc.id)
    if key:
        return shortener(key)
    if doc.kind in ("agreement", "relationship"):
        return doc.slug
    return f"{doc.slug}/{doc.id}" if doc.kind in ("recap", "checkin") else doc.id


def _hit(item: Found, shortener: ids.Shortener) -> Hit:
    doc = item.document
    flat = _flat(item.snippet)
    return Hit(
        id=doc.id,
        short=_short(doc, shortener),
        kind=doc.kind,
        slug=doc.slug or None,
        date=date.fromisoformat(doc.date) if doc.date else None,
        snippet=_plain(flat),
        path=str(doc.path),
        marked=_pieces(flat),
    )


def _flat(snippet: str) -> str:
    """A snippet on one line: a paragraph break (between two answers, say) becomes ' · '."""
    paragraphs = re.split(r"\n\s*\n", snippet.strip())
    return " · ".join(" ".join(p.split()) for p in paragraphs if p.strip())


def _plain(snippet: str) -> str:
    """A snippet for JSON: each match between `**`."""
    return snippet.replace(MARK_START, "**").replace(MARK_END, "**")


def _pieces(snippet: str) -> list[tuple[str, bool]]:
    """A snippet as (text, is a match) pieces, for a styled view."""
    out: list[tuple[str, bool]] = []
    for number, part in enumerate(re.split(f"[{MARK_START}{MARK_END}]", snippet)):
        if part:
            out.append((part, number % 2 == 1))
    return out
