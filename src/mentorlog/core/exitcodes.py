"""mentorlog's exit codes, in one place (docs/FORMAT.md "Exit codes").

Only `enum` is imported: the prompt hook (`due --quiet`, cli/entry.py) uses these too.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    FAILURE = 1  # could not do it: not found, broken file, not allowed, an OS error, a bug
    USAGE = 2  # what was typed is wrong: an option, a value, a missing value, an ambiguous id
    DUE = 3  # `due --quiet`: something is overdue (not an error)
    ATTENTION = 4  # `doctor`: a finding needs attention
    INTERRUPTED = 130  # Ctrl-C; a signal gives 128 + its number, as a shell reports it
