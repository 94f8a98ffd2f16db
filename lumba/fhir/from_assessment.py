"""An assessment document as a QuestionnaireResponse to the lumba Questionnaire:
the reverse of lumba.fhir.response, for round trips and for examples
(`lumba fhir response`).

Only what the document says is answered, so the spec's defaults still
apply on the way back. A question answered by a code takes the first
option that stands for the document's value (wakes_at_night true: "Yes,
and it stays when I change position"). A checklist with nothing ticked is
answered "none" where the web offers "None of these" and the question
applies; a sign is given even where its question would not be shown.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from lumba.core.library import Library
from lumba.core.questions import NONE_OF_THESE, Question
from lumba.fhir.canonical import CODE_SYSTEM_URL, QUESTIONNAIRE_URL
from lumba.fhir.code_system import NONE_LABEL
from lumba.fhir.items import READING_PARTS, VALUE_KEYS, item_type, part_link_id

_ABSENT = object()


def response_of(document: Mapping[str, Any], library: Library) -> dict[str, Any]:
    """A completed QuestionnaireResponse that gives the assessment `document`."""
    groups = []
    for step in library.questionnaire.steps:
        items = [item for q in step.questions if (item := _item(q, document, library))]
        if items:
            groups.append({"linkId": step.id, "text": step.title.get(), "item": items})
    return {
        "resourceType": "QuestionnaireResponse",
        "questionnaire": f"{QUESTIONNAIRE_URL}|{library.version}",
        "status": "completed",
        "item": groups,
    }


def _item(question: Question, document: Mapping[str, Any], library: Library) -> dict[str, Any]:
    value = _field(document, question.field)
    kind = item_type(question)
    if question.kind == "multi":
        answers = [_coding(question, code, library) for code in _ticks(question, document, value)]
    elif value is _ABSENT:
        return {}
    elif kind == "group":
        return {**_head(question), "item": [_part(question, part, value) for part in READING_PARTS]}
    elif kind == "choice":
        answers = [_coding(question, _option_for(question, value), library)]
    else:
        answers = [{VALUE_KEYS[kind]: _whole(value) if kind == "integer" else value}]
    return {**_head(question), "answer": answers} if answers else {}


def _head(question: Question) -> dict[str, Any]:
    return {"linkId": question.id, "text": question.label.get()}


def _field(document: Mapping[str, Any], path: str) -> Any:
    value: Any = document
    for key in path.split("."):
        if not isinstance(value, Mapping) or key not in value:
            return _ABSENT
        value = value[key]
    return value


def _ticks(question: Question, document: Mapping[str, Any], value: Any) -> list[str]:
    given = [] if value is _ABSENT else list(value)
    ticks = [code for code in question.options if code in given]
    if ticks or not question.none_option:
        return ticks
    weeks = document.get("gestational_weeks")
    locations = frozenset(_field(document, "pain.locations") or [])
    return [NONE_OF_THESE] if question.applies(weeks, locations) else []


def _option_for(question: Question, value: Any) -> str:
    for option in question.options:
        stands_for = question.values[option] if question.values is not None else option
        if type(stands_for) is type(value) and stands_for == value:
            return option
    raise ValueError(f"{question.id}: no option stands for {value!r}")


def _coding(question: Question, code: str, library: Library) -> dict[str, Any]:
    if code in question.options:
        display = library.questionnaire.choice(question.field, code).label.get()
    else:
        display = NONE_LABEL
    return {"valueCoding": {"system": CODE_SYSTEM_URL, "code": code, "display": display}}


def _part(question: Question, part: str, reading: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "linkId": part_link_id(question, part),
        "answer": [{"valueInteger": _whole(reading[part])}],
    }


def _whole(value: Any) -> Any:
    # The spec counts 4.0 as the whole number 4; FHIR's integer does not.
    return int(value) if isinstance(value, float) and value.is_integer() else value
