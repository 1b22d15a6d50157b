"""`mentorlog recap`: the habit after every session."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Annotated, Any, TypeVar

import typer
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from mentorlog.cli import complete
from mentorlog.cli import options as opt
from mentorlog.cli.editor import edit_until_valid
from mentorlog.cli.output import Screen, present, warn
from mentorlog.cli.prompts import MULTILINE_TIP, Asker, Interrupted, hanging
from mentorlog.cli.recaps import edit_past
from mentorlog.cli.render import celebrate, day
from mentorlog.cli.state import State, shown, state
from mentorlog.core import drafts, ids
from mentorlog.core import recap as core
from mentorlog.core import recaps as recaps_core
from mentorlog.core.actions import NewAction, parse_action
from mentorlog.core.dates import Prefer, parse_date
from mentorlog.core.drafts import KeptChoice
from mentorlog.core.errors import InvalidInput, MentorlogError, MissingValue
from mentorlog.core.models import Status

T = TypeVar("T")
EDIT_TEMPLATE = "<!-- What did you talk about? Write below, save and close. -->\n\n"
EDIT_DRAFT = "recap.md"
CUT = drafts.CUT  # the draft's note of the answer a stop cut short
TYPED_ACTION = core.TYPED_ACTION  # a commitment half typed when a stop came


class Walk:
    """Answers for one recap: from options, a saved draft, or the person at the terminal.

    At a terminal, every answer typed is saved to a draft at once, so an interrupted recap
    loses nothing. Without one, nothing is asked, and a draft left by an earlier walk is
    neither read nor overwritten nor deleted: it waits for the next walk.
    """

    def __init__(self, st: State, asker: Asker, slug: str) -> None:
        self.st, self.asker, self.slug, self.name = st, asker, slug, "recap"
        self.answers: dict[str, Any] = {}
        self.saving = asker.interactive  # only a walk at a terminal owns the draft

    def resume_draft(self, agenda: core.Agenda) -> None:
        path = drafts.answers_path(self.st.core, self.name, self.slug)
        if not self.asker.interactive:
            if path.exists() or path.is_symlink():
                warn(
                    self.st.err,
                    f"an unfinished recap is kept in {path}; this recap leaves it alone. "
                    f"Pick it up with `mentorlog recap {self.slug}` in a terminal.",
                )
            return
        saved = drafts.load_answers(self.st.core, self.name, self.slug)
        if not saved:
            return
        if not any(value for key, value in saved.items() if key != "date"):
            drafts.discard_answers(self.st.core, self.name, self.slug)  # nothing typed yet
            return
        if not self.asker.confirm("You have an unfinished recap for this pairing. Pick it up?"):
            aside = drafts.set_aside(path)
            self.st.err.print(f"It is set aside in {aside}; starting afresh.")
            return
        self.answers = core.usable_draft(self.st.core, agenda, saved)
        if len(self.answers) < len(saved):
            self.st.err.print(
                Text("Part of the draft no longer fits; those questions come again.", style="dim")
            )

    def text(self, key: str, question: str, hint: str = "", lines: bool = False) -> Any:
        """A long answer; one a stop cut short last time is carried on, not skipped."""
        cut = self.answers.get(key) if self.answers.get(CUT) == key else None
        so_far = "\n".join(cut) if isinstance(cut, list) else str(cut or "")

        def as_kept(text: str) -> Any:
            return text.splitlines() if lines else text

        try:
            answer = self.asker.multiline(
                question,
                hint,
                on_line=lambda text: self.keep(key, as_kept(text), cut=True),
                so_far=so_far,
            )
        except Interrupted as stop:
            if stop.partial:
                self.keep(key, as_kept(stop.partial), cut=True)
            raise
        return as_kept(answer)

    def forget(self, key: str) -> None:
        """Let one kept answer go (one taken up again, say)."""
        if self.answers.pop(key, None) is not None and self.saving:
            drafts.save_answers(self.st.core, self.name, self.answers, self.slug)

    def keep(self, key: str, value: Any, cut: bool = False) -> None:
        """Keep an answer; `cut` marks it as one being typed (a stop leaves it unfinished)."""
        self.answers[key] = value
        if cut:
            self.answers[CUT] = key
        elif self.answers.get(CUT) == key:
            del self.answers[CUT]
        if self.saving:
            drafts.save_answers(self.st.core, self.name, self.answers, self.slug)

    def step(self, key: str, given: T | None, ask: Callable[[], T], default: T) -> T:
        if given is not None:
            return given
        if key in self.answers and self.answers.get(CUT) != key:
            return self.answers[key]  # type: ignore[no-any-return]
        if not self.asker.interactive:
            return default
        try:
            value = ask()
        except Interrupted:
            if self.answers:
                self.st.err.print(
                    Text.assemble(
                        "\nYour answers so far are kept. Pick them up with: ",
                        (f"mentorlog recap {self.slug}", "bold"),
                    )
                )
            raise
        self.keep(key, value)
        return value

    def finish(self) -> None:
        if self.saving:
            drafts.discard_answers(self.st.core, self.name, self.slug)


def _choose_slug(st: State, asker: Asker) -> str:
    active = [r.slug for r in st.core.store.load_all()[0] if r.status is not Status.closed]
    if not asker.interactive or not active:
        raise MissingValue("missing the relationship", "pass its SLUG, e.g. mentorlog recap ada")
    return asker.choice("Which relationship?", active, flag="SLUG", default=active[0])


def recap(
    ctx: typer.Context,
    slug: Annotated[
        str | None,
        typer.Argument(
            metavar="SLUG",
            help="The relationship you met in (with --edit: or a past recap's ID).",
            autocompletion=complete.slugs,
        ),
    ] = None,
    date_text: Annotated[
        str | None,
        typer.Option(
            "--date",
            metavar="DATE",
            help="When you met (default today): 2026-03-10, friday, last friday, 3 days ago.",
        ),
    ] = None,
    minutes: Annotated[
        int | None,
        typer.Option(
            "--minutes", min=1, max=1440, metavar="N", help="How long it was, in minutes."
        ),
    ] = None,
    summary: Annotated[
        str | None, typer.Option("--summary", metavar=opt.FREE_TEXT, help="What you talked about.")
    ] = None,
    takeaway: Annotated[
        list[str] | None,
        typer.Option(
            "--takeaway", metavar=opt.FREE_TEXT, help="Something you take away (repeatable)."
        ),
    ] = None,
    decision: Annotated[
        list[str] | None,
        typer.Option(
            "--decision", metavar=opt.FREE_TEXT, help="Something you decided (repeatable)."
        ),
    ] = None,
    action: Annotated[
        list[str] | None,
        typer.Option(
            "--action",
            metavar=opt.FREE_TEXT,
            help="A new commitment (repeatable): 'send CV draft @me due:friday'. "
            "Owner @me (default), @partner or @both; due:2026-12-01, due:next-tuesday "
            'or due:"in 2 weeks".',
        ),
    ] = None,
    done: Annotated[
        list[str] | None,
        typer.Option(
            "--done",
            metavar="ID",
            help="A commitment finished since (repeatable).",
            autocompletion=complete.commitment_ids,
        ),
    ] = None,
    progress: Annotated[
        list[str] | None,
        typer.Option("--progress", metavar="GOAL=N", help="Progress on a goal, e.g. g3k=60."),
    ] = None,
    next_text: Annotated[
        str | None,
        typer.Option(
            "--next",
            metavar="DATE",
            help="Next meeting (default: this one plus the cadence): 2026-03-24, next tuesday, "
            "in 2 weeks.",
        ),
    ] = None,
    edit: Annotated[
        bool,
        typer.Option(
            "--edit",
            metavar="",
            help="Write what you discussed in $VISUAL or $EDITOR; with a recap's ID, change it.",
        ),
    ] = False,
    kept_draft: opt.KeptDraftOption = None,
    no_input: opt.NoInputOption = False,
    json_output: opt.JsonOption = False,
) -> None:
    """Recap a session: what you discussed, took away, decided and promised.

    Run it after every meeting. It first asks which open commitments are done, and
    ends by planning the next meeting. `recap --edit ID` changes a past recap (ids
    from `mentorlog recaps`) in your editor.
    """
    st = state(ctx)
    past = recaps_core.past_recap(st.core, slug) if edit and slug else None
    if past is not None:  # `recap --edit ID`: change that recap, not write a new one
        options = (date_text, minutes, summary, takeaway, decision, action, done, progress)
        if any(value is not None for value in (*options, next_text)):
            raise InvalidInput(
                f"'{slug}' is a past recap: --edit changes it in your editor",
                "other options are for a new recap: pass its relationship's SLUG",
            )
        edit_past(st, past, kept_draft, no_input, json_output)
        return
    asker = st.asker(no_input)
    today = st.core.today
    chosen = slug or _choose_slug(st, asker)
    agenda = core.agenda(st.core, chosen)  # fails early for an unknown or closed pairing
    relationship = agenda.relationship

    # Options are checked before any question, so a typo never costs a walk.
    given_date = (
        core.check_date(st.core, relationship, parse_date(date_text, today, Prefer.past, "--date"))
        if date_text
        else None
    )
    given_next = parse_date(next_text, today, Prefer.future, "--next") if next_text else None
    given_actions = [parse_action(text, today) for text in action] if action else None
    given_progress = core.parse_progress(progress) if progress else None
    if asker.interactive or edit:  # before any question or editor; else core.record checks
        # them, after it tells a retry (core/txn.py)
        core.resolve_refs(st.core, chosen, done or [], given_progress or {})

    walk = Walk(st, asker, chosen)
    walk.resume_draft(agenda)
    if asker.interactive:
        st.err.print(Text(f"Recap of your session with {relationship.partner}", style="bold"))
    open_ids = {a.id for a in agenda.actions}

    def ask_done() -> list[str]:
        if not agenda.actions:
            return []
        st.err.print(Text("\nOpen commitments", style="bold"))
        st.err.print(_open_table(agenda))

        def parse(answer: str) -> list[str]:
            typed = answer.replace(",", " ").split()
            texts = {a.id: a.text for a in agenda.actions}
            unknown = [item for item in typed if not ids.matches(item, open_ids)]
            if unknown:
                raise InvalidInput(f"not an open commitment here: {', '.join(unknown)}")
            return [ids.resolve(item, open_ids, "commitment", texts) for item in typed]

        example = " ".join(a.short for a in agenda.actions[:2])
        return asker.until_valid(
            lambda: asker.text(
                f"Which are done? (ids like {example}; Enter for none)", flag="--done"
            ),
            parse,
        )

    done_ids = list(dict.fromkeys(walk.step("done", done, ask_done, [])))

    def ask_date() -> str:
        return asker.until_valid(
            lambda: asker.text("When did you meet?", flag="--date", default="today"),
            lambda text: core.check_date(
                st.core, relationship, parse_date(text, today, Prefer.past, "--date")
            ).isoformat(),
        )

    meeting = date.fromisoformat(
        walk.step(
            "date", given_date.isoformat() if given_date else None, ask_date, today.isoformat()
        )
    )

    def ask_minutes() -> int:
        def parse(text: str) -> int:
            if not text:
                return 0
            if not re.fullmatch(r"[0-9]+", text) or not 1 <= int(text) <= 1440:
                raise InvalidInput(f"'{text}' is not a number of minutes")
            return int(text)

        return asker.until_valid(
            lambda: asker.text("How long, in minutes? (Enter skips)", flag="--minutes"), parse
        )

    length = walk.step("minutes", minutes, ask_minutes, 0) or None

    if asker.interactive and "summary" not in walk.answers and summary is None and not edit:
        st.err.print(Text(MULTILINE_TIP, style="dim"))
    edit_draft = drafts.draft_path(st.core, EDIT_DRAFT, chosen)
    edited = edit and summary is None and "summary" not in walk.answers
    if edited:
        summary = _edit_summary(st, chosen, kept_draft, no_input)
        if summary:
            walk.keep("summary", summary)  # so a Ctrl-C later still keeps it
            if walk.saving:
                drafts.discard(edit_draft)  # it lives on in the walk's draft
    notes = walk.step(
        "summary",
        summary,
        lambda: walk.text("summary", "What did you talk about?", "the story of the session"),
        "",
    )
    takeaways = walk.step(
        "takeaways",
        takeaway,
        lambda: walk.text(
            "takeaways",
            "What do you take away?",
            "one per line: insights, advice, ideas",
            lines=True,
        ),
        [],
    )
    decisions = walk.step(
        "decisions",
        decision,
        lambda: walk.text("decisions", "Anything decided?", "one per line", lines=True),
        [],
    )

    def ask_actions() -> list[dict[str, str]]:
        st.err.print(Text("\nNew commitments", style="bold"))
        st.err.print(
            Text(
                "  one at a time; add @partner or @both, and due:friday or due:in 2 weeks",
                style="dim",
            )
        )
        made: list[dict[str, str]] = list(walk.answers.get("actions_so_far", []))
        for kept in made:
            st.err.print(Text(f"  (from your draft) {kept['text']} @{kept['owner']}", style="dim"))
        typed = str(walk.answers.get(TYPED_ACTION, ""))  # half typed when a stop came
        while True:
            try:
                with asker.offering(typed):
                    line = asker.text("Commitment (Enter when done)", flag="--action")
            except Interrupted as stop:
                if stop.partial:
                    walk.keep(TYPED_ACTION, stop.partial)
                raise
            if typed:
                typed = ""
                walk.forget(TYPED_ACTION)
            if not line:
                return made
            try:
                parsed = parse_action(line, today)
            except MentorlogError as problem:
                st.err.print(hanging("  ", str(problem), "red"))
                continue
            made.append(parsed.model_dump(mode="json", exclude_none=True))
            walk.keep("actions_so_far", made)
            st.err.print(Text(f"  {_understood(parsed)}", style="dim"), highlight=False)

    no_actions: list[dict[str, str]] = []
    new_actions: list[NewAction] = (
        given_actions
        if given_actions is not None
        else [
            NewAction.model_validate(a) for a in walk.step("actions", None, ask_actions, no_actions)
        ]
    )

    def ask_progress() -> dict[str, int]:
        result: dict[str, int] = {}
        for goal in agenda.goals:

            def parse(text: str, now: int = goal.progress) -> int:
                if not text:
                    return now
                number = text.rstrip("%")
                if not re.fullmatch(r"[0-9]+", number) or not 0 <= int(number) <= 100:
                    raise InvalidInput(f"'{text}' is not a percentage from 0 to 100")
                return int(text.rstrip("%"))

            question = (
                f"Progress on {goal.short} '{goal.title}' (now {goal.progress}%; Enter keeps)"
            )

            def ask(question: str = question) -> str:
                return asker.text(question, flag="--progress")

            value = asker.until_valid(ask, parse)
            if value != goal.progress:
                result[goal.id] = value
        return result

    goal_progress = walk.step("progress", given_progress, ask_progress, {})
    planned = core.default_next(relationship, meeting)

    def ask_next() -> str:
        def parse(text: str) -> str:
            answer = text.strip()
            if answer in ("-", "none"):
                return "none"
            if not answer:
                return planned.isoformat() if planned else "none"
            chosen_next = parse_date(answer, today, Prefer.future, "--next")
            core.check_next(meeting, chosen_next)
            return chosen_next.isoformat()

        default = planned.isoformat() if planned else ""
        return asker.until_valid(
            lambda: asker.text(
                "Next meeting? (a date, like friday or in 2 weeks; '-' for not yet planned)",
                flag="--next",
                default=default,
            ),
            parse,
        )

    next_answer = walk.step("next", given_next.isoformat() if given_next else None, ask_next, "")
    next_day = date.fromisoformat(next_answer) if next_answer not in ("", "none") else None

    given = core.RecapInput(
        date=meeting,
        minutes=length,
        summary=notes,
        takeaways=takeaways,
        decisions=decisions,
        actions=new_actions,
        done=done_ids,
        progress=goal_progress,
        next=next_day,
        use_cadence=next_answer != "none",
    )
    if walk.saving and not given.says_something():  # a walk where Enter skipped it all
        walk.finish()
        if json_output:  # a script reads one object: this one says why there is no result
            raise MissingValue("nothing was said, so nothing is saved", "answer a question")
        st.err.print("Nothing was said, so nothing is saved; the last meeting stays as it was.")
        return
    with st.core.store.writing():  # the recap and its drafts' removal: one transaction
        result = core.record(st.core, chosen, given)
        walk.finish()
        if edited:
            drafts.discard(edit_draft)  # the --edit text, now stored
    if not edited and edit_draft.exists():
        warn(
            st.err,
            f"text from an unfinished `recap --edit` is kept in {edit_draft}; "
            f"`mentorlog recap {chosen} --edit` picks it up.",
        )
    present(st.screen, result, json_output, render)


def _edit_summary(st: State, slug: str, kept_draft: KeptChoice | None, no_input: bool) -> str:
    edited = edit_until_valid(
        st,
        EDIT_DRAFT,
        EDIT_TEMPLATE,
        lambda text, _path: text,
        keep=True,
        slug=slug,
        kept_draft=kept_draft,
        no_input=no_input,
        what="the recap template",
    )
    return (edited or "").replace(EDIT_TEMPLATE.strip(), "").strip()


def _open_table(agenda: core.Agenda) -> Table:
    table = Table(box=None, pad_edge=False, show_header=False)
    for action in agenda.actions:
        due = f"due {shown(action.due)}" if action.due else ""
        table.add_row(f"  {action.short}", action.text, action.owner.value, due)
    return table


def render(screen: Screen, result: core.RecapResult) -> None:
    recap = result.recap
    lines = Table.grid(padding=(0, 2))
    lines.add_column(style="bold", no_wrap=True)
    lines.add_column(overflow="fold")
    if recap.minutes:
        lines.add_row("Length", f"{recap.minutes} minutes")
    for label, items in (("Takeaways", recap.takeaways), ("Decisions", recap.decisions)):
        if items:
            lines.add_row(label, "\n".join(f"• {item}" for item in items))
    if result.created:
        lines.add_row(
            "Committed",
            "\n".join(
                f"{a.short}  {a.text} ({a.owner.value}{', due ' + str(a.due) if a.due else ''})"
                for a in result.created
            ),
        )
    short = result.short_ids
    if result.done:
        lines.add_row("Done", ", ".join(short[a] for a in result.done))
    if recap.progress:
        progress = (f"{short[g]} {p}%" for g, p in recap.progress.items())
        lines.add_row("Progress", ", ".join(progress))
    lines.add_row("Next", day(recap.next) if recap.next else "not planned yet")
    title = Text(f"Recap saved: {shown(recap.date)} with {result.partner}")
    out = screen.out
    out.print(Panel(lines, title=title, title_align="left", expand=False))
    for goal in result.achieved_goals:
        out.print(celebrate(goal, result.partner))
    if result.phase_changed:
        out.print("The relationship is now in the progress phase: the long, steady part.")
    if result.resumed:
        out.print("You met again, so the pause is over: the relationship is active.")
    out.print(
        Text.assemble(("Before next time: ", "bold"), (f"mentorlog prep {result.slug}", "cyan"))
    )


def _understood(action: NewAction) -> str:
    """What a typed commitment was read as, said back at once: `me, due Fri 2026-12-11`."""
    due = f", due {action.due:%a} {action.due.isoformat()}" if action.due else ", no due date"
    return f"→ {action.text} ({action.owner.value}{due})"
