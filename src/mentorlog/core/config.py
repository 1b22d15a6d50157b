"""`<home>/config.toml`: the person's settings for one home (synced with it).

The file holds only what the person chose; every other setting takes its default.
`mentorlog config set/unset` change one key in place (comments and layout stay, as for
every file, see core/tomledit.py); `config edit` keeps a hand edit only once it validates.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field, field_validator

from mentorlog.core.context import Context
from mentorlog.core.errors import BadSetting, MentorlogError
from mentorlog.core.files import (
    dump_toml,
    parse_toml,
    read_stored,
    read_toml,
    updated_toml,
    validate,
)
from mentorlog.core.models import SCHEMA_VERSION, KeptBoth, Role, Stored
from mentorlog.core.store import Store
from mentorlog.core.txn import operation

DateFormat = Literal["iso", "short"]
SyncMode = Literal["rebase", "merge"]
TRUE = ("true", "yes", "on", "1")
FALSE = ("false", "no", "off", "0")


def _choice(value: Any, choices: tuple[str, ...]) -> str:
    """A choice in any case ('Mentee'), as its lower-case self; else our own words."""
    if isinstance(value, str) and value.strip().lower() in choices:
        return value.strip().lower()
    listed = ", ".join(choices[:-1]) + f" or {choices[-1]}"
    raise ValueError(f"should be {listed}")


def _flag(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    raise ValueError("should be true or false")


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError("should be text, in quotes")
    return value


class GitSettings(Stored):
    """`[git]`: commit every write (`autocommit`), and how `sync` brings in other changes."""

    autocommit: bool = False
    sync: SyncMode = "rebase"
    kept_both: list[KeptBoth] = Field(default_factory=list)

    @field_validator("autocommit", mode="before")
    @classmethod
    def _autocommit(cls, value: Any) -> bool:
        return _flag(value)

    @field_validator("sync", mode="before")
    @classmethod
    def _sync(cls, value: Any) -> str:
        return _choice(value, ("rebase", "merge"))


class Config(Stored):
    schema_version: int = SCHEMA_VERSION
    name: str | None = None  # the person's own name, as the agreement writes it
    default_role: Role | None = None  # new-relationship's role when none is given
    default_cadence: str | None = None  # new-relationship's cadence when none is given
    editor: str | None = None  # beats $VISUAL and $EDITOR; $MENTORLOG_EDITOR beats it
    pager: str | None = None  # beats $PAGER; $MENTORLOG_PAGER beats it
    date_format: DateFormat = "iso"  # dates in the human views; JSON is always ISO
    git: GitSettings = Field(default_factory=GitSettings)
    kept_both: list[KeptBoth] = Field(default_factory=list)

    @field_validator("name", mode="before")
    @classmethod
    def _one_line_name(cls, value: Any) -> str:
        name = " ".join(_text(value).split())
        if not name:
            raise ValueError("should not be empty")
        return name

    @field_validator("default_role", mode="before")
    @classmethod
    def _role(cls, value: Any) -> str:
        return _choice(value, tuple(role.value for role in Role))

    @field_validator("default_cadence", mode="before")
    @classmethod
    def _cadence(cls, value: Any) -> str:
        from mentorlog.core.dates import normalize_cadence

        try:
            cadence = normalize_cadence(_text(value))
        except MentorlogError as problem:
            raise ValueError(problem.message) from None
        if cadence is None:
            raise ValueError("should not be empty")
        return cadence

    @field_validator("editor", mode="before")
    @classmethod
    def _editor(cls, value: Any) -> str:
        if not _text(value).strip():
            raise ValueError('should name a command, e.g. "nano"')
        return str(value)

    @field_validator("pager", mode="before")
    @classmethod
    def _pager(cls, value: Any) -> str:
        return _text(value)

    @field_validator("date_format", mode="before")
    @classmethod
    def _date_format(cls, value: Any) -> str:
        return _choice(value, ("iso", "short"))


@dataclass(frozen=True)
class Key:
    """One setting `mentorlog config` knows: where it lives and what it is for."""

    about: str
    kind: Literal["text", "flag", "choice"] = "text"


KEYS: dict[str, Key] = {
    "name": Key("your name, as the partnership agreement writes it (else 'me')"),
    "default_role": Key("your role in a new relationship when --role is not given", "choice"),
    "default_cadence": Key("how often you meet, for a new relationship without --cadence"),
    "editor": Key("the editor to open (beats $VISUAL and $EDITOR)"),
    "pager": Key("the pager for long output (beats $PAGER; empty or cat: none)"),
    "date_format": Key("dates in what you read: iso (2026-12-03) or short (3 Dec 2026)", "choice"),
    "git.autocommit": Key("commit every change to the journal as you make it", "flag"),
    "git.sync": Key("how sync brings in other machines' work: rebase or merge", "choice"),
}


class Setting(BaseModel):
    """One setting as `config get` and `config list` show it."""

    key: str
    value: str | bool | None  # what mentorlog uses: the file's value, else the default
    set: bool  # whether config.toml sets it (else it takes its default)
    about: str


class Settings(BaseModel):
    """`config list`: every setting, and the file they come from."""

    file: str
    settings: list[Setting]


def load_config(store: Store) -> Config:
    """The settings, or the defaults when there is no `config.toml` (a broken one is named)."""
    path = store.config_file
    if not store.present(path):
        return Config()
    data, text = read_toml(path)
    return validate(Config, data, path, text)


def _known(key: str) -> Key:
    found = KEYS.get(key.strip().lower())
    if found is None:
        raise BadSetting(f"there is no setting '{key}'", f"known settings: {', '.join(KEYS)}")
    return found


def _current(config: Config, key: str) -> str | bool | None:
    holder: Any = config
    for part in key.split("."):
        holder = getattr(holder, part)
    return holder.value if isinstance(holder, Role) else holder


def _is_set(data: dict[str, Any], key: str) -> bool:
    *tables, last = key.split(".")
    for table in tables:
        data = data.get(table, {})
    return last in data


def _raw(store: Store) -> tuple[dict[str, Any], str | None]:
    """What the file itself says (no defaults filled in), and its text."""
    if not store.present(store.config_file):
        return {}, None
    data, text = read_toml(store.config_file)
    validate(Config, data, store.config_file, text)  # a broken file is named, line and all
    return data, text


def _setting(store: Store, key: str) -> Setting:
    data, _ = _raw(store)
    config = Config.model_validate(data)
    return Setting(key=key, value=_current(config, key), set=_is_set(data, key),
                   about=KEYS[key].about)  # fmt: skip


def settings(ctx: Context) -> Settings:
    _raw(ctx.store)  # named if broken
    listed = [_setting(ctx.store, key) for key in KEYS]
    return Settings(file=str(ctx.store.config_file), settings=listed)


def get(ctx: Context, key: str) -> Setting:
    _known(key)
    return _setting(ctx.store, key.strip().lower())


def typed(key: str, text: str) -> str | bool:
    """What `config set KEY TEXT` stores: true/false for a flag, else the text."""
    if _known(key).kind != "flag":
        return text
    word = text.strip().lower()
    if word in TRUE + FALSE:
        return word in TRUE
    raise BadSetting(f"{key} should be true or false, not '{text}'")


@operation("config set", retry=False)
def set_value(ctx: Context, key: str, text: str) -> Setting:
    """Set one key in config.toml; the rest of the file stays as it was, comments too."""
    key = key.strip().lower()
    value = typed(key, text)
    return _change(ctx.store, key, lambda table, last: table.__setitem__(last, value))


@operation("config unset", retry=False)
def unset(ctx: Context, key: str) -> Setting:
    """Remove one key from config.toml, so it takes its default again."""
    _known(key)
    key = key.strip().lower()
    return _change(ctx.store, key, lambda table, last: table.pop(last, None))


def _change(store: Store, key: str, change: Any) -> Setting:
    with store.writing("home"):
        data, text = _raw(store)
        *tables, last = key.split(".")
        table = data
        for part in tables:
            table = table.setdefault(part, {})
        change(table, last)
        for part in tables:  # an emptied [git] table goes with its last key
            if data.get(part) == {} and (text is None or f"[{part}]" not in text):
                del data[part]
        config = _check(data, key)
        if last in table:  # stored as mentorlog reads it: "Mentee" as "mentee"
            table[last] = _current(config, key)
        store.save_config_text(_text_for(text, data))
    return _setting(store, key)


def _check(data: dict[str, Any], key: str) -> Config:
    from pydantic import ValidationError

    try:
        return Config.model_validate(data)
    except ValidationError as problem:
        message = str(problem.errors()[0]["msg"]).removeprefix("Value error, ")
        raise BadSetting(f"{key} {message}") from None


def _text_for(old: str | None, data: dict[str, Any]) -> str:
    """The file with `data`, keeping the person's comments and layout where it can."""
    ordered = _in_order(data)
    if old is not None:
        kept = updated_toml(old, ordered)
        if kept is not None:  # a key added at the very end may come without its line end
            return kept if kept.endswith("\n") or not kept else kept + "\n"
    return dump_toml(ordered)


