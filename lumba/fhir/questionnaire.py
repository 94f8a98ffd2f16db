"""The check as a FHIR Questionnaire, made from the same question definitions
as the web and terminal checks (lumba.core.questions), so they cannot drift.

One group per step (linkId: the step id), one item per question (linkId:
the question id). Only what the published spec requires is `required`: a
record system may leave out whatever the spec allows out, and the spec's
defaults then apply. The weeks are not required either: unknown weeks are
read the cautious way, as the check reads "I don't know".
"""

from __future__ import annotations

from typing import Any

from lumba.core.library import Library
from lumba.core.questions import Question, Step
from lumba.fhir import fields
from lumba.fhir.canonical import (
    CODE_SYSTEM_URL,
    LOINC,
    MAX_VALUE,
    MIN_VALUE,
    PAIN_SCORE_CODE,
    PAIN_SCORE_DISPLAY,
    QUESTIONNAIRE_ID,
    QUESTIONNAIRE_URL,
    UCUM,
    UNIT,
    field_definition,
)
from lumba.fhir.code_system import NONE_LABEL
from lumba.fhir.enable_when import enable_when
from lumba.fhir.items import (
    READING_PARTS,
    answer_codes,
    item_type,
    part_field,
    part_link_id,
)

# Codes from outside lumba that say what an item asks.
FIELD_CODES = {
    "pain.intensity": [{"system": LOINC, "code": PAIN_SCORE_CODE, "display": PAIN_SCORE_DISPLAY}]
}
FIELD_UNITS = {"temperature_c": ("Cel", "°C"), "blood_pressure": ("mm[Hg]", "mmHg")}
READING_TEXT = {"systolic": "Upper number (systolic)", "diastolic": "Lower number (diastolic)"}


def questionnaire(library: Library, language: str = "en") -> dict[str, Any]:
    core = library.questionnaire
    questions = core.questions()
    return {
        "resourceType": "Questionnaire",
        "id": QUESTIONNAIRE_ID,
        "url": QUESTIONNAIRE_URL,
        "version": library.version,
        "name": "LumbaAssessment",
        "title": core.title.get(language),
        "status": "active",
        "language": language,
        "subjectType": ["Patient"],
        "description": "lumba's check of back or pelvic pain in pregnancy. POST a completed "
        "QuestionnaireResponse to QuestionnaireResponse/$triage for lumba's triage. "
        "Not a diagnosis.",
        "item": [_group(step, questions, library, language) for step in core.steps],
    }


def _group(step: Step, questions: list[Question], library: Library, language: str) -> Any:
    items = [_item(question, questions, library, language) for question in step.questions]
    return {
        "linkId": step.id,
        "text": step.title.get(language),
        "type": "group",
        "required": any(item["required"] for item in items),
        "item": items,
    }


def is_required(question: Question) -> bool:
    """Whether a response must answer the question: only where the spec requires the field."""
    return fields.is_required(question.field) and question.kind != "weeks"


def _item(question: Question, questions: list[Question], library: Library, language: str) -> Any:
    kind = item_type(question)
    item: dict[str, Any] = {
        "linkId": question.id,
        "definition": field_definition(question.field),
        **({"code": FIELD_CODES[question.field]} if question.field in FIELD_CODES else {}),
        "text": question.label.get(language),
        "type": kind,
        "required": is_required(question),
    }
    if kind == "choice":
        item["repeats"] = question.kind == "multi"
        item["answerOption"] = _options(question, library, language)
    elif kind == "group":
        item["item"] = [_reading_part(question, part) for part in READING_PARTS]
    else:
        item["extension"] = _number_extensions(question.field, kind)
    return item | enable_when(question, questions)


def _options(question: Question, library: Library, language: str) -> list[dict[str, Any]]:
    options = []
    for code in answer_codes(question):
        if code in question.options:
            display = library.questionnaire.choice(question.field, code).label.get(language)
        else:
            display = NONE_LABEL
        coding = {"system": CODE_SYSTEM_URL, "code": code, "display": display}
        options.append({"valueCoding": coding})
    return options


def _reading_part(question: Question, part: str) -> dict[str, Any]:
    field = part_field(question, part)
    return {
        "linkId": part_link_id(question, part),
        "definition": field_definition(field),
        "text": READING_TEXT[part],
        "type": "integer",
        "required": fields.is_required(field),
        "extension": _number_extensions(field, "integer", unit_of=question.field),
    }


def _number_extensions(field: str, kind: str, unit_of: str | None = None) -> list[Any]:
    value_key = "valueInteger" if kind == "integer" else "valueDecimal"
    low, high = fields.bounds(field)
    found: list[dict[str, Any]] = []
    if low is not None:
        found.append({"url": MIN_VALUE, value_key: _number(low, kind)})
    if high is not None:
        found.append({"url": MAX_VALUE, value_key: _number(high, kind)})
    unit = FIELD_UNITS.get(unit_of or field)
    if unit is not None:
        found.append(
            {"url": UNIT, "valueCoding": {"system": UCUM, "code": unit[0], "display": unit[1]}}
        )
    return found


def _number(value: float, kind: str) -> float | int:
    return int(value) if kind == "integer" or float(value).is_integer() else value
