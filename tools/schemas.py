"""The JSON Schema of every `--json` output, written from one table into docs/schemas/.

`RESULTS` says which result model each command prints as `data` in its envelope
`{"version": 1, "data": ...}`; each schema is generated from that model and made strict:
every object lists all its keys as required and allows no others, so a key added,
renamed or dropped fails the contract test (tests/test_contract.py). That test also fails
while a file here or the list of them in docs/FORMAT.md is stale. After changing a result
model, run:

    .venv/bin/python -m tools.schemas
"""

from __future__ import annotations

import importlib
import json
import pkgutil
import re
import sys
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

import mentorlog.core
from mentorlog.cli.git import InitOutput
from mentorlog.cli.output import JSON_VERSION, Retry
from mentorlog.core.actions import ActionView, DoneResult
from mentorlog.core.agreement import AgreementView
from mentorlog.core.config import Setting, Settings
from mentorlog.core.direction import DirectionResult
from mentorlog.core.doctor import DoctorReport
from mentorlog.core.due import DueResult
from mentorlog.core.entries import AnyEntry, RecapEntry
from mentorlog.core.errors import ExitCode, MentorlogError
from mentorlog.core.export import ExportResult
from mentorlog.core.goals import GoalResult, GoalView
from mentorlog.core.health import CheckinResult, HealthView
from mentorlog.core.importing import ImportResult
from mentorlog.core.journey import JourneyItem
from mentorlog.core.lifecycle import ClosedView
from mentorlog.core.migrations import MigrateResult
from mentorlog.core.models import FILE_ONLY, Reflection, ShortMilestone, Stored, result_names
from mentorlog.core.network import NetworkView
from mentorlog.core.overview import RelationshipSummary, RelationshipView
from mentorlog.core.prep import PrepResult
from mentorlog.core.prompts import PromptSetView
from mentorlog.core.recap import RecapResult
from mentorlog.core.recaps import Session
from mentorlog.core.reflect import ReflectionSummary, Suggestion
from mentorlog.core.search import Hit, ReindexResult
from mentorlog.core.seasons import SeasonsView
from mentorlog.core.sync import SyncResult
from mentorlog.core.timeline import LogEvent
from mentorlog.core.trash import RestoreResult, TrashEntry

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "docs" / "schemas"
FORMAT = ROOT / "docs" / "FORMAT.md"
BEGIN, END = "<!-- schemas:begin -->", "<!-- schemas:end -->"
REGENERATE = ".venv/bin/python -m tools.schemas"
VERSION = JSON_VERSION  # the envelope's "version"
ERROR_FILE = "error.json"
RETRY_FILE = "already-recorded.json"  # any write, run again with nothing changed since
# Codes the error boundary (cli/app.py `_failure`) gives what is not a domain error.
BOUNDARY_CODES = ("usage", "os_error", "interrupted", "stopped", "internal")

# What each command prints as `data`. A command with more than one shape (`health` with
# and without a slug, `reflect --list-sets`) names them all: the schema is any of them.
# fmt: off
RESULTS: dict[str, Any] = {
    "new-relationship": RelationshipView,
    "list": list[RelationshipSummary],
    "show": RelationshipView,
    "edit": RelationshipView,
    "rapport": RelationshipView,
    "direction": DirectionResult,
    "agreement": AgreementView,
    "goal add": GoalResult,
    "goal list": list[GoalView],
    "goal update": GoalResult,
    "goal done": GoalResult,
    "goal drop": GoalResult,
    "prep": PrepResult,
    "recap": RecapResult | RecapEntry,  # a new recap | `recap --edit`
    "actions": list[ActionView],
    "done": DoneResult,
    "renegotiate": ActionView,
    "due": DueResult,
    "log": list[LogEvent],
    "pause": RelationshipView,
    "resume": RelationshipView,
    "close": ClosedView,
    "reflect": Reflection | list[PromptSetView] | Suggestion,  # --list-sets | --suggest
    "journal": list[ReflectionSummary],
    "read": AnyEntry,
    "recaps": list[Session],
    "checkin": CheckinResult,
    "health": HealthView | list[HealthView],  # one relationship | all of them
    "seasons": SeasonsView,
    "search": list[Hit],
    "reindex": ReindexResult,
    "network": NetworkView,
    "network want": NetworkView,
    "network unwant": NetworkView,
    "journey": list[JourneyItem],
    "journey add": ShortMilestone,
    "delete": TrashEntry,
    "trash": list[TrashEntry],
    "restore": RestoreResult,
    "export": ExportResult,
    "import": ImportResult,
    "doctor": DoctorReport,
    "init": InitOutput,
    "sync": SyncResult,
    "config list": Settings,
    "config get": Setting,
    "config set": Setting,
    "config unset": Setting,
    "migrate": MigrateResult,
}
# fmt: on


