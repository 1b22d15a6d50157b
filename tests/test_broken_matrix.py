"""Every file kind x every way it can go bad x every read command that reads it.

Each run ends in a one-line error naming the file, or a warning naming it while a listing
goes on for the healthy rest; the file is never changed (bytes, mode, link)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.helpers import cli, fails, ok
from tests.store_fixtures import CORRUPTIONS, KINDS, Kind, at, expect_fine, snapshot


def _check_run(kind: Kind, command: tuple[str, ...], path: Path, fine: bool) -> None:
    run = cli(*command)
    said = run.stderr + run.stdout
    assert "Traceback" not in said and "internal error" not in said, said
    if fine:
        assert run.exit_code == 0, f"{command}: {said}"
        assert "warning" not in run.stderr and "error" not in run.stderr, run.stderr
        return
    assert str(path) in run.stderr, f"{command} did not name {path}:\n{said}"
    assert run.exit_code in (0, 1), said
    first = run.stderr.strip().splitlines()[0]
    if _is_listing(kind, command):
        assert first.startswith("warning:"), f"{command} should go on past {path}: {said}"
    if first.startswith("error:"):
        assert run.exit_code == 1 and len(run.stderr.strip().splitlines()) == 1, run.stderr
    else:
        assert first.startswith("warning:"), run.stderr
        if command == ("list",):
            assert "Grace Hopper" in run.stdout  # the healthy rest is still listed


OWN_FILES = {"network", "journey"}  # the person's own files: their command needs them


def _is_listing(kind: Kind, command: tuple[str, ...]) -> bool:
    """A command over many entries, where one bad entry must not hide the rest."""
    one = len(command) > 1 and command[0] not in ("goal", "reflect")
    return not one and kind.name not in OWN_FILES


@pytest.mark.parametrize("corruption", sorted(CORRUPTIONS))
@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.name)
def test_a_bad_file_is_named_and_left_alone(
    healthy: Path, tmp_path: Path, kind: Kind, corruption: str
) -> None:
    path = at(healthy, kind.path)
    CORRUPTIONS[corruption](kind, path, tmp_path / "outside")
    before = snapshot(path)
    fine = expect_fine(kind, corruption)
    for command in kind.commands:
        _check_run(kind, command, path, fine)
    assert snapshot(path) == before


def test_a_date_far_in_the_future_is_named_not_an_internal_error(healthy: Path) -> None:
    recap = at(healthy, "relationships/ada/recaps/2026-03-15.md")
    recap.write_text(recap.read_text().replace("date = 2026-03-15", "date = 9999-12-28"))
    for command in (("list",), ("due",), ("seasons",)):
        run = cli(*command)
        assert f"{recap}:3: field 'date': the date is out of range" in run.stderr, run.stderr
        assert "Grace Hopper" in run.stdout or command != ("list",)
    fails("log", "ada")


def test_a_linked_relationship_folder_is_skipped_with_a_warning(
    healthy: Path, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere"
    shutil.move(at(healthy, "relationships/ada"), elsewhere)
    (at(healthy, "relationships/ada")).symlink_to(elsewhere)
    for command in (("list",), ("actions",)):
        run = cli(*command)
        assert run.exit_code == 0 and f"{healthy}/relationships/ada: is a link" in run.stderr
    assert "Grace Hopper" in cli("list").stdout
    fails("show", "ada")
    fails("recap", "ada", "--summary", "x", "--no-input")
    assert not (elsewhere / "recaps" / "2026-03-15-2.md").exists()


def test_a_relationship_file_that_is_a_folder_does_not_vanish(healthy: Path) -> None:
    path = at(healthy, "relationships/ada/relationship.toml")
    path.unlink()
    path.mkdir()
    assert f"{path}: is a folder" in cli("list").stderr
    assert f"{path}: is a folder" in fails("show", "ada").stderr
    fails("new-relationship", "Ada", "--slug", "ada", "--role", "mentee", "--no-input")
    assert path.is_dir()


@pytest.mark.parametrize("make", ["folder", "dangling-link"])
def test_a_bad_goals_file_is_never_read_as_empty_nor_replaced(
    healthy: Path, tmp_path: Path, make: str
) -> None:
    path = at(healthy, "relationships/ada/goals.toml")
    CORRUPTIONS[make](KINDS[1], path, tmp_path / "outside")
    before = snapshot(path)
    assert str(path) in fails("goal", "add", "ada", "Another", "--no-input").stderr
    assert snapshot(path) == before


def test_a_left_over_ids_file_is_neither_read_nor_changed(healthy: Path) -> None:
    """v1's counter (`ids.toml`) is gone: even one from a newer mentorlog is left alone."""
    ids = healthy / "ids.toml"
    ids.write_text("schema_version = 2\nnext_goal = 7\nnext_action = 9\n")
    before = ids.read_bytes()
    ok("goal", "add", "ada", "New", "--no-input")
    assert ids.read_bytes() == before


def test_a_pipe_in_place_of_a_recap_is_named_not_waited_on(healthy: Path) -> None:
    recap = at(healthy, "relationships/ada/recaps/2026-03-15.md")
    recap.unlink()
    os.mkfifo(recap)
    assert f"{recap}: is not a regular file" in cli("list").stderr
    assert f"{recap}: is not a regular file" in fails("log", "ada").stderr


def test_a_link_inside_the_home_is_read_but_never_replaced(healthy: Path) -> None:
    network = healthy / "network.toml"
    network.rename(healthy / "network-real.toml")
    network.symlink_to("network-real.toml")
    assert "Python" in cli("network", "--json").stdout
    assert f"{network}: is a link" in fails("network", "want", "Rust").stderr
    assert network.is_symlink() and "Rust" not in (healthy / "network-real.toml").read_text()


