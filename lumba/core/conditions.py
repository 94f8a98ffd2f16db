"""A small, typed condition language shared by triage rules and advice cards.

A condition is a mapping whose keys all have to hold. There is no negation
and no free text: adding a symptom or a history item can only make more
conditions true, which is what keeps triage monotone (spec safety property 1).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from lumba.core.facts import Facts
from lumba.core.vocabulary import (
    Activity,
    HistoryItem,
    Impact,
    Location,
    Onset,
    PainFlag,
    Pattern,
    Symptom,
)

Predicate = Callable[[Facts], bool]


class Range(BaseModel):
    """Inclusive bounds; either may be left out."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    min: int | None = None
    max: int | None = None

    @model_validator(mode="after")
    def _ordered(self) -> Range:
        if self.min is None and self.max is None:
            raise ValueError("a range needs min, max or both")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(f"min {self.min} is above max {self.max}")
        return self

    def holds(self, value: int) -> bool:
        return (self.min is None or value >= self.min) and (self.max is None or value <= self.max)


NonEmpty = Annotated[list[Any], Field(min_length=1)]


class Condition(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    symptoms_any: Annotated[list[Symptom], Field(min_length=1)] | None = None
    symptoms_all: Annotated[list[Symptom], Field(min_length=1)] | None = None
    history_any: Annotated[list[HistoryItem], Field(min_length=1)] | None = None
    locations_any: Annotated[list[Location], Field(min_length=1)] | None = None
    worse_with_any: Annotated[list[Activity], Field(min_length=1)] | None = None
    pattern_in: Annotated[list[Pattern], Field(min_length=1)] | None = None
    onset_in: Annotated[list[Onset], Field(min_length=1)] | None = None
    impact_in: Annotated[list[Impact], Field(min_length=1)] | None = None
    weeks: Range | None = None
    intensity: Range | None = None
    duration_days: Range | None = None
    flags_true: Annotated[list[PainFlag], Field(min_length=1)] | None = None
    flags_false: Annotated[list[PainFlag], Field(min_length=1)] | None = None
    any_of: Annotated[list[Condition], Field(min_length=1)] | None = None
    all_of: Annotated[list[Condition], Field(min_length=1)] | None = None

    @model_validator(mode="after")
    def _not_empty(self) -> Condition:
        if not self.model_fields_set:
            raise ValueError("a condition needs at least one test")
        return self

    def reads(self) -> frozenset[str]:
        """The facts this condition looks at (for review and tests)."""
        own = {name for name in self.model_fields_set if name not in ("any_of", "all_of")}
        for child in (self.any_of or []) + (self.all_of or []):
            own |= child.reads()
        return frozenset(own)

    def compile(self) -> Predicate:
        tests = [_compile_test(name, getattr(self, name)) for name in sorted(self.model_fields_set)]
        if len(tests) == 1:
            return tests[0]
        return lambda facts: all(test(facts) for test in tests)

    def holds(self, facts: Facts) -> bool:
        return self.compile()(facts)


def _set_any(attribute: str, wanted: list[str]) -> Predicate:
    wanted_set = frozenset(wanted)
    return lambda facts: not wanted_set.isdisjoint(getattr(facts, attribute))


def _in(attribute: str, allowed: list[str]) -> Predicate:
    allowed_set = frozenset(allowed)
    return lambda facts: getattr(facts, attribute) in allowed_set


def _range(attribute: str, bounds: Range) -> Predicate:
    low = bounds.min if bounds.min is not None else -(10**9)
    high = bounds.max if bounds.max is not None else 10**9
    return lambda facts: low <= getattr(facts, attribute) <= high


def _compile_test(name: str, value: Any) -> Predicate:
    if name == "symptoms_any":
        return _set_any("symptoms", value)
    if name == "symptoms_all":
        needed = frozenset(value)
        return lambda facts: needed <= facts.symptoms
    if name == "history_any":
        return _set_any("history", value)
    if name == "locations_any":
        return _set_any("locations", value)
    if name == "worse_with_any":
        return _set_any("worse_with", value)
    if name in ("pattern_in", "onset_in", "impact_in"):
        return _in(
            {"pattern_in": "pattern", "onset_in": "onset", "impact_in": "impact"}[name], value
        )
    if name in ("weeks", "intensity", "duration_days"):
        return _range(name, value)
    if name == "flags_true":
        needed = frozenset(value)
        return lambda facts: needed <= facts.flags
    if name == "flags_false":
        banned = frozenset(value)
        return lambda facts: banned.isdisjoint(facts.flags)
    if name == "any_of":
        children = [child.compile() for child in value]
        return lambda facts: any(child(facts) for child in children)
    if name == "all_of":
        children = [child.compile() for child in value]
        return lambda facts: all(child(facts) for child in children)
    raise AssertionError(f"unhandled condition key {name}")
