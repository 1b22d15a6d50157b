"""`mentorlog merge-file BASE OURS THEIRS PATH`: the git merge driver (hidden from help).

git runs it as `merge.mentorlog.driver` (registered by `init --git` and `sync`), through
`python -m mentorlog`, which goes straight to `core.mergefile.main` without this module;
see core/mergefile.py for the rules.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from mentorlog.cli import options as opt
from mentorlog.core import mergefile as core
from mentorlog.core.exitcodes import ExitCode


def merge_file(
    base: Annotated[Path, typer.Argument(metavar="BASE", help="The common version (%O).")],
    ours: Annotated[Path, typer.Argument(metavar="OURS", help="This side (%A); gets the result.")],
    theirs: Annotated[Path, typer.Argument(metavar="THEIRS", help="The other side (%B).")],
    path: Annotated[str, typer.Argument(metavar="PATH", help="The file's path in the home (%P).")],
    no_input: opt.NoInputOption = False,
) -> None:
    """Merge two versions of a journal file, entry by entry (git's merge driver)."""
    try:
        outcome = core.merge_file(base, ours, theirs, path)
    except core.CannotMergeFile as problem:
        print(f"mentorlog: cannot merge {problem}", file=sys.stderr)
        raise typer.Exit(ExitCode.FAILURE) from None
    if outcome.kept_both or outcome.body_conflicts:
        print(f"mentorlog: merged {path}: {core.describe(outcome)}", file=sys.stderr)
