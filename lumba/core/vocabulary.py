"""The closed vocabularies of the triage interface (spec v1.1).

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
    "severe_vomiting",
    "severe_headache",
    "vision_changes",
    "upper_abdominal_pain",
    "sudden_swelling",
    "leg_weakness",
    "leg_numbness",
    "leg_tingling",
    "both_legs_weak_or_numb",
    "saddle_numbness",
    "bladder_or_bowel_change",
    "calf_pain_or_swelling",
    "chest_pain",
    "breathlessness",
    "fainting",
    "seizure",
    "fall_or_blow_to_bump",
    "serious_accident",
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

# A symptom that is a stronger form of another also counts as that one, so a
# rule about being sick holds for someone who ticked only "severe vomiting".
IMPLIED_SYMPTOMS: dict[str, str] = {
    "severe_vomiting": "vomiting",
    "heavy_vaginal_bleeding": "vaginal_bleeding",
}

# The bands of the 0-10 numeric rating scale (spec v1.1): "severe pain" means
# 7 or more everywhere, defined here once.
PainBand = Literal["none", "mild", "moderate", "severe"]
SEVERE_PAIN_MIN = 7
MODERATE_PAIN_MIN = 4


def pain_band(intensity: int) -> PainBand:
    if intensity >= SEVERE_PAIN_MIN:
        return "severe"
    if intensity >= MODERATE_PAIN_MIN:
        return "moderate"
    return "mild" if intensity >= 1 else "none"


def values(literal: object) -> tuple[str, ...]:
    """The allowed names of one of the Literal vocabularies above."""
    return get_args(literal)
