"""A journal written by the release before the JSON contract (5f4d899) opens as it was.

The fixture in tests/fixtures/before-json-contract was written by that code: a pairing,
its agreement (no front matter keys but its own), a goal, a recap with a commitment, a
reflection, a check-in and a milestone. This release adds `title` and `date` to
`agreement.md` when it saves it; until then the old file reads unchanged.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.helpers import ok

STORE = Path(__file__).parent / "fixtures" / "before-json-contract"


@pytest.fixture
def previous(home: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("MENTORLOG_TODAY", "2026-03-15")
    shutil.rmtree(home, ignore_errors=True)
    shutil.copytree(STORE, home)
    for path in [home, *home.rglob("*")]:
        os.chmod(path, 0o700 if path.is_dir() else 0o600)
    return home


def test_a_home_from_the_previous_release_is_healthy(previous: Path) -> None:
    report = ok("doctor", "--json").json()
    assert [f for f in report["findings"] if f["needs_attention"]] == []


@pytest.mark.parametrize(
    "words",
    [("show", "ada-lovelace"), ("agreement", "ada-lovelace"), ("recaps",), ("actions",),
     ("goal", "list"), ("journal",), ("health", "ada-lovelace"), ("journey",), ("due",)],
)  # fmt: skip
def test_every_read_opens_it(previous: Path, words: tuple[str, ...]) -> None:
    assert ok(*words, "--json").json() is not None


def test_its_agreement_gains_a_title_and_date_only_when_saved(previous: Path) -> None:
    [agreement] = previous.glob("relationships/*/agreement.md")
    before = agreement.read_bytes()
    ok("agreement", "ada-lovelace")
    assert agreement.read_bytes() == before  # reading writes nothing
    ok("agreement", "ada-lovelace", "--agreed", "2026-03-03", "--no-input")
    text = agreement.read_text()
    assert 'title = "Partnership agreement with Ada Lovelace"' in text and "date = " in text
    # version 2 names the new keys, so the previous release says "newer", not "unknown field"
    assert "schema_version = 2" in text and "schema_version = 1" not in text
    assert ok("agreement", "ada-lovelace", "--json").json()["agreed"] == "2026-03-03"


def test_entries_added_on_its_days_come_after_its_own(previous: Path) -> None:
    """This release draws a new recap's or check-in's id to sort after its day's others;
    the previous release's random names stay, and what is added that day follows them."""
    ok("recap", "ada-lovelace", "--date", "2026-03-08", "--summary", "Later that day",
       "--no-input")  # fmt: skip
    ok("checkin", "ada-lovelace", "--rate", "listening=2", "--no-input")  # 2026-03-15
    recaps = ok("recaps", "ada-lovelace", "--json").json()
    assert recaps[0]["id"] == "2026-03-08-s49eatsn0n1"
    assert recaps[-1]["first_line"] == "Later that day"
    listening = next(
        q for q in ok("health", "ada-lovelace", "--json").json()["qualities"]
        if q["quality"] == "listening"
    )  # fmt: skip
    assert listening["latest"] == 2
    report = ok("doctor", "--json").json()
    assert [f for f in report["findings"] if f["needs_attention"]] == []
