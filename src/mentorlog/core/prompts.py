"""Reflection prompt sets: shipped as TOML in the package, added or overridden by the user.

A file `<home>/prompts/<name>.toml` replaces the shipped set of the same name; a broken
user file is reported (file and line) and the shipped sets keep working.
"""

from __future__ import annotations

from enum import StrEnum
from importlib import resources
from pathlib import Path

from pydantic import BaseModel, Field

from mentorlog.core.context import Context
from mentorlog.core.errors import BrokenFile, NotFound
from mentorlog.core.files import parse_toml, read_stored, validate
from mentorlog.core.models import PromptQuestion, PromptSet
from mentorlog.core.store import Store


class Source(StrEnum):
    shipped = "shipped"
    user = "user"


class PromptSetView(BaseModel):
    name: str
    title: str
    about: str
    source: Source
    path: str
    questions: list[PromptQuestion]


class PromptSets(BaseModel):
    sets: list[PromptSetView] = Field(default_factory=list)
    problems: list[str] = Field(default_factory=list)

    def get(self, name: str) -> PromptSetView:
        exact = [s for s in self.sets if s.name == name]  # then in any case: `Listening`
        for prompt_set in exact or [s for s in self.sets if s.name.casefold() == name.casefold()]:
            return prompt_set
        names = ", ".join(s.name for s in self.sets)
        raise NotFound(f"no prompt set '{name}'", f"choose one of: {names}")


def _load(text: str, path: Path, source: Source) -> PromptSetView:
    data = parse_toml(text, path)
    prompt_set = validate(PromptSet, data, path, text)
    if prompt_set.name != path.stem:
        raise BrokenFile(path, f"name '{prompt_set.name}' should match the file name")
    keys = [q.key for q in prompt_set.questions]
    for key in keys:
        if keys.count(key) > 1:
            raise BrokenFile(path, f"two questions share the key '{key}'")
    return PromptSetView(
        name=prompt_set.name,
        title=prompt_set.title,
        about=prompt_set.about,
        source=source,
        path=str(path),
        questions=prompt_set.questions,
    )


def shipped() -> list[PromptSetView]:
    folder = resources.files("mentorlog") / "prompts"
    found = []
    for item in sorted(folder.iterdir(), key=lambda entry: entry.name):
        if item.name.endswith(".toml"):
            path = Path(str(item))
            found.append(_load(item.read_text(encoding="utf-8"), path, Source.shipped))
    return found


def load_sets(ctx: Context) -> PromptSets:
    by_name = {s.name: s for s in shipped()}
    problems: list[str] = []
    for path in ctx.store.prompt_set_paths():
        try:
            ctx.store.present(path)  # a link out of the home is named, not followed
            user_set = _load(read_stored(path), path, Source.user)
        except BrokenFile as problem:
            problems.append(str(problem))
            continue
        by_name[user_set.name] = user_set
    return PromptSets(sets=sorted(by_name.values(), key=lambda s: s.name), problems=problems)


def user_folder(ctx: Context) -> Path:
    """Where the person's own prompt sets go."""
    return ctx.store.prompts_root


def check_user_set(store: Store, path: Path) -> None:
    """Read one of the person's own prompt sets; a BrokenFile says what is wrong with it."""
    if store.present(path):
        _load(read_stored(path), path, Source.user)
