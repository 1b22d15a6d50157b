"""Relationship folders that never move (store v2): `relationships/<slug>.<pid>/`, with
the slug and the old slugs (`aliases`) inside relationship.toml. See docs/FORMAT.md."""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

from tests.helpers import cli, fails, new, ok
from tests.store_fixtures import at


def test_a_rename_keeps_the_reflections_about_it() -> None:
    """Issue 8: `edit sam-okafor --slug sam`, then `journal sam` said 'No reflections match'."""
    new("Sam Okafor", "--role", "mentor")
    ok("reflect", "sam-okafor", "--set", "gratitude", "--answer", "his patience", "--no-input")
    ok("edit", "sam-okafor", "--slug", "sam", "--no-input")
    [found] = ok("journal", "sam", "--json").json()
    assert found["slug"] == "sam"  # shown under its current slug
    assert "his patience" in ok("journal", "sam").stdout
    assert ok("journal", "sam-okafor", "--json").json() == [found]  # the old slug finds it
    assert ok("read", found["id"], "--json").json()["slug"] == "sam"


def test_new_folders_carry_an_id_and_the_slug_inside(home: Path) -> None:
    new("Ada Lovelace")
    [folder] = (home / "relationships").iterdir()
    assert (
        folder.name.startswith("ada-lovelace.p") and len(folder.name) == len("ada-lovelace.") + 11
    )
    data = tomllib.loads((folder / "relationship.toml").read_text())
    assert data["slug"] == "ada-lovelace" and "aliases" not in data
    assert ok("show", folder.name, "--json").json()["slug"] == "ada-lovelace"


def test_a_rename_moves_nothing_and_keeps_the_old_slug(home: Path) -> None:
    new("Ada Lovelace")
    ok("recap", "ada-lovelace", "--summary", "hi", "--no-input")
    before = sorted(p.relative_to(home) for p in home.rglob("*") if p.is_file())
    draft = at(home, "relationships/ada-lovelace") / "drafts" / "recap.md"
    draft.parent.mkdir(mode=0o700)
    draft.write_text("half a thought\n")
    ok("edit", "ada-lovelace", "--slug", "ada", "--no-input")
    ok("edit", "ada", "--slug", "countess", "--no-input")
    after = sorted(p.relative_to(home) for p in home.rglob("*") if p.is_file())
    assert after == sorted([*before, draft.relative_to(home)])  # no folder moved
    data = tomllib.loads(at(home, "relationships/countess/relationship.toml").read_text())
    assert data["slug"] == "countess" and data["aliases"] == ["ada-lovelace", "ada"]
    for typed in ("countess", "ada", "ada-lovelace"):
        assert ok("show", typed, "--json").json()["slug"] == "countess"
    assert [r["slug"] for r in ok("list", "--json").json()] == ["countess"]
    ok("edit", "countess", "--slug", "ada", "--no-input")  # back to an old slug: fine
    assert ok("show", "ada", "--json").json()["aliases"] == ["ada-lovelace", "countess"]


def test_old_slugs_are_taken_for_new_relationships() -> None:
    new("Sam Okafor", "--role", "mentor")
    ok("edit", "sam-okafor", "--slug", "sam", "--no-input")
    run = fails("new-relationship", "Sam Okafor", "--role", "mentee", "--no-input")
    assert "'sam-okafor' already exists" in run.stderr and "--slug sam-okafor-2" in run.stderr
    fails("new-relationship", "Sam", "--slug", "sam", "--role", "mentee", "--no-input")
    new("Grace Hopper")
    assert "already exists" in fails("edit", "grace-hopper", "--slug", "sam-okafor").stderr


