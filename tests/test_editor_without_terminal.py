"""An editor is asked for by name (`config edit`, `--edit`) but none is set and there is no
terminal: mentorlog says how to set one, and never starts nano or vi without a terminal
(where vi reads garbage, exits 1 and leaves a draft behind)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.helpers import fails, new, ok


@pytest.fixture
def fallback_ran(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A `nano` and a `vi` first on PATH that only note they were started."""
    bin_dir, ran = tmp_path / "bin", tmp_path / "fallback-ran"
    bin_dir.mkdir()
    for name in ("nano", "vi"):
        fake = bin_dir / name
        fake.write_text(f"#!/bin/sh\ntouch {ran}\nexit 1\n")
        fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    return ran


@pytest.mark.parametrize(
    "args",
    [
        ("config", "edit"),
        ("agreement", "ada-lovelace", "--edit"),
        ("reflect", "ada-lovelace", "--set", "gratitude", "--edit"),
        ("recap", "ada-lovelace", "--edit"),
    ],
    ids=" ".join,
)
@pytest.mark.parametrize("no_input", [True, False], ids=["no-input", "piped"])
def test_no_editor_and_no_terminal_is_a_clear_error(
    args: tuple[str, ...], no_input: bool, fallback_ran: Path, home: Path
) -> None:
    new()
    run = fails(*args, *(["--no-input"] if no_input else []), code=2)
    assert "$EDITOR" in run.stderr, run.stderr
    assert not fallback_ran.exists(), "a terminal editor was started with no terminal"
    assert not list(home.rglob("drafts/*")), "nothing is left behind"


def test_a_past_recap_opens_in_the_editor_set_in_config_with_no_terminal(
    tmp_path: Path, fallback_ran: Path
) -> None:
    """`config set editor` counts as an editor for `recap --edit ID` as for every edit."""
    editor = tmp_path / "editor.sh"
    editor.write_text('#!/bin/sh\nprintf "\\nAdded later.\\n" >> "$1"\n')
    editor.chmod(0o755)
    new()
    ok("config", "set", "editor", str(editor), "--no-input")
    recap = ok("recap", "ada-lovelace", "--summary", "Talked", "--json", "--no-input").json()
    ok("recap", "--edit", recap["recap"]["id"], "--no-input")
    assert "Added later." in ok("read", recap["recap"]["id"]).stdout
    assert not fallback_ran.exists()


@pytest.mark.parametrize("editor", ["vi", "vim -u NONE", "nano", "/usr/bin/nvim", "emacs -nw"])
def test_a_terminal_editor_set_in_editor_is_not_started_without_a_terminal(
    editor: str, fallback_ran: Path, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A new user's report: `EDITOR=vi mentorlog edit zoe </dev/null` started vi, which
    printed pages of escape codes, failed, and left a draft behind (exit 1)."""
    new()
    monkeypatch.setenv("EDITOR", editor)
    run = fails("edit", "ada-lovelace", code=2)
    name = editor.split()[0].rsplit("/", 1)[-1]
    assert f"{name} needs a terminal" in run.stderr, run.stderr
    assert not list(home.rglob("drafts/*")), "nothing is left behind"


def test_an_editor_that_needs_no_terminal_still_runs_without_one(
    tmp_path: Path, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A script as $EDITOR (as `GIT_EDITOR=...` for git) edits with no terminal."""
    new()
    editor = tmp_path / "editor.sh"
    editor.write_text('#!/bin/sh\nsed -i "s/^purpose = .*/purpose = \\"scripted\\"/" "$1"\n')
    editor.chmod(0o755)
    monkeypatch.setenv("EDITOR", str(editor))
    ok("edit", "ada-lovelace")
    assert ok("show", "ada-lovelace", "--json").json()["purpose"] == "scripted"


@pytest.mark.parametrize("flags", ["-es", "--headless"])
def test_a_terminal_editor_told_to_run_as_a_script_still_runs(
    flags: str, tmp_path: Path, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A review's finding: `EDITOR="vim -es ..."` was refused by its name."""
    new()
    fake = tmp_path / "bin" / "vim"
    fake.parent.mkdir()
    fake.write_text(
        '#!/bin/sh\nfor f; do :; done\nsed -i "s/^purpose = .*/purpose = \\"ok\\"/" "$f"\n'
    )
    fake.chmod(0o755)
    monkeypatch.setenv("EDITOR", f"{fake} {flags}")
    ok("edit", "ada-lovelace")
    assert ok("show", "ada-lovelace", "--json").json()["purpose"] == "ok"
