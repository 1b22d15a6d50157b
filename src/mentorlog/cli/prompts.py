"""Asking questions: Rich prompts on a terminal, a clear error naming the flag elsewhere."""

from __future__ import annotations

import contextlib
import functools
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Concatenate, ParamSpec, TypeVar

from rich.console import Console
from rich.prompt import Confirm, InvalidResponse, Prompt
from rich.table import Table
from rich.text import Text

from mentorlog.cli import signals
from mentorlog.cli.signals import Interrupted as Interrupted
from mentorlog.core.errors import MentorlogError, MissingValue

T = TypeVar("T")
P = ParamSpec("P")


def stoppable(
    ask: Callable[Concatenate[Asker, P], T],
) -> Callable[Concatenate[Asker, P], T]:
    """A prompt that a hang-up or SIGTERM stops like Ctrl-C (see cli/signals.py)."""

    @functools.wraps(ask)
    def asking(asker: Asker, /, *args: P.args, **kwargs: P.kwargs) -> T:
        if not asker.interactive:
            return ask(asker, *args, **kwargs)
        try:
            with signals.at_prompt():
                return ask(asker, *args, **kwargs)
        except (KeyboardInterrupt, OSError):  # a stop before the prompt's own reading
            raise Interrupted() from None  # began, or no terminal left to print it on

    return asking


def tell(console: Console, *parts: str | Text) -> None:
    """Say something after a stop; after a hang-up there is no terminal, and that is fine."""
    with contextlib.suppress(OSError):
        console.print(*parts, soft_wrap=True)


MULTILINE_TIP = "Type as many lines as you like; an empty line finishes. Enter alone skips."


def hanging(label: str, text: str | Text, style: str = "") -> Table:
    """`label` then `text`, whose wrapped lines stay under its first, not at column 0
    (an error, a hint, an earlier answer at 80 columns)."""
    grid = Table.grid()
    grid.add_column(no_wrap=True, style="dim")
    grid.add_column(overflow="fold")
    grid.add_row(label, text if isinstance(text, Text) else Text(text, style=style))
    return grid


class YesNo(Confirm):
    """y or n, in any case, or the words: `Yes`, `no`."""

    validate_error_message = "[prompt.invalid]Please answer y or n"

    def process_response(self, value: str) -> bool:
        answer = value.strip().lower()
        if answer in ("y", "yes"):
            return True
        if answer in ("n", "no"):
            return False
        raise InvalidResponse(self.validate_error_message)


