"""Goals, commitments and the partnership agreement."""

from __future__ import annotations

import datetime as dt
import sys
import textwrap
import tomllib
from pathlib import Path

import pytest

from tests.helpers import Made, fails, ok
from tests.store_fixtures import at


@pytest.fixture(autouse=True)
def pairing() -> None:
    ok("new-relationship", "Ada Lovelace", "--role", "mentee", "--cadence", "biweekly",
       "--channel", "video", "--purpose", "grow as a researcher", "--started", "2026-03-01",
       "--confidentiality", "names stay private", "--norms", "be candid", "--no-input")  # fmt: skip


def test_goal_lifecycle_with_history(made: Made) -> None:
    added = ok("goal", "add", "ada-lovelace", "Publish a paper", "--why", "career",
               "--success", "accepted", "--target", "2026-09-01", "--json").json()  # fmt: skip
    goal = added["goal"]
    assert (goal["id"], goal["slug"], goal["progress"], goal["status"]) == (
        made.g(1),
        "ada-lovelace",
        0,
        "open",
    )
    assert goal["target"] == "2026-09-01"
    updated = ok("goal", "update", made.g(1), "--progress", "40", "--note", "draft done",
                 "--json").json()  # fmt: skip
    assert updated["goal"]["progress"] == 40
    assert updated["goal"]["history"][-1] == {
        "date": "2026-03-15",
        "progress": 40,
        "note": "draft done",
    }
    achieved = ok("goal", "done", f"ada-lovelace:{made.g(1)}", "--json").json()
    assert achieved["achieved_now"] is True
    assert achieved["goal"]["status"] == "achieved" and achieved["goal"]["progress"] == 100
    assert achieved["goal"]["closed"] == "2026-03-15"
    assert "already achieved" in fails("goal", "drop", made.g(1)).stderr


def test_achieving_a_goal_is_celebrated(made: Made) -> None:
    ok("goal", "add", "ada-lovelace", "Give a talk", "--no-input")
    out = ok("goal", "update", made.g(1), "--progress", "100").stdout
    assert "Goal achieved" in out and "Give a talk" in out


def test_drop_and_list(made: Made) -> None:
    for title in ("One", "Two"):
        ok("goal", "add", "ada-lovelace", title, "--no-input")
    ok("goal", "drop", made.g(2), "--note", "no longer fits")
    assert [g["id"] for g in ok("goal", "list", "--json").json()] == [made.g(1)]
    every = ok("goal", "list", "--all", "--json").json()
    assert [(g["id"], g["status"]) for g in every] == [(made.g(1), "open"), (made.g(2), "dropped")]
    assert "One" in ok("goal", "list").stdout


def test_empty_goal_list_says_how_to_add() -> None:
    assert "goal add" in ok("goal", "list").stdout


def test_a_fourth_open_goal_is_allowed_with_a_nudge() -> None:
    for title in ("A", "B", "C"):
        assert (
            "three at a time" not in ok("goal", "add", "ada-lovelace", title, "--no-input").stderr
        )
    run = ok("goal", "add", "ada-lovelace", "D", "--no-input")
    assert "4 open goals" in run.stderr


def test_goal_ids_are_unique_across_relationships(made: Made) -> None:
    ok("new-relationship", "Grace", "--role", "mentor", "--no-input")
    ok("goal", "add", "ada-lovelace", "A", "--no-input")
    assert ok("goal", "add", "grace", "B", "--no-input", "--json").json()["goal"]["id"] == made.g(2)


def test_actions_filters(made: Made) -> None:
    ok("recap", "ada-lovelace", "--date", "2026-03-10", "--no-input",
       "--action", "send CV @me due:2026-03-12", "--action", "intro to editor @partner",
       "--action", "plan workshop @both due:2026-04-01")  # fmt: skip
    everyone = ok("actions", "--json").json()
    assert [a["id"] for a in everyone] == [
        made.a(1),
        made.a(3),
        made.a(2),
    ]  # by due date, undated last
    assert everyone[0]["overdue_days"] == 3
    assert [a["id"] for a in ok("actions", "--mine", "--json").json()] == [made.a(1), made.a(3)]
    assert [a["id"] for a in ok("actions", "--partner", "--json").json()] == [made.a(3), made.a(2)]
    ok("done", made.a(1), made.a(2))
    assert [a["id"] for a in ok("actions", "--json").json()] == [made.a(3)]
    assert len(ok("actions", "--all", "--json").json()) == 3
    table = ok("actions", "ada-lovelace").stdout
    assert "plan workshop" in table
    ok("done", made.a(3))
    assert "No open commitments" in ok("actions", "--partner").stdout


