"""The git merge driver (`mentorlog merge-file`): entry by entry, field by field, never markers."""

from __future__ import annotations

import datetime as dt
import random
import tomllib
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from mentorlog.core.files import dump_toml
from mentorlog.core.mergefile import KEPT_BOTH_LINE, merge_texts
from mentorlog.core.models import ActionsFile, JourneyFile, Relationship
from tests.helpers import cli, ok

BASE_ACTIONS = """\
schema_version = 1

# my commitments
[[actions]]
id = "a1"
text = "Read the paper"  # the one from Tuesday
created = 2026-03-01

[[actions]]
id = "a2"
text = "Draft the outline"
created = 2026-03-01
due = 2026-03-10
"""


def _with(text: str, old: str, new: str) -> str:
    assert old in text
    return text.replace(old, new)


def _append(text: str, ident: str, words: str) -> str:
    return text + f'\n[[actions]]\nid = "{ident}"\ntext = "{words}"\ncreated = 2026-03-02\n'


def _driver(tmp_path: Path, base: str, ours: str, theirs: str, path: str) -> tuple[int, str, str]:
    files = []
    for name, text in (("base", base), ("ours", ours), ("theirs", theirs)):
        files.append(tmp_path / name)
        files[-1].write_text(text)
    run = cli("merge-file", *(str(f) for f in files), path)
    return run.exit_code, files[1].read_text(), run.stderr


def test_additions_on_both_sides_are_all_kept_once(tmp_path: Path) -> None:
    ours = _append(BASE_ACTIONS, "a19", "Ours")
    theirs = _append(BASE_ACTIONS, "a20", "Theirs")
    code, text, _ = _driver(tmp_path, BASE_ACTIONS, ours, theirs, "relationships/ada/actions.toml")
    assert code == 0
    data = ActionsFile.model_validate(tomllib.loads(text))
    assert [a.id for a in data.actions] == ["a1", "a2", "a19", "a20"]
    assert "kept_both" not in text


def test_fields_changed_on_different_sides_both_apply(tmp_path: Path) -> None:
    ours = _with(BASE_ACTIONS, 'text = "Read the paper"', 'text = "Read the whole paper"')
    theirs = _with(BASE_ACTIONS, "due = 2026-03-10", "due = 2026-03-20")
    theirs = _with(theirs, 'id = "a1"', 'id = "a1"\nstatus = "done"\nclosed = 2026-03-05')
    code, text, _ = _driver(tmp_path, BASE_ACTIONS, ours, theirs, "relationships/ada/actions.toml")
    assert code == 0
    a1, a2 = ActionsFile.model_validate(tomllib.loads(text)).actions
    assert (a1.text, a1.status, str(a1.closed)) == ("Read the whole paper", "done", "2026-03-05")
    assert str(a2.due) == "2026-03-20" and not a1.kept_both and not a2.kept_both
    assert "# my commitments" in text and "# the one from Tuesday" in text  # comments kept


def test_a_field_both_changed_differently_keeps_ours_and_records_theirs(tmp_path: Path) -> None:
    ours = _with(BASE_ACTIONS, "due = 2026-03-10", "due = 2026-03-12")
    theirs = _with(BASE_ACTIONS, "due = 2026-03-10", "due = 2026-03-20")
    code, text, err = _driver(
        tmp_path, BASE_ACTIONS, ours, theirs, "relationships/ada/actions.toml"
    )
    assert code == 0 and "kept both" in err
    a2 = ActionsFile.model_validate(tomllib.loads(text)).actions[1]
    assert str(a2.due) == "2026-03-12"
    assert [(k.field, str(k.other), str(k.was)) for k in a2.kept_both] == [
        ("due", "2026-03-20", "2026-03-10")
    ]
    assert "<<<<<<<" not in text


