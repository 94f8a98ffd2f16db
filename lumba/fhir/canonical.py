"""The identifiers lumba's FHIR resources are known by.

The base ends in `.invalid`, a top-level domain reserved never to resolve
(RFC 6761): a canonical URL in FHIR is an identifier, not an address, and
lumba has no registry that would serve these. A record system matches on
the string; the server that runs lumba serves the same resources at
/fhir/... whatever its own host name is.
"""

from __future__ import annotations

CANONICAL = "https://lumba.invalid/fhir"

QUESTIONNAIRE_ID = "lumba-assessment"
QUESTIONNAIRE_URL = f"{CANONICAL}/Questionnaire/{QUESTIONNAIRE_ID}"
CODE_SYSTEM_ID = "lumba"
CODE_SYSTEM_URL = f"{CANONICAL}/CodeSystem/{CODE_SYSTEM_ID}"
LEVEL_SYSTEM_ID = "lumba-triage-level"
LEVEL_SYSTEM_URL = f"{CANONICAL}/CodeSystem/{LEVEL_SYSTEM_ID}"
# An item's `definition`: this plus "#" and the assessment field it fills.
ASSESSMENT_DEFINITION = f"{CANONICAL}/StructureDefinition/assessment"
# A reason of a triage, carried as a complex extension on the RiskAssessment.
REASON_EXTENSION = f"{CANONICAL}/StructureDefinition/triage-reason"

LOINC = "http://loinc.org"
PAIN_SCORE_CODE = "72514-3"
PAIN_SCORE_DISPLAY = "Pain severity - 0-10 verbal numeric rating [Score] - Reported"
OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
UCUM = "http://unitsofmeasure.org"

MIN_VALUE = "http://hl7.org/fhir/StructureDefinition/minValue"
MAX_VALUE = "http://hl7.org/fhir/StructureDefinition/maxValue"
UNIT = "http://hl7.org/fhir/StructureDefinition/questionnaire-unit"

FHIR_JSON = "application/fhir+json"


def field_definition(field: str) -> str:
    """The `definition` of an item that fills the assessment field `field`."""
    return f"{ASSESSMENT_DEFINITION}#{field}"
