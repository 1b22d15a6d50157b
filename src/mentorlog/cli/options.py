"""Options declared once and reused by every command that takes them."""

from __future__ import annotations

from typing import Annotated

import typer

from mentorlog.cli import complete
from mentorlog.cli.noinput import pass_no_input as pass_no_input
from mentorlog.cli.plainhelp import FREE_TEXT as FREE_TEXT
from mentorlog.core.drafts import KeptChoice
from mentorlog.core.models import Role

JsonOption = Annotated[
    bool,
    typer.Option(
        "--json", metavar="", help="Print the result as JSON (stable shape, see docs/FORMAT.md)."
    ),
]
NoInputOption = Annotated[
    bool,
    typer.Option(
        "--no-input",
        metavar="",
        help="Never prompt; a missing required value is an error naming its flag.",
    ),
]
AllSlugArg = Annotated[
    str | None,
    typer.Argument(
        metavar="SLUG",
        help="One relationship (default: all of them).",
        autocompletion=complete.slugs,
    ),
]
SlugArg = Annotated[
    str,
    typer.Argument(
        metavar="SLUG",
        help="The relationship's slug, e.g. ada-lovelace.",
        autocompletion=complete.slugs,
    ),
]
RoleOption = Annotated[
    Role | None, typer.Option("--role", help="Your role in this pairing.", case_sensitive=False)
]
PurposeOption = Annotated[
    str | None,
    typer.Option(
        "--purpose", metavar=FREE_TEXT, help="What the relationship is for, in a sentence."
    ),
]
ContextOption = Annotated[
    str | None,
    typer.Option("--context", metavar=FREE_TEXT, help="Program or organisation it belongs to."),
]
StartedOption = Annotated[
    str | None,
    typer.Option(
        "--started",
        metavar="DATE",
        help="When it started (default today): 2026-01-05, jan 5, 2 weeks ago.",
    ),
]
CadenceOption = Annotated[
    str | None,
    typer.Option(
        "--cadence",
        metavar="CADENCE",
        help="How often you meet: weekly, biweekly, monthly, 'every N weeks|days'.",
    ),
]
ChannelOption = Annotated[
    str | None,
    typer.Option("--channel", metavar=FREE_TEXT, help="How you meet: in person, video, phone, ..."),
]
AreaOption = Annotated[
    list[str] | None,
    typer.Option("--area", metavar="AREA", help="A topic or skill it covers (repeat for more)."),
]
SlugOption = Annotated[
    str | None,
    typer.Option("--slug", metavar="SLUG", help="Folder name to use instead of one from the name."),
]

RAPPORT = "Rapport answers (each may be skipped)"

# One option per rapport question, shared by `new-relationship` and `rapport`.
BackgroundOption = Annotated[
    str | None,
    typer.Option(
        "--background",
        metavar=FREE_TEXT,
        rich_help_panel=RAPPORT,
        help="Their background and path.",
    ),
]
CommonGroundOption = Annotated[
    str | None,
    typer.Option(
        "--common-ground",
        metavar=FREE_TEXT,
        rich_help_panel=RAPPORT,
        help="What you have in common.",
    ),
]
HopesOption = Annotated[
    str | None,
    typer.Option(
        "--hopes", metavar=FREE_TEXT, rich_help_panel=RAPPORT, help="What you hope to get."
    ),
]
OffersOption = Annotated[
    str | None,
    typer.Option("--offers", metavar=FREE_TEXT, rich_help_panel=RAPPORT, help="What you can give."),
]
MeetingsOption = Annotated[
    str | None,
    typer.Option(
        "--meetings",
        metavar=FREE_TEXT,
        rich_help_panel=RAPPORT,
        help="What else you agree about meetings: length, place, who books them.",
    ),
]
ConfidentialityOption = Annotated[
    str | None,
    typer.Option(
        "--confidentiality",
        metavar=FREE_TEXT,
        rich_help_panel=RAPPORT,
        help="What stays between you.",
    ),
]
NormsOption = Annotated[
    str | None,
    typer.Option("--norms", metavar=FREE_TEXT, rich_help_panel=RAPPORT, help="Norms you agree on."),
]
KeptDraftOption = Annotated[
    KeptChoice | None,
    typer.Option(
        "--kept-draft",
        help="Text kept from an earlier edit: merge it with the file as it is now, use it "
        "as it is, or set it aside and start from the file (asked when the file changed).",
        case_sensitive=False,
    ),
]