@pytest.mark.parametrize("bad", ["recaps/2026-03-05.md", "goals/g1.toml", "commitments/a1.toml"])
def test_a_bad_file_never_hides_its_relationship_from_the_listing(home: Path, bad: str) -> None:
    for name in ("Dee", "Eve"):
        ok("new-relationship", name, "--role", "mentee", "--started", "2026-03-01", "--no-input")
    ok("recap", "eve", "--date", "2026-03-04", "--summary", "first", "--no-input")
    path = at(home, "relationships", "eve") / bad
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("x = \n")
    for command in (["list"], ["list", "--status", "all"]):
        run = ok(*command, "--json")
        assert {r["slug"] for r in run.json()} == {"dee", "eve"}, run.stdout
        assert str(path) in run.stderr
    due = ok("due", "--json")
    assert {m["slug"] for m in due.json()["meetings"]} >= {"eve"}
    assert str(path) in due.stderr or bad == "goals/g1.toml"  # due has no need of goals
    rows = {r["slug"]: r for r in ok("list", "--json").json()}
    if bad.startswith("recaps"):  # the latest readable recap still tells when you last met
        assert rows["eve"]["last_meeting"] == "2026-03-04"


MARKERS = "<<<<<<< mine\nA\n=======\nB\n>>>>>>> theirs"


@pytest.mark.parametrize(
    "command",
    [
        ["new-relationship", "Bob", "--role", "mentor", "--purpose", MARKERS],
        ["recap", "cy", "--summary", MARKERS],
        ["recap", "cy", "--summary", "ok", "--takeaway", MARKERS],
        ["goal", "add", "cy", "Goal", "--why", MARKERS],
        ["reflect", "cy", "--set", "gratitude", "--answer", MARKERS],
    ],
)
def test_text_that_would_read_as_a_merge_conflict_is_refused_before_anything_is_written(
    home: Path, command: list[str]
) -> None:
    ok("new-relationship", "Cy", "--role", "mentee", "--started", "2026-03-01", "--no-input")
    before = sorted((p, p.read_bytes()) for p in home.rglob("*") if p.is_file())
    fails(*command, "--no-input", code=2)
    after = sorted((p, p.read_bytes()) for p in home.rglob("*") if p.is_file())
    assert [item for item in after if ".mentorlog" not in item[0].parts] == [
        item for item in before if ".mentorlog" not in item[0].parts
    ]
    ok("show", "cy")  # every file still reads


def test_a_listing_that_read_nothing_because_of_a_bad_file_never_says_there_is_nothing(
    home: Path,
) -> None:
    """A new user's report: with the only relationship's file broken, `list` said "No
    open relationships", `actions` "No open commitments", `due` "No meetings due"."""
    ok("new-relationship", "Zoe", "--role", "mentee", "--cadence", "weekly", "--no-input")
    ok("recap", "zoe", "--summary", "x", "--action", "send CV", "--no-input")
    ok("goal", "add", "zoe", "Ship it", "--no-input")
    path = next(home.glob("relationships/*/relationship.toml"))
    path.write_text(path.read_text().replace('cadence = "weekly"', "cadence = weekly"))
    for command in (["list"], ["actions"], ["due"], ["goal", "list"]):
        run = cli(*command)
        assert "among those read: 1 file skipped" in run.stdout, (command, run.stdout)
        assert "No open relationships." not in run.stdout and "commitments." not in run.stdout
        assert "No meetings due this week." not in run.stdout
        assert "No goals yet" not in run.stdout
        assert str(path) in run.stderr


@pytest.mark.parametrize(
    ("change", "said"),
    [
        (
            ('role = "mentee"', 'role = "Mentee"'),
            "field 'role': should be mentor, mentee or peer, not 'Mentee'",
        ),
        (
            ('cadence = "weekly"', "cadence = weekly"),
            'a value TOML cannot read (text needs quotes: "like this")',
        ),
        (('role = "mentee"', 'role = "mentee"\nrole = "peer"'), "'role' is given twice"),
        (
            ("started = 2026-03-15", 'started = "next tuesday"'),
            "field 'started': should be a date like 2026-12-04, not 'next tuesday'",
        ),
    ],
)
def test_a_hand_edit_error_says_what_to_write_in_our_words(
    home: Path, change: tuple[str, str], said: str
) -> None:
    """A new user's report: "Input should be a valid date or datetime, invalid character
    in year", "Cannot overwrite a value", "Input should be 'mentor', 'mentee' or 'peer'"."""
    ok("new-relationship", "Zoe", "--role", "mentee", "--cadence", "weekly",
       "--started", "2026-03-15", "--no-input")  # fmt: skip
    path = next(home.glob("relationships/*/relationship.toml"))
    assert change[0] in path.read_text()
    path.write_text(path.read_text().replace(change[0], change[1], 1))
    run = fails("show", "zoe")
    assert said in run.stderr, run.stderr
    assert "Input should" not in run.stderr and "Cannot overwrite" not in run.stderr


def test_a_filter_that_matches_nothing_says_so_beside_a_bad_file(home: Path) -> None:
    """A review's finding: `list --status closed` with one good active relationship and
    one bad one said no relationship "could be read"."""
    ok("new-relationship", "Zoe", "--role", "mentee", "--no-input")
    ok("new-relationship", "Ann", "--role", "mentee", "--cadence", "weekly", "--no-input")
    path = next(p for p in home.glob("relationships/*/relationship.toml") if "Ann" in p.read_text())
    path.write_text(path.read_text().replace('cadence = "weekly"', "cadence = weekly"))
    run = cli("list", "--status", "closed")
    assert "No closed relationships among those read: 1 file skipped" in run.stdout
