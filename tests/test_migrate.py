"""`mentorlog migrate`: the v1 fixture (tests/fixtures/v1/) becomes a v2 home with every
fact kept; a second migrate is a no-op; a failed one leaves v1 exactly as it was; every
other command on a v1 home says to migrate (docs/design/store-v2.md, section 4)."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from mentorlog.core.migrations import NAMES
from mentorlog.core.store import Store
from tests.fixtures.make_v1 import EXPECTED, TODAY
from tests.helpers import Made, cli, fails, ok
from tests.test_v1_fixture import copy_fixture, now_output, recorded_output, same_facts

CASES = sorted(EXPECTED.glob("*.json"))
HINT = "run `mentorlog migrate`: it keeps a backup, and --dry-run shows what changes"


@pytest.fixture
def v1(home: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("MENTORLOG_TODAY", TODAY)
    return copy_fixture(home)


def files_of(home: Path, leave_out: tuple[str, ...] = ()) -> dict[str, tuple[bytes, int]]:
    """Every file of the home: its bytes and mode (what "left as it was" means)."""
    return {
        str(p.relative_to(home)): (p.read_bytes(), p.stat().st_mode)
        for p in sorted(home.rglob("*"))
        if p.is_file() and not any(part in leave_out for part in p.relative_to(home).parts)
    }


@pytest.mark.parametrize("case", CASES, ids=[p.stem for p in CASES])
def test_every_read_command_keeps_its_facts(v1: Path, case: Path) -> None:
    """The --json recorded with the v1 code, before any format change, against v2's."""
    ok("migrate", "--no-input")
    recorded = json.loads(case.read_text(encoding="utf-8"))
    assert same_facts(now_output(v1, recorded["args"]), recorded_output(recorded))


def test_migrate_writes_the_slugs_keeps_the_text_and_backs_up(v1: Path) -> None:
    before = files_of(v1)
    result = ok("migrate", "--json", "--no-input").json()
    assert result["done"] and result["migrations"] == list(NAMES)
    marker = tomllib.loads((v1 / "mentorlog.toml").read_text())
    assert marker == {"schema_version": 2, "migrations": list(NAMES)}
    assert not (v1 / "ids.toml").exists()
    # every v1 lock file goes; the home's own lock is held while migrating (.lock until
    # the one home lock moves to .mentorlog/lock)
    assert [p.relative_to(v1) for p in v1.rglob(".lock")] in ([], [Path(".lock")])
    for folder in ("ada-lovelace", "grace-hopper", "linus-pauling", "sam"):  # never renamed
        name = f"relationships/{folder}/relationship.toml"
        old, new = before[name][0].decode(), (v1 / name).read_text()
        added = [line for line in new.splitlines() if line not in old.splitlines()]
        assert (
            added == [f'slug = "{folder}"'] and len(new.splitlines()) == len(old.splitlines()) + 1
        )
    backup = v1 / result["backup"]
    assert backup.parent == v1 / ".mentorlog" and backup.name.startswith("backup-v1-")
    for change in result["changes"]:
        if change["how"] == "added":  # a goal, commitment or milestone in its own file
            assert change["path"] not in before and (v1 / change["path"]).is_file()
            assert not (backup / change["path"]).exists()
        else:
            assert (backup / change["path"]).read_bytes() == before[change["path"]][0]
    untouched = {k: v for k, v in before.items() if k not in {c["path"] for c in result["changes"]}}
    assert untouched == {k: v for k, v in files_of(v1).items() if k in untouched}
    [lost] = cli("doctor", "--json", "--no-input").json()["findings"]  # see test_v1_fixture
    assert lost["kind"] == "dangling_reference" and "sam-okafor" in lost["message"]


def test_a_second_migrate_is_a_no_op(v1: Path) -> None:
    ok("migrate", "--no-input")
    before = files_of(v1)
    assert "already at schema 2; nothing to do" in ok("migrate", "--no-input").stdout
    assert ok("migrate", "--json", "--no-input").json()["done"] is False
    assert files_of(v1) == before


def test_dry_run_changes_no_byte_and_says_what_would(v1: Path) -> None:
    before = files_of(v1)
    run = ok("migrate", "--dry-run", "--no-input")
    assert "Would change: ids.toml (removed" in run.stdout
    assert (
        "relationships/sam/relationship.toml" in run.stdout and "Nothing was changed" in run.stdout
    )
    assert ok("migrate", "--dry-run", "--json").json()["dry_run"] is True
    assert files_of(v1) == before and not (v1 / ".mentorlog").exists()
    fails("list")  # still v1


