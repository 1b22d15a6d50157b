"""Reading the past back (issue 9, part 1): `recaps` lists every session, `read` reads
any entry by the id a listing shows, `show` ends with the last sessions, and
`recap --edit ID` changes a past recap with the same care as `edit`."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.fixtures.make_v1 import TODAY as V1_TODAY
from tests.helpers import cli, fails, new, ok
from tests.pty import finish, spawn
from tests.test_v1_fixture import copy_fixture

LONG = "We went through the whole story of the conference talk " * 6


def recap(slug: str, day: str, summary: str, *extra: str) -> dict[str, Any]:
    result: dict[str, Any] = ok("recap", slug, "--date", day, "--summary", summary,
                                "--no-input", "--json", *extra).json()  # fmt: skip
    return result


@pytest.fixture
def two(home: Path) -> Path:
    new("Ada Lovelace", "--started", "2026-01-01")
    new("Grace Hopper", "--started", "2026-01-01", "--role", "mentor")
    recap("ada-lovelace", "2026-02-09", "Talked about the CV\nand more", "--action",
          "send the outline @me due:2026-03-01", "--action", "intro to Bob @partner")  # fmt: skip
    recap("grace-hopper", "2026-02-01", "Compilers")
    recap("ada-lovelace", "2026-03-01", LONG)
    return home


def test_recaps_lists_every_session_oldest_first_with_its_commitments(two: Path) -> None:
    sessions = ok("recaps", "--json").json()
    assert [(s["date"], s["slug"]) for s in sessions] == [
        ("2026-02-01", "grace-hopper"),
        ("2026-02-09", "ada-lovelace"),
        ("2026-03-01", "ada-lovelace"),
    ]
    feb = sessions[1]
    assert feb["first_line"] == "Talked about the CV" and feb["partner"] == "Ada Lovelace"
    assert [c["text"] for c in feb["commitments"]] == ["send the outline", "intro to Bob"]
    assert feb["id"].startswith("2026-02-09-s") and feb["id"].startswith(feb["id"][:10])
    assert Path(feb["path"]).is_file() and Path(feb["path"]).stem == feb["id"]
    assert [s["date"] for s in ok("recaps", "ada-lovelace", "--json").json()] == [
        "2026-02-09",
        "2026-03-01",
    ]
    assert len(ok("recaps", "--since", "2026-02-05", "--json").json()) == 2
    text = ok("recaps").stdout
    assert "Talked about the CV" in text and "send the outline" in text
    assert feb["short"] in text
    assert "No sessions match" in ok("recaps", "--since", "2026-04-01").stdout
    fails("recaps", "nobody")


def test_a_listing_never_cuts_an_id_at_80_columns(
    two: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    new("Maximiliana Bartholomew-Featherstonehaugh", "--started", "2026-01-01")
    recap("maximiliana-bartholomew-featherstonehaugh", "2026-03-02", LONG)
    monkeypatch.setenv("COLUMNS", "80")
    sessions = ok("recaps", "--json").json()
    for args in (("recaps",), ("recaps", "ada-lovelace"), ("show", "ada-lovelace")):
        shown = ok(*args).stdout
        assert all(len(line) <= 80 for line in shown.splitlines()), shown
        for session in sessions:
            if len(args) == 1 or session["slug"] == "ada-lovelace":
                assert f" {session['short']} " in shown, (session["short"], shown)
                assert session["date"] in shown
        assert "…" in shown  # the excerpt gave way


def test_read_takes_a_recaps_id_whole_short_or_by_its_day(two: Path) -> None:
    feb = ok("recaps", "ada-lovelace", "--json").json()[0]
    for typed in (feb["id"], feb["short"], feb["short"].upper(), "2026-02-09",
                  "ada-lovelace/2026-02-09", f"ada-lovelace:{feb['short']}"):  # fmt: skip
        read = ok("read", typed, "--json").json()
        assert read["id"] == feb["id"], typed
    assert {key: read[key] for key in ("kind", "slug", "date", "path")} == {
        "kind": "recap",
        "slug": "ada-lovelace",
        "date": "2026-02-09",
        "path": feb["path"],
    }
    assert [c["text"] for c in read["commitments"]] == ["send the outline", "intro to Bob"]
    shown = ok("read", feb["short"]).stdout
    assert "Session with Ada Lovelace" in shown and "Talked about the CV\nand more" in shown
    assert "send the outline" in shown and "\x1b" not in shown  # piped: plain text


def test_read_takes_check_ins_and_reflections_too(two: Path) -> None:
    ok("checkin", "ada-lovelace", "--rate", "listening=4", "--note", "listening=much better",
       "--no-input")  # fmt: skip
    ok("reflect", "--set", "gratitude", "--answer", "my team", "--no-input")
    [checkin] = list(two.rglob("checkins/*.toml"))
    [reflection] = ok("journal", "--json").json()
    shown = ok("read", checkin.stem[-11:-7]).stdout
    assert "Health check-in with Ada Lovelace" in shown and "listening 4/5: much better" in shown
    read = ok("read", reflection["id"][-11:-7], "--json").json()
    assert (read["kind"], read["id"], read["entries"][0]["answer"]) == (
        "reflection",
        reflection["id"],
        "my team",
    )
    assert ok("read", checkin.stem, "--json").json()["kind"] == "checkin"


def test_an_ambiguous_id_is_exit_2_naming_each_candidate(
    two: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MENTORLOG_TODAY", "2026-03-01")
    ok("checkin", "ada-lovelace", "--rate", "listening=4", "--no-input")
    run = fails("read", "2026-03-01", code=2)
    assert "check-in 2026-03-01 with ada-lovelace" in run.stderr
    assert "recap 2026-03-01 with ada-lovelace" in run.stderr
    assert ok("read", "2026-03-01", "--kind", "recap", "--json").json()["kind"] == "recap"
    run = fails("read", "2026-03-0l", code=1)  # a typo: the nearest names
    assert "no reflection, recap or check-in '2026-03-0l'" in run.stderr
    fails("read", "nobody/2026-03-01")
    assert "no reflection" in fails("read", "../../etc/passwd").stderr


def test_show_ends_with_the_last_sessions(two: Path) -> None:
    for day in ("2026-03-03", "2026-03-05", "2026-03-07", "2026-03-09"):
        recap("ada-lovelace", day, f"Session of {day}")
    view = ok("show", "ada-lovelace", "--json").json()
    assert [s["date"] for s in view["recent_sessions"]] == [
        "2026-03-01",
        "2026-03-03",
        "2026-03-05",
        "2026-03-07",
        "2026-03-09",
    ]
    shown = ok("show", "ada-lovelace").stdout
    tail = shown[shown.index("Recent sessions") :]
    assert "Session of 2026-03-09" in tail and "All 6: mentorlog recaps ada-lovelace" in tail
    assert "History" not in tail  # it ends the view


def editor(tmp_path: Path, body: str, name: str = "edit.py") -> str:
    script = tmp_path / name
    script.write_text(f"import sys\nfrom pathlib import Path\npath = Path(sys.argv[1])\n{body}\n")
    return f"{sys.executable} {script}"


def test_recap_edit_changes_a_past_recap_and_keeps_what_it_cannot_save(
    two: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    feb = ok("recaps", "ada-lovelace", "--json").json()[0]
    file = Path(feb["path"])
    good = "path.write_text(path.read_text().replace('Talked about', 'We talked about'))"
    monkeypatch.setenv("EDITOR", editor(tmp_path, good))
    saved = ok("recap", "--edit", feb["short"], "--no-input", "--json").json()
    assert saved["body"].startswith("We talked about the CV") and saved["id"] == feb["id"]
    assert "We talked about the CV" in file.read_text()
    assert ok("recap", "--edit", feb["short"], "--no-input").stderr.strip() == "No changes."

    before = file.read_bytes()
    bad = "path.write_text(path.read_text().replace('= 1\\n', '= 1\\nminutes = 0\\n', 1))"
    monkeypatch.setenv("EDITOR", editor(tmp_path, bad, "bad.py"))
    run = fails("recap", "--edit", feb["id"], "--no-input")
    assert "not saved" in run.stderr and "minutes" in run.stderr and "kept in" in run.stderr
    assert file.read_bytes() == before  # all or nothing
    kept = Path(run.stderr.split("kept in ")[1].rstrip(")\n"))
    assert "minutes = 0" in kept.read_text()

    mend = "path.write_text(path.read_text().replace('minutes = 0', 'minutes = 45'))"
    monkeypatch.setenv("EDITOR", editor(tmp_path, mend, "mend.py"))
    run = ok("recap", "--edit", "2026-02-09", "--no-input")  # the kept text comes back
    assert "Continuing from the text you kept" in run.stderr
    assert ok("read", feb["short"], "--json").json()["minutes"] == 45
    assert not kept.exists()


def test_recap_edit_never_overwrites_a_newer_file(
    two: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    feb = ok("recaps", "ada-lovelace", "--json").json()[0]
    file = Path(feb["path"])
    meanwhile = (  # another machine's change lands while the editor is open
        f"other = Path({str(file)!r})\n"
        "other.write_text(other.read_text().replace('and more', 'and more, synced'))\n"
        "path.write_text(path.read_text().replace('Talked', 'Chatted'))"
    )
    monkeypatch.setenv("EDITOR", editor(tmp_path, meanwhile))
    run = fails("recap", "--edit", feb["short"], "--no-input")
    assert "changed while you were editing" in run.stderr
    assert "and more, synced" in file.read_text() and "Chatted" not in file.read_text()
    drafts = list(file.parent.parent.glob("drafts/recap-*.md"))
    assert len(drafts) == 1 and "Chatted" in drafts[0].read_text()


def test_recap_edit_keeps_its_old_meaning_for_a_relationship(two: Path) -> None:
    ok("recap", "--edit", "ada-lovelace", "--summary", "x", "--no-input")  # a new recap
    assert len(ok("recaps", "ada-lovelace", "--json").json()) == 3
    fails("recap", "--edit", "nobody", "--no-input")
    feb = ok("recaps", "ada-lovelace", "--json").json()[0]
    run = fails("recap", "--edit", feb["short"], "--summary", "x", "--no-input", code=2)
    assert "past recap" in run.stderr


def test_every_past_recap_of_a_v1_journal_is_listed_readable_and_editable(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MENTORLOG_TODAY", V1_TODAY)
    copy_fixture(home)
    ok("migrate", "--no-input")
    sessions = ok("recaps", "--json").json()
    assert len(sessions) == len(list(home.glob("relationships/*/recaps/*.md"))) == 6
    touch = "path.write_text(path.read_text().rstrip() + '\\n\\nRead again.\\n')"
    monkeypatch.setenv("EDITOR", editor(tmp_path, touch))
    for session in sessions:
        read = ok("read", session["short"], "--json").json()
        assert (read["id"], read["slug"]) == (session["id"], session["slug"])
        ok("recap", "--edit", session["short"], "--no-input")
        assert Path(session["path"]).read_text().endswith("Read again.\n")
    assert "2025-10-05" not in [s["short"] for s in sessions]  # two relationships have one
    assert fails("read", "2025-10-05", code=2).stderr.count("(recap 2025-10-05") == 2


# -- the pager -------------------------------------------------------------------------------
@pytest.fixture
def pager(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    script = tmp_path / "pager"
    script.write_text("#!/bin/sh\necho PAGED-BY-THE-PAGER\ncat\n")
    script.chmod(0o700)
    monkeypatch.setenv("PAGER", str(script))


def test_long_output_goes_through_the_pager_on_a_terminal(two: Path, pager: None) -> None:
    tall = "\n\n".join(f"Paragraph {n}." for n in range(60))
    day = recap("ada-lovelace", "2026-03-10", tall)["recap"]["id"]
    child = spawn(two, "read", day)
    child.timeout = 60
    child.expect_exact("PAGED-BY-THE-PAGER")
    child.expect_exact("Paragraph 59.")
    assert finish(child) == 0
    for quiet in ("--no-input", "--json"):
        child = spawn(two, "read", day, quiet)
        child.timeout = 60
        output = child.read()
        assert "PAGED-BY-THE-PAGER" not in output and "Paragraph 59." in output
        assert finish(child) == 0


def test_short_output_and_piped_output_never_page(two: Path, pager: None) -> None:
    child = spawn(two, "recaps")
    child.timeout = 60
    output = child.read()
    assert "PAGED-BY-THE-PAGER" not in output and "Compilers" in output
    assert finish(child) == 0
    env = {**os.environ, "MENTORLOG_HOME": str(two), "COLUMNS": "80"}
    tall = "\n\n".join(f"Paragraph {n}." for n in range(60))
    day = recap("ada-lovelace", "2026-03-10", tall)["recap"]["id"]
    piped = subprocess.run(
        [sys.executable, "-m", "mentorlog", "read", day],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    assert "PAGED-BY-THE-PAGER" not in piped.stdout and "\x1b" not in piped.stdout
    assert "Paragraph 0.\n\nParagraph 1." in piped.stdout  # the words as typed


def test_a_pager_that_cannot_run_still_shows_the_text(
    two: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PAGER", "/nonexistent/pager")
    tall = "\n\n".join(f"Paragraph {n}." for n in range(60))
    day = recap("ada-lovelace", "2026-03-10", tall)["recap"]["id"]
    child = spawn(two, "read", day)
    child.timeout = 60
    child.expect_exact("Paragraph 59.")
    assert finish(child) == 0
    assert cli("read", day).exit_code == 0


def test_recap_edit_without_an_editor_or_a_terminal_says_so(two: Path) -> None:
    feb = ok("recaps", "ada-lovelace", "--json").json()[0]
    run = fails("recap", "--edit", feb["short"], "--no-input", code=2)
    assert "$EDITOR" in run.stderr


def test_recap_edit_at_a_terminal_offers_to_edit_again(
    two: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    feb = ok("recaps", "ada-lovelace", "--json").json()[0]
    before = Path(feb["path"]).read_bytes()
    bad = "path.write_text(path.read_text().replace('= 1\\n', '= 1\\nminutes = 0\\n', 1))"
    monkeypatch.setenv("EDITOR", editor(tmp_path, bad))
    child = spawn(two, "recap", "--edit", feb["short"])
    child.timeout = 60
    child.expect_exact("minutes")
    child.expect_exact("Edit again?")
    child.sendline("n")
    child.expect_exact("your edited text is kept in")
    assert finish(child) == 1
    assert Path(feb["path"]).read_bytes() == before


def test_entries_of_one_day_read_in_the_order_they_were_written(home: Path) -> None:
    """A new user's report: four check-ins of one day came back in their random ids'
    order (latest rating, history and trend wrong), four recaps likewise (`prep`'s
    "Last time" an earlier one). An id minted for a day sorts after that day's others."""
    ok("new-relationship", "Ann Lee", "--role", "mentee", "--no-input")
    for rating in (2, 4, 1, 5, 3):
        ok("checkin", "ann-lee", "--rate", f"listening={rating}", "--no-input")
    (listening,) = [
        q for q in ok("health", "ann-lee", "--json").json()["qualities"]
        if q["quality"] == "listening"
    ]  # fmt: skip
    assert (listening["latest"], listening["history"]) == (3, [2, 4, 1, 5, 3])
    words = ["first", "second", "third", "fourth", "fifth", "sixth"]
    for word in words:
        ok("recap", "ann-lee", "--summary", word, "--no-input")
    listed = ok("recaps", "ann-lee", "--json").json()
    assert [r["first_line"] for r in listed] == words
    assert "sixth" in ok("prep", "ann-lee").stdout.split("Last time")[1][:200]


