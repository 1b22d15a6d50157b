"""`mentorlog search` and `reindex`: the words people wrote, found through a disposable
index that the files always win over (core/index.py, docs/design/search.md)."""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from mentorlog.core import index
from tests.helpers import cli, fails, new, ok
from tests.store_fixtures import CORRUPTIONS, KINDS, Kind, at, expect_fine, snapshot

WORDS = {
    "recap": "kestrel",
    "reflection": "lighthouse",
    "goal": "marathon",
    "commitment": "portfolio",
    "agreement": "confidential",
    "checkin": "patience",
    "relationship": "jitsi",  # a rapport answer
}


def _build(home: Path, tmp_path: Path) -> None:
    """Two relationships, and a word of its own in every kind of entry."""
    script = tmp_path / "editor.py"
    script.write_text(
        textwrap.dedent(
            """
            import sys, pathlib
            p = pathlib.Path(sys.argv[1])
            p.write_text(p.read_text() + "\\nWhat we say stays confidential.\\n")
            """
        )
    )
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("MENTORLOG_HOME", str(home))
        patch.setenv("EDITOR", f"{sys.executable} {script}")
        new("Zoë Ada", "--slug", "zoe", "--started", "2026-01-01")
        new("Grace Hopper", "--slug", "grace", "--role", "mentor", "--started", "2026-01-01")
        ok("goal", "add", "zoe", "Run a marathon", "--no-input")
        ok("recap", "zoe", "--date", "2026-03-01", "--summary",
           "We talked about mentoring and the kestrel study. Zoë wants to publish two papers.",
           "--action", "update the portfolio @me", "--no-input")  # fmt: skip
        ok("recap", "grace", "--date", "2026-03-10", "--summary",
           "Grace told the story of the first bug; a tormentor of a moth.",
           "--no-input")  # fmt: skip
        ok("reflect", "zoe", "--set", "gratitude", "--answer", "the lighthouse walk", "--no-input")
        ok("checkin", "zoe", "--rate", "listening=4", "--note", "listening=more patience",
           "--no-input")  # fmt: skip
        ok("agreement", "zoe", "--edit")
        ok("rapport", "zoe", "--meetings", "Thursdays on Jitsi", "--no-input")


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    where = tmp_path_factory.mktemp("search")
    _build(where / "home", where)
    return where / "home"


@pytest.fixture
def journal(built: Path, home: Path) -> Path:
    """This test's own copy of the journal, as its home (its own index, too)."""
    shutil.copytree(built, home, symlinks=True)
    return home


def found(*args: str) -> list[dict[str, Any]]:
    hits: list[dict[str, Any]] = ok("search", *args, "--json", "--no-input").json()
    return hits


def ids_of(*args: str) -> set[str]:
    return {hit["id"] for hit in found(*args, "--limit", "1000")}


def db_path(home: Path) -> Path:
    return index.location(home)


def recap_file(home: Path, slug: str, day: str) -> Path:
    return at(home, "relationships", slug, "recaps", f"{day}.md")


# -- finding ------------------------------------------------------------------------------
def test_finds_a_partner_by_name_and_says_how_to_see_them(journal: Path) -> None:
    """A new user's report: `search nunez` (the partner's name) found nothing."""
    [hit] = [h for h in found("hopper") if h["kind"] == "relationship"]
    assert hit["short"] == "grace" and hit["slug"] == "grace"
    assert "mentorlog show SLUG" in ok("search", "hopper").stdout


@pytest.mark.parametrize("kind", sorted(WORDS))
def test_finds_a_word_typed_in_every_kind_of_entry(journal: Path, kind: str) -> None:
    hits = {hit["kind"]: hit for hit in found(WORDS[kind])}
    assert kind in hits  # (the agreement is made from the goals too: it has "marathon")
    assert f"**{WORDS[kind]}**" in hits[kind]["snippet"].lower()


def test_json_lists_the_fields_a_script_needs(journal: Path) -> None:
    (hit,) = found("kestrel")
    assert set(hit) == {"id", "short", "kind", "slug", "date", "snippet", "path"}
    assert hit["kind"] == "recap" and hit["slug"] == "zoe" and hit["date"] == "2026-03-01"
    assert Path(hit["path"]) == recap_file(journal, "zoe", "2026-03-01")
    assert hit["id"] == Path(hit["path"]).stem
    assert hit["id"].split("-")[-1].startswith(hit["short"])
    assert "**kestrel**" in hit["snippet"]


