"""Requests of the CDS Hooks 2.0 shape, built from lumba's own vignettes."""

from __future__ import annotations

from typing import Any

from lumba.content.loader import default_library
from lumba.fhir.cds_hooks.discovery import PAIN_SCORES_KEY, RESPONSES_KEY
from lumba.fhir.from_assessment import response_of
from tests.vignettes.cases import all_vignettes

PATIENT = "1288992"
HOOK_INSTANCE = "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea"
SITE = "https://lumba.example"
# One vignette for each level (tests/vignettes).
BY_LEVEL = {
    "emergency": "sample-cauda-equina",
    "urgent": "sample-waves",
    "soon": "sample-pgp",
    "routine": "v-routine-duration-15",
    "self_care": "sample-self-care",
}


def vignette(vignette_id: str) -> dict[str, Any]:
    for case in all_vignettes():
        if case["id"] == vignette_id:
            return case
    raise KeyError(vignette_id)


def answers(
    assessment: dict[str, Any],
    authored: str | None = "2026-11-30T09:15:00Z",
    subject: str | None = f"Patient/{PATIENT}",
) -> dict[str, Any]:
    """The QuestionnaireResponse a record system would hold for an assessment."""
    response = response_of(assessment, default_library())
    if authored is not None:
        response["authored"] = authored
    if subject is not None:
        response["subject"] = {"reference": subject}
    return response


def searchset(*resources: Any) -> dict[str, Any]:
    return {
        "resourceType": "Bundle",
        "type": "searchset",
        "total": len(resources),
        "entry": [
            {"fullUrl": f"https://ehr.example/fhir/x/{n}", "resource": r}
            for n, r in enumerate(resources)
        ],
    }


def pain_score(score: Any, when: str, subject: str = f"Patient/{PATIENT}") -> dict[str, Any]:
    return {
        "resourceType": "Observation",
        "status": "final",
        "code": {"coding": [{"system": "http://loinc.org", "code": "72514-3"}]},
        "subject": {"reference": subject},
        "effectiveDateTime": when,
        "valueInteger": score,
    }


def hook_request(
    responses: Any = None, scores: Any = None, *, prefetch: Any = "build", **changes: Any
) -> dict[str, Any]:
    """A patient-view call as the specification's example has it."""
    if prefetch == "build":
        prefetch = {}
        if responses is not None:
            prefetch[RESPONSES_KEY] = responses
        if scores is not None:
            prefetch[PAIN_SCORES_KEY] = scores
    request = {
        "hookInstance": HOOK_INSTANCE,
        "fhirServer": "https://ehr.example/fhir",
        "hook": "patient-view",
        "fhirAuthorization": {
            "access_token": "some-opaque-fhir-access-token",
            "token_type": "Bearer",
            "expires_in": 300,
            "scope": "patient/QuestionnaireResponse.read patient/Observation.read",
            "subject": "lumba",
        },
        "context": {
            "userId": "Practitioner/example",
            "patientId": PATIENT,
            "encounterId": "89284",
        },
        "prefetch": prefetch,
    }
    for key, value in changes.items():
        if value is None:
            request.pop(key, None)
        else:
            request[key] = value
    return request
