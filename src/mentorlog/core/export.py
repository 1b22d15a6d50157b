"""`mentorlog export`: everything (or one relationship) gathered into one versioned model.

Every format is made from the same `ExportFile`: JSON dumps it, Markdown, the calendar and
the site render it. `--shared` leaves the private things out here, once, so no format can
let them through: reflections, check-ins, the closing reflection, the network, the journey
map, the settings, and what a merge kept aside (`kept_both`).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Final, Literal

from pydantic import BaseModel, ConfigDict, Field

from mentorlog.core.config import Config, load_config
from mentorlog.core.context import Context
from mentorlog.core.errors import InvalidInput, MissingValue
from mentorlog.core.files import read_model, write_out
from mentorlog.core.models import (
    Action,
    Agreement,
    Checkin,
    Goal,
    Milestone,
    NetworkFile,
    PromptSet,
    Recap,
    Reflection,
    Relationship,
)
from mentorlog.core.visible import json_safe

FORMAT_NAME: Final = "mentorlog-export"
FORMAT_VERSION: Final = 1


class Format(StrEnum):
    markdown = "markdown"
    json = "json"
    ics = "ics"
    site = "site"


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class RelationshipExport(Strict):
    """One relationship and every file in its folder (drafts aside)."""

    relationship: Relationship
    agreement: Agreement | None = None
    goals: list[Goal] = Field(default_factory=list)
    commitments: list[Action] = Field(default_factory=list)
    recaps: list[Recap] = Field(default_factory=list)
    checkins: list[Checkin] = Field(default_factory=list)


class ExportFile(Strict):
    """What `export --format json` writes and `import` reads (docs/FORMAT.md)."""

    format: Literal["mentorlog-export"] = FORMAT_NAME
    version: Literal[1] = FORMAT_VERSION
    exported: date
    shared: bool = False
    relationships: list[RelationshipExport] = Field(default_factory=list)
    reflections: list[Reflection] = Field(default_factory=list)
    network: NetworkFile | None = None
    journey: list[Milestone] = Field(default_factory=list)
    prompt_sets: list[PromptSet] = Field(default_factory=list)
    config: Config | None = None


def _every_slug(ctx: Context) -> list[str]:
    """Every relationship, for a whole export: a folder that cannot be read (a link out
    of the home, one slug in two folders, a folder not named as one) stops it, as a
    broken file does, so a backup never leaves one out without a word."""
    slugs, broken = ctx.store.scan()
    if broken:
        raise broken[0]
    return slugs


def gather(
    ctx: Context,
    slug: str | None,
    shared: bool = False,
    settings: bool = True,
    every_folder: bool = True,
) -> ExportFile:
    """The home (or one relationship) as an `ExportFile`; a broken file is the error.
    Without `settings`, your prompt sets and config.toml are left out (only the JSON
    export holds them: a broken one need not stop a document or a calendar). Without
    `every_folder`, a folder that cannot be read is passed by (`import` compares with
    what is readable; an export must not leave one out)."""
    if shared and slug is None:
        raise MissingValue(
            "--shared exports one relationship: name it",
            "e.g. mentorlog export ada-lovelace --shared",
        )
    slugs = (
        [ctx.store.load(slug).slug]
        if slug
        else (_every_slug(ctx) if every_folder else ctx.store.slugs())
    )
    result = ExportFile(exported=ctx.today, shared=shared)
    result.relationships = [_relationship(ctx, each, shared) for each in slugs]
    if shared:
        return result
    wanted = set(slugs)
    reflections = [ctx.store.load_reflection(p) for p in ctx.store.reflection_paths()]
    result.reflections = [r for r in reflections if slug is None or r.relationship in wanted]
    if slug is None:
        result.network = ctx.store.load_network()
        result.journey = ctx.store.load_journey().milestones
    if slug is None and settings:
        result.prompt_sets = _prompt_sets(ctx)
        result.config = load_config(ctx.store) if ctx.store.present(ctx.store.config_file) else None
    return result


def _prompt_sets(ctx: Context) -> list[PromptSet]:
    """The person's own prompt sets (a broken one is the error, as for every file)."""
    from mentorlog.core.prompts import check_user_set

    found = []
    for path in ctx.store.prompt_set_paths():
        check_user_set(ctx.store, path)
        found.append(read_model(path, PromptSet))
    return found


def _relationship(ctx: Context, slug: str, shared: bool) -> RelationshipExport:
    store = ctx.store
    found = RelationshipExport(
        relationship=store.load(slug),
        agreement=store.load_agreement(slug),
        goals=store.load_goals(slug).goals,
        commitments=store.load_actions(slug).actions,
        recaps=store.load_recaps(slug),
        checkins=[] if shared else store.load_checkins(slug),
    )
    return _without_private(found) if shared else found


def _without_private(found: RelationshipExport) -> RelationshipExport:
    """A copy fit to send to the partner: no closing reflection, no merge leftovers."""
    found = found.model_copy(deep=True)
    found.relationship.closing = None
    found.relationship.kept_both = []
    kept: list[Goal | Action | Recap | Agreement | None] = [
        *found.goals,
        *found.commitments,
        *found.recaps,
        found.agreement,
    ]
    for each in kept:
        if each is not None:
            each.kept_both = []
    return found


class ExportResult(BaseModel):
    """What `export -o PATH --json` says it wrote."""

    format: Format
    output: str | None = None
    shared: bool = False
    relationships: list[str] = Field(default_factory=list)
    text: str = Field(default="", exclude=True)  # the export, when it goes to stdout


def _inside(output: Path, home: Path) -> bool:
    try:
        return output.resolve().is_relative_to(home.resolve())
    except (OSError, RuntimeError):  # a link loop: said where it is written (write_out)
        raise InvalidInput(f"cannot write to {output}: a link that leads round in a loop") from None


def export(
    ctx: Context, slug: str | None, form: Format, shared: bool, output: Path | None
) -> ExportResult:
    """Make the export in `form`; written to `output` if given, else returned as text."""
    if output is not None and _inside(output, ctx.home):
        raise InvalidInput(
            f"{output} is inside your mentorlog home", "write the export somewhere else"
        )
    data = gather(ctx, slug, shared, settings=form is Format.json)
    result = ExportResult(
        format=form,
        output=str(output) if output is not None else None,
        shared=shared,
        relationships=[r.relationship.slug for r in data.relationships],
    )
    if form is Format.site:
        from mentorlog.core.site import write_site

        if output is None:
            raise MissingValue("a site is a folder: name it with -o", "e.g. -o mentoring-site")
        write_site(data, output)
        return result
    result.text = RENDERERS[form](data)
    if output is not None:
        write_file(output, result.text)
    return result


def _markdown(data: ExportFile) -> str:
    """A document to read (or send): control characters shown, never obeyed, in a file
    as on the screen."""
    from mentorlog.core.document import render
    from mentorlog.core.visible import visible

    return visible(render(data))


def _ics(data: ExportFile) -> str:
    from mentorlog.core.ics import render

    return render(data)


def to_json(data: ExportFile) -> str:
    """The export as JSON text: stable key order, two-space indent, a final newline."""
    text = json.dumps(data.model_dump(mode="json"), indent=2, ensure_ascii=False)
    return json_safe(text) + "\n"  # control characters escaped: the same JSON, safe to print


RENDERERS: dict[Format, Callable[[ExportFile], str]] = {
    Format.markdown: _markdown,
    Format.json: to_json,
    Format.ics: _ics,
}


def write_file(path: Path, text: str) -> None:
    """Write an export where the person asked; the folder must already exist."""
    write_out(path, text, "mentorlog.json")
