"""The keys and values inside every `--json` result agree with each other and with
docs/FORMAT.md: `slug` names the relationship everywhere, an absent value is null, and a
file's own bookkeeping (`schema_version`, `added`) stays in the file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.helpers import Made, new, ok
from tests.test_git import purpose_changed_on_both


def _keys(value: Any) -> set[str]:
    """Every key anywhere in a JSON value."""
    if isinstance(value, dict):
        return set(value).union(*(_keys(v) for v in value.values()))
    if isinstance(value, list):
        return set().union(*(_keys(v) for v in value))
    return set()


def _a_session(made: Made) -> dict[str, Any]:
    new("Ada Lovelace", "--slug", "ada")
    ok("goal", "add", "ada", "Ship it", "--no-input")
    recap: dict[str, Any] = ok(
        "recap", "ada", "--summary", "We talked", "--action", "send CV @me", "--no-input",
        "--json",
    ).json()  # fmt: skip
    return recap


def test_no_result_carries_a_files_schema_version(made: Made) -> None:
    recap = _a_session(made)
    checkin = ok("checkin", "ada", "--rate", "listening=4", "--no-input", "--json").json()
    reflection = ok(
        "reflect", "ada", "--set", "gratitude", "--answer", "the walk", "--no-input", "--json"
    ).json()
    results = [
        recap,
        checkin,
        reflection,
        ok("prep", "ada", "--json").json(),
        ok("show", "ada", "--json").json(),
        ok("edit", "ada", "--channel", "zoom", "--json").json(),
        ok("direction", "ada", "--aspirations", "lead", "--no-input", "--json").json(),
        ok("read", recap["recap"]["id"], "--json").json(),
        ok("read", checkin["id"], "--json").json(),
        ok("read", reflection["id"], "--json").json(),
        ok("read", made.g(1), "--json").json(),
        ok("read", made.a(1), "--json").json(),
    ]
    for result in results:
        assert not {"schema_version", "added"} & _keys(result), result


def test_absent_values_are_null_not_empty_strings(made: Made) -> None:
    _a_session(made)
    ok("journey", "add", "Started", "--date", "2020-01-01")
    ok("goal", "done", made.g(1))
    ok("reflect", "--set", "gratitude", "--answer", "the walk", "--no-input")
    ok("checkin", "ada", "--rate", "listening=4", "--no-input")

    started = ok("log", "ada", "--json").json()[0]
    assert started["event"] == "started" and started["id"] is None and started["short"] is None
    journey = ok("journey", "--json").json()
    assert journey[0]["kind"] == "milestone"
    assert journey[0]["why"] is None and journey[0]["slug"] is None
    assert journey[1]["kind"] == "goal" and journey[1]["slug"] == "ada"
    general = ok("search", "walk", "--json").json()
    assert [(hit["kind"], hit["slug"]) for hit in general] == [("reflection", None)]
    goal = ok("goal", "add", "ada", "Give a talk", "--no-input", "--json").json()
    assert goal["focus_warning"] is None
    health = ok("health", "ada", "--json").json()
    assert health["weakest"] is None and health["suggestion"] is None
    assert {q["quality"]: q["note"] for q in health["qualities"]}["listening"] is None
    ok("delete", "milestone", made.m(1), "--no-input")
    assert ok("trash", "--json").json()[0]["slug"] is None


def test_a_reflection_names_its_relationship_slug_in_every_result() -> None:
    new("Ada Lovelace", "--slug", "ada")
    about = ok(
        "reflect", "ada", "--set", "gratitude", "--answer", "x", "--no-input", "--json"
    ).json()
    general = ok("reflect", "--set", "gratitude", "--answer", "y", "--no-input", "--json").json()
    assert (about["slug"], general["slug"]) == ("ada", None)
    journal = ok("journal", "--json").json()
    assert {r["id"]: r["slug"] for r in journal} == {about["id"]: "ada", general["id"]: None}
    read_about = ok("read", about["id"], "--json").json()
    assert (read_about["slug"], read_about["partner"]) == ("ada", "Ada Lovelace")
    read_general = ok("read", general["id"], "--json").json()
    assert (read_general["slug"], read_general["partner"]) == (None, None)
    for result in (about, general, read_about, read_general, *journal):
        assert "relationship" not in result


def test_hugos_slug_in_a_recap_is_page_slug_and_read_still_works(home: Path) -> None:
    new("Ada Lovelace", "--slug", "ada")
    made = ok("recap", "ada", "--summary", "We talked", "--no-input", "--json").json()
    (path,) = home.glob("relationships/*/recaps/*.md")
    text = path.read_text()
    path.write_text(text.replace("date = ", 'slug = "first-session"\ndate = ', 1))
    read = ok("read", made["recap"]["id"], "--json").json()
    assert (read["slug"], read["page_slug"]) == ("ada", "first-session")
    assert "We talked" in ok("read", made["recap"]["id"]).stdout
    assert ok("prep", "ada", "--json").json()["last_recap"]["page_slug"] == "first-session"


def test_every_goal_and_commitment_says_whose_it_is(made: Made) -> None:
    _a_session(made)
    goal_keys = set(ok("goal", "list", "ada", "--json").json()[0])
    action_keys = set(ok("actions", "--json").json()[0])
    assert {"slug", "partner", "short"} <= goal_keys
    assert {"slug", "partner", "short", "overdue_days"} <= action_keys
    prep = ok("prep", "ada", "--json").json()
    show = ok("show", "ada", "--json").json()
    for goals in (prep["goals"], show["goals"]):
        assert [set(g) for g in goals] == [goal_keys]
        assert (goals[0]["slug"], goals[0]["partner"]) == ("ada", "Ada Lovelace")
    for actions in (prep["actions"], show["open_actions"]):
        assert [set(a) for a in actions] == [action_keys]


def test_sync_names_no_entry_for_a_value_kept_in_the_file_itself(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    machines, laptop = purpose_changed_on_both(home, tmp_path, monkeypatch)
    [kept] = machines.on(laptop, "sync", "--json").json()["kept_both"]
    assert (kept["field"], kept["entry"]) == ("purpose", None)


def test_a_commitment_made_outside_a_recap_names_no_recap(home: Path) -> None:
    new("Ada Lovelace", "--slug", "ada")
    made = ok("recap", "ada", "--summary", "Hi", "--action", "send CV", "--no-input", "--json")
    assert made.json()["created"][0]["recap"] == made.json()["recap"]["id"]
    (path,) = home.glob("relationships/*/commitments/*.toml")  # as v1 or a hand wrote it
    path.write_text("".join(line for line in path.read_text().splitlines(True)
                            if not line.startswith("recap =")))  # fmt: skip
    assert [a["recap"] for a in ok("actions", "--json").json()] == [None]
    assert ok("read", made.json()["created"][0]["id"], "--json").json()["recap"] is None
