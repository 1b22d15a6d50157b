"""Ctrl-C, a hang-up or SIGTERM while the editor is open never costs what was typed in it.

Ctrl-C at a terminal reaches every process in the foreground: the editor and mentorlog.
Editors treat it themselves (vim and nano go on editing), so mentorlog must neither stop
nor kill the editor (jrnl #1183: the editing session was lost). The editor here is a
small script that writes, then waits; on Ctrl-C it says so and goes on, like vim; the
test then types a line, which the editor adds before it saves and exits.
"""

from __future__ import annotations

import os
import signal
import sys
import textwrap
from pathlib import Path

import pytest

from mentorlog.cli import signals
from tests.helpers import new, ok
from tests.pty import finish, spawn
from tests.store_fixtures import at

EDITOR = """
import signal, sys, pathlib
path = pathlib.Path(sys.argv[1])
path.write_text(path.read_text() + "\\n# tok-before\\n")
signal.signal(signal.SIGINT, lambda *_: print("EDITOR-GOT-CTRL-C", flush=True))
signal.signal(signal.SIGHUP, lambda *_: sys.exit(0))  # a hang-up: saved so far, done
print("EDITOR-READY", flush=True)
line = sys.stdin.readline().strip()
path.write_text(path.read_text() + f"# {line}\\n")
"""

FLOWS = {
    "edit": ("edit", "ada"),
    "agreement --edit": ("agreement", "ada", "--edit"),
    "recap --edit": ("recap", "ada", "--edit", "--no-input"),
    "reflect --edit": ("reflect", "--set", "gratitude", "--edit", "--no-input"),
}


@pytest.fixture
def editor(home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    script = tmp_path / "editor.py"
    script.write_text(textwrap.dedent(EDITOR))
    monkeypatch.setenv("EDITOR", f"{sys.executable} {script}")
    new("Ada")
    return script


def _stored(home: Path) -> str:
    return "\n".join(
        p.read_text() for p in sorted(home.rglob("*")) if p.is_file() and "drafts" not in p.parts
    )


def _drafts(home: Path) -> list[Path]:
    return [p for p in home.rglob("*") if p.is_file() and "drafts" in p.parts]


@pytest.mark.parametrize("flow", FLOWS)
def test_ctrl_c_in_the_editor_leaves_the_edit_to_the_editor(
    flow: str, home: Path, editor: Path
) -> None:
    child = spawn(home, *FLOWS[flow])
    child.timeout = 60
    child.expect_exact("EDITOR-READY")
    child.sendintr()  # Ctrl-C, through the terminal, to the editor and mentorlog alike
    child.expect_exact("EDITOR-GOT-CTRL-C")
    child.sendline("tok-after")
    assert finish(child) == 0, child.before
    stored = _stored(home)
    assert "tok-before" in stored and "tok-after" in stored
    assert not _drafts(home)


def test_a_hang_up_in_the_editor_keeps_the_draft(
    home: Path, editor: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = (at(home, "relationships", "ada", "relationship.toml")).read_text()
    child = spawn(home, "edit", "ada")
    child.timeout = 60
    child.expect_exact("EDITOR-READY")
    child.ptyproc.fileobj.close()  # the window closes: the kernel sends SIGHUP
    child.ptyproc.closed = child.closed = True
    _, status = os.waitpid(child.pid, 0)
    assert os.waitstatus_to_exitcode(status) == 129
    assert (at(home, "relationships", "ada", "relationship.toml")).read_text() == before
    assert any("tok-before" in draft.read_text() for draft in _drafts(home))
    monkeypatch.setenv("EDITOR", f"{sys.executable} -c pass")  # saves the text as it is
    assert "Continuing from the text you kept" in ok("edit", "ada").stderr
    assert "tok-before" in _stored(home) and not _drafts(home)


def test_the_handlers_are_put_back_after_the_editor() -> None:
    with signals.watching():
        hang_up = signal.getsignal(signal.SIGHUP)
        with signals.editor_open():
            os.kill(os.getpid(), signal.SIGINT)  # ignored: the editor deals with it
        assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
        assert signal.getsignal(signal.SIGHUP) is hang_up


def test_sigterm_waits_for_the_editor_then_keeps_the_draft(home: Path, editor: Path) -> None:
    """A stop request to mentorlog alone never takes the editor down with it."""
    before = (at(home, "relationships", "ada", "relationship.toml")).read_text()
    child = spawn(home, "edit", "ada")
    child.timeout = 60
    child.expect_exact("EDITOR-READY")
    child.kill(signal.SIGTERM)  # mentorlog only; the editor goes on
    child.sendline("tok-after")
    assert finish(child) == 143
    assert "stopped by SIGTERM while the editor was open" in child.before
    assert (at(home, "relationships", "ada", "relationship.toml")).read_text() == before
    assert any("tok-after" in draft.read_text() for draft in _drafts(home))
