"""Cases an independent audit of the rules against the brief found under-triaged.

Each case is the audit's own demonstrating assessment, with the level the
brief's section 6 gives; each failed before its fix.
"""

from __future__ import annotations

import pytest

from lumba.service import validate_assessment

MILD = {"intensity": 3, "locations": ["lower_back"]}

CASES = [
    # U1: pressure low in the pelvis before 14 weeks (row: preterm labour signs,
    # "before 37 weeks", no lower limit; early on, a possible miscarriage).
    ({"gestational_weeks": 12, "pain": MILD, "symptoms": ["pelvic_pressure"]}, "urgent"),
    # U2: a change in discharge early in pregnancy (the spec's meaning includes
    # blood-stained discharge, which the bleeding row calls urgent) ...
    ({"gestational_weeks": 10, "pain": MILD, "symptoms": ["discharge_change"]}, "urgent"),
    # ... and after a fall it counts as bleeding after a fall: an emergency.
    (
        {
            "gestational_weeks": 10,
            "pain": MILD,
            "symptoms": ["fall_or_blow_to_bump", "discharge_change"],
        },
        "emergency",
    ),
    (
        {
            "gestational_weeks": 30,
            "pain": MILD,
            "symptoms": ["fall_or_blow_to_bump", "discharge_change"],
        },
        "emergency",
    ),
]


@pytest.mark.parametrize(("document", "level"), CASES)
def test_the_audit_cases_get_the_brief_level(triager, document: dict, level: str) -> None:
    assert triager.outcome(validate_assessment(document)).level == level


def test_the_check_asks_about_weakness_in_both_legs_as_its_own_emergency_sign(library) -> None:
    # U4: the spec lets leg_weakness mean one or both legs; the check asks
    # about one leg there and about both legs among the emergency signs.
    questionnaire = library.questionnaire
    label = questionnaire.choice("symptoms", "leg_weakness").label.get()
    assert "one leg" in label
    emergency = next(s for s in questionnaire.steps if s.id == "emergency-signs")
    assert "both_legs_weak_or_numb" in emergency.questions[0].options
