"""The three-way merge used when a kept draft's file changed since."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from mentorlog.core.merge import conflict_line, merge

LABELS = ("your draft", "the file now")
lines = st.lists(st.sampled_from(["a\n", "b\n", "c\n", "d\n", "\n", "e"]), max_size=12)
texts = lines.map("".join)


def lines_of(*items: str) -> str:
    return "".join(f"{item}\n" for item in items)


@settings(max_examples=300, deadline=None)
@given(texts, texts)
def test_one_side_unchanged_takes_the_other(base: str, other: str) -> None:
    assert merge(base, base, other, LABELS).text == other
    assert merge(base, other, base, LABELS).text == other
    assert merge(base, other, other, LABELS).text == other


@settings(max_examples=300, deadline=None)
@given(texts, texts, texts)
def test_a_merge_either_is_clean_or_says_where_to_choose(base: str, mine: str, now: str) -> None:
    merged = merge(base, mine, now, LABELS)
    assert (merged.conflicts == 0) == (conflict_line(merged.text) is None)


@settings(max_examples=300, deadline=None)
@given(lines, lines, lines)
def test_edits_in_separate_places_both_survive(
    head: list[str], mid: list[str], tail: list[str]
) -> None:
    base = ["x1\n", *head, "x2\n", *mid, "x3\n", *tail, "x4\n"]
    mine = ["x1\n", "MINE\n", *head, "x2\n", *mid, "x3\n", *tail, "x4\n"]
    now = ["x1\n", *head, "x2\n", *mid, "x3\n", *tail, "NOW\n", "x4\n"]
    merged = merge("".join(base), "".join(mine), "".join(now), LABELS)
    expected = ["x1\n", "MINE\n", *head, "x2\n", *mid, "x3\n", *tail, "NOW\n", "x4\n"]
    assert merged.conflicts == 0 and merged.text == "".join(expected)


def test_both_changing_one_line_is_marked() -> None:
    base = lines_of("one", "channel = ''", "three")
    mine = lines_of("one", 'channel = "Meet"', "three")
    now = lines_of("one", 'channel = "Zoom"', "three")
    merged = merge(base, mine, now, LABELS)
    assert merged.conflicts == 1
    assert merged.text == lines_of(
        "one",
        "<<<<<<< your draft",
        'channel = "Meet"',
        "=======",
        'channel = "Zoom"',
        ">>>>>>> the file now",
        "three",
    )
    assert conflict_line(merged.text) == 2


def test_shared_lines_stay_outside_the_markers() -> None:
    base = lines_of("a")
    merged = merge(base, lines_of("a", "same", "mine"), lines_of("a", "same", "now"), LABELS)
    assert merged.text.startswith(lines_of("a", "same", "<<<<<<< your draft"))


def test_a_last_line_without_newline_never_joins_a_marker() -> None:
    merged = merge("a\nb", "a\nmine", "a\nnow", LABELS)
    assert merged.text == lines_of("a", "<<<<<<< your draft", "mine", "=======", "now") + (
        ">>>>>>> the file now\n"
    )


def test_without_a_base_every_difference_is_marked() -> None:
    merged = merge(None, lines_of("a", "mine", "c"), lines_of("a", "now", "c"), LABELS)
    assert merged.conflicts == 1 and merged.text.startswith("a\n<<<<<<<")
    assert merge(None, "same\n", "same\n", LABELS).text == "same\n"


def test_a_markdown_heading_underline_is_not_a_marker() -> None:
    assert conflict_line("Title\n=======\n\ntext\n") is None
    assert conflict_line("ok\n>>>>>>> the file now\n") == 2
