"""Open text in the user's editor and loop until it validates; the text is never lost."""

from __future__ import annotations

import os
import shlex
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from rich.text import Text

from mentorlog.cli import signals
from mentorlog.cli.prompts import Asker
from mentorlog.cli.state import State
from mentorlog.core import drafts
from mentorlog.core.drafts import KeptChoice
from mentorlog.core.errors import BrokenFile, InvalidInput, MentorlogError, MissingValue
from mentorlog.core.merge import conflict_line

T = TypeVar("T")


EDITOR_ENV = "MENTORLOG_EDITOR"


def chosen_editor(configured: str | None) -> str | None:
    """As git: `$MENTORLOG_EDITOR`, then config.toml's `editor`, then $VISUAL, $EDITOR."""
    env = os.environ
    return env.get(EDITOR_ENV) or configured or env.get("VISUAL") or env.get("EDITOR")


def configured_editor(st: State) -> str | None:
    """config.toml's `editor`; none from a broken file (`config edit` is how it is fixed,
    and every other command has refused a broken one before it got here)."""
    try:
        return st.settings.editor
    except BrokenFile:
        return None


TERMINAL_EDITORS = {"vi", "vim", "nvim", "view", "nano", "pico", "micro", "joe", "jed",
                    "mg", "ne", "kak", "hx", "helix", "emacs"}  # fmt: skip
# ... unless told to run as a script: `vim -es`, `nvim --headless`, `emacs --batch`
SCRIPTED = {"-e", "-es", "-E", "-Es", "-s", "--headless", "--batch", "-batch", "--script"}


def _terminal_editor(configured: str | None) -> str | None:
    """The name of a configured editor that reads the keyboard from a terminal (vi,
    nano, emacs ...), which no pipe can stand in for; None for any other (a GUI
    editor, `code --wait`, a script)."""
    try:
        words = shlex.split(configured or "")
    except ValueError:
        return None
    name = Path(words[0]).name if words else ""
    if name not in TERMINAL_EDITORS or SCRIPTED.intersection(words[1:]):
        return None
    return name


def editor_command(configured: str | None = None) -> list[str]:
    chosen = chosen_editor(configured)
    if chosen:
        return shlex.split(chosen)
    for fallback in ("nano", "vi"):
        if shutil.which(fallback):
            return [fallback]
    raise MentorlogError("no text editor found", "set $EDITOR, e.g. export EDITOR=nano")


def edit_until_valid(
    st: State,
    draft_name: str,
    initial: str,
    accept: Callable[[str, Path], T],
    implicit: bool = False,
    keep: bool = False,
    slug: str | None = None,
    kept_draft: KeptChoice | None = None,
    no_input: bool = False,
    what: str | None = None,
) -> T | None:
    """Edit `initial` in the editor; `accept(text, draft_path)` validates and stores it.

    Returns None when nothing changed. On an invalid edit, offers to edit again; if the
    person declines (or no terminal can ask), the edited text stays in the drafts folder
    beside a copy of `initial`, and the next edit of the same thing starts from it; if
    `initial` changed in the meantime, the person chooses (or `kept_draft` says) whether
    to merge, use the draft as it is, or set it aside. An `implicit` edit (the person
    did not ask for an editor by name) needs a terminal or a configured editor, and
    never happens with `no_input`; any edit with no editor set needs a terminal (the
    fallbacks, nano and vi, cannot run without one). With
    `keep`, `accept` only reads the text, and the caller discards the draft once the
    text is stored. With `no_input`, nothing is asked. `what` names `initial` in messages
    (default: the draft's name).
    """
    configured = chosen_editor(configured_editor(st))
    if implicit and no_input:
        raise MissingValue(
            "nothing to change", "pass options such as --purpose; --no-input opens no editor"
        )
    if implicit and not configured and not sys.stdin.isatty():
        raise MissingValue(
            "nothing to change", "pass options such as --purpose, or run it in a terminal"
        )
    if not configured and not sys.stdin.isatty():  # nano or vi cannot run without one
        raise MissingValue(
            f"no editor to open {what or 'the text'} in",
            "set $EDITOR (or `mentorlog config set editor`), or run it in a terminal",
        )
    needs = _terminal_editor(configured)
    if needs and not sys.stdin.isatty():
        hint = "pass options such as --purpose, or " if implicit else ""
        raise MissingValue(
            f"{needs} needs a terminal to edit {what or 'the text'}",
            f"{hint}run it in a terminal (an editor that needs none, or a script, works)",
        )
    asker = st.asker(no_input)
    start = _starting_text(st, asker, draft_name, initial, slug, kept_draft, what)
    path = drafts.save(st.core, draft_name, start, slug, base=initial)
    while True:
        _run_editor(path, configured)
        text = drafts.read(path)
        if text == initial:
            drafts.discard(path)
            return None
        try:
            _refuse_markers(text, path)
            result = accept(text, path)
        except MentorlogError as problem:
            if asker.interactive:
                st.err.print(
                    Text.assemble(("error: ", "bold red"), problem.message), soft_wrap=True
                )
                if asker.confirm("Edit again?", default=True):
                    continue
            raise MentorlogError(
                f"not saved: {problem.message}", f"your edited text is kept in {path}"
            ) from None
        if not keep:
            drafts.discard(path)
        return result


