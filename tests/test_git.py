"""`mentorlog init --git`, `init --from`, `git ARGS...` and `sync` (issue 8)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.gitfix import Machines, bare, git
from tests.helpers import Made, cli, fails, new, ok
from tests.store_fixtures import at


def test_init_git_makes_a_repository_with_ignore_attributes_and_the_driver(home: Path) -> None:
    run = ok("init", "--git")
    assert "is now a git repository" in run.stdout and "git remote add origin" in run.stdout
    assert (home / ".git").is_dir()
    ignore = (home / ".gitignore").read_text()
    for line in ("/.mentorlog/", "/drafts/", "/relationships/*/drafts/", ".*.tmp", "**/.lock"):
        assert line in ignore.splitlines()
    attributes = (home / ".gitattributes").read_text().splitlines()
    assert "* text eol=lf" in attributes and "/relationships/** merge=mentorlog" in attributes
    driver = git(home, "config", "--get", "merge.mentorlog.driver").strip()
    assert driver.startswith(sys.executable) or sys.executable in driver
    assert driver.endswith("-m mentorlog merge-file %O %A %B %P")
    assert git(home, "log", "--format=%s").strip() == "Start the journal's history"
    assert git(home, "status", "--porcelain") == ""


def test_the_driver_command_runs(home: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "mentorlog", "--version"], capture_output=True, text=True
    )
    assert done.returncode == 0 and done.stdout.startswith("mentorlog ")


def test_init_git_again_repairs_only(home: Path) -> None:
    ok("init", "--git")
    assert "nothing needed repair" in ok("init", "--git").stdout
    (home / ".gitignore").write_text("my-own-notes.txt\n")
    git(home, "config", "--unset", "merge.mentorlog.driver")
    run = ok("init", "--git")
    assert "repaired: .gitignore, merge driver" in run.stdout
    ignore = (home / ".gitignore").read_text().splitlines()
    assert ignore[0] == "my-own-notes.txt" and "**/.lock" in ignore
    assert len(git(home, "log", "--format=%s").splitlines()) == 2


def test_no_git_is_a_clear_error(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(home.parent / "no-git-here"))
    run = fails("init", "--git")
    assert "git is not installed (or not on PATH)" in run.stderr
    assert "nothing was changed" in run.stderr
    fails("sync")


def test_init_needs_a_choice(home: Path) -> None:
    assert "--git" in fails("init", code=2).stderr


def test_init_from_clones_and_refuses_a_home_with_files(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    remote = bare(tmp_path / "remote.git")
    new("Ada Lovelace")
    ok("init", "--git")
    ok("git", "remote", "add", "origin", str(remote))
    ok("sync")
    other = tmp_path / "other"
    run = Machines(monkeypatch).on(other, "init", "--from", str(remote))
    assert f"Cloned your journal from {remote}: 1 relationship." in run.stdout
    assert git(other, "config", "--get", "merge.mentorlog.driver")
    assert oct(other.stat().st_mode & 0o777) == "0o700"
    assert "Ada Lovelace" in ok("list").stdout
    assert "only into an empty folder" in fails("init", "--from", str(remote)).stderr


def test_git_passes_arguments_and_exit_code_through(home: Path) -> None:
    ok("init", "--git")
    assert cli("git", "log", "--oneline", "-n", "1").exit_code == 0
    assert cli("git", "no-such-command").exit_code == 1
    assert cli("git", "rev-parse", "--verify", "-q", "nothing").exit_code == 1


def test_sync_without_a_remote_commits_and_says_how_to_add_one(home: Path) -> None:
    ok("init", "--git")
    new("Ada Lovelace")
    run = ok("sync")
    assert "Committed 1 change. No remote to sync with" in run.stdout
    assert "mentorlog git remote add origin URL" in run.stdout
    assert git(home, "log", "-n1", "--format=%s").strip() == "sync: 1 change"
    assert ok("sync").stdout.startswith("Nothing new to commit. No remote to sync with")


def test_sync_on_a_journal_without_git_says_how(home: Path) -> None:
    new("Ada Lovelace")
    assert "mentorlog init --git" in fails("sync").stderr


def _two(tmp_path: Path, machines: Machines, home: Path) -> Path:
    remote = bare(tmp_path / "remote.git")
    new("Ada Lovelace")
    ok("init", "--git")
    ok("git", "remote", "add", "origin", str(remote))
    ok("sync")
    other = tmp_path / "laptop"
    machines.on(other, "init", "--from", str(remote))
    return other


@pytest.mark.parametrize("mode", ["--rebase", "--merge"])
def test_sync_reports_what_arrived_and_merges_by_entry(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mode: str
) -> None:
    machines = Machines(monkeypatch)
    laptop = _two(tmp_path, machines, home)
    machines.on(home, "goal", "add", "ada-lovelace", "Write the paper", "--no-input")
    machines.on(home, "sync", mode)
    machines.on(laptop, "edit", "ada-lovelace", "--purpose", "Grow as a writer", "--no-input")
    run = machines.on(laptop, "sync", mode, "--json").json()
    assert run["committed"] == 1 and run["pushed"] is True
    arrived = [(a["kind"], a["what"]) for a in run["arrived"] if a["kind"] != "ids"]  # v1 only
    assert arrived == [("goal", "added")]
    machines.on(home, "sync", mode)
    for place in (home, laptop):
        shown = machines.on(place, "show", "ada-lovelace", "--json").json()
        assert "Grow as a writer" in str(shown) and "Write the paper" in str(shown)
    assert git(home, "rev-parse", "HEAD^{tree}") == git(laptop, "rev-parse", "HEAD^{tree}")


def purpose_changed_on_both(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[Machines, Path]:
    """Two machines; the desk changes the purpose and syncs, then the laptop changes it
    too (not synced yet). Gives the machines and the laptop's home."""
    machines = Machines(monkeypatch)
    laptop = _two(tmp_path, machines, home)
    machines.on(home, "edit", "ada-lovelace", "--purpose", "Desk purpose", "--no-input")
    machines.on(home, "sync")
    machines.on(laptop, "edit", "ada-lovelace", "--purpose", "Laptop purpose", "--no-input")
    return machines, laptop