class Dumped(GenerateJsonSchema):
    """The schema of what `emit_json` writes (`model_dump(mode="json")` in the result
    context), every key required.

    Stored models (core/models.py) dump through a wrap serializer typed `Any`, which
    pydantic would describe as "anything": their fields are described instead, as that
    serializer gives them in a result (`_as_result`).
    """

    def ser_schema(
        self,
        schema: core_schema.SerSchema
        | core_schema.IncExSeqSerSchema
        | core_schema.IncExDictSerSchema,
    ) -> JsonSchemaValue | None:
        if schema["type"] == "function-wrap":
            returns = schema.get("return_schema")
            if isinstance(returns, dict) and returns.get("type") == "any":
                return None  # described by the model's own fields
        return super().ser_schema(schema)

    def model_schema(self, schema: core_schema.ModelSchema) -> JsonSchemaValue:
        described = super().model_schema(schema)
        keys, left_out = _as_result(schema["cls"], described.get("properties", {}))
        if "properties" in described:
            described["properties"] = keys
        described["required"] = [key for key in keys if key not in left_out]
        described["additionalProperties"] = False
        return described


def _as_result(cls: type[Any], keys: dict[str, Any]) -> tuple[dict[str, Any], set[str]]:
    """A model's keys as a result shows them, and those it may leave out.

    This mirrors `Stored`'s serializer (core/models.py): it leaves out an empty
    `kept_both` and the `QUIET` keys while None; in a result (the `RESULT` context) it
    also leaves out `FILE_ONLY` keys, gives null for an `ABSENT` key's "", and renames
    `RESULT_NAMES` keys (null for an empty value). The contract test holds the two
    together: real output that differs from this fails it.
    """
    if not issubclass(cls, Stored):
        return keys, set()
    names = result_names(cls)
    absent = {*cls.ABSENT, *names}
    shown: dict[str, Any] = {}
    left_out: set[str] = set()
    for key, described in keys.items():
        if key in FILE_ONLY:
            continue
        name = names.get(key, key)
        shown[name] = _nullable(described) if key in absent else described
        if key == "kept_both" or key in cls.QUIET:
            left_out.add(name)
    return shown, left_out


def _nullable(described: dict[str, Any]) -> dict[str, Any]:
    if {"type": "null"} in described.get("anyOf", []) or described.get("type") == "null":
        return described
    return {"anyOf": [described, {"type": "null"}]}


def _tidy(node: Any) -> Any:
    """Drop pydantic's generated field titles and input defaults: noise in an output."""
    if isinstance(node, list):
        return [_tidy(item) for item in node]
    if not isinstance(node, dict):
        return node
    tidy = {key: _tidy(value) for key, value in node.items() if key != "default"}
    if isinstance(node.get("properties"), dict):
        tidy["properties"] = {
            name: {k: v for k, v in _tidy(prop).items() if k != "title"}
            for name, prop in node["properties"].items()
        }
    return tidy


def file_name(command: str) -> str:
    return command.replace(" ", "-") + ".json"


def data_schema(result: Any) -> dict[str, Any]:
    schema = TypeAdapter(result).json_schema(mode="serialization", schema_generator=Dumped)
    return dict(_tidy(schema))


def envelope(command: str, result: Any) -> dict[str, Any]:
    data = data_schema(result)
    defs = data.pop("$defs", None)
    schema: dict[str, Any] = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"mentorlog {command} --json",
        "type": "object",
        "properties": {"version": {"const": VERSION}, "data": data},
        "required": ["version", "data"],
        "additionalProperties": False,
    }
    if defs:
        schema["$defs"] = defs
    return schema


def error_codes() -> list[str]:
    """Every error's `code`: each domain error's (core/), then the boundary's own."""
    for module in pkgutil.iter_modules(mentorlog.core.__path__):
        importlib.import_module(f"mentorlog.core.{module.name}")
    codes: list[str] = []
    kinds: list[type[MentorlogError]] = [MentorlogError]
    while kinds:
        kind = kinds.pop(0)
        kinds += sorted(kind.__subclasses__(), key=lambda k: k.__name__)
        if kind.code not in codes and kind.exit_code != ExitCode.OK:  # a retry is no error
            codes.append(kind.code)
    return [*codes, *(code for code in BOUNDARY_CODES if code not in codes)]


