"""A recap never deletes a draft it did not use, and never records an empty session."""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

import pytest

from tests.helpers import Made, cli, fails, new, ok
from tests.pty import answer, finish, spawn
from tests.store_fixtures import at


def drafts_of(home: Path) -> Path:
    return at(home, "relationships", "ada", "drafts")


def recaps_of(home: Path) -> list[Path]:
    return sorted((at(home, "relationships", "ada", "recaps")).glob("*.md"))


@pytest.fixture
def unfinished(home: Path) -> Path:
    """An interactive recap that was interrupted: its answers wait in a draft."""
    new("Ada")
    drafts_of(home).mkdir(parents=True)
    draft = drafts_of(home) / "recap.toml"
    draft.write_text('date = "2026-03-15"\nsummary = "half of what we said"\n')
    return draft


def test_recap_no_input_keeps_an_unfinished_draft_and_says_where(unfinished: Path) -> None:
    before = unfinished.read_bytes()
    run = ok("recap", "ada", "--summary", "a quick note", "--no-input")
    assert unfinished.read_bytes() == before
    warning = " ".join(run.stderr.split())
    assert "warning:" in warning and str(unfinished) in warning.replace(" ", "")
    assert "mentorlog recap ada" in warning


def test_recap_no_input_keeps_an_unreadable_draft(unfinished: Path) -> None:
    unfinished.write_text('summary = "precious, and broken\n')
    before = unfinished.read_bytes()
    ok("recap", "ada", "--summary", "a quick note", "--no-input")
    assert unfinished.read_bytes() == before


def test_recap_edit_without_a_terminal_does_not_overwrite_a_walk_draft(
    unfinished: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    script = tmp_path / "write.py"
    script.write_text(
        textwrap.dedent(
            """
            import sys, pathlib
            p = pathlib.Path(sys.argv[1])
            p.write_text(p.read_text() + "Edited notes.\\n")
            """
        )
    )
    monkeypatch.setenv("EDITOR", f"{sys.executable} {script}")
    before = unfinished.read_bytes()
    ok("recap", "ada", "--edit", "--no-input")
    assert unfinished.read_bytes() == before
    assert not (unfinished.parent / "recap.md").exists()  # the --edit text was used: stored


def test_a_recap_without_edit_keeps_an_unfinished_edit_draft(home: Path) -> None:
    new("Ada")
    drafts_of(home).mkdir(parents=True)
    kept = drafts_of(home) / "recap.md"
    kept.write_text("Notes I was still writing.\n")
    run = ok("recap", "ada", "--summary", "another session", "--no-input")
    assert kept.read_text() == "Notes I was still writing.\n"
    assert "recap.md" in run.stderr


def test_declining_an_unfinished_recap_sets_it_aside(home: Path, unfinished: Path) -> None:
    child = spawn(home, "recap", "ada")
    answer(child, "Pick it up?", "n")
    child.expect_exact("set aside")
    child.sendintr()
    finish(child)
    (aside,) = (drafts_of(home) / "set-aside").glob("recap-*.toml")
    assert "half of what we said" in aside.read_text()


@pytest.mark.parametrize(
    "args",
    [
        ["--no-input"],
        ["--minutes", "30", "--no-input"],
        ["--summary", "   ", "--no-input"],
        ["--takeaway", "", "--no-input"],
    ],
)
def test_an_empty_recap_is_refused(home: Path, args: list[str]) -> None:
    new("Ada", "--cadence", "weekly")
    before = (at(home, "relationships", "ada", "relationship.toml")).read_bytes()
    run = fails("recap", "ada", *args, code=2)
    assert "--summary" in run.stderr and "--takeaway" in run.stderr
    assert recaps_of(home) == []
    assert (at(home, "relationships", "ada", "relationship.toml")).read_bytes() == before
    assert ok("show", "ada", "--json").json()["meetings"] == 0


def test_recap_with_no_terminal_and_no_input_is_refused(home: Path) -> None:
    new("Ada")
    run = cli("recap", "ada", input="")
    assert run.exit_code == 2 and "nothing to record" in run.stderr
    assert recaps_of(home) == []


@pytest.mark.parametrize(
    "args",
    [
        ["--summary", "we talked"],
        ["--takeaway", "ask early"],
        ["--decision", "monthly it is"],
        ["--action", "send the outline"],
        ["--done", "a1"],
        ["--progress", "g1=20"],
    ],
)
def test_any_one_thing_said_makes_a_recap(home: Path, made: Made, args: list[str]) -> None:
    new("Ada", "--started", "2026-03-01")
    ok("goal", "add", "ada", "Publish", "--no-input")
    ok("recap", "ada", "--date", "2026-03-14", "--action", "first", "--no-input")
    ok("recap", "ada", *map(made.sub, args), "--no-input")
    assert len(recaps_of(home)) == 2


def test_a_walk_with_nothing_said_saves_nothing(home: Path) -> None:
    new("Ada", "--cadence", "weekly")
    child = spawn(home, "recap", "ada")
    for prompt in ("When did you meet?", "How long", "talk about?", "take away?", "decided?"):
        answer(child, prompt, "")
    answer(child, "Commitment", "")
    answer(child, "Next meeting?", "")
    child.expect_exact("Nothing was said, so nothing is saved")
    assert finish(child) == 0
    assert recaps_of(home) == []
    assert ok("show", "ada", "--json").json()["meetings"] == 0
    # and no draft of nothing is left to be offered (and fail) next time
    assert not (at(home, "relationships", "ada", "drafts", "recap.toml")).exists()
    child = spawn(home, "recap", "ada")
    child.expect_exact("When did you meet?")
    child.sendintr()
    finish(child)
