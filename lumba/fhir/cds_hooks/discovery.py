"""The discovery document (GET /cds-services): one `patient-view` service.

Its prefetch templates ask only for what the card uses: the patient's
QuestionnaireResponses to the lumba Questionnaire (finished ones, newest
first) and their recent pain scores (LOINC 72514-3). No Patient resource:
lumba needs no name, birth date or identifier. The search parameters are
FHIR R4's (QuestionnaireResponse: patient, questionnaire, status, authored;
Observation: patient, code, date), within the specification's prefetch
restrictions (references, token equality, _sort and _count).
"""

from __future__ import annotations

from typing import Any

from lumba.fhir.canonical import LOINC, PAIN_SCORE_CODE, QUESTIONNAIRE_URL

HOOK = "patient-view"
SERVICE_ID = "lumba-back-pain"
RESPONSES_KEY = "lumbaResponses"
PAIN_SCORES_KEY = "painScores"
# As many as the templates ask for: the card reads no more than this.
MAX_RESPONSES = 5
MAX_PAIN_SCORES = 10

PATIENT = "{{context.patientId}}"  # a prefetch token: the record system fills it in

PREFETCH = {
    RESPONSES_KEY: (
        f"QuestionnaireResponse?patient={PATIENT}"
        f"&questionnaire={QUESTIONNAIRE_URL}&status=completed,amended"
        f"&_sort=-authored&_count={MAX_RESPONSES}"
    ),
    PAIN_SCORES_KEY: (
        f"Observation?patient={PATIENT}&code={LOINC}|{PAIN_SCORE_CODE}"
        f"&_sort=-date&_count={MAX_PAIN_SCORES}"
    ),
}

TITLE = "lumba: back and pelvic pain in pregnancy"
DESCRIPTION = (
    "Shows lumba's triage of the patient's most recent answers to the lumba check "
    "for back and pelvic pain in pregnancy (a QuestionnaireResponse in the record): "
    "how soon to get help, the rules that fired and the advice given. No answers, "
    "no card. Not a diagnosis; lumba stores nothing it is sent."
)
USAGE = (
    "Prefetch the patient's QuestionnaireResponses to "
    f"{QUESTIONNAIRE_URL}: lumba reads only what is prefetched and never calls "
    "the FHIR server."
)


def service() -> dict[str, Any]:
    """The one service, as the discovery document lists it."""
    return {
        "hook": HOOK,
        "id": SERVICE_ID,
        "title": TITLE,
        "description": DESCRIPTION,
        "prefetch": dict(PREFETCH),
        "usageRequirements": USAGE,
    }


def services() -> dict[str, Any]:
    """The discovery document."""
    return {"services": [service()]}
