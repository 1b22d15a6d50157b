"""Domain errors. Each carries a stable code, a one-line message and an optional hint.

The CLI turns them into a line on stderr and an exit code in one place (`cli.app`).
"""

from __future__ import annotations

from pathlib import Path

from mentorlog.core.exitcodes import ExitCode

__all__ = ["ExitCode"]  # re-exported: errors and exit codes are one contract


class MentorlogError(Exception):
    code = "error"
    exit_code: int = ExitCode.FAILURE

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message if not self.hint else f"{self.message} ({self.hint})"


class AlreadyRecorded(MentorlogError):
    """The same operation was already stored and nothing changed since: a retry
    (core/txn.py raises it; the CLI says so and exits 0)."""

    code = "already_recorded"
    exit_code = ExitCode.OK


class NotFound(MentorlogError):
    code = "not_found"


class HiddenByBrokenFile(NotFound):
    """Not found, but a file that could not be read may hold it: fix that file first."""

    code = "broken_file"


class AlreadyExists(MentorlogError):
    code = "already_exists"


class InvalidInput(MentorlogError):
    """A value given on the command line or at a prompt is not one mentorlog can take."""

    code = "invalid_input"
    exit_code = ExitCode.USAGE


class Ambiguous(InvalidInput):
    """A typed id or name fits more than one thing: the person must say which (exit 2)."""

    code = "ambiguous"


class BadSetting(InvalidInput):
    """`mentorlog config` was given a key it does not know or a value the key refuses."""

    code = "bad_setting"


class MissingValue(MentorlogError):
    """A required value was not given and we may not ask for it (no TTY or --no-input)."""

    code = "missing_value"
    exit_code = ExitCode.USAGE


class NotAllowed(MentorlogError):
    """The request is well formed but the relationship's state forbids it (e.g. closed)."""

    code = "not_allowed"


class BrokenFile(MentorlogError):
    """A file in the store does not parse or validate. It is never overwritten."""

    code = "broken_file"

    def __init__(
        self,
        path: Path,
        problem: str,
        line: int | None = None,
        col: int | None = None,
        hint: str | None = None,
    ) -> None:
        self.path = path
        self.problem = problem
        self.line = line
        self.col = col
        where = str(path)
        if line is not None:
            where += f":{line}"
            if col is not None:
                where += f":{col}"
        super().__init__(
            f"{where}: {problem}",
            hint or "fix the file by hand; mentorlog will not overwrite it",
        )


class OldFormat(MentorlogError):
    """The home is still in the v1 format; only `migrate` (and a few others) may run."""

    code = "old_format"

    def __init__(self, which: str = "v1") -> None:
        super().__init__(
            f"this journal uses the old format ({which})",
            "run `mentorlog migrate`: it keeps a backup, and --dry-run shows what changes",
        )


class NewerSchema(BrokenFile):
    code = "newer_schema"
