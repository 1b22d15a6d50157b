"""Kept editor text remembers what it started from, and never undoes a later change."""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

import pytest

from tests.helpers import cli, fails, new, ok
from tests.pty import answer, finish, spawn
from tests.store_fixtures import at

BREAK = """
import sys, pathlib
p = pathlib.Path(sys.argv[1])
old, new = 'purpose = "learn engines"', 'purpose = "learn engines and more'
p.write_text(p.read_text().replace(old, new))
"""
MEND = """
import sys, pathlib
p = pathlib.Path(sys.argv[1])
p.write_text(p.read_text().replace('and more\\n', 'and more"\\n'))
"""


def editor(tmp_path: Path, body: str, name: str = "editor.py") -> str:
    script = tmp_path / name
    script.write_text(textwrap.dedent(body))
    return f"{sys.executable} {script}"


def rel_file(home: Path) -> Path:
    return at(home, "relationships", "ada", "relationship.toml")


def drafts_of(home: Path) -> Path:
    return at(home, "relationships", "ada", "drafts")


@pytest.fixture
def kept_then_changed(home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The issue's steps: a broken edit is kept, then the file changes by other commands."""
    new("Ada", "--purpose", "learn engines")
    monkeypatch.setenv("EDITOR", editor(tmp_path, BREAK, "break.py"))
    assert "kept" in fails("edit", "ada").stderr
    ok("pause", "ada", "--until", "2026-05-01")
    ok("edit", "ada", "--channel", "Zoom")
    monkeypatch.setenv("EDITOR", editor(tmp_path, MEND, "mend.py"))
    return home


def test_a_kept_draft_does_not_undo_later_changes_without_being_asked(
    kept_then_changed: Path,
) -> None:
    home = kept_then_changed
    before = rel_file(home).read_text()
    run = fails("edit", "ada", code=2)
    assert "relationship.toml changed since you kept your draft" in run.stderr
    assert "--kept-draft" in run.stderr
    assert rel_file(home).read_text() == before
    assert (drafts_of(home) / "relationship.toml").is_file()


def test_merge_keeps_both_the_draft_and_the_later_changes(kept_then_changed: Path) -> None:
    home = kept_then_changed
    shown = ok("edit", "ada", "--kept-draft", "merge", "--json").json()
    assert shown["status"] == "paused" and shown["channel"] == "Zoom"
    assert shown["purpose"] == "learn engines and more"
    assert [e["event"] for e in shown["history"]] == ["started", "paused"]
    assert not list(drafts_of(home).iterdir())


def test_use_keeps_the_draft_over_the_newer_file_when_asked(kept_then_changed: Path) -> None:
    shown = ok("edit", "ada", "--kept-draft", "use", "--json").json()
    assert shown["status"] == "active" and shown["purpose"] == "learn engines and more"


def test_set_aside_starts_from_the_file_and_says_where_the_draft_went(
    kept_then_changed: Path,
) -> None:
    home = kept_then_changed
    before = rel_file(home).read_text()
    run = ok("edit", "ada", "--kept-draft", "set-aside")
    assert rel_file(home).read_text() == before
    (aside,) = (drafts_of(home) / "set-aside").glob("relationship-*.toml")
    assert str(aside) in run.stderr.replace("\n", "")
    assert 'purpose = "learn engines and more\n' in aside.read_text()
    assert not (drafts_of(home) / "relationship.toml").exists()
    # doctor: no command offers it again, so it does not say "run the command again"
    [note] = [f for f in cli("doctor", "--json").json()["findings"] if f["path"] == str(aside)]
    assert "set aside" in note["message"] and "run the command" not in note["fix"]
    said = ok("doctor").stdout
    assert "All clear" not in said and "Nothing needs your attention" in said


def test_an_unchanged_file_resumes_the_draft_without_a_question(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    new("Ada", "--purpose", "learn engines")
    monkeypatch.setenv("EDITOR", editor(tmp_path, BREAK, "break.py"))
    fails("edit", "ada")
    monkeypatch.setenv("EDITOR", editor(tmp_path, MEND, "mend.py"))
    run = ok("edit", "ada", "--json")
    assert "Continuing from the text you kept" in run.stderr
    assert run.json()["purpose"] == "learn engines and more"
    assert not list(drafts_of(home).iterdir())


CHANNEL_MEET = """
import sys, pathlib
p = pathlib.Path(sys.argv[1])
p.write_text(p.read_text().replace('channel = ""', 'channel = "Meet"') + "oops = [\\n")
"""
PICK_MINE = """
import sys, pathlib
p = pathlib.Path(sys.argv[1])
out, skip = [], False
for line in p.read_text().splitlines(keepends=True):
    if line.startswith("<<<<<<<") or line.startswith(">>>>>>>"):
        skip = False
        continue
    if line == "=======\\n":
        skip = True
        continue
    if not skip and not line.startswith("oops"):
        out.append(line)
p.write_text("".join(out))
"""


def test_both_changing_a_line_is_marked_and_markers_are_refused(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    new("Ada", "--purpose", "learn engines")
    monkeypatch.setenv("EDITOR", editor(tmp_path, CHANNEL_MEET, "meet.py"))
    fails("edit", "ada")
    ok("edit", "ada", "--channel", "Zoom")
    before = rel_file(home).read_text()
    monkeypatch.setenv("EDITOR", editor(tmp_path, "pass\n", "nothing.py"))
    run = cli("edit", "ada", "--kept-draft", "merge")
    assert run.exit_code == 1 and "Both changed one place" in run.stderr
    assert "conflict marker" in run.stderr and "relationship.toml:10" in run.stderr
    assert rel_file(home).read_text() == before
    kept = (drafts_of(home) / "relationship.toml").read_text()
    assert '<<<<<<< your draft\nchannel = "Meet"\n=======\nchannel = "Zoom"\n' in kept
    monkeypatch.setenv("EDITOR", editor(tmp_path, PICK_MINE, "pick.py"))
    shown = ok("edit", "ada", "--json").json()  # the markers were put in after the change
    assert shown["channel"] == "Meet"


def test_an_agreement_draft_is_not_silently_behind_the_goals(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    new("Ada", "--purpose", "learn engines")
    broken = """
    import sys, pathlib
    p = pathlib.Path(sys.argv[1])
    p.write_text(p.read_text() + "\\n<<<<<<< not finished\\n")
    """
    monkeypatch.setenv("EDITOR", editor(tmp_path, broken))
    fails("agreement", "ada", "--edit")
    ok("goal", "add", "ada", "Ship the difference engine", "--no-input")
    assert "--kept-draft" in fails("agreement", "ada", "--edit", code=2).stderr


def test_choosing_in_a_terminal_shows_the_difference_then_merges(
    kept_then_changed: Path, tmp_path: Path
) -> None:
    home = kept_then_changed
    child = spawn(home, "edit", "ada")  # $EDITOR (the mending one) is inherited
    answer(child, "What now?", "d")
    child.expect_exact('+status = "paused"')
    answer(child, "What now?", "m")
    child.expect_exact("Merged")
    assert finish(child) == 0
    assert 'status = "paused"' in rel_file(home).read_text()
    assert 'purpose = "learn engines and more"' in rel_file(home).read_text()


def test_keeping_the_file_in_a_terminal_sets_the_draft_aside(
    kept_then_changed: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    home = kept_then_changed
    monkeypatch.setenv("EDITOR", editor(tmp_path, "pass\n", "nothing.py"))
    before = rel_file(home).read_text()
    child = spawn(home, "edit", "ada")
    answer(child, "What now?", "f")
    child.expect_exact("set aside")
    assert finish(child) == 0
    assert rel_file(home).read_text() == before
    assert len(list((drafts_of(home) / "set-aside").glob("relationship-*.toml"))) == 1


WEEKLY = """schema_version = 1
name = "weekly"
title = "My weekly look back"
about = "Five minutes on Friday."

[[questions]]
key = "win"
text = "What went well?"

[[questions]]
key = "next"
text = "{second}"
"""


def test_a_reflect_draft_merges_with_changed_questions(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    prompt_file = home / "prompts" / "weekly.toml"
    prompt_file.parent.mkdir(parents=True)
    prompt_file.write_text(WEEKLY.format(second="What next?"))
    answer_then_crash = """
    import sys, pathlib
    p = pathlib.Path(sys.argv[1])
    p.write_text(p.read_text().replace("## What went well?\\n", "## What went well?\\nA talk.\\n"))
    sys.exit(1)
    """
    monkeypatch.setenv("EDITOR", editor(tmp_path, answer_then_crash))
    assert "kept" in fails("reflect", "--set", "weekly", "--edit", "--no-input").stderr
    prompt_file.write_text(WEEKLY.format(second="What will you try next week?"))
    monkeypatch.setenv("EDITOR", editor(tmp_path, "pass\n", "nothing.py"))
    run = fails("reflect", "--set", "weekly", "--edit", "--no-input", code=2)
    assert "the 'weekly' questions changed" in run.stderr and "--kept-draft" in run.stderr
    saved = ok(
        "reflect", "--set", "weekly", "--edit", "--kept-draft", "merge", "--no-input", "--json"
    ).json()
    assert [e["answer"] for e in saved["entries"]] == ["A talk.", ""]
    assert saved["entries"][1]["question"] == "What will you try next week?"
    assert saved["body"] == ""
    assert not list((home / "drafts").glob("reflect-*"))


def test_something_odd_where_a_draft_goes_is_never_written_over(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    new("Ada", "--purpose", "learn engines")
    (drafts_of(home) / "relationship.toml").mkdir(parents=True)
    monkeypatch.setenv("EDITOR", editor(tmp_path, MEND))
    assert "is not a draft file" in fails("edit", "ada").stderr
    assert (drafts_of(home) / "relationship.toml").is_dir()


@pytest.mark.parametrize("crashing", ["agreement.md", "agreement.md.base"])
def test_a_crash_while_keeping_a_draft_never_makes_it_look_up_to_date(
    home: Path, monkeypatch: pytest.MonkeyPatch, crashing: str
) -> None:
    from datetime import date

    from mentorlog.core import drafts, files
    from mentorlog.core.context import Context

    ctx = Context(home=home, today=date(2026, 3, 15))
    drafts.save(ctx, "agreement.md", "my old draft\n", base="old file\n")
    real = files.atomic_write

    def crash(path: Path, text: str) -> None:
        if path.name == crashing:
            raise KeyboardInterrupt
        real(path, text)

    monkeypatch.setattr(drafts, "atomic_write", crash)
    with pytest.raises(KeyboardInterrupt):
        drafts.save(ctx, "agreement.md", "merged draft\n", base="new file\n")
    kept = drafts.kept(ctx, "agreement.md")
    assert kept is not None and kept.behind("new file\n")
