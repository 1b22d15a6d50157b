"""Walks that lost answers: a taken or unusable name, and answers typed before a record exists."""

from __future__ import annotations

import time
import tomllib
from pathlib import Path

import pexpect
import pytest

from tests.helpers import cli, fails, new, ok
from tests.pty import answer, finish, spawn
from tests.store_fixtures import at

RECORD_PROMPTS = ("How often", "How will you meet?", "Topics or skills", "program or organisation")
RAPPORT_PROMPTS = ("background?", "in common?", "relationship for?", "hope to get",
                   "give in return", "about your meetings", "between", "norms")  # fmt: skip


def finish_walk(child: pexpect.spawn, *prompts: str) -> None:
    for prompt in prompts:
        answer(child, prompt, "")


def test_a_partner_who_exists_is_offered_a_free_slug_first(home: Path) -> None:
    new("Zoe Nunez", "--purpose", "first")
    child = spawn(home, "new-relationship")
    answer(child, "Who is it with?", "Zoe Nunez")
    child.expect_exact("To carry on with it: mentorlog rapport zoe-nunez")  # a new user's
    answer(child, "called 'zoe-nunez-2'?", "Yes")  # report; asked at once, not after the walk
    answer(child, "Your role in it", "peer")
    answer(child, "When did it start?", "")
    finish_walk(child, *RECORD_PROMPTS, *RAPPORT_PROMPTS)
    child.expect_exact("mentorlog rapport zoe-nunez-2")
    assert finish(child) == 0
    assert ok("show", "zoe-nunez-2", "--json").json()["role"] == "peer"
    assert ok("show", "zoe-nunez", "--json").json()["purpose"] == "first"


def test_declining_the_free_slug_asks_for_one(home: Path) -> None:
    new("Zoe Nunez")
    new("Zoe Nunez", "--slug", "zoe-nunez-2")
    child = spawn(home, "new-relationship", "Zoe Nunez", "--role", "mentor")
    answer(child, "called 'zoe-nunez-3'?", "n")
    answer(child, "another folder name", "Zoe!")  # not a slug: asked again
    answer(child, "is not a valid slug", "zoe-nunez")  # taken: offered a free one again
    answer(child, "called 'zoe-nunez-3'?", "")  # Enter is no
    answer(child, "another folder name", "zoe-at-work")
    answer(child, "When did it start?", "")
    finish_walk(child, *RECORD_PROMPTS, *RAPPORT_PROMPTS)
    assert finish(child) == 0
    assert ok("show", "zoe-at-work", "--json").json()["partner"] == "Zoe Nunez"


def test_the_same_partner_again_can_be_left_with_enter(home: Path) -> None:
    """A new user's report: Enter started a second pairing with the same person, and
    declining it led to a folder-name question with no way out but Ctrl-C."""
    new("Zoe Nunez", "--purpose", "first")
    child = spawn(home, "new-relationship", "Zoe Nunez")
    answer(child, "called 'zoe-nunez-2'?", "")
    answer(child, "another folder name", "")
    child.expect_exact("Nothing started")
    child.expect_exact("mentorlog rapport zoe-nunez")
    assert finish(child) == 0
    assert [r["slug"] for r in ok("list", "--json").json()] == ["zoe-nunez"]
    assert not at(home, "drafts").exists() or not any(at(home, "drafts").iterdir())


def test_a_name_that_makes_no_slug_asks_for_one_first(home: Path) -> None:
    child = spawn(home, "new-relationship")
    answer(child, "Who is it with?", "王芳")
    child.expect_exact("cannot make a folder name from '王芳'")
    answer(child, "A short name for its folder?", "wang-fang")
    answer(child, "Your role in it", "mentee")
    answer(child, "When did it start?", "")
    finish_walk(child, *RECORD_PROMPTS, *RAPPORT_PROMPTS)
    assert finish(child) == 0
    assert ok("show", "wang-fang", "--json").json()["partner"] == "王芳"