def error_envelope() -> dict[str, Any]:
    """What any command prints on stdout under --json when it fails."""
    text = {"type": "string"}
    error = {
        "type": "object",
        "properties": {
            "code": {"enum": error_codes()},
            "message": {"type": "string", "minLength": 1},
            "hint": {"anyOf": [text, {"type": "null"}]},
        },
        "required": ["code", "message", "hint"],
        "additionalProperties": False,
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "mentorlog COMMAND --json, when it fails",
        "type": "object",
        "properties": {"version": {"const": VERSION}, "error": error},
        "required": ["version", "error"],
        "additionalProperties": False,
    }


def schemas() -> dict[str, dict[str, Any]]:
    """Every schema file's name and content: one per command, and the error's."""
    files = {file_name(command): envelope(command, result) for command, result in RESULTS.items()}
    retry = envelope("COMMAND", Retry) | {"title": "mentorlog COMMAND --json, already recorded"}
    return {**files, RETRY_FILE: retry, ERROR_FILE: error_envelope()}


def as_text(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def top_keys(schema: dict[str, Any]) -> list[str]:
    """The keys of `data` (of each object in it, for a list), every shape's, in order."""
    keys: list[str] = []
    for shape in shapes(schema):
        keys += [key for key in shape.get("properties", {}) if key not in keys]
    return keys


def shapes(schema: dict[str, Any]) -> list[dict[str, Any]]:
    """Each object `data` may be (or, for a list, hold)."""
    return _shapes(schema["properties"]["data"], schema.get("$defs", {}))


def _shapes(node: dict[str, Any], defs: dict[str, Any]) -> list[dict[str, Any]]:
    if "$ref" in node:
        return _shapes(defs[node["$ref"].rsplit("/", 1)[1]], defs)
    if "anyOf" in node:
        return [shape for each in node["anyOf"] for shape in _shapes(each, defs)]
    if node.get("type") == "array" and "items" in node:
        return [{**shape, "in_list": True} for shape in _shapes(node["items"], defs)]
    return [node]


def _described(shape: dict[str, Any], named: bool) -> str:
    required = shape.get("required", [])
    names = [f"`{key}`" + ("" if key in required else "?") for key in shape.get("properties", {})]
    keys = "{" + ", ".join(names) + "}"
    if shape.get("in_list"):
        keys = f"a list of {keys}"
    return f"{shape.get('title', 'object')}: {keys}" if named else keys


def section(files: dict[str, dict[str, Any]]) -> str:
    """The part of docs/FORMAT.md between the markers: each command, its file, its keys."""
    lines = [
        BEGIN,
        f"<!-- generated by `{REGENERATE}` (tools/schemas.py); do not edit by hand -->",
        "",
        "| Command | Schema | `data` |",
        "| --- | --- | --- |",
    ]
    for command in RESULTS:
        name = file_name(command)
        each = shapes(files[name])
        keys = "<br>or ".join(_described(shape, len(each) > 1) for shape in each)
        lines.append(f"| `{command}` | [{name}](schemas/{name}) | {keys} |")
    retry = _described(shapes(files[RETRY_FILE])[0], False)
    lines.append(f"| any write, run again | [{RETRY_FILE}](schemas/{RETRY_FILE}) | {retry} |")
    codes = ", ".join(f"`{code}`" for code in error_codes())
    lines.append(
        f"| any, failing | [{ERROR_FILE}](schemas/{ERROR_FILE}) | no `data`: "
        f"`error`: {{`code`, `message`, `hint`}}; `code` is one of {codes} |"
    )
    return "\n".join([*lines, END])


SECTION = re.compile(re.escape(BEGIN) + r".*?" + re.escape(END), re.DOTALL)


def with_section(text: str, files: dict[str, dict[str, Any]]) -> str:
    if not SECTION.search(text):
        raise SystemExit(f"docs/FORMAT.md has no {BEGIN} ... {END} markers")
    return SECTION.sub(lambda _: section(files), text, count=1)


def write() -> list[str]:
    """Write every schema file and FORMAT.md's section; say which changed."""
    files = schemas()
    changed = []
    FOLDER.mkdir(parents=True, exist_ok=True)
    for name, schema in files.items():
        path = FOLDER / name
        text = as_text(schema)
        if not path.exists() or path.read_text() != text:
            path.write_text(text)
            changed.append(str(path.relative_to(ROOT)))
    for path in FOLDER.glob("*.json"):
        if path.name not in files:
            path.unlink()
            changed.append(f"{path.relative_to(ROOT)} (removed)")
    doc = FORMAT.read_text()
    if with_section(doc, files) != doc:
        FORMAT.write_text(with_section(doc, files))
        changed.append(str(FORMAT.relative_to(ROOT)))
    return changed


def main() -> None:
    changed = write()
    sys.stdout.write("".join(f"wrote {name}\n" for name in changed) or "up to date\n")


if __name__ == "__main__":
    main()
