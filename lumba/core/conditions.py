"""A small, typed condition language shared by triage rules and advice cards.

A condition is a mapping whose keys all have to hold. There is no negation
and no free text: adding a symptom or a history item can only make more
conditions true, which is what keeps triage monotone (spec safety property 1).

Every key is defined once, in `KEYS`: the Facts field it reads, how it
tests that field, how it is read for an unfinished check (could it still
hold, must it hold) and how it is said to a person. Everything else derives
from that table and from `Condition.terms()`, the condition as an "or" of
"and"s of keys: the exact test, the bit tables of core/atoms.py, the
could/must readings and the advice page's "this advice is meant for you if".
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from operator import itemgetter
from typing import Annotated, Any, Literal, NamedTuple, cast

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, model_validator

from lumba.core.errors import Wording, gettext_noop, say
from lumba.core.facts import FIELD_OF_FACT, Facts
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
    pain_band,
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


class Condition(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    # One field per entry of KEYS (a test checks they match), then the two combinators.
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

    _terms: tuple[Term, ...] | None = PrivateAttr(default=None)

    @model_validator(mode="after")
    def _not_empty(self) -> Condition:
        if not self.model_fields_set:
            raise ValueError("a condition needs at least one test")
        return self

    def terms(self) -> tuple[Term, ...]:
        """The condition as alternatives (an "or"), each a tuple of leaves that
        must all hold (an "and"); made once, since conditions never change."""
        if self._terms is None:
            self._terms = _terms_of(self)
        return self._terms

    def leaves(self) -> frozenset[Leaf]:
        return frozenset(leaf for term in self.terms() for leaf in term)

    def reads(self) -> frozenset[str]:
        """The condition keys this condition uses (for review and tests)."""
        return frozenset(leaf.key.name for leaf in self.leaves())

    def facts_read(self) -> frozenset[str]:
        """The names of the Facts fields this condition depends on."""
        return frozenset(leaf.key.fact for leaf in self.leaves())

    def compile(self) -> Predicate:
        terms = [tuple(leaf.test for leaf in term) for term in self.terms()]
        return lambda facts: any(all(test(facts) for test in term) for term in terms)

    def holds(self, facts: Facts) -> bool:
        return self.compile()(facts)


# ------------------------------------------------------------------ the keys
Kind = Literal["any", "all", "none", "in", "range", "reading"]
Value = Any  # a list of vocabulary words, or a Range


@dataclass(frozen=True, slots=True)
class Key:
    """One condition key: which fact it reads, how, and how it is said."""

    name: str
    kind: Kind
    fact: str  # the Facts field it reads
    # How one value is said ({label} is the value's label); None: the label alone.
    phrase: str | None = None
    # For ranges, how a range is said: between both bounds, from the lower, up to the upper.
    bounds: tuple[str, str, str] | None = None

    def test(self, value: Value) -> Predicate:
        return _TESTS[self.kind](self.fact, value)


KEYS: dict[str, Key] = {
    key.name: key
    for key in (
        Key("symptoms_any", "any", "symptoms"),
        Key("symptoms_all", "all", "symptoms"),
        Key("history_any", "any", "history"),
        Key("locations_any", "any", "locations", gettext_noop("Your pain is here: {label}")),
        Key(
            "worse_with_any", "any", "worse_with", gettext_noop("Your pain is worse with: {label}")
        ),
        Key("pattern_in", "in", "pattern", gettext_noop("Your pain comes: {label}")),
        Key("onset_in", "in", "onset", gettext_noop("Your pain started: {label}")),
        Key(
            "impact_in",
            "in",
            "impact",
            gettext_noop("How much your pain stops you doing things: {label}"),
        ),
        Key(
            "weeks",
            "range",
            "weeks",
            bounds=(
                gettext_noop("You are between {min} and {max} weeks pregnant"),
                gettext_noop("You are {min} weeks pregnant or more"),
                gettext_noop("You are {max} weeks pregnant or less"),
            ),
        ),
        Key(
            "intensity",
            "range",
            "intensity",
            bounds=(
                gettext_noop("Your pain is between {min} and {max} out of 10"),
                gettext_noop("Your pain is {min} out of 10 or more"),
                gettext_noop("Your pain is {max} out of 10 or less"),
            ),
        ),
        # Said as the band's scores, so a band needs no words of its own.
        Key("pain_band_in", "in", "pain_band"),
        Key(
            "duration_days",
            "range",
            "duration_days",
            bounds=(
                gettext_noop("You have had the pain for between {min} and {max} days"),
                gettext_noop("You have had the pain for {min} days or more"),
                gettext_noop("You have had the pain for {max} days or less"),
            ),
        ),
        Key(
            "systolic",
            "reading",
            "systolic",
            bounds=(
                gettext_noop("The top number of your blood pressure is between {min} and {max}"),
                gettext_noop("The top number of your blood pressure is {min} or more"),
                gettext_noop("The top number of your blood pressure is {max} or less"),
            ),
        ),
        Key(
            "diastolic",
            "reading",
            "diastolic",
            bounds=(
                gettext_noop("The bottom number of your blood pressure is between {min} and {max}"),
                gettext_noop("The bottom number of your blood pressure is {min} or more"),
                gettext_noop("The bottom number of your blood pressure is {max} or less"),
            ),
        ),
        Key("flags_true", "all", "flags"),
        Key("flags_false", "none", "flags"),
    )
}
COMBINATORS = ("any_of", "all_of")


class Leaf(NamedTuple):
    """One key with its value: the smallest test a condition is made of."""

    key: Key
    value: Value  # a tuple of words or a Range: hashable, so equal leaves count once

    @property
    def test(self) -> Predicate:
        return _test_of(self)


Term = tuple[Leaf, ...]


@cache
def _test_of(leaf: Leaf) -> Predicate:
    # Made once per leaf: an unfinished check reads the same leaves at every step.
    return leaf.key.test(leaf.value)


def _terms_of(condition: Condition) -> tuple[Term, ...]:
    terms: list[Term] = [()]
    for name in sorted(condition.model_fields_set):
        value = getattr(condition, name)
        if name in COMBINATORS:
            children = [child.terms() for child in value]
            if name == "any_of":  # one choice: a term of any child
                children = [tuple(term for child in children for term in child)]
            for options in children:
                terms = [term + option for term in terms for option in options]
        else:
            frozen = tuple(value) if isinstance(value, list) else value
            terms = [(*term, Leaf(KEYS[name], frozen)) for term in terms]
    unique = (tuple(dict.fromkeys(term)) for term in terms)
    return tuple(dict.fromkeys(unique))


# ---------------------------------------------------------------- exact tests
_POSITION = {name: index for index, name in enumerate(Facts._fields)}


def _getter(fact: str) -> Callable[[Facts], Any]:
    # itemgetter reads a field by position: quick on the triage hot path.
    return cast(Callable[[Facts], Any], itemgetter(_POSITION[fact]))


def _any(fact: str, wanted: Iterable[str]) -> Predicate:
    wanted_set, get = frozenset(wanted), _getter(fact)
    return lambda facts: not wanted_set.isdisjoint(get(facts))


def _every(fact: str, wanted: Iterable[str]) -> Predicate:
    needed, get = frozenset(wanted), _getter(fact)
    return lambda facts: needed <= get(facts)


def _none(fact: str, banned: Iterable[str]) -> Predicate:
    banned_set, get = frozenset(banned), _getter(fact)
    return lambda facts: banned_set.isdisjoint(get(facts))


def _in(fact: str, allowed: Iterable[str]) -> Predicate:
    allowed_set, get = frozenset(allowed), _getter(fact)
    return lambda facts: get(facts) in allowed_set


def _between(bounds: Range) -> tuple[int, int]:
    low = bounds.min if bounds.min is not None else -(10**9)
    high = bounds.max if bounds.max is not None else 10**9
    return low, high


def _range(fact: str, bounds: Range) -> Predicate:
    (low, high), get = _between(bounds), _getter(fact)
    return lambda facts: low <= get(facts) <= high


def _reading(fact: str, bounds: Range) -> Predicate:
    """A test on a measured value never holds when nothing was measured."""
    (low, high), get = _between(bounds), _getter(fact)

    def test(facts: Facts) -> bool:
        value = get(facts)
        return value is not None and low <= value <= high

    return test


_TESTS: dict[str, Callable[[str, Any], Predicate]] = {
    "any": _any,
    "all": _every,
    "none": _none,
    "in": _in,
    "range": _range,
    "reading": _reading,
}


# ----------------------------------------------------------- unfinished checks
# A check that is not finished knows some facts and not others. These two
# readings of a condition bound what the finished check can give: `could`
# holds when some way of answering the rest makes the condition true, `must`
# when every way does. Both are safe approximations (an unknown answer is
# "maybe"), which is what the early stop of a check needs.


class PartialFacts(NamedTuple):
    known: Facts  # unanswered fields hold a placeholder; see `open` and `maybe`
    open: frozenset[str]  # Facts fields whose value is not known yet
    maybe: dict[str, frozenset[str]]  # set fields: values that may still be added
    open_flags: frozenset[str]  # pain flags not answered yet


def could_hold(condition: Condition, partial: PartialFacts) -> bool:
    return any(all(_bounded(leaf, partial, True) for leaf in t) for t in condition.terms())


def must_hold(condition: Condition, partial: PartialFacts) -> bool:
    return any(all(_bounded(leaf, partial, False) for leaf in t) for t in condition.terms())


def _bounded(leaf: Leaf, partial: PartialFacts, could: bool) -> bool:
    key, value = leaf
    if key.kind in ("any", "all", "none"):
        known, maybe = _set_now(key.fact, partial)
        wanted = frozenset(value)
        if key.kind == "none":  # could: none known yet; must: none can be added either
            return wanted.isdisjoint(known if could else known | maybe)
        present = known | maybe if could else known
        return wanted <= present if key.kind == "all" else not wanted.isdisjoint(present)
    if key.fact in partial.open:
        return could
    return leaf.test(partial.known)


def _set_now(fact: str, partial: PartialFacts) -> tuple[frozenset[str], frozenset[str]]:
    """The values of a set fact known so far, and those that may still be there."""
    known: frozenset[str] = _getter(fact)(partial.known)
    if fact == "flags":  # an unanswered flag holds a placeholder: neither known nor ruled out
        return known - partial.open_flags, partial.open_flags
    return known, partial.maybe.get(fact, frozenset())


# ------------------------------------------------------------- in words
# Who an advice card is for, said to a person: alternatives (any one is
# enough), each a list of phrases that must all hold. A value with no label
# is a content error (lumba content check), never a silently missing text.

MAX_ALTERNATIVES = 40  # more than this is too much to read: the content check refuses it
Label = Callable[[str, str], str]  # (assessment field, value) -> the value's label


class Undescribable(ValueError):
    def __init__(self, key: str, value: object) -> None:
        super().__init__(f"{key}: no words for {value!r}")


def describe(condition: Condition, label: Label) -> list[list[Wording]]:
    found: dict[tuple[Wording, ...], None] = {}
    for term in condition.terms():
        for option in _product([_said(leaf, label) for leaf in term]):
            found[tuple(dict.fromkeys(option))] = None
    return [list(option) for option in found]


def _product(parts: list[list[list[Wording]]]) -> list[list[Wording]]:
    combined: list[list[Wording]] = [[]]
    for part in parts:
        combined = [[*left, *right] for left in combined for right in part]
    return combined


_FLAG_WORDS = {
    ("flags_true", "eased_by_rest"): gettext_noop("Rest eases your pain"),
    ("flags_true", "wakes_at_night"): gettext_noop("Your pain wakes you at night"),
    ("flags_true", "spreads_below_knee"): gettext_noop("Your pain spreads below the knee"),
    ("flags_false", "eased_by_rest"): gettext_noop("Rest does not ease your pain"),
    ("flags_false", "wakes_at_night"): gettext_noop("Your pain does not wake you at night"),
    ("flags_false", "spreads_below_knee"): gettext_noop("Your pain does not spread below the knee"),
}
_BAND_SCORES = {
    band: [score for score in range(11) if pain_band(score) == band]
    for band in ("none", "mild", "moderate", "severe")
}


def _said(leaf: Leaf, label: Label) -> list[list[Wording]]:
    """A leaf's alternatives in words (a list of one value is one phrase)."""
    key, value = leaf
    if key.bounds is not None:
        return [[_bounds_said(key, value)]]
    if key.fact == "flags":
        return [[Wording(_FLAG_WORDS[(key.name, flag)]) for flag in value]]
    if key.name == "pain_band_in":
        return [[_band_said(band)] for band in value]
    phrases = [_label_said(key, name, label) for name in value]
    return [[phrase] for phrase in phrases] if key.kind in ("any", "in") else [phrases]


