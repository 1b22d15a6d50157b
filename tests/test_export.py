"""`mentorlog export` and `import`: the JSON round trip, all or nothing, errors."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from mentorlog.core.context import Context
from mentorlog.core.export import gather
from mentorlog.core.store import Store
from tests.helpers import TODAY, cli, fails, ok
from tests.pty import finish, spawn


def _add_config(home: Path) -> None:
    (home / "config.toml").write_text("[git]\nautocommit = true\n")


def _files(home: Path) -> list[tuple[str, bytes]]:
    """Every file of the home but mentorlog's own state, with its bytes."""
    found = [p for p in home.rglob("*") if p.is_file() and ".mentorlog" not in p.parts]
    return sorted((str(p.relative_to(home)), p.read_bytes()) for p in found)


def _export(home: Path, *extra: str) -> str:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("MENTORLOG_HOME", str(home))
        return ok("export", "--format", "json", *extra).stdout


def _into(home: Path, *args: str) -> str:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("MENTORLOG_HOME", str(home))
        return ok(*args).stdout


def _enrich(home: Path) -> None:
    """More than the healthy store has: a rename, a close, a pause, an achieved goal, a
    merge's leftovers and Hugo's keys in a recap."""
    _add_config(home)
    goal = ok("goal", "add", "grace", "Give a talk", "--no-input", "--json").json()["goal"]
    ok("goal", "update", goal["id"], "--progress", "60", "--note", "halfway", "--no-input")
    ok("goal", "done", goal["id"], "--no-input")
    ok("edit", "grace", "--slug", "grace-h", "--no-input")
    ok("close", "grace-h", "--achieved", "A talk", "--thanks", "Thank you", "--no-input")
    ok("new-relationship", "Linus", "--role", "peer", "--cadence", "monthly", "--no-input")
    ok("pause", "linus", "--until", "2026-06-01", "--reason", "exams", "--no-input")
    store = Store(home)
    path = store.relationship_file("ada")
    kept = '\n[[kept_both]]\nfield = "purpose"\nother = "Another purpose"\n'
    path.write_text(path.read_text() + kept)
    recap = store.recap_paths("ada")[0]
    hugo = 'tags = ["cv"]\ndraft = true\n'
    recap.write_text(recap.read_text().replace("+++\n", "+++\n" + hugo, 1))


def test_export_then_import_into_an_empty_home_gives_the_same_store(
    healthy: Path, tmp_path: Path
) -> None:
    _enrich(healthy)
    first = _export(healthy)
    data = json.loads(first)
    assert (data["format"], data["version"]) == ("mentorlog-export", 1)
    kinds = data["relationships"][0]
    assert kinds["goals"] and kinds["commitments"] and kinds["recaps"] and kinds["checkins"]
    assert kinds["agreement"] and data["reflections"] and data["journey"] and data["config"]
    assert [s["name"] for s in data["prompt_sets"]] == ["mine"]
    assert data["network"]["wants"] == ["Python"]
    assert "kept_both" in kinds["relationship"] and "tags" in kinds["recaps"][0]
    grace = data["relationships"][1]["relationship"]
    assert grace["aliases"] == ["grace"] and grace["closing"]["thanks"] == "Thank you"
    (tmp_path / "all.json").write_text(first)
    other = tmp_path / "other"
    _into(other, "import", str(tmp_path / "all.json"))
    assert _export(other) == first
    context = Context(home=other, today=Context(home=healthy, today=data["exported"]).today)
    assert gather(context, None) == gather(Context(home=healthy, today=context.today), None)
    # doctor finds in the copy what it finds in the original (drafts are not exported)
    original = [kind for kind in _findings(healthy) if kind != "draft"]
    assert _findings(other) == original == ["kept_both"]


def _findings(home: Path) -> list[str]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("MENTORLOG_HOME", str(home))
        report = cli("doctor", "--json").json()
    return [finding["kind"] for finding in report["findings"]]


def test_importing_the_same_file_again_writes_nothing(healthy: Path, tmp_path: Path) -> None:
    (tmp_path / "all.json").write_text(_export(healthy))
    result = ok("import", str(tmp_path / "all.json"), "--json").json()
    assert result["written"] == [] and result["unchanged"] > 10


