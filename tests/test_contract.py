"""The JSON contract: every `--json` output, success and error, against its schema.

The schemas live in docs/schemas/ and are generated from the result models by
tools/schemas.py; docs/FORMAT.md lists them. Every command with `--json` must have a
schema and a case below (a success and an error); a new command without one fails here.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import typer.main
from jsonschema import Draft202012Validator
from tools import schemas as generator

from mentorlog.cli import app as app_module
from mentorlog.cli.app import app
from mentorlog.core.exitcodes import ExitCode
from tests.helpers import cli, ok
from tests.store_fixtures import REFLECTION, at

SCHEMAS = generator.FOLDER
REGENERATE = f"run `{generator.REGENERATE}` and commit the result"


@dataclass(frozen=True)
class Case:
    """How to run one command: successes (each a shape it prints), then one failure.

    Arguments may name things in the healthy home (tests/store_fixtures.py): `{goal}`,
    `{action}` and `{milestone}` (Ada's), `{trash}` (the newest trash entry), `{out}`
    (a fresh file path), `{export}` (an export of the home). `before` runs before the
    successes (the failure runs on the healthy home as it is).
    """

    runs: tuple[tuple[str, ...], ...]
    error: tuple[str, ...]
    code: str  # the error's "code"
    exit: ExitCode  # the error's exit code
    before: tuple[tuple[str, ...], ...] = ()


NOSUCH = "nobody-here"
FAILURE, USAGE = ExitCode.FAILURE, ExitCode.USAGE

# fmt: off
CASES: dict[str, Case] = {
    "new-relationship": Case((("new-relationship", "Linus Pauling", "--role", "peer"),),
                             ("new-relationship", "Ada", "--slug", "ada", "--role", "mentee"),
                             "already_exists", FAILURE),
    "list": Case((("list",), ("list", "--status", "all")), ("list", "--status", "gone"),
                 "usage", USAGE),
    "show": Case((("show", "ada"),), ("show", NOSUCH), "not_found", FAILURE),
    "edit": Case((("edit", "ada", "--channel", "video"),), ("edit", NOSUCH, "--channel", "video"),
                 "not_found", FAILURE),
    "rapport": Case((("rapport", "ada", "--hopes", "to learn"),), ("rapport", NOSUCH),
                    "not_found", FAILURE),
    "direction": Case((("direction", "ada", "--aspirations", "lead a team"),),
                      ("direction", NOSUCH), "not_found", FAILURE),
    "agreement": Case((("agreement", "ada"),), ("agreement", NOSUCH), "not_found", FAILURE),
    "goal add": Case((("goal", "add", "ada", "Write more"),), ("goal", "add", NOSUCH, "Write"),
                     "not_found", FAILURE),
    "goal list": Case((("goal", "list"), ("goal", "list", "ada")), ("goal", "list", NOSUCH),
                      "not_found", FAILURE),
    "goal update": Case((("goal", "update", "{goal}", "--progress", "60"),),
                        ("goal", "update", "{goal}", "--progress", "150"), "usage", USAGE),
    "goal done": Case((("goal", "done", "{goal}"),), ("goal", "done", "gzzzzzz"),
                      "not_found", FAILURE),
    "goal drop": Case((("goal", "drop", "{goal}"),), ("goal", "drop", "gzzzzzz"),
                      "not_found", FAILURE),
    "prep": Case((("prep", "ada"),), ("prep", NOSUCH), "not_found", FAILURE),
    "recap": Case((("recap", "ada", "--summary", "We met", "--action", "read a book @me"),
                   ("recap", "--edit", "{recap}")),
                  ("recap", NOSUCH, "--summary", "We met"), "not_found", FAILURE),
    "actions": Case((("actions",), ("actions", "--all")), ("actions", NOSUCH),
                    "not_found", FAILURE),
    "done": Case((("done", "{action}"),), ("done", "azzzzzz"), "not_found", FAILURE),
    "renegotiate": Case((("renegotiate", "{action}", "--due", "2026-04-01"),),
                        ("renegotiate", "{action}"), "invalid_input", USAGE),
    "due": Case((("due",),), ("due", "--quiet"), "usage", USAGE),
    "log": Case((("log", "ada"),), ("log", NOSUCH), "not_found", FAILURE),
    "pause": Case((("pause", "ada", "--until", "2026-06-01"),), ("pause", NOSUCH),
                  "not_found", FAILURE),
    "resume": Case((("resume", "ada"),), ("resume", "grace"), "not_allowed", FAILURE,
                   before=(("pause", "ada", "--until", "2026-06-01"),)),
    "close": Case((("close", "grace", "--keep-open", "--thanks", "all of it"),), ("close", NOSUCH),
                  "not_found", FAILURE),
    "reflect": Case((("reflect", "--set", "gratitude", "--answer", "a walk"),
                     ("reflect", "--list-sets"), ("reflect", "ada", "--suggest")),
                    ("reflect", "--set", "no-such-set"), "not_found", FAILURE),
    "journal": Case((("journal",),), ("journal", NOSUCH), "not_found", FAILURE),
    "read": Case((("read", "{recap}"), ("read", "{goal}"), ("read", "{action}"),
                  ("read", "{reflection}"), ("read", "ada/2026-03-15.toml")),
                 ("read", "szzzzzz"), "not_found", FAILURE),
    "recaps": Case((("recaps",), ("recaps", "ada")), ("recaps", NOSUCH), "not_found", FAILURE),
    "checkin": Case((("checkin", "grace", "--rate", "respect=4"),),
                    ("checkin", "ada", "--rate", "listening=9"), "invalid_input", USAGE),
    "health": Case((("health",), ("health", "ada")), ("health", NOSUCH), "not_found", FAILURE),
    "seasons": Case((("seasons",), ("seasons", "ada")), ("seasons", NOSUCH), "not_found", FAILURE),
    "search": Case((("search", "talked"),), ("search", "talked", "--since", "never ever"),
                   "invalid_input", USAGE),
    "reindex": Case((("reindex",),), ("reindex", "extra"), "usage", USAGE),
    "network": Case((("network",),), ("network", "--markdown"), "usage", USAGE),
    "network want": Case((("network", "want", "Writing"),), ("network", "want"), "usage", USAGE),
    "network unwant": Case((("network", "unwant", "Python"),), ("network", "unwant"),
                           "usage", USAGE),
    "journey": Case((("journey",),), ("journey", "--since"), "usage", USAGE),
    "journey add": Case((("journey", "add", "First talk", "--date", "2021-05-01"),),
                        ("journey", "add", "First talk", "--date", "someday"),
                        "invalid_input", USAGE),
    "delete": Case((("delete", "goal", "{goal}"),), ("delete", "goal", "gzzzzzz"),
                   "not_found", FAILURE),
    "trash": Case((("trash",),), ("trash", "--older-than", "soon"), "usage", USAGE,
                  before=(("delete", "goal", "{goal}"),)),
    "restore": Case((("restore", "{trash}"),), ("restore", "nosuch"), "not_found", FAILURE,
                    before=(("delete", "goal", "{goal}"),)),
    "export": Case((("export", "--format", "markdown", "-o", "{out}"),),
                   ("export", NOSUCH, "-o", "{out}"), "not_found", FAILURE),
    "import": Case((("import", "{export}", "--dry-run"),), ("import", "{out}"),
                   "not_found", FAILURE),
    "doctor": Case((("doctor",),), ("doctor", "extra"), "usage", USAGE),
    "init": Case((("init", "--git"),), ("init",), "missing_value", USAGE),
    "sync": Case((("sync",),), ("sync",), "not_allowed", FAILURE, before=(("init", "--git"),)),
    "config list": Case((("config", "list"),), ("config", "list", "extra"), "usage", USAGE),
    "config get": Case((("config", "get", "name"),), ("config", "get", "nosuch"),
                       "bad_setting", USAGE),
    "config set": Case((("config", "set", "name", "Sam"),), ("config", "set", "nosuch", "x"),
                       "bad_setting", USAGE),
    "config unset": Case((("config", "unset", "name"),), ("config", "unset", "nosuch"),
                         "bad_setting", USAGE),
    "migrate": Case((("migrate", "--dry-run"),), ("migrate", "extra"), "usage", USAGE),
}
# fmt: on


def json_commands() -> list[str]:
    """Every command (and group) that takes --json, found by walking the app."""
    found: list[str] = []

    def walk(command: Any, path: list[str]) -> None:
        if any("--json" in getattr(param, "opts", ()) for param in command.params):
            found.append(" ".join(path))
        if hasattr(command, "list_commands"):
            context = typer.Context(command)
            for name in command.list_commands(context):
                walk(command.get_command(context, name), [*path, name])

    walk(typer.main.get_command(app), [])
    return found


def test_every_json_command_has_a_schema_and_a_case() -> None:
    commands = json_commands()
    assert len(commands) > 40
    no_schema = [c for c in commands if c not in generator.RESULTS]
    no_case = [c for c in commands if c not in CASES]
    assert not no_schema, f"no result model in tools/schemas.py RESULTS for: {no_schema}"
    assert not no_case, f"no success and error case in tests/test_contract.py for: {no_case}"
    assert sorted(generator.RESULTS) == sorted(commands) == sorted(CASES)


def test_the_schema_files_are_up_to_date() -> None:
    files = generator.schemas()
    on_disk = {path.name for path in SCHEMAS.glob("*.json")}
    assert on_disk == set(files), REGENERATE
    for name, schema in files.items():
        assert (SCHEMAS / name).read_text() == generator.as_text(schema), (
            f"docs/schemas/{name} is stale: {REGENERATE}"
        )


@cache
def validator(name: str) -> Draft202012Validator:
    schema = json.loads((SCHEMAS / name).read_text())
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def check(name: str, stdout: str, what: str) -> Any:
    document = json.loads(stdout)
    problems = sorted(validator(name).iter_errors(document), key=lambda e: list(e.path))
    assert not problems, f"{what}: {len(problems)} problem(s) against docs/schemas/{name}\n" + (
        "\n".join(f"at {'/'.join(map(str, e.path)) or '(top)'}: {e.message}" for e in problems[:8])
    )
    return document


class Names:
    """What a case's `{placeholders}` stand for in this test's home."""

    def __init__(self, home: Path) -> None:
        self.home = home

    def __getitem__(self, name: str) -> str:
        return str(getattr(self, name)())

    def goal(self) -> str:
        return str(ok("goal", "list", "ada", "--json").json()[0]["id"])

    def action(self) -> str:
        return str(ok("actions", "ada", "--json").json()[0]["id"])

    def recap(self) -> str:
        return str(ok("recaps", "ada", "--json").json()[0]["id"])

    def reflection(self) -> str:
        return str(ok("journal", "--json").json()[0]["id"])

    def trash(self) -> str:
        return str(ok("trash", "--json").json()[-1]["id"])

    def out(self) -> str:
        return str(self.home.parent / "export.md")

    def export(self) -> str:
        path = self.home.parent / "export.json"
        ok("export", "--format", "json", "-o", str(path))
        return str(path)


def editor(tmp_path: Path) -> str:
    """An editor that adds a line to the file it is given."""
    script = tmp_path / "editor.py"
    script.write_text("import sys\nwith open(sys.argv[1], 'a') as f:\n    f.write('Edited.\\n')\n")
    return f"{sys.executable} {script}"


def resolve(args: tuple[str, ...], names: Names) -> list[str]:
    return [re.sub(r"\{(\w+)\}", lambda m: names[m.group(1)], arg) for arg in args]


@pytest.mark.parametrize("command", sorted(CASES))
def test_json_output_matches_its_schema(
    command: str, healthy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EDITOR", editor(tmp_path))  # for `recap --edit`
    case, names = CASES[command], Names(healthy)
    for args in case.before:
        ok(*resolve(args, names), "--no-input")
    for args in case.runs:
        run = cli(*resolve(args, names), "--json", "--no-input")
        what = " ".join(args)
        assert run.exit_code == 0, f"{what}: exit {run.exit_code}\n{run.stderr}"
        check(generator.file_name(command), run.stdout, what)


@pytest.mark.parametrize("command", sorted(CASES))
def test_json_error_matches_the_error_schema(command: str, healthy: Path) -> None:
    case, names = CASES[command], Names(healthy)
    run = cli(*resolve(case.error, names), "--json", "--no-input")
    what = " ".join(case.error)
    assert run.exit_code == case.exit, f"{what}: exit {run.exit_code}\n{run.stderr}"
    error = check(generator.ERROR_FILE, run.stdout, what)["error"]
    assert error["code"] == case.code, f"{what}: {error}"
    assert run.stderr.startswith("error:"), run.stderr


FORMAT = generator.FORMAT


def test_format_md_lists_every_schema() -> None:
    text = FORMAT.read_text()
    assert generator.with_section(text, generator.schemas()) == text, (
        f"docs/FORMAT.md's list of schemas is stale: {REGENERATE}"
    )


def prose() -> list[str]:
    """FORMAT.md's JSON prose, a paragraph or a bullet each: every one in the "JSON
    output" section, and any elsewhere that speaks of `--json` (`config`, `migrate`)."""
    text = generator.SECTION.sub("", FORMAT.read_text())
    before, section = text.split("\n## JSON output\n", 1)
    section, after = section.split("\n## ", 1)
    blocks = [
        (block.replace("\n", " "), part is section)
        for part in (before, section, after)
        for paragraph in part.split("\n\n")
        for block in re.split(r"\n(?=\s*- )", paragraph)
    ]
    return [block for block, in_section in blocks if in_section or "--json" in block]


def named_commands(bullet: str) -> set[str]:
    """The commands a bullet names in code: `show`, `goal add|update --json`, ..."""
    named: set[str] = set()
    for span in re.findall(r"`([^`]+)`", bullet):
        words = span.removeprefix("mentorlog ").split()
        firsts = words[0].split("|") if words else []
        seconds = words[1].split("|") if len(words) > 1 else []
        pairs = {f"{a} {b}" for a in firsts for b in seconds} & set(generator.RESULTS)
        named |= pairs or set(firsts) & set(generator.RESULTS)
    return named


def unnamed_keys() -> dict[str, list[str]]:
    """Each command's top-level keys named neither where the command is, nor in a rule
    for every command (a block that names none)."""
    bullets = prose()
    missing: dict[str, list[str]] = {}
    for command in generator.RESULTS:
        # the blocks naming this command, and the rules naming none
        text = " ".join(b for b in bullets if not named_commands(b) or command in named_commands(b))
        schema = json.loads((SCHEMAS / generator.file_name(command)).read_text())
        keys = generator.top_keys(schema)
        gone = [key for key in keys if not re.search(rf"[\"`]{re.escape(key)}[\"`]", text)]
        if gone:
            missing[command] = gone
    return missing


def test_format_md_prose_names_every_key() -> None:
    missing = unnamed_keys()
    assert not missing, "docs/FORMAT.md's JSON output names no " + "; ".join(
        f"{command}: {', '.join(keys)}" for command, keys in missing.items()
    )


def test_the_prose_check_sees_a_missing_key() -> None:
    bullet = '- **`agreement --json`**: `{"slug", "markdown", "edited", "agreed"}`.'
    assert named_commands(bullet) == {"agreement"}
    assert named_commands("`goal add|update|done|drop --json` give") >= {"goal add", "goal drop"}
    assert named_commands("`health SLUG --json`; `mentorlog read s7f`") == {"health", "read"}


def test_a_key_added_renamed_or_dropped_fails_the_contract(healthy: Path) -> None:
    """The schemas are strict at every depth: the check is not vacuous."""
    good = json.loads(ok("goal", "add", "ada", "Write more", "--json").stdout)
    check("goal-add.json", json.dumps(good), "as printed")
    added = json.loads(json.dumps(good))
    added["data"]["goal"]["owner"] = "me"
    renamed = json.loads(json.dumps(good))
    renamed["data"]["goal"]["name"] = renamed["data"]["goal"].pop("title")
    dropped = json.loads(json.dumps(good))
    del dropped["data"]["focus_warning"]
    retyped = json.loads(json.dumps(good))
    retyped["data"]["goal"]["created"] = "15/03/2026"  # not an ISO date
    unversioned = json.loads(json.dumps(good))
    unversioned["version"] = 2
    for changed in (added, renamed, dropped, retyped, unversioned):
        with pytest.raises(AssertionError, match="problem"):
            check("goal-add.json", json.dumps(changed), "changed")


def test_a_retry_matches_the_already_recorded_schema(healthy: Path) -> None:
    args = ("recap", "grace", "--summary", "Once more", "--no-input", "--json")
    ok(*args)
    run = ok(*args)  # the same write again: stored already, nothing changed since
    assert check(generator.RETRY_FILE, run.stdout, "a retry")["data"]["already_recorded"]


def test_doctor_with_findings_prints_its_result_and_exits_4(healthy: Path) -> None:
    (healthy / "notes.txt").write_text("not mentorlog's\n")
    run = cli("doctor", "--json", "--no-input")
    assert run.exit_code == ExitCode.ATTENTION, run.stderr
    report = check("doctor.json", run.stdout, "doctor with a finding")["data"]
    assert any(finding["needs_attention"] for finding in report["findings"])


def test_every_code_the_boundary_gives_is_in_the_error_schema() -> None:
    source = (Path(app_module.__file__)).read_text()
    given = set(re.findall(r"Failure\(\s*[\w.]+,\s*\"(\w+)\"", source))
    assert given, "cli/app.py no longer builds Failure(exit, code, ...) as this test reads it"
    assert given <= set(generator.error_codes()), REGENERATE


def test_an_edit_that_changes_nothing_still_prints_its_result(
    healthy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Under --json every ending prints one object: "No changes." is no exception."""
    look = tmp_path / "look.py"
    look.write_text("import sys\nopen(sys.argv[1]).read()\n")  # opens the file, changes nothing
    monkeypatch.setenv("EDITOR", f"{sys.executable} {look}")
    names = Names(healthy)
    for command, args in (("edit", ("edit", "ada")), ("recap", ("recap", "--edit", "{recap}"))):
        run = ok(*resolve(args, names), "--json")  # (--no-input opens no editor for `edit`)
        assert "No changes." in run.stderr
        check(generator.file_name(command), run.stdout, " ".join(args))


HUGO = """slug = "page"
draft = false
tags = ["growth"]
weight = 3
lastmod = 2026-03-16T09:30:00Z
author = "Sam"
"""


def test_hugo_keys_in_front_matter_match_the_read_schema(healthy: Path) -> None:
    """Hand-added Hugo keys appear in `read --json` (Hugo's `slug` as `page_slug`)."""
    for name, file in (("recap", at(healthy, "relationships/ada/recaps/2026-03-15.md")),
                       ("reflection", at(healthy, REFLECTION))):  # fmt: skip
        file.write_text(file.read_text().replace("+++\n", "+++\n" + HUGO, 1))
        data = check("read.json", ok("read", file.stem, "--json").stdout, name)["data"]
        assert data["page_slug"] == "page" and data["tags"] == ["growth"], data
