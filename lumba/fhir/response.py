"""A QuestionnaireResponse to the lumba Questionnaire, read as an assessment.

Only a completed (or amended) response to lumba's own Questionnaire is
read; any version of it is accepted, since every item is checked against
the Questionnaire as it is now. Items may sit in their step groups or all
at the top level. Every problem found is reported, each naming its item:
an unknown linkId, the wrong value[x], a code the item does not offer, a
number out of bounds, several answers to a one-answer item, a required
item left out. The answers, keyed by question id, then go through the
same `assemble` and validation as the web's and the terminal's check.

Answers to an item whose enableWhen does not hold are read all the same:
a sign that was reported is never dropped.
"""

from __future__ import annotations

from typing import Any

from lumba.core.library import Library
from lumba.core.questions import NONE_OF_THESE, Question, Questionnaire, assemble
from lumba.fhir.canonical import QUESTIONNAIRE_URL
from lumba.fhir.items import (
    READING_PARTS,
    answer_codes,
    item_type,
    part_field,
    part_link_id,
)
from lumba.fhir.limits import shape_problem
from lumba.fhir.problems import RESOURCE, InvalidResponse, Problem, anywhere, item_path
from lumba.fhir.questionnaire import is_required
from lumba.fhir.structure import structure_problems
from lumba.fhir.values import BadAnswer, short, value_of
from lumba.service import InvalidAssessment, validate_assessment

FINISHED = ("completed", "amended")
WEEKS_FIELD = "gestational_weeks"


def assessment_of(response: Any, library: Library) -> dict[str, Any]:
    """The assessment document the response gives (without gestational_weeks
    when they were not answered), or InvalidResponse naming every item at fault."""
    _refuse_foreign(response)
    reader = _Reader(library.questionnaire)
    reader.read_items(response.get("item", []), RESOURCE)
    found = [*_status_problems(response), *reader.problems, *reader.missing()]
    found += structure_problems(response, found)
    if found:
        raise InvalidResponse(found)
    document = assemble(library.questionnaire, reader.all_answers())
    _validate(document, reader)
    return document


def _refuse_foreign(response: Any) -> None:
    """Stop at once for anything that is not a response to lumba's Questionnaire."""
    if not isinstance(response, dict):
        got = type(response).__name__.replace("NoneType", "null")
        raise InvalidResponse([Problem("", f"expected a JSON object, got {got}", code="structure")])
    problem = shape_problem(response)
    if problem is not None:
        raise InvalidResponse([problem])
    kind = response.get("resourceType")
    if kind != "QuestionnaireResponse":
        message = f"resourceType must be QuestionnaireResponse (got {short(kind)})"
        raise InvalidResponse([Problem("", message, f"{RESOURCE}.resourceType", "not-supported")])
    canonical = response.get("questionnaire")
    if not isinstance(canonical, str) or canonical.split("|", 1)[0] != QUESTIONNAIRE_URL:
        message = (
            f"questionnaire must be {QUESTIONNAIRE_URL} (got {short(canonical)}): "
            "lumba reads responses to its own Questionnaire only"
        )
        raise InvalidResponse([Problem("", message, f"{RESOURCE}.questionnaire", "not-supported")])


def _status_problems(response: dict[str, Any]) -> list[Problem]:
    status = response.get("status")
    if status in FINISHED:
        return []
    why = (
        "the answers may not be final"
        if status == "in-progress"
        else "it is not a finished response"
    )
    message = f"status must be completed or amended (got {short(status)}): {why}"
    return [Problem("", message, f"{RESOURCE}.status", "business-rule")]


