"""`mentorlog doctor`: check the whole store, and the one-line privacy warning."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.text import Text

from mentorlog.cli import options as opt
from mentorlog.cli.output import Screen, present
from mentorlog.cli.state import state
from mentorlog.core import doctor as core
from mentorlog.core.exitcodes import ExitCode

FixOption = Annotated[
    bool, typer.Option("--fix", help="Also fix what is safe: private modes, leftover temp files.")
]


def doctor(
    ctx: typer.Context,
    fix: FixOption = False,
    no_input: opt.NoInputOption = False,
    json_output: opt.JsonOption = False,
) -> None:
    """Check every file in your data: broken or unknown files, privacy, leftovers."""
    st = state(ctx)
    report = core.examine(st.core, fix=fix)
    present(st.screen, report, json_output, _render)
    if report.needs_attention:
        raise typer.Exit(ExitCode.ATTENTION)


def _render(screen: Screen, report: core.DoctorReport) -> None:
    out = screen.out
    open_findings = [f for f in report.findings if not f.fixed]
    for finding in report.findings:
        if finding.fixed:
            out.print(
                Text.assemble(("fixed: ", "green"), f"{finding.path}: {_done(finding)}"),
                soft_wrap=True,
            )
    for finding in open_findings:
        mark = ("! ", "yellow") if finding.needs_attention else ("- ", "dim")
        out.print(Text.assemble(mark, f"{finding.path}: {finding.message}"), soft_wrap=True)
        out.print(Text(f"  what to do: {finding.fix}", style="dim"), soft_wrap=True)
    if not report.needs_attention:
        checked = f"{report.checked} entries checked in {report.home}"
        if open_findings:  # only notes: "all clear" under a list would read as a contradiction
            said = Text.assemble(("Nothing needs your attention", "green"),
                                 f" ({checked}); the notes above can wait.")  # fmt: skip
        else:
            said = Text.assemble(("All clear: ", "green"), f"{checked}.")
        out.print(said, soft_wrap=True)
        return
    fixable = sum(1 for f in open_findings if f.fixable)
    count = sum(1 for f in open_findings if f.needs_attention)
    out.print(
        f"{count} thing{'s' if count > 1 else ''} need{'' if count > 1 else 's'} your attention."
    )
    if fixable:
        out.print("`mentorlog doctor --fix` can fix " + f"{fixable} of them safely.")


def _done(finding: core.Finding) -> str:
    if finding.kind == "temp_file":
        return "removed the leftover temp file"
    return "made it private"
