"""Shell completion: set up by `--install-completion`, and completing the journal's names.

Driven as a shell drives it: the `_MENTORLOG_COMPLETE` variable and COMP_WORDS/COMP_CWORD
(bash) or _TYPER_COMPLETE_ARGS (zsh, fish), in a fresh process.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from mentorlog.core import quick
from mentorlog.core.cache import RACY_SECONDS, place_of
from tests.helpers import Made, new, ok
from tests.test_startup import PROBE


def complete(line: str, shell: str = "bash", env: dict[str, str] | None = None) -> list[str]:
    """What a Tab at the end of `line` offers (bash: values; zsh, fish: value and help)."""
    words = line.split()
    settings = {"_MENTORLOG_COMPLETE": f"complete_{shell}"}
    if shell == "bash":
        settings |= {"COMP_WORDS": line, "COMP_CWORD": str(len(words) - (not line.endswith(" ")))}
    else:
        settings |= {"_TYPER_COMPLETE_ARGS": line}
    run = subprocess.run(
        [sys.executable, "-m", "mentorlog"],
        capture_output=True,
        text=True,
        env={**os.environ, **settings, **(env or {})},
        timeout=120,
        check=False,
    )
    assert run.returncode == 0 and "Traceback" not in run.stderr, run.stderr
    return run.stdout.strip("\n").split("\n") if run.stdout.strip() else []


@pytest.fixture
def journal(made: Made) -> Made:
    new("Ada Lovelace")
    new("Grace Hopper")
    ok("goal", "add", "ada-lovelace", "Write the paper", "--no-input")
    ok("recap", "ada-lovelace", "--summary", "Notes", "--action", "send draft", "--no-input")
    ok("reflect", "--set", "gratitude", "--answer", "Thanks", "--no-input")
    return made


def test_command_names_come_from_the_table_without_loading_a_command() -> None:
    assert {"recap", "recaps", "reflect", "read"} <= set(complete("mentorlog re"))
    env = {"_MENTORLOG_COMPLETE": "complete_bash", "COMP_WORDS": "mentorlog re", "COMP_CWORD": "1"}
    probe = subprocess.run(
        [sys.executable, "-c", PROBE],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        timeout=120,
        check=False,
    )
    loaded = probe.stderr.partition("modules loaded: ")[2].split()
    assert "mentorlog.cli.app" in loaded, probe.stderr
    commands = {"relationship", "recap", "recaps", "reflect", "read", "actions", "goal"}
    assert not commands & {name.removeprefix("mentorlog.cli.") for name in loaded}


def test_slugs_complete_arguments_and_rel(journal: Made) -> None:
    assert complete("mentorlog show ") == ["ada-lovelace", "grace-hopper"]
    assert complete("mentorlog show gr") == ["grace-hopper"]
    assert complete("mentorlog search paper --rel ") == ["ada-lovelace", "grace-hopper"]
    assert complete("mentorlog goal add ") == ["ada-lovelace", "grace-hopper"]


def test_a_home_given_on_the_line_is_the_one_completed(journal: Made, tmp_path: Path) -> None:
    assert complete(f"mentorlog --home {tmp_path / 'elsewhere'} show ") == []


def test_ids_complete_from_the_search_index_with_their_titles(journal: Made) -> None:
    ok("reindex")
    goal, action = journal.short(journal.g(1)), journal.short(journal.a(1))
    assert complete("mentorlog goal update ") == [goal]
    assert complete("mentorlog done ") == [action]
    assert complete("mentorlog renegotiate ") == [action]
    offered = "\n".join(complete("mentorlog goal update ", shell="zsh"))
    assert goal in offered and "Write the paper" in offered
    read = complete("mentorlog read ")
    assert {goal, action} < set(read) and len(read) == 4  # and a recap, a reflection


def test_ids_complete_from_file_names_without_an_index(journal: Made) -> None:
    assert not any(place_of(journal.home).glob(quick.INDEX_DB))
    assert complete("mentorlog goal update ") == [journal.short(journal.g(1))]
    assert complete("mentorlog done ") == [journal.short(journal.a(1))]
    assert len(complete("mentorlog read ")) == 4


@pytest.mark.parametrize("indexed", [True, False])
def test_done_offers_only_open_commitments(journal: Made, indexed: bool) -> None:
    """A new user's report: `done <Tab>` offered commitments already done or dropped.
    A commitment the parsed-file cache knows closed, and unchanged since, is left out
    (`read` still offers it); with no cache yet, every one is offered, as before."""
    ok("recap", "ada-lovelace", "--summary", "More", "--action", "book room", "--no-input")
    sent, room = journal.a(1), journal.a(2)
    ok("done", journal.short(sent))
    time.sleep(RACY_SECONDS + 0.1)  # the cache keeps only files older than this
    if indexed:
        ok("reindex")
    ok("actions", "--all")  # a listing: the cache learns which are closed
    offered = complete("mentorlog done ")
    assert offered == [journal.short(room)]
    assert complete("mentorlog renegotiate ") == offered
    assert journal.short(sent) in complete("mentorlog read ")
    # reopened by hand: the changed file is offered again at once
    path = next(journal.home.rglob(f"{sent}.toml"))
    path.write_text(path.read_text().replace('status = "done"', 'status = "open"'))
    assert len(complete("mentorlog done ")) == 2


def test_delete_completes_what_its_kind_names(journal: Made) -> None:
    assert complete("mentorlog delete relationship ") == ["ada-lovelace", "grace-hopper"]
    assert complete("mentorlog delete goal ") == [journal.short(journal.g(1))]
    assert complete("mentorlog delete checkin ") == []


def test_prompt_sets_complete(journal: Made) -> None:
    assert {"gratitude", "listening"} <= set(complete("mentorlog reflect --set "))
    assert complete("mentorlog journal --set grat") == ["gratitude"]


def test_choices_complete(journal: Made) -> None:
    assert complete("mentorlog edit ada-lovelace --role ") == ["mentor", "mentee", "peer"]


def test_completion_in_an_empty_or_missing_home_offers_nothing(home: Path) -> None:
    assert complete("mentorlog show ") == []
    assert complete("mentorlog done ") == []
    assert not home.exists()  # a Tab writes nothing


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_show_completion_prints_a_script_for_each_shell(shell: str) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "mentorlog", "--show-completion", shell],
        capture_output=True,
        text=True,
        env={**os.environ, "_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"},
        timeout=120,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert "_MENTORLOG_COMPLETE" in run.stdout and f"complete_{shell}" in run.stdout


def test_install_completion_writes_the_shell_setup(tmp_path: Path) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "mentorlog", "--install-completion", "bash"],
        capture_output=True,
        text=True,
        env={
            **os.environ,
            "HOME": str(tmp_path),
            "_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1",
        },
        timeout=120,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert "completion installed" in run.stdout
    assert "mentorlog" in (tmp_path / ".bashrc").read_text()


def test_help_lists_the_completion_options() -> None:
    shown = ok("--help").stdout
    assert "--install-completion" in shown and "--show-completion" in shown


@pytest.mark.parametrize("shell", ["zsh", "fish"])
def test_show_completion_takes_the_shell_named(shell: str) -> None:
    """A new user's report: `--show-completion zsh` printed the bash script (the shell
    was guessed from the one running mentorlog, and the name was ignored)."""
    env = {
        k: v for k, v in os.environ.items() if k != "_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION"
    }
    for args in (["--show-completion", shell], [f"--show-completion={shell.upper()}"]):
        run = subprocess.run([sys.executable, "-m", "mentorlog", *args], capture_output=True,
                             text=True, env=env, timeout=120, check=False)  # fmt: skip
        assert run.returncode == 0, run.stderr
        assert f"complete_{shell}" in run.stdout, run.stdout[:200]
    tcsh = [sys.executable, "-m", "mentorlog", "--show-completion", "tcsh"]
    run = subprocess.run(tcsh, capture_output=True, text=True, env=env, timeout=120, check=False)
    assert run.returncode == 2 and "tcsh" in run.stderr and "Traceback" not in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1, run.stderr
