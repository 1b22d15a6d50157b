"""Helpers to run the CLI in-process, as a person would from a shell with no TTY."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from typer.testing import CliRunner

from mentorlog.cli.app import app

TODAY = "2026-03-15"


@dataclass
class Run:
    exit_code: int
    stdout: str
    stderr: str

    def json(self) -> Any:
        return json.loads(self.stdout)


def cli(*args: str, input: str | None = None) -> Run:
    """Run mentorlog in-process, as a person would from the shell (no TTY)."""
    result = CliRunner().invoke(app, list(args), input=input)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return Run(result.exit_code, result.stdout, result.stderr)


def ok(*args: str, input: str | None = None) -> Run:
    run = cli(*args, input=input)
    assert run.exit_code == 0, f"exit {run.exit_code}\nstdout: {run.stdout}\nstderr: {run.stderr}"
    return run


def fails(*args: str, code: int = 1, input: str | None = None) -> Run:
    """Run a command that must fail: the given exit code, one short line, no traceback."""
    run = cli(*args, input=input)
    assert run.exit_code == code, (
        f"exit {run.exit_code}\nstdout: {run.stdout}\nstderr: {run.stderr}"
    )
    assert "Traceback" not in run.stderr + run.stdout
    assert run.stderr.strip().startswith("error:"), run.stderr
    assert len(run.stderr.strip().splitlines()) == 1, run.stderr
    return run


def new(partner: str = "Ada Lovelace", *extra: str) -> Any:
    base = ["new-relationship", partner, "--no-input", "--json"]
    if "--role" not in extra:
        base += ["--role", "mentee"]
    return ok(*base, *extra).json()
