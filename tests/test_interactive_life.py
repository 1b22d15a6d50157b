"""Interactive `recap`, `direction` and `close`, in a real pseudo-terminal."""

from __future__ import annotations

import signal
import time
import tomllib
from pathlib import Path

import pexpect
import pytest

from tests.helpers import Made, fails, ok
from tests.pty import answer, finish, spawn
from tests.store_fixtures import at


@pytest.fixture
def pairing(made: Made) -> None:
    ok("new-relationship", "Ada Lovelace", "--role", "mentee", "--cadence", "weekly",
       "--started", "2026-03-01", "--no-input")  # fmt: skip
    ok("direction", "ada-lovelace", "--goal", "Publish a paper", "--no-input")
    ok("recap", "ada-lovelace", "--date", "2026-03-08", "--no-input",
       "--action", "send outline due:2026-03-12", "--action", "intro @partner")  # fmt: skip


def test_recap_walk_marks_done_and_keeps_multiline_notes(
    home: Path, made: Made, pairing: None
) -> None:
    child = spawn(home, "recap", "ada-lovelace")
    child.expect_exact("send outline")
    answer(child, "Which are done?", "a7")  # not open here: asked again
    answer(child, "not an open commitment", made.short(made.a(1)))  # typed as shown
    answer(child, "When did you meet?", "2026-02-01")  # before the start: asked again
    answer(child, "before the pairing started", "")
    answer(child, "How long", "50")
    answer(child, "What did you talk about?", "We went through the outline.", "Then figures.", "")
    answer(child, "What do you take away?", "Start with the figure", "Keep it short", "")
    answer(child, "Anything decided?", "")
    answer(child, "Commitment", "draft intro @both due:2026-03-22")
    answer(child, "Commitment", "")
    answer(child, f"Progress on {made.short(made.g(1))}", "140")
    answer(child, "not a percentage", "40")
    answer(child, "Next meeting?", "")
    child.expect_exact("Recap saved")
    assert finish(child) == 0

    recap = ok("show", "ada-lovelace", "--json").json()
    assert recap["meetings"] == 2 and recap["next_meeting"] == "2026-03-22"
    text = (at(home, "relationships", "ada-lovelace", "recaps", "2026-03-15.md")).read_text()
    assert text.endswith("\n\nWe went through the outline.\nThen figures.\n")
    assert 'takeaways = [\n    "Start with the figure",\n    "Keep it short",\n]' in text
    assert "minutes = 50" in text
    still_open = [a["text"] for a in ok("actions", "--json").json()]
    assert still_open == ["draft intro", "intro"]  # the new one (by due date), and a2
    goal = ok("goal", "list", "--json").json()[0]
    assert goal["progress"] == 40


def test_interrupted_recap_keeps_answers_and_picks_up(
    home: Path, made: Made, pairing: None
) -> None:
    child = spawn(home, "recap", "ada-lovelace")
    answer(child, "Which are done?", made.a(2).upper())  # the full id, in any case
    answer(child, "When did you meet?", "")
    answer(child, "How long", "")
    answer(child, "What did you talk about?", "A long talk about", "careers.")
    child.expect_exact("careers.")  # read (readline echoes a line as it reads it)...
    child.expect_exact("…")  # ...and the next line asked for
    child.sendintr()
    assert finish(child) == 130
    assert not (at(home, "relationships", "ada-lovelace", "recaps", "2026-03-15.md")).exists()
    assert (at(home, "relationships", "ada-lovelace", "drafts", "recap.toml")).is_file()

    child = spawn(home, "recap", "ada-lovelace")
    answer(child, "Pick it up?", "y")
    child.expect_exact("What did you talk about?")  # cut short: asked again, to go on
    child.expect_exact("so far:  A long talk about")
    answer(child, "Go on where you stopped", "And family.", "")
    answer(child, "What do you take away?", "")
    answer(child, "Anything decided?", "")
    answer(child, "Commitment", "")
    answer(child, "Progress on g", "")
    answer(child, "Next meeting?", "-")
    child.expect_exact("Recap saved")
    assert finish(child) == 0
    text = (at(home, "relationships", "ada-lovelace", "recaps", "2026-03-15.md")).read_text()
    assert text.endswith("\n\nA long talk about\ncareers.\nAnd family.\n")
    assert "next =" not in text
    assert made.a(2) in ok("actions", "--all", "--json").stdout
    assert [a["id"] for a in ok("actions", "--json").json()] == [made.a(1)]
    assert not list((at(home, "relationships", "ada-lovelace", "drafts")).glob("*"))


