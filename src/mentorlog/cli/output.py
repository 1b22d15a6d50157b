"""Consoles and the two ways every result is shown: Rich for people, JSON for scripts."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence

from pydantic import BaseModel
from rich.console import Console
from rich.text import Text


def make_console(stderr: bool = False) -> Console:
    # Rich honours NO_COLOR and turns colour off when the stream is not a terminal.
    # Markup is off: a partner named "[bold]" is text, not a style. Styles use Text.
    return Console(stderr=stderr, highlight=False, markup=False)


def emit_json(result: BaseModel | Sequence[BaseModel]) -> None:
    """Print a result model (or a list of them) as JSON on stdout, nothing else."""
    if isinstance(result, BaseModel):
        data: object = result.model_dump(mode="json")
    else:
        data = [item.model_dump(mode="json") for item in result]
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def warn(console: Console, message: str) -> None:
    console.print(Text.assemble(("warning: ", "yellow"), message), soft_wrap=True)


def warn_skipped(console: Console, problems: Sequence[str]) -> None:
    """Listings go on past a broken file; each one skipped is named on stderr."""
    for problem in problems:
        warn(console, f"skipped a broken file: {problem}")
