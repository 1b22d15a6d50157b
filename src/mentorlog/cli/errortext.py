"""Parser and validation errors said in our own words, on one line.

The parser (Typer, checking values with Pydantic) says "Invalid value for '--role': Value
error, 'boss' is not one of ..." or "Input should be a valid integer, unable to parse
string as an integer". The boundary in cli/app.py asks here instead and says
"--role must be mentor, mentee or peer (got 'boss')".
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from typer._click.exceptions import (
    BadOptionUsage,
    BadParameter,
    MissingParameter,
    NoSuchOption,
)

if TYPE_CHECKING:
    from pydantic import ValidationError
    from pydantic_core import ErrorDetails

WHOLE_NUMBER = ("int_parsing", "int_from_float", "int_type")
BOUNDS = {
    "greater_than_equal": "at least {ge}",
    "greater_than": "more than {gt}",
    "less_than_equal": "at most {le}",
    "less_than": "less than {lt}",
}


def one_of(choices: list[str]) -> str:
    """`['mentor', 'mentee', 'peer']` -> "mentor, mentee or peer"."""
    return choices[0] if len(choices) == 1 else f"{', '.join(choices[:-1])} or {choices[-1]}"


def usage_message(problem: Exception) -> str | None:
    """Our wording for a parser error, or None to keep the parser's own (already plain)."""
    if isinstance(problem, BadOptionUsage) and "requires an argument" in problem.message:
        return f"{problem.option_name} needs a value"
    if isinstance(problem, NoSuchOption):
        close = getattr(problem, "possibilities", None) or []
        guess = f" (did you mean {one_of(sorted(close))}?)" if close else ""
        return f"there is no {problem.option_name} option here{guess}"
    extra = str(getattr(problem, "message", "")).partition("Got unexpected extra argument")
    if extra[1]:  # "Got unexpected extra argument(s) (a b)"
        return f"too many arguments: {extra[2].removeprefix('(s)').strip(' ()')}"
    param = getattr(problem, "param", None)
    if param is None:
        return None
    name = _name_of(param)
    if isinstance(problem, MissingParameter):
        about = (param.help or "").strip().rstrip(".")
        return f"missing {name}" + (f": {about[:1].lower()}{about[1:]}" if about else "")
    if isinstance(problem, BadParameter):
        return name + _what_it_must_be(param, problem.__cause__, problem.message)
    return None


def validation_message(problem: ValidationError) -> str:
    """A model refused what was typed: the first problem, named by its field."""
    first = problem.errors()[0]
    field = ".".join(str(part) for part in first["loc"]) or "the input"
    return field + _must_be(first)


def _name_of(param: Any) -> str:
    long_names = [name for name in param.opts if name.startswith("--")]
    if getattr(param, "param_type_name", "") == "option":
        return str((long_names or param.opts)[0])
    return str(param.metavar or (param.name or "value").upper()).removesuffix("...")


def _what_it_must_be(param: Any, cause: BaseException | None, said: str) -> str:
    """What follows the option's name: " must be ..." or ": what the check said"."""
    first = _first_error(cause)
    got = f" (got {first['input']!r})" if first is not None and "input" in first else ""
    described = getattr(param, "type_descriptor", None)
    if described is not None and described.is_choice:
        names = [str(getattr(choice, "value", choice)) for choice in described.choices or ()]
        return f" must be {one_of(names)}{got}"
    low, high = getattr(param, "min", None), getattr(param, "max", None)
    if first is not None and first["type"] in BOUNDS and low is not None and high is not None:
        return f" must be a number from {low} to {high}{got}"
    if first is not None:
        return _must_be(first)
    return f": {said.rstrip('.')}"


def _first_error(cause: BaseException | None) -> ErrorDetails | None:
    errors = getattr(cause, "errors", None)
    found = errors() if callable(errors) else []
    return found[0] if found else None


def _must_be(error: ErrorDetails) -> str:
    """What follows a name for one Pydantic error: " must be ..." or ": what it said"."""
    got = f" (got {error['input']!r})" if "input" in error else ""
    kind, context = error["type"], error.get("ctx") or {}
    if kind in WHOLE_NUMBER:
        return f" must be a whole number{got}"
    if kind == "float_parsing":
        return f" must be a number{got}"
    if kind in BOUNDS:
        return " must be " + BOUNDS[kind].format(**context) + got
    if kind == "missing":
        return " is missing"
    said = str(error["msg"]).removeprefix("Value error, ").rstrip(".")
    return f": {said}"