def _stop_mid_summary(home: Path, typed: str) -> None:
    """`recap ada-lovelace` up to its summary; type one line of it, then Ctrl-C."""
    child = spawn(home, "recap", "ada-lovelace")
    for prompt in ("Which are done?", "When did you meet?", "How long"):
        answer(child, prompt, "")
    answer(child, "What did you talk about?", typed)
    child.expect_exact("…")
    child.sendintr()
    assert finish(child) == 130


def _finish_after_summary(home: Path, child: pexpect.spawn) -> str:
    """Skip the questions after the summary; the saved recap's text."""
    for prompt in ("take away?", "Anything decided?", "Commitment", "Progress on g"):
        answer(child, prompt, "")
    answer(child, "Next meeting?", "-")
    child.expect_exact("Recap saved")
    assert finish(child) == 0
    return (at(home, "relationships", "ada-lovelace", "recaps", "2026-03-15.md")).read_text()


def _drafted(home: Path) -> dict[str, object]:
    draft = at(home, "relationships", "ada-lovelace", "drafts", "recap.toml")
    return tomllib.loads(draft.read_text())


def test_a_second_stop_while_carrying_on_keeps_both_parts(
    home: Path, made: Made, pairing: None
) -> None:
    """Carrying on an answer cut short adds to it: a stop in the middle loses neither."""
    _stop_mid_summary(home, "First part.")
    child = spawn(home, "recap", "ada-lovelace")
    answer(child, "Pick it up?", "y")
    answer(child, "Go on where you stopped", "Second part.")
    child.expect_exact("…")
    child.sendintr()
    assert finish(child) == 130
    assert _drafted(home)["summary"] == "First part.\nSecond part."
    child = spawn(home, "recap", "ada-lovelace")
    answer(child, "Pick it up?", "y")
    answer(child, "Go on where you stopped", "-", "")  # '-' clears it...
    answer(child, "Type it afresh", "Started again.", "")  # ...to be typed again
    text = _finish_after_summary(home, child)
    assert text.endswith("\n\nStarted again.\n")


def test_a_commitment_half_typed_at_ctrl_c_is_offered_next_time(
    home: Path, made: Made, pairing: None
) -> None:
    child = spawn(home, "recap", "ada-lovelace")
    for prompt in ("Which are done?", "When did you meet?", "How long"):
        answer(child, prompt, "")
    answer(child, "What did you talk about?", "Careers.", "")
    answer(child, "What do you take away?", "")
    answer(child, "Anything decided?", "")
    answer(child, "Commitment", "send CV @me")
    child.expect_exact("Commitment")
    child.send("book the room due:fri")
    child.expect_exact("due:fri")
    time.sleep(0.5)
    child.sendintr()
    assert finish(child) == 130

    child = spawn(home, "recap", "ada-lovelace")
    answer(child, "Pick it up?", "y")
    child.expect_exact("(book the room due:fri)")  # Enter takes it
    answer(child, "", "")
    answer(child, "Commitment", "")
    answer(child, "Progress on g", "")
    answer(child, "Next meeting?", "-")
    child.expect_exact("Recap saved")
    assert finish(child) == 0
    texts = [a["text"] for a in ok("actions", "--json").json()]
    assert "send CV" in texts and "book the room" in texts


def test_a_kill_minus_nine_keeps_every_line_typed(home: Path, made: Made, pairing: None) -> None:
    """SIGKILL cannot be caught: a line ended with Enter must already be on disk."""
    child = spawn(home, "recap", "ada-lovelace")
    answer(child, "Which are done?", "")
    answer(child, "When did you meet?", "")
    answer(child, "How long", "")
    answer(child, "What did you talk about?", "Careers.", "")
    answer(child, "What do you take away?", "keep it short")
    child.expect_exact("keep it short")
    child.expect_exact("…")  # the line is read; the question is not finished
    child.kill(signal.SIGKILL)
    finish(child)
    draft = at(home, "relationships", "ada-lovelace", "drafts", "recap.toml").read_text()
    assert "Careers." in draft and "keep it short" in draft


