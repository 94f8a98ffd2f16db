"""Round trips: the QuestionnaireResponse made from an assessment, posted to
`$triage`, gives the level `lumba triage` gives the assessment itself (or,
without weeks, the cautious reading of unknown weeks). Over every vignette
of every suite, and over generated assessments."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lumba.fhir.from_assessment import response_of
from lumba.fhir.validation import validate
from lumba.service import validate_assessment
from tests.core.assessment_strategies import any_documents
from tests.fhir.conftest import post, vignettes


def expected_level(assessment: dict[str, Any], triager) -> str:
    if "gestational_weeks" in assessment:
        return triager.result(validate_assessment(assessment))["level"]
    return triager.result_weeks_unknown(assessment)["level"]


def level_through_triage(client: Client, assessment: dict[str, Any], library) -> str:
    response = validate(response_of(assessment, library))
    answered = post(client, response, "?region=GB", Accept="application/json")
    assert answered.status_code == 200, answered.content[:500]
    return json.loads(answered.content)["level"]


def test_every_vignette_keeps_its_level_through_fhir(web, library, triager) -> None:
    """One test over every vignette (each a request), naming each that differs."""
    cases = vignettes()
    assert len(cases) >= 300
    differ = [
        f"{where}: {through} through FHIR, {expected} from the triager"
        for where, assessment in cases
        if (through := level_through_triage(web, assessment, library))
        != (expected := expected_level(assessment, triager))
    ]
    assert differ == [], f"{len(differ)} of {len(cases)} vignettes differ:\n" + "\n".join(differ)


def test_the_bundle_carries_the_same_level(web, library, triager) -> None:
    _, assessment = vignettes()[0]
    bundle = validate(json.loads(post(web, response_of(assessment, library), "?region=GB").content))
    triage = bundle["entry"][2]["resource"]
    level = triage["prediction"][0]["outcome"]["coding"][0]["code"]
    assert level == expected_level(assessment, triager)


def _without_weeks(document: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in document.items() if key != "gestational_weeks"}


@pytest.mark.django_db
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(document=st.one_of(any_documents, any_documents.map(_without_weeks)))
def test_any_assessment_keeps_its_level_through_fhir(library, triager, document) -> None:
    assert level_through_triage(Client(), document, library) == expected_level(document, triager)