def test_without_a_terminal_a_taken_name_names_the_free_slug() -> None:
    new("Zoe Nunez")
    run = fails("new-relationship", "Zoe Nunez", "--role", "peer", "--no-input")
    assert "already exists" in run.stderr and "--slug zoe-nunez-2" in run.stderr
    run = fails("new-relationship", "王芳", "--role", "peer", "--no-input", code=2)
    assert "--slug" in run.stderr


def draft(home: Path, name: str, slug: str | None = None) -> Path:
    folder = at(home, "relationships", slug) if slug else home
    return folder / "drafts" / f"{name}.toml"


def test_answers_before_the_record_exists_survive_ctrl_c(home: Path) -> None:
    child = spawn(home, "new-relationship")
    answer(child, "Who is it with?", "Ada Lovelace")
    answer(child, "Your role in it", "mentee")
    answer(child, "When did it start?", "2026-03-01")
    child.expect_exact("How often")
    child.sendintr()
    child.expect_exact("Your answers so far are kept")
    assert finish(child) == 130
    kept = tomllib.loads(draft(home, "new-relationship").read_text())
    assert kept["partner"] == "Ada Lovelace" and kept["role"] == "mentee"
    assert kept["started"] == "2026-03-01"

    child = spawn(home, "new-relationship")
    answer(child, "Pick up your unfinished answers (Ada Lovelace) from 2026-03-15?", "")
    answer(child, "How often", "weekly")  # the first question not answered yet
    finish_walk(child, *RECORD_PROMPTS[1:], *RAPPORT_PROMPTS)
    assert finish(child) == 0
    shown = ok("show", "ada-lovelace", "--json").json()
    assert (shown["role"], shown["started"], shown["cadence"]) == ("mentee", "2026-03-01", "weekly")
    assert not draft(home, "new-relationship").exists()


def test_unfinished_answers_without_a_terminal_need_a_flag(home: Path) -> None:
    draft(home, "new-relationship").parent.mkdir(parents=True)
    draft(home, "new-relationship").write_text(
        'partner = "Ada Lovelace"\nrole = "mentor"\nsaved = "2026-03-14"\n'
    )
    run = cli("new-relationship", "--no-input")
    assert run.exit_code == 2 and "PARTNER" in run.stderr
    assert "unfinished answers (Ada Lovelace) from 2026-03-14 are kept (--resume uses" in run.stderr
    assert draft(home, "new-relationship").is_file()
    ok("new-relationship", "--resume", "--no-input")
    assert ok("show", "ada-lovelace", "--json").json()["role"] == "mentor"
    assert not draft(home, "new-relationship").exists()


def test_fresh_lets_the_unfinished_answers_go(home: Path) -> None:
    draft(home, "new-relationship").parent.mkdir(parents=True)
    draft(home, "new-relationship").write_text('partner = "Ada"\nrole = "mentor"\n')
    ok("new-relationship", "Bo", "--role", "peer", "--fresh", "--no-input")
    assert not draft(home, "new-relationship").exists()


DIRECTION_PROMPTS = ("vision", "stand today", "strengths", "grow in", "leadership style",
                     "help most")  # fmt: skip