def test_direction_walk_sets_goals(home: Path) -> None:
    ok("new-relationship", "Grace", "--role", "mentor", "--no-input")
    child = spawn(home, "direction", "grace")
    answer(child, "vision", "Lead a compiler team", "within five years.", "")
    answer(child, "stand today", "Senior engineer.", "")
    answer(child, "strengths", "")
    answer(child, "grow in", "Public speaking.", "")
    answer(child, "leadership style", "")
    answer(child, "help most", "")
    answer(child, "Goal 1", "Give a conference talk")
    answer(child, "Why does it matter", "visibility")
    answer(child, "success look like", "a talk accepted")
    answer(child, "Target date", "2026-13-01")
    answer(child, "not a valid", "2026-10-01")
    answer(child, "Goal 2", "Mentor a junior")
    answer(child, "Why does it matter", "")
    answer(child, "success look like", "")
    answer(child, "Target date", "")
    answer(child, "Goal 3", "Write a design doc")
    for prompt in ("Why does it matter", "success look like", "Target date"):
        answer(child, prompt, "")
    answer(child, "add another anyway?", "n")
    child.expect_exact("Direction set with Grace")
    assert finish(child) == 0

    shown = ok("show", "grace", "--json").json()
    assert shown["phase"] == "direction"
    assert shown["direction"]["aspirations"] == "Lead a compiler team\nwithin five years."
    assert shown["direction"]["growth"] == "Public speaking."
    assert shown["direction"]["strengths"] == ""
    goals = shown["goals"]
    assert [g["title"] for g in goals] == [
        "Give a conference talk",
        "Mentor a junior",
        "Write a design doc",
    ]
    assert goals[0]["why"] == "visibility" and goals[0]["target"] == "2026-10-01"


def test_close_walk_keeps_the_reflection(home: Path) -> None:
    ok("new-relationship", "Grace", "--role", "peer", "--no-input")
    child = spawn(home, "close", "grace", "--thanks", "for the coffee")
    answer(child, "Close it now?", "y")
    answer(child, "achieve together", "Two talks.", "")
    answer(child, "learn", "")
    answer(child, "differently", "Meet more often.", "")
    child.expect_exact("Closed grace")
    assert finish(child) == 0
    closing = ok("show", "grace", "--json").json()["closing"]
    assert closing == {
        "date": "2026-03-15", "achieved": "Two talks.", "learned": "",
        "differently": "Meet more often.", "thanks": "for the coffee",
    }  # fmt: skip


def test_resuming_a_recap_interrupted_in_a_list_answer(
    home: Path, made: Made, pairing: None
) -> None:
    child = spawn(home, "recap", "ada-lovelace")
    answer(child, "Which are done?", made.short(made.a(1)))
    answer(child, "When did you meet?", "")
    answer(child, "How long", "")
    answer(child, "What did you talk about?", "Paper.", "")
    answer(child, "What do you take away?", "Start with the figure", "Cut the intro")
    child.expect_exact("Cut the intro")  # read (readline echoes a line as it reads it)...
    child.expect_exact("…")  # ...and the next line asked for: Ctrl-C now loses nothing
    child.sendintr()
    child.expect_exact("Your answers so far are kept")
    assert finish(child) == 130
    ok("done", made.a(1))  # the draft's `done` is stale now

    child = spawn(home, "recap", "ada-lovelace")
    answer(child, "Pick it up?", "y")
    answer(child, "Which are done?", "")  # asked again: the drafted answer no longer fits
    child.expect_exact("so far:  Start with the figure")  # cut short: asked again
    answer(child, "Go on where you stopped", "")  # Enter keeps it as it is
    answer(child, "Anything decided?", "")
    answer(child, "Commitment", "")
    answer(child, "Progress on g", "")
    answer(child, "Next meeting?", "")
    child.expect_exact("Recap saved")
    assert finish(child) == 0
    recap = ok("show", "ada-lovelace", "--json").json()
    assert recap["meetings"] == 2
    text = (at(home, "relationships", "ada-lovelace", "recaps", "2026-03-15.md")).read_text()
    assert '"Start with the figure",\n    "Cut the intro",' in text
    assert "actions_done = []" in text


