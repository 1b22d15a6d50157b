"""What a person wrote survives every rewrite: comments in hand-edited files, newlines in
text, long pasted lines (issue 7, hole 5)."""

from __future__ import annotations

import tomllib
from pathlib import Path

from tests.helpers import new, ok


def _goals(home: Path) -> Path:
    return home / "relationships" / "ada-lovelace" / "goals.toml"


def _with_goals() -> None:
    new()
    ok("goal", "add", "ada-lovelace", "Write the paper", "--no-input")
    ok("goal", "add", "ada-lovelace", "Learn statistics", "--no-input")


def test_goal_update_keeps_comments_in_untouched_and_touched_entries(home: Path) -> None:
    _with_goals()
    path = _goals(home)
    text = path.read_text()
    text = "# My goals with Ada; edit freely.\n" + text
    text = text.replace('title = "Write the paper"', 'title = "Write the paper"  # the big one')
    text = text.replace('id = "g2"', '# started in March\nid = "g2"')
    path.write_text(text)

    ok("goal", "update", "g1", "--progress", "40", "--note", "outline done")
    ok("goal", "add", "ada-lovelace", "Give a talk", "--no-input")

    after = path.read_text()
    assert after.startswith("# My goals with Ada; edit freely.\n")
    assert 'title = "Write the paper"  # the big one' in after
    assert '# started in March\nid = "g2"' in after
    goals = tomllib.loads(after)["goals"]
    assert [g["progress"] for g in goals] == [40, 0, 0]
    assert goals[0]["history"][-1]["note"] == "outline done"
    assert goals[2]["title"] == "Give a talk"


def test_edit_channel_keeps_comments_in_relationship_toml(home: Path) -> None:
    new()
    path = home / "relationships" / "ada-lovelace" / "relationship.toml"
    text = path.read_text().replace("role =", "# we met at the lab\nrole =")
    path.write_text(text + "# the end of my notes\n")

    ok("edit", "ada-lovelace", "--channel", "Zoom")

    after = path.read_text()
    assert "# we met at the lab\nrole =" in after
    assert "# the end of my notes\n" in after
    assert tomllib.loads(after)["channel"] == "Zoom"


def test_network_want_keeps_comments_inside_the_list(home: Path) -> None:
    ok("network", "want", "writing", "statistics")
    path = home / "network.toml"
    text = path.read_text().replace('"writing",', '"writing",  # for the thesis')
    path.write_text("# what I am looking for\n" + text)

    ok("network", "want", "public speaking")

    after = path.read_text()
    assert after.startswith("# what I am looking for\n")
    assert '"writing",  # for the thesis' in after
    assert tomllib.loads(after)["wants"] == ["writing", "statistics", "public speaking"]


def test_recap_takeaways_and_decisions_keep_their_newlines(home: Path) -> None:
    new("Ada Lovelace", "--started", "2026-03-01")
    saved = ok(
        "recap", "ada-lovelace", "--date", "2026-03-10", "--no-input", "--json",
        "--takeaway", "first line\nsecond line", "--decision", "a\n  - indented\nb",
    ).json()  # fmt: skip
    recap = saved["recap"]
    assert recap["takeaways"] == ["first line\nsecond line"]
    assert recap["decisions"] == ["a\n  - indented\nb"]
    text = (home / "relationships" / "ada-lovelace" / "recaps" / "2026-03-10.md").read_text()
    assert tomllib.loads(text.split("+++")[1])["takeaways"] == ["first line\nsecond line"]


def test_reflect_answers_are_kept_exactly(home: Path) -> None:
    answer = "  indented first line\nsecond line\n\n"
    saved = ok(
        "reflect", "--set", "listening", "--answer", answer, "--answer", "\nlead", "--json"
    ).json()
    assert saved["entries"][0]["answer"] == answer
    assert saved["entries"][1]["answer"] == "\nlead"
