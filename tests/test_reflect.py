"""Reflection: prompt sets as data, suggestions, the journal."""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

import pytest

from mentorlog.core import prompts
from tests.helpers import fails, ok
from tests.pty import answer, finish, spawn
from tests.store_fixtures import at

SHIPPED = sorted(p.name for p in prompts.shipped())


def front(path: Path) -> dict[str, object]:
    return tomllib.loads(path.read_text().split("+++\n")[1])


def test_the_eleven_sets_ship_with_three_to_eight_questions() -> None:
    expected = [
        "network", "before-session", "after-session", "listening", "learning-about-each-other",
        "feedback", "gratitude", "journey", "identity", "qualities", "closing",
    ]  # fmt: skip
    assert sorted(expected) == SHIPPED
    for prompt_set in prompts.shipped():
        assert 3 <= len(prompt_set.questions) <= 8, prompt_set.name
        assert all(q.text.endswith("?") for q in prompt_set.questions)


@pytest.mark.parametrize("name", SHIPPED)
def test_every_shipped_set_by_flags(name: str, home: Path) -> None:
    saved = ok("reflect", "--set", name, "--answer", f"first answer for {name}",
               "--no-input", "--json").json()  # fmt: skip
    assert saved["set"] == name and re.fullmatch(rf"2026-03-15-{name}-f[0-9a-z]{{10}}", saved["id"])
    assert saved["entries"][0]["answer"] == f"first answer for {name}"
    assert all(e["answer"] == "" for e in saved["entries"][1:])
    data = front(home / "reflections" / f"{saved['id']}.md")
    assert data["entries"][0]["answer"] == f"first answer for {name}"  # type: ignore[index]


@pytest.mark.parametrize("name", SHIPPED)
def test_every_shipped_set_interactively(name: str, home: Path) -> None:
    prompt_set = next(s for s in prompts.shipped() if s.name == name)
    child = spawn(home, "reflect", "--set", name)
    answer(child, prompt_set.questions[0].text, "Typed here.", "")
    for question in prompt_set.questions[1:]:
        answer(child, question.text, "")
    child.expect_exact("Saved")
    assert finish(child) == 0
    data = front(at(home, "reflections", f"2026-03-15-{name}.md"))
    assert data["entries"][0] == {  # type: ignore[index]
        "question": prompt_set.questions[0].text,
        "answer": "Typed here.",
    }


def test_walk_keeps_exactly_what_was_typed(home: Path) -> None:
    ok("new-relationship", "Ada Lovelace", "--role", "mentee", "--no-input")
    child = spawn(home, "reflect", "ada-lovelace", "--set", "listening")
    questions = next(s for s in prompts.shipped() if s.name == "listening").questions
    typed = ['She said "slow down" +++', "  and I *did*.", "Then: [quiet] ≠ agreement."]
    answer(child, questions[0].text, *typed, "")
    answer(child, questions[1].text, "")  # skipped
    for question in questions[2:]:
        answer(child, question.text, "ok", "")
    child.expect_exact("Saved")
    assert finish(child) == 0
    data = front(at(home, "reflections", "2026-03-15-listening.md"))
    assert data["relationship"] == "ada-lovelace" and data["set"] == "listening"
    entries = data["entries"]
    assert isinstance(entries, list)
    assert entries[0]["answer"] == "\n".join(typed)
    assert entries[1] == {"question": questions[1].text, "answer": ""}
    assert [e["question"] for e in entries] == [q.text for q in questions]


def test_an_interrupted_walk_is_kept_and_picked_up_next_time(home: Path) -> None:
    child = spawn(home, "reflect", "--set", "gratitude")
    questions = next(s for s in prompts.shipped() if s.name == "gratitude").questions
    answer(child, questions[0].text, "My mentor's patience.", "")
    answer(child, questions[1].text, "Half a thought")
    child.expect_exact("…")
    child.sendintr()
    child.expect_exact("mentorlog reflect --set gratitude")
    assert finish(child) == 130
    assert not (home / "reflections").exists()  # not a finished entry: a draft to carry on
    child = spawn(home, "reflect", "--set", "gratitude")
    answer(child, "Pick up your unfinished answers", "y")
    child.expect_exact(questions[1].text)  # cut short: asked again, to go on from it
    child.expect_exact("so far:  Half a thought")
    answer(child, "Go on where you stopped", "and its other half.", "")
    for question in questions[2:]:
        answer(child, question.text, "")
    assert finish(child) == 0
    entries = front(at(home, "reflections", "2026-03-15-gratitude.md"))["entries"]
    assert isinstance(entries, list)
    assert [e["answer"] for e in entries[:2]] == [
        "My mentor's patience.",
        "Half a thought\nand its other half.",
    ]
    assert not list((home / "drafts").glob("reflect-*"))


