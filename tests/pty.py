"""Drive the real `mentorlog` in a pseudo-terminal, answering its prompts like a person."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pexpect

from tests.helpers import TODAY


def spawn(home: Path, *args: str, today: str = TODAY) -> pexpect.spawn:
    env = {
        **os.environ,
        "MENTORLOG_HOME": str(home),
        "MENTORLOG_TODAY": today,
        "NO_COLOR": "1",
        "TERM": "dumb",
    }
    return pexpect.spawn(
        sys.executable,
        ["-m", "mentorlog", *args],
        env=env,
        encoding="utf-8",
        timeout=20,
        dimensions=(40, 100),
    )


def answer(child: pexpect.spawn, prompt: str, *lines: str) -> None:
    """Wait for `prompt`, then type each line followed by Enter."""
    child.expect_exact(prompt)
    for line in lines:
        child.sendline(line)


def finish(child: pexpect.spawn) -> int:
    child.expect(pexpect.EOF)
    child.close()
    return int(child.exitstatus if child.exitstatus is not None else -(child.signalstatus or 0))
