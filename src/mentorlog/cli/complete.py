"""Shell completion of the names in your journal: slugs, ids and prompt sets.

Each function here is a parameter's `autocompletion`. The shell runs mentorlog at every
Tab, so they ask core/quick.py, which reads folder and file names or the search index,
and never loads the store or Pydantic (`mentorlog --install-completion` sets it up).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from mentorlog.core.quick import Named

Offers = list[tuple[str, str]]


def _home(ctx: typer.Context) -> Path:
    from mentorlog.core.quick import resolve_home

    given = ctx.find_root().params.get("home")
    return resolve_home(Path(given) if given else None)


def _offer(names: list[Named]) -> Offers:
    return [(name.value, name.about) for name in names]


def slugs(ctx: typer.Context) -> Offers:
    from mentorlog.core import quick

    return _offer(quick.slugs(_home(ctx)))


def goal_ids(ctx: typer.Context, incomplete: str) -> Offers:
    from mentorlog.core import quick

    return _offer(quick.entry_ids(_home(ctx), ["goal"], incomplete))


def commitment_ids(ctx: typer.Context, incomplete: str) -> Offers:
    from mentorlog.core import quick

    return _offer(quick.entry_ids(_home(ctx), ["commitment"], incomplete, open_only=True))


def entry_ids(ctx: typer.Context, incomplete: str) -> Offers:
    """What `read` reads: recaps, reflections, goals and commitments."""
    from mentorlog.core import quick

    kinds = ["recap", "reflection", "goal", "commitment"]
    return _offer(quick.entry_ids(_home(ctx), kinds, incomplete))


def deletable(ctx: typer.Context, incomplete: str) -> Offers:
    """What `delete KIND` takes: slugs for a relationship, else ids of that kind."""
    from mentorlog.core import quick

    kind = str(getattr(ctx.params.get("kind"), "value", ctx.params.get("kind") or ""))
    if kind == "relationship":
        return _offer(quick.slugs(_home(ctx)))
    kinds = [kind] if kind in ("recap", "reflection", "goal", "commitment", "milestone") else []
    return _offer(quick.entry_ids(_home(ctx), kinds, incomplete)) if kinds else []


def prompt_sets(ctx: typer.Context) -> Offers:
    from mentorlog.core import quick

    return _offer(quick.prompt_sets(_home(ctx)))