def test_slug_and_day_read_that_days_recap_beside_a_check_in(home: Path) -> None:
    """A new user's report: `read zoe/2026-12-04`, the documented way to read a recap,
    was ambiguous whenever a check-in was made the same day (the usual routine)."""
    ok("new-relationship", "Zoe", "--role", "mentee", "--no-input")
    ok("recap", "zoe", "--summary", "We met", "--no-input")
    ok("checkin", "zoe", "--rate", "listening=4", "--no-input")
    day = ok("recaps", "zoe", "--json").json()[0]["date"]
    assert ok("read", f"zoe/{day}", "--json").json()["kind"] == "recap"
    assert ok("read", f"zoe/{day}", "--kind", "checkin", "--json").json()["kind"] == "checkin"
    ok("recap", "zoe", "--summary", "Met again", "--no-input")  # two recaps: say which
    assert "more than one" in fails("read", f"zoe/{day}", code=2).stderr


def test_read_says_which_commitments_made_are_done_or_dropped(home: Path) -> None:
    """A new user's report: a recap read back listed its commitments with no status."""
    ok("new-relationship", "Zoe", "--role", "mentee", "--no-input")
    ok("recap", "zoe", "--summary", "We met", "--action", "send CV due:2026-03-20",
       "--action", "book room", "--action", "call Bob", "--no-input")  # fmt: skip
    ids = {a["text"]: a["id"] for a in ok("actions", "--json").json()}
    ok("done", ids["send CV"])
    ok("renegotiate", ids["book room"], "--drop", "--no-input")
    recap_id = ok("recaps", "zoe", "--json").json()[0]["id"]
    shown = ok("read", recap_id).stdout
    assert "send CV (me) · done" in shown
    assert "book room (me) · dropped" in shown
    assert "call Bob (me)\n" in shown


