"""Reading a QuestionnaireResponse as an assessment: the same answers as the
web's check give the same document; anything malformed or foreign is
refused, every problem naming the item (linkId) at fault."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from lumba.core.errors import MAX_PROBLEMS
from lumba.core.questions import assemble
from lumba.fhir.canonical import CODE_SYSTEM_URL, QUESTIONNAIRE_URL
from lumba.fhir.from_assessment import response_of
from lumba.fhir.limits import parse
from lumba.fhir.outcome import operation_outcome
from lumba.fhir.problems import InvalidResponse
from lumba.fhir.response import assessment_of
from lumba.fhir.triage import result_of
from lumba.fhir.validation import validate
from lumba.service import validate_assessment
from tests.fhir.conftest import walk

PLAIN = {"gestational_weeks": 30, "pain": {"intensity": 3, "locations": ["lower_back"]}}


def coding(code: str, system: str = CODE_SYSTEM_URL) -> dict[str, Any]:
    return {"valueCoding": {"system": system, "code": code}}


def changed(response: dict[str, Any], link_id: str, **item: Any) -> dict[str, Any]:
    """The response with the item `link_id` changed (added to its step's group if absent)."""
    response = copy.deepcopy(response)
    for found in walk(response["item"]):
        if found["linkId"] == link_id:
            found.update(item)
            return response
    response["item"].append({"linkId": link_id, **item})
    return response


def without(response: dict[str, Any], link_id: str) -> dict[str, Any]:
    response = copy.deepcopy(response)
    for found in walk(response["item"]):
        if "item" in found:
            found["item"] = [i for i in found["item"] if i["linkId"] != link_id]
    response["item"] = [i for i in response["item"] if i["linkId"] != link_id]
    return response


@pytest.fixture(scope="module")
def plain(library) -> dict[str, Any]:
    return response_of(PLAIN, library)


def refused(response: Any, library) -> list[Any]:
    with pytest.raises(InvalidResponse) as caught:
        assessment_of(response, library)
    # Every refusal is a valid OperationOutcome.
    validate(operation_outcome(caught.value.problems))
    return caught.value.problems


def named(problems: list[Any], link_id: str) -> Any:
    found = [p for p in problems if p.link_id == link_id]
    assert found, f"no problem names {link_id}: {[str(p) for p in problems]}"
    assert str(found[0]).startswith(f"{link_id}: ")  # the linkId, plainly, in the words too
    return found[0]


# --- what is accepted ---


def test_a_response_gives_its_assessment(plain, library) -> None:
    document = assessment_of(plain, library)
    assert validate_assessment(document) == validate_assessment(PLAIN)


@pytest.mark.parametrize("canonical", [QUESTIONNAIRE_URL, f"{QUESTIONNAIRE_URL}|0.9"])
@pytest.mark.parametrize("status", ["completed", "amended"])
def test_any_version_and_a_finished_status_are_read(plain, library, canonical, status) -> None:
    response = {**plain, "questionnaire": canonical, "status": status}
    assert assessment_of(response, library)["pain"]["intensity"] == 3


def test_items_may_come_flat_instead_of_in_their_groups(plain, library) -> None:
    flat = {**plain, "item": [item for group in plain["item"] for item in group["item"]]}
    assert assessment_of(flat, library) == assessment_of(plain, library)


def test_what_the_record_system_adds_is_accepted(plain, library) -> None:
    response = {
        **plain,
        "id": "qr-1",
        "subject": {"reference": "Patient/p1"},
        "authored": "2026-03-01T10:00:00Z",
        "text": {"status": "generated", "div": '<div xmlns="http://www.w3.org/1999/xhtml">x</div>'},
    }
    assert assessment_of(response, library) == assessment_of(plain, library)


def test_answers_map_as_on_the_web(plain, library) -> None:
    response = changed(plain, "onset", answer=[coding("not_sure")])
    response = changed(response, "wakes_at_night", answer=[coding("yes_settles")])
    document = assessment_of(response, library)
    # The same mapping as the check: "not sure" is the cautious answer.
    answers = {"onset": "not_sure", "wakes_at_night": "yes_settles"}
    expected = assemble(library.questionnaire, answers)["pain"]
    assert document["pain"]["onset"] == expected["onset"] == "sudden"
    assert document["pain"]["wakes_at_night"] is expected["wakes_at_night"] is False


def test_the_symptom_checklists_make_one_list(plain, library) -> None:
    response = changed(plain, "emergency_signs", answer=[coding("chest_pain")])
    response = changed(response, "body_signs", answer=[coding("fever"), coding("vomiting")])
    assert set(assessment_of(response, library)["symptoms"]) == {"chest_pain", "fever", "vomiting"}


def test_unknown_weeks_are_left_out_and_read_the_cautious_way(plain, library, triager) -> None:
    response = without(plain, "gestational_weeks")
    document = assessment_of(response, library)
    assert "gestational_weeks" not in document
    assert result_of(document, triager) == triager.result_weeks_unknown(document)


def test_a_sign_given_where_its_question_is_not_shown_is_kept(library) -> None:
    early = {**PLAIN, "gestational_weeks": 12, "symptoms": ["reduced_fetal_movements"]}
    document = assessment_of(response_of(early, library), library)
    assert document["symptoms"] == ["reduced_fetal_movements"]


def test_a_blood_pressure_reading_is_read(plain, library) -> None:
    reading = {"systolic": 150, "diastolic": 95}
    document = assessment_of(response_of({**PLAIN, "blood_pressure": reading}, library), library)
    assert document["blood_pressure"] == reading


# --- what is refused, and where ---


def test_not_an_object_is_refused(library) -> None:
    (problem,) = refused([1, 2], library)
    assert problem.link_id == "" and "expected a JSON object" in problem.message


def test_another_resource_type_is_refused(plain, library) -> None:
    (problem,) = refused({**plain, "resourceType": "Observation"}, library)
    assert problem.expression == "QuestionnaireResponse.resourceType"
    assert "resourceType must be QuestionnaireResponse" in problem.message


@pytest.mark.parametrize("canonical", [None, "http://example.org/Questionnaire/phq-9", 5])
def test_a_response_to_another_questionnaire_is_refused(plain, library, canonical) -> None:
    (problem,) = refused({**plain, "questionnaire": canonical}, library)
    assert problem.expression == "QuestionnaireResponse.questionnaire"


@pytest.mark.parametrize("status", ["in-progress", "stopped", "entered-in-error", None])
def test_an_unfinished_response_is_refused(plain, library, status) -> None:
    problems = refused({**plain, "status": status}, library)
    assert problems[0].expression == "QuestionnaireResponse.status"
    assert "completed or amended" in problems[0].message


def _case(name: str, link_id: str, **item: Any) -> Any:
    return pytest.param(link_id, item, id=name)


@pytest.mark.parametrize(
    ("link_id", "item"),
    [
        _case("text for a number", "intensity", answer=[{"valueString": "7"}]),
        _case("number as text", "intensity", answer=[{"valueInteger": "7"}]),
        _case("true for a number", "intensity", answer=[{"valueInteger": True}]),
        _case("decimal for a whole number", "intensity", answer=[{"valueInteger": 7.0}]),
        _case("above the scale", "intensity", answer=[{"valueInteger": 11}]),
        _case("below the scale", "duration_days", answer=[{"valueInteger": -1}]),
        _case("weeks out of range", "gestational_weeks", answer=[{"valueInteger": 45}]),
        _case("temperature out of range", "temperature_c", answer=[{"valueDecimal": 50}]),
        _case("code not offered", "onset", answer=[coding("fast")]),
        _case("code of another item", "onset", answer=[coding("fever")]),
        _case("another code system", "onset", answer=[coding("sudden", "http://snomed.info/sct")]),
        _case(
            "two answers to one", "pattern", answer=[coding("constant"), coding("comes_and_goes")]
        ),
        _case("the same tick twice", "body_signs", answer=[coding("fever"), coding("fever")]),
        _case("none with a sign", "body_signs", answer=[coding("none"), coding("fever")]),
        _case("integer for a code", "onset", answer=[{"valueInteger": 1}]),
        _case("two values", "intensity", answer=[{"valueInteger": 3, "valueString": "3"}]),
        _case("no value", "intensity", answer=[{}]),
        _case("answer not a list", "intensity", answer={"valueInteger": 3}),
        _case("nested answer items", "intensity", answer=[{"valueInteger": 3, "item": []}]),
        _case("unknown item", "pain_score", answer=[{"valueInteger": 3}]),
        _case("a group answered", "pain-where", answer=[{"valueInteger": 3}]),
        _case(
            "a reading part out of range", "blood_pressure.systolic", answer=[{"valueInteger": 400}]
        ),
    ],
)
def test_a_bad_answer_is_refused_naming_its_item(plain, library, link_id, item) -> None:
    problem = named(refused(changed(plain, link_id, **item), library), link_id)
    assert "QuestionnaireResponse" in problem.expression and link_id in problem.expression


@pytest.mark.parametrize(
    ("link_id", "answer"),
    [("intensity", {"valueInteger": 12}), ("blood_pressure.systolic", {"valueInteger": 400})],
)
def test_a_bad_answer_is_one_problem_not_also_a_missing_one(
    plain, library, link_id, answer
) -> None:
    if link_id.startswith("blood_pressure"):
        plain = response_of(
            {**PLAIN, "blood_pressure": {"systolic": 120, "diastolic": 80}}, library
        )
    problems = refused(changed(plain, link_id, answer=[answer]), library)
    assert [p.link_id for p in problems] == [link_id]


def test_a_code_not_offered_says_which_are(plain, library) -> None:
    problem = named(refused(changed(plain, "onset", answer=[coding("fast")]), library), "onset")
    assert problem.code == "code-invalid"
    assert "gradual, sudden, not_sure" in problem.message


@pytest.mark.parametrize("link_id", ["intensity", "locations"])
def test_a_required_item_left_out_is_refused(plain, library, link_id) -> None:
    problem = named(refused(without(plain, link_id), library), link_id)
    assert problem.code == "required"


def test_an_item_given_twice_is_refused(plain, library) -> None:
    response = copy.deepcopy(plain)
    response["item"].append({"linkId": "intensity", "answer": [{"valueInteger": 4}]})
    assert named(refused(response, library), "intensity").code == "duplicate"


def test_half_a_reading_is_refused_naming_the_missing_half(plain, library) -> None:
    response = changed(plain, "blood_pressure", item=[
        {"linkId": "blood_pressure.systolic", "answer": [{"valueInteger": 140}]}
    ])  # fmt: skip
    problem = named(refused(response, library), "blood_pressure.diastolic")
    assert "blood_pressure.systolic" in problem.message


def test_the_spec_own_checks_name_the_item_too(library) -> None:
    reading = {"systolic": 120, "diastolic": 80}
    response = response_of({**PLAIN, "blood_pressure": reading}, library)
    response = changed(response, "blood_pressure.diastolic", answer=[{"valueInteger": 130}])
    problem = named(refused(response, library), "blood_pressure.diastolic")
    assert "lower than the systolic" in problem.message


def test_malformed_fhir_elsewhere_is_refused_too(plain, library) -> None:
    problems = refused({**plain, "authored": "yesterday"}, library)
    assert problems[0].expression == "QuestionnaireResponse.authored"
    problems = refused(changed(plain, "intensity", extra_key=1), library)
    assert named(problems, "intensity").code == "structure"


def test_every_problem_is_listed_at_once(plain, library) -> None:
    response = changed(plain, "intensity", answer=[{"valueInteger": 11}])
    response = changed(response, "onset", answer=[coding("fast")])
    response = {**response, "status": "in-progress"}
    problems = refused(response, library)
    assert {p.link_id for p in problems} >= {"intensity", "onset", ""}


def test_the_problems_are_capped(plain, library) -> None:
    response = copy.deepcopy(plain)
    response["item"] += [{"linkId": f"extra_{n}"} for n in range(60)]
    problems = refused(response, library)
    assert len(problems) == MAX_PROBLEMS
    assert problems[-1].message == f"and {60 - (MAX_PROBLEMS - 1)} more problems, not listed"


def test_a_huge_response_is_refused_before_it_is_read(plain, library) -> None:
    response = {**plain, "item": [{"linkId": f"x{n}"} for n in range(2500)]}
    (problem,) = refused(response, library)
    assert problem.message.startswith("too large to check") and problem.code == "too-costly"


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("", "empty input"),
        ("{", "not valid JSON"),
        ("[" * 5000 + "]" * 5000, "too large to check"),
        ('{"a": "' + "x" * 70_000 + '"}', "too large to check"),
    ],
)
def test_text_that_is_no_response_is_refused(text, start) -> None:
    with pytest.raises(InvalidResponse) as caught:
        parse(text)
    assert caught.value.first.message.startswith(start)


