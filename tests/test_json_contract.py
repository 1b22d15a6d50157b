"""The scripting contract's frame: the JSON envelope, the error object and the exit codes.

What each command's `data` holds is checked against its schema elsewhere; here, that every
way a command can end under `--json` prints one object a script can branch on, and that
the exit codes are the documented ones.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from mentorlog.core import prompt
from mentorlog.core.exitcodes import ExitCode
from tests.helpers import cli, new, ok, subcommands


def commands(group: Any = None, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every command the app has, by the words that run it (`goal add`)."""
    found: list[tuple[str, ...]] = []
    for name, command in subcommands(group).items():
        if hasattr(command, "list_commands"):
            found += commands(command, (*path, name))
        else:
            found.append((*path, name))
    return found


def options(words: tuple[str, ...]) -> set[str]:
    command: Any = None
    for word in words:
        command = subcommands(command)[word]
    return {opt for param in command.params for opt in getattr(param, "opts", [])}


def error_of(run: Any, code: str, exit_code: int) -> dict[str, Any]:
    """The error object a failed `--json` command printed, after checking the frame."""
    assert run.exit_code == exit_code, (run.exit_code, run.stdout, run.stderr)
    envelope = json.loads(run.stdout)  # one object, nothing else on stdout
    assert set(envelope) == {"version", "error"}
    assert envelope["version"] == 1
    error = envelope["error"]
    assert set(error) == {"code", "message", "hint"}
    assert error["code"] == code
    assert error["message"] and error["message"] in run.stderr
    assert run.stderr.strip().startswith("error:") and len(run.stderr.strip().splitlines()) == 1
    return dict(error)


def test_every_command_takes_no_input() -> None:
    missing = [" ".join(words) for words in commands() if "--no-input" not in options(words)]
    assert missing == []


def test_success_is_the_versioned_envelope() -> None:
    new("Ada Lovelace")
    run = ok("list", "--json")
    envelope = json.loads(run.stdout)
    assert set(envelope) == {"version", "data"} and envelope["version"] == 1
    assert [r["slug"] for r in envelope["data"]] == ["ada-lovelace"]


def test_an_unknown_slug_is_a_not_found_error_object() -> None:
    error = error_of(cli("show", "bob", "--json"), "not_found", ExitCode.FAILURE)
    assert "bob" in error["message"]
    assert error["hint"]  # where to look


def test_an_unknown_option_is_a_usage_error_object() -> None:
    error = error_of(cli("list", "--bogus", "--json"), "usage", ExitCode.USAGE)
    assert "--bogus" in error["message"]
    assert "--help" in error["hint"]


def test_a_bad_date_is_an_invalid_input_error_object_exit_2() -> None:
    new("Ada Lovelace")
    run = cli("recap", "ada-lovelace", "--date", "2026-13-01", "--summary", "x", "--no-input")
    assert run.exit_code == ExitCode.USAGE
    run = cli("recaps", "--since", "feb 30", "--json")
    error_of(run, "invalid_input", ExitCode.USAGE)


def test_a_missing_value_under_no_input_is_exit_2_for_every_walk() -> None:
    """Filed: `rapport X --no-input` exited 1 where `direction X --no-input` exited 2."""
    new("Ada Lovelace")
    for verb in ("rapport", "direction"):
        run = cli(verb, "ada-lovelace", "--no-input", "--json")
        error_of(run, "missing_value", ExitCode.USAGE)


def test_an_error_without_json_leaves_stdout_empty() -> None:
    run = cli("show", "bob")
    assert run.exit_code == ExitCode.FAILURE and run.stdout == ""


def test_json_after_a_double_dash_is_text_not_the_option() -> None:
    new("Ada Lovelace")
    run = cli("search", "--", "--json")  # a search for the word, not a request for JSON
    assert not run.stdout.lstrip().startswith("{")


def test_a_retry_already_recorded_is_data_not_an_error(home: Path) -> None:
    new("Ada Lovelace")
    write = ("journey", "add", "Gave my first talk", "--date", "2026-03-01", "--json")
    ok(*write, "--no-input")
    again = ok(*write, "--no-input")
    assert again.json() == {"already_recorded": True, "message": again.json()["message"]}
    assert "already recorded" in again.stderr


