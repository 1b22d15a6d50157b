"""`.taplo.toml` describes how mentorlog writes TOML, so `taplo fmt` leaves its files alone.

taplo itself runs only where it is installed (`pip install taplo` ships the binary); the
settings are checked against our writer everywhere.
"""

from __future__ import annotations

import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest

from mentorlog.core.files import dump_toml
from tests.helpers import new, ok

ROOT = Path(__file__).resolve().parents[1]
TAPLO = ROOT / ".taplo.toml"


def test_the_taplo_settings_are_the_layout_our_writer_uses() -> None:
    settings = tomllib.loads(TAPLO.read_text())["formatting"]
    written = dump_toml({"wants": ["a", "b"], "history": [{"date": "x", "note": "y"}]})
    assert settings["indent_string"] == "    " and '\n    "a",\n' in written
    assert settings["array_trailing_comma"] and '"b",\n]' in written
    assert '    { date = "x", note = "y" },\n' in written  # inline, padded: not compact
    assert not settings["compact_inline_tables"] and settings["compact_arrays"]
    for kept_as_written in ("array_auto_collapse", "array_auto_expand", "inline_table_expand"):
        assert settings[kept_as_written] is False, kept_as_written
    assert not settings["align_entries"] and not settings["reorder_keys"]


@pytest.mark.skipif(shutil.which("taplo") is None, reason="taplo is not installed")
def test_taplo_fmt_leaves_every_file_mentorlog_writes_as_it_is(healthy: Path) -> None:
    new("Zoë Ångström", "--purpose", "two lines\nof purpose", "--area", "writing")
    ok("config", "set", "name", "Sam")
    ok("config", "set", "git.autocommit", "true")
    files = [str(p) for p in healthy.rglob("*.toml") if ".mentorlog" not in p.parts]
    assert len(files) > 8
    run = subprocess.run(
        ["taplo", "fmt", "--check", "--config", str(TAPLO), *files],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr


def test_doctor_knows_a_taplo_file_copied_into_the_home(home: Path) -> None:
    new("Ada")
    (home / ".taplo.toml").write_text(TAPLO.read_text())
    (home / ".taplo.toml").chmod(0o600)
    assert "All clear" in ok("doctor", "--no-input").stdout