def test_a_broken_draft_is_not_fatal(home: Path, made: Made, pairing: None) -> None:
    drafts = at(home, "relationships", "ada-lovelace", "drafts")
    drafts.mkdir(exist_ok=True)
    (drafts / "recap.toml").write_text(
        f'minutes = "x"\ndate = "2026-99-01"\nsummary = "Kept."\ndone = ["{made.a(1)}"]\n'
    )
    child = spawn(home, "recap", "ada-lovelace")
    answer(child, "Pick it up?", "y")
    child.expect_exact("no longer fits")
    answer(child, "When did you meet?", "")
    answer(child, "How long", "30")
    answer(child, "What do you take away?", "")
    answer(child, "Anything decided?", "")
    answer(child, "Commitment", "")
    answer(child, "Progress on g", "")
    answer(child, "Next meeting?", "")
    child.expect_exact("Recap saved")
    assert finish(child) == 0
    text = (at(home, "relationships", "ada-lovelace", "recaps", "2026-03-15.md")).read_text()
    assert "minutes = 30" in text and text.endswith("\n\nKept.\n")


def test_close_interrupted_at_an_empty_prompt_asks_it_again(home: Path) -> None:
    ok("new-relationship", "Grace", "--role", "peer", "--no-input")
    child = spawn(home, "close", "grace")
    answer(child, "Close it now?", "y")
    answer(child, "achieve together", "Two talks.", "")
    child.expect_exact("learn")
    child.expect_exact("> ")  # waiting for the answer (a ^C before it is seen at the next key)
    child.sendintr()
    child.expect_exact("Not closed")
    assert finish(child) == 130
    assert ok("show", "grace", "--json").json()["status"] == "active"

    child = spawn(home, "close", "grace")
    answer(child, "Close it now?", "y")
    child.expect_exact("Continuing from your unfinished closing reflection")
    answer(child, "learn", "To ask early.", "")
    answer(child, "differently", "")
    answer(child, "thank them for", "")
    child.expect_exact("Closed grace")
    assert finish(child) == 0
    closing = ok("show", "grace", "--json").json()["closing"]
    assert (closing["achieved"], closing["learned"]) == ("Two talks.", "To ask early.")
    assert not list((at(home, "relationships", "grace", "drafts")).glob("close*"))


def test_close_interrupted_mid_answer_goes_on_from_it(home: Path) -> None:
    ok("new-relationship", "Grace", "--role", "peer", "--no-input")
    child = spawn(home, "close", "grace")
    answer(child, "Close it now?", "y")
    answer(child, "achieve together", "Two talks")
    child.expect_exact("…")
    child.sendintr()
    child.expect_exact("Not closed")
    assert finish(child) == 130

    child = spawn(home, "close", "grace")
    answer(child, "Close it now?", "y")
    child.expect_exact("so far:  Two talks")
    answer(child, "Go on where you stopped", "and a paper.", "")
    for prompt in ("learn", "differently", "thank them for"):
        answer(child, prompt, "")
    child.expect_exact("Closed grace")
    assert finish(child) == 0
    closing = ok("show", "grace", "--json").json()["closing"]
    assert closing["achieved"] == "Two talks\nand a paper."


def test_recap_draft_with_a_commitment_resumes(home: Path, made: Made, pairing: None) -> None:
    child = spawn(home, "recap", "ada-lovelace")
    answer(child, "Which are done?", "")
    answer(child, "When did you meet?", "")
    answer(child, "How long", "")
    answer(child, "What did you talk about?", "Plans.", "")
    answer(child, "What do you take away?", "")
    answer(child, "Anything decided?", "")
    answer(child, "Commitment", "write the abstract")
    answer(child, "Commitment", "")
    child.expect_exact(f"Progress on {made.short(made.g(1))}")
    child.sendintr()
    assert finish(child) == 130

    child = spawn(home, "recap", "ada-lovelace")
    answer(child, "Pick it up?", "y")
    answer(child, f"Progress on {made.short(made.g(1))}", "10")
    answer(child, "Next meeting?", "")
    child.expect_exact("Recap saved")
    assert finish(child) == 0
    texts = [a["text"] for a in ok("actions", "--json").json()]
    assert "write the abstract" in texts