def test_the_terminal_view_shows_the_short_id_to_read(journal: Path) -> None:
    (hit,) = found("kestrel")
    run = ok("search", "kestrel", "--no-input")
    assert hit["short"] in run.stdout and "kestrel" in run.stdout
    assert "mentorlog read" in run.stdout


def test_accents_and_capitals_are_folded(journal: Path) -> None:
    assert ids_of("zoe") == ids_of("ZOË") == ids_of("Zoë")
    assert "recap" in {hit["kind"] for hit in found("zoe")}


def test_a_prefix_finds_words_that_start_with_it(journal: Path) -> None:
    assert {hit["slug"] for hit in found("mentor*")} == {"zoe"}  # not "tormentor"
    assert [hit["kind"] for hit in found("kestr*")] == ["recap"]
    assert found("kestr") == []


def test_a_phrase_finds_the_words_in_that_order(journal: Path) -> None:
    assert {hit["slug"] for hit in found('"two papers"')} == {"zoe"}
    assert found('"papers two"') == []


def test_several_words_must_all_be_there(journal: Path) -> None:
    assert {hit["slug"] for hit in found("kestrel zoe")} == {"zoe"}
    assert found("kestrel moth") == []


@pytest.mark.parametrize(
    "query", ['"unbalanced', "AND", "OR NOT", "NEAR(kestrel", "kestrel:", "^kestrel", "a'b", "x*y"]
)
def test_any_text_is_a_literal_search(journal: Path, query: str) -> None:
    run = ok("search", "--no-input", "--", query)
    assert "Traceback" not in run.stderr + run.stdout


def test_the_fts5_words_are_found_as_words(journal: Path) -> None:
    assert ids_of("AND") == ids_of("and") != set()
    assert ids_of("NEAR(kestrel") == ids_of("near kestrel")


def test_a_query_without_words_is_a_clear_error(journal: Path) -> None:
    assert "no words" in fails("search", "*", "--no-input", code=2).stderr
    assert "no words" in fails("search", '"', "--no-input", code=2).stderr


def test_nothing_found_says_so_and_is_not_an_error(journal: Path) -> None:
    assert "Nothing found" in ok("search", "xylophone", "--no-input").stdout
    assert found("xylophone") == []


def test_limit_says_how_many_more(journal: Path) -> None:
    run = ok("search", "the", "--limit", "1", "--no-input")
    assert "more: show them with --limit" in run.stdout
    assert len(found("the", "--limit", "1")) == 1


# -- filters ------------------------------------------------------------------------------
def test_kind_rel_and_since_filter(journal: Path) -> None:
    assert {hit["kind"] for hit in found("the", "--kind", "recap")} == {"recap"}
    assert {hit["slug"] for hit in found("the", "--rel", "grace")} == {"grace"}
    assert {hit["date"] for hit in found("the", "--since", "2026-03-05")} >= {"2026-03-10"}
    assert all(hit["date"] >= "2026-03-05" for hit in found("the", "--since", "2026-03-05"))
    assert found("kestrel", "--kind", "goal") == []


def test_rel_of_nobody_is_an_error(journal: Path) -> None:
    assert "no relationship 'nobody'" in fails("search", "the", "--rel", "nobody").stderr


def test_a_renamed_relationship_is_found_by_old_and_new_slug(journal: Path) -> None:
    assert found("lighthouse")[0]["slug"] == "zoe"
    ok("edit", "zoe", "--slug", "zoe-ada", "--no-input")
    assert {hit["slug"] for hit in found("kestrel")} == {"zoe-ada"}
    assert found("lighthouse")[0]["slug"] == "zoe-ada"  # the reflection still says "zoe"
    assert ids_of("the", "--rel", "zoe") == ids_of("the", "--rel", "zoe-ada")


# -- the files are the truth --------------------------------------------------------------
def test_a_hand_edit_shows_up_in_the_next_search(journal: Path) -> None:
    assert found("kestrel")
    path = recap_file(journal, "zoe", "2026-03-01")
    path.write_text(path.read_text().replace("kestrel", "falcon"))
    assert found("kestrel") == []
    assert [hit["kind"] for hit in found("falcon")] == ["recap"]


