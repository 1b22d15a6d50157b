"""Updating a TOML file a person may have edited, keeping their comments and layout.

`update_toml(old_text, data)` applies `data` (what the file must now hold) onto the
existing text with tomlkit: values that did not change are left byte for byte, changed
ones are replaced in place (keeping a comment at the end of their line), new keys are
added after their neighbour, gone ones removed. Entries of an array of tables
(`[[goals]]`, `[[actions]]`, ...) are matched by their `id` (else by position), so
untouched entries keep their comments. See docs/design/tomlkit.md.

tomlkit is imported here only, and this module only when a file is updated, so a
command that merely reads pays nothing for it.
"""

from __future__ import annotations

import difflib
from enum import Enum
from typing import Any

import tomli_w
import tomlkit
from tomlkit.container import Container
from tomlkit.items import AoT, Array, Comment, InlineTable, Item, SingleKey, Table, Whitespace

from mentorlog.core.files import same

Data = dict[str, Any]
Holder = Container | Table | InlineTable


class CannotMerge(Exception):
    """The change is not one this module keeps layout for; write the file afresh."""


def plain(value: Any) -> Any:
    """Enums as their values, recursively: what a TOML reader gives back."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dict):
        return {str(plain(k)): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def update_toml(
    old_text: str, data: Data, multiline: bool = True, before: Data | None = None
) -> str:
    """`old_text` with `data` applied; raises CannotMerge when it cannot keep the layout.

    `before` is the old file as the model sees it (with defaults filled in): a key the
    file leaves out whose value is still that default stays left out.
    """
    document = tomlkit.parse(old_text)
    _merge_table(document, plain(data), multiline, plain(before) if before else None)
    return document.as_string()


# -- fresh items, formatted exactly as tomli_w writes a new file ---------------------------
def _fresh(value: Any, multiline: bool, nested: bool = False) -> Item:
    """`value` as a tomlkit item, in tomli_w's style (parsed from its output)."""
    wrapped = {"t": {"x": value}} if nested else {"x": value}
    parsed = tomlkit.parse(tomli_w.dumps(wrapped, multiline_strings=multiline))
    item = parsed["t"].item("x") if nested else parsed.item("x")
    assert isinstance(item, Item)
    return item


def _fresh_element(value: Any, multiline: bool) -> Item:
    """One element for an existing array (inside a table, so tables come out inline)."""
    array = _fresh([value], multiline, nested=True)
    if not isinstance(array, Array):  # tomli_w chose a [[header]] for this table
        raise CannotMerge("an element that cannot be written inline")
    element: Item = array[0]
    return element


# -- tables ---------------------------------------------------------------------------------
def _keys(holder: Holder) -> list[str]:
    return list(holder.keys())


def _is_table_item(item: Any) -> bool:
    return isinstance(item, Table | AoT)


def _merge_table(holder: Holder, new: Data, multiline: bool, before: Data | None) -> None:
    for key in _keys(holder):
        if key not in new:
            del holder[key]
    previous: str | None = None
    for key, value in new.items():
        if key in holder:
            _merge_value(holder, key, value, multiline, (before or {}).get(key))
        elif before is not None and key in before and same(before[key], value):
            continue  # a default the person left out, and still the default
        else:
            _add(holder, key, value, previous, multiline)
        previous = key


def _container(holder: Holder) -> Container:
    return holder if isinstance(holder, Container) else holder.value


def _add(holder: Holder, key: str, value: Any, after: str | None, multiline: bool) -> None:
    """Add `key`, just after the key before it in the model's order when that is a plain
    value (so it lands above any trailing comment), else where tomlkit puts it."""
    item = _fresh(value, multiline, nested=isinstance(holder, InlineTable))
    container = _container(holder)
    if isinstance(item, Table) and not isinstance(holder, InlineTable):
        item.trivia.indent = "\n"
    if (
        after is not None
        and not _is_table_item(item)
        and not isinstance(holder, InlineTable)
        and not _is_table_item(holder.get(after))
    ):
        _insert_after(container, after, key, item)
    else:
        holder[key] = item


def _insert_after(container: Container, after: str, key: str, item: Item) -> None:
    """Put `key` right after `after` (tomlkit's public API only appends).

    Uses `Container._insert_at`, present across tomlkit 0.13-0.15; the read-back check in
    `files.updated_toml` guards against a future tomlkit doing it differently.
    """
    index = container._map.get(SingleKey(after))
    if isinstance(index, tuple):
        index = max(index)
    if index is None or index + 1 >= len(container.body):
        container.append(key, item)
        return
    current = container.body[index][1]
    if "\n" not in current.trivia.trail:
        current.trivia.trail += "\n"
    container._insert_at(index + 1, key, item)


