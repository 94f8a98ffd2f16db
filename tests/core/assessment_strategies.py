"""Hypothesis strategies for valid assessment documents, built from lumba's vocabulary.

The numbers lean towards the thresholds the rules use (weeks 13/14, 19/20,
23/24, 36/37; intensity 6-8; 14/15 days; 37.9/38.0 degrees) so that
properties are exercised where behaviour changes.
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from lumba.core import vocabulary as v

SYMPTOMS = v.values(v.Symptom)
HISTORY = v.values(v.HistoryItem)

weeks = st.one_of(st.integers(0, 44), st.sampled_from([13, 14, 19, 20, 23, 24, 36, 37]))
intensity = st.one_of(st.integers(0, 10), st.sampled_from([6, 7, 8]))
duration_days = st.one_of(st.integers(0, 400), st.sampled_from([0, 14, 15]))
temperature = st.one_of(
    st.floats(35.0, 41.0, allow_nan=False).map(lambda t: round(t, 1)),
    st.sampled_from([37.9, 38.0]),
)


def _subset(names: tuple[str, ...], min_size: int = 0, max_size: int | None = None) -> Any:
    return st.lists(st.sampled_from(names), min_size=min_size, max_size=max_size, unique=True)


pain_documents = st.fixed_dictionaries(
    {
        "intensity": intensity,
        "locations": _subset(v.values(v.Location), min_size=1),
    },
    optional={
        "onset": st.sampled_from(v.values(v.Onset)),
        "duration_days": duration_days,
        "pattern": st.sampled_from(v.values(v.Pattern)),
        "worse_with": _subset(v.values(v.Activity)),
        "eased_by_rest": st.booleans(),
        "wakes_at_night": st.booleans(),
        "spreads_below_knee": st.booleans(),
        "daily_life_impact": st.sampled_from(v.values(v.Impact)),
    },
)

assessment_documents = st.fixed_dictionaries(
    {"gestational_weeks": weeks, "pain": pain_documents},
    optional={
        "symptoms": _subset(SYMPTOMS, max_size=4),
        "history": _subset(HISTORY, max_size=3),
        "temperature_c": temperature,
    },
)

# Mostly calm cases: no symptom and no history, so the self-care end is reached often.
calm_documents = st.fixed_dictionaries(
    {"gestational_weeks": weeks, "pain": pain_documents},
    optional={"temperature_c": st.floats(35.5, 37.9, allow_nan=False)},
)

any_documents = st.one_of(assessment_documents, calm_documents)
