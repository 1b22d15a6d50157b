"""Start-up: what a command loads, and validators that do not walk text in Python."""

from __future__ import annotations

import pytest

from mentorlog.core import models


class NoLoops(str):
    """Text that fails the test if a validator walks it one character at a time."""

    def __iter__(self):  # type: ignore[no-untyped-def]
        raise AssertionError("a validator looped over the text in Python")


def test_the_text_validator_does_not_walk_each_character() -> None:
    text = NoLoops("We talked about the talk.\r\nThen about the paper.\n" * 50)
    assert models._newlines(text) == str(text).replace("\r\n", "\n")


@pytest.mark.parametrize("text", ["Bob\udcff", "\ud800", "fine, then \udfff at the end"])
def test_text_that_is_not_utf8_is_still_refused(text: str) -> None:
    with pytest.raises(ValueError, match="not UTF-8 text"):
        models._newlines(text)


def test_merge_markers_are_still_refused() -> None:
    with pytest.raises(ValueError, match="git merge conflict"):
        models._newlines("fine\r\n<<<<<<< HEAD\nours")
