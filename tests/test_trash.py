"""Soft delete: `delete` moves a thing to the trash, `restore` brings back every byte."""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import pytest

from mentorlog.core import ids
from mentorlog.core.store import Store
from tests.helpers import Made, cli, fails, new, ok
from tests.pty import answer, finish, spawn
from tests.store_fixtures import at

Snapshot = dict[str, tuple[str, int, bytes]]


def snapshot(home: Path) -> Snapshot:
    """Every file and folder in the home (bytes and mode), but the trash and .mentorlog/."""
    found: Snapshot = {}
    for path in sorted(home.rglob("*")):
        relative = path.relative_to(home).as_posix()
        if relative.split("/")[0] in (".trash", ".mentorlog"):
            continue
        mode = stat.S_IMODE(path.lstat().st_mode)
        if path.is_dir():
            found[relative] = ("dir", mode, b"")
        else:
            found[relative] = ("file", mode, path.read_bytes())
    return found


def rich_store(made: Made) -> None:
    """Two relationships with goals, commitments, recaps, a check-in, a reflection and a
    milestone: every kind of thing that can be deleted, and what points at what."""
    new("Ada Lovelace", "--started", "2026-01-01", "--cadence", "biweekly")
    new("Grace Hopper", "--started", "2026-01-01")
    ok("goal", "add", "ada-lovelace", "Publish a paper", "--no-input")
    ok("goal", "add", "ada-lovelace", "Give a talk", "--no-input")
    ok("recap", "ada-lovelace", "--no-input", "--date", "2026-02-01", "--summary", "Outline",
       "--action", "send outline", "--action", "read the review @partner",
       "--progress", made.sub("g1=40"))  # fmt: skip
    ok("recap", "ada-lovelace", "--no-input", "--date", "2026-03-01", "--summary", "Draft",
       "--action", "book the room", "--done", made.a(1), "--progress", made.sub("g1=60"),
       "--progress", made.sub("g2=100"))  # fmt: skip
    ok("recap", "grace-hopper", "--no-input", "--date", "2026-03-01", "--summary", "Compilers")
    ok("checkin", "ada-lovelace", "--rate", "listening=4", "--note", "listening=good")
    ok("reflect", "ada-lovelace", "--set", "listening", "--answer", "I waited.")
    ok("journey", "add", "First research job", "--date", "2019-09-01", "--why", "it began")
    ok("journey", "add", "First talk", "--date", "2021-05-01")


CASES = [
    ("relationship", "ada-lovelace", "relationships/ada-lovelace"),
    ("recap", "ada-lovelace/2026-03-01", "relationships/ada-lovelace/recaps/2026-03-01.md"),
    ("recap", "ada-lovelace/2026-02-01", "relationships/ada-lovelace/recaps/2026-02-01.md"),
    ("checkin", "ada-lovelace/2026-03-15", "relationships/ada-lovelace/checkins/2026-03-15.toml"),
    ("reflection", "2026-03-15-listening", "reflections/2026-03-15-listening.md"),
    ("goal", "g1", None),
    ("goal", "ada-lovelace:g2", None),  # v1-style names; see Made.sub
    ("commitment", "a2", None),
    ("commitment", "a1", None),
    ("milestone", "m1", None),
]


@pytest.mark.parametrize(("kind", "target", "path"), CASES)
def test_delete_then_restore_leaves_the_store_byte_identical(
    made: Made, home: Path, kind: str, target: str, path: str | None
) -> None:
    rich_store(made)
    before = snapshot(home)
    where = at(home, path).relative_to(home).as_posix() if path else ""
    entry = ok("delete", kind, made.sub(target), "--yes", "--json").json()
    assert entry["kind"] == kind
    after = snapshot(home)
    assert after != before
    if path:
        assert where not in after and where in before
    listed = ok("trash", "--json").json()
    assert [e["id"] for e in listed] == [entry["id"]]
    restored = ok("restore", entry["id"], "--json").json()
    assert restored["restored"]["id"] == entry["id"] and set(restored) == {"restored"}
    assert snapshot(home) == before
    assert ok("trash", "--json").json() == []


