"""An assessment as a QuestionnaireResponse: valid R4B, answering only what
the document says, and read back to the same document."""

from __future__ import annotations

from typing import Any

import pytest

from lumba.fhir.from_assessment import response_of
from lumba.fhir.response import assessment_of
from lumba.fhir.validation import validate
from lumba.service import validate_assessment
from tests.fhir.conftest import vignettes, walk

PLAIN = {"gestational_weeks": 30, "pain": {"intensity": 3, "locations": ["lower_back"]}}


def answers(response: dict[str, Any]) -> dict[str, list[Any]]:
    return {item["linkId"]: item["answer"] for item in walk(response["item"]) if "answer" in item}


def codes(response: dict[str, Any], link_id: str) -> list[str]:
    return [answer["valueCoding"]["code"] for answer in answers(response)[link_id]]


@pytest.mark.parametrize(("where", "assessment"), vignettes())
def test_a_vignette_makes_a_valid_response_that_reads_back(library, where, assessment) -> None:
    response = validate(response_of(assessment, library))
    assert as_sets(assessment_of(response, library)) == as_sets(assessment)


def as_sets(document: dict[str, Any]) -> dict[str, Any]:
    """The assessment with its defaults, its lists as sets (lists are sets in the spec)."""

    def sets(value: Any) -> Any:
        if isinstance(value, dict):
            return {key: sets(child) for key, child in value.items()}
        return frozenset(value) if isinstance(value, list) else value

    return sets(validate_assessment(document).model_dump())


@pytest.mark.parametrize(
    ("value", "code"),
    [(True, "yes_stays"), (False, "no")],  # the first option that stands for the value
)
def test_a_value_takes_the_first_option_standing_for_it(library, value, code) -> None:
    document = {**PLAIN, "pain": {**PLAIN["pain"], "wakes_at_night": value}}
    assert codes(response_of(document, library), "wakes_at_night") == [code]


def test_only_what_the_document_says_is_answered(library) -> None:
    given = answers(response_of(PLAIN, library))
    assert "onset" not in given and "temperature_c" not in given and "history" not in given
    assert given["intensity"] == [{"valueInteger": 3}]


def test_a_checklist_with_nothing_ticked_says_none_where_the_web_offers_it(library) -> None:
    response = response_of(PLAIN, library)
    assert codes(response, "emergency_signs") == ["none"]
    assert "locations" in answers(response) and "worse_with" not in answers(response)


def test_none_is_not_said_to_a_question_not_shown(library) -> None:
    early = response_of({**PLAIN, "gestational_weeks": 12}, library)
    assert "movements" not in answers(early)
    assert codes(response_of(PLAIN, library), "movements") == ["none"]


def test_a_whole_number_written_as_a_decimal_is_sent_as_an_integer(library) -> None:
    document = {**PLAIN, "gestational_weeks": 30.0}
    assert answers(response_of(document, library))["gestational_weeks"] == [{"valueInteger": 30}]
