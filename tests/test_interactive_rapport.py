"""The interactive walks, in a real pseudo-terminal."""

from __future__ import annotations

import time
import tomllib
from pathlib import Path

from tests.helpers import ok
from tests.pty import answer, finish, spawn
from tests.store_fixtures import at

AFTER_BACKGROUND = ("in common?", "this relationship for?", "hope to get", "give in return",
                    "about your meetings", "between", "norms")  # fmt: skip


def stored(home: Path, slug: str) -> dict[str, object]:
    return tomllib.loads((at(home, "relationships", slug, "relationship.toml")).read_text())


def test_new_relationship_walk_stores_what_was_typed(home: Path) -> None:
    child = spawn(home, "new-relationship")
    answer(child, "Who is it with?", "Ada Lovelace")
    answer(child, "Your role in it", "boss")  # not a choice: asked again
    answer(child, "Please type one of: mentor, mentee, peer", "Mentee")  # any case
    answer(child, "When did it start?", "2026-13-45")  # impossible: asked again
    answer(child, "is not a valid", "2026-03-01")
    answer(child, "How often will you meet?", "biweekly")
    answer(child, "How will you meet?", "video")
    answer(child, "Topics or skills", "research, writing")
    answer(child, "program or organisation", "")
    answer(child, "background?", "Twenty years in engines.", "Came from maths.", "")
    answer(child, "in common?", "")  # skipped
    answer(child, "what is this relationship for?", "Grow as a researcher.", "")
    for prompt in ("hope to get", "give in return", "about your meetings", "between"):
        answer(child, prompt, "")
    answer(child, "norms", "Cancel a day ahead.", "Candid feedback.", "")
    child.expect_exact("mentorlog rapport ada-lovelace")
    assert finish(child) == 0

    data = stored(home, "ada-lovelace")
    assert data["partner"] == "Ada Lovelace"
    assert data["role"] == "mentee"
    assert data["started"].isoformat() == "2026-03-01"  # type: ignore[attr-defined]
    assert data["cadence"] == "biweekly"
    assert data["channel"] == "video"
    assert data["areas"] == ["research", "writing"]
    assert data["purpose"] == "Grow as a researcher."
    rapport = data["rapport"]
    assert isinstance(rapport, dict)
    assert rapport["background"] == "Twenty years in engines.\nCame from maths."
    assert rapport["common_ground"] == ""
    assert rapport["norms"] == "Cancel a day ahead.\nCandid feedback."


def test_interrupting_the_walk_keeps_what_was_typed(home: Path) -> None:
    child = spawn(
        home, "new-relationship", "Ada Lovelace", "--role", "mentee", "--cadence", "weekly",
        "--channel", "video", "--area", "research", "--context", "",
    )  # fmt: skip
    answer(child, "When did it start?", "")
    answer(child, "background?", "Twenty years in engines.", "Came from maths.")
    child.expect_exact("Came from maths.")  # read (readline echoes a line as it reads it)...
    child.expect_exact("…")  # ...and the next line asked for: Ctrl-C now loses nothing
    child.sendintr()
    child.expect_exact("Saved the lines you had entered")
    assert finish(child) == 130
    rapport = stored(home, "ada-lovelace")["rapport"]
    assert isinstance(rapport, dict)
    assert rapport["background"] == "Twenty years in engines.\nCame from maths."


def test_interrupting_never_replaces_an_earlier_answer(home: Path) -> None:
    ok("new-relationship", "Ada", "--role", "peer", "--background", "Two careers.\nOne lab.",
       "--no-input")  # fmt: skip
    child = spawn(home, "rapport", "ada")
    answer(child, "background?", "Also wrote 26 papers")
    child.expect_exact("…")
    child.sendintr()
    child.expect_exact("the earlier one is unchanged")
    assert finish(child) == 130
    rapport = stored(home, "ada")["rapport"]
    assert isinstance(rapport, dict)
    assert rapport["background"] == "Two careers.\nOne lab."
    draft = at(home, "relationships", "ada", "drafts", "rapport-background.md")
    assert draft.read_text() == "Also wrote 26 papers"

    rapport = _carry_on(home, "Two careers. One lab. 26 papers.", "")  # shows the kept text
    assert rapport["background"] == "Two careers. One lab. 26 papers."
    assert not draft.exists()