def test_overdue_commitments_stand_out() -> None:
    ok("recap", "ada-lovelace", "--date", "2026-03-10", "--action", "send CV due:2026-03-12",
       "--no-input")  # fmt: skip
    out = ok("actions").stdout
    assert "3d late" in out and "1 overdue" in out


def test_agreement_is_composed_from_the_record() -> None:
    ok("goal", "add", "ada-lovelace", "Publish a paper", "--why", "career", "--no-input")
    text = ok("agreement", "ada-lovelace", "--markdown").stdout
    for expected in ("# Partnership agreement with Ada Lovelace", "grow as a researcher",
                     "**Publish a paper**", "biweekly", "video", "names stay private",
                     "be candid", "without blame", "Not yet agreed."):  # fmt: skip
        assert expected in text
    view = ok("agreement", "ada-lovelace", "--json").json()
    assert view["markdown"] == text and view["edited"] is None and view["stale"] is False


def test_agreement_export_and_agreed_date(tmp_path: Path) -> None:
    target = tmp_path / "agreement.md"
    ok("agreement", "ada-lovelace", "--agreed", "2026-03-14", "-o", str(target))
    assert "Agreed on 2026-03-14." in target.read_text()
    assert ok("show", "ada-lovelace", "--json").json()["agreed"] == "2026-03-14"
    assert any(e["event"] == "agreed" for e in ok("log", "ada-lovelace", "--json").json())


def test_hand_edited_agreement_survives_goal_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ok("goal", "add", "ada-lovelace", "Publish a paper", "--no-input")
    script = tmp_path / "editor.py"
    script.write_text(
        textwrap.dedent(
            """
            import sys, pathlib
            p = pathlib.Path(sys.argv[1])
            p.write_text(p.read_text() + "\\nWe will celebrate with cake.\\n")
            """
        )
    )
    monkeypatch.setenv("EDITOR", f"{sys.executable} {script}")
    ok("agreement", "ada-lovelace", "--edit")
    assert "cake" in ok("agreement", "ada-lovelace", "--markdown").stdout
    ok("goal", "add", "ada-lovelace", "Give a talk", "--no-input")
    view = ok("agreement", "ada-lovelace", "--json").json()
    assert "cake" in view["markdown"] and view["stale"] is True
    assert "goals changed" in ok("agreement", "ada-lovelace").stderr


def test_renegotiate_a_commitment_openly(made: Made) -> None:
    ok("recap", "ada-lovelace", "--date", "2026-03-10", "--action", "send CV due:2026-03-12",
       "--action", "intro @partner", "--no-input")  # fmt: skip
    moved = ok("renegotiate", made.a(1), "--due", "2026-03-20", "--text", "send a short CV",
               "--owner", "both", "--json").json()  # fmt: skip
    assert (moved["due"], moved["text"], moved["owner"], moved["overdue_days"]) == (
        "2026-03-20",
        "send a short CV",
        "both",
        0,
    )
    assert ok("renegotiate", made.a(1), "--due", "none", "--json").json()["due"] is None
    dropped = ok("renegotiate", made.a(2), "--drop", "--json").json()
    assert dropped["status"] == "dropped" and dropped["closed"] == "2026-03-15"
    assert [a["id"] for a in ok("actions", "--json").json()] == [made.a(1)]
    assert "already dropped" in fails("renegotiate", made.a(2), "--due", "+7d").stderr
    assert "nothing to change" in fails("renegotiate", made.a(1), code=2).stderr
    assert "not a valid date" in fails("renegotiate", made.a(1), "--due", "soonish", code=2).stderr
    assert "no commitment 'a9'" in fails("renegotiate", "a9", "--drop").stderr