def _merge_value(holder: Holder, key: str, value: Any, multiline: bool, before: Any) -> None:
    old = holder[key]
    if isinstance(value, dict) and isinstance(old, Table | InlineTable):
        _merge_table(old, value, multiline, before if isinstance(before, dict) else None)
    elif isinstance(value, list) and isinstance(old, AoT):
        _merge_aot(old, value, multiline, before if isinstance(before, list) else None)
    elif isinstance(value, list) and isinstance(old, Array) and (old or not _tables(value)):
        _merge_array(old, value, multiline)
    elif not same(_unwrap(old), value):
        holder[key] = _fresh(value, multiline, nested=isinstance(holder, InlineTable))


def _tables(values: list[Any]) -> bool:
    return any(isinstance(value, dict) for value in values)


def _unwrap(item: Any) -> Any:
    return item.unwrap() if hasattr(item, "unwrap") else item


# -- arrays of plain values or inline tables ------------------------------------------------
def _merge_array(array: Array, new: list[Any], multiline: bool) -> None:
    """Delete and insert elements so that the unchanged ones keep their comments."""
    old = _unwrap(array)
    if same(old, new):
        return
    matcher = difflib.SequenceMatcher(a=[repr(v) for v in old], b=[repr(v) for v in new])
    for tag, a0, a1, b0, b1 in reversed(matcher.get_opcodes()):
        if tag == "equal":
            continue
        for index in reversed(range(a0, a1)):
            del array[index]
        for offset, value in enumerate(new[b0:b1]):
            array.insert(a0 + offset, _fresh_element(value, multiline))


# -- arrays of tables: [[goals]], [[actions]], ... ------------------------------------------
def _match(old: list[Data], new: list[Data]) -> list[int | None]:
    """For each new entry, the old entry it continues (by `id`, else by position)."""
    if all("id" in entry for entry in old + new):
        where: dict[Any, list[int]] = {}
        for index, entry in enumerate(old):
            where.setdefault(entry["id"], []).append(index)
        return [where[e["id"]].pop(0) if where.get(e["id"]) else None for e in new]
    return [index if index < len(old) else None for index in range(len(new))]


def _merge_aot(aot: AoT, new: list[Any], multiline: bool, before: list[Any] | None) -> None:
    if not all(isinstance(entry, dict) for entry in new):
        raise CannotMerge("an array of tables became something else")
    tables: list[Table] = list(aot.body)
    matches = _match([t.unwrap() for t in tables], new)
    kept = [m for m in matches if m is not None]
    olds = before if before is not None and len(before) == len(tables) else [None] * len(tables)
    if kept != sorted(kept):
        raise CannotMerge("entries were reordered")
    for index in reversed(range(len(tables))):
        if index not in kept:
            _remove_entry(aot, tables, index, set(kept))
    for position, (entry, match) in enumerate(zip(new, matches, strict=True)):
        if match is not None:
            _merge_table(tables[match], entry, multiline, olds[match])
        else:
            table = _fresh([entry], multiline)
            assert isinstance(table, AoT)
            fresh = table.body[0]
            fresh.trivia.indent = "\n"
            aot.insert(position, fresh)


def _remove_entry(aot: AoT, tables: list[Table], index: int, kept: set[int]) -> None:
    """Remove one entry; the comments at its end (above the next entry's header in the
    file) move to the entry before it, or, if none is kept, to the top of the next."""
    tail = _take_tail(tables[index])
    before = [i for i in kept if i < index]
    after = [i for i in kept if i > index]
    if tail and before:
        _give_tail(tables[max(before)], tail)
    elif tail and after:
        _prepend(tables[min(after)].value, tail)
    del aot[aot.body.index(tables[index])]


def _deepest(table: Table) -> Container:
    """The container whose end is the end of `table` in the file."""
    container = table.value
    last = container.body[-1][1] if container.body else None
    if isinstance(last, Table):
        return _deepest(last)
    if isinstance(last, AoT) and last.body:
        return _deepest(last.body[-1])
    return container


def _take_tail(table: Table) -> list[Item]:
    body = _deepest(table).body
    tail: list[Item] = []
    while body and body[-1][0] is None and isinstance(body[-1][1], Comment | Whitespace):
        tail.insert(0, body.pop()[1])
    return tail


def _give_tail(table: Table, tail: list[Item]) -> None:
    container = _deepest(table)
    for item in tail:
        container.append(None, item)


def _prepend(container: Container, items: list[Item]) -> None:
    """Put comment lines at the top of a table's body (tomlkit has no public call)."""
    count = len(items)
    for key, where in list(container._map.items()):
        container._map[key] = (
            tuple(i + count for i in where) if isinstance(where, tuple) else where + count
        )
    container.body[:0] = [(None, item) for item in items]
