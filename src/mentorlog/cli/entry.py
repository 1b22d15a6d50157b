"""The console script's first stop: answers that need none of the app.

Loading the app (Typer, Rich, Pydantic and the command table) is most of the start-up
time. `mentorlog --version` needs none of it, and `mentorlog due --quiet`, the prompt
hook, is answered from what the last full `due` kept (core/prompt.py) when none of the
files it came from changed; anything else goes to the app.
"""

from __future__ import annotations

import os
import sys

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
    from mentorlog.cli.app import main as run_app

    run_app()


def _quiet_due() -> int | None:
    """The prompt hook's exit code from the kept answer, or None to run `due` in full
    (also when the home or today come from somewhere the app must check)."""
    from datetime import date
    from pathlib import Path

    from mentorlog.core.prompt import answer

    home, today = os.environ.get("MENTORLOG_HOME"), os.environ.get("MENTORLOG_TODAY")
    try:
        day = date.fromisoformat(today) if today else date.today()
        if home:
            where = Path(home).expanduser().absolute()
        else:
            import platformdirs

            where = Path(platformdirs.user_data_dir("mentorlog", appauthor=False))
    except (ValueError, RuntimeError):
        return None  # the app names the problem
    return answer(where, day)