def test_a_field_changed_on_both_machines_keeps_both(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, laptop = purpose_changed_on_both(home, tmp_path, monkeypatch)
    monkeypatch.setenv("MENTORLOG_HOME", str(laptop))
    run = ok("sync")
    assert "Arrived: 1 relationship file changed." in run.stdout
    assert "two machines changed purpose" in run.stderr
    text = at(laptop, "relationships/ada-lovelace/relationship.toml").read_text()
    assert "kept_both" in text and "Laptop purpose" in text and "<<<<<<<" not in text
    shown = ok("show", "ada-lovelace").stdout
    assert "Kept from two machines" in shown
    assert "two values for purpose: the one shown, or Laptop purpose" in shown
    found = [f for f in cli("doctor", "--json").json()["findings"] if f["kind"] == "kept_both"]
    assert len(found) == 1
    assert "two machines changed purpose differently" in found[0]["message"]
    assert '"Laptop purpose"' in found[0]["message"]


def test_an_unmergeable_file_aborts_the_sync_and_names_it(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    machines = Machines(monkeypatch)
    laptop = _two(tmp_path, machines, home)
    journey = home / "journey.toml"
    journey.write_text("schema_version = 1\n")
    machines.on(home, "sync")
    (laptop / "journey.toml").write_text("schema_version = [\n")  # broken by hand
    machines.on(laptop, "git", "add", "-A")
    monkeypatch.setenv("MENTORLOG_HOME", str(laptop))
    before = git(laptop, "rev-parse", "HEAD")
    run = fails("sync")
    assert "journey.toml could not be merged" in run.stderr
    assert git(laptop, "status", "--porcelain").strip() == ""
    assert git(laptop, "rev-parse", "HEAD~1") == before  # its own change committed, no more
    assert (laptop / "journey.toml").read_text() == "schema_version = [\n"
    assert not (laptop / ".git" / "rebase-merge").exists()


def test_sync_takes_merge_or_rebase_from_config(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    machines = Machines(monkeypatch)
    laptop = _two(tmp_path, machines, home)
    (laptop / "config.toml").write_text('[git]\nsync = "merge"\n')
    machines.on(home, "edit", "ada-lovelace", "--purpose", "Desk", "--no-input")
    machines.on(home, "sync")
    machines.on(laptop, "sync")
    parents = git(laptop, "log", "-n1", "--format=%P").split()
    assert len(parents) == 2  # a merge commit, as config.toml asked


def test_autocommit_commits_every_write_with_a_message(home: Path, made: Made) -> None:
    ok("init", "--git")
    (home / "config.toml").write_text("[git]\nautocommit = true\n")
    new("Ada Lovelace")
    ok("recap", "ada-lovelace", "--summary", "Talked", "--action", "Send CV", "--no-input")
    ok("done", made.short(made.a(1)))
    ok("goal", "add", "ada-lovelace", "Publish a paper", "--no-input")
    ok("edit", "ada-lovelace", "--slug", "ada", "--no-input")
    ok("list")
    subjects = git(home, "log", "--format=%s").splitlines()
    assert subjects[:5] == [
        "edit: ada-lovelace -> ada",
        "goal add: ada-lovelace Publish a paper",
        f"done: {made.short(made.a(1))}",
        "recap: ada-lovelace 2026-03-15",
        "new-relationship: Ada Lovelace",
    ]
    assert git(home, "status", "--porcelain") == ""


def test_autocommit_off_by_default_and_a_failed_commit_only_warns(home: Path) -> None:
    ok("init", "--git")
    new("Ada Lovelace")
    assert len(git(home, "log", "--format=%s").splitlines()) == 1
    (home / "config.toml").write_text("[git]\nautocommit = true\n")
    (home / ".git" / "index.lock").write_text("")  # another git is busy
    run = ok("pause", "ada-lovelace", "--no-input")
    assert "saved; not committed" in run.stderr and "mentorlog sync will commit it" in run.stderr
    assert "paused" in ok("show", "ada-lovelace", "--json").stdout


def test_setting_a_field_settles_the_value_a_merge_kept_beside_it(made: Made, home: Path) -> None:
    new("Ada Lovelace")
    ok("recap", "ada-lovelace", "--action", "Send CV due:2026-03-20", "--no-input")
    path = at(home, "relationships/ada-lovelace/commitments", f"{made.a(1)}.toml")
    kept = (
        '\n[[kept_both]]\nfield = "due"\nother = 2026-03-27\n'
        '\n[[kept_both]]\nfield = "text"\nother = "Send the CV"\n'
    )
    path.write_text(path.read_text() + kept)
    before = [f["message"] for f in cli("doctor", "--json").json()["findings"]]
    assert len([m for m in before if "due" in m]) == 1
    ok("renegotiate", made.short(made.a(1)), "--due", "2026-03-27")
    (action,) = ok("actions", "--json").json()
    assert [k["field"] for k in action["kept_both"]] == ["text"]  # the one still open
    assert action["due"] == "2026-03-27"


def test_a_clone_without_the_driver_is_told_once_and_sync_sets_it_up(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    new("Ada Lovelace")
    ok("init", "--git")
    clone = tmp_path / "plain-clone"
    subprocess.run(["git", "clone", "-q", str(home), str(clone)], check=True)  # not init --from
    machines = Machines(monkeypatch)
    first = machines.on(clone, "list")
    assert "without mentorlog's merge driver" in first.stderr and "mentorlog sync" in first.stderr
    assert "merge driver" not in machines.on(clone, "list").stderr  # said once
    machines.on(clone, "sync")
    assert '[merge "mentorlog"]' in (clone / ".git" / "config").read_text()


def test_a_file_that_arrives_and_does_not_read_here_is_a_warning(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A newer mentorlog on the other machine (or a bad hand edit there): sync says so
    at once, instead of the next command failing on a file nobody here touched."""
    machines = Machines(monkeypatch)
    laptop = _two(tmp_path, machines, home)
    goal = machines.on(home, "goal", "add", "ada-lovelace", "Publish", "--no-input", "--json")
    path = at(home, f"relationships/ada-lovelace/goals/{goal.json()['goal']['id']}.toml")
    path.write_text(path.read_text().replace("schema_version = 1", "schema_version = 9"))
    machines.on(home, "sync")
    monkeypatch.setenv("MENTORLOG_HOME", str(laptop))
    run = ok("sync", "--json")
    [warning] = run.json()["warnings"]
    assert warning.startswith(f"{laptop / path.relative_to(home)}: ")
    assert "schema_version 9 is newer than this mentorlog understands" in warning
    assert "upgrade mentorlog" in warning and warning in run.stderr
    assert ok("sync").stderr == ""  # said when it arrives, not at every sync after


def test_a_pairing_both_machines_started_under_one_slug_is_said_at_the_sync(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The review: two machines each made "Grace Hopper" offline; the sync said nothing,
    and the next listing only skipped both."""
    machines = Machines(monkeypatch)
    laptop = _two(tmp_path, machines, home)
    machines.on(home, "new-relationship", "Grace Hopper", "--role", "mentor", "--no-input")
    machines.on(home, "sync")
    machines.on(laptop, "new-relationship", "Grace Hopper", "--role", "peer", "--no-input")
    monkeypatch.setenv("MENTORLOG_HOME", str(laptop))
    run = ok("sync", "--json")
    [warning] = run.json()["warnings"]
    assert "has the slug 'grace-hopper'" in warning and "--slug NEW" in warning
    assert warning in run.stderr
