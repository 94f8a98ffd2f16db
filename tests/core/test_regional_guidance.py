"""A level's words where care is reached differently: China's pathways
(issue 11) replace only what they give, only in their region."""

from __future__ import annotations

from lumba.core.guidance import LevelGuidance
from lumba.service import triager, validate_assessment

FEVER_AND_SHIVERS = {
    "gestational_weeks": 30,
    "pain": {"intensity": 3, "locations": ["lower_back"]},
    "symptoms": ["fever", "shivering"],
}
BLEEDING_EARLY = {
    "gestational_weeks": 10,
    "pain": {"intensity": 3, "locations": ["lower_back"]},
    "symptoms": ["vaginal_bleeding"],
}


def result(region: str, document: dict, language: str = "en") -> dict:
    return triager(region=region, language=language).result(validate_assessment(document))


def test_a_regional_text_replaces_only_what_it_gives() -> None:
    guidance = LevelGuidance.model_validate(
        {
            "level": "soon",
            "label": "See someone",
            "headline": "See a GP.",
            "actions": ["Call your GP."],
            "by_region": {"CN": {"headline": "See an obstetrician."}},
        }
    )
    chinese = guidance.for_region("CN")
    assert chinese.headline.get() == "See an obstetrician."
    assert chinese.actions == guidance.actions and chinese.label == guidance.label
    assert guidance.for_region("GB") is guidance


def test_urgent_care_in_china_is_the_obstetric_emergency_department_not_a_phone_line() -> None:
    in_china, in_britain = result("CN", FEVER_AND_SHIVERS), result("GB", FEVER_AND_SHIVERS)
    assert in_china["level"] == in_britain["level"] == "urgent"
    assert "obstetric emergency department" in in_china["call_to_action"]
    assert "maternity unit" in in_britain["call_to_action"]
    assert any("120" in action for action in in_china["actions"])  # the way to an ambulance
    chinese = result("CN", FEVER_AND_SHIVERS, "zh-Hans")
    assert "产科急诊" in chinese["call_to_action"] and "建档医院" in chinese["call_to_action"]


def test_early_pregnancy_in_china_goes_to_the_gynaecology_emergency_service() -> None:
    early = result("CN", BLEEDING_EARLY)
    assert early["level"] == "urgent"
    assert "gynaecology emergency" in early["call_to_action"]


def test_the_sign_lists_in_china_say_where_to_go() -> None:
    chinese = triager(region="CN", language="zh-Hans")
    groups = chinese.renderer.sign_groups(["urgent", "soon"])
    headings = {group["level"]: group["heading"] for group in groups}
    assert "产科急诊" in headings["urgent"] and "产科门诊" in headings["soon"]


# Pain for more than two weeks, nothing else: a routine review.
LASTING_PAIN = {
    "gestational_weeks": 26,
    "pain": {"intensity": 4, "locations": ["lower_back"], "duration_days": 20},
}


def test_a_routine_review_in_china_is_at_the_obstetrics_clinic_without_self_referral() -> None:
    in_china, in_britain = result("CN", LASTING_PAIN), result("GB", LASTING_PAIN)
    assert in_china["level"] == in_britain["level"] == "routine"
    assert "obstetrics clinic" in in_china["call_to_action"]
    assert any("refer yourself" in action for action in in_britain["actions"])
    assert not any("refer yourself" in action for action in in_china["actions"])
    chinese = result("CN", LASTING_PAIN, "zh-Hans")
    assert "产科门诊" in chinese["call_to_action"] and "建档医院" in chinese["call_to_action"]
    assert not any("自己预约" in action for action in chinese["actions"])
