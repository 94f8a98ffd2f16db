"""Triage rules: their own examples, their sources, the warning signs and the week boundaries."""

from __future__ import annotations

from typing import Any

import pytest
from assessment_strategies import SYMPTOMS, any_documents
from hypothesis import given, settings

from lumba.content.checks import example_assessment
from lumba.content.loader import default_library
from lumba.core.assessment import Assessment
from lumba.core.facts import Facts
from lumba.core.vocabulary import URGENCY

LIBRARY = default_library()
RULES = {rule.id: rule for rule in LIBRARY.rules}

# Spec v1.1 symptom glossary and clinical brief section 6, tier (a): call the
# emergency number now, whatever the stage of pregnancy.
EMERGENCY_SYMPTOMS = [
    "heavy_vaginal_bleeding",
    "severe_abdominal_pain",
    "saddle_numbness",
    "bladder_or_bowel_change",
    "both_legs_weak_or_numb",
    "chest_pain",
    "breathlessness",
    "fainting",
    "seizure",
    "serious_accident",
    "feeling_very_unwell",
]
# Symptoms whose meaning depends on the stage of pregnancy; boundary tests below.
WEEK_BOUND_SYMPTOMS = {"pelvic_pressure", "vomiting"}


def case(**changes: Any) -> Assessment:
    """The plain case (30 weeks, pain 3/10 in the lower back, no other sign) with changes."""
    return example_assessment(changes)


def fired_ids(triager, assessment: Assessment) -> list[str]:
    return [rule.id for rule in triager.outcome(assessment).fired]


def more_urgent(a: str, b: str) -> bool:
    return URGENCY[a] > URGENCY[b]


# ---------------------------------------------------------------- each rule


# That each rule's condition reads its own examples rightly is checked once,
# by `lumba content check` (check_rule_examples; in the tests,
# tests/cli/test_triage_cli.py::test_it_checks_the_packaged_content). Here the
# engine is held to the same examples, and to every rule on each of them.


@pytest.mark.parametrize("rule_id", list(RULES))
def test_it_lets_the_engine_fire_each_rule_on_its_examples(rule_id: str, triager) -> None:
    """Through its bit tables: a `fires` example fires the rule and a
    `does_not_fire` one does not, and each result lists exactly the rules
    whose condition holds, at the level of the most urgent, most urgent first."""
    rule = RULES[rule_id]
    cases = [
        (True, "fires", rule.examples.fires),
        (False, "does_not_fire", rule.examples.does_not_fire),
    ]
    for should_fire, kind, examples in cases:
        for index, example in enumerate(examples):
            where = f"{rule_id}.examples.{kind}[{index}]: {example}"
            reasons = _check_result(triager, example_assessment(example), where)
            assert (rule_id in reasons) == should_fire, where


# ---------------------------------------------------------------- warning signs


@pytest.mark.parametrize("symptom", SYMPTOMS)
def test_it_raises_the_level_for_each_warning_sign_at_30_weeks(symptom: str, triager) -> None:
    assert triager.outcome(case()).level == "self_care"
    level = triager.outcome(case(symptoms=[symptom])).level
    assert more_urgent(level, "self_care"), f"{symptom} alone at 30 weeks gave {level}"


@pytest.mark.parametrize("symptom", [s for s in SYMPTOMS if s not in WEEK_BOUND_SYMPTOMS])
def test_it_raises_the_level_for_each_warning_sign_at_every_week(symptom: str, triager) -> None:
    calm = [w for w in range(45) if triager.outcome(case(gestational_weeks=w)).level == "self_care"]
    assert calm, "the plain case should be self-care at some weeks"
    for week in calm:
        level = triager.outcome(case(gestational_weeks=week, symptoms=[symptom])).level
        assert more_urgent(level, "self_care"), f"{symptom} at {week} weeks gave {level}"


def test_it_treats_pelvic_pressure_before_37_weeks_as_possible_preterm_labour(triager) -> None:
    for week in range(14, 37):
        outcome = triager.outcome(case(gestational_weeks=week, symptoms=["pelvic_pressure"]))
        assert outcome.level == "urgent", week
        assert "preterm-labour-signs" in [r.id for r in outcome.fired], week
    # From 37 weeks pressure low down is expected as the baby settles: alone it
    # raises nothing (both vignette suites agree), and never as preterm labour.
    for week in range(37, 45):
        outcome = triager.outcome(case(gestational_weeks=week, symptoms=["pelvic_pressure"]))
        assert outcome.level == "self_care", week


