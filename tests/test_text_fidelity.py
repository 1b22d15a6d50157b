"""What a person wrote survives every rewrite: comments in hand-edited files, newlines in
text, long pasted lines (issue 7, hole 5)."""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
import time
import tomllib
from collections.abc import Callable
from pathlib import Path

import pexpect
import pytest

from mentorlog.core import ids, prompts
from mentorlog.core.store import Store
from tests.helpers import Made, new, ok
from tests.pty import answer, finish, spawn
from tests.store_fixtures import at


def _goals(home: Path) -> Path:
    return at(home, "relationships", "ada-lovelace", "goals.toml")


def _with_goals() -> None:
    new()
    ok("goal", "add", "ada-lovelace", "Write the paper", "--no-input")
    ok("goal", "add", "ada-lovelace", "Learn statistics", "--no-input")


def test_goal_update_keeps_comments_and_leaves_the_other_goals_alone(
    made: Made, home: Path
) -> None:
    _with_goals()
    folder = at(home, "relationships", "ada-lovelace", "goals")
    first, second = folder / f"{made.g(1)}.toml", folder / f"{made.g(2)}.toml"
    text = "# My goal with Ada; edit freely.\n" + first.read_text()
    first.write_text(text.replace('title = "Write the paper"', 'title = "Write the paper"  # big'))
    second.write_text("# started in March\n" + second.read_text())
    untouched = second.read_bytes()

    ok("goal", "update", made.g(1), "--progress", "40", "--note", "outline done")
    ok("goal", "add", "ada-lovelace", "Give a talk", "--no-input")

    after = first.read_text()
    assert after.startswith("# My goal with Ada; edit freely.\n")
    assert 'title = "Write the paper"  # big' in after
    goal = tomllib.loads(after)
    assert goal["progress"] == 40 and goal["history"][-1]["note"] == "outline done"
    assert second.read_bytes() == untouched  # a write touches only the goal it changes
    titles = [g["title"] for g in ok("goal", "list", "--json").json()]
    assert titles == ["Write the paper", "Learn statistics", "Give a talk"]  # as made


def test_edit_channel_keeps_comments_in_relationship_toml(home: Path) -> None:
    new()
    path = at(home, "relationships", "ada-lovelace", "relationship.toml")
    text = path.read_text().replace("role =", "# we met at the lab\nrole =")
    path.write_text(text + "# the end of my notes\n")

    ok("edit", "ada-lovelace", "--channel", "Zoom")

    after = path.read_text()
    assert "# we met at the lab\nrole =" in after
    assert "# the end of my notes\n" in after
    assert tomllib.loads(after)["channel"] == "Zoom"


def test_network_want_keeps_comments_inside_the_list(home: Path) -> None:
    ok("network", "want", "writing", "statistics")
    path = home / "network.toml"
    text = path.read_text().replace('"writing",', '"writing",  # for the thesis')
    path.write_text("# what I am looking for\n" + text)

    ok("network", "want", "public speaking")

    after = path.read_text()
    assert after.startswith("# what I am looking for\n")
    assert '"writing",  # for the thesis' in after
    assert tomllib.loads(after)["wants"] == ["writing", "statistics", "public speaking"]


def test_recap_takeaways_and_decisions_keep_their_newlines(home: Path) -> None:
    new("Ada Lovelace", "--started", "2026-03-01")
    saved = ok(
        "recap", "ada-lovelace", "--date", "2026-03-10", "--no-input", "--json",
        "--takeaway", "first line\nsecond line", "--decision", "a\n  - indented\nb",
    ).json()  # fmt: skip
    recap = saved["recap"]
    assert recap["takeaways"] == ["first line\nsecond line"]
    assert recap["decisions"] == ["a\n  - indented\nb"]
    text = (at(home, "relationships", "ada-lovelace", "recaps", "2026-03-10.md")).read_text()
    assert tomllib.loads(text.split("+++")[1])["takeaways"] == ["first line\nsecond line"]


def test_reflect_answers_are_kept_exactly(home: Path) -> None:
    answer = "  indented first line\nsecond line\n\n"
    saved = ok(
        "reflect", "--set", "listening", "--answer", answer, "--answer", "\nlead", "--json"
    ).json()
    assert saved["entries"][0]["answer"] == answer
    assert saved["entries"][1]["answer"] == "\nlead"


# -- typing and pasting at a real terminal ----------------------------------------------------
LISTENING = next(s for s in prompts.shipped() if s.name == "listening").questions


def _paste(child: pexpect.spawn, text: str, chunk: int = 500) -> None:
    """Send a long line in pieces, reading the echo in between so neither side blocks."""
    for start in range(0, len(text), chunk):
        child.send(text[start : start + chunk])
        with contextlib.suppress(pexpect.TIMEOUT):
            child.read_nonblocking(100_000, timeout=0.2)


def _reflect_first_answer(home: Path, send_first: Callable[[pexpect.spawn], None]) -> str:
    child = spawn(home, "reflect", "--set", "listening")  # TERM=dumb
    child.timeout = 60
    child.logfile_read = shown = io.StringIO()
    child.expect_exact(LISTENING[0].text)
    child.expect_exact("> ")
    send_first(child)
    child.sendline("")
    for question in LISTENING[1:]:
        answer(child, question.text, "")
    child.expect_exact("Saved")
    assert finish(child) == 0
    assert "\x1b" not in shown.getvalue(), "line editing wrote escape codes to a dumb terminal"
    data = tomllib.loads(
        at(home, "reflections", "2026-03-15-listening.md").read_text().split("+++")[1]
    )
    return str(data["entries"][0]["answer"])


