"""What a person sees at a terminal: each question on its own line."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import ok
from tests.pty import answer, finish, spawn


def test_an_empty_answer_ends_its_line(home: Path) -> None:
    """With readline reading the answer, a question printed apart from input() was left
    without a line end when Enter alone skipped it; the next question ran on after it."""
    child = spawn(home, "new-relationship")
    answer(child, "Who is it with?", "Zoë")
    answer(child, "Your role in it", "mentee")
    answer(child, "When did it start?", "")
    child.expect_exact("How often will you meet?")
    assert "\n" in child.before, repr(child.before)
    child.sendline("")
    child.expect_exact("How will you meet?")
    assert "\n" in child.before, repr(child.before)
    child.sendintr()
    child.close()


def test_a_long_error_at_a_question_wraps_under_itself(home: Path) -> None:
    """A new user's report at 80 columns: an error at a question was indented, but its
    second line started at column 0, as did an earlier answer's after `now:`."""
    ok("new-relationship", "Ada", "--role", "peer", "--background", "word " * 40,
       "--no-input")  # fmt: skip
    child = spawn(home, "rapport", "ada")
    child.setwinsize(30, 60)
    child.expect_exact("background?")
    child.expect_exact("now: ")
    shown = child.readline() + child.readline()
    assert shown.splitlines()[1].startswith("       word"), shown  # under the answer
    child.sendintr()
    finish(child)
