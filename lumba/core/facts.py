"""The facts rules read, derived once from an assessment.

Rules and advice conditions never look at the raw document: they read these
normalised facts, so derived meanings (a measured 38.0 °C counts as fever)
live in one place.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

from lumba.core.assessment import Assessment
from lumba.core.vocabulary import FEVER_THRESHOLD_C, IMPLIED_SYMPTOMS, pain_band


class Facts(NamedTuple):
    # A NamedTuple: immutable, hashable and quick to build, since batch triage
    # makes one for every line.
    weeks: int
    intensity: int
    pain_band: str  # none, mild, moderate or severe (see vocabulary.pain_band)
    locations: frozenset[str]
    onset: str
    duration_days: int
    pattern: str
    worse_with: frozenset[str]
    flags: frozenset[str]
    impact: str
    symptoms: frozenset[str]
    history: frozenset[str]
    temperature_c: float | None
    systolic: int | None
    diastolic: int | None

    @classmethod
    def of(cls, assessment: Assessment) -> Facts:
        pain = assessment.pain
        return _facts(
            weeks=assessment.gestational_weeks,
            intensity=pain.intensity,
            locations=pain.locations,
            onset=pain.onset,
            duration_days=pain.duration_days,
            pattern=pain.pattern,
            worse_with=pain.worse_with,
            flags=(pain.eased_by_rest, pain.wakes_at_night, pain.spreads_below_knee),
            impact=pain.daily_life_impact,
            symptoms=assessment.symptoms,
            history=assessment.history,
            temperature_c=assessment.temperature_c,
            blood_pressure=(
                (assessment.blood_pressure.systolic, assessment.blood_pressure.diastolic)
                if assessment.blood_pressure
                else None
            ),
        )


# Which facts each assessment field fills: the one map from the fields a
# person answers to the facts conditions read (the check's early stop, the
# advice page's labels). A measured temperature can add fever to the symptoms.
FIELD_FACTS: dict[str, tuple[str, ...]] = {
    "gestational_weeks": ("weeks",),
    "pain.intensity": ("intensity", "pain_band"),
    "pain.locations": ("locations",),
    "pain.onset": ("onset",),
    "pain.duration_days": ("duration_days",),
    "pain.pattern": ("pattern",),
    "pain.worse_with": ("worse_with",),
    "pain.eased_by_rest": ("flags",),
    "pain.wakes_at_night": ("flags",),
    "pain.spreads_below_knee": ("flags",),
    "pain.daily_life_impact": ("impact",),
    "symptoms": ("symptoms",),
    "history": ("history",),
    "temperature_c": ("temperature_c", "symptoms"),
    "blood_pressure": ("systolic", "diastolic"),
}
# The field a fact comes from (the first that fills it): labels come from its choices.
FIELD_OF_FACT: dict[str, str] = {}
for _field, _facts_filled in FIELD_FACTS.items():
    for _fact in _facts_filled:
        FIELD_OF_FACT.setdefault(_fact, _field)
# Facts that hold a set of values, to which answers can only add.
SET_FACTS = frozenset({"symptoms", "history", "locations", "worse_with"})
# The pain flags, each from its own yes/no field.
FLAG_OF_FIELD = {
    field: field.removeprefix("pain.")
    for field, filled in FIELD_FACTS.items()
    if filled == ("flags",)
}


def _facts(
    *,
    weeks: int,
    intensity: int,
    locations: Sequence[str],
    onset: str,
    duration_days: int,
    pattern: str,
    worse_with: Sequence[str],
    flags: tuple[bool, bool, bool],
    impact: str,
    symptoms: Sequence[str],
    history: Sequence[str],
    temperature_c: float | None,
    blood_pressure: tuple[int, int] | None,
) -> Facts:
    """The derived meanings, in one place: fever from a measured temperature,
    the symptoms a stronger one implies, the pain band, the pain flags as a set."""
    present = frozenset(symptoms)
    if not present.isdisjoint(IMPLIED_SYMPTOMS):
        present |= {IMPLIED_SYMPTOMS[name] for name in present if name in IMPLIED_SYMPTOMS}
    if temperature_c is not None and temperature_c >= FEVER_THRESHOLD_C:
        present |= _FEVER
    systolic, diastolic = blood_pressure if blood_pressure else (None, None)
    # In field order, without keywords: batch triage makes one for every line.
    return _new_facts(
        (
            weeks,
            intensity,
            _BANDS[intensity],
            frozenset(locations),
            onset,
            duration_days,
            pattern,
            frozenset(worse_with),
            _FLAGS[flags],
            impact,
            present,
            frozenset(history),
            temperature_c,
            systolic,
            diastolic,
        )
    )


_new_facts = Facts._make
_FEVER = frozenset({"fever"})
_BANDS = tuple(pain_band(intensity) for intensity in range(11))
# Every combination of the three pain flags, made once.
_FLAGS = {
    (rest, night, knee): frozenset(
        name
        for name, on in (
            ("eased_by_rest", rest),
            ("wakes_at_night", night),
            ("spreads_below_knee", knee),
        )
        if on
    )
    for rest in (False, True)
    for night in (False, True)
    for knee in (False, True)
}


def partial_facts(document: dict[str, Any]) -> Facts:
    """Facts from a check that is not finished yet.

    Unanswered pain fields take their least alarming value (no locations,
    intensity 0, the schema's defaults), so a level reached on partial facts
    can only stay or rise once the rest is answered. Used to end the check
    early when a warning sign already needs help now.
    """
    pain = document.get("pain", {})
    return _facts(
        weeks=document.get("gestational_weeks", 0),
        intensity=pain.get("intensity", 0),
        locations=pain.get("locations", []),
        onset=pain.get("onset", "gradual"),
        duration_days=pain.get("duration_days", 0),
        pattern=pain.get("pattern", "comes_and_goes"),
        worse_with=pain.get("worse_with", []),
        flags=(
            pain.get("eased_by_rest", True),
            pain.get("wakes_at_night", False),
            pain.get("spreads_below_knee", False),
        ),
        impact=pain.get("daily_life_impact", "none"),
        symptoms=document.get("symptoms", []),
        history=document.get("history", []),
        temperature_c=document.get("temperature_c"),
        blood_pressure=_reading(document.get("blood_pressure")),
    )


def _reading(value: object) -> tuple[int, int] | None:
    if isinstance(value, dict) and "systolic" in value and "diastolic" in value:
        return (value["systolic"], value["diastolic"])
    return None