@pytest.mark.parametrize("symptom", EMERGENCY_SYMPTOMS)
@pytest.mark.parametrize("week", [6, 19, 30, 40])
def test_it_sends_each_emergency_sign_to_emergency(symptom: str, week: int, triager) -> None:
    assert triager.outcome(case(gestational_weeks=week, symptoms=[symptom])).level == "emergency"


@pytest.mark.parametrize("week", [6, 19, 30, 40])
def test_it_sends_severe_vomiting_to_urgent_at_any_stage(week: int, triager) -> None:
    # Brief section 6, tier (b): vomiting so often that no fluids stay down.
    outcome = triager.outcome(case(gestational_weeks=week, symptoms=["severe_vomiting"]))
    assert outcome.level == "urgent"


@pytest.mark.parametrize("week", [6, 19, 30, 40])
def test_it_treats_tingling_down_one_leg_as_routine(week: int, triager) -> None:
    # Brief section 6, tier (d): sciatica-like tingling with normal strength and feeling.
    outcome = triager.outcome(case(gestational_weeks=week, symptoms=["leg_tingling"]))
    assert outcome.level == "routine"


@pytest.mark.parametrize(
    "sign", ["vaginal_bleeding", "contractions", "reduced_fetal_movements", "fluid_leak"]
)
def test_it_sends_a_fall_with_a_warning_sign_to_emergency(sign: str, triager) -> None:
    assessment = case(symptoms=["fall_or_blow_to_bump", sign])
    assert triager.outcome(assessment).level == "emergency"
    assert triager.outcome(case(symptoms=["fall_or_blow_to_bump"])).level == "urgent"


# ---------------------------------------------------------------- boundaries


def waves(week: int) -> Assessment:
    return case(
        gestational_weeks=week,
        pain={"intensity": 5, "locations": ["lower_back"], "pattern": "regular_waves"},
    )


def test_it_calls_regular_waves_at_36_weeks_preterm_labour(triager) -> None:
    outcome = triager.outcome(waves(36))
    assert outcome.level == "urgent"
    assert outcome.fired[0].id == "preterm-labour-signs"
    assert "labour-at-term" not in [r.id for r in outcome.fired]


def test_it_calls_regular_waves_at_37_weeks_labour_at_term(triager) -> None:
    outcome = triager.outcome(waves(37))
    assert outcome.level == "urgent"
    assert outcome.fired[0].id == "labour-at-term"
    assert "preterm-labour-signs" not in [r.id for r in outcome.fired]


@pytest.mark.parametrize(("week", "level"), [(23, "soon"), (24, "urgent")])
def test_it_changes_reduced_movements_at_24_weeks(week: int, level: str, triager) -> None:
    outcome = triager.outcome(case(gestational_weeks=week, symptoms=["reduced_fetal_movements"]))
    assert outcome.level == level


@pytest.mark.parametrize(
    ("week", "fires", "silent"),
    [
        (19, "headache-or-swelling-before-20-weeks", "pre-eclampsia-signs"),
        (20, "pre-eclampsia-signs", "headache-or-swelling-before-20-weeks"),
    ],
)
def test_it_switches_headache_rules_at_20_weeks(
    week: int, fires: str, silent: str, triager
) -> None:
    outcome = triager.outcome(case(gestational_weeks=week, symptoms=["severe_headache"]))
    ids = [r.id for r in outcome.fired]
    assert fires in ids
    assert silent not in ids
    assert outcome.level == "urgent"


@pytest.mark.parametrize(("week", "fires"), [(19, False), (20, True)])
def test_it_counts_vomiting_as_pre_eclampsia_from_20_weeks(week: int, fires: bool, triager) -> None:
    ids = fired_ids(triager, case(gestational_weeks=week, symptoms=["vomiting"]))
    assert ("pre-eclampsia-signs" in ids) is fires


def test_it_counts_vomiting_with_high_blood_pressure_at_any_stage(triager) -> None:
    assessment = case(gestational_weeks=12, symptoms=["vomiting"], history=["high_blood_pressure"])
    assert "pre-eclampsia-signs" in fired_ids(triager, assessment)


@pytest.mark.parametrize(("temperature", "level"), [(37.9, "self_care"), (38.0, "urgent")])
def test_it_treats_38_degrees_as_fever(temperature: float, level: str, triager) -> None:
    outcome = triager.outcome(case(temperature_c=temperature))
    assert outcome.level == level
    assert ("fever" in [r.id for r in outcome.fired]) is (level == "urgent")


