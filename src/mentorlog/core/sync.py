"""`mentorlog sync`: commit what changed here, bring in the other machines', send ours.

Holding the home's write lock: register the merge driver (git never versions it), commit
pending changes, fetch, rebase onto (or merge) the remote branch, push; a rejected push
(another machine pushed meanwhile) fetches and tries again, up to three times. Should a
path still end unmerged (the driver refused a file it cannot read), the rebase or merge is
aborted, so the home is exactly as before, and the path is named.
"""

from __future__ import annotations

from collections import Counter
from typing import Any, Literal

from pydantic import BaseModel

from mentorlog.core.config import load_config
from mentorlog.core.context import Context
from mentorlog.core.errors import MentorlogError
from mentorlog.core.git import Git, GitFailed
from mentorlog.core.mergefile import KEPT, KEPT_BOTH_LINE, kept_both_in

Mode = Literal["rebase", "merge"]
PUSH_TRIES = 3
RESULT_VERSION = 1


class Unmerged(MentorlogError):
    code = "unmerged"


class Arrived(BaseModel):
    kind: str  # what the file is for (recap, goals, ...), "other" if mentorlog does not know
    path: str
    what: Literal["added", "changed", "removed"]


class KeptBothFound(BaseModel):
    path: str
    entry: str | None  # the id of the entry it belongs to, null for the file itself
    field: str
    other: Any = None


class SyncResult(BaseModel):
    version: int = RESULT_VERSION
    committed: int
    remote: str | None
    arrived: list[Arrived]
    pushed: bool
    kept_both: list[KeptBothFound]
    warnings: list[str]


def sync(context: Context, mode: Mode | None = None) -> SyncResult:
    store = context.store
    git = Git(store.home)
    git.require_repo()
    with store.writing("home"):
        git.register_driver()
        chosen: Mode = mode or load_config(store).git.sync
        committed = git.commit_all(_commit_message(git))
        remote = git.remote()
        if remote is None:
            return SyncResult(
                committed=committed,
                remote=None,
                arrived=[],
                pushed=False,
                kept_both=[],
                warnings=[],
            )
        before = git.head()
        _bring_in_and_push(git, remote, chosen)
        after = git.head()
    arrived = _arrived(git, context, before, after)
    return SyncResult(
        committed=committed,
        remote=remote,
        arrived=arrived,
        pushed=True,
        kept_both=_kept_both(context, [item.path for item in arrived if item.what != "removed"]),
        warnings=_unreadable(context, arrived) + _clashes(context, arrived),
    )


def _clashes(context: Context, arrived: list[Arrived]) -> list[str]:
    """A pairing both machines started under one slug: said as it arrives, with the way
    to settle it (listings leave both out until then)."""
    if not any(item.kind == "relationship" and item.what == "added" for item in arrived):
        return []
    context.store.forget_folders()
    return [f"{clash.message} ({clash.hint})" for clash in context.store.slug_clashes()]


def _unreadable(context: Context, arrived: list[Arrived]) -> list[str]:
    """A file that arrived and does not read here (a newer mentorlog wrote it, or a bad
    hand edit on the other machine): said now, not by the next command that trips on it."""
    from mentorlog.core.doctor import problem_reading

    found = []
    for item in arrived:
        if item.what == "removed":
            continue
        problem = problem_reading(context.store, item.kind, context.store.inside(item.path))
        if problem is not None:
            found.append(f"{problem.message} ({problem.hint})" if problem.hint else problem.message)
    return found


def _commit_message(git: Git) -> str:
    count = len(git.pending())
    return f"sync: {count} change" + ("" if count == 1 else "s")


def _bring_in_and_push(git: Git, remote: str, mode: Mode) -> None:
    branch = git.branch()
    for attempt in range(PUSH_TRIES):
        git.run("fetch", "-q", remote)
        upstream = f"refs/remotes/{remote}/{branch}"
        if git.run("rev-parse", "--verify", "-q", upstream, check=False).returncode == 0:
            _integrate(git, upstream, mode)
        pushed = git.run("push", "-q", "-u", remote, f"HEAD:refs/heads/{branch}", check=False)
        if pushed.returncode == 0:
            return
        if not _rejected(pushed.stderr) or attempt == PUSH_TRIES - 1:
            raise GitFailed(
                f"could not send your changes to {remote}: {_last(pushed.stderr)}",
                "your changes are committed here; run mentorlog sync again later",
            )