def test_doctor_exits_4_while_something_needs_attention(home: Path) -> None:
    new("Ada Lovelace")
    (home / "stray.tmp").write_text("left by a crash")
    (next(home.glob("relationships/*/relationship.toml"))).write_text("slug = [", "utf-8")
    run = cli("doctor", "--json")
    assert run.exit_code == ExitCode.ATTENTION
    assert run.json()["findings"]


def test_due_quiet_says_overdue_with_its_own_code() -> None:
    new("Ada Lovelace", "--cadence", "weekly", "--started", "2026-01-01")
    run = cli("due", "--quiet")
    assert run.exit_code == ExitCode.DUE and run.stdout == ""


def test_the_prompt_hook_uses_the_same_codes() -> None:
    """core/prompt.py keeps literals (no enum import at every prompt); they must agree."""
    assert prompt.OVERDUE == ExitCode.DUE
    assert prompt.PROBLEM == ExitCode.FAILURE
    assert prompt.NOTHING_DUE == ExitCode.OK


@pytest.mark.parametrize("code", list(ExitCode))
def test_every_exit_code_is_documented(code: ExitCode) -> None:
    text = (Path(__file__).parent.parent / "docs" / "FORMAT.md").read_text("utf-8")
    table = text[text.index("### Exit codes") :]
    assert f"| {code.value} |" in table or f" {code.value}," in table or f"{code.value} |" in table


ENTRY = "from mentorlog.cli.entry import main; main()"


def test_what_the_editor_prints_never_lands_before_the_json(home: Path, tmp_path: Path) -> None:
    """Found in review: a terminal editor draws on stdout; under `--json | jq` that ruined
    the JSON. The editor's output goes to stderr when stdout is not a terminal."""
    import os
    import subprocess
    import sys

    new("Ada Lovelace")
    editor = tmp_path / "editor.sh"
    editor.write_text("#!/bin/sh\necho EDITOR-OUTPUT\n")
    editor.chmod(0o755)
    env = {**os.environ, "MENTORLOG_HOME": str(home), "EDITOR": str(editor)}
    env.pop("VISUAL", None)
    env.pop("MENTORLOG_EDITOR", None)
    run = subprocess.run(
        [sys.executable, "-c", ENTRY, "edit", "ada-lovelace", "--json"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["data"]["slug"] == "ada-lovelace"
    assert "EDITOR-OUTPUT" in run.stderr


@pytest.mark.parametrize(
    "words",
    [("goal", "--no-input", "list"), ("config", "--no-input", "list"),
     ("journey", "--no-input"), ("network", "--no-input", "want", "Python")],
)  # fmt: skip
def test_no_input_between_a_group_and_its_subcommand(words: tuple[str, ...]) -> None:
    """Found in review: `goal --no-input list` was refused ("no --no-input option here")."""
    new("Ada Lovelace")
    assert json.loads(ok(*words, "--json").stdout)["version"] == 1


def test_an_id_a_broken_file_may_hold_is_a_broken_file_error(home: Path) -> None:
    """Found in review: it said not_found, and scripts branch on the code."""
    new("Ada Lovelace")
    ok("recap", "ada-lovelace", "--summary", "met", "--action", "send the deck", "--no-input")
    [commitment] = ok("actions", "--json").json()
    path = Path(ok("read", commitment["id"], "--json").json()["path"])
    path.write_text(path.read_text().replace('status = "open"', 'status = "maybe"'))
    error = error_of(cli("done", commitment["short"], "--json"), "broken_file", 1)
    assert "could not be read" in error["hint"]


def test_an_edit_with_nothing_written_is_an_error_object_under_json(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Found in review: `reflect --edit --json` with nothing written printed nothing, exit 0."""
    monkeypatch.setenv("EDITOR", "true")  # leaves the questions as they were
    run = cli("reflect", "--set", "gratitude", "--edit", "--json")
    error_of(run, "missing_value", ExitCode.USAGE)
    without = cli("reflect", "--set", "gratitude", "--edit")  # a person is told, no error
    assert without.exit_code == 0 and "nothing saved" in without.stderr
