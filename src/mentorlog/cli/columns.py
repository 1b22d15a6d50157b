"""Long listings as lines of columns, laid out once and written as they are.

`recaps` and `journal` list every session and reflection of years: Rich's table measures
and wraps every cell of every row (ten thousand recaps: minutes). Here each column is as
wide as its widest cell, an id or a date is never cut, and the one flexible column (an
excerpt) is cut with an ellipsis to fit the width. Stored text is made `visible` first,
so a control character shows, never acts, and is measured as what shows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.cells import cell_len, set_cell_size
from rich.console import Console

from mentorlog.cli.pager import page_text
from mentorlog.core.visible import visible

GAP = "  "
ELLIPSIS = "…"
MIN_FLEXIBLE = 8
STYLES = {"": ("", ""), "bold": ("\x1b[1m", "\x1b[0m"), "dim": ("\x1b[2m", "\x1b[0m")}


@dataclass(frozen=True)
class Column:
    header: str
    flexible: bool = False  # the one column that gives way to the width
    right: bool = False
    limit: int | None = None  # cut with an ellipsis past this many cells (a long name)


@dataclass(frozen=True)
class Row:
    cells: Sequence[str]
    style: str = ""  # "" or "dim" (a commitment under its session)


NARROW_BELOW = "\u0300"  # Latin letters, accented or not: one cell each (no combining
# marks, no CJK, no emoji); anything else is measured by Rich


def _narrow(text: str) -> bool:
    return text.isascii() or max(text) < NARROW_BELOW


def _width(text: str) -> int:
    return len(text) if _narrow(text) else cell_len(text)


def _cut(text: str, width: int) -> str:
    if _narrow(text):
        return text if len(text) <= width else text[: max(width - 1, 0)] + ELLIPSIS
    if cell_len(text) <= width:
        return text
    return set_cell_size(text, max(width - 1, 0)) + ELLIPSIS if width > 0 else ""


def _pad(text: str, width: int, right: bool) -> str:
    space = " " * (width - _width(text))
    return space + text if right else text + space


def lay_out(columns: Sequence[Column], rows: Sequence[Row], width: int) -> list[tuple[str, str]]:
    """Each line of the listing (the header first) with its style."""
    cells = [[" ".join(visible(cell).split()) for cell in row.cells] for row in rows]
    widths = []
    for index, column in enumerate(columns):
        widest = max([_width(column.header), *(_width(line[index]) for line in cells)])
        widths.append(min(widest, column.limit) if column.limit else widest)
    fixed = sum(w for w, c in zip(widths, columns, strict=True) if not c.flexible)
    room = max(width - fixed - len(GAP) * (len(columns) - 1), MIN_FLEXIBLE)
    widths = [min(w, room) if c.flexible else w for w, c in zip(widths, columns, strict=True)]
    header = [column.header for column in columns]
    lines = [(_line(columns, widths, header), "bold")]
    for line, row in zip(cells, rows, strict=True):
        lines.append((_line(columns, widths, line), row.style))
    return lines


def _line(columns: Sequence[Column], widths: list[int], cells: Sequence[str]) -> str:
    parts = []
    for column, width, cell in zip(columns, widths, cells, strict=True):
        parts.append(_pad(_cut(cell, width), width, column.right))
    return GAP.join(parts).rstrip()


def print_columns(
    console: Console,
    columns: Sequence[Column],
    rows: Sequence[Row],
    pager: bool = True,
    configured: str | None = None,
) -> None:
    """The listing on `console`: styled on a colour terminal, through the pager if long
    (`configured`: config.toml's `pager`)."""
    lines = lay_out(columns, rows, console.width)
    color = console.is_terminal and console.color_system is not None and not console.no_color
    if color:
        text = "".join(f"{STYLES[s][0]}{line}{STYLES[s][1]}\n" for line, s in lines)
    else:
        text = "".join(f"{line}\n" for line, _ in lines)
    page_text(console, text, pager, configured)