class Asker:
    """Asks on the terminal when `interactive`, else applies defaults or fails clearly."""

    def __init__(self, console: Console, interactive: bool) -> None:
        self.console = console
        self.interactive = interactive
        self._offered = ""  # a one-line answer a stop cut short, for the next `text`

    @contextlib.contextmanager
    def offering(self, typed: str) -> Iterator[None]:
        """Offer `typed` (cut short last time) as the next one-line question's default:
        Enter takes it. Let go of after that question, or when nothing asked it."""
        self._offered = typed
        try:
            yield
        finally:
            self._offered = ""

    def _require(self, what: str, flag: str) -> MissingValue:
        return MissingValue(f"missing {what}", f"pass {flag}")

    def _ask(
        self, question: str, default: str | None = None, choices: Sequence[str] | None = None
    ) -> str:
        _line_editor()  # input() then reads through readline: a typed NUL cannot hang it
        prompt = Prompt(
            Text(question),
            console=self.console,
            choices=list(choices) if choices else None,
            case_sensitive=False,  # `Mentee` is `mentee`, as on the command line
            show_default=bool(default),
        )
        if choices:
            listed = ", ".join(choices)
            prompt.illegal_choice_message = f"[prompt.invalid.choice]Please type one of: {listed}"
        # Rich ends every prompt with ": ", which reads oddly after a question mark.
        prompt.prompt_suffix = " " if question.rstrip().endswith(("?", ")")) else ": "
        answer: str = prompt(default=default or "") if default or not choices else prompt()
        return answer

    @stoppable
    def text(
        self,
        question: str,
        *,
        flag: str,
        default: str | None = None,
        required: bool = False,
        what: str | None = None,
    ) -> str:
        if not self.interactive:
            if required and not default:
                raise self._require(what or question.rstrip("?:").lower(), flag)
            return default or ""
        offered, self._offered = self._offered, ""
        while True:
            try:
                answer = self._ask(question, offered or default)
            except (KeyboardInterrupt, EOFError):  # the line being typed goes with the stop
                raise Interrupted(_unfinished_line()) from None
            answer = answer.strip()
            if offered and answer in ("+", "-"):  # as at a long answer: take it, or clear it
                answer = offered if answer == "+" else ""
            offered = ""
            if answer or not required:
                return answer
            self.console.print(Text("  This one is needed.", style="dim"))

    @stoppable
    def choice(
        self,
        question: str,
        choices: Sequence[str],
        *,
        flag: str,
        default: str | None = None,
        what: str | None = None,
    ) -> str:
        if not self.interactive:
            if default is None:
                raise self._require(what or question.rstrip("?:").lower(), flag)
            return default
        try:
            return self._ask(question, default, choices)
        except (KeyboardInterrupt, EOFError):
            raise Interrupted() from None

    def until_valid(self, ask: Callable[[], str], parse: Callable[[str], T]) -> T:
        """Ask again until `parse` accepts the answer; without a terminal, fail at once."""
        while True:
            answer = ask()
            try:
                return parse(answer)
            except MentorlogError as problem:
                if not self.interactive:
                    raise
                self.console.print(hanging("  ", str(problem), "red"))

    @stoppable
    def confirm(self, question: str, *, default: bool = True) -> bool:
        if not self.interactive:
            return default
        try:
            return YesNo.ask(Text(question), console=self.console, default=default)
        except (KeyboardInterrupt, EOFError):
            raise Interrupted() from None

    @stoppable
    def multiline(
        self,
        question: str,
        hint: str = "",
        earlier: str = "",
        pending: str = "",
        on_line: Callable[[str], object] | None = None,
        so_far: str = "",
    ) -> str:
        """Read lines until an empty one. Enter at once keeps `earlier`; '-' clears it;
        '+' takes `pending` (the unfinished answer of an interrupted run).
        `on_line` gets the text so far after every line, so a kill that cannot be caught
        (SIGKILL, a power cut) still finds each finished line kept.
        `so_far` is an answer a stop cut short: the lines typed now go on from it."""
        self.console.print()
        self.console.print(Text(question, style="bold"))
        if hint:
            self.console.print(hanging("  ", hint, "dim"))
        if so_far:
            return self._go_on(so_far, on_line)
        if earlier:  # a long answer's later lines sit under its first
            self.console.print(hanging("  now: ", earlier, "italic"))
            self.console.print(
                Text("  Enter keeps it, a new answer replaces it, '-' clears it.", style="dim")
            )
        if pending:
            self.console.print(hanging("  unfinished last time: ", pending))
            self.console.print(Text("  '+' alone takes it.", style="dim"))
        answer = self._lines(on_line)
        while answer.strip() == "+" and not pending:  # a '+' is no answer of its own
            self.console.print(
                Text("  Nothing unfinished to take here. Type your answer.", style="dim")
            )
            answer = self._lines(on_line)
        if answer.strip() == "+":
            return pending
        if not answer:
            return earlier
        if answer.strip() == "-":
            return ""
        return answer

    def _go_on(self, so_far: str, on_line: Callable[[str], object] | None) -> str:
        """Carry on an answer a stop cut short: what is typed is added to it, never in
        its place (a second stop keeps both); Enter alone keeps it; '-' starts afresh."""
        self.console.print(hanging("  so far:  ", so_far, "italic"))
        self.console.print(
            Text("  Go on where you stopped; Enter alone keeps it, '-' starts again.", style="dim")
        )

        def joined(text: str) -> str:
            first, _, rest = text.partition("\n")
            if first.strip() == "-":  # '-' first: what follows it is the answer, afresh
                return rest
            return f"{so_far}\n{text}" if text else so_far

        try:
            more = self._lines(None if on_line is None else lambda text: on_line(joined(text)))
        except Interrupted as stop:
            raise Interrupted(joined(stop.partial)) from None
        if more.strip() == "-":  # '-' alone: cleared, and asked afresh
            if on_line is not None:  # a stop now keeps nothing of it
                on_line("")
            self.console.print(
                Text("  Cleared. Type it afresh (Enter alone leaves it empty).", style="dim")
            )
            return self._lines(on_line)
        return joined(more)

    def _lines(self, on_line: Callable[[str], object] | None) -> str:
        """Lines up to an empty one, joined; at Ctrl-C, what was typed goes with the stop."""
        lines: list[str] = []
        try:
            while True:
                line = self._read_line("> " if not lines else "… ")
                if not line.strip():
                    return "\n".join(lines)
                lines.append(line.rstrip())
                if on_line is not None and lines not in (["+"], ["-"]):  # keys, not text
                    on_line("\n".join(lines))
        except (KeyboardInterrupt, EOFError):
            cut = _unfinished_line()  # the line being typed when it stopped
            raise Interrupted("\n".join([*lines, cut] if cut else lines)) from None

    def _read_line(self, prompt: str) -> str:
        """One line of a long answer. At a terminal GNU readline reads it (see
        `_line_editor`), so a pasted line longer than the terminal's 4095-byte line
        buffer arrives whole; a NUL byte (Ctrl-@) is dropped with a word."""
        _line_editor()
        line = self.console.input(Text(prompt, style="cyan"))
        if "\x00" in line:
            line = line.replace("\x00", "")
            self.console.print(Text("  (a NUL character was left out)", style="dim"))
        return line


