"""`<home>/config.toml`: the person's settings for one home (synced with it)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from mentorlog.core.files import read_model
from mentorlog.core.models import SCHEMA_VERSION, KeptBoth, Stored
from mentorlog.core.store import Store


class GitSettings(Stored):
    """`[git]`: commit every write (`autocommit`), and how `sync` brings in other changes."""

    autocommit: bool = False
    sync: Literal["rebase", "merge"] = "rebase"
    kept_both: list[KeptBoth] = Field(default_factory=list)


class Config(Stored):
    schema_version: int = SCHEMA_VERSION
    git: GitSettings = Field(default_factory=GitSettings)
    kept_both: list[KeptBoth] = Field(default_factory=list)


def load_config(store: Store) -> Config:
    """The settings, or the defaults when there is no `config.toml` (a broken one is named)."""
    path = store.config_file
    if not store.present(path):
        return Config()
    return read_model(path, Config)