def test_the_trash_is_private_whatever_the_umask(made: Made, home: Path) -> None:
    rich_store(made)
    old = os.umask(0o022)
    try:
        ok("delete", "recap", "ada-lovelace/2026-03-01")
        ok("delete", "relationship", "grace-hopper", "--yes")
    finally:
        os.umask(old)
    for path in [home / ".trash", *(home / ".trash").rglob("*")]:
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode == (0o700 if path.is_dir() else 0o600), path


def show(slug: str) -> Any:
    return ok("show", slug, "--json").json()


def test_deleting_a_recap_takes_back_what_only_it_explains(made: Made, home: Path) -> None:
    rich_store(made)
    assert show("ada-lovelace")["last_meeting"] == "2026-03-01"
    run = ok("delete", "recap", "ada-lovelace/2026-03-01")
    assert made.shown("took back a3 (made in that session)") in run.stdout
    assert made.shown("reopened a1 (marked done in that session)") in run.stdout
    view = show("ada-lovelace")
    assert view["last_meeting"] == "2026-02-01"  # "last met" comes from the recaps
    assert view["next_meeting"] == "2026-02-15"
    actions = {a["id"]: a for a in ok("actions", "--all", "--json").json()}
    assert set(actions) == {made.a(1), made.a(2)}
    assert actions[made.a(1)]["status"] == "open" and actions[made.a(1)]["closed"] is None
    goals = {g["id"]: g for g in ok("goal", "list", "--all", "--json").json()}
    assert goals[made.g(1)]["progress"] == 40
    [note] = [h["note"] for h in goals[made.g(1)]["history"]]
    assert re.fullmatch(r"recap 2026-02-01-s[0-9a-z]{10}", note)  # the recap's id
    assert goals[made.g(2)]["progress"] == 0 and goals[made.g(2)]["status"] == "open"
    assert goals[made.g(2)]["closed"] is None and goals[made.g(2)]["history"] == []


def test_progress_set_later_by_hand_is_kept_when_a_recap_goes(made: Made, home: Path) -> None:
    rich_store(made)
    ok("goal", "update", made.g(1), "--progress", "70", "--note", "by hand")
    ok("delete", "recap", "ada-lovelace/2026-03-01")
    goal = next(g for g in ok("goal", "list", "--json").json() if g["id"] == made.g(1))
    assert goal["progress"] == 70
    assert [h["note"][:16] for h in goal["history"]] == ["recap 2026-02-01", "by hand"]


def test_a_relationship_delete_needs_yes_without_a_terminal(made: Made, home: Path) -> None:
    rich_store(made)
    before = snapshot(home)
    run = fails("delete", "relationship", "ada-lovelace", code=2)
    assert "--yes" in run.stderr
    assert snapshot(home) == before
    assert not (home / ".trash").exists() or not list((home / ".trash").iterdir())


def test_a_relationship_delete_shows_what_it_holds_and_asks(made: Made, home: Path) -> None:
    rich_store(made)
    before = snapshot(home)
    child = spawn(home, "delete", "relationship", "ada-lovelace")
    child.expect_exact("holds 2 recaps, 1 check-in, 2 goals, 3 commitments")
    answer(child, "Move it to the trash?", "n")
    child.expect_exact("Kept as it was.")
    assert finish(child) == 1
    assert snapshot(home) == before
    child = spawn(home, "delete", "relationship", "ada-lovelace")
    child.expect_exact("1 reflection(s) about it stay in your journal")
    answer(child, "Move it to the trash?", "y")
    child.expect_exact("mentorlog restore")
    assert finish(child) == 0
    assert not (at(home, "relationships", "ada-lovelace")).exists()


def test_other_commands_never_see_the_trash(made: Made, home: Path) -> None:
    rich_store(made)
    ok("delete", "relationship", "ada-lovelace", "--yes")
    ok("delete", "reflection", "2026-03-15-listening")
    assert [r["slug"] for r in ok("list", "--status", "all", "--json").json()] == ["grace-hopper"]
    assert ok("actions", "--all", "--json").json() == []
    assert ok("goal", "list", "--all", "--json").json() == []
    assert ok("journal", "--json").json() == []
    assert "ada" not in ok("due").stdout.lower()
    fails("show", "ada-lovelace")
    assert Store(home).slugs() == ["grace-hopper"]


