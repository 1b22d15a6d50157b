"""`mentorlog init --git | --from URL` and `mentorlog git ARGS...`: the home under git."""

from __future__ import annotations

import subprocess
import sys
from typing import Annotated

import typer
from pydantic import BaseModel

from mentorlog.cli import options as opt
from mentorlog.cli.output import Screen, present
from mentorlog.cli.state import state
from mentorlog.core import git as core
from mentorlog.core.errors import MissingValue

ADD_REMOTE = "mentorlog git remote add origin URL"


class InitOutput(BaseModel):
    home: str
    created: bool
    repaired: list[str]
    committed: int
    cloned_from: str | None = None
    relationships: int | None = None


def init(
    ctx: typer.Context,
    use_git: Annotated[
        bool, typer.Option("--git", help="Make your journal a git repository (safe to rerun).")
    ] = False,
    source: Annotated[
        str | None,
        typer.Option(
            "--from", metavar="URL", help="Clone your journal from URL onto this machine."
        ),
    ] = None,
    no_input: opt.NoInputOption = False,
    json_output: opt.JsonOption = False,
) -> None:
    """Keep your journal in git, to sync it between machines (see mentorlog sync)."""
    st = state(ctx)
    if source is not None:
        cloned = core.clone(st.core.store, source)
        result = InitOutput(
            home=str(cloned.home),
            created=True,
            repaired=[],
            committed=0,
            cloned_from=source,
            relationships=cloned.relationships,
        )
    elif use_git:
        made = core.init_repo(st.core.store)
        result = InitOutput(
            home=str(made.home), created=made.created, repaired=made.repaired, committed=0
        )
        result.committed = made.committed
    else:
        raise MissingValue(
            "say how: --git (make this journal a git repository) or --from URL (clone one)"
        )
    present(st.screen, result, json_output, _show)


def _show(screen: Screen, result: InitOutput) -> None:
    if result.cloned_from is not None:
        count = _count(result.relationships or 0)
        message = f"Cloned your journal from {result.cloned_from}: {count}."
    else:
        message = _init_message(result)
    screen.out.print(message, highlight=False, soft_wrap=True)


def _count(relationships: int) -> str:
    return f"{relationships} relationship" + ("" if relationships == 1 else "s")


def _init_message(made: InitOutput) -> str:
    if made.created:
        return (
            f"Your journal is now a git repository ({made.home}). Add a remote with: {ADD_REMOTE}"
        )
    if made.repaired:
        return f"Your journal was already a git repository; repaired: {', '.join(made.repaired)}."
    return "Your journal is already a git repository; nothing needed repair."


def git(
    ctx: typer.Context,
    args: Annotated[
        list[str] | None, typer.Argument(metavar="ARGS...", help="Arguments for git.")
    ] = None,
    no_input: opt.NoInputOption = False,
) -> None:
    """Run git inside your journal's folder (e.g. mentorlog git log)."""
    st = state(ctx)
    executable = core.git_executable()
    repo = core.Git(st.core.home, executable)
    sys.stdout.flush()
    code = subprocess.run(
        [executable, "-C", str(st.core.home), *(args or [])], check=False, umask=core.PRIVATE_UMASK
    )
    if code.returncode != 0 and not repo.is_repo():
        print("hint: make your journal a git repository with mentorlog init --git", file=sys.stderr)
    raise typer.Exit(code.returncode)


# Everything after `git` goes to git, options included (`mentorlog git log --oneline`).
PASS_THROUGH = {
    "allow_extra_args": True,
    "ignore_unknown_options": True,
    "allow_interspersed_args": False,
}