def test_typed_goals_survive_ctrl_c_in_direction(home: Path) -> None:
    new("Grace")
    child = spawn(home, "direction", "grace")
    answer(child, "vision", "Lead a team.", "")
    finish_walk(child, *DIRECTION_PROMPTS[1:])
    answer(child, "Goal 1", "Give a talk")
    answer(child, "Why does it matter", "visibility")
    answer(child, "success look like", "accepted")
    answer(child, "Target date", "2026-10-01")
    answer(child, "Goal 2", "Mentor a junior")
    answer(child, "Why does it matter", "give back")
    child.expect_exact("success look like")
    child.sendintr()
    child.expect_exact("Your answers so far are kept")
    assert finish(child) == 130
    assert ok("show", "grace", "--json").json()["goals"] == []

    child = spawn(home, "direction", "grace")
    answer(child, "Pick up your unfinished answers", "y")
    child.expect_exact("(from your draft) Goal 1: Give a talk")
    answer(child, "success look like", "they lead a project")  # where it stopped
    answer(child, "Target date", "")
    answer(child, "Goal 3", "")
    child.expect_exact("Direction set with Grace")
    assert finish(child) == 0
    shown = ok("show", "grace", "--json").json()
    assert shown["direction"]["aspirations"] == "Lead a team."
    goals = [(g["title"], g["why"], g["success"], g["target"]) for g in shown["goals"]]
    assert goals == [
        ("Give a talk", "visibility", "accepted", "2026-10-01"),
        ("Mentor a junior", "give back", "they lead a project", None),
    ]
    assert not draft(home, "direction", "grace").exists()


def test_drafted_goals_without_a_terminal(home: Path) -> None:
    new("Grace")
    draft(home, "direction", "grace").parent.mkdir(parents=True)
    draft(home, "direction", "grace").write_text(
        'goals = [{ title = "Give a talk", why = "visibility" }]\ngoal = { title = "Write" }\n'
    )
    run = cli("direction", "grace", "--no-input")
    assert run.exit_code == 2 and "--resume uses them" in run.stderr
    ok("direction", "grace", "--resume", "--no-input")
    titles = [g["title"] for g in ok("show", "grace", "--json").json()["goals"]]
    assert titles == ["Give a talk", "Write"]
    assert not draft(home, "direction", "grace").exists()


def test_goal_add_keeps_its_answers_through_ctrl_c(home: Path) -> None:
    new("Grace")
    child = spawn(home, "goal", "add", "grace")
    answer(child, "The goal, in a few words", "Give a talk")
    answer(child, "Why does it matter?", "visibility")
    child.expect_exact("What will success look like?")
    child.sendintr()
    child.expect_exact("mentorlog goal add grace")
    assert finish(child) == 130

    child = spawn(home, "goal", "add", "grace")
    answer(child, "Pick up your unfinished answers", "y")
    answer(child, "What will success look like?", "accepted")
    answer(child, "Target date?", "")
    child.expect_exact("Added g")  # its short id
    assert finish(child) == 0
    goal = ok("goal", "list", "grace", "--json").json()[0]
    assert [goal[k] for k in ("title", "why", "success")] == [
        "Give a talk",
        "visibility",
        "accepted",
    ]
    assert not draft(home, "goal-add", "grace").exists()


def _stop_goal_add_mid_why(home: Path, title: str, why: str) -> None:
    """`goal add grace`: give the title, half type the why, then Ctrl-C before Enter."""
    new("Grace")
    child = spawn(home, "goal", "add", "grace")
    answer(child, "The goal, in a few words", title)
    child.expect_exact("Why does it matter?")
    child.send(why)
    child.expect_exact(why[-6:])
    time.sleep(0.5)
    child.sendintr()
    child.expect_exact("mentorlog goal add grace")
    assert finish(child) == 130


def test_a_one_line_answer_half_typed_at_ctrl_c_is_offered_next_time(home: Path) -> None:
    """A new user's report: `goal add`, "Learn Julia" Enter, then "because it is fast"
    and Ctrl-C before Enter: the half-typed answer was lost (long answers kept theirs)."""
    _stop_goal_add_mid_why(home, "Learn Julia", "because it is fast")
    child = spawn(home, "goal", "add", "grace")
    answer(child, "Pick up your unfinished answers", "y")
    child.expect_exact("Why does it matter? (because it is fast)")  # Enter takes it
    answer(child, "", "")
    answer(child, "What will success look like?", "a package")
    answer(child, "Target date?", "")
    child.expect_exact("Added g")
    assert finish(child) == 0
    goal = ok("goal", "list", "grace", "--json").json()[0]
    assert [goal[k] for k in ("title", "why", "success")] == [
        "Learn Julia",
        "because it is fast",
        "a package",
    ]


