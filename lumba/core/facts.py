"""The facts rules read, derived once from an assessment.

Rules and advice conditions never look at the raw document: they read these
normalised facts, so derived meanings (a measured 38.0 °C counts as fever)
live in one place.
"""

from __future__ import annotations

from dataclasses import dataclass

from lumba.core.assessment import Assessment
from lumba.core.vocabulary import FEVER_THRESHOLD_C


@dataclass(frozen=True, slots=True)
class Facts:
    weeks: int
    intensity: int
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

    @classmethod
    def of(cls, assessment: Assessment) -> Facts:
        pain = assessment.pain
        symptoms = set(assessment.symptoms)
        temperature = assessment.temperature_c
        if temperature is not None and temperature >= FEVER_THRESHOLD_C:
            symptoms.add("fever")
        flags = {
            name
            for name, on in (
                ("eased_by_rest", pain.eased_by_rest),
                ("wakes_at_night", pain.wakes_at_night),
                ("spreads_below_knee", pain.spreads_below_knee),
            )
            if on
        }
        return cls(
            weeks=assessment.gestational_weeks,
            intensity=pain.intensity,
            locations=frozenset(pain.locations),
            onset=pain.onset,
            duration_days=pain.duration_days,
            pattern=pain.pattern,
            worse_with=frozenset(pain.worse_with),
            flags=frozenset(flags),
            impact=pain.daily_life_impact,
            symptoms=frozenset(symptoms),
            history=frozenset(assessment.history),
            temperature_c=temperature,
        )