def _editor_output() -> int | None:
    """Where the editor's own output goes: with stdout a pipe (`--json | jq`), to stderr
    (the terminal, most often), so nothing the editor prints lands before the results."""
    if sys.stdout.isatty():
        return None
    try:
        return sys.stderr.fileno()
    except (OSError, ValueError):  # no real stderr either (a test's captured streams)
        return subprocess.DEVNULL


def _run_editor(path: Path, configured: str | None) -> None:
    """Run the editor on `path`; a signal meanwhile leaves the text there, unsaved."""
    command = [*editor_command(configured), str(path)]
    kept = f"your text is kept in {path}; the next edit starts from it"
    try:
        with signals.editor_open():
            finished = subprocess.run(command, check=False, stdout=_editor_output())
    except FileNotFoundError:
        raise MentorlogError(f"cannot run the editor '{command[0]}'", kept) from None
    stopped = signals.received()  # a hang-up: the editor may have saved half a thought
    if stopped is not None:
        raise MentorlogError(f"stopped by {_name(stopped)} while the editor was open", kept)
    if finished.returncode < 0:
        raise MentorlogError(f"the editor was stopped by {_name(-finished.returncode)}", kept)
    if finished.returncode != 0:
        raise MentorlogError(f"the editor exited with status {finished.returncode}", kept)


def _name(signum: int) -> str:
    try:
        return signal.Signals(signum).name
    except ValueError:
        return f"signal {signum}"


def _refuse_markers(text: str, path: Path) -> None:
    line = conflict_line(text)
    if line is not None:
        raise InvalidInput(
            f"{path}:{line}: a conflict marker is still in the text",
            "keep the part you want and delete the <<<<<<<, ======= and >>>>>>> lines",
        )


def _starting_text(
    st: State,
    asker: Asker,
    draft_name: str,
    initial: str,
    slug: str | None,
    choice: KeptChoice | None,
    what: str | None,
) -> str:
    """Where the editing starts: `initial`, or text kept from before, never silently behind."""
    kept = drafts.kept(st.core, draft_name, slug)
    name = what or draft_name
    if kept is None or kept.text == initial:
        return initial
    if choice is None and not kept.behind(initial):
        st.err.print(f"Continuing from the text you kept in {kept.path}")
        return kept.text
    if choice is None:
        choice = _ask_choice(st, asker, kept, initial, name)
    if choice is KeptChoice.set_aside:
        aside = drafts.set_aside(kept.path)
        st.err.print(f"Your draft is set aside in {aside}; starting from {name} as it is now.")
        return initial
    text, conflicts = drafts.start_from(kept, initial, choice)
    if choice is KeptChoice.use:
        st.err.print(f"Continuing from your draft, over {name} as it is now.")
    elif conflicts:
        places = "one place" if conflicts == 1 else f"{conflicts} places"
        st.err.print(
            f"Merged your draft with {name} as it is now. Both changed {places}, marked "
            "between <<<<<<< and >>>>>>>: keep what you want and delete the marker lines."
        )
    else:
        st.err.print(f"Merged your draft with {name} as it is now.")
    return text


def _ask_choice(st: State, asker: Asker, kept: drafts.Kept, now: str, name: str) -> KeptChoice:
    may = "" if kept.base is not None else "may have "
    headline = f"{name} {may}changed since you kept your draft on {kept.when()}"
    if not asker.interactive:
        raise MissingValue(
            headline,
            f"pass --kept-draft merge, use or set-aside; your draft is kept in {kept.path}",
        )
    st.err.print(Text(headline[:1].upper() + headline[1:] + ".", style="bold"))
    st.err.print(
        "  [d] show the difference   [m] merge them   [k] keep my draft   "
        "[f] keep the file as it is now"
    )
    answers = {"m": KeptChoice.merge, "k": KeptChoice.use, "f": KeptChoice.set_aside}
    while True:
        letter = asker.choice("What now?", ["d", *answers], flag="--kept-draft", default="m")
        if letter in answers:
            return answers[letter]
        for title, diff in drafts.changes(kept, now, name):
            st.err.print(Text(title, style="bold"))
            st.err.print(_coloured(diff) if diff else Text("  (nothing)", style="dim"))


def _coloured(diff: str) -> Text:
    styles = {"+": "green", "-": "red", "@": "cyan"}
    text = Text()
    for line in diff.splitlines(keepends=True):
        text.append(line, style=styles.get(line[:1], ""))
    return text