def _rejected(stderr: str) -> bool:
    return any(word in stderr for word in ("rejected", "fetch first", "non-fast-forward"))


def _last(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[-1].removeprefix("error: ").removeprefix("fatal: ") if lines else "no reason given"


def _integrate(git: Git, upstream: str, mode: Mode) -> None:
    """Rebase onto (or merge) the remote branch; on an unmerged path abort and name it."""
    if mode == "rebase":
        done = git.run("rebase", "-q", upstream, check=False, commits=True)
    else:
        done = git.run(
            "merge", "-q", "--no-edit", "-m", "sync: merge", upstream, check=False, commits=True
        )
    if done.returncode == 0:
        return
    unmerged = git.run("diff", "--name-only", "--diff-filter=U").stdout.split()
    git.run("rebase" if mode == "rebase" else "merge", "--abort", check=False)
    if unmerged:
        raise Unmerged(
            f"{unmerged[0]} could not be merged on this machine"
            + (f" (and {len(unmerged) - 1} more)" if len(unmerged) > 1 else ""),
            "your journal is as it was; fix the file (mentorlog doctor) and sync again",
        )
    raise GitFailed(
        f"git {mode} failed: {_last(done.stderr or done.stdout)}",
        "your journal is as it was; run mentorlog git status to see why",
    )


def _arrived(git: Git, context: Context, before: str | None, after: str | None) -> list[Arrived]:
    if before is None or after is None or before == after:
        return []
    rows = git.run("diff", "--name-status", "--no-renames", "-z", before, after).stdout
    fields = rows.split("\0")
    found: list[Arrived] = []
    whats: dict[str, Literal["added", "changed", "removed"]] = {
        "A": "added",
        "M": "changed",
        "D": "removed",
    }
    for status, path in zip(fields[0::2], fields[1::2], strict=False):
        if not path:
            continue
        kind = context.store.path_kind(path) or "other"
        what: Literal["added", "changed", "removed"] = whats.get(status[:1], "changed")
        found.append(Arrived(kind=kind, path=path, what=what))
    return found


def _kept_both(context: Context, paths: list[str]) -> list[KeptBothFound]:
    """The `[[kept_both]]` records (and twice-kept text) in the files that arrived."""
    found: list[KeptBothFound] = []
    for path in paths:
        try:
            text = context.store.inside(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError, MentorlogError):
            continue
        if KEPT_BOTH_LINE in text:
            found.append(KeptBothFound(path=path, entry=None, field="body"))
        if KEPT in text:
            found += _records(path, text)
    return found


def _records(path: str, text: str) -> list[KeptBothFound]:
    return [
        KeptBothFound(
            path=path, entry=entry or None, field=str(rec.get("field")), other=rec.get("other")
        )
        for entry, rec in kept_both_in(text, path.endswith(".md"))
    ]


def arrived_summary(arrived: list[Arrived]) -> str:
    """`2 new recaps, 1 commitment changed`."""
    counts = Counter((item.kind, item.what) for item in arrived)
    parts = []
    for (kind, what), count in sorted(counts.items(), key=lambda pair: (-pair[1], pair[0])):
        noun = NOUNS.get(kind, "file") + ("" if count == 1 else "s")
        parts.append(f"{count} new {noun}" if what == "added" else f"{count} {noun} {what}")
    return ", ".join(parts)


NOUNS = {  # what each kind of file is called in a sentence (plural: add an s)
    "recap": "recap",
    "checkin": "check-in",
    "reflection": "reflection",
    "relationship": "relationship file",
    "goal": "goal",
    "commitment": "commitment",
    "milestone": "milestone",
    "goals": "goals file",  # v1
    "actions": "commitments file",
    "agreement": "agreement",
    "network": "network file",
    "journey": "journey file",  # v1
    "prompts": "prompt set",
}