def test_dry_run_says_what_it_would_write_and_writes_nothing(healthy: Path, tmp_path: Path) -> None:
    (tmp_path / "all.json").write_text(_export(healthy))
    other = tmp_path / "other"
    said = _into(other, "import", str(tmp_path / "all.json"), "--dry-run")
    assert said.startswith(
        "Would write 2 relationships, 1 agreement, 1 goal, 1 commitment, 2 recaps, "
        "1 check-in, 1 reflection, 1 milestone, 1 prompt set, 1 network file."
    )
    assert not other.exists()


def test_a_different_entry_stops_the_import_and_nothing_is_written(
    healthy: Path, tmp_path: Path
) -> None:
    data = json.loads(_export(healthy))
    data["relationships"][1]["recaps"][0]["body"] = "Not what we said"
    data["relationships"].append({**data["relationships"][0]})
    data["relationships"][-1]["relationship"] = {
        **data["relationships"][0]["relationship"],
        "slug": "newcomer",
    }
    (tmp_path / "changed.json").write_text(json.dumps(data))
    before = _files(healthy)
    run = fails("import", str(tmp_path / "changed.json"))
    assert "a recap" in run.stderr and "in 'grace'" in run.stderr and "different" in run.stderr
    assert _files(healthy) == before
    assert "newcomer" not in ok("list", "--json").stdout


def test_one_relationship_exports_alone(healthy: Path) -> None:
    data = json.loads(ok("export", "ada", "--format", "json").stdout)
    assert [r["relationship"]["slug"] for r in data["relationships"]] == ["ada"]
    assert data["network"] is None and data["journey"] == [] and data["config"] is None


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("{not json", "is not JSON (Expecting property name enclosed in double quotes)"),
        ("\n", "is empty"),  # a new user's report: "1:1: is not JSON (Expecting value)"
        ('{"format": "other"}', 'has no "format": "mentorlog-export"'),
        (
            '{"format": "mentorlog-export", "version": 1, "exported": "2026-01-01",\n'
            ' "relationships": [{"relationship": {"partner": "A", "role": "boss",'
            ' "started": "2026-01-01"}}]}',
            "relationships[0].relationship.role: should be mentor, mentee or peer, not 'boss'",
        ),
        (
            '{"format": "mentorlog-export", "version": 9, "exported": "2026-01-01"}',
            "is export version 9; this mentorlog reads version 1",
        ),
    ],
)
def test_a_malformed_import_file_is_one_line_with_what_and_where(
    tmp_path: Path, text: str, said: str
) -> None:
    path = tmp_path / "bad.json"
    path.write_text(text)
    run = fails("import", str(path))
    assert said in run.stderr and str(path) in run.stderr


def test_a_recap_id_that_is_not_a_file_name_is_refused(healthy: Path, tmp_path: Path) -> None:
    data = json.loads(_export(healthy))
    data["relationships"][0]["recaps"][0]["id"] = "../../escape"
    (tmp_path / "bad.json").write_text(json.dumps(data))
    other = tmp_path / "other"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("MENTORLOG_HOME", str(other))
        run = fails("import", str(tmp_path / "bad.json"), code=2)
    assert "'../../escape' is not a recap's id" in run.stderr
    assert not (tmp_path / "escape.md").exists()


def test_an_unknown_slug_and_an_unwritable_output_are_one_line(
    healthy: Path, tmp_path: Path
) -> None:
    assert "no relationship 'nobody'" in fails("export", "nobody").stderr
    assert "does not exist" in fails("export", "-o", str(tmp_path / "no" / "x.md"), code=2).stderr
    assert "is a folder" in fails("export", "-o", str(tmp_path), code=2).stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write into a read-only folder")
