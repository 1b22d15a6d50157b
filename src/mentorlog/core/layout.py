"""The layout of a mentorlog home: folder and file names, and what each entry is for.

Only core/store.py imports this module; every other module asks the `Store` for a place
(tests/test_layout.py keeps it so). See docs/FORMAT.md:

    <home>/mentorlog.toml              schema_version = 2, migrations applied
    <home>/config.toml                 the person's settings
    <home>/relationships/<folder>/     <slug-at-birth>.<pid>, or a v1 <slug>; never renamed
    <home>/relationships/<folder>/relationship.toml   slug, aliases (old slugs), ...
    <home>/relationships/<folder>/goals/<gid>.toml         one goal each (v1: goals.toml)
    <home>/relationships/<folder>/commitments/<aid>.toml   one commitment each (v1: actions.toml)
    <home>/relationships/<folder>/agreement.md
    <home>/relationships/<folder>/recaps/<YYYY-MM-DD>-<sid>.md   (v1: <YYYY-MM-DD>[-N].md)
    <home>/relationships/<folder>/checkins/<YYYY-MM-DD>-<hid>.toml   (v1: [-N])
    <home>/relationships/<folder>/drafts/
    <home>/reflections/<YYYY-MM-DD>-<set>-<fid>.md   (v1: <YYYY-MM-DD>-<set>[-N].md)
    <home>/prompts/<name>.toml
    <home>/drafts/
    <home>/network.toml
    <home>/.taplo.toml                 optional: taplo's settings, copied by the person
    <home>/journey/<mid>.toml          one milestone each (v1: journey.toml)
    <home>/.trash/<UTC time>-<label>-<tid>/manifest.toml
    <home>/.mentorlog/                 local to this machine: the lock, transactions, backups
    v1 only: <home>/ids.toml, and `.lock` files in the home and each folder
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import PurePosixPath
from typing import Literal

LOCK_FILE = ".lock"
RELATIONSHIPS_DIR = "relationships"
RELATIONSHIP_FILE = "relationship.toml"
GOALS_FILE = "goals.toml"  # v1, split by migration m003 into GOALS_DIR
ACTIONS_FILE = "actions.toml"  # v1, split into COMMITMENTS_DIR
GOALS_DIR = "goals"
COMMITMENTS_DIR = "commitments"
JOURNEY_DIR = "journey"
AGREEMENT_FILE = "agreement.md"
RECAPS_DIR = "recaps"
CHECKINS_DIR = "checkins"
DRAFTS_DIR = "drafts"
REFLECTIONS_DIR = "reflections"
PROMPTS_DIR = "prompts"
IDS_FILE = "ids.toml"
MARKER_FILE = "mentorlog.toml"
CONFIG_FILE = "config.toml"
LOCAL_DIR = ".mentorlog"
BACKUP_PREFIX = "backup-v1-"
NETWORK_FILE = "network.toml"
JOURNEY_FILE = "journey.toml"  # v1, split into JOURNEY_DIR
TRASH_DIR = ".trash"
MANIFEST_FILE = "manifest.toml"

DRAFT_BASE_SUFFIX = ".base"  # beside a kept editor draft: the text it started from
DRAFTS_SET_ASIDE = "set-aside"  # drafts nobody took up (core/drafts.py)
DRAFT_STAMP = "%Y%m%d-%H%M%S"  # in the name of a draft set aside
TRASH_STAMP = "%Y%m%dT%H%M%SZ"  # a trash entry's name begins with it, then "-<label>"

RANDOM_PART = r"[0-9a-z]{10}"  # ten characters of core/ids.py's alphabet, after a letter
# `<date>`, `<date>-N` (v1) or `<date>-<id>`: group 2 is N, group 3 the id
DATED_NAME = re.compile(rf"^(\d{{4}}-\d{{2}}-\d{{2}})(?:-(\d+)|-([a-z]{RANDOM_PART}))?$")
# a relationship's folder: `<slug>` (v1) or `<slug-at-birth>.<pid>`
FOLDER_NAME = re.compile(rf"^(?P<slug>[a-z0-9]+(?:-[a-z0-9]+)*)(?:\.(?P<pid>p{RANDOM_PART}))?$")
TRASH_ID_SUFFIX = re.compile(rf"-t{RANDOM_PART}$")
REFLECTION_ID = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}-[a-z0-9-]+$")
# one goal, commitment or milestone: `<id>.toml`, a new id or v1's `g3`
ENTITY_NAME = re.compile(rf"^(?P<id>[gam](?:{RANDOM_PART}|[1-9][0-9]*))\.toml$")
TRASH_NAME = re.compile(r"^[0-9]{8}T[0-9]{6}Z-[a-z0-9]+(?:-[a-z0-9]+)*$")

EntryKind = Literal[
    "folder",
    "lock",
    "draft",
    "draft_base",
    "relationship",
    "goals",
    "actions",
    "goal",
    "commitment",
    "milestone",
    "agreement",
    "recap",
    "checkin",
    "reflection",
    "network",
    "journey",
    "ids",
    "prompts",
    "git",
    "tool",
    "marker",
    "config",
]
HOME_ONLY = (RELATIONSHIPS_DIR, REFLECTIONS_DIR, PROMPTS_DIR, JOURNEY_DIR)
IN_RELATIONSHIP = (RECAPS_DIR, CHECKINS_DIR, DRAFTS_DIR, GOALS_DIR, COMMITMENTS_DIR)
ENTITY_FOLDERS: dict[str, EntryKind] = {
    GOALS_DIR: "goal",
    COMMITMENTS_DIR: "commitment",
    JOURNEY_DIR: "milestone",
}
ENTITY_LETTER = {"goal": "g", "commitment": "a", "milestone": "m"}
UNTOUCHED = (".git", TRASH_DIR, LOCAL_DIR)  # version control, what `delete` set aside, state
GIT_FILES = (".gitignore", ".gitattributes")
TOOL_FILES = (".taplo.toml",)  # settings for other tools (taplo: format TOML as we write it)
RELATIONSHIP_FILES: dict[str, EntryKind] = {
    RELATIONSHIP_FILE: "relationship",
    GOALS_FILE: "goals",
    ACTIONS_FILE: "actions",
    AGREEMENT_FILE: "agreement",
}
HOME_FILES: dict[str, EntryKind] = {
    NETWORK_FILE: "network",
    JOURNEY_FILE: "journey",
    IDS_FILE: "ids",
    MARKER_FILE: "marker",
    CONFIG_FILE: "config",
}


def real_date(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def dated(name: str, suffix: str, pattern: re.Pattern[str]) -> bool:
    """Whether a file name is `<pattern><suffix>`, beginning with a real date."""
    path = PurePosixPath(name)
    return path.suffix == suffix and bool(pattern.match(path.stem)) and real_date(path.stem[:10])


def folder_slug(name: str) -> str:
    """The slug a relationship folder was born with: its name, or the part before `.<pid>`."""
    return name.partition(".")[0]


def name_date(name: str) -> date:
    """The date a dated file name (a recap, a check-in, a reflection) begins with."""
    return date.fromisoformat(name[:10])


def _folder_kind(parts: tuple[str, ...]) -> EntryKind | None:
    if len(parts) == 1 and parts[0] in (*HOME_ONLY, DRAFTS_DIR, *UNTOUCHED):
        return "folder"
    if len(parts) == 2 and parts[0] == RELATIONSHIPS_DIR and FOLDER_NAME.match(parts[1]):
        return "folder"
    if len(parts) == 3 and parts[0] == RELATIONSHIPS_DIR and parts[2] in IN_RELATIONSHIP:
        return "folder"
    return None


def entry_kind(parts: tuple[str, ...], is_folder: bool) -> EntryKind | None:
    """What the home entry at `parts` (relative to the home) is for, judged by its place
    and name; None for a file or folder mentorlog does not know (so never shows)."""
    name, depth = parts[-1], len(parts)
    if name == LOCK_FILE:
        return "lock"
    if depth == 1 and name in GIT_FILES:
        return "git"
    if depth == 1 and name in TOOL_FILES:
        return "tool"
    in_drafts = parts[0] == DRAFTS_DIR or (depth > 3 and parts[2] == DRAFTS_DIR)
    if is_folder:
        if in_drafts:  # <home>/drafts itself, or drafts/set-aside
            return "folder" if depth == 1 or name == DRAFTS_SET_ASIDE else None
        return _folder_kind(parts)
    if in_drafts:  # kept text, what it started from (.base), or set aside
        return "draft_base" if name.endswith(DRAFT_BASE_SUFFIX) else "draft"
    if depth == 1:
        return HOME_FILES.get(name)
    if depth == 2 and parts[0] == PROMPTS_DIR and name.endswith(".toml"):
        return "prompts"
    if depth == 2 and parts[0] == JOURNEY_DIR:
        return _entity("milestone", name)
    if depth == 2 and parts[0] == REFLECTIONS_DIR and dated(name, ".md", REFLECTION_ID):
        return "reflection"
    if depth >= 3 and parts[0] == RELATIONSHIPS_DIR and not FOLDER_NAME.match(parts[1]):
        return None  # inside a folder that is not a relationship's (listings pass it by)
    if depth == 3 and parts[0] == RELATIONSHIPS_DIR:
        return RELATIONSHIP_FILES.get(name)
    if depth == 4 and parts[0] == RELATIONSHIPS_DIR and parts[2] in (GOALS_DIR, COMMITMENTS_DIR):
        return _entity(ENTITY_FOLDERS[parts[2]], name)
    if depth == 4 and parts[2] == RECAPS_DIR and dated(name, ".md", DATED_NAME):
        return "recap"
    if depth == 4 and parts[2] == CHECKINS_DIR and dated(name, ".toml", DATED_NAME):
        return "checkin"
    return None


def _entity(kind: EntryKind, name: str) -> EntryKind | None:
    """A goal, commitment or milestone file: `<id>.toml` with its kind's letter."""
    match = ENTITY_NAME.match(name)
    return kind if match and match.group("id")[0] == ENTITY_LETTER[kind] else None
