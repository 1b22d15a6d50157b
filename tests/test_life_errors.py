"""Bad input to the relationship's-life commands: a short error, and nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import Made, cli, fails, ok
from tests.store_fixtures import at, set_entity_id


def snapshot(home: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(home)): p.read_bytes()
        for p in home.rglob("*")
        if p.is_file() and ".mentorlog" not in p.relative_to(home).parts
    }


@pytest.fixture
def pairing(home: Path, made: Made) -> Path:
    ok("new-relationship", "Ada Lovelace", "--role", "mentee", "--cadence", "weekly",
       "--started", "2026-03-01", "--no-input")  # fmt: skip
    ok("direction", "ada-lovelace", "--goal", "Publish", "--no-input")
    ok("recap", "ada-lovelace", "--date", "2026-03-08", "--action", "send outline", "--no-input")
    return home


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["recap", "ada-lovelace", "--date", "2026-02-01"], 2, "before the pairing started"),
        (["recap", "ada-lovelace", "--date", "2026-03-20"], 2, "in the future"),
        (
            ["recap", "ada-lovelace", "--date", "2026-03-10", "--next", "2026-03-09"],
            2,
            "must come after",
        ),
        (["recap", "ada-lovelace", "--next", "2026-03-15"], 2, "must come after"),
        (["recap", "ada-lovelace", "--date", "2026-02-30"], 2, "not a valid"),
        (["recap", "ada-lovelace", "--progress", "g1=101"], 2, "between 0 and 100"),
        (["recap", "ada-lovelace", "--progress", "g1=-5"], 2, "between 0 and 100"),
        (["recap", "ada-lovelace", "--progress", "g1"], 2, "GOAL=N"),
        (["recap", "ada-lovelace", "--progress", "g9=10"], 1, "no goal 'g9'"),
        (["recap", "ada-lovelace", "--done", "a999"], 1, "no commitment 'a999'"),
        (["recap", "ada-lovelace", "--done", "x1"], 2, "not a commitment id"),
        (["recap", "ada-lovelace", "--action", "@me due:2026-04-01"], 2, "no commitment"),
        (["recap", "ada-lovelace", "--action", "x due:soon"], 2, "not a valid date (due date)"),
        (["recap", "ada-lovelace", "--minutes", "0"], 2, "--minutes"),
        (["recap", "nobody"], 1, "no relationship 'nobody'"),
        (["goal", "update", "g9", "--progress", "10"], 1, "no goal 'g9'"),
        (["goal", "update", "g1", "--progress", "150"], 2, "--progress"),
        (["goal", "done", "a1"], 2, "not a goal id"),
        (["goal", "add", "ada-lovelace", "--no-input"], 2, "TITLE"),
        (
            ["goal", "add", "ada-lovelace", "x", "--target", "someday", "--no-input"],
            2,
            "not a valid",
        ),
        (["done", "a999"], 1, "no commitment 'a999'"),
        (["done", "a1", "a999"], 1, "no commitment 'a999'"),
        (["direction", "ada-lovelace", "--no-input"], 2, "--aspirations"),
        (["pause", "ada-lovelace", "--until", "2026-03-01"], 2, "not in the future"),
        (["resume", "ada-lovelace"], 1, "already active"),
        (["agreement", "ada-lovelace", "--agreed", "2026-13-01"], 2, "not a valid"),
        (["prep", "nobody"], 1, "no relationship"),
        (["log", "nobody"], 1, "no relationship"),
    ],
)
def test_bad_input_writes_nothing(
    pairing: Path, made: Made, args: list[str], code: int, message: str
) -> None:
    before = snapshot(pairing)
    args = [made.sub(arg) for arg in args]  # v1-style names (g1) to the ids made (g9: none)
    run = fails(*args, "--no-input" if args[0] in ("recap",) else "--json", code=code)
    assert message in run.stderr
    assert snapshot(pairing) == before


def test_recap_on_a_closed_pairing_says_how_to_resume(pairing: Path) -> None:
    ok("close", "ada-lovelace", "--keep-open", "--no-input")
    before = snapshot(pairing)
    run = fails("recap", "ada-lovelace", "--no-input")
    assert "closed" in run.stderr and "mentorlog resume ada-lovelace" in run.stderr
    assert "closed" in fails("goal", "add", "ada-lovelace", "x", "--no-input").stderr
    assert "already closed" in fails("close", "ada-lovelace", "--no-input").stderr
    assert snapshot(pairing) == before
    ok("resume", "ada-lovelace")
    ok("recap", "ada-lovelace", "--summary", "met", "--no-input")


def test_done_twice_is_reported_not_an_error(made: Made, pairing: Path) -> None:
    assert ok("done", made.a(1), "--json").json()["done"][0]["id"] == made.a(1)
    again = ok("done", made.a(1), "--json").json()
    assert again["done"] == [] and again["already"] == [made.a(1)]
    assert "not open" in fails("recap", "ada-lovelace", "--done", made.a(1), "--no-input").stderr


def test_ambiguous_ids_after_a_git_merge_ask_for_the_slug(made: Made, pairing: Path) -> None:
    ok("new-relationship", "Grace", "--role", "mentor", "--started", "2026-03-01", "--no-input")
    ok("recap", "grace", "--action", "review talk", "--no-input")  # a2
    set_entity_id(at(pairing, "relationships", "grace", "commitments"), made.a(2), made.a(1))
    typed = made.a(1)[:4]
    run = fails("done", typed, code=2)
    assert "more than one relationship" in run.stderr and f"ada-lovelace:{typed}" in run.stderr
    assert ok("done", f"grace:{typed}", "--json").json()["done"][0]["slug"] == "grace"


def test_broken_actions_file_names_file_and_line(made: Made, pairing: Path) -> None:
    ok("new-relationship", "Grace", "--role", "mentor", "--started", "2026-03-01", "--no-input")
    ok("recap", "grace", "--action", "review talk due:2026-03-10", "--no-input")  # a2
    path = at(pairing, "relationships", "ada-lovelace", "actions.toml")
    text = path.read_text().replace('owner = "me"', 'owner = "someone"')
    path.write_text(text)
    run = ok("actions", "ada-lovelace")  # a listing: the file is named, the rest shown
    assert f"{path}:3: field 'owner'" in run.stderr
    listed = ok("actions", "--json")  # the others still show, with a warning
    assert [a["id"] for a in listed.json()] == [made.a(2)] and str(path) in listed.stderr
    due = ok("due", "--json").json()
    assert [a["id"] for a in due["overdue_actions"]] == [made.a(2)] and due["problems"]
    assert cli("due", "--quiet").exit_code == 1
    ok("done", made.a(2))
    assert path.read_text() == text


def test_an_error_in_one_commitment_names_its_own_file_and_line(made: Made, pairing: Path) -> None:
    ok("recap", "ada-lovelace", "--action", "second one", "--no-input")
    path = at(pairing, "relationships", "ada-lovelace", "commitments", f"{made.a(2)}.toml")
    lines = path.read_text().splitlines()
    owner = next(i for i, line in enumerate(lines) if line.startswith("owner"))
    lines[owner] = 'owner = "them"'
    path.write_text("\n".join(lines) + "\n")
    run = ok("actions", "ada-lovelace")
    assert f"{path}:{owner + 1}: field 'owner'" in run.stderr
    assert "second one" not in run.stdout and "send outline" in run.stdout  # it alone is passed by


def test_a_broken_recap_does_not_hide_overdue_commitments(pairing: Path) -> None:
    ok("recap", "ada-lovelace", "--date", "2026-03-09", "--action", "late @me due:2026-03-10",
       "--next", "2026-03-30", "--no-input")  # fmt: skip
    recap = at(pairing, "relationships", "ada-lovelace", "recaps", "2026-03-09.md")
    recap.write_text(recap.read_text().replace("schema_version", "minuets = 45\nschema_version"))
    due = ok("due", "--json")
    assert [a["text"] for a in due.json()["overdue_actions"]] == ["late"]
    assert str(recap) in due.stderr
    # an older broken recap does not block a new one
    ok("recap", "ada-lovelace", "--summary", "met", "--no-input")


def test_derived_keys_written_into_a_file_are_reported(pairing: Path) -> None:
    path = at(pairing, "relationships", "ada-lovelace", "recaps", "2026-03-08.md")
    path.write_text(path.read_text().replace("+++\n", '+++\nid = "hacked"\n', 1))
    run = fails("log", "ada-lovelace")
    assert f"{path}:" in run.stderr and "unknown field 'id'" in run.stderr


def test_edit_with_a_taken_slug_changes_nothing(pairing: Path) -> None:
    ok("new-relationship", "Bob", "--role", "peer", "--no-input")
    before = snapshot(pairing)
    fails("edit", "bob", "--channel", "phone", "--slug", "ada-lovelace")
    assert snapshot(pairing) == before


def test_achieved_goals_take_no_more_progress(made: Made, pairing: Path) -> None:
    ok("goal", "done", made.g(1))
    assert (
        "progress is for open goals"
        in fails("goal", "update", made.g(1), "--progress", "30").stderr
    )


def test_closing_twice_keeps_the_first_reflection(pairing: Path) -> None:
    ok("close", "ada-lovelace", "--achieved", "a paper", "--thanks", "everything",
       "--keep-open", "--no-input")  # fmt: skip
    ok("resume", "ada-lovelace")
    ok("close", "ada-lovelace", "--thanks", "the second season", "--keep-open", "--no-input")
    closing = ok("show", "ada-lovelace", "--json").json()["closing"]
    assert closing["achieved"] == "a paper"
    assert closing["thanks"] == "everything\n\n(2026-03-15) the second season"


def test_started_after_the_first_recap_is_refused(pairing: Path) -> None:
    assert (
        "after the first recap"
        in fails("edit", "ada-lovelace", "--started", "2026-03-10", code=2).stderr
    )
    shown = ok("edit", "ada-lovelace", "--started", "2026-02-01", "--json").json()
    assert shown["history"][0] == {"date": "2026-02-01", "event": "started",
                                   "detail": "mentee with Ada Lovelace"}  # fmt: skip


def test_recap_before_a_future_start_says_when(pairing: Path) -> None:
    ok("new-relationship", "Zed", "--role", "peer", "--started", "2026-04-01", "--no-input")
    assert "starts on 2026-04-01" in fails("recap", "zed", "--no-input", code=2).stderr


def test_a_backdated_recap_does_not_end_a_later_pause(pairing: Path) -> None:
    ok("pause", "ada-lovelace", "--until", "2026-06-01")
    met = ("--summary", "met", "--no-input")
    ok("recap", "ada-lovelace", "--date", "2026-03-09", *met)  # before the pause
    assert ok("show", "ada-lovelace", "--json").json()["status"] == "paused"
    ok("recap", "ada-lovelace", "--date", "2026-03-15", *met)  # met again
    assert ok("show", "ada-lovelace", "--json").json()["status"] == "active"


def test_bad_references_fail_before_the_editor_opens(
    pairing: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EDITOR", "false")  # would fail loudly if it were run
    run = fails("recap", "ada-lovelace", "--edit", "--progress", "g9=50", "--no-input")
    assert "no goal 'g9'" in run.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--home", "~nosuchuser-xyz/data", "list"], "cannot find the folder"),
        (["new-relationship", "Bob\udcff", "--role", "peer", "--no-input"], "not UTF-8"),
        (["new-relationship", "Bob", "--role", "peer", "--started", "9999-12-30", "--no-input"],
         "not a valid date"),
    ],
)  # fmt: skip
def test_odd_input_is_one_line_not_a_traceback(
    pairing: Path, args: list[str], message: str
) -> None:
    assert message in fails(*args, code=2).stderr


def test_a_checkin_file_without_ratings_is_a_broken_file(pairing: Path) -> None:
    ok("new-relationship", "Grace", "--role", "peer", "--no-input")
    ok("checkin", "grace", "--rate", "listening=4")
    folder = at(pairing, "relationships", "grace", "checkins")
    (folder / "2026-03-16.toml").write_text("schema_version = 1\ndate = 2026-03-16\n")
    run = ok("health", "--json")
    assert [v["slug"] for v in run.json()] == ["ada-lovelace"]
    assert "2026-03-16.toml" in run.stderr and "ratings" in run.stderr


def test_checkin_on_a_closed_pairing_is_refused_up_front(pairing: Path) -> None:
    ok("close", "ada-lovelace", "--keep-open", "--no-input")
    assert "closed" in fails("checkin", "ada-lovelace", "--no-input").stderr


def test_a_note_needs_a_rating_and_dates_stay_plausible(pairing: Path) -> None:
    assert "needs a rating too" in fails("checkin", "ada-lovelace", "--rate", "listening=3",
                                         "--note", "respect=hi", code=2).stderr  # fmt: skip
    path = at(pairing, "relationships", "ada-lovelace", "relationship.toml")
    path.write_text(path.read_text().replace("started = 2026-03-01", "started = 1000-01-01"))
    assert "between 1900 and 2999" in fails("show", "ada-lovelace").stderr


def test_done_twice_in_one_recap_counts_once(made: Made, pairing: Path) -> None:
    run = ok(
        "recap", "ada-lovelace", "--done", made.a(1), "--done", made.a(1), "--no-input", "--json"
    )
    assert run.json()["done"] == [made.a(1)]
