"""One answer's value, checked as strictly as the spec checks an assessment:
the value[x] the item's type takes, a code the item offers, a number
within the spec's bounds. fhir.resources alone would read "4" or true as
the whole number 4 or 1."""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from typing import Any

from lumba.fhir import fields
from lumba.fhir.canonical import CODE_SYSTEM_URL
from lumba.fhir.items import VALUE_KEYS


class BadAnswer(ValueError):
    def __init__(self, message: str, code: str = "invalid") -> None:
        self.message = message
        self.code = code  # an OperationOutcome issue type
        super().__init__(message)


def value_of(answer: Any, kind: str, field: str, codes: list[str]) -> Any:
    """The value of one answer to an item of type `kind` that fills `field`."""
    if not isinstance(answer, dict):
        raise BadAnswer("each answer must be an object", "structure")
    if "item" in answer:
        raise BadAnswer("an answer takes no nested items", "structure")
    expected = VALUE_KEYS[kind]
    given = [key for key in answer if key.startswith("value")]
    if given != [expected]:
        raise BadAnswer(_wrong_value(given, expected), "structure")
    return _CHECKS[kind](answer[expected], field, codes)


def _wrong_value(given: list[str], expected: str) -> str:
    if not given:
        return f"each answer needs a {expected}"
    if len(given) > 1:
        return f"an answer has one value, got {', '.join(given)}"
    return f"takes {expected}, got {given[0]}"


def _coding(value: Any, field: str, codes: list[str]) -> str:
    if not isinstance(value, dict):
        raise BadAnswer("valueCoding must be an object", "structure")
    system, code = value.get("system"), value.get("code")
    if system != CODE_SYSTEM_URL:
        raise BadAnswer(
            f"valueCoding.system must be {CODE_SYSTEM_URL} (got {short(system)})", "code-invalid"
        )
    if not isinstance(code, str) or code not in codes:
        offered = ", ".join(codes)
        raise BadAnswer(
            f"{short(code)} is not an answer this item offers ({offered})", "code-invalid"
        )
    return code


def _integer(value: Any, field: str, codes: list[str]) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise BadAnswer(f"valueInteger must be a whole number (got {short(value)})")
    return int(_within(value, field))


def _decimal(value: Any, field: str, codes: list[str]) -> float:
    if not isinstance(value, int | float) or isinstance(value, bool) or not math.isfinite(value):
        raise BadAnswer(f"valueDecimal must be a number (got {short(value)})")
    return _within(value, field)


def _boolean(value: Any, field: str, codes: list[str]) -> bool:
    if not isinstance(value, bool):
        raise BadAnswer(f"valueBoolean must be true or false (got {short(value)})")
    return value


def _within(value: float, field: str) -> float:
    low, high = fields.bounds(field)
    if (low is not None and value < low) or (high is not None and value > high):
        raise BadAnswer(f"must be from {low:g} to {high:g} (got {value:g})", "value")
    return value


_CHECKS: dict[str, Callable[[Any, str, list[str]], Any]] = {
    "choice": _coding,
    "integer": _integer,
    "decimal": _decimal,
    "boolean": _boolean,
}


def short(value: Any) -> str:
    """A value as JSON, the language it was written in, cut to a line."""
    text = json.dumps(value, ensure_ascii=False, default=repr)
    return text if len(text) <= 40 else text[:37] + "..."