def test_the_largest_real_response_is_well_within_the_bounds(library) -> None:
    from lumba.core import vocabulary as v
    from lumba.fhir.limits import MAX_ITEMS, MAX_KEYS, shape_problem

    everything = {
        "gestational_weeks": 30,
        "pain": {
            "intensity": 9,
            "locations": list(v.values(v.Location)),
            "worse_with": list(v.values(v.Activity)),
            "onset": "sudden",
            "duration_days": 3,
            "pattern": "constant",
            "eased_by_rest": False,
            "wakes_at_night": True,
            "spreads_below_knee": True,
            "daily_life_impact": "severe",
        },
        "symptoms": list(v.values(v.Symptom)),
        "history": list(v.values(v.HistoryItem)),
        "temperature_c": 38.2,
        "blood_pressure": {"systolic": 150, "diastolic": 100},
    }
    response = response_of(everything, library)
    keys, items = _size(response)
    assert keys * 10 < MAX_KEYS and items * 10 < MAX_ITEMS
    assert shape_problem(response) is None
    assert assessment_of(response, library)["symptoms"]


def _size(value: Any) -> tuple[int, int]:
    """(keys, list items) in a JSON value, as the bounds count them."""
    if isinstance(value, dict):
        inner = [_size(child) for child in value.values()]
        return len(value) + sum(k for k, _ in inner), sum(i for _, i in inner)
    if isinstance(value, list):
        inner = [_size(child) for child in value]
        return sum(k for k, _ in inner), len(value) + sum(i for _, i in inner)
    return 0, 0