def test_v1_folders_keep_working_beside_new_ones(home: Path) -> None:
    new("Ada Lovelace")
    v1 = home / "relationships" / "grace"
    shutil.copytree(at(home, "relationships/ada-lovelace"), v1)
    text = (v1 / "relationship.toml").read_text()
    (v1 / "relationship.toml").write_text(text.replace('slug = "ada-lovelace"\n', ""))
    assert ok("show", "grace", "--json").json()["slug"] == "grace"
    ok("edit", "grace", "--slug", "grace-hopper", "--no-input")
    assert v1.is_dir() and ok("show", "grace", "--json").json()["slug"] == "grace-hopper"
    assert sorted(r["slug"] for r in ok("list", "--json").json()) == [
        "ada-lovelace",
        "grace-hopper",
    ]


def test_one_slug_in_two_folders_names_both(home: Path) -> None:
    """Two machines each made 'ada-lovelace' offline: the folders differ, the slug not."""
    new("Ada Lovelace")
    [first] = (home / "relationships").iterdir()
    second = first.with_name("ada-lovelace.p0000000000")
    shutil.copytree(first, second)
    new("Grace Hopper")
    run = fails("show", "ada-lovelace", code=2)  # 2: the slug fits two
    assert first.name in run.stderr and second.name in run.stderr
    assert "--slug NEW" in run.stderr
    for listing in (("list",), ("due",), ("actions",), ("goal", "list"), ("recaps",)):
        run = ok(*listing)  # the clash hides only the two, and is named with the way out
        assert first.name in run.stderr and second.name in run.stderr, listing
        assert "--slug NEW" in run.stderr
    assert [r["slug"] for r in ok("list", "--json").json()] == ["grace-hopper"]
    assert ok("show", first.name, "--json").json()["slug"] == "ada-lovelace"
    [finding] = cli("doctor", "--json", "--no-input").json()["findings"]
    both = finding["path"] + finding["message"]
    assert first.name in both and second.name in both
    assert "has the slug 'ada-lovelace'" in finding["message"]
    ok("edit", second.name, "--slug", "ada-2", "--no-input")  # a folder's name always works
    assert sorted(r["slug"] for r in ok("list", "--json").json()) == [
        "ada-2",
        "ada-lovelace",
        "grace-hopper",
    ]


def test_delete_and_restore_a_relationship_in_its_folder(home: Path) -> None:
    new("Ada Lovelace")
    folder = at(home, "relationships/ada-lovelace")
    ok("edit", "ada-lovelace", "--slug", "ada", "--no-input")
    ok("delete", "relationship", "ada", "--yes", "--no-input")
    assert not folder.exists()
    fails("show", "ada")
    [entry] = ok("trash", "--json").json()
    ok("restore", entry["id"], "--no-input")
    assert folder.is_dir() and ok("show", "ada-lovelace", "--json").json()["slug"] == "ada"
    assert ok("doctor", "--json", "--no-input").json()["findings"] == []


def test_a_folder_not_named_as_a_relationship_is_named_wherever_it_is_passed_by(
    home: Path,
) -> None:
    """The attack on the store: "C D (copy)" with a relationship in it was left out of
    `list` and of the JSON backup without a word."""
    new("Ada Lovelace")
    copy = home / "relationships" / "C D (copy)"
    shutil.copytree(at(home, "relationships/ada-lovelace"), copy)
    run = ok("list", "--json")
    assert [r["slug"] for r in run.json()] == ["ada-lovelace"] and str(copy) in run.stderr
    assert "rename it" in run.stderr
    run = fails("export", "--format", "json")
    assert str(copy) in run.stderr  # a backup never leaves it out without a word
    assert ok("export", "ada-lovelace", "--format", "json").stdout  # one relationship: fine
    assert str(copy) in cli("doctor", "--json").stdout


def test_an_import_is_not_stopped_by_a_folder_of_ones_own(home: Path, tmp_path: Path) -> None:
    """The review: the strict whole export also stopped every `import` into a home with a
    notes folder under relationships/."""
    new("Ada Lovelace")
    exported = tmp_path / "ada.json"
    ok("export", "--format", "json", "-o", str(exported))
    (home / "relationships" / "My Notes").mkdir(mode=0o700)
    assert ok("import", str(exported), "--dry-run", "--json").json()["unchanged"] > 0
