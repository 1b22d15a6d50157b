"""Consoles and the two ways every result is shown: Rich for people, JSON for scripts."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TextIO, TypeVar

from pydantic import BaseModel
from rich.console import Console, ConsoleOptions, RenderableType
from rich.segment import Segment
from rich.text import Text

from mentorlog.core.visible import json_safe, visible


class SafeConsole(Console):
    """A console that shows control characters instead of obeying them.

    Every piece of text on its way to the terminal passes through `render`, so stored
    text (a name, a note, a prompt set, an argument echoed in an error) can never move
    the cursor, set the title or write the clipboard, whichever view prints it. Rich's
    own control segments (none of which carry user text) pass unchanged.
    """

    def render_str(self, text: str, **options: Any) -> Text:
        # Made visible before it is measured, so tables keep their columns.
        return super().render_str(visible(text), **options)

    def render(
        self, renderable: RenderableType, options: ConsoleOptions | None = None
    ) -> Iterable[Segment]:
        for segment in super().render(renderable, options):
            if segment.control:
                yield segment
            else:
                yield Segment(visible(segment.text), segment.style, segment.control)

    def input(
        self,
        prompt: str | Text = "",
        *,
        markup: bool = True,
        emoji: bool = True,
        password: bool = False,
        stream: TextIO | None = None,
    ) -> str:
        """As Rich's, but with GNU readline loaded the prompt goes to input() itself.

        readline redraws and ends the line it reads; a prompt printed before it, which
        readline knows nothing of, is left without a line end when the answer is empty,
        and the next question runs on after it.
        """
        if password or stream is not None or not _reading_with_readline():
            return super().input(
                prompt, markup=markup, emoji=emoji, password=password, stream=stream
            )
        with self.capture() as styled:
            self.print(prompt, markup=markup, emoji=emoji, end="")
        # \x01 and \x02 tell readline the colour codes take no room on the line.
        return input(_SGR.sub("\x01\\1\x02", styled.get()))


_SGR = re.compile(r"(\x1b\[[0-9;]*m)")


def _reading_with_readline() -> bool:
    return "readline" in sys.modules and sys.stdin.isatty() and sys.stdout.isatty()


def make_console(stderr: bool = False) -> Console:
    # Rich honours NO_COLOR and turns colour off when the stream is not a terminal.
    # Markup is off: a partner named "[bold]" is text, not a style. Styles use Text.
    return SafeConsole(stderr=stderr, highlight=False, markup=False)


class Retry(BaseModel):
    """`--json`'s answer when the same write was already stored and nothing changed since."""

    already_recorded: bool = True
    message: str


JSON_VERSION = 1  # goes up only when a key is removed or changes meaning (docs/FORMAT.md)


def emit_json(result: BaseModel | Sequence[BaseModel]) -> None:
    """Print a result model (or a list of them) on stdout as the JSON envelope, nothing else:
    `{"version": 1, "data": <result>}`."""
    from mentorlog.core.models import RESULT  # loaded already: the result is made of models

    if isinstance(result, BaseModel):
        data: object = result.model_dump(mode="json", context=RESULT)
    else:
        data = [item.model_dump(mode="json", context=RESULT) for item in result]
    _write_json({"version": JSON_VERSION, "data": data})


def emit_json_error(code: str, message: str, hint: str | None) -> None:
    """An error under `--json`: `{"version": 1, "error": {"code", "message", "hint"}}`."""
    error = {"code": code, "message": message, "hint": hint}
    _write_json({"version": JSON_VERSION, "error": error})


def _write_json(envelope: dict[str, object]) -> None:
    sys.stdout.write(json_safe(json.dumps(envelope, indent=2, ensure_ascii=False)) + "\n")
    sys.stdout.flush()


Shown = TypeVar("Shown", bound=BaseModel | Sequence[BaseModel])


@dataclass(frozen=True)
class Screen:
    """Where a human view prints. It holds no journal: a view shows its result, and
    nothing it could look up or work out for itself that `--json` would lack."""

    out: Console
    err: Console
    pager: Callable[[], str | None]  # config.toml's `pager`, read when a view pages

    @contextmanager
    def paged(self, wanted: bool) -> Iterator[None]:
        """Long output through the pager (see cli/pager.py), when `wanted`."""
        from mentorlog.cli.pager import paged

        with paged(self.out, wanted, self.pager()):
            yield


def present(
    screen: Screen,
    result: Shown,
    json_output: bool,
    human: Callable[[Screen, Shown], None],
) -> None:
    """Every command's result is shown here, one way or the other: as JSON for scripts,
    or by `human` for people. Both get the same object, so the two cannot drift."""
    if json_output:
        emit_json(result)
    else:
        human(screen, result)


def warn(console: Console, message: str) -> None:
    console.print(Text.assemble(("warning: ", "yellow"), message), soft_wrap=True)


def none_read(screen: Screen, said: str, skipped: int) -> bool:
    """For an empty listing: if files were skipped, say what could be read (`said`),
    never that there is nothing, and return True."""
    if not skipped:
        return False
    files = "file" if skipped == 1 else "files"
    screen.out.print(f"{said}: {skipped} {files} skipped (named above).")
    return True


def warn_skipped(console: Console, problems: Sequence[str]) -> None:
    """Listings go on past a broken file; each one skipped is named on stderr, once
    (a view may have tried it for two of its parts)."""
    for problem in dict.fromkeys(problems):  # a broken file, or a folder it cannot read
        warn(console, f"skipped {problem}")
