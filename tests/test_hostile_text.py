"""Stored text is data, never terminal control (issue 7, hole 6).

A store full of hostile text (escape sequences that write the clipboard, set the title,
clear the screen; C0 and C1 controls; bidi overrides; Rich markup; Markdown syntax) is
shown by every view: no raw control character reaches the terminal, the text is still
recognisable, and the files keep it exactly.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from mentorlog.core.markdown import block, inline
from mentorlog.core.visible import has_control, visible
from tests.helpers import cli, fails, ok

OSC52 = "\x1b]52;c;cm0gLXJmIH4=\x07"  # writes "rm -rf ~" to the clipboard
TITLE = "\x1b]0;pwned\x07"
CLEAR = "\x1b[2J\x1b[H"
C1 = "\x9b31m\x9d0;t\x9c"  # CSI, OSC and ST as single C1 characters
BIDI = "\u202eevil\u202c\u2066x\u2069"
MARKUP = "[bold red]loud[/] *em* <b>x</b> # not-a-heading"
HOSTILE = f"Ada {OSC52}{TITLE}{CLEAR}{C1}{BIDI} {MARKUP}\x7f\x01"
SLUG = "ada"
# What a terminal would obey: every C0 control but newline, DEL, C1, bidi controls.
RAW_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f\x80-\x9f\u202a-\u202e\u2066-\u2069]")


@pytest.fixture
def hostile(home: Path) -> None:
    ok("new-relationship", HOSTILE, "--slug", SLUG, "--role", "mentee", "--purpose", HOSTILE,
       "--area", HOSTILE, "--cadence", "weekly", "--started", "2026-01-01",
       "--no-input")  # fmt: skip
    ok("goal", "add", SLUG, HOSTILE, "--why", HOSTILE, "--no-input")
    ok("recap", SLUG, "--date", "2026-03-10", "--summary", HOSTILE, "--takeaway", HOSTILE,
       "--decision", HOSTILE, "--action", f"{HOSTILE} @me due:2026-03-12",
       "--no-input")  # fmt: skip
    ok("reflect", SLUG, "--set", "gratitude", "--answer", HOSTILE, "--no-input")
    ok("checkin", SLUG, "--rate", "listening=3", "--note", f"listening={HOSTILE}", "--no-input")
    ok("network", "want", HOSTILE)
    ok("journey", "add", HOSTILE, "--date", "2024-01-01", "--why", HOSTILE)
    prompts = home / "prompts"
    prompts.mkdir()
    (prompts / "evil.toml").write_text(
        'schema_version = 1\nname = "evil"\ntitle = "Evil \\u001b]0;t\\u0007 set"\n'
        'about = "\\u001b[2J"\n[[questions]]\nkey = "q"\ntext = "Q \\u009b1m?"\n',
        encoding="utf-8",
    )


def journal_id() -> str:
    return str(ok("journal", "--json").json()[0]["id"])


VIEWS = [
    ["list"], ["list", "--status", "all"], ["show", SLUG], ["actions"], ["actions", "--all"],
    ["due"], ["log", SLUG], ["prep", SLUG], ["prep", SLUG, "--markdown"], ["agreement", SLUG],
    ["agreement", SLUG, "--markdown"], ["goal", "list"], ["goal", "list", SLUG], ["journal"],
    ["health"], ["health", SLUG], ["network"], ["network", "--markdown"], ["journey"],
    ["seasons"], ["seasons", SLUG], ["reflect", "--list-sets"], ["reflect", SLUG, "--suggest"],
    ["recaps"], ["recaps", SLUG], ["read", "2026-03-10"], ["read", f"{SLUG}/2026-03-15"],
]  # fmt: skip


@pytest.mark.parametrize("args", VIEWS, ids=[" ".join(v) for v in VIEWS])
def test_no_view_lets_control_characters_through(hostile: None, args: list[str]) -> None:
    run = ok(*args)
    assert not RAW_CONTROL.search(run.stdout + run.stderr), repr(run.stdout + run.stderr)
    assert "\x1b" not in run.stdout + run.stderr


def test_read_shows_a_hostile_reflection_harmlessly(hostile: None) -> None:
    run = ok("read", journal_id())
    assert not RAW_CONTROL.search(run.stdout + run.stderr)
    assert "␛]52;c;" in run.stdout  # visible, so a person can see something is odd


def test_read_shows_a_hostile_goal_and_commitment_harmlessly(hostile: None) -> None:
    goal = ok("goal", "list", SLUG, "--json").json()[0]["short"]
    action = ok("actions", "--json").json()[0]["short"]
    for short in (goal, action):
        run = ok("read", short)
        assert not RAW_CONTROL.search(run.stdout + run.stderr), repr(run.stdout)
        assert "\x1b" not in run.stdout + run.stderr
        assert ok("read", short, "--json").json()["short"] == short


def test_the_files_keep_the_text_exactly(hostile: None) -> None:
    shown = ok("show", SLUG, "--json").json()
    assert shown["partner"] == HOSTILE
    assert shown["purpose"] == HOSTILE
    assert ok("actions", "--json").json()[0]["text"] == HOSTILE
    assert ok("goal", "list", SLUG, "--json").json()[0]["title"] == HOSTILE


def test_json_escapes_what_a_terminal_would_obey(hostile: None) -> None:
    run = ok("show", SLUG, "--json")
    assert not RAW_CONTROL.search(run.stdout)
    assert json.loads(run.stdout)["data"]["partner"] == HOSTILE


def test_errors_echoing_the_command_line_are_harmless() -> None:
    for args in (["show", f"x{TITLE}"], ["recap", "nobody", "--date", f"{CLEAR}soon"],
                 [f"bogus{OSC52}"]):  # fmt: skip
        run = cli(*args)
        assert run.exit_code != 0
        assert not RAW_CONTROL.search(run.stdout + run.stderr), repr(run.stderr)


def test_an_unknown_command_with_control_characters_fails_in_one_line() -> None:
    fails(f"bogus{TITLE}", code=2)


def test_markdown_output_keeps_the_document_structure(home: Path) -> None:
    ok("new-relationship", "R. *Star* <dev>", "--slug", "star", "--role", "mentor",
       "--purpose", "grow\n# Not a heading\n- not a list\n1. nor this", "--no-input")  # fmt: skip
    ok("goal", "add", "star", "ship `it` [now](http://x)", "--no-input")
    text = ok("agreement", "star", "--markdown").stdout
    headings = [line for line in text.splitlines() if line.startswith("#")]
    assert all(not line.startswith("# Not") for line in headings)
    assert "R. \\*Star\\* \\<dev\\>" in text
    assert "\\# Not a heading" in text and "\\- not a list" in text and "1\\. nor this" in text
    assert "ship \\`it\\` \\[now\\](http://x)" in text


def test_a_colour_terminal_shows_no_foreign_escapes(hostile: None, home: Path) -> None:
    import os
    import sys

    import pexpect

    env = {**os.environ, "MENTORLOG_HOME": str(home), "TERM": "xterm-256color"}
    env.pop("NO_COLOR", None)
    for args in (["list"], ["show", SLUG], ["actions"], ["journal"], ["network"]):
        child = pexpect.spawn(sys.executable, ["-m", "mentorlog", *args], env=env,
                              encoding="utf-8", timeout=30, dimensions=(40, 100))  # fmt: skip
        output = child.read()
        child.close()
        assert child.exitstatus == 0, output
        assert "\x1b[" in output, "colour was expected on a terminal"
        without_colour = re.sub(r"\x1b\[[0-9;]*m", "", output)
        assert "\x1b" not in without_colour, repr(without_colour)
        assert not RAW_CONTROL.search(without_colour.replace("\r", ""))


@pytest.mark.parametrize("text", [HOSTILE, "plain", "tab\tand\nnewline", "\x00\x1f\x7f\x9f"])
def test_visible_is_idempotent_and_total(text: str) -> None:
    shown = visible(text)
    assert visible(shown) == shown
    assert not has_control(shown)


@pytest.mark.parametrize("text", [HOSTILE, "# h\n> q\n- l\n+ l\n1) n\n===\n    code\n```"])
def test_markdown_escapes_leave_no_block_openers(text: str) -> None:
    for line in block(text).splitlines():
        assert not re.match(r"^(#|>|-|\+|=|\d+[.)]|```|\s{4})", line), line
    assert "\n" not in inline(text)