def test_delete_against_unchanged_deletes_and_against_changed_keeps(tmp_path: Path) -> None:
    without_a1 = BASE_ACTIONS.replace(
        '[[actions]]\nid = "a1"\ntext = "Read the paper"  # the one from Tuesday\n'
        "created = 2026-03-01\n\n",
        "",
    )
    changed_a1 = _with(BASE_ACTIONS, '"Read the paper"', '"Read the paper twice"')
    code, text, _ = _driver(tmp_path, BASE_ACTIONS, without_a1, BASE_ACTIONS, "x/actions.toml")
    assert code == 0 and [a["id"] for a in tomllib.loads(text)["actions"]] == ["a2"]
    code, text, _ = _driver(tmp_path, BASE_ACTIONS, without_a1, changed_a1, "x/actions.toml")
    assert next(a["text"] for a in tomllib.loads(text)["actions"]) == "Read the paper twice"


def test_nested_table_field_is_dotted_and_sets_merge(tmp_path: Path) -> None:
    base = {
        "partner": "Ada",
        "role": "mentee",
        "started": "2026-01-01",
        "areas": ["writing", "python"],
        "rapport": {"hopes": "learn"},
        "history": [{"date": "2026-01-01", "event": "started"}],
    }
    ours = {**base, "areas": ["writing", "rust"], "rapport": {"hopes": "learn a lot"}}
    ours["history"] = [*base["history"], {"date": "2026-02-01", "event": "paused"}]
    theirs = {**base, "areas": ["python", "writing", "go"], "rapport": {"hopes": "grow"}}
    theirs["history"] = [*base["history"], {"date": "2026-01-15", "event": "phase"}]
    code, text, _ = _driver(
        tmp_path,
        dump_toml(base),
        dump_toml(ours),
        dump_toml(theirs),
        "relationships/ada/relationship.toml",
    )
    assert code == 0
    data = Relationship.model_validate(tomllib.loads(text))
    assert data.areas == ["writing", "rust", "go"]
    assert data.rapport.hopes == "learn a lot"
    assert [(k.field, k.other, k.was) for k in data.kept_both] == [
        ("rapport.hopes", "grow", "learn")
    ]
    assert [e.event for e in data.history] == ["started", "phase", "paused"]


def test_add_add_with_no_base_and_markdown_bodies(tmp_path: Path) -> None:
    front = '+++\ndate = 2026-03-01\ntakeaways = ["{}"]\n+++\n\n'
    base = front.format("one") + "intro\n\nmiddle\n\nend\n"
    ours = front.format("one") + "intro, mine\n\nmiddle\n\nend\n"
    theirs = front.format("two") + "intro\n\nmiddle\n\nend, theirs\n"
    code, text, _ = _driver(tmp_path, base, ours, theirs, "relationships/ada/recaps/2026-03-01.md")
    assert code == 0
    assert "intro, mine" in text and "end, theirs" in text and 'takeaways = ["two"]' in text
    both = front.format("one") + "intro\n\nmiddle\n\nlast, theirs\n"
    mine = front.format("one") + "intro\n\nmiddle\n\nlast, mine\n"
    code, text, _ = _driver(tmp_path, "", mine, both, "relationships/ada/recaps/2026-03-01.md")
    assert code == 0 and KEPT_BOTH_LINE in text
    assert text.index("last, mine") < text.index("last, theirs") and "<<<<<<<" not in text


def test_a_side_that_does_not_parse_or_is_newer_leaves_ours_untouched(tmp_path: Path) -> None:
    broken = BASE_ACTIONS + "\n[[actions]\n"
    code, text, err = _driver(tmp_path, BASE_ACTIONS, BASE_ACTIONS + "\n", broken, "a/actions.toml")
    assert code == 1 and text == BASE_ACTIONS + "\n" and "not valid TOML" in err
    newer = BASE_ACTIONS.replace("schema_version = 1", "schema_version = 9")
    code, text, err = _driver(tmp_path, BASE_ACTIONS, BASE_ACTIONS + "\n", newer, "a/actions.toml")
    assert code == 1 and text == BASE_ACTIONS + "\n" and "newer mentorlog" in err


def test_merge_file_is_hidden_from_help() -> None:
    assert "merge-file" not in ok("--help").stdout


