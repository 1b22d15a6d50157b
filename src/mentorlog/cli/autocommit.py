"""`[git] autocommit = true`: after a command that changed the journal, commit it.

Called once, at the CLI boundary (`MentorlogGroup.invoke`), only after a success. The
message names the command and what it was about: `recap: ada-lovelace 2026-11-24`,
`done: a7fk a9q2`, `goal add: ada-lovelace Publish a paper`, `edit: sam-okafor -> sam`.
"""

from __future__ import annotations

from typing import Any

from mentorlog.cli.state import State
from mentorlog.core.errors import MentorlogError

NOT_WRITES = ("sync", "init", "git", "merge-file", "home")


def commit_after(st: State) -> None:
    command = st.command
    if command is None:
        return
    path = command.command_path.split()[1:]  # without the program name
    if not path or path[0] in NOT_WRITES:
        return
    from mentorlog.cli.output import warn  # after the check: `home` loads neither
    from mentorlog.core import git as core

    try:
        core.autocommit(st.core.store, message(path, command.params, st))
    except MentorlogError as problem:
        warn(st.err, f"saved; not committed ({problem.message}); mentorlog sync will commit it")


def message(path: list[str], params: dict[str, Any], st: State) -> str:
    assert st.command is not None
    arguments = [
        param.name
        for param in st.command.command.params
        if param.param_type_name == "argument" and param.name
    ]
    words: list[str] = []
    for name in arguments:
        value = params.get(name)
        if isinstance(value, list | tuple):
            words += [str(item) for item in value]
        elif value is not None:
            words.append(str(value))
    if path == ["recap"]:
        words.append(str(params.get("date") or st.core.today))
    if path == ["edit"] and params.get("new_slug"):
        words += ["->", str(params["new_slug"])]
    return f"{' '.join(path)}: {' '.join(words)}".rstrip(": ").strip() or " ".join(path)
