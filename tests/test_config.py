"""config.toml and `mentorlog config`: settings that are validated, typed and kept with
their comments, and that the commands honour (name, role, cadence, dates, editor, pager)."""

from __future__ import annotations

import sys
import textwrap
import tomllib
from pathlib import Path

import pytest

from tests.helpers import cli, fails, new, ok
from tests.pty import answer, finish, spawn
from tests.test_walks import RAPPORT_PROMPTS, RECORD_PROMPTS, finish_walk

SUBCOMMANDS = (("list",), ("get", "name"), ("set", "name", "Sam"), ("unset", "name"))


@pytest.fixture(autouse=True)
def no_personal_choices(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("MENTORLOG_EDITOR", "MENTORLOG_PAGER", "PAGER"):
        monkeypatch.delenv(name, raising=False)


def config_file(home: Path) -> Path:
    return home / "config.toml"


def script(tmp_path: Path, name: str, body: str) -> str:
    path = tmp_path / name
    path.write_text(textwrap.dedent(body))
    return f"{sys.executable} {path}"


# -- set, get, list, unset -------------------------------------------------------------------
def test_set_get_list_round_trip(home: Path) -> None:
    assert ok("config", "set", "name", "Sam  Okafor", "--no-input").stdout == "Sam Okafor\n"
    ok("config", "set", "default_role", "Mentee")  # choices in any case
    ok("config", "set", "git.autocommit", "yes")
    assert ok("config", "get", "name").stdout == "Sam Okafor\n"
    assert ok("config", "get", "default_role").stdout == "mentee\n"
    got = ok("config", "get", "git.autocommit", "--json").json()
    assert got == {"key": "git.autocommit", "value": True, "set": True, "about": got["about"]}
    listed = {s["key"]: s for s in ok("config", "list", "--json").json()["settings"]}
    assert listed["date_format"] == {**listed["date_format"], "value": "iso", "set": False}
    assert listed["name"]["value"] == "Sam Okafor" and listed["name"]["set"]
    assert "Sam Okafor" in ok("config", "list").stdout
    stored = tomllib.loads(config_file(home).read_text())
    assert stored == {"name": "Sam Okafor", "default_role": "mentee", "git": {"autocommit": True}}


def test_unset_gives_the_default_back_and_removes_the_line(home: Path) -> None:
    ok("config", "set", "date_format", "short")
    ok("config", "set", "git.sync", "merge")
    assert ok("config", "unset", "date_format", "--no-input").stdout == "iso\n"
    assert ok("config", "unset", "git.sync").stdout == "rebase\n"
    assert "date_format" not in config_file(home).read_text()
    assert ok("config", "get", "date_format", "--json").json()["set"] is False
    assert ok("config", "get", "name").stdout == ""  # not set, no default: nothing, exit 0


def test_set_keeps_the_comments_written_by_hand(home: Path) -> None:
    home.mkdir(mode=0o700)
    config_file(home).write_text(
        '# my settings\nname = "Sam"  # how Zoë knows me\n\n[git]\n# one commit each\n'
        "autocommit = true\n"
    )
    ok("config", "set", "date_format", "short")
    ok("config", "set", "git.sync", "merge")
    ok("config", "set", "name", "Sam O")
    text = config_file(home).read_text()
    assert text.startswith("# my settings\n")
    assert 'name = "Sam O"  # how Zoë knows me\n' in text
    assert "# one commit each\nautocommit = true\n" in text
    assert tomllib.loads(text) == {
        "name": "Sam O",
        "date_format": "short",
        "git": {"autocommit": True, "sync": "merge"},
    }


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("set", "nmae", "Sam"), "there is no setting 'nmae'"),
        (("get", "colour"), "there is no setting 'colour'"),
        (("unset", "git.push"), "there is no setting 'git.push'"),
        (("set", "default_role", "boss"), "default_role should be mentor, mentee or peer"),
        (("set", "date_format", "long"), "date_format should be iso or short"),
        (("set", "git.autocommit", "maybe"), "git.autocommit should be true or false"),
        (("set", "git.sync", "squash"), "git.sync should be rebase or merge"),
        (("set", "default_cadence", "sometimes"), "sometimes"),
        (("set", "name", "  "), "name should not be empty"),
        (("set", "editor", ""), "editor should name a command"),
    ],
)
def test_unknown_keys_and_bad_values_are_refused_in_one_line(
    home: Path, args: tuple[str, ...], words: str
) -> None:
    ok("config", "set", "name", "Sam")
    before = config_file(home).read_bytes()
    run = fails("config", *args, "--no-input", code=2)
    assert words in run.stderr
    assert "Input should" not in run.stderr and "Value error" not in run.stderr
    assert config_file(home).read_bytes() == before


def test_config_set_makes_a_home_that_was_not_there(home: Path) -> None:
    ok("config", "set", "name", "Sam", "--no-input")
    assert config_file(home).stat().st_mode & 0o777 == 0o600
    assert ok("list", "--json").json() == []