# -- random edits on both sides ------------------------------------------------------------
def _milestone(rng: random.Random, token: str) -> dict[str, Any]:
    return {
        "id": f"m{token}",
        "date": f"2026-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}",
        "title": token,
    }


def _edit(rng: random.Random, data: dict[str, Any], side: str, log: dict[str, Any]) -> None:
    """A few random edits: add, change a field, delete; `log` notes what to expect."""
    for step in range(rng.randint(0, 6)):
        entries = data["milestones"]
        what = rng.choice(["add", "add", "title", "why", "delete"])
        if what == "add" or not entries:
            token = f"{1 if side == 'o' else 2}{step}{rng.randrange(10**6)}"
            entries.append(_milestone(rng, token))
            log["added"].add(f"m{token}")
        elif what == "delete":
            gone = entries.pop(rng.randrange(len(entries)))
            log["deleted"][side].add(gone["id"])
            log["added"].discard(gone["id"])
        else:
            entry = rng.choice(entries)
            value = f"{side}-{what}-{rng.randrange(3)}"
            entry[what] = value
            log["changed"][side][(entry["id"], what)] = value


@settings(max_examples=150, deadline=None)
@given(st.integers(min_value=0, max_value=2**32))
def test_random_edits_to_both_sides_merge_cleanly(seed: int) -> None:
    rng = random.Random(seed)
    base = {
        "schema_version": 1,
        "milestones": [_milestone(rng, f"9{i}") for i in range(rng.randint(0, 5))],
    }
    log: dict[str, Any] = {
        "added": set(),
        "deleted": {"o": set(), "t": set()},
        "changed": {"o": {}, "t": {}},
    }
    sides = {}
    for side in ("o", "t"):
        copy = tomllib.loads(dump_toml(base))
        _edit(rng, copy, side, log)
        sides[side] = copy
    text = merge_texts(
        dump_toml(base), dump_toml(sides["o"]), dump_toml(sides["t"]), "journey.toml"
    ).text
    assert "<<<<<<<" not in text
    merged = JourneyFile.model_validate(tomllib.loads(text))
    ids = [m.id for m in merged.milestones]
    assert len(ids) == len(set(ids))
    for added in log["added"]:
        assert added in ids
    by_id = {m.id: m for m in merged.milestones}
    changed_o, changed_t = log["changed"]["o"], log["changed"]["t"]
    for (ident, what), value in changed_o.items():
        if ident in by_id and ident not in log["deleted"]["o"]:  # unless deleted here
            other = changed_t.get((ident, what))
            assert getattr(by_id[ident], what) == value
            if other is not None and ident not in log["deleted"]["t"]:
                assert any(k.field == what and k.other == other for k in by_id[ident].kept_both)
    for (ident, what), value in changed_t.items():
        if ident in by_id and (ident, what) not in changed_o and ident not in log["deleted"]["t"]:
            assert getattr(by_id[ident], what) == value
    for side, other in (("o", "t"), ("t", "o")):
        for ident in log["deleted"][side]:
            touched = any(key[0] == ident for key in log["changed"][other])
            assert (ident in ids) == (touched and ident not in log["deleted"][other])


def test_git_runs_it_through_python_dash_m_the_short_way(tmp_path: Path) -> None:
    import subprocess
    import sys

    ours = _with(BASE_ACTIONS, "due = 2026-03-10", "due = 2026-03-12")
    theirs = _with(BASE_ACTIONS, "due = 2026-03-10", "due = 2026-03-20")
    files = []
    for name, text in (("base", BASE_ACTIONS), ("ours", ours), ("theirs", theirs)):
        files.append(tmp_path / name)
        files[-1].write_text(text)
    command = [sys.executable, "-m", "mentorlog", "merge-file", *map(str, files), "a/actions.toml"]
    done = subprocess.run(command, capture_output=True, text=True)
    assert done.returncode == 0 and "1 field(s) kept both values" in done.stderr
    assert "2026-03-20" in files[1].read_text()
    files[2].write_text("not = [toml")
    before = files[1].read_text()
    done = subprocess.run(command, capture_output=True, text=True)
    assert done.returncode == 1 and "not valid TOML" in done.stderr
    assert files[1].read_text() == before
    assert subprocess.run(command[:5], capture_output=True).returncode == 2


