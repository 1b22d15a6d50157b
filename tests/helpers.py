"""Helpers to run the CLI in-process, as a person would from a shell with no TTY."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from mentorlog.cli.app import app
from mentorlog.core.store import Store

TODAY = "2026-03-15"


@dataclass
class Run:
    exit_code: int
    stdout: str
    stderr: str

    def json(self) -> Any:
        """The result a `--json` command printed: its envelope's `data`."""
        envelope = self.envelope()
        assert set(envelope) == {"version", "data"}, envelope
        return envelope["data"]

    def envelope(self) -> Any:
        """Everything a `--json` command printed: `{"version": 1, "data" or "error": ...}`."""
        envelope = json.loads(self.stdout)
        assert envelope["version"] == 1, envelope
        return envelope


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


@dataclass
class Made:
    """Ids minted while a test runs, by kind and in order: `made.a(1)` is the first
    commitment the test made (v1 would have called it `a1`), `made.g(2)` the second goal.
    `made.short(an_id)` is how mentorlog shows it now."""

    home: Path
    minted: dict[str, list[str]] = field(default_factory=dict)

    def a(self, n: int) -> str:
        return self.minted["a"][n - 1]

    def g(self, n: int) -> str:
        return self.minted["g"][n - 1]

    def m(self, n: int) -> str:
        return self.minted["m"][n - 1]

    def short(self, an_id: str) -> str:
        return Store(self.home).shortener()(an_id)

    def sub(self, text: str) -> str:
        """`"ada-lovelace:g1"` -> `"ada-lovelace:g7fk2qm4x9f"`: v1-style names to the ids
        (a name past what was made, like `g9`, stays: an id that is not there)."""
        return V1_ID.sub(lambda m: self._nth(m, m.group(0)), text)

    def shown(self, text: str) -> str:
        """`"took back a3"` -> `"took back a7f"`: v1-style names to the ids as shown now."""
        shortener = Store(self.home).shortener()
        return V1_ID.sub(lambda m: shortener(self._nth(m, m.group(0))), text)

    def _nth(self, match: re.Match[str], default: str) -> str:
        made = self.minted.get(match.group(1), [])
        n = int(match.group(2))
        return made[n - 1] if n <= len(made) else default


V1_ID = re.compile(r"\b([agm])([0-9]{1,2})\b")


def subcommands(group: Any = None) -> dict[str, Any]:
    """A group's commands by name, each loaded (the app's own load only when they run)."""
    import typer.main

    group = typer.main.get_command(app) if group is None else group
    context = typer.Context(group)
    return {name: group.get_command(context, name) for name in group.list_commands(context)}
