"""A triage as FHIR: the QuestionnaireResponse, the pain score Observation
and the RiskAssessment in one collection Bundle, all valid R4B."""

from __future__ import annotations

from typing import Any

import pytest

from lumba.fhir.canonical import LEVEL_SYSTEM_URL, LOINC, PAIN_SCORE_CODE, REASON_EXTENSION
from lumba.fhir.from_assessment import response_of
from lumba.fhir.triage import triage
from lumba.fhir.validation import validate

PLAIN = {"gestational_weeks": 30, "pain": {"intensity": 3, "locations": ["lower_back"]}}
SIGNS = {
    "gestational_weeks": 25,
    "pain": {"intensity": 8, "locations": ["lower_back", "leg"], "spreads_below_knee": True},
    "symptoms": ["saddle_numbness", "leg_numbness"],
}


@pytest.fixture(scope="module")
def made(library, triager) -> tuple[dict[str, Any], dict[str, Any]]:
    response = {**response_of(SIGNS, library), "subject": {"reference": "Patient/p1"}}
    return triage({**response, "authored": "2026-03-01T10:00:00Z"}, triager)


def resources(bundle: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {entry["resource"]["resourceType"]: entry["resource"] for entry in bundle["entry"]}


def test_the_bundle_is_a_valid_collection_of_three(made) -> None:
    bundle, _ = made
    validate(bundle)
    assert bundle["type"] == "collection"
    assert [e["resource"]["resourceType"] for e in bundle["entry"]] == [
        "QuestionnaireResponse",
        "Observation",
        "RiskAssessment",
    ]
    urls = [entry["fullUrl"] for entry in bundle["entry"]]
    assert all(url.startswith("urn:uuid:") for url in urls) and len(set(urls)) == 3


def test_the_pain_score_is_loinc_72514_3_from_the_response(made) -> None:
    bundle, _ = made
    pain = resources(bundle)["Observation"]
    assert pain["code"]["coding"][0] == {
        "system": LOINC,
        "code": PAIN_SCORE_CODE,
        "display": "Pain severity - 0-10 verbal numeric rating [Score] - Reported",
    }
    assert pain["valueInteger"] == 8 and pain["status"] == "final"
    assert pain["category"][0]["coding"][0]["code"] == "survey"
    assert pain["derivedFrom"] == [{"reference": bundle["entry"][0]["fullUrl"]}]
    assert pain["subject"] == {"reference": "Patient/p1"}
    assert pain["effectiveDateTime"] == "2026-03-01T10:00:00Z"


def test_the_risk_assessment_carries_the_level_and_every_reason(made) -> None:
    bundle, result = made
    triage_ = resources(bundle)["RiskAssessment"]
    outcome = triage_["prediction"][0]["outcome"]
    assert outcome["coding"] == [
        {"system": LEVEL_SYSTEM_URL, "code": result["level"], "display": result["label"]}
    ]
    assert outcome["text"] == result["call_to_action"]
    assert triage_["prediction"][0]["rationale"] == result["headline"]
    assert triage_["mitigation"] == "\n".join(result["actions"])
    assert [e["fullUrl"] for e in bundle["entry"][:2]] == [b["reference"] for b in triage_["basis"]]
    assert len(triage_["note"]) == len(result["reasons"]) == len(triage_["extension"]) > 1
    for reason, note, extension in zip(
        result["reasons"], triage_["note"], triage_["extension"], strict=True
    ):
        assert note["text"].startswith(f"[{reason['rule']}] {reason['title']} — ")
        assert reason["explanation"] in note["text"]  # the content's words, as they are
        assert all(source in note["text"] for source in reason["sources"])
        assert extension["url"] == REASON_EXTENSION
        parts = [
            (e["url"], e.get("valueCode", e.get("valueString"))) for e in extension["extension"]
        ]
        assert parts[:3] == [
            ("rule", reason["rule"]),
            ("level", reason["level"]),
            ("title", reason["title"]),
        ]
        assert [value for url, value in parts[3:]] == reason["sources"]


def test_self_care_has_no_empty_elements(library, triager) -> None:
    bundle, result = triage(response_of(PLAIN, library), triager)
    assert result["level"] == "self_care"
    triage_ = validate(resources(bundle)["RiskAssessment"])
    assert "note" not in triage_ and "extension" not in triage_
    # No subject was given: a description stands in, never an invented patient.
    assert triage_["subject"] == {"display": "The person who answered lumba's check"}


def test_the_same_response_gives_the_same_bundle(library, triager) -> None:
    response = response_of(PLAIN, library)
    assert triage(response, triager) == triage(response, triager)
