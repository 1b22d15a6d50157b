"""`mentorlog network`: your mentors, mentees and peers, and the gaps between them."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.text import Text
from rich.tree import Tree

from mentorlog.cli import options as opt
from mentorlog.cli.output import Screen, present, warn_skipped
from mentorlog.cli.state import State, shown, state
from mentorlog.core import network as core

app = typer.Typer(
    name="network",
    help="Your mentoring network: who covers which areas, and where the gaps are.",
    invoke_without_command=True,
)

AreasArg = Annotated[list[str], typer.Argument(metavar="AREA...", help="Areas, e.g. 'writing'.")]
MarkdownOption = Annotated[
    bool, typer.Option("--markdown", metavar="", help="Print it as Markdown, for sharing.")
]


def render(screen: Screen, view: core.NetworkView) -> None:
    out = screen.out
    tree = Tree(Text("My mentoring network", style="bold"))
    for title, members in (("Mentors", view.mentors), ("Mentees", view.mentees),
                           ("Peers", view.peers)):  # fmt: skip
        branch = tree.add(Text(f"{title} ({len(members)})", style="bold"))
        for m in members:
            label = Text(m.partner, style="dim" if m.status.value != "active" else "")
            if m.areas:
                label.append(f"  {', '.join(m.areas)}", style="cyan")
            status = "" if m.status.value == "active" else f"  {m.status.value}"
            contact = (
                f"  last contact {shown(m.last_contact)}" if m.last_contact else "  no recaps yet"
            )
            label.append(status + contact, style="dim")
            branch.add(label)
    out.print(tree)
    if view.wants:
        if view.gaps:
            out.print(Text.assemble(("Gaps: ", "bold red"), ", ".join(view.gaps)))
            out.print(
                "  Nobody active covers these yet: a peer, a second mentor or a group could.",
                style="dim",
            )
        else:
            out.print(Text("Every area you want is covered.", style="green"))
    else:
        out.print(
            "Record what you want your network to cover: mentorlog network want AREA...",
            style="dim",
        )
    if view.single:
        out.print(Text.assemble(("Only one person covers: ", "bold"), ", ".join(view.single)))


def _show(st: State, view: core.NetworkView, json_output: bool, markdown: bool) -> None:
    warn_skipped(st.err, view.problems)
    present(st.screen, view, json_output, _as_markdown if markdown else render)


def _as_markdown(screen: Screen, view: core.NetworkView) -> None:
    screen.out.print(core.as_markdown(view), end="", soft_wrap=True)


@app.callback()
def network(
    ctx: typer.Context,
    no_input: opt.NoInputOption = False,
    json_output: opt.JsonOption = False,
    markdown: MarkdownOption = False,
) -> None:
    """Show your network: mentors, mentees and peers, the areas each covers, the gaps."""
    if ctx.invoked_subcommand:
        opt.pass_no_input(ctx, no_input)
        return
    st = state(ctx)
    _show(st, core.network(st.core), json_output, markdown)


@app.command("want")
def want(
    ctx: typer.Context,
    areas: AreasArg,
    no_input: opt.NoInputOption = False,
    json_output: opt.JsonOption = False,
) -> None:
    """Record areas you want your network to cover."""
    st = state(ctx)
    _show(st, core.want(st.core, areas), json_output, False)


@app.command("unwant")
def unwant(
    ctx: typer.Context,
    areas: AreasArg,
    no_input: opt.NoInputOption = False,
    json_output: opt.JsonOption = False,
) -> None:
    """Stop wanting areas covered."""
    st = state(ctx)
    _show(st, core.unwant(st.core, areas), json_output, False)