def test_restore_never_overwrites_what_took_the_place(made: Made, home: Path) -> None:
    rich_store(made)
    entry = ok("delete", "relationship", "grace-hopper", "--yes", "--json").json()
    new("Grace Hopper", "--role", "mentor")
    before = snapshot(home)
    run = fails("restore", entry["id"])
    assert "exists again" in run.stderr and "--slug" in run.stderr
    assert snapshot(home) == before
    ok("edit", "grace-hopper", "--slug", "grace-hopper-2")
    ok("restore", "grace-hopper")  # by what was deleted, not only by the entry's id
    assert show("grace-hopper")["role"] == "mentee"
    assert show("grace-hopper-2")["role"] == "mentor"


def test_restore_into_a_changed_file_puts_the_entry_back_in_its_place(
    made: Made, home: Path
) -> None:
    rich_store(made)
    ok("delete", "goal", made.g(1))
    ok("goal", "add", "ada-lovelace", "Learn to review", "--no-input")
    run = ok("restore", made.g(1))
    assert "changed since" not in run.stdout  # its own file: nothing to merge with
    goals = ok("goal", "list", "--all", "--json").json()
    assert [g["id"] for g in goals] == [made.g(1), made.g(2), made.g(3)]
    assert goals[0]["progress"] == 60 and len(goals[0]["history"]) == 2


def test_restore_refuses_to_undo_a_later_change(made: Made, home: Path) -> None:
    rich_store(made)
    ok("delete", "recap", "ada-lovelace/2026-03-01")  # reopens a1
    ok("done", made.a(1))  # a later change to a1, which a restore must not silently undo
    before = snapshot(home)
    run = fails("restore", "ada-lovelace/2026-03-01")
    assert made.a(1) in run.stderr and "changed since the delete" in run.stderr
    assert snapshot(home) == before
    assert len(ok("trash", "--json").json()) == 1


def test_a_recap_goes_back_only_into_its_relationship(made: Made, home: Path) -> None:
    rich_store(made)
    ok("delete", "recap", "grace-hopper/2026-03-01")
    ok("delete", "relationship", "grace-hopper", "--yes")
    run = fails("restore", "grace-hopper/2026-03-01")
    assert "restore the relationship first" in run.stderr
    ok("restore", "grace-hopper")
    ok("restore", "grace-hopper/2026-03-01")
    assert show("grace-hopper")["last_meeting"] == "2026-03-01"


def test_a_bare_date_names_a_recap_when_only_one_relationship_has_it(
    made: Made, home: Path
) -> None:
    rich_store(made)
    run = fails("delete", "recap", "2026-03-01", code=2)
    assert "more than one relationship" in run.stderr and "ada-lovelace/2026-03-01" in run.stderr
    ok("delete", "recap", "2026-02-01")
    assert not (at(home, "relationships/ada-lovelace/recaps/2026-02-01.md")).exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("relationship", "nobody"), "no relationship 'nobody'"),
        (("recap", "ada-lovelace/2026-01-15"), "no recap '2026-01-15'"),
        (("recap", "ada-lovelace/../../x"), "is not a recap id"),
        (("checkin", "nobody/2026-03-15"), "no relationship 'nobody'"),
        (("reflection", "2026-01-01-nothing"), "no reflection"),
        (("goal", "g99"), "no goal 'g99'"),
        (("commitment", "a99"), "no commitment 'a99'"),
        (("milestone", "m9"), "no milestone 'm9'"),
    ],
)
def test_deleting_what_is_not_there_is_a_clear_error(
    made: Made, home: Path, args: tuple[str, str], message: str
) -> None:
    rich_store(made)
    before = snapshot(home)
    code = 2 if "not a recap id" in message else 1  # typed wrong, or not there
    assert message in fails("delete", *args, code=code).stderr
    assert snapshot(home) == before
    assert ok("trash", "--json").json() == []


def test_emptying_the_trash_asks_first(made: Made, home: Path) -> None:
    rich_store(made)
    ok("delete", "goal", made.g(1))
    run = fails("trash", "--empty", code=2)
    assert "--yes" in run.stderr
    assert len(ok("trash", "--json").json()) == 1
    child = spawn(home, "trash", "--empty")
    answer(child, "for good?", "n")
    assert finish(child) == 1
    assert len(ok("trash", "--json").json()) == 1
    child = spawn(home, "trash", "--empty")
    answer(child, "for good?", "y")
    child.expect_exact("Deleted 1 thing for good.")
    assert finish(child) == 0
    assert ok("trash", "--json").json() == []
    fails("restore", made.g(1))