# -- a broken config.toml ------------------------------------------------------------------
BROKEN = {
    "unknown key": ('name = "Sam"\ncolour = "blue"\n', ":2: unknown field 'colour'"),
    "bad role": (
        'name = "Sam"\n\ndefault_role = "boss"\n',
        ":3: field 'default_role': should be mentor, mentee or peer",
    ),
    "bad flag": ('[git]\nsync = "merge"\nautocommit = "yes"\n', ":3: field 'git.autocommit'"),
    "not TOML": ('name = "Sam\n', ":1:"),
}
EVERY_KIND = [
    *(("config", *args) for args in SUBCOMMANDS),
    ("list",),
    ("show", "ada"),
    ("agreement", "ada"),
    ("due",),
    ("new-relationship", "Zoë", "--role", "peer"),
    ("recap", "ada", "--summary", "met"),
]


@pytest.mark.parametrize("broken", BROKEN)
@pytest.mark.parametrize("command", EVERY_KIND, ids=" ".join)
def test_a_broken_config_is_named_with_file_and_line(
    home: Path, broken: str, command: tuple[str, ...]
) -> None:
    new("Ada")
    text, where = BROKEN[broken]
    config_file(home).write_text(text)
    run = fails(*command, "--no-input")
    assert f"{config_file(home)}{where}" in run.stderr
    assert config_file(home).read_text() == text  # never rewritten


def test_a_broken_config_stops_a_write_before_it_happens(home: Path) -> None:
    new("Ada")
    config_file(home).write_text('default_role = "boss"\n')
    fails("recap", "ada", "--summary", "met", "--no-input")
    config_file(home).unlink()
    assert ok("recaps", "--json").json() == []


