"""How each kind of lumba question is asked as a FHIR item, in one place:
the Questionnaire is made with it and QuestionnaireResponses are read with
it, so the two cannot disagree."""

from __future__ import annotations

from typing import Literal

from lumba.core.questions import FIELD_KINDS, NONE_OF_THESE, Question

ItemType = Literal["choice", "integer", "decimal", "boolean", "group"]
# The value[x] an answer of each item type carries.
VALUE_KEYS: dict[str, str] = {
    "choice": "valueCoding",
    "integer": "valueInteger",
    "decimal": "valueDecimal",
    "boolean": "valueBoolean",
}
# A blood pressure reading is asked as a group of two whole numbers.
READING_PARTS = ("systolic", "diastolic")


def item_type(question: Question) -> ItemType:
    kind = question.kind
    if kind == "single":
        # Pain out of ten and days of pain are numbers in the spec: the web's
        # taps ("1 to 3 days") are a screen's convenience, a record system
        # sends the number itself.
        return "integer" if "integer" in FIELD_KINDS[question.field] else "choice"
    if kind == "multi":
        return "choice"
    if kind in ("integer", "weeks"):
        return "integer"
    if kind == "blood_pressure":
        return "group"
    return "decimal" if kind == "decimal" else "boolean"


def answer_codes(question: Question) -> list[str]:
    """The codes a choice item offers: its options, and "none" where the web
    offers "None of these"."""
    if item_type(question) != "choice":
        return []
    return [*question.options, *([NONE_OF_THESE] if question.none_option else [])]


def part_link_id(question: Question, part: str) -> str:
    return f"{question.id}.{part}"


def part_field(question: Question, part: str) -> str:
    return f"{question.field}.{part}"
