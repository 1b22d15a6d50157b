"""The console script's first stop: answers that need none of the app.

Loading the app (Typer, Rich, Pydantic and the command table) is most of the start-up
time. `mentorlog --version` needs none of it, and `mentorlog due --quiet`, the prompt
hook, is answered from what the last full `due` kept (core/prompt.py) when none of the
files it came from changed; anything else goes to the app.
"""

from __future__ import annotations

import os
import sys
import time

from mentorlog import __version__

QUIET_DUE = (["due", "--quiet"], ["due", "-q"])


def main() -> None:
    args = sys.argv[1:]
    if args == ["--version"]:  # anything more is for the app's own parser
        sys.stdout.write(f"mentorlog {__version__}\n")
        return
    if args in QUIET_DUE:
        code = _quiet_due()
        if code is not None:
            sys.exit(code)
    if _names_a_shell(args):  # Typer then takes the name instead of guessing the shell
        os.environ["_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION"] = "1"
        sys.argv[1:] = _shell_lowered(args)  # `ZSH` is `zsh`, as other choices
    from mentorlog.cli.app import main as run_app

    run_app()


COMPLETION_OPTIONS = ("--show-completion", "--install-completion")


def _shell_lowered(args: list[str]) -> list[str]:
    """The shell named after a completion option in lower case; the rest as given."""
    out = list(args)
    for index, arg in enumerate(args):
        option, equals, value = arg.partition("=")
        if option in COMPLETION_OPTIONS and equals:
            out[index] = f"{option}={value.lower()}"
        elif arg in COMPLETION_OPTIONS and index + 1 < len(args):
            out[index + 1] = args[index + 1].lower()
    return out


def _names_a_shell(args: list[str]) -> bool:
    """`--show-completion zsh` (or `=zsh`): a shell named, not left to be guessed."""
    for index, arg in enumerate(args):
        if arg.startswith(tuple(f"{option}=" for option in COMPLETION_OPTIONS)):
            return True
        if arg in COMPLETION_OPTIONS and index + 1 < len(args):
            return not args[index + 1].startswith("-")
    return False


def _quiet_due() -> int | None:
    """The prompt hook's exit code from the kept answer, or None to run `due` in full
    (also when the home or today come from somewhere the app must check)."""
    from mentorlog.core.cacheplace import data_root
    from mentorlog.core.prompt import answer

    home, today = os.environ.get("MENTORLOG_HOME"), os.environ.get("MENTORLOG_TODAY")
    if today is not None and not _iso_day(today):
        return None  # a natural date, or a wrong one: the app reads it or names it
    # `--home` beats both, but it is not in the words this answers (`due --quiet`)
    where = os.path.abspath(os.path.expanduser(home)) if home else data_root()  # noqa: PTH100, PTH111
    return answer(where, today or time.strftime("%Y-%m-%d"))


def _iso_day(text: str) -> bool:
    """`YYYY-MM-DD` with a month and a day that can be (a finer check is the app's)."""
    parts = text.split("-")
    if [len(p) for p in parts] != [4, 2, 2] or not all(p.isdigit() for p in parts):
        return False
    return 1 <= int(parts[1]) <= 12 and 1 <= int(parts[2]) <= 28