def _front_matter(home: Path) -> dict[str, object]:
    """The agreement file's TOML front matter, as Hugo (or any TOML reader) sees it."""
    text = at(home, "relationships", "ada-lovelace", "agreement.md").read_text()
    _, front, _ = text.split("+++\n", 2)
    return tomllib.loads(front)


def test_an_agreed_agreement_is_a_page_with_a_title_and_a_date(home: Path) -> None:
    """Hugo builds a page from the file: it needs `title` and `date` (issue 10)."""
    ok("agreement", "ada-lovelace", "--agreed", "2026-03-14", "--no-input")
    front = _front_matter(home)
    assert front["title"] == "Partnership agreement with Ada Lovelace"
    assert front["date"] == dt.date(2026, 3, 14)


def test_an_edited_agreement_is_dated_the_day_it_was_written(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    script = tmp_path / "editor.py"
    script.write_text("import sys, pathlib\np = pathlib.Path(sys.argv[1])\n"
                      "p.write_text(p.read_text() + 'Cake at the end.\\n')\n")  # fmt: skip
    monkeypatch.setenv("EDITOR", f"{sys.executable} {script}")
    ok("agreement", "ada-lovelace", "--edit")
    front = _front_matter(home)
    assert (front["title"], front["date"]) == (
        "Partnership agreement with Ada Lovelace",
        dt.date(2026, 3, 15),
    )
    ok("agreement", "ada-lovelace", "--agreed", "2026-03-20", "--no-input")
    assert _front_matter(home)["date"] == dt.date(2026, 3, 15)  # set once: the page's date


def test_an_older_agreement_reads_and_hand_set_title_and_date_are_kept(home: Path) -> None:
    ok("agreement", "ada-lovelace", "--agreed", "2026-03-14", "--no-input")
    path = at(home, "relationships", "ada-lovelace", "agreement.md")
    older = '+++\nschema_version = 1\ngoals_fingerprint = ""\nagreed = 2026-03-14\n+++\n\nOurs.\n'
    path.write_text(older)
    assert ok("agreement", "ada-lovelace", "--markdown").stdout == "Ours.\n"
    assert path.read_text() == older  # reading never rewrites
    ok("agreement", "ada-lovelace", "--agreed", "2026-03-13", "--no-input")
    front = _front_matter(home)
    assert (front["title"], front["date"]) == (
        "Partnership agreement with Ada Lovelace",
        dt.date(2026, 3, 13),
    )
    text = path.read_text().replace("title = ", 'title = "Our pact" # ', 1)
    path.write_text(text.replace("date = 2026-03-13", "date = 2026-01-01"))
    ok("agreement", "ada-lovelace", "--agreed", "2026-03-12", "--no-input")
    front = _front_matter(home)
    assert (front["title"], front["date"]) == ("Our pact", dt.date(2026, 1, 1))
    assert path.read_text().endswith("Ours.\n")


def test_an_agreement_from_a_newer_mentorlog_is_named_and_left_alone(home: Path) -> None:
    """agreement.md is at schema_version 2 (it gained title and date); 3 is refused with
    what to do, and the file is left as it is."""
    ok("agreement", "ada-lovelace", "--agreed", "2026-03-14", "--no-input")
    assert _front_matter(home)["schema_version"] == 2
    path = at(home, "relationships", "ada-lovelace", "agreement.md")
    newer = path.read_text().replace("schema_version = 2", "schema_version = 3")
    path.write_text(newer)
    run = fails("agreement", "ada-lovelace", "--agreed", "2026-03-15", "--no-input")
    assert "schema_version 3 is newer than this mentorlog understands (2)" in run.stderr
    assert "upgrade mentorlog" in run.stderr and path.read_text() == newer


def test_one_broken_goal_or_commitment_file_hides_only_itself_in_listings(home: Path) -> None:
    """A listing names the broken file and goes on with the others (stop 15 leftover:
    one bad goal file made `goal list` say "No goals yet")."""
    ok("goal", "add", "ada-lovelace", "Give a talk", "--no-input")
    broken = ok("goal", "add", "ada-lovelace", "Publish", "--no-input", "--json").json()
    ok("recap", "ada-lovelace", "--date", "2026-03-14", "--action", "send outline",
       "--action", "book a room", "--no-input")  # fmt: skip
    folder = at(home, "relationships", "ada-lovelace")
    goal_file = folder / "goals" / f"{broken['goal']['id']}.toml"
    goal_file.write_text(goal_file.read_text() + "x = = 1\n")
    commitment = sorted((folder / "commitments").glob("*.toml"))[0]
    commitment.write_text(commitment.read_text() + "x = = 1\n")
    for words in (("goal", "list"), ("goal", "list", "ada-lovelace")):
        run = ok(*words, "--json")
        assert [g["title"] for g in run.json()] == ["Give a talk"]
        assert str(goal_file) in run.stderr and "Give a talk" in ok(*words).stdout
    run = ok("actions", "--json")
    assert len(run.json()) == 1 and str(commitment) in run.stderr
    [row] = ok("list", "--json").json()
    assert (row["open_goals"], row["open_actions"]) == (1, 1)


def test_answers_that_end_in_a_full_stop_read_with_one(home: Path) -> None:
    """A new user's report: "...Porto meetup..", "...my own group.." in the agreement
    and the exported document."""
    ok("rapport", "ada-lovelace", "--offers", "An intro at the Porto meetup.", "--no-input")
    ok("goal", "add", "ada-lovelace", "Lead a group", "--why", "It is the route to my own lab.",
       "--success", "A grant!", "--no-input")  # fmt: skip
    for words in (("agreement", "ada-lovelace", "--markdown"), ("export", "ada-lovelace")):
        text = ok(*words).stdout
        assert ".." not in text and "!." not in text, text
        assert "my own lab." in text and "A grant" in text


@pytest.mark.parametrize("typed", ['"3"', "3.0", "true"])
def test_a_schema_version_that_is_no_whole_number_is_refused_and_left_alone(
    home: Path, typed: str
) -> None:
    """The attack on the store: `schema_version = "3"` or `3.0` slipped past the "newer"
    check, pydantic read it as a number, and the file was rewritten as version 2."""
    ok("agreement", "ada-lovelace", "--agreed", "2026-03-14", "--no-input")
    path = at(home, "relationships", "ada-lovelace", "agreement.md")
    text = path.read_text().replace("schema_version = 2", f"schema_version = {typed}")
    path.write_text(text)
    run = fails("agreement", "ada-lovelace", "--agreed", "2026-03-15", "--no-input")
    assert f"{path}:2: field 'schema_version': should be a whole number like 2" in run.stderr
    assert path.read_text() == text


def test_agreement_dash_o_dash_prints_it(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    run = ok("agreement", "ada-lovelace", "-o", "-")
    assert run.stdout.startswith("# Partnership agreement with Ada Lovelace")
    assert not (tmp_path / "-").exists()


def test_text_added_by_hand_after_agreed_is_not_called_out_of_date(home: Path) -> None:
    """The attack on the store: `--agreed` kept no fingerprint of the goals, so words
    added by hand later read as "the goals changed after ... edited on None"."""
    ok("goal", "add", "ada-lovelace", "Write the paper", "--no-input")
    ok("agreement", "ada-lovelace", "--agreed", "2026-03-14", "--no-input")
    path = at(home, "relationships", "ada-lovelace", "agreement.md")
    path.write_text(path.read_text() + "\nOur own words.\n")
    run = ok("agreement", "ada-lovelace")
    assert ok("agreement", "ada-lovelace", "--json").json()["stale"] is False
    assert "None" not in run.stdout + run.stderr
    ok("goal", "add", "ada-lovelace", "Give a talk", "--no-input")  # now they did change
    run = ok("agreement", "ada-lovelace")
    assert "the goals changed after this agreement was written;" in run.stderr


def test_one_overdue_commitment_is_it_not_them(monkeypatch: pytest.MonkeyPatch) -> None:
    ok("recap", "ada-lovelace", "--action", "send outline due:2026-03-16", "--no-input")
    monkeypatch.setenv("MENTORLOG_TODAY", "2026-03-20")
    assert "1 overdue: do it, or renegotiate" in ok("actions").stdout