def _bounds_said(key: Key, bounds: Range) -> Wording:
    assert key.bounds is not None
    between, at_least, at_most = key.bounds
    if bounds.min is not None and bounds.max is not None:
        return say(between, min=str(bounds.min), max=str(bounds.max))
    if bounds.min is not None:
        return say(at_least, min=str(bounds.min))
    return say(at_most, max=str(bounds.max))


def _band_said(band: str) -> Wording:
    scores = _BAND_SCORES[band]
    return _bounds_said(KEYS["intensity"], Range(min=scores[0], max=scores[-1]))


def _label_said(key: Key, value: str, label: Label) -> Wording:
    try:
        text = label(FIELD_OF_FACT[key.fact], value)
    except KeyError:
        raise Undescribable(key.name, value) from None
    # A bare label is already in the person's language: its template is not translated.
    return say(key.phrase or "{label}", label=text)


def description_problems(condition: Condition, label: Label) -> list[str]:
    """Why this condition cannot be shown to a person, if it cannot (for the content check)."""
    try:
        said = describe(condition, label)
    except Undescribable as error:
        return [str(error)]
    if len(said) > MAX_ALTERNATIVES:
        return [f"{len(said)} alternatives to read, more than {MAX_ALTERNATIVES}: simplify it"]
    return []