def _carry_on(home: Path, *background: str) -> dict[str, object]:
    """Run `rapport ada` again: it shows the unfinished background; type `background`,
    skip the rest; the stored rapport."""
    child = spawn(home, "rapport", "ada")
    child.expect_exact("unfinished last time: Also wrote 26 papers")
    answer(child, "'+' alone takes it.", *background)
    for prompt in AFTER_BACKGROUND:
        answer(child, prompt, "")
    assert finish(child) == 0
    rapport = stored(home, "ada")["rapport"]
    assert isinstance(rapport, dict)
    return rapport


def test_rapport_revisit_shows_earlier_answers(home: Path) -> None:
    ok("new-relationship", "Ada", "--role", "peer", "--background", "engines",
       "--hopes", "old hope", "--no-input")  # fmt: skip
    child = spawn(home, "rapport", "ada")
    answer(child, "background?", "")  # Enter keeps the earlier answer
    child.expect_exact("now: engines")
    answer(child, "in common?", "tea", "")
    answer(child, "this relationship for?", "")
    answer(child, "hope to get", "-", "")  # '-' clears it
    for prompt in ("give in return", "about your meetings", "between", "norms"):
        answer(child, prompt, "")
    assert finish(child) == 0
    shown = ok("show", "ada", "--json").json()
    assert shown["rapport"]["background"] == "engines"
    assert shown["rapport"]["common_ground"] == "tea"
    assert shown["rapport"]["hopes"] == ""


def test_plus_takes_the_unfinished_answer_over_the_earlier_one(home: Path) -> None:
    """A new user's report: the unfinished answer was shown, but Enter kept the earlier
    one and there was no way to take it but to type it again."""
    ok("new-relationship", "Ada", "--role", "peer", "--background", "Two careers.",
       "--no-input")  # fmt: skip
    child = spawn(home, "rapport", "ada")
    answer(child, "background?", "Also wrote 26 papers")
    child.expect_exact("…")
    child.sendintr()
    assert finish(child) == 130
    assert _carry_on(home, "+", "")["background"] == "Also wrote 26 papers"
    assert not at(home, "relationships", "ada", "drafts", "rapport-background.md").exists()


def test_a_stopped_answer_saved_whole_leaves_no_shorter_draft_behind(home: Path) -> None:
    """A new user's report: Ctrl-C mid-line saved both lines as the answer but left a
    draft of the first alone, offered with '+' next time, which lost the second."""
    ok("new-relationship", "Ada", "--role", "peer", "--no-input")
    child = spawn(home, "rapport", "ada")
    answer(child, "background?", "First line about roadmaps.")
    child.expect_exact("…")
    child.send("second line about disco")
    time.sleep(1)
    child.sendintr()
    assert finish(child) == 130
    rapport = stored(home, "ada")["rapport"]
    assert isinstance(rapport, dict)
    assert rapport["background"] == "First line about roadmaps.\nsecond line about disco"
    assert not at(home, "relationships", "ada", "drafts", "rapport-background.md").exists()


def test_plus_with_nothing_unfinished_is_asked_again_not_saved(home: Path) -> None:
    """A new user's report: '+' typed where no unfinished answer was shown was saved
    as the answer '+'."""
    ok("new-relationship", "Ada", "--role", "peer", "--background", "Two careers.",
       "--no-input")  # fmt: skip
    child = spawn(home, "rapport", "ada")
    answer(child, "background?", "+", "")
    child.expect_exact("Nothing unfinished to take here")
    answer(child, "Type your answer", "")  # Enter now keeps the earlier answer
    for prompt in AFTER_BACKGROUND:
        answer(child, prompt, "")
    assert finish(child) == 0
    rapport = stored(home, "ada")["rapport"]
    assert isinstance(rapport, dict)
    assert rapport["background"] == "Two careers."
