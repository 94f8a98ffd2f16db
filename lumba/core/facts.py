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


def partial_facts(document: dict) -> Facts:
    """Facts from a check that is not finished yet.

    Unanswered pain fields take their least alarming value (no locations,
    intensity 0, the schema's defaults), so a level reached on partial facts
    can only stay or rise once the rest is answered. Used to end the check
    early when a warning sign already needs help now.
    """
    pain = document.get("pain", {})
    symptoms = set(document.get("symptoms", []))
    temperature = document.get("temperature_c")
    if temperature is not None and temperature >= FEVER_THRESHOLD_C:
        symptoms.add("fever")
    flags = {"eased_by_rest"} if pain.get("eased_by_rest", True) else set()
    flags |= {f for f in ("wakes_at_night", "spreads_below_knee") if pain.get(f, False)}
    return Facts(
        weeks=document.get("gestational_weeks", 0),
        intensity=pain.get("intensity", 0),
        locations=frozenset(pain.get("locations", [])),
        onset=pain.get("onset", "gradual"),
        duration_days=pain.get("duration_days", 0),
        pattern=pain.get("pattern", "comes_and_goes"),
        worse_with=frozenset(pain.get("worse_with", [])),
        flags=frozenset(flags),
        impact=pain.get("daily_life_impact", "none"),
        symptoms=frozenset(symptoms),
        history=frozenset(document.get("history", [])),
        temperature_c=temperature,
    )
