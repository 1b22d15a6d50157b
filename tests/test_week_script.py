"""A week driven from the shell: tests/scripts/week.sh runs every command with --no-input,
with no terminal, through the installed `mentorlog`; every read's --json must load."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).parent / "scripts" / "week.sh"
BIN = Path(sys.executable).parent  # the venv's bin, where `pip install` put `mentorlog`

# What a question looks like when it waits for an answer: Rich ends it with "? " or ": "
# and no newline; a confirmation shows its choices.
ASKED = re.compile(r"[?:] $|\[y/n\]|\(y/n\)", re.MULTILINE)

pytestmark = pytest.mark.script


@pytest.fixture
def installed(tmp_path: Path) -> dict[str, str]:
    """The environment the script runs in: the installed command first on PATH."""
    if not (BIN / "mentorlog").exists():
        pytest.skip(f"no installed mentorlog in {BIN} (pip install -e . first)")
    if shutil.which("bash") is None:
        pytest.skip("no bash to run tests/scripts/week.sh")
    env = {k: v for k, v in os.environ.items() if not k.startswith("MENTORLOG_")}
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    env["TMPDIR"] = str(tmp_path)  # the script's mktemp -d lands in this test's folder
    return env


def test_a_scripted_week_runs_unattended(installed: dict[str, str], tmp_path: Path) -> None:
    run = subprocess.run(
        ["bash", str(SCRIPT)],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env=installed,
        timeout=900,  # about a hundred fresh processes; slow on a loaded machine
    )
    said = f"stdout:\n{run.stdout[-3000:]}\nstderr:\n{run.stderr[-3000:]}"
    assert run.returncode == 0, said
    assert "== a week, unattended" in run.stdout, said
    assert "Traceback" not in run.stdout + run.stderr, said
    assert "error:" not in run.stderr, said
    assert not ASKED.search(run.stdout), f"something was asked\n{said}"
    assert not ASKED.search(run.stderr), f"something was asked\n{said}"
    assert not any(tmp_path.glob("tmp.*")), "the script leaves no temporary home behind"


def test_the_script_passes_no_input_to_every_command() -> None:
    """Each line that runs mentorlog (through the alias or a helper) says --no-input."""
    lines = SCRIPT.read_text(encoding="utf-8").replace("\\\n", " ").splitlines()
    runs = [line for line in lines if re.search(r"(^|[|$(=\s])(ml|mlj|reads) ", line)]
    assert len(runs) > 60
    missing = [line for line in runs if "--no-input" not in line and "reads " not in line]
    assert not missing, missing


def test_the_script_runs_every_command() -> None:
    from tests.test_no_input import COMMANDS  # every command and subcommand that runs

    text = SCRIPT.read_text(encoding="utf-8")
    runs = [found.split() for found in re.findall(r"\b(?:ml|mlj|reads) ([a-z][a-z -]*)", text)]
    missing = [path for path in COMMANDS if not any(tuple(w[: len(path)]) == path for w in runs)]
    assert not missing, f"week.sh never runs: {missing}"
