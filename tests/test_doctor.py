"""`mentorlog doctor`: an all-clear on a healthy store; every bad file named with a fix."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.helpers import cli, ok
from tests.store_fixtures import CORRUPTIONS, KINDS, Kind, build_healthy, expect_fine, snapshot


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("template") / "home"
    build_healthy(home)
    return home


@pytest.fixture
def healthy(template: Path, home: Path) -> Path:
    shutil.copytree(template, home, symlinks=True)
    return home


def test_a_healthy_store_is_all_clear(healthy: Path) -> None:
    findings = ok("doctor", "--json").json()["findings"]
    assert [(f["kind"], f["needs_attention"]) for f in findings] == [("draft", False)]
    (healthy / "relationships/ada/drafts/recap.md").unlink()  # a fresh draft is only a note
    run = ok("doctor")
    assert run.stdout.startswith("All clear") and len(run.stdout.splitlines()) == 1


def test_an_empty_home_is_all_clear(home: Path) -> None:
    assert "All clear" in ok("doctor").stdout


@pytest.mark.parametrize(
    "corruption", sorted(set(CORRUPTIONS) - {"bom", "crlf", "empty", "missing-keys"})
)
@pytest.mark.parametrize("kind", [k for k in KINDS if k.name != "ids"], ids=lambda k: k.name)
def test_doctor_names_each_bad_file(
    healthy: Path, tmp_path: Path, kind: Kind, corruption: str
) -> None:
    if kind.name == "draft" and corruption not in ("binary", "folder", "dangling-link"):
        pytest.skip("a draft is free text: only what is not text is a problem")
    path = healthy / kind.path
    CORRUPTIONS[corruption](kind, path, tmp_path / "outside")
    before = snapshot(path)
    run = cli("doctor", "--json")
    assert run.exit_code == 1, run.stdout
    named = [f for f in run.json()["findings"] if f["path"] == str(path) and f["needs_attention"]]
    assert named and all(f["fix"] for f in named), run.stdout
    if corruption == "conflict":
        assert named[0]["kind"] == "conflict"
    if corruption == "newer-schema":
        assert named[0]["kind"] == "newer_schema"
    text = cli("doctor").stdout
    assert f"{path}:" in text and "what to do:" in text
    assert snapshot(path) == before


@pytest.mark.parametrize("corruption", ["bom", "crlf"])
def test_a_bom_or_crlf_is_fine(healthy: Path, tmp_path: Path, corruption: str) -> None:
    for kind in KINDS:
        if expect_fine(kind, corruption):
            CORRUPTIONS[corruption](kind, healthy / kind.path, tmp_path)
    ok("doctor")


def test_fix_makes_modes_private_and_removes_temp_files(healthy: Path) -> None:
    os.chmod(healthy, 0o755)
    goals = healthy / "relationships/ada/goals.toml"
    os.chmod(goals, 0o644)
    temp = goals.parent / ".goals.toml.x1y2z3w4.tmp"
    temp.write_text("schema_version = 1\n[[goals]]\n")
    run = cli("doctor")
    assert run.exit_code == 1
    assert "mode 0755" in run.stdout and "mode 0644" in run.stdout
    assert "interrupted save of goals.toml" in run.stdout and "'schema_version = 1'" in run.stdout
    assert "`mentorlog doctor --fix` can fix 3 of them" in run.stdout
    fixed = ok("doctor", "--fix").stdout
    assert f"fixed: {healthy}: made it private" in fixed
    assert f"fixed: {temp}: removed the leftover temp file" in fixed
    assert not temp.exists()
    assert healthy.stat().st_mode & 0o777 == 0o700 and goals.stat().st_mode & 0o777 == 0o600
    assert "All clear" in ok("doctor").stdout


def test_orphans_old_drafts_and_dangling_references_are_named(healthy: Path) -> None:
    (healthy / "notes.txt").write_text("mine")
    (healthy / "relationships/ada/recaps/2026-3-1.md").write_text("+++\n+++\n")
    draft = healthy / "relationships/ada/drafts/recap.md"
    os.utime(draft, (0, 1_700_000_000))
    (healthy / "relationships/ada/actions.toml").write_text("schema_version = 1\n")
    run = cli("doctor", "--json")
    assert run.exit_code == 1
    found = {(f["kind"], Path(f["path"]).name): f for f in run.json()["findings"]}
    assert ("orphan", "notes.txt") in found and ("orphan", "2026-3-1.md") in found
    assert "What we said about the CV" in found[("draft", "recap.md")]["message"]
    assert found[("draft", "recap.md")]["needs_attention"]
    dangling = found[("dangling_reference", "2026-03-15.md")]
    assert "commitment a1" in dangling["message"]
