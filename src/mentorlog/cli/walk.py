"""Answers in a walk are kept as soon as they are given, and never lost to a stop."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Annotated, Any, TypeVar

import typer
from rich.text import Text

from mentorlog.cli.output import warn
from mentorlog.cli.prompts import Asker, Interrupted, keep_unfinished, tell
from mentorlog.core import drafts
from mentorlog.core.context import Context

T = TypeVar("T")


def ask_and_save(
    asker: Asker,
    ctx: Context,
    draft_name: str,
    question: str,
    hint: str,
    earlier: str,
    save: Callable[[str], object],
    resume: str,
    slug: str | None = None,
) -> str:
    """Ask one multi-line question; save a changed answer at once.

    Text kept from an interrupted earlier try (in the draft `draft_name`) is shown, and
    let go once a new answer is given.
    """
    pending = drafts.draft_path(ctx, draft_name, slug)
    kept = drafts.read(pending) if pending.is_file() else ""
    typed: list[str] = []

    def keep_line(text: str) -> None:  # each finished line is on disk at once
        typed.append(text)
        drafts.save(ctx, draft_name, text, slug=slug)

    try:
        answer = asker.multiline(question, hint, earlier, kept, on_line=keep_line)
    except Interrupted as stop:
        keep_unfinished(
            asker.console,
            stop.partial,
            earlier,
            save,
            partial(drafts.save, ctx, draft_name, slug=slug),
            resume,
        )
        saved_as_answer = bool(stop.partial) and (not earlier or stop.partial == earlier)
        if saved_as_answer:  # what was typed is the answer now: no older draft beside it
            drafts.discard(pending)
        raise
    if answer != earlier:
        save(answer)
    if answer != earlier or typed:
        drafts.discard(pending)
    return answer


ResumeOption = Annotated[
    bool | None,
    typer.Option(
        "--resume/--fresh",
        metavar="",
        help="Pick up the answers an interrupted run left (or let them go) without asking.",
        show_default=False,
    ),
]


class Kept:
    """A walk's answers so far, kept in a draft as each one is given.

    An interrupted walk (Ctrl-C, a hang-up, SIGTERM) leaves them in the draft
    `<name>.toml`; the next run offers to pick up where it stopped. Nothing is
    written without a terminal, and a draft is only let go when the person says so
    (`n`, `--fresh`) or once what it held is stored.
    """

    def __init__(self, asker: Asker, ctx: Context, name: str, slug: str | None = None) -> None:
        self.asker, self.ctx, self.name, self.slug = asker, ctx, name, slug
        self.answers: dict[str, Any] = {}
        self.owns_draft = False  # the draft on disk is this run's (taken up, or written)

    def offer(
        self,
        resume: bool | None,
        fits: Callable[[dict[str, Any]], bool] = bool,
        about: Callable[[dict[str, Any]], str] = lambda _: "",
    ) -> None:
        """Offer the answers left last time; `fits` says whether they belong to this run,
        `about` names what they were about (a partner's name, say)."""
        saved = drafts.load_answers(self.ctx, self.name, self.slug)
        if not saved:
            return
        if resume is False:  # --fresh: the person lets them go
            drafts.discard_answers(self.ctx, self.name, self.slug)
            return
        if not fits(saved):
            self._not_this_one(saved, about(saved))
            return
        when = saved.pop("saved", "last time")
        what = about(saved)
        unfinished = f"unfinished answers{f' ({what})' if what else ''} from {when}"
        if resume is None and not self.asker.interactive:
            warn(
                self.asker.console,
                f"your {unfinished} are kept (--resume uses them, --fresh lets them go)",
            )
            return
        if resume or self.asker.confirm(f"Pick up your {unfinished}?"):
            self.answers, self.owns_draft = saved, True
        else:
            aside = drafts.set_aside(drafts.answers_path(self.ctx, self.name, self.slug))
            tell(self.asker.console, f"They are set aside in {aside}; starting afresh.")

    def _not_this_one(self, saved: dict[str, Any], what: str) -> None:
        """Answers left by a run about something else: never lost to this one."""
        about = f" ({what})" if what else ""
        if not self.asker.interactive:  # this run writes no draft: leave it where it is
            path = drafts.answers_path(self.ctx, self.name, self.slug)
            warn(self.asker.console, f"your unfinished answers{about} are kept in {path}")
            return
        aside = drafts.set_aside(drafts.answers_path(self.ctx, self.name, self.slug))
        tell(self.asker.console, f"Your unfinished answers{about} are set aside in {aside}.")

    def keep(self, key: str, value: Any, cut: bool = False) -> None:
        """Keep an answer; `cut` marks it as one still being typed (a stop cuts it short)."""
        self.answers[key] = value
        if cut:
            self.answers[drafts.CUT] = key
        elif self.answers.get(drafts.CUT) == key:
            del self.answers[drafts.CUT]
        if self.asker.interactive:
            stamped = {**self.answers, "saved": self.ctx.today.isoformat()}
            drafts.save_answers(self.ctx, self.name, stamped, self.slug)
            self.owns_draft = True

    def cut_short(self, key: str) -> str:
        """The answer to `key` a stop cut short last time, to go on from; else ''."""
        return str(self.answers.get(key) or "") if self.answers.get(drafts.CUT) == key else ""

    def step(self, key: str, given: T | None, ask: Callable[[], T]) -> T:
        """A flag's value, else the drafted answer (unless a stop cut it short), else
        ask; whichever it is, keep it."""
        cut = self.answers.get(drafts.CUT) == key and self.asker.interactive  # asked again
        drafted = None if cut else self.answers.get(key)
        found: T | None = given if given is not None else drafted
        if found is None:
            found = self._ask(key, ask, str(self.answers.get(key) or "") if cut else "")
        if self.answers.get(key) != found or self.answers.get(drafts.CUT) == key:
            self.keep(key, found)
        return found

    def _ask(self, key: str, ask: Callable[[], T], typed: str) -> T:
        """Ask, offering what a stop cut short last time (a one-line question's default);
        a stop now keeps the line being typed, to be offered next time."""
        try:
            with self.asker.offering(typed):
                return ask()
        except Interrupted as stop:
            if stop.partial:
                self.keep(key, stop.partial, cut=True)
            raise

    def finish(self) -> None:
        """What the walk gathered is stored: let its draft go, but never another run's."""
        if self.owns_draft:
            drafts.discard_answers(self.ctx, self.name, self.slug)

    def stopped(self, resume: str) -> None:
        """Say, once a walk was stopped, how to pick its answers up again."""
        if self.answers:
            tell(
                self.asker.console,
                Text.assemble(
                    "\nYour answers so far are kept. Pick them up with: ", (resume, "bold")
                ),
            )
