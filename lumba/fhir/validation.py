"""Checking a resource against its FHIR R4B model (fhir.resources).

fhir.resources checks structure and types, not terminology bindings or
invariants (docs: ecosystem research, section 6); lumba checks its own
codes itself. The package is loaded on first use: it takes half a second,
which `lumba triage` and the web's other pages should not pay.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from functools import cache
from typing import Any

from pydantic import ValidationError

Location = tuple[int | str, ...]


class InvalidResource(ValueError):
    def __init__(self, kind: str, errors: list[tuple[Location, str]]) -> None:
        self.errors = errors
        shown = "; ".join(
            f"{'.'.join(map(str, loc)) or kind}: {message}" for loc, message in errors
        )
        super().__init__(f"{kind} breaks its R4B model: {shown}")


@cache
def _models() -> Any:
    return importlib.import_module("fhir.resources.R4B")


def model_errors(resource: Mapping[str, Any]) -> list[tuple[Location, str]]:
    """(where, what) for every way `resource` breaks the R4B model its
    resourceType names; empty when it fits."""
    kind = resource.get("resourceType")
    try:
        model = _models().get_fhir_model_class(kind)
    except (KeyError, ValueError, TypeError):
        return [(("resourceType",), f"{kind!r} is not an R4B resource type")]
    try:
        model.model_validate(dict(resource))
    except ValidationError as error:
        return [(tuple(e["loc"]), _plain(e["msg"])) for e in error.errors(include_url=False)]
    return []


def validate(resource: Mapping[str, Any]) -> Mapping[str, Any]:
    """The resource itself, or InvalidResource listing what breaks its model."""
    errors = model_errors(resource)
    if errors:
        raise InvalidResource(str(resource.get("resourceType")), errors)
    return resource


def _plain(message: str) -> str:
    message = message.removeprefix("Value error, ")
    return message[:1].lower() + message[1:]
