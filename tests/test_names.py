"""Names two machines cannot both choose (store v2): every new recap, check-in,
reflection and trash entry has a random id in its name; v1 names stay valid."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from tests.helpers import fails, new, ok
from tests.store_fixtures import at

ID = r"[0-9a-z]{10}"


def test_new_files_are_named_with_a_random_id(home: Path) -> None:
    new("Ada Lovelace")
    ok("recap", "ada-lovelace", "--summary", "one", "--no-input")
    ok("recap", "ada-lovelace", "--summary", "two", "--no-input")  # the same day: no clash
    ok("checkin", "ada-lovelace", "--rate", "listening=4", "--no-input")
    ok("reflect", "--set", "gratitude", "--answer", "the walk", "--no-input")
    folder = at(home, "relationships/ada-lovelace")
    recaps = sorted(p.name for p in (folder / "recaps").iterdir())
    assert len(recaps) == 2 and all(re.fullmatch(rf"2026-03-15-s{ID}\.md", n) for n in recaps)
    [checkin] = (folder / "checkins").iterdir()
    assert re.fullmatch(rf"2026-03-15-h{ID}\.toml", checkin.name)
    [reflection] = (home / "reflections").glob("*.md")
    assert re.fullmatch(rf"2026-03-15-gratitude-f{ID}\.md", reflection.name)
    log = ok("log", "ada-lovelace", "--json").json()
    assert [e["id"] for e in log if e["event"] == "meeting"] == [n[:-3] for n in recaps]


def test_a_date_names_the_days_only_file(home: Path) -> None:
    new("Ada Lovelace")
    ok("recap", "ada-lovelace", "--summary", "one", "--no-input")
    ok("reflect", "--set", "gratitude", "--answer", "the walk", "--no-input")
    assert ok("read", "2026-03-15-gratitude", "--json").json()["entries"][0]["answer"]
    entry = ok("delete", "recap", "ada-lovelace/2026-03-15", "--yes", "--json").json()
    assert re.fullmatch(rf"\d{{8}}T\d{{6}}Z-recap-ada-lovelace-2026-03-15-t{ID}", entry["id"])
    ok("restore", "ada-lovelace/2026-03-15", "--no-input")  # by what was deleted
    ok("recap", "ada-lovelace", "--summary", "two", "--no-input")
    run = fails("delete", "recap", "ada-lovelace/2026-03-15", "--yes", code=2)
    assert "more than one recap on 2026-03-15" in run.stderr
    first = sorted((at(home, "relationships/ada-lovelace") / "recaps").iterdir())[0].stem
    ok("delete", "recap", f"ada-lovelace/{first}", "--yes")


def test_v1_names_stay_valid_and_come_first_in_their_day(home: Path) -> None:
    new("Ada Lovelace", "--started", "2026-01-01")
    ok("recap", "ada-lovelace", "--date", "2026-03-01", "--summary", "new", "--no-input")
    recaps = at(home, "relationships/ada-lovelace") / "recaps"
    [made] = recaps.iterdir()
    shutil.copy(made, recaps / "2026-03-01.md")
    (recaps / "2026-03-01.md").write_text(made.read_text().replace("new", "old v1"))
    log = ok("log", "ada-lovelace", "--json").json()
    assert [e["id"] for e in log if e["event"] == "meeting"] == ["2026-03-01", made.stem]
    ok("delete", "recap", "ada-lovelace/2026-03-01", "--yes")  # the exact id: the v1 file
    assert sorted(p.name for p in recaps.iterdir()) == [made.name]
