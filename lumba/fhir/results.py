"""A triage in FHIR: the pain score as an Observation, the result as a
RiskAssessment, and both with the QuestionnaireResponse they come from in
a `collection` Bundle.

A RiskAssessment rather than an Observation: it is what FHIR has for "the
likely outcome, and what to do about it", with a place for its basis (the
answers), the rationale and the mitigation (what to do now). The level is
the coded outcome; each reason that fired is a note a person can read and
an extension a program can (rule id, level, title, sources). The words are
the content's own, as the person saw them: a reason says what a sign "can
be a sign of", never a diagnosis.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from lumba.fhir.canonical import (
    LEVEL_SYSTEM_URL,
    LOINC,
    OBSERVATION_CATEGORY,
    PAIN_SCORE_CODE,
    PAIN_SCORE_DISPLAY,
    REASON_EXTENSION,
)
from lumba.fhir.ids import digest, full_url

ANSWERED_BY = {"display": "The person who answered lumba's check"}
TRIAGE_CODE = {"text": "How soon to get help for back or pelvic pain in pregnancy"}


def reference(url: str) -> dict[str, str]:
    return {"reference": url}


def pain_observation(
    intensity: int,
    subject: Mapping[str, Any],
    effective: str | None = None,
    derived_from: Sequence[str] = (),
    text: str = "Worst pain in the last 24 hours, 0 to 10",
) -> dict[str, Any]:
    """The pain score: LOINC 72514-3, 0-10 numeric rating, as the person reported it."""
    observation = {
        "resourceType": "Observation",
        "status": "final",
        "category": [
            {"coding": [{"system": OBSERVATION_CATEGORY, "code": "survey", "display": "Survey"}]}
        ],
        "code": {
            "coding": [{"system": LOINC, "code": PAIN_SCORE_CODE, "display": PAIN_SCORE_DISPLAY}],
            "text": text,
        },
        "subject": dict(subject),
        "effectiveDateTime": effective,
        "valueInteger": intensity,
        "derivedFrom": [reference(url) for url in derived_from],
    }
    return without_empty(observation)


def risk_assessment(
    result: Mapping[str, Any],
    subject: Mapping[str, Any],
    basis: Sequence[str] = (),
    occurrence: str | None = None,
    content_version: str = "",
) -> dict[str, Any]:
    """The triage result (the result object of POST /api/v1/triage) as a RiskAssessment."""
    reasons = result.get("reasons", [])
    assessment = {
        "resourceType": "RiskAssessment",
        "extension": [_reason_extension(reason) for reason in reasons],
        "status": "final",
        "method": {"text": _method(content_version)},
        "code": TRIAGE_CODE,
        "subject": dict(subject),
        "occurrenceDateTime": occurrence,
        "basis": [reference(url) for url in basis],
        "prediction": [_prediction(result)],
        "mitigation": "\n".join(result.get("actions", [])),
        "note": [{"text": _reason_text(reason)} for reason in reasons],
    }
    return without_empty(assessment)


def _prediction(result: Mapping[str, Any]) -> dict[str, Any]:
    # A result kept in a diary may be older than some of these keys.
    level = result["level"]
    coding = {"system": LEVEL_SYSTEM_URL, "code": level, "display": result.get("label") or level}
    call = result.get("call_to_action") or result.get("headline")
    outcome = without_empty({"coding": [coding], "text": call})
    return without_empty({"outcome": outcome, "rationale": result.get("headline")})


def _method(content_version: str) -> str:
    return (
        f"lumba triage rules, content {content_version}"
        if content_version
        else "lumba triage rules"
    )


def _reason_text(reason: Mapping[str, Any]) -> str:
    sources = "; ".join(reason.get("sources", []))
    text = f"[{reason['rule']}] {reason['title']} — {reason['explanation']}"
    return f"{text} Sources: {sources}" if sources else text


def _reason_extension(reason: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "url": REASON_EXTENSION,
        "extension": [
            {"url": "rule", "valueCode": reason["rule"]},
            {"url": "level", "valueCode": reason["level"]},
            {"url": "title", "valueString": reason["title"]},
            *({"url": "source", "valueString": source} for source in reason.get("sources", [])),
        ],
    }


def bundle(entries: Sequence[tuple[str, Mapping[str, Any]]]) -> dict[str, Any]:
    """A `collection` Bundle of (full URL, resource) entries."""
    return {
        "resourceType": "Bundle",
        "type": "collection",
        "entry": [{"fullUrl": url, "resource": dict(resource)} for url, resource in entries],
    }


def triage_bundle(
    response: Mapping[str, Any],
    document: Mapping[str, Any],
    result: Mapping[str, Any],
    content_version: str = "",
) -> dict[str, Any]:
    """The response as posted, the pain score it gave, and the triage made from it."""
    seed = digest(response)
    response_url = full_url("QuestionnaireResponse", seed)
    pain_url = full_url("Observation", seed)
    triage_url = full_url("RiskAssessment", seed, result["region"], result["language"])
    subject = response.get("subject") or ANSWERED_BY
    authored = response.get("authored")
    pain = pain_observation(document["pain"]["intensity"], subject, authored, [response_url])
    triage = risk_assessment(result, subject, [response_url, pain_url], authored, content_version)
    return bundle([(response_url, response), (pain_url, pain), (triage_url, triage)])


def without_empty(resource: dict[str, Any]) -> dict[str, Any]:
    """The resource without its empty elements: FHIR JSON has no nulls or empty lists."""
    return {key: value for key, value in resource.items() if value not in (None, "", [], {})}
