"""The closed vocabularies of the triage interface (spec v1).

The names are fixed by ``assessment.schema.json``; a test checks that these
tuples and the published schema list exactly the same values.
"""

from __future__ import annotations

from typing import Literal, get_args

Level = Literal["emergency", "urgent", "soon", "routine", "self_care"]
LEVELS_MOST_URGENT_FIRST: tuple[Level, ...] = get_args(Level)
# Higher number means more urgent; used to take the maximum over fired rules.
URGENCY: dict[str, int] = {
    level: len(LEVELS_MOST_URGENT_FIRST) - i for i, level in enumerate(LEVELS_MOST_URGENT_FIRST)
}

Location = Literal["lower_back", "upper_back", "pelvic_back", "pubic", "flank", "leg"]
Onset = Literal["gradual", "sudden"]
Pattern = Literal["constant", "comes_and_goes", "regular_waves"]
Activity = Literal[
    "standing",
    "sitting",
    "walking",
    "stairs",
    "lifting",
    "bending",
    "turning_in_bed",
    "getting_up",
    "legs_apart",
    "lying_down",
]
Impact = Literal["none", "some", "severe"]
Symptom = Literal[
    "contractions",
    "pelvic_pressure",
    "vaginal_bleeding",
    "heavy_vaginal_bleeding",
    "fluid_leak",
    "discharge_change",
    "reduced_fetal_movements",
    "severe_abdominal_pain",
    "fever",
    "shivering",
    "painful_urination",
    "blood_in_urine",
    "vomiting",
    "severe_headache",
    "vision_changes",
    "upper_abdominal_pain",
    "sudden_swelling",
    "leg_weakness",
    "leg_numbness",
    "saddle_numbness",
    "bladder_or_bowel_change",
    "calf_pain_or_swelling",
    "chest_pain",
    "breathlessness",
    "fainting",
    "fall_or_blow_to_bump",
    "unexplained_weight_loss",
    "feeling_very_unwell",
]
HistoryItem = Literal[
    "previous_preterm_birth",
    "multiple_pregnancy",
    "short_cervix_or_stitch",
    "placenta_previa",
    "pre_eclampsia_now",
    "high_blood_pressure",
    "heart_or_lung_disease",
    "severe_anaemia",
    "previous_blood_clot",
    "cancer_history",
    "osteoporosis",
    "long_term_steroids",
    "spinal_surgery",
    "weakened_immune_system",
    "kidney_disease",
]
PainFlag = Literal["eased_by_rest", "wakes_at_night", "spreads_below_knee"]
Topic = Literal[
    "posture",
    "sleep",
    "lifting",
    "pacing",
    "exercise",
    "water_exercise",
    "pelvic_belt",
    "heat_cold",
    "massage",
    "physiotherapy",
    "acupuncture",
    "pain_relief",
    "calcium",
    "footwear",
    "work",
    "emotional_support",
    "warning_signs",
]
EXERCISE_TOPICS: frozenset[str] = frozenset({"exercise", "water_exercise"})
Certainty = Literal["high", "moderate", "low", "very_low", "expert_opinion"]

# A measured temperature at or above this counts as fever (spec v1).
FEVER_THRESHOLD_C = 38.0


def values(literal: object) -> tuple[str, ...]:
    """The allowed names of one of the Literal vocabularies above."""
    return get_args(literal)