def test_a_read_only_output_folder_is_one_line(healthy: Path, tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    run = fails("export", "-o", str(locked / "x.md"))
    assert "Permission denied" in run.stderr and str(locked / "x.md") in run.stderr


def test_missing_import_file_is_named(tmp_path: Path) -> None:
    assert str(tmp_path / "gone.json") in fails("import", str(tmp_path / "gone.json")).stderr


def test_today_is_the_export_day(healthy: Path) -> None:
    assert json.loads(ok("export", "--format", "json").stdout)["exported"] == TODAY


def test_a_broken_file_stops_the_export_and_is_named(healthy: Path) -> None:
    recap = Store(healthy).recap_paths("ada")[0]
    recap.write_text(recap.read_text().replace("+++\n", '+++\nweight = "heavy"\n', 1))
    run = fails("export", "--format", "json")
    assert f"{recap}:2" in run.stderr and "weight" in run.stderr


def test_an_entry_twice_in_the_file_is_refused(healthy: Path, tmp_path: Path) -> None:
    data = json.loads(_export(healthy))
    goals = data["relationships"][0]["goals"]
    goals.append({**goals[0], "title": "Another"})
    (tmp_path / "twice.json").write_text(json.dumps(data))
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("MENTORLOG_HOME", str(tmp_path / "other"))
        run = fails("import", str(tmp_path / "twice.json"), code=2)
    assert f"the file has a goal {goals[0]['id']} in 'ada' twice" in run.stderr
    assert not (tmp_path / "other" / "relationships").exists()


def test_a_new_relationship_whose_old_slug_is_taken_here_is_refused(
    healthy: Path, tmp_path: Path
) -> None:
    data = json.loads(_export(healthy))
    data["relationships"][0]["relationship"]["slug"] = "ada-new"
    data["relationships"][0]["relationship"]["aliases"] = ["grace"]
    (tmp_path / "alias.json").write_text(json.dumps(data))
    run = fails("import", str(tmp_path / "alias.json"))
    assert "a relationship that is, or was, called 'grace'" in run.stderr


def test_dash_is_standard_output_and_input(
    healthy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`-o -` and `import -` are the shell's pipe ends, not files named '-'."""
    monkeypatch.chdir(tmp_path)
    exported = ok("export", "--format", "json", "-o", "-").stdout
    assert json.loads(exported)["format"] == "mentorlog-export"
    assert not (tmp_path / "-").exists()
    elsewhere = tmp_path / "elsewhere"
    monkeypatch.setenv("MENTORLOG_HOME", str(elsewhere))
    said = ok("import", "-", "--json", input=exported).json()
    assert said["file"] == "-" and said["written"]
    assert _export(elsewhere) == exported
    assert "(standard input)" in fails("import", "-", input="{not json").stderr


def test_a_missing_import_file_is_not_found(tmp_path: Path) -> None:
    run = fails("import", str(tmp_path / "gone.json"), "--json")
    assert run.envelope()["error"]["code"] == "not_found"
    assert "mentorlog export --format json" in run.stderr


@pytest.mark.parametrize(("where", "kind"), [("relationship", "a relationship"),
                                              ("agreement", "an agreement")])  # fmt: skip
def test_an_entry_from_a_newer_mentorlog_is_refused_and_nothing_written(
    healthy: Path, tmp_path: Path, where: str, kind: str
) -> None:
    """The attack on the store: an export whose relationship said schema_version 5 was
    imported, and the home it made could not be read."""
    data = json.loads(_export(healthy))
    data["relationships"][0][where]["schema_version"] = 5
    (tmp_path / "newer.json").write_text(json.dumps(data))
    other = tmp_path / "other"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("MENTORLOG_HOME", str(other))
        run = fails("import", str(tmp_path / "newer.json"), "--json")
    assert run.envelope()["error"]["code"] == "newer_schema"
    assert kind in run.stderr and "schema_version 5" in run.stderr
    assert not other.exists() or _files(other) == []


def test_a_markdown_file_shows_control_characters_as_the_screen_does(
    healthy: Path, tmp_path: Path
) -> None:
    """The attack on the store: `export -o FILE` wrote a recap's raw escape sequences
    (clipboard write, clear screen) into the document one sends a partner."""
    hostile = "x\x1b]52;c;cHduZWQ=\x07\x1b[2J"
    ok("recap", "ada", "--summary", hostile, "--no-input")
    ok("export", "ada", "-o", str(tmp_path / "ada.md"))
    written = (tmp_path / "ada.md").read_text()
    assert "\x1b" not in written and "\x07" not in written
    assert written == ok("export", "ada").stdout
    ok("export", "--format", "site", "-o", str(tmp_path / "site"))  # and the site's pages
    pages = "".join(p.read_text() for p in (tmp_path / "site").rglob("*.md"))
    assert "x" in pages and "\x1b" not in pages and "\x07" not in pages


def test_an_export_piped_in_with_a_byte_order_mark_reads(healthy: Path, tmp_path: Path) -> None:
    exported = _export(healthy)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("MENTORLOG_HOME", str(tmp_path / "other"))
        assert ok("import", "-", "--dry-run", "--json", input="\ufeff" + exported).json()


@pytest.mark.parametrize("version", [True, 1.0, "1"])
def test_an_import_with_a_schema_version_that_is_no_whole_number_is_refused(
    healthy: Path, tmp_path: Path, version: object
) -> None:
    """The review: `true`, `1.0` or `"1"` were taken by pydantic's lax mode and written."""
    data = json.loads(_export(healthy))
    data["relationships"][0]["relationship"]["schema_version"] = version
    (tmp_path / "odd.json").write_text(json.dumps(data))
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("MENTORLOG_HOME", str(tmp_path / "other"))
        run = fails("import", str(tmp_path / "odd.json"))
    assert "relationships[0].relationship.schema_version: should be a whole number" in run.stderr
    assert not (tmp_path / "other").exists()


def test_import_dash_at_a_terminal_says_what_it_needs_instead_of_waiting(home: Path) -> None:
    """The review: `import -` typed at a terminal waited for input, even with --no-input."""
    child = spawn(home, "import", "-", "--no-input")
    child.expect_exact("reads an export piped in")
    assert finish(child) == 2
    run = fails("export", "--format", "json", "-o", "-", "--json", code=2)
    assert "prints the export itself" in run.stderr


@pytest.mark.parametrize(
    "command", [["export"], ["export", "--format", "json"], ["agreement", "ada"]]
)
def test_output_to_a_pipe_or_a_link_writes_into_it_never_over_it(
    healthy: Path, tmp_path: Path, command: list[str]
) -> None:
    """Found by a helper: `export -o /dev/null` (as root) put a plain file in place of
    the device, breaking /dev/null for the whole machine; a link given to -o was replaced
    by a file. A device, a pipe or a link is written into; only a plain file is replaced."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    read: list[str] = []  # a daemon thread: one stuck on a pipe nobody writes is let go
    reader = threading.Thread(target=lambda: read.append(fifo.read_text()), daemon=True)
    reader.start()
    ok(*command, "-o", str(fifo))
    reader.join(timeout=30)
    assert read and read[0].startswith("{" if "json" in command else "# ")
    assert stat.S_ISFIFO(fifo.lstat().st_mode)

    target = tmp_path / "notes" / "mentoring.md"
    target.parent.mkdir()
    target.write_text("old")
    link = tmp_path / "link.md"
    link.symlink_to(target)
    ok(*command, "-o", str(link))
    assert link.is_symlink() and target.read_text() != "old"


def test_a_home_with_its_own_settings_imports_and_keeps_them(healthy: Path, tmp_path: Path) -> None:
    """A new user's report: `export | ssh laptop mentorlog import -` was refused whenever
    the other machine had settings of its own ("already has a config file with different
    content"). Settings belong to the machine: this home's are kept, and said so."""
    _add_config(healthy)
    exported = tmp_path / "all.json"
    ok("export", "--format", "json", "-o", str(exported))
    other = tmp_path / "other"
    ok("--home", str(other), "config", "set", "pager", "cat", "--no-input")
    mine = (other / "config.toml").read_text()
    result = ok("--home", str(other), "import", str(exported), "--json").json()
    assert result["kept"] == [{"kind": "config", "slug": None, "id": None}]
    assert (other / "config.toml").read_text() == mine
    assert "Kept this home's settings" in ok("--home", str(other), "import", str(exported)).stdout


def test_output_to_standard_output_by_name_goes_down_the_pipe_or_onto_the_end(
    healthy: Path, tmp_path: Path
) -> None:
    """A review's finding: `-o /dev/stdout | cat` failed (the pipe's /proc name was taken
    for a file), and `-o /dev/stdout >> log` replaced the log; a link loop was an
    internal error."""
    mentorlog = [sys.executable, "-m", "mentorlog", "--home", str(healthy), "export", "ada"]
    piped = subprocess.run([*mentorlog, "-o", "/dev/stdout"], capture_output=True, text=True,
                           check=False, timeout=120)  # fmt: skip
    assert piped.returncode == 0 and piped.stdout.startswith("# "), piped.stderr
    log = tmp_path / "log.txt"
    log.write_text("previous line\n")
    with log.open("a") as out:
        subprocess.run([*mentorlog, "-o", "/dev/stdout"], stdout=out, check=True, timeout=120)
    assert log.read_text().startswith("previous line\n# ")
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    run = fails("export", "ada", "-o", str(loop), code=2)
    assert "cannot write to" in run.stderr and "internal error" not in run.stderr


def test_output_to_a_link_to_a_file_not_made_yet_makes_that_file(
    healthy: Path, tmp_path: Path
) -> None:
    """A new user's report: a link to a missing file was replaced by a plain file."""
    link = tmp_path / "link.json"
    link.symlink_to(tmp_path / "j2.json")
    ok("export", "--format", "json", "-o", str(link))
    assert link.is_symlink() and (tmp_path / "j2.json").read_text().startswith("{")
