"""What a search asks for, read the same way by the index (SQLite FTS5) and by a scan.

Any text is a literal search: words are matched as words, whatever they are (`AND`,
`"unbalanced`, `*`, `NEAR(`), with two exceptions people expect: "two words" in double
quotes is a phrase, and a trailing `*` makes a prefix (`mentor*`). Every term must match
(several words = all of them). Words are compared folded: lower case, accents removed
(`zoe` finds Zoë), as SQLite's `unicode61 remove_diacritics 2` tokenizer does.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from mentorlog.core.errors import InvalidInput

_TOKEN = re.compile(r"[^\W_]+")
_PART = re.compile(r'"([^"]*)"(\*?)|(\S+)')
# Where a match starts and ends in a snippet: private-use characters, never typed.
MARK_START = "\ue000"
MARK_END = "\ue001"
ELLIPSIS = "…"
SNIPPET_TOKENS = 12


@dataclass(frozen=True)
class Term:
    """Folded words that must follow each other (one word, or a phrase), the last one
    perhaps only a prefix."""

    words: tuple[str, ...]
    prefix: bool = False


def fold(word: str) -> str:
    """A word as the index keeps it: lower case, without accents."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words(text: str) -> list[str]:
    return [fold(match) for match in _TOKEN.findall(unicodedata.normalize("NFC", text))]


def parse(query: str) -> list[Term]:
    """The terms of what was typed; InvalidInput if it holds no word at all."""
    terms: list[Term] = []
    for match in _PART.finditer(query):
        phrase, star, plain = match.groups()
        if plain is not None:
            star = "*" if plain.endswith("*") else ""
            phrase = plain.rstrip("*")
        found = tuple(words(phrase))
        if found:
            terms.append(Term(found, prefix=bool(star)))
    if not terms:
        raise InvalidInput(
            f"'{query}' has no words to search for", 'try a word, a "phrase" or a prefix*'
        )
    return terms


def fts5(terms: list[Term]) -> str:
    """The FTS5 query for these terms: each a quoted phrase (words are letters and
    digits only, so nothing in them is FTS5 syntax), `*` after a prefix."""
    return " ".join(f'"{" ".join(term.words)}"' + ("*" if term.prefix else "") for term in terms)


# -- the scan: the same question asked of text in Python ---------------------------------
def _at(tokens: list[str], start: int, term: Term) -> bool:
    if start + len(term.words) > len(tokens):
        return False
    last = len(term.words) - 1
    for offset, word in enumerate(term.words):
        token = tokens[start + offset]
        if not (token == word or (term.prefix and offset == last and token.startswith(word))):
            return False
    return True


def hits(tokens: list[str], term: Term) -> list[range]:
    """Where `term` occurs in a column's tokens, as ranges of token positions."""
    size = len(term.words)
    return [range(i, i + size) for i in range(len(tokens)) if _at(tokens, i, term)]


def matches(columns: list[str], terms: list[Term]) -> bool:
    """Whether every term occurs in one of the columns (as FTS5 matches a row)."""
    tokenized = [words(column) for column in columns]
    return all(any(hits(tokens, term) for tokens in tokenized) for term in terms)


def score(columns: list[str], terms: list[Term]) -> int:
    tokenized = [words(column) for column in columns]
    return sum(len(hits(tokens, term)) for tokens in tokenized for term in terms)


def snippet(columns: list[str], terms: list[Term]) -> str:
    """A few words around the first match, matches marked (as FTS5's snippet())."""
    for column in columns:
        text = unicodedata.normalize("NFC", column)
        spans = [m.span() for m in _TOKEN.finditer(text)]
        tokens = [fold(text[a:b]) for a, b in spans]
        found = sorted({i for term in terms for hit in hits(tokens, term) for i in hit})
        if found:
            return _cut(text, spans, set(found), found[0])
    return ""


def _cut(text: str, spans: list[tuple[int, int]], marked: set[int], first: int) -> str:
    start = max(0, min(first - 2, len(spans) - SNIPPET_TOKENS))
    end = min(len(spans), start + SNIPPET_TOKENS)
    out = [ELLIPSIS] if start > 0 else []
    position = spans[start][0]
    for index in range(start, end):
        a, b = spans[index]
        out.append(text[position:a])
        word = text[a:b]
        out.append(f"{MARK_START}{word}{MARK_END}" if index in marked else word)
        position = b
    out.append(text[position:] if end == len(spans) else ELLIPSIS)
    return "".join(out)