def _in_order(data: dict[str, Any]) -> dict[str, Any]:
    """Top-level keys in the documented order, tables after them (as TOML needs)."""
    rank = {key: index for index, key in enumerate(Config.model_fields)}
    return dict(sorted(data.items(), key=lambda item: rank.get(item[0], len(rank))))


def check_text(text: str, path: Path) -> Config:
    """Hand-edited settings (`config edit`), named by `path` and line when they are wrong."""
    data = parse_toml(text, path)
    return validate(Config, data, path, text)


@operation("config edit", retry=False)
def save_text(ctx: Context, text: str, draft: Path) -> Config:
    """Keep hand-edited settings exactly as written, once they validate."""
    config = check_text(text, draft)
    with ctx.store.writing("home"):
        ctx.store.save_config_text(text)
    return config


def text_to_edit(ctx: Context) -> str:
    """The file as it is, or a commented start listing every setting."""
    store = ctx.store
    return read_stored(store.config_file) if store.present(store.config_file) else TEMPLATE


TEMPLATE = """\
# Your mentorlog settings. Remove the # before a line to use it;
# `mentorlog config list` shows every setting and its value.

# name = "Sam"              # your name, as the partnership agreement writes it
# default_role = "mentee"   # mentor, mentee or peer: new-relationship's role without --role
# default_cadence = "monthly"  # new-relationship's cadence without --cadence
# editor = "nano"           # beats $VISUAL and $EDITOR ($MENTORLOG_EDITOR beats it)
# pager = "less -FRX"       # beats $PAGER ($MENTORLOG_PAGER beats it); "" or "cat": none
# date_format = "iso"       # dates in what you read: iso (2026-12-03) or short (3 Dec 2026)

[git]
# autocommit = false        # true: every command that changes the journal commits it
# sync = "rebase"           # how sync brings in other machines' work: rebase or merge
"""