def test_two_renames_keep_both_slugs_as_names_of_the_relationship(tmp_path: Path) -> None:
    base = 'schema_version = 1\nslug = "ada"\npartner = "Ada"\n'
    ours = 'schema_version = 1\nslug = "ada-a"\naliases = ["ada"]\npartner = "Ada"\n'
    theirs = 'schema_version = 1\nslug = "ada-b"\naliases = ["ada"]\npartner = "Ada"\n'
    code, text, _ = _driver(tmp_path, base, ours, theirs, "relationships/ada.p1/relationship.toml")
    merged = tomllib.loads(text)
    assert code == 0 and merged["slug"] == "ada-a"
    assert merged["aliases"] == ["ada", "ada-b"]  # the name the other machine chose still works
    assert merged["kept_both"][0]["field"] == "slug"  # and doctor says two names were chosen


def test_an_agreement_one_machine_saved_as_version_2_merges_with_an_older_one(
    tmp_path: Path,
) -> None:
    """agreement.md went to schema_version 2 (title, date): the driver reads it, and a
    side newer than that is still left to the person."""
    path = "relationships/ada/agreement.md"
    old = "+++\nschema_version = 1\nedited = 2026-03-01\n+++\n\nWe meet monthly.\n"
    saved = old.replace("schema_version = 1", 'schema_version = 2\ntitle = "T"\ndate = 2026-03-01')
    edited = old.replace("monthly", "every month")
    code, text, err = _driver(tmp_path, old, edited, saved, path)
    assert code == 0, err
    assert "schema_version = 2" in text and 'title = "T"' in text and "every month" in text
    newer = old.replace("schema_version = 1", "schema_version = 3")
    code, text, err = _driver(tmp_path, old, edited, newer, path)
    assert code == 1 and text == edited and "newer mentorlog" in err


def test_what_mentorlog_sets_in_an_agreement_is_settled_not_kept_twice(tmp_path: Path) -> None:
    """The attack on the store: one machine agreed, the other edited, both upgrading a v1
    agreement: `date` (and `goals_fingerprint`) came back as kept_both, and doctor asked
    the person about values nobody typed. The first date and the last edit win."""
    path = "relationships/ada/agreement.md"
    old = "+++\nschema_version = 1\nedited = 2026-03-01\n+++\n\nWe meet monthly.\n"
    agreed = old.replace(
        "schema_version = 1\nedited = 2026-03-01",
        'schema_version = 2\ntitle = "T"\ndate = 2026-12-01\nedited = 2026-03-01\n'
        'goals_fingerprint = ""\nagreed = 2026-12-01',
    )
    edited = old.replace(
        "schema_version = 1\nedited = 2026-03-01",
        'schema_version = 2\ntitle = "T"\ndate = 2026-12-03\nedited = 2026-12-03\n'
        'goals_fingerprint = "3f1c"',
    ).replace("monthly", "every month")
    code, text, err = _driver(tmp_path, old, agreed, edited, path)
    assert code == 0, err
    front = tomllib.loads(text.split("+++")[1])
    assert "kept_both" not in front, text
    assert front["date"] == dt.date(2026, 12, 1) and front["edited"] == dt.date(2026, 12, 3)
    assert front["goals_fingerprint"] == "3f1c" and front["agreed"] == dt.date(2026, 12, 1)
    assert "every month" in text
    # a value the person set by hand, on both machines differently, is still kept twice
    mine = agreed.replace('title = "T"', 'title = "Ours"')
    theirs = edited.replace('title = "T"', 'title = "Theirs"')
    code, text, _ = _driver(tmp_path, old, mine, theirs, path)
    assert code == 0 and "kept_both" in text and "Theirs" in text
