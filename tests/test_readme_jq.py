"""Every ```sh block of the README that uses jq runs, as written, on a journal made for it,
through the installed `mentorlog`: it exits 0 and prints something."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import ok

README = Path(__file__).parent.parent / "README.md"
BIN = Path(sys.executable).parent  # the venv's bin, where `pip install` put `mentorlog`
BLOCK = re.compile(r"^```sh\n(.*?)^```", re.MULTILINE | re.DOTALL)


def jq_blocks() -> list[str]:
    blocks = BLOCK.findall(README.read_text(encoding="utf-8"))
    return [block for block in blocks if re.search(r"\bjq\b", block)]


def _name(block: str) -> str:
    return block.splitlines()[0][:50]


@pytest.fixture
def journal() -> None:
    """Two pairings a fortnight into March: goals under way, commitments late, a meeting
    overdue (today is 2026-03-15, see tests/helpers.py)."""
    ok("new-relationship", "Ada Lovelace", "--role", "mentee", "--cadence", "weekly",
       "--started", "2026-02-01", "--area", "research", "--no-input")  # fmt: skip
    ok("new-relationship", "Alan Kay", "--role", "mentor", "--cadence", "monthly",
       "--started", "2026-02-10", "--no-input")  # fmt: skip
    ok("goal", "add", "ada-lovelace", "Publish a paper", "--no-input")
    ok("goal", "add", "alan-kay", "A design review habit", "--no-input")
    ok("recap", "ada-lovelace", "--date", "2026-03-02", "--summary", "Drafts",
       "--action", "send the draft @me due:2026-03-06",
       "--action", "read the draft @partner due:2026-03-20", "--no-input")  # fmt: skip
    ok("recap", "alan-kay", "--date", "2026-03-12", "--summary", "Reviews", "--no-input")


def test_the_readme_has_jq_examples() -> None:
    assert len(jq_blocks()) >= 3


@pytest.mark.parametrize("block", jq_blocks(), ids=_name)
def test_a_readme_jq_example_runs(block: str, journal: None, tmp_path: Path) -> None:
    if shutil.which("jq") is None:
        pytest.skip("jq is not installed, so the README's jq examples were not run")
    if not (BIN / "mentorlog").exists():
        pytest.skip(f"no installed mentorlog in {BIN} (pip install -e . first)")
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    run = subprocess.run(
        ["bash", "-e", "-c", block],  # -e: a failing line fails the example
        cwd=tmp_path,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=300,
    )
    said = f"{block}\nstdout:\n{run.stdout}\nstderr:\n{run.stderr}"
    assert run.returncode == 0, said
    assert run.stdout.strip(), said
    assert "Traceback" not in run.stderr, said