def test_empty_older_than_keeps_recent_deletes(made: Made, home: Path, monkeypatch: Any) -> None:
    rich_store(made)
    ok("delete", "milestone", made.m(1))
    monkeypatch.setenv("MENTORLOG_TODAY", "2026-03-25")
    ok("delete", "milestone", made.m(2))
    assert [e["target"] for e in ok("trash", "--older-than", "5", "--json").json()] == [made.m(1)]
    gone = ok("trash", "--empty", "--older-than", "5", "--yes", "--json").json()
    assert [e["target"] for e in gone] == [made.m(1)]
    assert [e["target"] for e in ok("trash", "--json").json()] == [made.m(2)]


def test_the_trash_listing_says_what_and_how_to_restore(made: Made, home: Path) -> None:
    rich_store(made)
    assert "The trash is empty." in ok("trash").stdout
    entry = ok("delete", "commitment", made.a(2), "--json").json()
    out = ok("trash").stdout
    assert "commitment" in out and made.shown("a2 read the review (Ada Lovelace)") in out
    assert f"mentorlog restore {entry['id']}" in out


def crash(*_args: object) -> None:
    raise OSError(28, "No space left on device")


def test_a_delete_that_fails_part_way_changes_nothing(
    made: Made, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rich_store(made)
    before = snapshot(home)
    with monkeypatch.context() as patch:  # the shared files are rewritten, then the move fails
        patch.setattr(Store, "move", staticmethod(crash))
        assert "No space left" in fails("delete", "recap", "ada-lovelace/2026-03-01").stderr
    assert snapshot(home) == before
    assert ok("trash", "--json").json() == []


def test_a_restore_that_fails_part_way_changes_nothing_and_can_run_again(
    made: Made, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rich_store(made)
    before = snapshot(home)
    ok("delete", "recap", "ada-lovelace/2026-03-01")  # g1, g2 and a1 edited; a3 moved
    changed = snapshot(home)
    with monkeypatch.context() as patch:  # the goals and a1 go back, then a move fails
        patch.setattr(Store, "move", staticmethod(crash))
        assert "No space left" in fails("restore", "ada-lovelace/2026-03-01").stderr
    assert snapshot(home) == changed
    ok("restore", "ada-lovelace/2026-03-01")
    assert snapshot(home) == before
    restored = {a["id"]: a for a in ok("actions", "--all", "--json").json()}
    assert [restored[i]["status"] for i in (made.a(1), made.a(2), made.a(3))] == [
        "done",
        "open",
        "open",
    ]


def test_a_broken_recap_can_still_be_deleted(made: Made, home: Path) -> None:
    rich_store(made)
    path = at(home, "relationships/ada-lovelace/recaps/2026-03-01.md")
    path.write_text("not front matter\n")
    before = snapshot(home)
    run = ok("delete", "recap", "ada-lovelace/2026-03-01")
    assert "could not be read" in run.stdout
    ok("restore", "ada-lovelace/2026-03-01")
    assert snapshot(home) == before


def test_delete_help_shows_how_each_kind_is_named() -> None:
    out = cli("delete", "--help").stdout
    for example in ("ada-lovelace/2026-03-01", "2026-03-01-listening", "g3k", "a7f", "m4q"):
        assert example in out


def test_a_new_milestone_never_takes_the_id_of_one_in_the_trash(
    made: Made, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rich_store(made)
    monkeypatch.setenv("MENTORLOG_ID_SEED", "trash")
    ids.reseed()
    ok("journey", "add", "Second job")
    ok("delete", "milestone", made.m(3))
    ids.reseed()  # the next draw is the trashed milestone's id again: it must be skipped
    assert ok("journey", "add", "Third job", "--json").json()["id"] == made.m(5)
    assert made.m(4) == made.m(3) and made.m(5) != made.m(3)
    ok("restore", made.m(3))
    found = [i["id"] for i in ok("journey", "--json").json() if i["kind"] == "milestone"]
    assert sorted(found) == sorted([made.m(1), made.m(2), made.m(3), made.m(5)])


def test_a_symlinked_trash_is_refused(made: Made, home: Path, tmp_path: Path) -> None:
    rich_store(made)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (home / ".trash").symlink_to(outside)
    before = snapshot(home)
    assert "symlink" in fails("delete", "goal", made.g(1)).stderr
    assert snapshot(home) == before and list(outside.iterdir()) == []


def test_empty_clears_a_delete_that_stopped_before_changing_anything(
    made: Made, home: Path
) -> None:
    rich_store(made)
    stale = home / ".trash" / "20260101T000000Z-goal-g1"
    (stale / "before").mkdir(parents=True)
    (stale / "before" / "goals.toml").write_text("private words")
    assert "stopped before it changed anything" in ok("trash").stderr
    ok("trash", "--empty", "--yes")
    assert not stale.exists()


WRITER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from mentorlog.core.errors import NotFound
    from mentorlog.core.store import Store

    store, deadline, done = Store(Path(sys.argv[1])), time.monotonic() + 90, 0
    while time.monotonic() < deadline:
        try:
            store.update("ada-lovelace", lambda r: r.areas.append(f"w{done}"))
            done += 1
        except NotFound:  # the delete came: once is enough to show nothing is written
            print(done)
            break
    else:
        print("the delete never came")
    """
)


def test_a_writer_racing_a_relationship_delete_loses_nothing(home: Path) -> None:
    new("Ada Lovelace")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(home)],
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    store = Store(home)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(store.load("ada-lovelace").areas) < 5:
        time.sleep(0.01)
    ok("delete", "relationship", "ada-lovelace", "--yes")
    out, _ = writer.communicate(timeout=120)
    assert writer.returncode == 0
    assert not (at(home, "relationships", "ada-lovelace")).exists()  # nobody wrote into the void
    ok("restore", "ada-lovelace")
    assert out.strip().isdigit(), out  # it stopped at the delete, within 90 s
    done = int(out)
    assert done >= 5
    assert store.load("ada-lovelace").areas == [f"w{i}" for i in range(done)]


def test_a_relationship_with_a_broken_file_can_still_be_deleted_and_restored(
    made: Made, home: Path
) -> None:
    rich_store(made)
    goal = at(home, "relationships/ada-lovelace", "goals", f"{made.g(2)}.toml")
    goal.write_text("[[goals]\nbroken")
    before = snapshot(home)
    run = ok("delete", "relationship", "ada-lovelace", "--yes")
    assert "an unreadable goal file" in run.stdout
    ok("restore", "ada-lovelace")
    assert snapshot(home) == before


def test_a_goal_in_a_broken_file_is_not_deleted(made: Made, home: Path) -> None:
    rich_store(made)
    goal = at(home, "relationships/ada-lovelace", "goals", f"{made.g(1)}.toml")
    goal.write_text(goal.read_text() + "\nstray = \n")
    before = snapshot(home)
    assert f"{goal}:" in fails("delete", "goal", made.sub("ada-lovelace:g1")).stderr
    assert snapshot(home) == before
    assert ok("trash", "--json").json() == []


def test_a_tampered_manifest_cannot_reach_outside_the_home(
    made: Made, home: Path, tmp_path: Path
) -> None:
    rich_store(made)
    entry = ok("delete", "reflection", "2026-03-15-listening", "--json").json()
    manifest = home / ".trash" / entry["id"] / "manifest.toml"
    manifest.write_text(manifest.read_text().replace('path = "reflections/', 'path = "../x/'))
    assert "is not a place in the mentorlog home" in fails("restore", entry["id"]).stderr
    assert not (tmp_path / "x").exists()
    manifest.write_text("schema_version = 1\nkind = 3\n")
    assert "manifest.toml" in ok("trash").stderr  # named, and the listing goes on
    assert "manifest.toml" in fails("restore", entry["id"]).stderr


def test_a_recap_or_check_in_is_deleted_by_the_id_listings_show(made: Made, home: Path) -> None:
    rich_store(made)
    before = snapshot(home)
    session = ok("recaps", "ada-lovelace", "--json").json()[-1]
    entry = ok("delete", "recap", session["short"], "--json").json()
    assert entry["kind"] == "recap" and session["id"] in entry["target"]
    assert session["id"] not in ok("recaps", "--json").stdout
    ok("restore", entry["id"])
    assert snapshot(home) == before
    assert "no recap 'szzz'" in fails("delete", "recap", "szzz").stderr