def test_a_goal_read_back_names_recaps_by_their_short_ids(home: Path) -> None:
    """A new user's report: a goal's history said `recap 2026-12-03-s8etptybkfv`, not
    the short id listings show and `read` takes."""
    ok("new-relationship", "Zoe", "--role", "mentee", "--no-input")
    ok("direction", "zoe", "--goal", "Ship it", "--no-input")
    goal = ok("goal", "list", "--json").json()[0]["id"]
    ok("recap", "zoe", "--summary", "x", "--progress", f"{goal}=40", "--no-input")
    recap = ok("recaps", "zoe", "--json").json()[0]
    read = ok("read", goal, "--json").json()
    assert read["short_ids"] == {recap["id"]: recap["short"]}
    shown = ok("read", goal).stdout
    assert f"recap {recap['short']}" in shown and recap["id"] not in shown


def test_slug_and_month_stay_ambiguous_beside_a_check_in(home: Path) -> None:
    """A review's finding: the recap was preferred for `SLUG/2026-03` too, a month."""
    ok("new-relationship", "Zoe", "--role", "mentee", "--no-input")
    ok("recap", "zoe", "--summary", "We met", "--no-input")
    ok("checkin", "zoe", "--rate", "listening=4", "--no-input")
    day = ok("recaps", "zoe", "--json").json()[0]["date"]
    assert "more than one" in fails("read", f"zoe/{day[:7]}", code=2).stderr