def test_an_edit_that_keeps_size_and_time_is_seen_by_its_inode(journal: Path) -> None:
    """An editor that writes a new file and renames it over the old one, within the
    file system's clock tick and to the same length: only the inode tells."""
    assert found("kestrel")
    path = recap_file(journal, "zoe", "2026-03-01")
    before = path.stat()
    fresh = path.with_name("fresh.tmp")
    fresh.write_text(path.read_text().replace("kestrel", "pelican"))
    os.utime(fresh, ns=(before.st_atime_ns, before.st_mtime_ns))
    os.replace(fresh, path)
    assert (path.stat().st_size, path.stat().st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    assert found("kestrel") == [] and found("pelican")


def test_a_deleted_file_leaves_the_results(journal: Path) -> None:
    assert found("kestrel")
    recap_file(journal, "zoe", "2026-03-01").unlink()
    assert found("kestrel") == []


def test_deleting_the_cache_loses_nothing(journal: Path) -> None:
    before = {kind: ids_of(word) for kind, word in WORDS.items()}
    shutil.rmtree(db_path(journal).parent.parent.parent)
    assert {kind: ids_of(word) for kind, word in WORDS.items()} == before
    assert db_path(journal).is_file()


def test_a_broken_file_is_named_and_the_rest_is_searched(journal: Path) -> None:
    path = recap_file(journal, "grace", "2026-03-10")
    path.write_text(path.read_text().replace("date = ", "date = = ", 1))
    run = cli("search", "kestrel", "--json", "--no-input")
    assert run.exit_code == 0 and [hit["kind"] for hit in run.json()] == ["recap"]
    (line,) = [line for line in run.stderr.splitlines() if "broken" in line]
    assert f"{path}:" in line and "Traceback" not in run.stderr
    again = cli("search", "kestrel", "--no-input")  # the index remembers it: named again
    assert f"{path}:" in again.stderr
    path.write_text(path.read_text().replace("date = = ", "date = ", 1))
    assert cli("search", "moth", "--no-input").stderr == ""


def test_a_control_character_in_the_text_is_shown_not_obeyed(journal: Path) -> None:
    path = recap_file(journal, "zoe", "2026-03-01")
    path.write_text(path.read_text().replace("kestrel", "kestrel \x1b]52;c;aGk=\x07 owl"))
    run = ok("search", "kestrel", "--no-input")
    assert "\x1b" not in run.stdout and "\x07" not in run.stdout
    assert "\x1b" not in ok("search", "kestrel", "--json", "--no-input").stdout


# -- a cache that cannot be used -----------------------------------------------------------
def _one_line_note(stderr: str) -> None:
    notes = [line for line in stderr.splitlines() if "searched the files directly" in line]
    assert len(notes) == 1, stderr


def test_a_file_where_the_cache_folder_should_be(journal: Path) -> None:
    before = ids_of("the")
    folder = db_path(journal).parent
    shutil.rmtree(folder)
    folder.write_text("not a folder")
    run = cli("search", "the", "--json", "--limit", "1000", "--no-input")
    assert run.exit_code == 0 and {hit["id"] for hit in run.json()} == before
    _one_line_note(run.stderr)
    assert folder.read_text() == "not a folder"


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes to a read-only folder")
def test_a_read_only_cache_folder(journal: Path) -> None:
    found("kestrel")
    folder = db_path(journal).parent
    path = recap_file(journal, "zoe", "2026-03-01")
    path.write_text(path.read_text().replace("kestrel", "falcon"))
    os.chmod(db_path(journal), 0o400)
    os.chmod(folder, 0o500)
    try:
        run = cli("search", "falcon", "--json", "--no-input")
        assert [hit["kind"] for hit in run.json()] == ["recap"]
        _one_line_note(run.stderr)
    finally:
        os.chmod(folder, 0o700)
        os.chmod(db_path(journal), 0o600)


def test_a_read_only_database_file_opened_read_only(
    journal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What root cannot be refused by modes: SQLite itself told the file is read-only."""
    found("kestrel")
    path = recap_file(journal, "zoe", "2026-03-01")
    path.write_text(path.read_text().replace("kestrel", "falcon"))
    real = sqlite3.connect

    def read_only(target: Any, *args: Any, **kwargs: Any) -> sqlite3.Connection:
        db: sqlite3.Connection = real(f"file:{target}?mode=ro", *args, uri=True, **kwargs)
        return db

    monkeypatch.setattr(sqlite3, "connect", read_only)
    run = cli("search", "falcon", "--json", "--no-input")
    assert [hit["kind"] for hit in run.json()] == ["recap"]
    _one_line_note(run.stderr)
    assert "readonly" in run.stderr


def test_a_locked_index_is_waited_for_then_read_around(journal: Path) -> None:
    found("kestrel")
    holder = sqlite3.connect(db_path(journal), isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        run = cli("search", "kestrel", "--json", "--no-input")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert [hit["kind"] for hit in run.json()] == ["recap"]
    _one_line_note(run.stderr)


def test_a_damaged_index_is_built_again(journal: Path) -> None:
    before = ids_of("the")
    db_path(journal).write_bytes(b"this is not a database" * 100)
    run = cli("search", "the", "--json", "--limit", "1000", "--no-input")
    assert {hit["id"] for hit in run.json()} == before and run.stderr == ""
    with sqlite3.connect(db_path(journal)) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == index.SCHEMA


def test_an_index_of_another_version_is_built_again(journal: Path) -> None:
    before = ids_of("the")
    with sqlite3.connect(db_path(journal)) as db:
        db.execute("PRAGMA user_version = 99")
    assert ids_of("the") == before
    with sqlite3.connect(db_path(journal)) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == index.SCHEMA


# -- without FTS5: a scan gives the same answers -----------------------------------------
QUERIES = [
    "the",
    "zoe",
    "ZOË papers",
    "mentor*",
    "tor*",
    '"two papers"',
    '"the first"',
    "kestrel",
    "marathon",
    "portfolio",
    "confidential",
    "patience",
    "lighthouse walk",
    "AND",
    '"unbalanced',
    "moth bug",
    "pap*",
    '"first b"*',
    "xylophone",
]
FILTERS = [["--kind", "recap"], ["--rel", "zoe"], ["--since", "2026-03-05"]]
# Each query alone, and the first few with each filter: the same documents either way.
ASKED = [[q] for q in QUERIES] + [[q, *f] for q in QUERIES[:4] for f in FILTERS]


def test_the_scan_and_the_index_find_the_same(
    journal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with_index = [ids_of(*asked) for asked in ASKED]
    assert sum(1 for found_ids in with_index if found_ids) > len(ASKED) // 2
    monkeypatch.setattr(index, "fts5_available", lambda: False)
    for asked, expected in zip(ASKED, with_index, strict=True):
        run = cli("search", *asked, "--json", "--limit", "1000", "--no-input")
        assert {hit["id"] for hit in run.json()} == expected, asked
        assert "FTS5" in run.stderr


def test_without_fts5_the_note_is_one_line(journal: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(index, "fts5_available", lambda: False)
    run = cli("search", "kestrel", "--no-input")
    assert run.exit_code == 0 and "kestrel" in run.stdout
    _one_line_note(run.stderr)


def test_the_fts5_probe_answers() -> None:
    assert index.fts5_available() in (True, False)


# -- privacy and reindex ------------------------------------------------------------------
def test_the_index_is_private(journal: Path) -> None:
    found("kestrel")
    path = db_path(journal)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert not str(path).startswith(str(journal))  # never inside the home, never synced


def test_reindex_builds_it_again(journal: Path) -> None:
    before = ids_of("the")
    result = ok("reindex", "--json", "--no-input").json()
    assert result["documents"] >= len(WORDS) and result["path"] == str(db_path(journal))
    assert "Indexed" in ok("reindex", "--no-input").stdout
    assert ids_of("the") == before


def test_reindex_without_a_cache_is_a_clear_error(journal: Path) -> None:
    folder = db_path(journal).parent
    folder.parent.mkdir(parents=True, exist_ok=True)
    if folder.exists():
        shutil.rmtree(folder)
    folder.write_text("in the way")
    assert "search still works" in fails("reindex", "--no-input").stderr


def test_an_empty_home_finds_nothing(home: Path) -> None:
    assert found("anything") == []


def test_a_first_index_of_many_files_is_read_in_worker_processes(
    journal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Years of notes are read once by one process per core; they find the same."""
    from mentorlog.core import documents

    alone = ids_of("the")
    shutil.rmtree(db_path(journal).parent)
    used: list[int] = []
    real = documents._in_processes

    def counted(*args: Any) -> Iterator[documents.Parsed]:
        used.append(1)
        return real(*args)

    monkeypatch.setattr(documents, "PARALLEL_FROM", 1)
    monkeypatch.setattr(documents, "_in_processes", counted)
    monkeypatch.setattr(index, "ANNOUNCE_FROM", 1)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    run = cli("search", "the", "--json", "--limit", "1000", "--no-input")
    assert {hit["id"] for hit in run.json()} == alone and used == [1]
    assert "into the search index" in run.stderr
    assert cli("search", "the", "--no-input").stderr == ""  # nothing to read: nothing said


# -- every way a file can go bad (tests/store_fixtures.py), for the kinds search reads -----
SEARCHED = {kind.name: kind for kind in KINDS if kind.name in WORDS}
ENTITIES = {"goal": ("goals", "title = "), "commitment": ("commitments", "text = ")}


def _kind(home: Path, name: str) -> Kind:
    """A kind of file search reads, as tests/store_fixtures.py describes them (a goal's and
    a commitment's own file found in the healthy store's one relationship folder)."""
    if name in SEARCHED:
        return SEARCHED[name]
    folder, required = ENTITIES[name]
    (only,) = (at(home, "relationships", "ada") / folder).glob("*.toml")
    return Kind(name, str(only.relative_to(home)), required, ())


@pytest.mark.parametrize("corruption", sorted(CORRUPTIONS))
@pytest.mark.parametrize("name", sorted({*SEARCHED, *ENTITIES}))
def test_a_bad_file_is_named_and_the_rest_still_found(
    healthy: Path, tmp_path: Path, name: str, corruption: str
) -> None:
    kind = _kind(healthy, name)
    path = at(healthy, kind.path)
    CORRUPTIONS[corruption](kind, path, tmp_path / "outside")
    before = snapshot(path)
    for _ in range(2):  # building the index, then from it
        run = cli("search", "hello", "--json", "--no-input")  # grace's recap: always fine
        said = run.stderr + run.stdout
        assert run.exit_code == 0 and "Traceback" not in said and "internal" not in said, said
        assert [hit["slug"] for hit in run.json()] == ["grace"]
        if expect_fine(kind, corruption):
            assert run.stderr == ""
        else:
            (line,) = run.stderr.strip().splitlines()
            assert line.startswith("warning: skipped ") and str(path) in line
    assert snapshot(path) == before


@pytest.mark.parametrize("kind", ["recap", "reflection", "checkin", "goal", "commitment"])
def test_the_short_id_shown_reads_the_entry_back(journal: Path, kind: str) -> None:
    (hit,) = [hit for hit in found(WORDS[kind]) if hit["kind"] == kind]
    assert len(hit["short"]) < len(hit["id"])
    read = ok("read", hit["short"], "--json", "--no-input").json()
    assert read["id"] == hit["id"] and read["kind"] == kind and read["path"] == hit["path"]
    assert WORDS[kind].lower() in ok("read", hit["short"]).stdout.lower()  # the text itself


def test_at_80_columns_a_long_slug_never_pushes_out_the_date_or_the_snippet(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    slug = "maximilian-alexander-featherstonehaugh-cholmondeley"
    ok("new-relationship", "Max", "--slug", slug, "--role", "mentee", "--no-input")
    ok("recap", slug, "--summary", "patience, again", "--no-input")
    monkeypatch.setenv("COLUMNS", "80")
    out = ok("search", "patience").stdout
    short = ok("search", "patience", "--json").json()[0]["short"]
    assert short in out and "2026-03-15" in out and "patience, again" in out, out


def test_a_snippet_keeps_separate_answers_apart(home: Path) -> None:
    """A new user's report: the purpose and the first rapport answer ran together in
    a snippet ("...researcher Twenty years..."), as if one sentence."""
    ok("new-relationship", "Ada", "--role", "mentee", "--purpose", "Grow as a researcher",
       "--background", "Twenty years in engines", "--no-input")  # fmt: skip
    (hit,) = ok("search", "researcher", "--json").json()
    assert "**researcher** · Twenty years" in hit["snippet"]
