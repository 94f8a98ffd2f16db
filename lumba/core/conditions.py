"""A small, typed condition language shared by triage rules and advice cards.

A condition is a mapping whose keys all have to hold. There is no negation
and no free text: adding a symptom or a history item can only make more
conditions true, which is what keeps triage monotone (spec safety property 1).
"""

from __future__ import annotations

from collections.abc import Callable
from operator import itemgetter
from typing import Annotated, Any, NamedTuple, cast

from pydantic import BaseModel, ConfigDict, Field, model_validator

from lumba.core.facts import Facts
from lumba.core.vocabulary import (
    Activity,
    HistoryItem,
    Impact,
    Location,
    Onset,
    PainBand,
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
    # "Severe pain" is one band, defined once (vocabulary.pain_band).
    pain_band_in: Annotated[list[PainBand], Field(min_length=1)] | None = None
    duration_days: Range | None = None
    # A measured blood pressure; a test on a reading never holds when none was given.
    systolic: Range | None = None
    diastolic: Range | None = None
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

    def facts_read(self) -> frozenset[str]:
        """The names of the Facts fields this condition depends on."""
        return frozenset(_FACT_OF_KEY[key] for key in self.reads())

    def compile(self) -> Predicate:
        tests = [_compile_test(name, getattr(self, name)) for name in sorted(self.model_fields_set)]
        return _all(tests)

    def holds(self, facts: Facts) -> bool:
        return self.compile()(facts)


def _all(tests: list[Predicate]) -> Predicate:
    # Nested closures rather than all(...) over a generator: triage runs these
    # for every rule on every assessment, and the generator costs more than the test.
    if len(tests) == 1:
        return tests[0]
    first, rest = tests[0], _all(tests[1:])
    return lambda facts: first(facts) and rest(facts)


def _any(tests: list[Predicate]) -> Predicate:
    if len(tests) == 1:
        return tests[0]
    first, rest = tests[0], _any(tests[1:])
    return lambda facts: first(facts) or rest(facts)


_FIELD = {name: index for index, name in enumerate(Facts._fields)}


# Typed getters over the Facts tuple: itemgetter reads a field by position
# (fast on the triage hot path); the cast tells the type checker what it holds.
def _set_field(attribute: str) -> Callable[[Facts], frozenset[str]]:
    return cast(Callable[[Facts], frozenset[str]], itemgetter(_FIELD[attribute]))


def _str_field(attribute: str) -> Callable[[Facts], str]:
    return cast(Callable[[Facts], str], itemgetter(_FIELD[attribute]))


def _int_field(attribute: str) -> Callable[[Facts], int]:
    return cast(Callable[[Facts], int], itemgetter(_FIELD[attribute]))


def _set_any(attribute: str, wanted: list[str]) -> Predicate:
    wanted_set, get = frozenset(wanted), _set_field(attribute)
    return lambda facts: not wanted_set.isdisjoint(get(facts))


def _set_all(attribute: str, wanted: list[str]) -> Predicate:
    needed, get = frozenset(wanted), _set_field(attribute)
    return lambda facts: needed <= get(facts)


def _set_none(attribute: str, banned: list[str]) -> Predicate:
    banned_set, get = frozenset(banned), _set_field(attribute)
    return lambda facts: banned_set.isdisjoint(get(facts))


def _in(attribute: str, allowed: list[str]) -> Predicate:
    allowed_set, get = frozenset(allowed), _str_field(attribute)
    return lambda facts: get(facts) in allowed_set


def _range(attribute: str, bounds: Range) -> Predicate:
    low = bounds.min if bounds.min is not None else -(10**9)
    high = bounds.max if bounds.max is not None else 10**9
    get = _int_field(attribute)
    return lambda facts: low <= get(facts) <= high


def _measured_range(attribute: str, bounds: Range) -> Predicate:
    low = bounds.min if bounds.min is not None else -(10**9)
    high = bounds.max if bounds.max is not None else 10**9
    get = cast(Callable[[Facts], int | None], itemgetter(_FIELD[attribute]))

    def test(facts: Facts) -> bool:
        value = get(facts)
        return value is not None and low <= value <= high

    return test


_SET_TESTS = {
    "symptoms_any": (_set_any, "symptoms"),
    "symptoms_all": (_set_all, "symptoms"),
    "history_any": (_set_any, "history"),
    "locations_any": (_set_any, "locations"),
    "worse_with_any": (_set_any, "worse_with"),
    "pattern_in": (_in, "pattern"),
    "onset_in": (_in, "onset"),
    "impact_in": (_in, "impact"),
    "pain_band_in": (_in, "pain_band"),
    "flags_true": (_set_all, "flags"),
    "flags_false": (_set_none, "flags"),
}


_RANGES = ("weeks", "intensity", "duration_days")
_MEASURED_RANGES = ("systolic", "diastolic")

# Which Facts field each condition key reads (ranges share the field's name).
_FACT_OF_KEY = {key: attribute for key, (_, attribute) in _SET_TESTS.items()} | {
    name: name for name in (*_RANGES, *_MEASURED_RANGES)
}


def leaf_test(name: str, value: Any) -> Predicate:
    """The test of one key other than any_of and all_of (for core/atoms.py)."""
    return _compile_test(name, value)


# Which Facts field each leaf key reads (for core/atoms.py).
FACT_OF_KEY = _FACT_OF_KEY


def _compile_test(name: str, value: Any) -> Predicate:
    if name in _SET_TESTS:
        make, attribute = _SET_TESTS[name]
        return make(attribute, value)
    if name in _RANGES:
        return _range(name, value)
    if name in _MEASURED_RANGES:
        return _measured_range(name, value)
    if name == "any_of":
        return _any([child.compile() for child in value])
    if name == "all_of":
        return _all([child.compile() for child in value])
    raise AssertionError(f"unhandled condition key {name}")


# ----------------------------------------------------------- unfinished checks
# A check that is not finished knows some facts and not others. These two
# readings of a condition bound what the finished check can give: `could`
# holds when some way of answering the rest makes the condition true, `must`
# when every way does. Both are safe approximations (an unknown answer is
# "maybe"), which is what the early stop of a check needs.

_SET_FIELDS = frozenset({"symptoms", "history", "locations", "worse_with"})


class PartialFacts(NamedTuple):
    known: Facts  # unanswered fields hold a placeholder; see `open` and `maybe`
    open: frozenset[str]  # Facts fields whose value is not known yet
    maybe: dict[str, frozenset[str]]  # set fields: values that may still be added
    open_flags: frozenset[str]  # pain flags not answered yet


def could_hold(condition: Condition, partial: PartialFacts) -> bool:
    return _bounded(condition, partial, could=True)


def must_hold(condition: Condition, partial: PartialFacts) -> bool:
    return _bounded(condition, partial, could=False)


def _bounded(condition: Condition, partial: PartialFacts, could: bool) -> bool:
    for name in condition.model_fields_set:
        value = getattr(condition, name)
        if name == "any_of":
            held = any(_bounded(child, partial, could) for child in value)
        elif name == "all_of":
            held = all(_bounded(child, partial, could) for child in value)
        else:
            held = _bounded_test(name, value, partial, could)
        if not held:
            return False
    return True


def _bounded_test(name: str, value: Any, partial: PartialFacts, could: bool) -> bool:
    attribute = _FACT_OF_KEY[name]
    known = partial.known
    if attribute == "flags":
        return _bounded_flags(name, frozenset(value), known.flags, partial.open_flags, could)
    if attribute in _SET_FIELDS:
        present = _set_field(attribute)(known)
        if could:
            present = present | partial.maybe.get(attribute, frozenset())
        wanted = frozenset(value)
        return wanted <= present if name == "symptoms_all" else not wanted.isdisjoint(present)
    if attribute in partial.open:
        return could
    return _compile_test(name, value)(known)


def _bounded_flags(
    name: str, flags: frozenset[str], known: frozenset[str], unknown: frozenset[str], could: bool
) -> bool:
    if name == "flags_true":
        return all((f in known and f not in unknown) or (could and f in unknown) for f in flags)
    return all((f not in known and f not in unknown) or (could and f in unknown) for f in flags)
