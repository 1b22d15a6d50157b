"""The home as a git repository: everything through the `git` executable (no library).

`init --git` makes one (a `.gitignore`, a `.gitattributes` naming mentorlog's merge driver,
the driver registered in `.git/config`, a first commit); `init --from URL` clones one; the
driver is registered again by every `sync`, since git never versions `.git/config`.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from mentorlog.core.errors import MentorlogError, NotAllowed
from mentorlog.core.files import atomic_write, ensure_private_dir
from mentorlog.core.store import Store

DRIVER = "mentorlog"
DRIVER_NAME = "mentorlog journal entries"
IDENTITY = ("mentorlog", "mentorlog@localhost")  # only when the person has none
PRIVATE_UMASK = 0o077  # files git writes (a checkout, a merge) stay private, as ours do
_MISSING_HINT = "install git, then run the same command again; nothing was changed"


class GitMissing(MentorlogError):
    code = "git_missing"

    def __init__(self) -> None:
        super().__init__("git is not installed (or not on PATH)", _MISSING_HINT)


class GitFailed(MentorlogError):
    code = "git_failed"


def git_executable() -> str:
    found = shutil.which("git")
    if found is None:
        raise GitMissing
    return found


def driver_command() -> str:
    """How git runs the driver: this very interpreter, so pipx and venvs work off PATH."""
    return f"{shlex.quote(sys.executable)} -m mentorlog merge-file %O %A %B %P"


@dataclass
class Git:
    """git, run in one home."""

    home: Path
    executable: str = field(default_factory=git_executable)

    def run(
        self, *args: str, check: bool = True, commits: bool = False
    ) -> subprocess.CompletedProcess[str]:
        """`git -C home ARGS`; `commits` adds an identity when the person has none."""
        command = [self.executable, "-C", str(self.home)]
        if commits:
            command += self._identity()
        try:
            done = subprocess.run(
                [*command, *args],
                capture_output=True,
                text=True,
                env=_quiet_env(),
                check=False,
                umask=PRIVATE_UMASK,
            )
        except FileNotFoundError:
            raise GitMissing from None
        if check and done.returncode != 0:
            raise GitFailed(f"git {args[0]} failed: {_last_line(done)}", _HINT)
        return done

    def out(self, *args: str) -> str:
        return self.run(*args).stdout.strip()

    def _identity(self) -> list[str]:
        name = self.run("config", "user.name", check=False).stdout.strip()
        email = self.run("config", "user.email", check=False).stdout.strip()
        if name and email:
            return []
        return [
            "-c",
            f"user.name={name or IDENTITY[0]}",
            "-c",
            f"user.email={email or IDENTITY[1]}",
        ]

    # -- the repository -----------------------------------------------------------------
    def is_repo(self) -> bool:
        """Whether the home is the top of its own work tree (not inside someone else's)."""
        if not self.home.is_dir():
            return False
        top = self.run("rev-parse", "--show-toplevel", check=False)
        return top.returncode == 0 and Path(top.stdout.strip()).resolve() == self.home.resolve()

    def require_repo(self) -> None:
        if not self.is_repo():
            raise NotAllowed(
                f"your journal ({self.home}) is not a git repository yet",
                "run mentorlog init --git, or mentorlog init --from URL on a new machine",
            )

    def head(self) -> str | None:
        done = self.run("rev-parse", "--verify", "-q", "HEAD", check=False)
        return done.stdout.strip() or None

    def branch(self) -> str:
        return self.out("symbolic-ref", "--short", "HEAD")

    def remote(self) -> str | None:
        names = self.out("remote").split()
        if not names:
            return None
        return "origin" if "origin" in names else names[0]

    def register_driver(self) -> bool:
        """Name mentorlog's merge driver in `.git/config`; True when it had to change."""
        changed = False
        for key, value in (("name", DRIVER_NAME), ("driver", driver_command())):
            name = f"merge.{DRIVER}.{key}"
            if self.run("config", "--get", name, check=False).stdout.strip() != value:
                self.run("config", name, value)
                changed = True
        return changed

    def pending(self) -> list[str]:
        """Paths with changes not yet committed (`git status --porcelain`)."""
        lines = self.run("status", "--porcelain", "-z", "--untracked-files=all").stdout
        return [entry[3:] for entry in lines.split("\0") if len(entry) > 3]

    def commit_all(self, message: str) -> int:
        """Commit every change in the home; how many paths changed (0: nothing to commit)."""
        count = len(self.pending())
        if count:
            self.run("add", "-A")
            self.run("commit", "-q", "--no-verify", "-m", message, commits=True)
        return count


def _quiet_env() -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("GIT_MERGE_AUTOEDIT", "no")
    env["LC_ALL"] = "C"  # messages we read (rejected pushes) in one language
    return env


def _last_line(done: subprocess.CompletedProcess[str]) -> str:
    text = (done.stderr or done.stdout).strip().splitlines()
    return text[-1].removeprefix("fatal: ").removeprefix("error: ") if text else "no reason given"


_HINT = "run mentorlog git status to see where things stand; your journal files are unchanged"


# -- init --------------------------------------------------------------------------------
@dataclass
class InitResult:
    home: Path
    created: bool  # a new repository (False: an existing one, repaired)
    repaired: list[str]
    committed: int


def _with_lines(path: Path, wanted: list[str], store: Store) -> bool:
    """Add the lines of `wanted` that the file lacks (the person's own lines stay)."""
    old = path.read_text(encoding="utf-8") if store.present(path) else ""
    have = {line.strip() for line in old.splitlines()}
    missing = [line for line in wanted if line not in have]
    if not missing:
        return False
    head = old if not old or old.endswith("\n") else old + "\n"
    atomic_write(path, head + "".join(f"{line}\n" for line in missing))
    return True


def attributes() -> list[str]:
    return ["* text eol=lf", *(f"{place} merge={DRIVER}" for place in Store.git_merged())]


def driver_missing(store: Store) -> bool:
    """A clone whose files ask for mentorlog's merge driver (`.gitattributes`) but whose
    `.git/config` does not define it: a plain `git pull` there would fall back to git's
    text merge, markers and all. Two small reads, no git process."""
    config = store.git_config_text()
    if config is None or f'[merge "{DRIVER}"]' in config:
        return False
    try:
        attributes_text = store.git_file(".gitattributes").read_text(encoding="utf-8")
    except OSError:
        return False
    return f"merge={DRIVER}" in attributes_text


def init_repo(store: Store) -> InitResult:
    """Make the home a git repository, or repair the one it is: idempotent."""
    git = Git(store.home)
    ensure_private_dir(store.home)
    created = not git.is_repo()
    if created:
        git.run("init", "-q")
    repaired = []
    with store.writing("home"):  # one write; a new home also gets its mentorlog.toml here
        if _with_lines(store.git_file(".gitignore"), Store.git_ignored(), store):
            repaired.append(".gitignore")
        if _with_lines(store.git_file(".gitattributes"), attributes(), store):
            repaired.append(".gitattributes")
    if git.register_driver():
        repaired.append("merge driver")
    message = "Start the journal's history" if created else "init --git: repair"
    committed = git.commit_all(message) if created or repaired else 0
    return InitResult(store.home, created, [] if created else repaired, committed)


@dataclass
class CloneResult:
    home: Path
    url: str
    relationships: int


def clone(store: Store, url: str) -> CloneResult:
    """Clone a journal into an empty or missing home and register the driver there."""
    home = store.home
    if home.exists() and any(home.iterdir()):
        raise NotAllowed(
            f"{home} already holds files; mentorlog clones only into an empty folder",
            "choose another --home (or MENTORLOG_HOME), or sync the journal that is there",
        )
    executable = git_executable()
    ensure_private_dir(home.parent)
    done = subprocess.run(
        [executable, "clone", "-q", "--", url, str(home)],
        capture_output=True,
        text=True,
        env=_quiet_env(),
        check=False,
        umask=PRIVATE_UMASK,
    )
    if done.returncode != 0:
        raise GitFailed(f"could not clone {url}: {_last_line(done)}", "check the URL and try again")
    home.chmod(0o700)
    Git(home, executable).register_driver()
    return CloneResult(home, url, len(store.slugs()))


def autocommit(store: Store, message: str) -> bool:
    """With `[git] autocommit = true`, commit what a command changed; False when off (or
    nothing changed). A GitFailed names why it could not."""
    from mentorlog.core.config import load_config  # config imports the store, as we do

    if not store.present(store.config_file) or not load_config(store).git.autocommit:
        return False
    git = Git(store.home)
    if not git.is_repo():
        return False
    return git.commit_all(message) > 0