def test_list_sets_json() -> None:
    sets = ok("reflect", "--list-sets", "--json").json()
    assert [s["name"] for s in sets] == SHIPPED
    first = sets[0]
    assert set(first) >= {"name", "title", "source", "questions"}
    assert first["source"] == "shipped" and first["questions"][0]["text"]
    assert "after-session" in ok("reflect", "--list-sets").stdout


USER_SET = """\
schema_version = 1
name = "{name}"
title = "My own"
about = "Mine."

[[questions]]
key = "one"
text = "What is on your mind?"
"""


def test_user_set_overrides_a_shipped_one(home: Path) -> None:
    folder = home / "prompts"
    folder.mkdir(parents=True)
    (folder / "gratitude.toml").write_text(USER_SET.format(name="gratitude"))
    (folder / "weekly.toml").write_text(USER_SET.format(name="weekly"))
    sets = {s["name"]: s for s in ok("reflect", "--list-sets", "--json").json()}
    assert sets["gratitude"]["source"] == "user" and sets["gratitude"]["title"] == "My own"
    assert sets["weekly"]["source"] == "user"
    saved = ok("reflect", "--set", "gratitude", "--answer", "tea", "--no-input", "--json").json()
    assert saved["entries"] == [{"question": "What is on your mind?", "answer": "tea"}]


def test_broken_user_set_is_reported_and_shipped_sets_still_work(home: Path) -> None:
    folder = home / "prompts"
    folder.mkdir(parents=True)
    broken = folder / "gratitude.toml"
    broken.write_text('schema_version = 1\nname = "gratitude"\ntitle = "oops\n')
    (folder / "empty.toml").write_text('schema_version = 1\nname = "empty"\ntitle = "E"\n')
    run = ok("reflect", "--set", "gratitude", "--answer", "x", "--no-input", "--json")
    assert f"{broken}:3:" in run.stderr
    assert "questions" in run.stderr and "empty.toml" in run.stderr
    assert run.json()["title"] == "Gratitude and pause"  # the shipped one


def test_unknown_set_and_too_many_answers() -> None:
    assert "no prompt set 'nope'" in fails("reflect", "--set", "nope", "--no-input").stderr
    many = ["--answer", "a"] * 9
    run = fails("reflect", "--set", "gratitude", *many, "--no-input", code=2)
    assert "9 answers for 5 questions" in run.stderr


def test_no_answers_without_a_terminal_names_the_flags() -> None:
    run = fails("reflect", "--set", "gratitude", "--no-input", code=2)
    assert "--answer" in run.stderr


