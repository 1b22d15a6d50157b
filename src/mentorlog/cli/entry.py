"""The console script's first stop: `mentorlog --version` answers before the app loads.

Loading the app (Typer, Rich, Pydantic and the command table) is most of the start-up
time; a version check needs none of it.
"""

from __future__ import annotations

import sys

from mentorlog import __version__


def main() -> None:
    if sys.argv[1:] == ["--version"]:  # anything more is for the app's own parser
        sys.stdout.write(f"mentorlog {__version__}\n")
        return
    from mentorlog.cli.app import main as run_app

    run_app()
