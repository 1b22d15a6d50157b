from __future__ import annotations

import stat
import tomllib
from pathlib import Path

import pytest

from tests.helpers import TODAY, cli, fails, new, ok
from tests.store_fixtures import at


def test_acceptance_example_round_trips_through_list_and_show(home: Path) -> None:
    created = ok(
        "new-relationship",
        "Ada Lovelace",
        "--role",
        "mentee",
        "--purpose",
        "grow as a researcher",
        "--cadence",
        "biweekly",
        "--area",
        "research",
        "--no-input",
        "--json",
    ).json()
    assert created["slug"] == "ada-lovelace"
    assert created["role"] == "mentee"
    assert created["cadence"] == "biweekly"
    assert created["areas"] == ["research"]
    assert created["started"] == TODAY
    assert created["phase"] == "rapport"

    listed = ok("list", "--json").json()
    assert [row["slug"] for row in listed] == ["ada-lovelace"]
    shown = ok("show", "ada-lovelace", "--json").json()
    assert shown == created

    files = list(home.rglob("*.toml"))
    assert files, "the relationship was written"
    for path in files:  # each data file is at 1; the home as a whole (mentorlog.toml) at 2
        want = 2 if path.name == "mentorlog.toml" else 1
        assert tomllib.loads(path.read_text())["schema_version"] == want


def test_every_option_is_stored(home: Path) -> None:
    created = ok(
        "new-relationship",
        "Grace Hopper",
        "--role",
        "mentor",
        "--purpose",
        "p",
        "--context",
        "Lab mentoring program",
        "--started",
        "2026-01-05",
        "--cadence",
        "every 3 weeks",
        "--channel",
        "video",
        "--area",
        "compilers",
        "--area",
        "leadership",
        "--slug",
        "grace",
        "--background",
        "30 years in CS",
        "--common-ground",
        "sailing",
        "--hopes",
        "learn to teach",
        "--offers",
        "time",
        "--meetings",
        "Tuesdays",
        "--confidentiality",
        "all of it",
        "--norms",
        "be candid",
        "--no-input",
        "--json",
    ).json()
    assert created["slug"] == "grace"
    assert created["context"] == "Lab mentoring program"
    assert created["started"] == "2026-01-05"
    assert created["cadence"] == "every 3 weeks"
    assert created["channel"] == "video"
    assert created["areas"] == ["compilers", "leadership"]
    assert created["rapport"] == {
        "background": "30 years in CS",
        "common_ground": "sailing",
        "hopes": "learn to teach",
        "offers": "time",
        "meetings": "Tuesdays",
        "confidentiality": "all of it",
        "norms": "be candid",
    }
    text = (at(home, "relationships", "grace", "relationship.toml")).read_text()
    assert tomllib.loads(text)["started"].isoformat() == "2026-01-05"


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("weekly", "weekly"),
        ("Biweekly", "biweekly"),
        ("fortnightly", "biweekly"),
        ("monthly", "monthly"),
        ("every 10 days", "every 10 days"),
        ("every 1 week", "weekly"),
    ],
)
def test_cadence_forms(typed: str, stored: str) -> None:
    assert new("Ada", "--cadence", typed)["cadence"] == stored


def test_slug_folds_unicode() -> None:
    assert new("Zoë Ångström-Núñez")["slug"] == "zoe-angstrom-nunez"


def test_human_output_shows_summary_and_next_step() -> None:
    run = ok("new-relationship", "Ada Lovelace", "--role", "mentee", "--no-input")
    assert "Ada Lovelace" in run.stdout
    assert "mentorlog rapport ada-lovelace" in run.stdout


def test_missing_values_name_their_flags_without_a_tty() -> None:
    run = fails("new-relationship", "--role", "mentee", code=2)
    assert "PARTNER" in run.stderr
    run = fails("new-relationship", "Ada", code=2)
    assert "--role" in run.stderr
    run = fails("new-relationship", "Ada", "--no-input", code=2)
    assert "--role" in run.stderr


def test_duplicate_pairing_is_refused(home: Path) -> None:
    new("Ada Lovelace", "--purpose", "first")
    run = fails("new-relationship", "Ada Lovelace", "--role", "peer", "--no-input")
    assert "already exists" in run.stderr and "--slug" in run.stderr
    assert ok("show", "ada-lovelace", "--json").json()["purpose"] == "first"


def test_unknown_role_is_a_usage_error() -> None:
    run = fails("new-relationship", "Ada", "--role", "boss", "--no-input", code=2)
    assert "--role" in run.stderr and "boss" in run.stderr


@pytest.mark.parametrize("bad", ["2026-13-45", "2026-02-30", "next week", "26-1-1"])
def test_impossible_dates_are_refused(bad: str, home: Path) -> None:
    run = fails(
        "new-relationship", "Ada", "--role", "mentee", "--started", bad, "--no-input", code=2
    )
    assert bad in run.stderr and "YYYY-MM-DD" in run.stderr
    assert not (at(home, "relationships", "ada")).exists()


def test_relative_dates_use_the_injected_today() -> None:
    assert new("Ada", "--started", "yesterday")["started"] == "2026-03-14"


def test_bad_cadence_is_refused() -> None:
    run = fails(
        "new-relationship",
        "Ada",
        "--role",
        "mentee",
        "--cadence",
        "sometimes",
        "--no-input",
        code=2,
    )
    assert "cadence" in run.stderr


@pytest.mark.parametrize("name", ["../../x", "../../etc", "/etc/passwd", ".."])
def test_partner_names_never_reach_outside_the_home(name: str, home: Path, tmp_path: Path) -> None:
    before = set(tmp_path.parent.iterdir())
    run = cli("new-relationship", name, "--role", "mentee", "--no-input", "--json")
    if run.exit_code == 0:
        slug = run.json()["slug"]
        assert (at(home, "relationships", slug, "relationship.toml")).is_file()
        assert "/" not in slug and "." not in slug
    else:
        assert run.exit_code == 2 and "--slug" in run.stderr
    assert set(tmp_path.parent.iterdir()) == before
    for path in tmp_path.rglob("*"):
        assert path == home or home in path.parents


@pytest.mark.parametrize("slug", ["../x", "Ada", "a/b", "a..b", "-a"])
def test_bad_explicit_slugs_are_refused(slug: str) -> None:
    run = fails("new-relationship", "Ada", "--role", "mentee", "--slug", slug, "--no-input", code=2)
    assert "slug" in run.stderr


def test_home_and_files_are_private_whatever_the_umask(home: Path) -> None:
    import os

    old = os.umask(0o000)
    try:
        new("Ada Lovelace")
    finally:
        os.umask(old)
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    for path in home.rglob("*"):
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode == (0o700 if path.is_dir() else 0o600), path


def test_home_flag_beats_environment(home: Path, tmp_path: Path) -> None:
    other = tmp_path / "elsewhere"
    ok("--home", str(other), "new-relationship", "Ada", "--role", "peer", "--no-input")
    assert (at(other, "relationships", "ada", "relationship.toml")).is_file()
    assert not home.exists()
    assert ok("--home", str(other), "home").stdout.strip() == str(other)
    assert ok("home").stdout.strip() == str(home)


def test_version() -> None:
    from mentorlog import __version__

    assert ok("--version").stdout.strip() == f"mentorlog {__version__}"