class _Reader:
    """Walks the items once, keeping each answer by question id and each problem."""

    def __init__(self, questionnaire: Questionnaire) -> None:
        self.questions = {q.id: q for q in questionnaire.questions()}
        self.groups = {step.id for step in questionnaire.steps}
        self.parts = {
            part_link_id(q, part): (q, part)
            for q in self.questions.values()
            if item_type(q) == "group"
            for part in READING_PARTS
        }
        self.answers: dict[str, Any] = {}
        self.readings: dict[str, dict[str, int]] = {}
        self.problems: list[Problem] = []
        self.seen: set[str] = set()
        # Items given with a problem: already reported, so not "required" as well.
        self.faulty: set[str] = set()

    def read_items(self, items: Any, parent: str) -> None:
        if not isinstance(items, list):
            self.problems.append(Problem("", "item must be a list", f"{parent}.item", "structure"))
            return
        for item in items:
            self._read_item(item, parent)

    def _read_item(self, item: Any, parent: str) -> None:
        link_id = item.get("linkId") if isinstance(item, dict) else None
        if not isinstance(link_id, str):
            message = "each item must be an object with a linkId (text)"
            self.problems.append(Problem("", message, f"{parent}.item", "structure"))
            return
        path = item_path(parent, link_id)
        if link_id in self.seen:
            self._problem(link_id, "appears more than once", path, "duplicate")
            return
        self.seen.add(link_id)
        question = self.questions.get(link_id)
        if link_id in self.groups or (question is not None and item_type(question) == "group"):
            self._read_group(item, link_id, path)
        elif question is not None:
            self._read_question(question, item, path)
        elif link_id in self.parts:
            self._read_part(item, link_id, path)
        else:
            self._problem(link_id, "is not an item of the lumba Questionnaire", path)

    def _read_group(self, item: dict[str, Any], link_id: str, path: str) -> None:
        if item.get("answer"):
            self._problem(link_id, "is a group: its answers belong in its items", path, "structure")
        self.read_items(item.get("item", []), path)

    def _read_question(self, question: Question, item: dict[str, Any], path: str) -> None:
        if "item" in item:
            self._problem(question.id, "takes no nested items", path, "structure")
        answers = self._answers(question.id, item, path, repeats=question.kind == "multi")
        if not answers:
            return
        codes = answer_codes(question)
        try:
            values = [value_of(a, item_type(question), question.field, codes) for a in answers]
            self.answers[question.id] = (
                _checklist(values) if question.kind == "multi" else values[0]
            )
        except BadAnswer as bad:
            self._problem(question.id, bad.message, path, bad.code)

    def _read_part(self, item: dict[str, Any], link_id: str, path: str) -> None:
        question, part = self.parts[link_id]
        answers = self._answers(link_id, item, path, repeats=False)
        if not answers:
            return
        try:
            value = value_of(answers[0], "integer", part_field(question, part), [])
        except BadAnswer as bad:
            self._problem(link_id, bad.message, path, bad.code)
            return
        self.readings.setdefault(question.id, {})[part] = value

    def _answers(self, link_id: str, item: dict[str, Any], path: str, repeats: bool) -> list[Any]:
        answers = item.get("answer", [])
        if not isinstance(answers, list):
            self._problem(link_id, "answer must be a list", path, "structure")
            return []
        if len(answers) > 1 and not repeats:
            self._problem(link_id, f"takes one answer, got {len(answers)}", path)
            return []
        return answers

    def all_answers(self) -> dict[str, Any]:
        """The answers by question id, with every whole reading among them."""
        whole = {q: dict(r) for q, r in self.readings.items() if len(r) == len(READING_PARTS)}
        return {**self.answers, **whole}

    def missing(self) -> list[Problem]:
        """Required items not answered, and the missing half of a reading."""
        answered = self.all_answers()
        found = [
            Problem(q.id, "is required", anywhere(q.id), "required")
            for q in self.questions.values()
            if is_required(q) and q.id not in answered and q.id not in self.faulty
        ]
        for question_id, reading in self.readings.items():
            question = self.questions[question_id]
            for part in (p for p in READING_PARTS if p not in reading):
                link_id = part_link_id(question, part)
                if link_id in self.faulty:
                    continue
                given = part_link_id(question, next(p for p in READING_PARTS if p != part))
                found.append(
                    Problem(link_id, f"is required with {given}", anywhere(link_id), "required")
                )
        return found

    def _problem(self, link_id: str, message: str, path: str, code: str = "invalid") -> None:
        self.faulty.add(link_id)
        self.problems.append(Problem(link_id, message, path, code))

    def link_id_of(self, field: str) -> str:
        """The item that gave an assessment field (the first answered, where several fill it)."""
        answered = self.all_answers()
        for question in self.questions.values():
            if field == question.field and question.id in answered:
                return question.id
            if field.startswith(f"{question.field}.") and item_type(question) == "group":
                return part_link_id(question, field.removeprefix(f"{question.field}."))
        return ""


def _checklist(codes: list[Any]) -> list[Any]:
    if len(set(codes)) != len(codes):
        raise BadAnswer("gives the same answer more than once", "duplicate")
    if NONE_OF_THESE in codes and len(codes) > 1:
        raise BadAnswer(f"{NONE_OF_THESE!r} (none of these) cannot go with another answer")
    return codes


def _validate(document: dict[str, Any], reader: _Reader) -> None:
    """The spec's own checks (a diastolic below its systolic...), each mapped
    back to the item that gave the field. Without weeks, the rest is checked."""
    try:
        validate_assessment(document if WEEKS_FIELD in document else {**document, WEEKS_FIELD: 0})
    except InvalidAssessment as invalid:
        found = []
        for problem in invalid.problems:
            link_id = reader.link_id_of(problem.field)
            where = anywhere(link_id) if link_id else RESOURCE
            found.append(Problem(link_id, problem.message, where))
        raise InvalidResponse(found) from None
