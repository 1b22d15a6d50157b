"""Ids without a counter: minted at random, shown and typed as the shortest unique prefix.

The properties (hypothesis) pin the rules of core/ids.py; the CLI tests show them where a
person meets them: listings, `done`, ambiguity, v1 ids, and two clones of one home.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mentorlog.core import ids
from mentorlog.core.errors import Ambiguous, NotFound
from tests.helpers import fails, new, ok
from tests.store_fixtures import at, set_entity_id

# Few letters, so that random ids often share long prefixes (the case that matters).
NARROW = st.text(alphabet="7fk", min_size=ids.LENGTH, max_size=ids.LENGTH)
WIDE = st.text(alphabet=ids.ALPHABET, min_size=ids.LENGTH, max_size=ids.LENGTH)
NEW = st.builds(lambda rest: "a" + rest, NARROW | WIDE)
OLD = st.integers(min_value=1, max_value=999).map(lambda n: f"a{n}")
OLD_LOOKING = st.sampled_from(["a7", "a77", "a777"])  # prefixes of the narrow new ids
ID_SETS = st.sets(NEW | OLD | OLD_LOOKING, min_size=1, max_size=60)


def naive_short(an_id: str, others: set[str]) -> str:
    """The rule, written the slow and obvious way."""
    if ids.is_old(an_id):
        return an_id
    for length in range(ids.MIN_SHORT, len(an_id) + 1):
        prefix = an_id[:length]
        if not any(o.startswith(prefix) for o in others if o != an_id):
            return prefix
    return an_id


@settings(max_examples=300, deadline=None)
@given(ID_SETS)
def test_short_forms_are_unique_prefixes_and_resolve_back(known: set[str]) -> None:
    shortener = ids.Shortener(known)
    shorts = {an_id: shortener(an_id) for an_id in known}
    assert len(set(shorts.values())) == len(known)  # no two ids look alike
    for an_id, short in shorts.items():
        assert an_id.startswith(short)
        assert len(short) >= min(ids.MIN_SHORT, len(an_id))
        assert short == naive_short(an_id, known)
        assert ids.resolve(short, known) == an_id
        assert ids.resolve(short.upper(), known) == an_id  # case does not matter
        if not ids.is_old(an_id):  # nothing else starts with it: typing it is never ambiguous
            assert [o for o in known if o.startswith(short)] == [an_id]


@settings(max_examples=200, deadline=None)
@given(ID_SETS, NEW)
def test_short_of_one_id_among_others(known: set[str], an_id: str) -> None:
    assert ids.short(an_id, known) == naive_short(an_id, known | {an_id})


@given(WIDE)
def test_crockford_look_alikes_read_as_digits(rest: str) -> None:
    an_id = "a" + rest
    typed = an_id[0] + an_id[1:].replace("1", "L").replace("0", "o")
    assert ids.normalise(typed) == an_id
    assert ids.resolve(typed, {an_id}) == an_id


def test_old_ids_are_shown_whole_and_push_new_ones_longer() -> None:
    known = {"a12", "a12k2qm4x9f", "a7fk2qm4x9f", "a7fq2qm4x9f", "a80000000000"[:11]}
    shortener = ids.Shortener(known)
    assert shortener("a12") == "a12"
    assert shortener("a12k2qm4x9f") == "a12k"  # `a12` alone names the old one
    assert shortener("a7fk2qm4x9f") == "a7fk"
    assert shortener("a8000000000") == "a80"
    assert ids.resolve("a12", known) == "a12"
    assert ids.resolve("a12k", known) == "a12k2qm4x9f"


def test_resolve_needs_two_characters_after_the_letter() -> None:
    with pytest.raises(Ambiguous, match="too short"):  # even when only one fits
        ids.resolve("a7", {"a7fk2qm4x9f"})
    with pytest.raises(NotFound):
        ids.resolve("a8", {"a7fk2qm4x9f"})


def test_ambiguity_names_up_to_five_candidates_with_their_text() -> None:
    known = {f"a7f{c}2qm4x9f" for c in "0123456"}
    with pytest.raises(Ambiguous) as caught:
        ids.resolve("A7F", known, "commitment", {"a7f02qm4x9f": "send the outline"})
    assert caught.value.exit_code == 2
    assert "commitment 'A7F' is ambiguous" in caught.value.message
    assert (
        caught.value.hint == 'it could be a7f0 "send the outline", a7f1, a7f2, a7f3, a7f4 or 2 more'
    )


def test_minted_ids_are_valid_and_the_seed_repeats_them(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MENTORLOG_ID_SEED", "7")
    ids.reseed()
    first = [ids.mint("a") for _ in range(3)]
    ids.reseed()
    assert [ids.mint("a") for _ in range(3)] == first
    assert all(ids.valid("a", an_id) and len(an_id) == 1 + ids.LENGTH for an_id in first)


def test_the_shortener_is_cheap_at_thirteen_thousand_ids() -> None:
    """Ten years of commitments (issue 8): built and used once per command."""
    import time

    known = {ids.mint("a") for _ in range(13_000)}
    start = time.perf_counter()
    shortener = ids.Shortener(known)
    shorts = [shortener(an_id) for an_id in known]
    elapsed = time.perf_counter() - start
    assert len(set(shorts)) == len(known)
    assert elapsed < 1.0  # measured ~0.05 s; see docs/design/ids.md


# -- through the CLI ----------------------------------------------------------------------
def commitments(home: Path, slug: str = "ada-lovelace") -> Path:
    return at(home, "relationships", slug, "commitments")


def recap_with(*texts: str, slug: str = "ada-lovelace") -> list[dict[str, str]]:
    args = [arg for text in texts for arg in ("--action", text)]
    result = ok("recap", slug, "--summary", "met", *args, "--no-input", "--json").json()
    created: list[dict[str, str]] = result["created"]
    return created


def set_ids(home: Path, renames: dict[str, str], slug: str = "ada-lovelace") -> None:
    """Give commitments chosen ids by hand, as a person (or another machine) might."""
    for old, chosen in renames.items():
        set_entity_id(commitments(home, slug), old, chosen)


def test_new_ids_are_random_and_shown_short(home: Path) -> None:
    new()
    made = recap_with("send CV", "book a room")
    for action in made:
        assert re.fullmatch(r"a[0-9a-hjkmnp-tv-z]{10}", action["id"])
        assert action["short"] == action["id"][:3]
    listing = ok("actions", "--json").json()
    assert {a["id"]: a["short"] for a in listing} == {a["id"]: a["short"] for a in made}
    out = ok("actions").stdout
    assert all(a["short"] in out and a["id"] not in out for a in made)
    assert not (home / "ids.toml").exists()  # no counter


def test_a_shared_prefix_shows_longer_ids_and_typing_works(home: Path) -> None:
    new()
    made = recap_with("send the outline", "book the room")
    set_ids(home, {made[0]["id"]: "a7fk2qm4x9f", made[1]["id"]: "a7fq2qm4x9f"})
    out = ok("actions").stdout
    assert "a7fk " in out and "a7fq " in out
    shown = {a["id"]: a["short"] for a in ok("actions", "--json").json()}
    assert shown == {"a7fk2qm4x9f": "a7fk", "a7fq2qm4x9f": "a7fq"}
    assert "Done: a7fk send the outline" in ok("done", "A7FK").stdout  # any case
    assert ok("done", "ada-lovelace:a7fq", "--json").json()["done"][0]["id"] == "a7fq2qm4x9f"


def test_an_ambiguous_prefix_lists_the_candidates(home: Path) -> None:
    new()
    made = recap_with("send the outline", "book the room")
    set_ids(home, {made[0]["id"]: "a7fk2qm4x9f", made[1]["id"]: "a7fq2qm4x9f"})
    run = fails("done", "a7f", code=2)
    assert run.stderr.strip() == (
        "error: commitment 'a7f' is ambiguous "
        '(it could be a7fk "send the outline", a7fq "book the room")'
    )
    assert ok("actions", "--json").json()[0]["status"] == "open"  # nothing written
    fails("done", "a7x")  # not found: exit 1
    fails("done", "a7u", code=2)  # u is never in an id


def test_old_ids_keep_working(home: Path) -> None:
    new()
    made = recap_with("send CV", "book a room", "write to Sam")
    set_ids(home, {made[0]["id"]: "a12", made[1]["id"]: "a3"})
    set_ids(home, {made[2]["id"]: "a12k2qm4x9f"})  # a new id beginning like an old one
    shown = {a["id"]: a["short"] for a in ok("actions", "--json").json()}
    assert shown == {"a12": "a12", "a3": "a3", "a12k2qm4x9f": "a12k"}
    assert "Done: a12 send CV" in ok("done", "a12").stdout
    assert "Done: a3 book a room" in ok("done", "a3").stdout
    assert "Done: a12k write to Sam" in ok("done", "a12k").stdout


def test_goals_and_milestones_too(home: Path) -> None:
    new()
    goal = ok("goal", "add", "ada-lovelace", "Publish a paper", "--no-input", "--json").json()
    goal_id = goal[0]["goal"]["id"] if isinstance(goal, list) else goal["goal"]["id"]
    assert re.fullmatch(r"g[0-9a-hjkmnp-tv-z]{10}", goal_id)
    listing = ok("goal", "list", "--json").json()
    assert listing[0]["short"] == goal_id[:3]
    assert goal_id[:3] in ok("goal", "list").stdout
    ok("goal", "update", goal_id[:3], "--progress", "40")
    milestone = ok("journey", "add", "First job", "--date", "2015-09-01", "--json").json()
    assert re.fullmatch(r"m[0-9a-hjkmnp-tv-z]{10}", milestone["id"])
    assert milestone["short"] == milestone["id"][:3]
    assert milestone["short"] in ok("journey").stdout  # to type, for a delete
    ok("delete", "milestone", milestone["id"][:3], "--yes")
    assert ok("journey", "--json").json() == []


def seeded(monkeypatch: pytest.MonkeyPatch, seed: str | None) -> None:
    if seed is None:
        monkeypatch.delenv("MENTORLOG_ID_SEED", raising=False)
    else:
        monkeypatch.setenv("MENTORLOG_ID_SEED", seed)
    ids.reseed()


@pytest.mark.parametrize("seeds", [("1", "2"), (None, None)], ids=["seeded", "random"])
def test_two_clones_never_mint_the_same_id(
    home: Path, monkeypatch: pytest.MonkeyPatch, seeds: tuple[str | None, str | None]
) -> None:
    new()
    new("Grace Hopper")
    recap_with("shared before the copy")
    ids_before = {a["id"] for a in ok("actions", "--all", "--json").json()}
    clones = [home.parent / "laptop", home.parent / "desktop"]
    minted: list[set[str]] = []
    for clone, seed in zip(clones, seeds, strict=True):
        shutil.copytree(home, clone)
        monkeypatch.setenv("MENTORLOG_HOME", str(clone))
        seeded(monkeypatch, seed)
        for n in range(5):  # different texts: the same recap twice is one retry, not two
            recap_with(f"one {n}", f"two {n}", slug="grace-hopper")
            ok("goal", "add", "grace-hopper", f"A goal {n}", "--no-input")
        listing = ok("actions", "--all", "--json").json()
        goals = ok("goal", "list", "--all", "--json").json()
        minted.append({a["id"] for a in listing} | {g["id"] for g in goals})
    seeded(monkeypatch, None)
    assert len(minted[0] - ids_before) == len(minted[1] - ids_before) == 15
    assert (minted[0] - ids_before).isdisjoint(minted[1] - ids_before)


def test_the_same_seed_in_a_copy_still_gives_fresh_ids(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A seed restarts its sequence in every process; ids already in the home are skipped."""
    new()
    seeded(monkeypatch, "same")
    first = recap_with("one")[0]["id"]
    seeded(monkeypatch, "same")
    second = recap_with("two")[0]["id"]
    seeded(monkeypatch, None)
    assert first != second


