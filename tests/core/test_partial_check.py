"""An unfinished check: the engine says when the answers so far already need help now."""

from __future__ import annotations

from lumba.core.facts import Facts, partial_facts
from lumba.service import validate_assessment


def test_it_stops_a_check_on_an_emergency_sign_before_the_pain_is_described(triager) -> None:
    outcome = triager.engine.needs_help_now(
        {"gestational_weeks": 25, "symptoms": ["saddle_numbness"]}
    )
    assert outcome is not None and outcome.level == "emergency"


def test_it_stops_a_check_on_an_urgent_sign(triager) -> None:
    outcome = triager.engine.needs_help_now({"gestational_weeks": 33, "symptoms": ["fluid_leak"]})
    assert outcome is not None and outcome.level == "urgent"


def test_it_goes_on_when_nothing_needs_help_now(triager) -> None:
    assert triager.engine.needs_help_now({"gestational_weeks": 30}) is None
    # "soon" is not a reason to stop asking: the rest of the answers still matter.
    assert (
        triager.engine.needs_help_now({"gestational_weeks": 30, "history": ["cancer_history"]})
        is None
    )


def test_it_counts_a_measured_fever_in_a_partial_check(triager) -> None:
    outcome = triager.engine.needs_help_now({"gestational_weeks": 30, "temperature_c": 38.0})
    assert outcome is not None and "fever" in [rule.id for rule in outcome.fired]


def test_it_derives_the_same_facts_from_a_finished_check_as_from_the_assessment() -> None:
    document = {
        "gestational_weeks": 31,
        "pain": {
            "intensity": 6,
            "locations": ["pubic"],
            "eased_by_rest": False,
            "wakes_at_night": True,
        },
        "symptoms": ["shivering"],
        "history": ["kidney_disease"],
        "temperature_c": 38.2,
    }
    assert partial_facts(document) == Facts.of(validate_assessment(document))