def test_a_broken_file_is_refused_and_v1_stays_as_it_was(v1: Path) -> None:
    goals = v1 / "relationships/ada-lovelace/goals.toml"
    goals.write_text(goals.read_text().replace("title = ", "title = = ", 1))
    before = files_of(v1)
    run = fails("migrate", "--no-input")
    assert f"{goals}:" in run.stderr and "line " in run.stderr and "nothing changed" in run.stderr
    assert files_of(v1) == before
    assert {p.name for p in v1.iterdir()} == {name.split("/")[0] for name in before}


def test_a_failure_part_way_puts_every_file_back(v1: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The disk fills on the third relationship: the two written already go back."""
    before = files_of(v1)
    saved: list[str] = []
    real = Store.save

    def save_until_full(store: Store, *args: object, **kwargs: object) -> None:
        if len(saved) == 2:
            raise OSError(28, "No space left on device")
        real(store, *args, **kwargs)  # type: ignore[arg-type]
        saved.append("one")

    monkeypatch.setattr(Store, "save", save_until_full)
    assert "No space left" in fails("migrate", "--no-input").stderr
    assert files_of(v1, leave_out=(".mentorlog", ".lock")) == before
    assert not (v1 / "mentorlog.toml").exists()
    monkeypatch.setattr(Store, "save", real)
    ok("migrate", "--no-input")  # and a retry goes through
    assert ok("show", "sam", "--json").json()["slug"] == "sam"


@pytest.mark.parametrize(
    "command",
    [
        ("list",),
        ("show", "ada-lovelace"),
        ("journal", "--json"),
        ("recap", "ada-lovelace", "--summary", "met", "--no-input"),
        ("network", "want", "Rust"),
        ("new-relationship", "Alan Turing", "--role", "peer", "--no-input"),
        ("goal", "list"),
    ],
)
def test_every_other_command_on_v1_says_to_migrate(v1: Path, command: tuple[str, ...]) -> None:
    before = files_of(v1)
    run = fails(*command)
    assert run.stderr.strip() == f"error: this journal uses the old format (v1) ({HINT})"
    assert files_of(v1) == before


def test_help_version_doctor_and_home_run_on_v1(v1: Path) -> None:
    before = files_of(v1)
    for command in (("--help",), ("--version",), ("list", "--help"), ("goal", "add", "-h")):
        assert ok(*command).stdout
    assert ok("home").stdout.strip() == str(v1)
    [finding] = cli("doctor", "--json", "--no-input").json()["findings"]
    assert finding["kind"] == "old_format" and "mentorlog migrate" in finding["fix"]
    assert files_of(v1) == before


def test_a_new_home_is_v2_from_its_first_write(home: Path) -> None:
    assert ok("list", "--json").json() == [] and not home.exists()  # reading writes nothing
    ok("network", "want", "Rust")
    marker = tomllib.loads((home / "mentorlog.toml").read_text())
    assert marker == {"schema_version": 2, "migrations": list(NAMES)}
    assert "nothing to do" in ok("migrate").stdout


def test_a_newer_home_is_refused(home: Path) -> None:
    ok("network", "want", "Rust")
    (home / "mentorlog.toml").write_text("schema_version = 3\nmigrations = []\n")
    assert "newer than this mentorlog understands (2)" in fails("network").stderr
    [finding] = cli("doctor", "--json", "--no-input").json()["findings"]
    assert finding["kind"] == "newer_schema" and finding["path"].endswith("mentorlog.toml")


def test_doctor_knows_the_v2_files(home: Path) -> None:
    ok("network", "want", "Rust")
    (home / "config.toml").write_text("[git]\nautocommit = false\n")
    (home / ".gitignore").write_text(".mentorlog/\n")
    (home / ".gitattributes").write_text("*.toml merge=mentorlog\n")
    (home / ".mentorlog").mkdir(mode=0o700, exist_ok=True)
    (home / ".mentorlog" / "lock").write_text("")
    for path in home.rglob("*"):
        path.chmod(0o700 if path.is_dir() else 0o600)
    assert cli("doctor", "--json", "--no-input").json()["findings"] == []
    (home / "mentorlog.toml").write_text("schema_version = 2\nmigrations = 3\n")
    [finding] = cli("doctor", "--json", "--no-input").json()["findings"]
    assert finding["kind"] == "broken" and "line 2" in finding["message"]


# -- m003: one file per goal, commitment and milestone ---------------------------------------
def test_each_goal_commitment_and_milestone_gets_its_own_file_comments_and_all(v1: Path) -> None:
    goals = (v1 / "relationships/ada-lovelace/goals.toml").read_text()
    assert "# Goals we set in September." in goals
    ok("migrate", "--no-input")
    folder = v1 / "relationships/ada-lovelace"
    assert not (folder / "goals.toml").exists() and not (folder / "actions.toml").exists()
    assert sorted(p.name for p in (folder / "goals").iterdir()) == ["g1.toml", "g2.toml"]
    first = (folder / "goals/g1.toml").read_text()
    assert first.startswith('# Goals we set in September.\nschema_version = 1\nid = "g1"\n')
    assert sorted(p.name for p in (v1 / "journey").iterdir()) == ["m1.toml", "m3.toml"]
    assert not (v1 / "journey.toml").exists()
    listed = [g["id"] for g in ok("goal", "list", "--all", "--json").json()]
    assert listed == ["g1", "g2", "g4"]  # v1's order: by the day made, then the number


def test_a_pre_split_delete_still_restores_into_the_new_files(v1: Path) -> None:
    ok("migrate", "--no-input")
    assert "Restored: g3 Learn Rust" in ok("restore", "g3").stdout
    assert (v1 / "relationships/ada-lovelace/goals/g3.toml").is_file()
    assert "Restored: m2" in ok("restore", "m2").stdout
    assert "PhD" in (v1 / "journey/m2.toml").read_text()
    ok("restore", "temp-person")  # a deleted relationship's shared files were split too
    assert not list((v1 / "relationships/temp-person").glob("*.toml.*"))
    findings = cli("doctor", "--json", "--no-input").json()["findings"]
    assert [f["kind"] for f in findings] == ["dangling_reference"]  # sam-okafor, as before


def test_a_home_from_before_the_split_asks_for_migrate(home: Path) -> None:
    ok("goal", "add", "--help")
    ok("new-relationship", "Ada Lovelace", "--role", "mentee", "--no-input")
    ok("goal", "add", "ada-lovelace", "Ship it", "--no-input")
    marker = home / "mentorlog.toml"
    before_split = '["m001_relationship_slugs", "m002_drop_counters"]'
    marker.write_text(f"schema_version = 2\nmigrations = {before_split}\n")
    [goal] = (p for p in home.rglob("goals/*.toml"))
    shared = goal.parent.parent / "goals.toml"
    body = "".join(
        line
        for line in goal.read_text().splitlines(keepends=True)
        if not line.startswith(("schema_version", "added"))
    )
    shared.write_text("schema_version = 1\n# mine\n[[goals]]\n" + body)
    goal.unlink()
    goal.parent.rmdir()
    run = fails("goal", "list")
    assert "old format (goals and commitments in shared files)" in run.stderr
    assert "mentorlog migrate" in run.stderr
    ok("migrate", "--no-input")
    assert [g["title"] for g in ok("goal", "list", "--json").json()] == ["Ship it"]
    assert goal.read_text().startswith("# mine\nschema_version = 1\n")


def _stray_goals(home: Path, title: str, goal_id: str = "g9") -> Path:
    """A `goals.toml` as a machine that had not migrated would sync it in."""
    folder = next((home / "relationships").iterdir())
    stray = folder / "goals.toml"
    stray.write_text(
        f'schema_version = 1\n\n[[goals]]\nid = "{goal_id}"\ntitle = "{title}"\n'
        "created = 2026-03-01\n"
    )
    return stray


def test_a_shared_file_synced_in_after_the_split_is_split_again(home: Path) -> None:
    ok("new-relationship", "Ada Lovelace", "--role", "mentee", "--no-input")
    ok("goal", "add", "ada-lovelace", "Ship it", "--no-input")
    stray = _stray_goals(home, "From the old laptop")
    run = fails("goal", "list")  # its goal would be invisible: no command reads the file
    assert "old format (goals and commitments in shared files)" in run.stderr
    ok("migrate", "--no-input")
    titles = {g["title"] for g in ok("goal", "list", "--json").json()}
    assert titles == {"Ship it", "From the old laptop"} and not stray.exists()
    marker = tomllib.loads((home / "mentorlog.toml").read_text())
    assert marker["migrations"] == list(NAMES)  # recorded once


def test_a_shared_file_holding_another_version_of_a_goal_stops_the_split(
    made: Made, home: Path
) -> None:
    ok("new-relationship", "Ada Lovelace", "--role", "mentee", "--no-input")
    ok("goal", "add", "ada-lovelace", "Ship it", "--no-input")
    _stray_goals(home, "Ship it, the laptop's words", made.g(1))
    before = files_of(home)
    run = fails("migrate", "--no-input")
    assert f"both hold {made.g(1)}, differently" in run.stderr and "goals.toml" in run.stderr
    assert files_of(home) == before
