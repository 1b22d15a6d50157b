"""`mentorlog doctor`: an all-clear on a healthy store; every bad file named with a fix."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from tests.helpers import cli, new, ok
from tests.store_fixtures import (
    CORRUPTIONS,
    EMPTY_IS_FINE,
    KINDS,
    READS_FINE,
    Kind,
    at,
    snapshot,
)


def test_a_healthy_store_is_all_clear(healthy: Path) -> None:
    findings = ok("doctor", "--json").json()["findings"]
    assert [(f["kind"], f["needs_attention"]) for f in findings] == [("draft", False)]
    (at(healthy, "relationships/ada/drafts/recap.md")).unlink()  # a fresh draft is only a note
    run = ok("doctor")
    assert run.stdout.startswith("All clear") and len(run.stdout.splitlines()) == 1


def test_an_empty_home_is_all_clear(home: Path) -> None:
    assert "All clear" in ok("doctor").stdout


TEXT_EDITS = {"invalid-toml", "wrong-types", "unknown-keys", "newer-schema", "conflict"}


def _reads_fine(kind: Kind, corruption: str) -> bool:
    if corruption in READS_FINE:
        return True
    if kind.name == "draft":  # free text: only what is not text is a problem
        return corruption in TEXT_EDITS | {"empty", "missing-keys"}
    if corruption == "missing-keys":
        return kind.required is None
    return corruption == "empty" and kind.name in EMPTY_IS_FINE


@pytest.mark.parametrize("corruption", sorted(CORRUPTIONS))
@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.name)
def test_doctor_names_each_bad_file(
    healthy: Path, tmp_path: Path, kind: Kind, corruption: str
) -> None:
    path = at(healthy, kind.path)
    CORRUPTIONS[corruption](kind, path, tmp_path / "outside")
    before = snapshot(path)
    run = cli("doctor", "--json")
    named = [f for f in run.json()["findings"] if f["path"] == str(path) and f["needs_attention"]]
    if _reads_fine(kind, corruption):
        others = {f["kind"] for f in run.json()["findings"] if f["needs_attention"]}
        assert not named and others <= {"dangling_reference"}, run.stdout  # goals emptied
        return
    assert run.exit_code == 4, run.stdout
    assert named and all(f["fix"] for f in named), run.stdout
    if corruption == "conflict":
        assert named[0]["kind"] == "conflict"
    if corruption == "newer-schema":
        assert named[0]["kind"] == "newer_schema"
    text = cli("doctor").stdout
    assert f"{path}:" in text and "what to do:" in text
    assert snapshot(path) == before


def test_fix_makes_modes_private_and_removes_temp_files(healthy: Path) -> None:
    os.chmod(healthy, 0o755)
    goals = at(healthy, "relationships/ada/goals.toml")
    os.chmod(goals, 0o644)
    temp = goals.parent / ".goals.toml.x1y2z3w4.tmp"
    temp.write_text("schema_version = 1\n[[goals]]\n")
    run = cli("doctor")
    assert run.exit_code == 4
    assert "mode 0755" in run.stdout and "mode 0644" in run.stdout
    assert "interrupted save of goals.toml" in run.stdout and "'schema_version = 1'" in run.stdout
    assert "`mentorlog doctor --fix` can fix 3 of them" in run.stdout
    fixed = ok("doctor", "--fix").stdout
    assert f"fixed: {healthy}: made it private" in fixed
    assert f"fixed: {temp}: removed the leftover temp file" in fixed
    assert not temp.exists()
    assert healthy.stat().st_mode & 0o777 == 0o700 and goals.stat().st_mode & 0o777 == 0o600
    assert "Nothing needs your attention" in ok("doctor").stdout  # a fresh draft: a note


def test_orphans_old_drafts_and_dangling_references_are_named(healthy: Path) -> None:
    (healthy / "notes.txt").write_text("mine")
    (at(healthy, "relationships/ada/recaps/2026-3-1.md")).write_text("+++\n+++\n")
    draft = at(healthy, "relationships/ada/drafts/recap.md")
    os.utime(draft, (0, 1_700_000_000))
    at(healthy, "relationships/ada/actions.toml").unlink()  # the commitment's own file
    run = cli("doctor", "--json")
    assert run.exit_code == 4
    found = {(f["kind"], Path(f["path"]).name[:12]): f for f in run.json()["findings"]}
    assert ("orphan", "notes.txt") in found and ("orphan", "2026-3-1.md") in found  # short
    assert "What we said about the CV" in found[("draft", "recap.md")]["message"]
    assert found[("draft", "recap.md")]["needs_attention"]
    dangling = found[("dangling_reference", "2026-03-15-s")]  # the recap <date>-<sid>.md
    assert re.search(r"names commitment a[0-9a-z]{10}, which is not there", dangling["message"])


def test_kept_editor_text_and_set_aside_drafts_are_known(healthy: Path) -> None:
    drafts = at(healthy, "relationships/ada/drafts")
    (drafts / "recap.md.base").write_text("what it started from\n")
    (drafts / "set-aside").mkdir()
    (drafts / "set-aside" / "recap-20260301-120000.md").write_text("older text\n")
    for path in (drafts / "recap.md.base", drafts / "set-aside", *drafts.glob("set-aside/*")):
        os.chmod(path, 0o700 if path.is_dir() else 0o600)
    findings = ok("doctor", "--json").json()["findings"]
    assert {(f["kind"], Path(f["path"]).name) for f in findings} == {
        ("draft", "recap.md"),
        ("draft", "recap-20260301-120000.md"),
    }


def test_the_homes_own_drafts_folder_is_known(home: Path) -> None:
    """An interrupted new-relationship leaves <home>/drafts/; doctor must not call it unknown."""
    ok("new-relationship", "Ada", "--role", "mentee", "--no-input")
    drafts = home / "drafts"
    drafts.mkdir(mode=0o700)
    (drafts / "new-relationship.toml").write_text('partner = "Wang Fang"\n')
    (drafts / "new-relationship.toml").chmod(0o600)
    run = cli("doctor")
    assert run.exit_code == 0, run.stdout
    assert "does not know" not in run.stdout


def test_a_drafted_walk_is_shown_by_its_first_words_not_its_raw_toml(home: Path) -> None:
    """A new user's report: doctor showed a recap walk's draft as `'done = []'`."""
    ok("new-relationship", "Ada", "--role", "mentee", "--no-input")
    drafts = home / "drafts"
    drafts.mkdir(mode=0o700)
    draft = drafts / "recap.toml"
    draft.write_text('done = []\nsummary = """We talked about\nthe CV."""\nsaved = "x"\n')
    draft.chmod(0o600)
    (finding,) = ok("doctor", "--json").json()["findings"]
    assert finding["message"].endswith("ago: 'We talked about the CV.'")
    draft.write_text("done = [\n")  # broken: its first line, as before
    (finding,) = ok("doctor", "--json").json()["findings"]
    assert finding["message"].endswith("ago: 'done = ['")


def test_a_folder_that_is_no_relationship_is_named_once_and_not_read(home: Path) -> None:
    """A copy with a made-up name, or notes of one's own, under relationships/: doctor
    said "'ada.pzzzzzzzz' is not a valid slug" and stopped, exit 2."""
    new("Ada")
    [folder] = (home / "relationships").iterdir()
    copy = folder.with_name("ada.pzzzzzzzz")
    shutil.copytree(folder, copy)
    notes = home / "relationships" / "My Notes"
    notes.mkdir(mode=0o700)
    (notes / "ideas.md").write_text("mine")
    run = cli("doctor", "--json")
    assert run.exit_code == 4
    named = sorted(f["path"] for f in run.json()["findings"])
    assert named == [str(notes), str(copy)]
    assert [r["slug"] for r in ok("list", "--json").json()] == ["ada"]


def test_a_real_recap_walk_draft_is_shown_by_what_was_said(home: Path) -> None:
    """A review's finding: a recap walk's draft begins `done`, `date`, `minutes`, and
    doctor named it by its date."""
    ok("new-relationship", "Ada", "--role", "mentee", "--no-input")
    [folder] = (home / "relationships").iterdir()
    drafts = folder / "drafts"
    drafts.mkdir(mode=0o700)
    draft = drafts / "recap.toml"
    draft.write_text(
        'done = []\ndate = "2026-03-15"\nminutes = 0\nsummary = "We talked"\n'
        'unfinished = "summary"\n'
    )
    draft.chmod(0o600)
    (finding,) = ok("doctor", "--json").json()["findings"]
    assert finding["message"].endswith("ago: 'We talked'"), finding["message"]