def _interrupted_new_relationship(home: Path, partner: str) -> Path:
    child = spawn(home, "new-relationship")
    answer(child, "Who is it with?", partner)
    answer(child, "Your role in it", "mentee")
    child.expect_exact("When did it start?")
    child.sendintr()
    assert finish(child) == 130
    draft = home / "drafts" / "new-relationship.toml"
    assert tomllib.loads(draft.read_text())["partner"] == partner
    return draft


def test_a_run_for_someone_else_never_deletes_unfinished_answers(home: Path) -> None:
    draft = _interrupted_new_relationship(home, "Wang Fang")
    before = draft.read_bytes()
    run = ok("new-relationship", "Zed", "--role", "mentee", "--no-input")
    assert draft.read_bytes() == before
    assert "Wang Fang" in run.stderr and str(draft) in run.stderr


def test_declining_unfinished_answers_sets_them_aside(home: Path) -> None:
    draft = _interrupted_new_relationship(home, "Grace Hopper")
    before = draft.read_bytes()
    child = spawn(home, "new-relationship")
    answer(child, "(Grace Hopper)", "n")
    child.expect_exact("set aside in")
    answer(child, "Who is it with?", "Ada")
    child.sendintr()
    finish(child)
    aside = list((home / "drafts" / "set-aside").iterdir())
    assert [p.read_bytes() for p in aside] == [before]


def test_an_interrupted_checkin_is_kept_and_picked_up(home: Path) -> None:
    new("Ada")
    child = spawn(home, "checkin", "ada")
    answer(child, "thoughts into words?", "4")
    answer(child, "A note?", "clear")
    child.expect_exact("really listened to?")
    child.sendintr()
    assert finish(child) == 130
    assert not (at(home, "relationships", "ada", "checkins")).exists()  # not a finished check-in
    child = spawn(home, "checkin", "ada")
    answer(child, "Pick up your unfinished answers", "y")
    answer(child, "really listened to?", "2")  # carries on where it stopped
    answer(child, "A note?", "")
    for _ in range(6):
        answer(child, "(1-5)", "")
    assert finish(child) == 0
    [saved] = (at(home, "relationships", "ada", "checkins")).iterdir()
    stored = tomllib.loads(saved.read_text())
    assert stored["ratings"] == {"articulation": 4, "listening": 2}, stored
    assert not list((at(home, "relationships", "ada", "drafts")).glob("checkin*"))


def test_resume_without_a_terminal_uses_an_answer_cut_short(home: Path) -> None:
    """A review's finding: `--resume --no-input` dropped an answer a stop had cut short
    (asked again, without a terminal: empty) and let the draft go."""
    _stop_goal_add_mid_why(home, "Learn Rust", "because the team uses it")
    ok("goal", "add", "grace", "--resume", "--no-input")
    goal = ok("goal", "list", "grace", "--json").json()[0]
    assert (goal["title"], goal["why"]) == ("Learn Rust", "because the team uses it")


@pytest.mark.parametrize(("typed", "why"), [("+", "because it is fast"), ("-", "")])
def test_plus_takes_and_dash_clears_a_one_line_answer_offered(
    home: Path, typed: str, why: str
) -> None:
    """A new user's report: '+' and '-' at a one-line question offering a half-typed
    answer were saved as the answers "+" and "-"."""
    _stop_goal_add_mid_why(home, "Learn Julia", "because it is fast")
    child = spawn(home, "goal", "add", "grace")
    answer(child, "Pick up your unfinished answers", "y")
    answer(child, "(because it is fast)", typed)
    answer(child, "What will success look like?", "")
    answer(child, "Target date?", "")
    child.expect_exact("Added g")
    assert finish(child) == 0
    assert ok("goal", "list", "grace", "--json").json()[0]["why"] == why
