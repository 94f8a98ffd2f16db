"""From a QuestionnaireResponse to lumba's triage: the one path the web's
`$triage` and `lumba fhir triage` both take, so they cannot differ."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from lumba.core.library import Library
from lumba.fhir.limits import parse
from lumba.fhir.response import assessment_of
from lumba.fhir.results import triage_bundle
from lumba.service import Triager, validate_assessment

Read = tuple[dict[str, Any], dict[str, Any]]  # (the response, the assessment document)


def read(text: str, library: Library) -> Read:
    """The response in `text` and the assessment document it gives, or InvalidResponse."""
    response = parse(text)
    return response, assessment_of(response, library)


def answer(response: Mapping[str, Any], document: Mapping[str, Any], triager: Triager) -> Read:
    """(the Bundle, the plain result) for a response read with `read`."""
    result = result_of(document, triager)
    version = triager.renderer.library.version
    return triage_bundle(response, document, result, version), result


def triage_text(text: str, triager: Triager) -> Read:
    """(the Bundle, the plain result) for a response given as JSON text, or InvalidResponse."""
    return answer(*read(text, triager.renderer.library), triager)


def triage(response: Any, triager: Triager) -> Read:
    """(the Bundle, the plain result) for a parsed response, or InvalidResponse."""
    return answer(response, assessment_of(response, triager.renderer.library), triager)


def result_of(document: Mapping[str, Any], triager: Triager) -> dict[str, Any]:
    """The result for an assessment document; without weeks, read the cautious
    way the check reads "I don't know" (the most urgent over every week)."""
    if "gestational_weeks" in document:
        return triager.result(validate_assessment(dict(document)))
    return triager.result_weeks_unknown(document)
