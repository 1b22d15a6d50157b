"""Long listings laid out as lines (cli/columns.py): no id cut, wide characters measured
as they show, stored control characters shown, never obeyed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rich.cells import cell_len

from mentorlog.cli.columns import Column, Row, lay_out
from tests.helpers import ok

COLUMNS = [Column("date"), Column("with", limit=12), Column("id"), Column("summary", flexible=True)]


def shown(rows: list[Row], width: int = 40) -> list[str]:
    return [line for line, _ in lay_out(COLUMNS, rows, width)]


@pytest.mark.parametrize(
    "partner", ["Zoë", "Łukasz Żółć", "王小明", "🙂 Emoji", "e\u0301mile", "Ångström-Featherstone"]
)
def test_every_line_fits_and_the_ids_stay_whole(partner: str) -> None:
    rows = [Row(["2026-03-02", partner, "s7f", "a long summary " * 10]), Row(["", "", "", "+ x"])]
    lines = shown(rows)
    assert all(cell_len(line) <= 40 for line in lines), lines
    assert " s7f " in lines[1] and lines[1].startswith("2026-03-02")
    assert lines[1].endswith("…")
    ids_at = {cell_len(line.split("s7f")[0]) for line in lines if "s7f" in line}
    assert len(ids_at) == 1


def test_a_control_character_in_stored_text_is_shown_not_obeyed() -> None:
    lines = shown([Row(["2026-03-02", "Eve\x1b]0;pwned\x07", "s1", "hi\x1b[2J there"])], 80)
    assert not any("\x1b" in line or "\x07" in line for line in lines)
    assert "␛" in lines[1]


def test_a_narrow_terminal_keeps_a_few_cells_of_the_summary() -> None:
    lines = shown([Row(["2026-03-02", "Ada", "s7fk2", "text that gives way"])], 20)
    assert "s7fk2" in lines[1] and "…" in lines[1]


def test_journal_and_recaps_show_a_wide_name_in_line(home: Path) -> None:
    ok("new-relationship", "王小明", "--slug", "wang", "--role", "mentee", "--no-input")
    ok("recap", "wang", "--summary", "A long talk about the first ninety days " * 3, "--no-input")
    text = ok("recaps").stdout
    assert "王小明" in text and all(cell_len(line) <= 120 for line in text.splitlines())


def test_list_never_cuts_a_slug_at_80_columns(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("Oluwaseun Lovelace-Featherstonehaugh", "Ada Lovelace"):
        ok("new-relationship", name, "--role", "mentee", "--cadence", "weekly", "--no-input")
    monkeypatch.setenv("COLUMNS", "80")
    text = ok("list").stdout
    assert "oluwaseun-lovelace-featherstonehaugh" in text, text
    assert all(len(line) <= 80 for line in text.splitlines())


@pytest.mark.parametrize("width", [80, 94, 95, 96, 100, 120])
def test_list_with_a_long_slug_cuts_no_date_and_keeps_every_count(
    home: Path, monkeypatch: pytest.MonkeyPatch, width: int
) -> None:
    """A new user's report: at 80 columns a long slug cut the dates to `202`, the header
    to `nex`, and pushed out the `open` column; piped output was cut the same way. Columns
    give way whole (started, cadence, then partner: the slug names them), never a date."""
    ok("new-relationship", "Maria Fernanda Rodríguez-Álvarez", "--role", "mentor",
       "--cadence", "monthly", "--no-input")  # fmt: skip
    ok("new-relationship", "Ada Lovelace", "--role", "mentee", "--cadence", "every 3 weeks",
       "--no-input")  # fmt: skip
    ok("recap", "ada-lovelace", "--summary", "x", "--action", "y", "--no-input")
    monkeypatch.setenv("COLUMNS", str(width))
    lines = ok("list").stdout.splitlines()
    assert all(cell_len(line) <= width for line in lines), lines
    header = lines[0].split()
    assert header[-1] == "open" and "next" in header and "last" in header, lines
    ada = next(line for line in lines if line.startswith("ada-lovelace"))
    assert ada.count("2026-") >= 2 and ada.rstrip().endswith("1"), ada
    assert any(line.startswith("maria-fernanda-rodriguez-alvarez ") for line in lines)


def test_list_with_a_very_long_slug_drops_a_date_whole_never_cuts_one(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A new user's report: a 57-character slug at 80 columns cut `next` to `2026-12-2`."""
    slug = "an-extremely-long-slug-for-testing-the-list-column-widths"
    ok("new-relationship", "Bo", "--slug", slug, "--role", "peer", "--cadence", "weekly",
       "--no-input")  # fmt: skip
    monkeypatch.setenv("COLUMNS", "80")
    lines = ok("list").stdout.splitlines()
    row = next(line for line in lines if line.startswith(slug))
    assert re.search(r"\b\d{4}-\d{2}-\d{2}\b", row) and all(len(x) <= 80 for x in lines), lines