def test_doctor_home_and_config_edit_still_run_on_a_broken_config(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    new("Ada")
    config_file(home).write_text('default_role = "boss"\n')
    assert ok("home").stdout.strip() == str(home)
    doctor = cli("doctor", "--no-input")
    assert "config.toml: line 1: field 'default_role'" in doctor.stdout
    fix = "p.write_text(p.read_text().replace('boss', 'peer'))"
    monkeypatch.setenv("EDITOR", script(tmp_path, "fix.py", EDIT.format(change=fix)))
    ok("config", "edit", "--no-input")
    assert ok("config", "get", "default_role").stdout == "peer\n"


# -- config edit -------------------------------------------------------------------------------
EDIT = """
import pathlib, sys
p = pathlib.Path(sys.argv[1])
{change}
"""


def test_config_edit_starts_from_a_commented_list_of_every_setting(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    look = "print(p.read_text(), file=sys.stderr)"
    monkeypatch.setenv("EDITOR", script(tmp_path, "look.py", EDIT.format(change=look)))
    run = ok("config", "edit", "--no-input")
    assert "Nothing changed" in run.stderr
    assert not config_file(home).exists()  # an unchanged start writes nothing
    use = "p.write_text(p.read_text().replace('# name = \"Sam\"', 'name = \"Sam\"'))"
    monkeypatch.setenv("EDITOR", script(tmp_path, "use.py", EDIT.format(change=use)))
    assert "Settings saved" in ok("config", "edit", "--no-input").stderr
    assert ok("config", "get", "name").stdout == "Sam\n"
    assert "# default_role" in config_file(home).read_text()  # kept exactly as written


def test_a_broken_config_edit_is_kept_as_a_draft_and_picked_up_next_time(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ok("config", "set", "name", "Sam")
    before = config_file(home).read_bytes()
    typo = "p.write_text(p.read_text() + 'date_format = \"long\"  # my words\\n')"
    monkeypatch.setenv("EDITOR", script(tmp_path, "typo.py", EDIT.format(change=typo)))
    run = fails("config", "edit", "--no-input")
    assert "not saved" in run.stderr and "date_format" in run.stderr
    assert ":2: field 'date_format': should be iso or short" in run.stderr
    assert config_file(home).read_bytes() == before
    mend = "p.write_text(p.read_text().replace('long', 'short'))"
    monkeypatch.setenv("EDITOR", script(tmp_path, "mend.py", EDIT.format(change=mend)))
    ok("config", "edit", "--no-input")
    assert 'date_format = "short"  # my words' in config_file(home).read_text()
    assert not list((home / "drafts").glob("config.toml*"))


# -- what the settings change ------------------------------------------------------------------
def test_the_name_appears_in_the_agreement(home: Path) -> None:
    new("Zoë", "--offers", "honest feedback")
    plain = ok("agreement", "zoe", "--markdown").stdout
    assert "Between me (mentee) and Zoë (mentor)" in plain
    ok("config", "set", "name", "Sam")
    named = ok("agreement", "zoe", "--markdown").stdout
    assert "Between Sam (mentee) and Zoë (mentor)" in named
    assert "**Sam, as mentee**: prepares for each session" in named
    assert "Offers: honest feedback." in named and "Me, as" not in named
    assert "Sam" in ok("agreement", "zoe", "--json").json()["markdown"]


def test_default_role_and_cadence_are_used_and_flags_still_win(home: Path) -> None:
    fails("new-relationship", "Ada", "--no-input", code=2)  # no role, none configured
    ok("config", "set", "default_role", "mentor")
    ok("config", "set", "default_cadence", "every 2 weeks")
    ada = ok("new-relationship", "Ada", "--no-input", "--json").json()
    assert (ada["role"], ada["cadence"]) == ("mentor", "biweekly")
    zoe = new("Zoë", "--role", "peer", "--cadence", "monthly")
    assert (zoe["role"], zoe["cadence"]) == ("peer", "monthly")


def test_the_default_role_is_the_prompts_answer_on_enter(home: Path) -> None:
    ok("config", "set", "default_role", "peer")
    ok("config", "set", "default_cadence", "monthly")
    child = spawn(home, "new-relationship", "Ada")
    child.timeout = 60
    answer(child, "Your role in it", "")
    answer(child, "When did it start?", "")
    finish_walk(child, *RECORD_PROMPTS, *RAPPORT_PROMPTS)
    assert finish(child) == 0
    ada = ok("show", "ada", "--json").json()
    assert (ada["role"], ada["cadence"]) == ("peer", "monthly")


def test_date_format_changes_what_people_read_never_the_json(home: Path) -> None:
    new("Ada", "--started", "2026-03-03", "--cadence", "monthly")
    ok("recap", "ada", "--summary", "met", "--date", "2026-03-14", "--no-input")
    iso = {cmd: ok(cmd, "ada").stdout for cmd in ("show", "log", "recaps")}
    json = {cmd: ok(cmd, "ada", "--json").stdout for cmd in ("show", "log", "recaps")}
    assert all("2026-03-14" in text for text in iso.values())
    ok("config", "set", "date_format", "short")
    for command in ("show", "log", "recaps"):
        short = ok(command, "ada").stdout
        assert "14 Mar 2026" in short and "2026-03-14" not in short, command
        assert ok(command, "ada", "--json").stdout == json[command]
    assert "14 Apr 2026" in ok("list").stdout  # the next meeting, a month on


def test_the_editor_setting_beats_editor_and_mentorlog_editor_beats_it(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    new("Ada", "--purpose", "engines")
    mark = "p.write_text(p.read_text().replace('engines', 'engines, by {who}'))"
    for who in ("env", "config", "mine"):
        path = tmp_path / f"{who}.py"
        path.write_text(textwrap.dedent(EDIT.format(change=mark.format(who=who))))
    monkeypatch.setenv("EDITOR", f"{sys.executable} {tmp_path / 'env.py'}")
    monkeypatch.setenv("VISUAL", f"{sys.executable} {tmp_path / 'env.py'}")
    ok("config", "set", "editor", f"{sys.executable} {tmp_path / 'config.py'}")
    ok("edit", "ada")
    assert ok("show", "ada", "--json").json()["purpose"] == "engines, by config"
    monkeypatch.setenv("MENTORLOG_EDITOR", f"{sys.executable} {tmp_path / 'mine.py'}")
    ok("edit", "ada")
    assert ok("show", "ada", "--json").json()["purpose"] == "engines, by mine, by config"


def test_a_configured_editor_counts_as_an_editor_without_a_terminal(
    home: Path, tmp_path: Path
) -> None:
    new("Ada", "--purpose", "engines")
    fails("edit", "ada", code=2)  # no terminal, no editor: it says which options to pass
    change = "p.write_text(p.read_text().replace('engines', 'looms'))"
    ok("config", "set", "editor", script(tmp_path, "e.py", EDIT.format(change=change)))
    ok("edit", "ada")
    assert ok("show", "ada", "--json").json()["purpose"] == "looms"


def pager_script(tmp_path: Path, name: str) -> str:
    path = tmp_path / name
    path.write_text(f"#!/bin/sh\necho PAGED-BY-{name.upper()}\ncat\n")
    path.chmod(0o700)
    return str(path)


def paged_by(home: Path) -> str:
    child = spawn(home, "show", "ada")
    child.timeout = 60
    output = str(child.read())
    assert finish(child) == 0
    assert "Paragraph 59." in output
    return output


def test_the_pager_setting_beats_pager_and_mentorlog_pager_beats_it(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    new("Ada", "--purpose", "\n\n".join(f"Paragraph {n}." for n in range(60)))
    monkeypatch.setenv("PAGER", pager_script(tmp_path, "env"))
    assert "PAGED-BY-ENV" in paged_by(home)
    ok("config", "set", "pager", pager_script(tmp_path, "config"))
    assert "PAGED-BY-CONFIG" in paged_by(home)
    monkeypatch.setenv("MENTORLOG_PAGER", pager_script(tmp_path, "mine"))
    assert "PAGED-BY-MINE" in paged_by(home)
    monkeypatch.delenv("MENTORLOG_PAGER")
    ok("config", "set", "pager", "cat")
    output = paged_by(home)
    assert "PAGED-BY" not in output