@functools.cache
def _line_editor() -> bool:
    """Whether input() reads through GNU readline, imported here, on first need.

    The terminal's canonical mode cuts a line at 4095 bytes without a word; readline
    reads in non-canonical mode with no such limit, and treats Ctrl-@ as a key rather
    than a NUL that hangs the line. Python uses it only when stdin and stdout are both
    terminals; elsewhere (a pipe, a file) lines are read as they are and none of this
    applies. libedit (macOS's default) has the same effect.
    """
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        return False
    try:
        import readline  # noqa: F401  (importing it is what switches input() over)
    except ImportError:  # e.g. Windows, or a Python built without it
        return False
    return True


def _unfinished_line() -> str:
    """What was typed on the line Ctrl-C, a hang-up or SIGTERM cut short: readline still
    holds it (without readline, the terminal's line discipline has already thrown it
    away). Text, not keys: control characters are left out."""
    if not _line_editor():
        return ""
    import readline

    typed = readline.get_line_buffer()
    return "".join(c for c in typed if c.isprintable()).strip()


def keep_unfinished(
    console: Console,
    partial: str,
    earlier: str,
    save_answer: Callable[[str], object],
    save_draft: Callable[[str], Path],
    resume: str,
) -> None:
    """After Ctrl-C in an answer: keep what was typed, never at the cost of an older answer.

    A half-typed answer replaces an empty one; it never replaces an answer given before,
    which stays as it was while the new text waits in a draft.
    """
    if partial and earlier and partial != earlier:
        path = save_draft(partial)
        message = f"\nYour unfinished answer is kept in {path}; the earlier one is unchanged."
    elif partial:
        save_answer(partial)
        message = "\nSaved the lines you had entered."
    else:
        message = "\nYour earlier answers are saved."
    tell(console, Text.assemble(message, "\nCarry on later with: ", (resume, "bold")))
