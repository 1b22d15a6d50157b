"""What a person sees at a terminal: each question on its own line."""

from __future__ import annotations

from pathlib import Path

from tests.pty import answer, spawn


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
