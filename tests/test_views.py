"""One model, two views: every command's result goes through `cli.output.present`, which
prints it as JSON or hands the same object to a human view; a human view shows what the
result holds and looks nothing up, so `--json` never lacks a fact the text shows."""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import Any

import mentorlog
from tests.helpers import new, ok

CLI = Path(mentorlog.__file__).parent / "cli"


def _functions(tree: ast.AST) -> list[ast.FunctionDef]:
    return [node for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)]


# output.py defines it; app.py is the one boundary that says how a command ended (an error,
# or a write already recorded), which is not a command's result and has no human view.
JSON_WRITERS = ("output.py", "app.py")


def test_only_present_prints_json() -> None:
    """Nothing in cli/ but output.py calls emit_json: each command goes through present."""
    found = [
        f"{path.name}:{number}"
        for path in sorted(CLI.glob("*.py"))
        if path.name not in JSON_WRITERS
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if re.search(r"\bemit_json\b", line)
    ]
    assert found == [], f"use present() from cli/output.py instead: {found}"


def test_human_views_look_nothing_up() -> None:
    """A human view (a function given a Screen) reaches no journal: no `st`, no store, no
    core context; what it shows comes from its result."""
    reaching = []
    for path in sorted(CLI.glob("*.py")):
        for function in _functions(ast.parse(path.read_text())):
            annotations = [ast.unparse(a.annotation) for a in function.args.args if a.annotation]
            if "Screen" not in annotations:
                continue
            for node in ast.walk(function):
                named = isinstance(node, ast.Name) and node.id in ("st", "ctx")
                if named or (isinstance(node, ast.Attribute) and node.attr in ("store", "core")):
                    reaching.append(f"{path.name}:{function.name}:{getattr(node, 'lineno', 0)}")
    assert reaching == [], f"a human view looks things up: {reaching}"


def _rate(slug: str, *more: str) -> list[str]:
    return ["checkin", slug, "--rate", "listening=2", "--rate", "respect=4",
            "--note", "listening=I interrupt", *more]  # fmt: skip


def test_checkin_json_holds_what_its_text_shows() -> None:
    """The text view shows the health the check-in leaves (trend, weakest, suggestion);
    `checkin --json` carries that health too, not only the ratings."""
    new("Ada Lovelace")
    new("Grace Hopper")
    text = ok(*_rate("grace-hopper")).stdout
    data: dict[str, Any] = ok(*_rate("ada-lovelace", "--json")).json()
    assert "Check-in saved (2 qualities rated)." in text
    assert len(data["ratings"]) == 2
    health = data["health"]
    assert health["slug"] == "ada-lovelace" and health["checkins"] == 1
    assert health["weakest"] == "listening"
    assert health["suggestion"] and health["suggestion"] in " ".join(text.split())
    shown = {q["label"]: q for q in health["qualities"] if q["latest"] is not None}
    assert set(shown) == {"listening", "respect"}
    for label, quality in shown.items():
        row = next(line for line in text.splitlines() if line.startswith(label))
        assert str(quality["latest"]) in row and (quality["note"] or "") in row


def test_direction_json_holds_what_its_text_shows() -> None:
    """The text view lists every goal of the relationship (those set before too), with
    short ids; `direction --json` carries the same list."""
    new("Ada Lovelace")
    new("Grace Hopper")
    for slug in ("ada-lovelace", "grace-hopper"):
        ok("goal", "add", slug, "Write a paper", "--no-input")
    given = ["--aspirations", "Lead a team", "--goal", "Give a talk", "--no-input"]
    text = ok("direction", "grace-hopper", *given).stdout
    data: dict[str, Any] = ok("direction", "ada-lovelace", *given, "--json").json()
    assert "Direction set with Grace Hopper." in text
    assert [g["goal"]["title"] for g in data["goals"]] == ["Give a talk"]  # the ones added now
    listed = data["all_goals"]
    assert [g["title"] for g in listed] == ["Write a paper", "Give a talk"]
    for goal in listed:
        assert goal["short"] and goal["progress"] == 0
        assert goal["title"] in text
    assert data["relationship"]["partner"] == "Ada Lovelace"


def test_recap_json_holds_the_short_ids_and_goals_its_text_shows() -> None:
    """The recap's text names commitments done and goals moved by short id, and celebrates
    goals achieved by title; `recap --json` holds those (it used to look them up)."""
    new("Ada Lovelace")
    goal = ok("goal", "add", "ada-lovelace", "Write a paper", "--no-input", "--json").json()
    first = ["recap", "ada-lovelace", "--summary", "first", "--action", "Draft it @me"]
    made = ok(*first, "--no-input", "--json").json()["created"][0]
    moved = ["--done", made["short"], "--progress", f"{goal['goal']['short']}=100"]
    data = ok("recap", "ada-lovelace", "--summary", "second", *moved, "--no-input", "--json")
    result = data.json()
    assert result["short_ids"][made["id"]] == made["short"]
    assert result["short_ids"][goal["goal"]["id"]] == goal["goal"]["short"]
    assert [g["title"] for g in result["achieved_goals"]] == ["Write a paper"]
    read = ok("read", result["recap"]["id"], "--json").json()
    assert read["short_ids"] == result["short_ids"]
    text = ok("read", result["recap"]["id"]).stdout
    assert made["short"] in text and f"{goal['goal']['short']} 100%" in text


def test_close_json_says_what_became_of_open_work() -> None:
    """`close` says what became of the goals still open; `close --json` says it too."""
    for partner in ("Ada Lovelace", "Grace Hopper"):
        slug = new(partner)["slug"]
        ok("goal", "add", slug, "Write a paper", "--no-input")
    text = ok("close", "grace-hopper", "--drop-open", "--no-input").stdout
    data = ok("close", "ada-lovelace", "--drop-open", "--no-input", "--json").json()
    assert "Its 1 open goal were dropped" in text
    assert len(data["left_open"]["goals"]) == 1 and data["left_open"]["actions"] == []
    assert data["open_items"] == "drop" and data["status"] == "closed"
    quiet = new("Ann Quiet")["slug"]
    plain = ok("close", quiet, "--no-input", "--json").json()
    assert plain["left_open"] == {"goals": [], "actions": []} and plain["open_items"] is None