def test_a_pasted_line_of_10000_bytes_is_kept_whole(home: Path) -> None:
    long_line = "".join(f"word{n:05d} " for n in range(1000)).strip()
    assert len(long_line.encode()) > 9_000

    def paste(child: pexpect.spawn) -> None:
        _paste(child, long_line + "\r")
        _paste(child, "and a short second line\r")

    assert _reflect_first_answer(home, paste) == f"{long_line}\nand a short second line"


def test_a_typed_nul_does_not_hang_the_prompt(home: Path) -> None:
    def type_nul(child: pexpect.spawn) -> None:
        child.send("before\x00after\r")

    assert _reflect_first_answer(home, type_nul) == "beforeafter"


def test_answers_from_a_pipe_are_read_without_line_editing(home: Path) -> None:
    """With no terminal nothing is asked: readline is never imported, nothing is drawn."""
    run = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "mentorlog", "reflect", "--set", "listening"],
        input="typed\n\n",
        capture_output=True,
        text=True,
        env={**os.environ, "MENTORLOG_HOME": str(home)},
        timeout=60,
    )
    assert run.returncode == 2, run.stderr  # missing answers, and it says which flag
    assert "--answer" in run.stderr
    imported = [line.rsplit("|", 1)[-1].strip() for line in run.stderr.splitlines()]
    assert "readline" not in imported
    assert "\x1b" not in run.stdout


def test_a_comment_in_front_matter_survives_a_rewrite(home: Path) -> None:
    new()
    ok("agreement", "ada-lovelace", "--agreed", "2026-03-15")
    path = at(home, "relationships", "ada-lovelace", "agreement.md")
    text = path.read_text().replace("+++\n", "+++\n# signed on paper too\n", 1)
    path.write_text(text + "\nOur own words.\n")

    ok("agreement", "ada-lovelace", "--agreed", "2026-03-14")

    after = path.read_text()
    assert after.startswith("+++\n# signed on paper too\n")
    assert after.endswith("Our own words.\n")
    assert "agreed = 2026-03-14" in after


def test_an_entry_written_by_hand_with_defaults_left_out_stays_as_written(home: Path) -> None:
    _with_goals()
    mine = 'id = "g50"\ntitle = "Mine"  # short on purpose\ncreated = 2026-03-01\n'
    path = at(home, "relationships", "ada-lovelace", "goals") / "g50.toml"
    path.write_text(mine)

    ok("goal", "update", "g50", "--progress", "10")

    after = path.read_text()
    assert after.startswith('id = "g50"\ntitle = "Mine"  # short on purpose\n'), after
    assert "why" not in after and "schema_version" not in after  # left out, still left out
    assert tomllib.loads(after)["progress"] == 10


def test_a_typed_nul_does_not_hang_a_one_line_prompt(home: Path) -> None:
    child = spawn(home, "new-relationship")
    child.timeout = 60
    answer(child, "Who is it with?")
    child.send("Ada\x00 Lovelace\r")
    child.expect_exact("Your role in it")  # asked at once: the NUL did not eat the line
    time.sleep(0.5)  # let it wait for the answer: a ^C sent sooner is seen at the next key
    child.sendintr()
    assert finish(child) == 130


def test_a_file_with_a_byte_order_mark_keeps_its_comments(made: Made, home: Path) -> None:
    ok("new-relationship", "Ro", "--role", "mentee", "--no-input")
    ok("goal", "add", "ro", "Write", "--no-input")
    goals = at(home, "relationships", "ro", "goals.toml")
    goals.write_text("\ufeff# KEEP-G\n" + goals.read_text(encoding="utf-8"), encoding="utf-8")
    ok("goal", "update", made.g(1), "--progress", "50", "--no-input")
    text = goals.read_text(encoding="utf-8")
    assert "# KEEP-G" in text and "progress = 50" in text


def test_ids_in_use_or_in_the_trash_are_never_reused(
    made: Made, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A seed restarts its draws, as on another machine: every id already used is skipped."""
    ok("new-relationship", "Io", "--role", "mentee", "--no-input")
    ok("new-relationship", "Jo", "--role", "mentee", "--no-input")
    monkeypatch.setenv("MENTORLOG_ID_SEED", "reuse")
    ids.reseed()
    ok("goal", "add", "io", "G1", "--no-input")
    ok("goal", "add", "io", "G2", "--no-input")
    ok("delete", "goal", f"io:{made.g(2)}", "--yes", "--no-input")
    ids.reseed()
    ok("goal", "add", "jo", "Other", "--no-input")  # not g1 (in use) nor g2 (in the trash)
    drawn = made.minted["g"]
    assert drawn[2:4] == drawn[0:2] and drawn[4] not in drawn[:4]
    ids.reseed()
    ok("goal", "add", "io", "Another", "--no-input")  # nor the one in the other relationship
    store = Store(home)
    found = [g.id for slug in store.slugs() for g in store.load_goals(slug).goals]
    assert sorted(found) == sorted([drawn[0], drawn[4], drawn[-1]])
    assert len(drawn) == 9 and drawn[5:8] == [drawn[0], drawn[1], drawn[4]]
