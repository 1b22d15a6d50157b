"""Putting a person's text into a Markdown document without letting it change the
document's structure.

A partner called `R. *Star* <dev>` must read as that name, not as emphasis and an HTML
tag; a purpose whose second line starts with `# ` must not become a heading. CommonMark
lets any ASCII punctuation be escaped with a backslash, so escaping is always safe;
we escape only the characters that can start markup, to keep the source readable.
"""

from __future__ import annotations

import re

from mentorlog.core.visible import visible

# Characters that open inline markup anywhere in a line: emphasis, code, links,
# images, HTML and autolinks, entities, tables, strikethrough, hard breaks.
_INLINE = re.compile(r"([\\`*_\[\]<>&|~!])")
# What can open a block at the start of a line: headings, quotes, lists, fences,
# thematic breaks, setext underlines, numbered items ("1." or "1)").
_BLOCK_START = re.compile(r"^([#>+=-])|^(\d+)([.)])")


def _opener(match: re.Match[str]) -> str:
    if match.group(1):
        return f"\\{match.group(1)}"
    return f"{match.group(2)}\\{match.group(3)}"


def _line(text: str) -> str:
    return _BLOCK_START.sub(_opener, _INLINE.sub(r"\\\1", visible(text).strip()))


def inline(text: str) -> str:
    """One line of text for a heading, a list item or a sentence: newlines become spaces."""
    return _line(" ".join(part for part in text.splitlines() if part.strip()))


def sentence(text: str) -> str:
    """`inline(text)` ending in one full stop: "a meetup." stays so, never "a meetup.."."""
    line = inline(text).rstrip()
    return line if line.endswith((".", "!", "?", "…", ":")) else f"{line}."


def block(text: str) -> str:
    """Paragraphs: each line escaped on its own; blank lines still separate paragraphs,
    and a line typed on its own stays on its own (a backslash at its end is CommonMark's
    hard line break: "Both climbers" and "Both from small towns" never run together)."""
    lines = [_line(line) for line in text.splitlines()]
    broken = [
        f"{line}\\" if line and index + 1 < len(lines) and lines[index + 1] else line
        for index, line in enumerate(lines)
    ]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(broken)).strip("\n")