def test_drafts_stay_with_a_renamed_relationship(home: Path, pairing: None) -> None:
    child = spawn(home, "recap", "ada-lovelace")
    answer(child, "Which are done?", "")
    answer(child, "When did you meet?", "")
    answer(child, "How long", "45")
    child.expect_exact("What did you talk about?")
    child.sendintr()
    assert finish(child) == 130
    draft = at(home, "relationships", "ada-lovelace", "drafts", "recap.toml")
    ok("edit", "ada-lovelace", "--slug", "ada")
    assert draft.is_file() and at(home, "relationships", "ada", "drafts", "recap.toml") == draft
    fails("new-relationship", "Bob Other", "--role", "peer", "--slug", "ada-lovelace", "--no-input")
    child = spawn(home, "recap", "ada")
    answer(child, "Pick it up?", "y")
    answer(child, "What did you talk about?", "Resumed.", "")
    for prompt in ("take away", "decided", "Commitment", "Progress on g", "Next meeting"):
        answer(child, prompt, "")
    child.expect_exact("45 minutes")
    assert finish(child) == 0


def test_an_unreadable_draft_is_never_overwritten(home: Path, pairing: None) -> None:
    drafts = at(home, "relationships", "ada-lovelace", "drafts")
    drafts.mkdir()
    broken = 'summary = "precious recap text\n'
    (drafts / "recap.toml").write_text(broken)
    child = spawn(home, "recap", "ada-lovelace")
    child.expect_exact("cannot be read")
    assert finish(child) == 1
    assert (drafts / "recap.toml").read_text() == broken


def test_drafted_commitments_survive_one_bad_neighbour(home: Path, pairing: None) -> None:
    drafts = at(home, "relationships", "ada-lovelace", "drafts")
    drafts.mkdir()
    (drafts / "recap.toml").write_text(
        'summary = "Kept."\nnext = "2000-01-01"\nprogress = { g1 = 1e400 }\n'
        'actions = [{ text = "good one", owner = "me" }, { text = "x", owner = "nobody" },'
        ' { text = "", owner = "me" }]\n'
    )
    child = spawn(home, "recap", "ada-lovelace")
    answer(child, "Pick it up?", "y")
    child.expect_exact("no longer fits")
    for prompt in ("Which are done?", "When did you meet?", "How long", "take away",
                   "decided", "Progress on g", "Next meeting"):  # fmt: skip
        answer(child, prompt, "")
    child.expect_exact("Recap saved")
    assert finish(child) == 0
    assert "good one" in [a["text"] for a in ok("actions", "--json").json()]


def test_clearing_an_answer_cut_short_then_stopping_keeps_it_cleared(
    home: Path, made: Made, pairing: None
) -> None:
    """A review's finding: the '-' typed to clear a carried-on answer was kept as text."""
    _stop_mid_summary(home, "First part.")
    child = spawn(home, "recap", "ada-lovelace")
    answer(child, "Pick it up?", "y")
    answer(child, "Go on where you stopped", "-", "")
    child.expect_exact("Type it afresh")
    child.expect_exact("> ")
    time.sleep(0.5)
    child.sendintr()
    assert finish(child) == 130
    assert _drafted(home).get("summary", "") == ""


def test_a_dash_then_new_lines_replace_a_carried_on_answer(
    home: Path, made: Made, pairing: None
) -> None:
    """A new user's report: '-' then new text kept the old answer, a '-' line and the new."""
    _stop_mid_summary(home, "Old words.")
    child = spawn(home, "recap", "ada-lovelace")
    answer(child, "Pick it up?", "y")
    answer(child, "Go on where you stopped", "-", "Fresh words.", "")
    text = _finish_after_summary(home, child)
    assert text.endswith("\n\nFresh words.\n"), text
