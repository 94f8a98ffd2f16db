"""Conditions the spec fixes, kept in code so no content edit can weaken them."""

from __future__ import annotations

from lumba.core.conditions import Condition

# Spec safety property 3: a reason not to exercise in pregnancy. The first
# groups are the spec's list; then twins or more at risk of early labour
# (ACOG's absolute list, brief section 4); the last adds the signs that mean
# "stop exercising and get help" in the ACOG list. Every card that recommends
# exercise is hidden by this one condition, never by its own copy of it.
EXERCISE_UNSAFE = Condition.model_validate(
    {
        "any_of": [
            {"symptoms_any": ["vaginal_bleeding", "heavy_vaginal_bleeding", "fluid_leak"]},
            {"symptoms_any": ["contractions"], "weeks": {"max": 36}},
            {"pattern_in": ["regular_waves"], "weeks": {"max": 36}},
            {
                "history_any": [
                    "pre_eclampsia_now",
                    "placenta_previa",
                    "short_cervix_or_stitch",
                    "severe_anaemia",
                    "heart_or_lung_disease",
                ]
            },
            {
                "history_any": ["multiple_pregnancy"],
                "all_of": [{"history_any": ["previous_preterm_birth", "short_cervix_or_stitch"]}],
            },
            {
                "symptoms_any": [
                    "chest_pain",
                    "breathlessness",
                    "fainting",
                    "calf_pain_or_swelling",
                    "severe_headache",
                    "leg_weakness",
                    "severe_abdominal_pain",
                ]
            },
        ]
    }
)

# Levels at which the plan never contains exercise (spec safety property 3).
NO_EXERCISE_LEVELS = frozenset({"emergency", "urgent"})
