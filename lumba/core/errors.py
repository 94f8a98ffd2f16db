"""Turning validation errors into messages that name the offending field."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError


def field_path(loc: tuple[Any, ...], indexes: bool = True) -> str:
    """('pain', 'locations', 0) -> 'pain.locations[0]' (or 'pain.locations')."""
    path = ""
    for part in loc:
        if isinstance(part, int):
            if indexes:
                path += f"[{part}]"
        else:
            # A key from the input may hold anything; quote odd ones so a
            # message stays on one line and says exactly which key it means.
            name = part if part.isidentifier() else json.dumps(part, ensure_ascii=False)
            path += f".{name}" if path else name
    return path


_PLAIN = {
    "missing": "is required",
    "extra_forbidden": "is not a known field",
    "int_type": "must be a whole number",
    "int_from_float": "must be a whole number",
    "bool_type": "must be true or false",
    "float_type": "must be a number",
    "string_type": "must be text",
    "list_type": "must be a list",
    "model_type": "must be an object",
    "model_attributes_type": "must be an object",
    "dict_type": "must be an object",
    "too_short": "must not be empty",
}


# An answer lists this many problems at most: enough to fix a real input in
# one go, and a hostile one cannot make the answer grow with its size.
MAX_PROBLEMS = 25


@dataclass(frozen=True, slots=True)
class FieldProblem:
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.field or '(document)'}: {self.message}"


def problems(error: ValidationError, indexes: bool = False) -> list[FieldProblem]:
    """One plain problem per pydantic error, each naming its field path."""
    return problems_of([error], indexes)


def problems_of(errors: list[ValidationError], indexes: bool = False) -> list[FieldProblem]:
    """The problems of several errors as one list, capped as one."""
    total = sum(error.error_count() for error in errors)
    found: list[FieldProblem] = []
    for error in errors:
        # Only as many as can be shown are turned into messages.
        for item in error.errors(include_url=False)[: MAX_PROBLEMS - len(found)]:
            found.append(_problem(item, indexes))
    return capped(found, total)


def _problem(item: Any, indexes: bool) -> FieldProblem:
    loc = tuple(item["loc"])
    # pydantic adds the union branch or function name to the loc; drop them.
    loc = tuple(
        p for p in loc if not (isinstance(p, str) and ("[" in p or p.startswith("function-")))
    )
    message = _PLAIN.get(item["type"]) or _from_context(item) or _lower_first(item["msg"])
    if message.startswith("value error, "):
        message = message[len("value error, ") :]
    if (
        item["type"] not in ("missing", "json_invalid")
        and "input" in item
        and not isinstance(item["input"], dict | list)
    ):
        message += f" (got {_short(item['input'])})"
    list_index = next((p for p in reversed(loc) if isinstance(p, int)), None)
    if not indexes and list_index is not None:
        message = f"item {list_index + 1}: {message}"
    return FieldProblem(field_path(loc, indexes=indexes), message)


def capped(found: list[FieldProblem], total: int | None = None) -> list[FieldProblem]:
    """At most MAX_PROBLEMS problems, the last saying how many more there were."""
    total = len(found) if total is None else total
    if total <= MAX_PROBLEMS:
        return found
    shown = found[: MAX_PROBLEMS - 1]
    return [*shown, FieldProblem("", f"and {total - len(shown)} more problems, not listed")]


def _from_context(item: Any) -> str | None:
    ctx = item.get("ctx") or {}
    kind = item["type"]
    if kind == "less_than_equal":
        return f"must be at most {ctx['le']}"
    if kind == "greater_than_equal":
        return f"must be at least {ctx['ge']}"
    if kind == "literal_error":
        return f"is not a known value; use one of {ctx['expected']}"
    if kind == "json_invalid":
        return f"not valid JSON: {ctx.get('error', 'cannot parse')}"
    if kind == "finite_number":
        return "must be a finite number"
    return None


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _short(value: Any) -> str:
    # Shown as JSON, the language the input was written in.
    text = json.dumps(value, ensure_ascii=False, default=repr)
    return text if len(text) <= 40 else text[:37] + "..."