def test_edit_keeps_every_line(home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    questions = next(s for s in prompts.shipped() if s.name == "gratitude").questions
    script = tmp_path / "editor.py"
    script.write_text(
        "import sys, pathlib\n"
        "p = pathlib.Path(sys.argv[1])\n"
        "t = p.read_text()\n"
        f"t = t.replace('## {questions[0].text}\\n', '## {questions[0].text}\\nMy team.\\n')\n"
        "p.write_text('A preface.\\n' + t + '## My own heading\\nExtra words.\\n')\n"
    )
    monkeypatch.setenv("EDITOR", f"{sys.executable} {script}")
    saved = ok("reflect", "--set", "gratitude", "--edit", "--no-input", "--json").json()
    assert saved["entries"][0]["answer"] == "My team."
    assert saved["body"] == "A preface.\n\n## My own heading\nExtra words."


def test_journal_filters_and_read(monkeypatch: pytest.MonkeyPatch) -> None:
    ok("new-relationship", "Ada", "--role", "peer", "--no-input")
    monkeypatch.setenv("MENTORLOG_TODAY", "2026-03-01")
    ok("reflect", "--set", "journey", "--answer", "first job", "--no-input")
    monkeypatch.setenv("MENTORLOG_TODAY", "2026-03-10")
    ok("reflect", "ada", "--set", "listening", "--answer", "I interrupt", "--no-input")
    ok("reflect", "ada", "--set", "listening", "--answer", "better", "--no-input")
    every = ok("journal", "--json").json()
    assert [r["id"][:-12] for r in every] == [  # then `-f<id>`: no two machines share one
        "2026-03-01-journey",
        "2026-03-10-listening",
        "2026-03-10-listening",
    ]
    assert [r["id"] for r in ok("journal", "ada", "--json").json()] == [r["id"] for r in every[1:]]
    assert len(ok("journal", "--set", "journey", "--json").json()) == 1
    assert len(ok("journal", "--since", "2026-03-05", "--json").json()) == 2
    assert "I interrupt" in ok("journal").stdout
    first = next(r["id"] for r in every if r["excerpt"] == "I interrupt")
    shown = ok("read", first).stdout
    assert "I interrupt" in shown and "skipped" in shown
    assert "more than one" in fails("read", "2026-03-10-listening", code=2).stderr
    assert ok("read", "2026-03-01-journey", "--json").json()["entries"][0]["answer"] == "first job"
    assert "did you mean" in fails("read", "2026-03-10-listenin").stderr
    assert "no reflection" in fails("read", "../../etc/passwd").stderr


@pytest.mark.parametrize(
    ("setup", "slug", "expected"),
    [
        ([], None, "network"),
        ([["new-relationship", "Ada", "--role", "mentee", "--no-input"]], "ada",
         "learning-about-each-other"),
        ([["new-relationship", "Ada", "--role", "mentee", "--started", "2026-01-01", "--no-input"],
          ["direction", "ada", "--goal", "x", "--no-input"],
          ["recap", "ada", "--summary", "met", "--no-input"]], "ada", "after-session"),
        ([["new-relationship", "Ada", "--role", "mentee", "--started", "2026-03-01",
           "--cadence", "weekly", "--no-input"],
          ["direction", "ada", "--goal", "x", "--no-input"],
          ["recap", "ada", "--date", "2026-03-09", "--summary", "met", "--no-input"]],
         "ada", "before-session"),
        ([["new-relationship", "Ada", "--role", "mentee", "--started", "2025-06-01", "--no-input"],
          ["direction", "ada", "--goal", "x", "--no-input"]], "ada", "qualities"),
        ([["new-relationship", "Ada", "--role", "mentee", "--no-input"],
          ["close", "ada", "--no-input"]], "ada", "closing"),
        ([["new-relationship", "Ada", "--role", "mentee", "--no-input"],
          ["close", "ada", "--learned", "ask early", "--no-input"]], "ada", "gratitude"),
        ([["new-relationship", "Ada", "--role", "mentee", "--started", "2026-03-10",
           "--no-input"],
          ["recap", "ada", "--summary", "met", "--no-input"],
          ["reflect", "--set", "network", "--answer", "x", "--no-input"]], None, "after-session"),
    ],
)  # fmt: skip
def test_suggestions_fit_the_moment(
    setup: list[list[str]], slug: str | None, expected: str
) -> None:
    for command in setup:
        ok(*command)
    suggestion = ok("reflect", *([slug] if slug else []), "--suggest", "--json").json()
    assert suggestion["set"] == expected and suggestion["reason"]
    assert ok("reflect", *([slug] if slug else []), "--suggest").stdout.startswith(expected)


def test_answers_without_a_set_need_one_when_unattended() -> None:
    run = fails("reflect", "--answer", "x", "--no-input", code=2)
    assert "--set" in run.stderr and "network" in run.stderr


def test_empty_reflections_are_not_saved(home: Path) -> None:
    assert "nothing was saved" in fails("reflect", "--set", "gratitude", "--answer", "",
                                        "--answer", " ", "--no-input", code=2).stderr  # fmt: skip
    assert not (home / "reflections").exists()


def test_read_shows_answers_exactly_as_typed() -> None:
    ok("reflect", "--set", "gratitude", "--answer", "# not a heading\n---\n<b>bold</b>",
       "--no-input")  # fmt: skip
    shown = ok("read", "2026-03-15-gratitude").stdout
    assert "# not a heading\n---\n<b>bold</b>" in shown


def test_the_journal_never_cuts_an_id_at_80_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    slug = "maximilian-alexander-featherstonehaugh-cholmondeley"
    ok("new-relationship", "Max", "--slug", slug, "--role", "mentee", "--no-input")
    long_answer = "She pushed me to write the whole chapter again " * 3
    ok("reflect", slug, "--set", "after-session", "--answer", long_answer, "--no-input")
    [item] = ok("journal", "--json").json()
    assert 3 <= len(item["short"]) < len(item["id"])
    monkeypatch.setenv("COLUMNS", "80")
    out = ok("journal").stdout
    assert re.search(rf"\b{item['short']}\b", out), out  # whole, not cut to fit
    assert ok("read", item["short"], "--json").json()["id"] == item["id"]
