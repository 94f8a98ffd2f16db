"""What to do depends on the stage of pregnancy: before 16 weeks urgent help is
the early pregnancy unit or GP, not the labour ward."""

from __future__ import annotations

import pytest

from lumba.core.check import Check, MemoryStore
from lumba.service import validate_assessment


def _result(triager, weeks: int, symptoms: list[str]) -> dict:
    document = {
        "gestational_weeks": weeks,
        "pain": {"intensity": 3, "locations": ["lower_back"]},
        "symptoms": symptoms,
    }
    return triager.result(validate_assessment(document))


@pytest.mark.parametrize("weeks", [6, 12, 15])
def test_urgent_help_before_16_weeks_is_the_early_pregnancy_unit(triager, weeks: int) -> None:
    result = _result(triager, weeks, ["vaginal_bleeding"])
    assert result["level"] == "urgent"
    assert "early pregnancy unit" in result["call_to_action"]
    assert not any("labour ward" in action for action in result["actions"])
    assert any("NHS 111" in action for action in result["actions"])  # the region's line


@pytest.mark.parametrize("weeks", [16, 30, 40])
def test_urgent_help_from_16_weeks_is_the_maternity_unit(triager, weeks: int) -> None:
    result = _result(triager, weeks, ["vaginal_bleeding"])
    assert "maternity unit" in result["call_to_action"]
    assert "early pregnancy unit" not in result["call_to_action"]


def test_an_emergency_is_the_same_at_every_stage(triager) -> None:
    early, late = (_result(triager, w, ["heavy_vaginal_bleeding"]) for w in (8, 30))
    assert early["call_to_action"] == late["call_to_action"] == "Call 999 now for an ambulance."


def test_the_json_and_the_dict_results_agree_on_the_stage(triager) -> None:
    import json

    document = {
        "gestational_weeks": 10,
        "pain": {"intensity": 3, "locations": ["lower_back"]},
        "symptoms": ["fluid_leak"],
    }
    assessment = validate_assessment(document)
    assert json.loads(triager.result_json(assessment)) == triager.result(assessment)


def test_a_check_that_ends_early_in_early_pregnancy_says_the_same(triager, library) -> None:
    check = Check(library.questionnaire, triager.engine, MemoryStore())
    check.submit(check.step("pregnancy"), {"gestational_weeks": 11})
    move = check.submit(check.step("emergency-signs"), {"emergency_signs": ["fainting"]})
    assert move.to == "result"
    outcome = check.early_outcome()
    assert outcome is not None and outcome.weeks == 11
    assert triager.renderer.to_dict(outcome)["call_to_action"].startswith("Call 999")
