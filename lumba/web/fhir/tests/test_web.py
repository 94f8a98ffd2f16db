"""The FHIR endpoints at /fhir/, driven through Django's test client."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from lumba.core.input_limits import MAX_BODY_BYTES
from lumba.fhir.code_system import code_system, level_code_system
from lumba.fhir.from_assessment import response_of
from lumba.fhir.questionnaire import questionnaire
from lumba.fhir.validation import validate
from tests.fhir.conftest import FHIR_JSON, post

PLAIN = {"gestational_weeks": 30, "pain": {"intensity": 3, "locations": ["lower_back"]}}
EMERGENCY = {**PLAIN, "symptoms": ["chest_pain"]}


def fhir(response: Any, status: int = 200) -> dict[str, Any]:
    assert response.status_code == status, response.content[:500]
    assert response["Content-Type"].startswith(FHIR_JSON)
    return json.loads(response.content)


def outcome(response: Any, status: int = 422) -> list[dict[str, Any]]:
    found = validate(fhir(response, status))
    assert found["resourceType"] == "OperationOutcome"
    return found["issue"]


def names(issues: list[dict[str, Any]], link_id: str) -> dict[str, Any]:
    for issue in issues:
        if issue["diagnostics"].startswith(f"{link_id}: "):
            assert any(link_id in e for e in issue["expression"])
            return issue
    raise AssertionError(f"no issue names {link_id}: {issues}")


# --- what lumba publishes ---


@pytest.mark.parametrize(
    ("path", "make"),
    [
        ("/fhir/Questionnaire/lumba-assessment", questionnaire),
        ("/fhir/CodeSystem/lumba", code_system),
        ("/fhir/CodeSystem/lumba-triage-level", level_code_system),
    ],
)
def test_the_published_resources_are_served(web: Client, library, path, make) -> None:
    served = fhir(web.get(path, headers={"Accept": FHIR_JSON}))
    assert served == make(library, "en")
    validate(served)


def test_a_language_not_offered_is_refused(web: Client) -> None:
    (issue,) = outcome(web.get("/fhir/Questionnaire/lumba-assessment?lang=xx"))
    assert issue["diagnostics"].startswith("lang: ")


def test_an_unknown_fhir_path_answers_with_an_operation_outcome(web: Client) -> None:
    (issue,) = outcome(web.get("/fhir/Patient/1"), status=404)
    assert issue["code"] == "not-found"


# --- $triage ---


def test_triage_answers_with_the_bundle(web: Client, library) -> None:
    response = post(web, response_of(EMERGENCY, library), "?region=GB")
    bundle = validate(fhir(response))
    assert bundle["resourceType"] == "Bundle"
    triage = bundle["entry"][2]["resource"]
    assert triage["prediction"][0]["outcome"]["coding"][0]["code"] == "emergency"
    assert "999" in triage["prediction"][0]["outcome"]["text"]  # the region's number
    assert "no-store" in response["Cache-Control"]


def test_a_client_accepting_only_json_gets_the_plain_result_of_the_api(
    web: Client, library
) -> None:
    plain = post(web, response_of(EMERGENCY, library), "?region=GB", Accept="application/json")
    assert plain.status_code == 200 and plain["Content-Type"] == "application/json"
    api = web.post(
        "/api/v1/triage?region=GB", json.dumps(EMERGENCY), content_type="application/json"
    )
    assert plain.json() == api.json()
    assert "no-store" in plain["Cache-Control"]


def test_plain_json_also_accepted_as_the_request_type(web: Client, library) -> None:
    response = post(web, response_of(PLAIN, library), content_type="application/json")
    assert fhir(response)["resourceType"] == "Bundle"


def test_triage_needs_no_csrf_token(web: Client, library) -> None:
    client = Client(enforce_csrf_checks=True)
    assert post(client, response_of(PLAIN, library)).status_code == 200


def _bad(library, link_id: str, **item: Any) -> dict[str, Any]:
    response = response_of(PLAIN, library)
    for group in response["item"]:
        for found in group["item"]:
            if found["linkId"] == link_id:
                found.update(item)
                return response
    response["item"].append({"linkId": link_id, **item})
    return response


CODING = "https://lumba.invalid/fhir/CodeSystem/lumba"


@pytest.mark.parametrize(
    ("link_id", "item"),
    [
        ("pain_score", {"answer": [{"valueInteger": 3}]}),  # unknown linkId
        ("intensity", {"answer": [{"valueString": "3"}]}),  # a string for an integer
        ("onset", {"answer": [{"valueCoding": {"system": CODING, "code": "fast"}}]}),  # not offered
        ("intensity", {"answer": [{"valueInteger": 12}]}),  # out of range
        ("gestational_weeks", {"answer": [{"valueInteger": 3}, {"valueInteger": 4}]}),
    ],
)
def test_a_bad_answer_gets_422_naming_the_item(web: Client, library, link_id, item) -> None:
    names(outcome(post(web, _bad(library, link_id, **item))), link_id)


@pytest.mark.parametrize(
    ("change", "expression"),
    [
        ({"resourceType": "Observation"}, "QuestionnaireResponse.resourceType"),
        (
            {"questionnaire": "http://example.org/Questionnaire/other"},
            "QuestionnaireResponse.questionnaire",
        ),
        ({"status": "in-progress"}, "QuestionnaireResponse.status"),
    ],
)
def test_a_foreign_or_unfinished_response_gets_422(
    web: Client, library, change, expression
) -> None:
    issues = outcome(post(web, {**response_of(PLAIN, library), **change}))
    assert issues[0]["expression"] == [expression]


@pytest.mark.parametrize(
    ("body", "start"),
    [
        ("", "empty input"),
        ("{not json", "not valid JSON"),
        ("[1, 2]", "expected a JSON object"),
        ('"text"', "expected a JSON object"),
        (b"\xff\xfe", "the body is not UTF-8"),
        (json.dumps({"resourceType": "QuestionnaireResponse", "item": [{"linkId": "x"}] * 2100}),
         "too large to check"),
    ],
)  # fmt: skip
def test_a_body_that_is_no_response_gets_422_saying_why(web: Client, body, start) -> None:
    (issue,) = outcome(post(web, body))
    assert issue["diagnostics"].startswith(start)


def test_a_body_not_typed_as_json_gets_415(web: Client, library) -> None:
    body = json.dumps(response_of(PLAIN, library))
    (issue,) = outcome(post(web, body, content_type="text/plain"), status=415)
    assert issue["code"] == "not-supported"


def test_a_body_over_the_limit_gets_413_as_an_operation_outcome(web: Client) -> None:
    body = json.dumps({"padding": "x" * MAX_BODY_BYTES})
    (issue,) = outcome(post(web, body), status=413)
    assert str(MAX_BODY_BYTES) in issue["diagnostics"]


def test_query_and_body_problems_come_together(web: Client, library) -> None:
    body = _bad(library, "intensity", answer=[{"valueInteger": 12}])
    issues = outcome(post(web, body, "?region=Atlantis&lang=xx"))
    said = [issue["diagnostics"] for issue in issues]
    assert any(s.startswith("region: ") for s in said) and any(s.startswith("lang: ") for s in said)
    names(issues, "intensity")


def test_triage_takes_only_post(web: Client) -> None:
    assert web.get("/fhir/QuestionnaireResponse/$triage").status_code == 405