@pytest.mark.parametrize(("days", "level"), [(14, "self_care"), (15, "routine")])
def test_it_flags_pain_lasting_over_two_weeks(days: int, level: str, triager) -> None:
    pain = {"intensity": 3, "locations": ["lower_back"], "duration_days": days}
    assert triager.outcome(case(pain=pain)).level == level


# Spec v1.1: severe pain is 7 to 10; brief section 6, tier (c): see someone within a day.
@pytest.mark.parametrize(
    ("intensity", "level"), [(0, "self_care"), (6, "self_care"), (7, "soon"), (10, "soon")]
)
def test_it_grades_pain_intensity(intensity: int, level: str, triager) -> None:
    outcome = triager.outcome(case(pain={"intensity": intensity, "locations": ["lower_back"]}))
    assert outcome.level == level


def constant_pain(week: int, intensity: int, **changes: Any) -> Assessment:
    pain = {"intensity": intensity, "locations": ["lower_back"], "pattern": "constant"}
    return case(gestational_weeks=week, pain={**pain, "eased_by_rest": False, **changes})


# Brief section 6, tier (a): from 20 weeks, constant severe pain (7 or more) low in
# the back or pelvis, not eased by rest, sudden or gradual: possible abruption.
@pytest.mark.parametrize("onset", ["gradual", "sudden"])
@pytest.mark.parametrize(("week", "intensity"), [(20, 7), (30, 10), (40, 7)])
def test_it_sends_constant_severe_low_pain_from_20_weeks_to_emergency(
    week: int, intensity: int, onset: str, triager
) -> None:
    assert triager.outcome(constant_pain(week, intensity, onset=onset)).level == "emergency"


@pytest.mark.parametrize(("week", "intensity"), [(19, 7), (30, 6)])
def test_it_keeps_constant_pain_below_emergency_before_20_weeks_or_below_7(
    week: int, intensity: int, triager
) -> None:
    level = triager.outcome(constant_pain(week, intensity)).level
    assert level != "emergency"
    assert more_urgent(level, "self_care")


def reading(systolic: int, diastolic: int, **changes: Any) -> Assessment:
    return case(blood_pressure={"systolic": systolic, "diastolic": diastolic}, **changes)


# Brief section 6: 160 systolic or 110 diastolic or more is tier (b); 140-159 or
# 90-109 with no other sign is tier (c); below 140/90 raises nothing by itself.
@pytest.mark.parametrize(
    ("systolic", "diastolic", "level"),
    [
        (160, 80, "urgent"),
        (150, 110, "urgent"),
        (200, 130, "urgent"),
        (159, 109, "soon"),
        (140, 80, "soon"),
        (130, 90, "soon"),
        (139, 89, "self_care"),
        (100, 60, "self_care"),
    ],
)
def test_it_grades_a_blood_pressure_reading(
    systolic: int, diastolic: int, level: str, triager
) -> None:
    assert triager.outcome(reading(systolic, diastolic)).level == level


# Plain vomiting before 20 weeks is not a pre-eclampsia sign by itself; with a
# reading of 140/90 or more it is (brief section 6, tier (b)).
@pytest.mark.parametrize(
    ("systolic", "diastolic", "level"), [(142, 85, "urgent"), (139, 89, "routine")]
)
def test_it_counts_vomiting_with_a_raised_reading_as_urgent_before_20_weeks(
    systolic: int, diastolic: int, level: str, triager
) -> None:
    outcome = triager.outcome(
        reading(systolic, diastolic, gestational_weeks=12, symptoms=["vomiting"])
    )
    assert outcome.level == level


# ---------------------------------------------------------------- level and reasons


def _check_result(triager, assessment: Assessment, where: str = "") -> list[str]:
    """The engine fires exactly the rules whose condition holds, the level is the most
    urgent of them, and the result lists them as its reasons, most urgent first."""
    facts = Facts.of(assessment)
    holding = {rule.id for rule in LIBRARY.rules if rule.when.holds(facts)}
    expected = max(
        (RULES[rule_id].level for rule_id in holding), key=URGENCY.__getitem__, default="self_care"
    )
    result = triager.result(assessment)
    reasons = [reason["rule"] for reason in result["reasons"]]
    assert sorted(reasons) == sorted(holding), where
    assert result["level"] == expected, where
    ranks = [URGENCY[RULES[rule_id].level] for rule_id in reasons]
    assert ranks == sorted(ranks, reverse=True), where
    return reasons


@settings(max_examples=300, deadline=None)
@given(document=any_documents)
def test_it_takes_the_level_of_the_most_urgent_fired_rule(
    document: dict[str, Any], triager
) -> None:
    _check_result(triager, Assessment.model_validate(document))
