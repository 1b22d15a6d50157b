"""A validation error in our own words: what a value should be, and what it was.

Pydantic says "Input should be a valid date or datetime, invalid character in year" or
"Input should be 'mentor', 'mentee' or 'peer'". A person who edited a file by hand (or
made an export by script) needs "should be a date like 2026-12-04, not 'next tuesday'".
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pydantic_core import ErrorDetails

WHOLE_NUMBER = {"int_parsing", "int_from_float", "int_type"}
DATE = {"date_parsing", "date_from_datetime_parsing", "date_from_datetime_inexact", "date_type"}
BOUNDS = {
    "greater_than_equal": "at least {ge}",
    "greater_than": "more than {gt}",
    "less_than_equal": "at most {le}",
    "less_than": "less than {lt}",
}
SIMPLE = {
    "bool_parsing": "true or false",
    "bool_type": "true or false",
    "string_type": "text, in quotes",
    "list_type": 'a list, like ["one", "two"]',
    "dict_type": "a table of keys and values",
    "model_type": "a table of keys and values",
    "float_parsing": "a number",
    "float_type": "a number",
}


def should_be(error: ErrorDetails) -> str:
    """ "should be ..., not ..." for one Pydantic error (the field is named by the caller)."""
    kind, context = error["type"], error.get("ctx") or {}
    was = _was(error.get("input"))
    if kind in ("enum", "literal_error"):
        return f"should be {str(context.get('expected', '')).replace(chr(39), '')}{was}"
    if kind in DATE:
        return f"should be a date like 2026-12-04{was}"
    if kind in WHOLE_NUMBER:
        return f"should be a whole number{was}"
    if kind in BOUNDS:
        return "should be " + BOUNDS[kind].format(**context) + was
    if kind in SIMPLE:
        return f"should be {SIMPLE[kind]}{was}"
    if kind == "missing":
        return "is missing"
    if kind == "extra_forbidden":
        return "is not a field mentorlog knows"
    if kind == "string_too_long":
        return f"should be at most {context.get('max_length')} characters"
    return str(error["msg"]).removeprefix("Value error, ").rstrip(".")


TOML_WORDS = {  # tomllib's words -> ours
    "Cannot overwrite a value": "a key is given twice (each may appear once)",
    "Invalid value": 'a value TOML cannot read (text needs quotes: "like this")',
    "Invalid date or datetime": "not a real date (dates are YYYY-MM-DD, without quotes)",
    "Expected '=' after a key in a key/value pair": "expected '=' after the key",
    "Unclosed array": "a list that is never closed with ]",
    "Unterminated string": "text whose closing quote is missing",
}


def toml_problem(problem: str, line: str = "") -> str:
    """tomllib's message for a file that does not parse, in our words; `line` is the
    line it stopped at (to name a key given twice)."""
    said = TOML_WORDS.get(problem, problem)
    key = line.split("=", 1)[0].strip() if "=" in line else ""
    if problem == "Cannot overwrite a value" and key:
        return f"'{key}' is given twice (each key may appear once)"
    return said


def _was(value: Any) -> str:
    if isinstance(value, dict | list) or value is None:
        return ""
    shown = repr(value) if isinstance(value, str) else str(value).lower()
    return f", not {shown[:60]}"
