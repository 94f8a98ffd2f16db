"""What the assessment model says about a field: whether the spec requires
it, and the bounds of a number. Read from lumba.core.assessment (which
accepts exactly what the published schema accepts), so the Questionnaire
cannot ask for more, or allow wider numbers, than the spec does."""

from __future__ import annotations

from functools import cache
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from lumba.core.assessment import Assessment


def _model_and_name(path: str) -> tuple[type[BaseModel], str]:
    *parents, leaf = path.split(".")
    model: type[BaseModel] = Assessment
    for parent in parents:
        model = _model_of(model.model_fields[parent].annotation)
    return model, leaf


def _model_of(annotation: Any) -> type[BaseModel]:
    # `BloodPressure | None` as well as `Pain`.
    for candidate in (annotation, *get_args(annotation)):
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return candidate
    raise KeyError(f"{annotation!r} is not an object of the assessment")


def is_required(path: str) -> bool:
    """Whether the spec requires `path` (within its parent object, when the parent is given)."""
    model, name = _model_and_name(path)
    return model.model_fields[name].is_required()


@cache
def bounds(path: str) -> tuple[float | None, float | None]:
    """The inclusive (low, high) bounds of a number field; None where unbounded."""
    model, name = _model_and_name(path)
    info = model.model_fields[name]
    low = high = None
    for constraint in _constraints(info):
        low = getattr(constraint, "ge", low)
        high = getattr(constraint, "le", high)
    return low, high


def _constraints(info: FieldInfo) -> list[Any]:
    """The field's own constraints, and those of an optional number (`X | None`)."""
    found = list(info.metadata)
    annotation = info.annotation
    if get_origin(annotation) is Union or type(annotation).__name__ == "UnionType":
        for arg in get_args(annotation):
            for extra in get_args(arg)[1:]:  # Annotated[float, FieldInfo(...)]
                found.extend(extra.metadata if isinstance(extra, FieldInfo) else [extra])
    return found


def whole_bounds(path: str) -> tuple[int, int]:
    """The bounds of a whole-number field (every one the spec has is bounded)."""
    low, high = bounds(path)
    if low is None or high is None:
        raise KeyError(f"{path} has no bounds")
    return int(low), int(high)