def test_json_of_a_recap_names_full_and_short_ids(home: Path) -> None:
    new()
    created = recap_with("send CV")
    data = json.loads(json.dumps(created))
    assert set(data[0]) >= {"id", "short"}


def test_listings_never_cut_an_id_at_eighty_columns(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    new("Ada Lovelace With A Rather Long Name")
    long_text = "send the outline of the paper with every figure redrawn " * 3 + "due:-3d"
    made = recap_with(long_text, long_text, slug="ada-lovelace-with-a-rather-long-name")
    # two ids alike to their seventh character: each is shown with eight
    set_ids(
        home,
        {made[0]["id"]: "a7fk2qm4x9f", made[1]["id"]: "a7fk2qmzzzz"},
        slug="ada-lovelace-with-a-rather-long-name",
    )
    monkeypatch.setenv("COLUMNS", "80")
    for args in (("actions",), ("due",), ("prep", "ada-lovelace-with-a-rather-long-name")):
        out = ok(*args).stdout
        assert "a7fk2qm4 " in out and "a7fk2qmz " in out, (args, out)


def test_a_scoped_id_takes_a_slash_too(home: Path) -> None:
    new()
    made = recap_with("send CV")
    assert ok("done", f"ada-lovelace/{made[0]['short']}", "--json").json()["done"]
    assert "no commitment" in fails("done", "ada-lovelace/a00").stderr


@pytest.mark.parametrize("bad", ["a7fk2qm4x9", "a7fk2qm4x9fz", "a7fk2qm4x9u", "g7fk2qm4x9f", "a"])
def test_a_hand_edited_id_of_the_wrong_shape_is_named_with_its_line(home: Path, bad: str) -> None:
    new()
    made = recap_with("send CV")
    set_ids(home, {made[0]["id"]: bad})
    run = ok("actions", "ada-lovelace")  # a listing names it and passes it by
    assert f"{commitments(home) / bad}.toml:1:" in run.stderr
    assert "should be an id like a7fk2qm4x9f (or a12)" in run.stderr


def test_a_prefix_too_short_to_be_an_id_says_so_and_lists_what_it_could_be(home: Path) -> None:
    """A new user's report: `done a7` said "no action 'a7'" beside a77 and a7y."""
    new()
    made = recap_with("send the outline", "book the room")
    set_ids(home, {made[0]["id"]: "a7fk2qm4x9f", made[1]["id"]: "a7yq2qm4x9f"})
    run = fails("done", "a7", code=2)
    assert run.stderr.strip() == (
        "error: 'a7' is too short for a commitment's id: give 3 characters or more "
        '(it could be a7f "send the outline", a7y "book the room")'
    )
    assert "no commitment 'a8'" in fails("done", "a8").stderr  # none starts so: not found
