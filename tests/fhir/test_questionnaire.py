"""The lumba Questionnaire: made from the core questions (so the web, the
terminal and FHIR cannot drift), valid R4B, and asking no more than the spec."""

from __future__ import annotations

import json
from typing import Any

import pytest

from lumba.content.loader import SCHEMA_PATH
from lumba.core.questions import Question
from lumba.fhir.canonical import (
    CODE_SYSTEM_URL,
    MAX_VALUE,
    MIN_VALUE,
    PAIN_SCORE_CODE,
    QUESTIONNAIRE_URL,
    field_definition,
)
from lumba.fhir.enable_when import InexpressibleCondition, enable_when
from lumba.fhir.questionnaire import questionnaire
from lumba.fhir.validation import validate
from tests.fhir.conftest import walk


@pytest.fixture(scope="module")
def made(library) -> dict[str, Any]:
    return questionnaire(library)


@pytest.fixture(scope="module")
def items(made) -> dict[str, dict[str, Any]]:
    return {item["linkId"]: item for item in walk(made["item"])}


def test_it_is_a_valid_r4b_questionnaire(made, library) -> None:
    validate(made)
    assert made["url"] == QUESTIONNAIRE_URL
    assert made["version"] == library.version
    assert made["status"] == "active"


def test_one_group_per_step_and_one_item_per_question_with_their_ids(made, library) -> None:
    core = library.questionnaire
    assert [group["linkId"] for group in made["item"]] == [step.id for step in core.steps]
    for group, step in zip(made["item"], core.steps, strict=True):
        assert group["type"] == "group"
        assert group["text"] == step.title.get()
        assert [item["linkId"] for item in group["item"]] == [q.id for q in step.questions]


def test_the_link_ids_are_the_core_question_ids_and_nothing_else(items, library) -> None:
    core = library.questionnaire
    questions = {q.id for q in core.questions()}
    steps = {step.id for step in core.steps}
    readings = {"blood_pressure.systolic", "blood_pressure.diastolic"}
    assert set(items) == questions | steps | readings
    assert len(items) == len(questions) + len(steps) + len(readings)  # every linkId once


def test_each_item_says_which_assessment_field_it_fills(items, library) -> None:
    for question in library.questionnaire.questions():
        item = items[question.id]
        assert item["definition"] == field_definition(question.field)
        assert item["text"] == question.label.get()


def test_item_types_follow_the_question_kinds(items) -> None:
    assert items["emergency_signs"]["type"] == "choice" and items["emergency_signs"]["repeats"]
    assert items["onset"]["type"] == "choice" and not items["onset"]["repeats"]
    # Asked by taps on the web, sent as numbers by a record system.
    assert items["intensity"]["type"] == "integer"
    assert items["duration_days"]["type"] == "integer"
    assert items["gestational_weeks"]["type"] == "integer"
    assert items["temperature_c"]["type"] == "decimal"
    assert items["blood_pressure"]["type"] == "group"
    assert items["blood_pressure.systolic"]["type"] == "integer"
    assert items["intensity"]["code"][0]["code"] == PAIN_SCORE_CODE


def _schema() -> dict[str, Any]:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def _schema_property(path: str) -> tuple[dict[str, Any], bool]:
    """(the property's schema, whether its object requires it)."""
    node = _schema()
    *parents, leaf = path.split(".")
    for parent in parents:
        node = node["properties"][parent]
    return node["properties"][leaf], leaf in node.get("required", [])


def test_only_what_the_published_schema_requires_is_required(items, library) -> None:
    for question in library.questionnaire.questions():
        _, required = _schema_property(question.field)
        # Unknown weeks are an answer: the triage reads them the cautious way.
        expected = required and question.field != "gestational_weeks"
        assert items[question.id]["required"] is expected, question.id
    assert {q for q, item in items.items() if item["required"] and item["type"] != "group"} == {
        "intensity",
        "locations",
        "blood_pressure.systolic",  # within the reading, when one is given
        "blood_pressure.diastolic",
    }


def _bounds(item: dict[str, Any]) -> tuple[Any, Any]:
    found = {e["url"]: e.get("valueInteger", e.get("valueDecimal")) for e in item["extension"]}
    return found.get(MIN_VALUE), found.get(MAX_VALUE)


@pytest.mark.parametrize(
    ("link_id", "field"),
    [
        ("gestational_weeks", "gestational_weeks"),
        ("intensity", "pain.intensity"),
        ("duration_days", "pain.duration_days"),
        ("temperature_c", "temperature_c"),
        ("blood_pressure.systolic", "blood_pressure.systolic"),
        ("blood_pressure.diastolic", "blood_pressure.diastolic"),
    ],
)
def test_number_bounds_are_the_schemas(items, link_id: str, field: str) -> None:
    prop, _ = _schema_property(field)
    assert _bounds(items[link_id]) == (prop["minimum"], prop["maximum"])


def test_choice_items_offer_the_content_options_as_lumba_codes(items, library) -> None:
    core = library.questionnaire
    for question in core.questions():
        item = items[question.id]
        if item["type"] != "choice":
            continue
        codings = [option["valueCoding"] for option in item["answerOption"]]
        assert {c["system"] for c in codings} == {CODE_SYSTEM_URL}
        expected = [*question.options, *(["none"] if question.none_option else [])]
        assert [c["code"] for c in codings] == expected
        for coding in codings[: len(question.options)]:
            assert coding["display"] == core.choice(question.field, coding["code"]).label.get()


def test_every_show_if_is_an_enable_when(items, library) -> None:
    shown_if = {q.id: q.show_if for q in library.questionnaire.questions() if q.show_if}
    assert shown_if, "the content has questions shown only sometimes"
    for link_id, item in items.items():
        if link_id not in shown_if:
            assert "enableWhen" not in item, link_id
            continue
        show_if = shown_if[link_id]
        conditions = item["enableWhen"]
        assert {c["question"] for c in conditions} <= set(items)
        if show_if.weeks is not None:
            # Unknown weeks show the question, as on the web; known weeks must be in range.
            assert item["enableBehavior"] == "any"
            assert conditions[0] == {
                "question": "gestational_weeks",
                "operator": "exists",
                "answerBoolean": False,
            }
            bound = show_if.weeks.min if show_if.weeks.min is not None else show_if.weeks.max
            assert conditions[1]["answerInteger"] == bound
            assert conditions[1]["operator"] in (">=", "<=")
        if show_if.locations_any is not None:
            assert item["enableBehavior"] == "any"
            assert [c["answerCoding"]["code"] for c in conditions] == show_if.locations_any
            assert {c["operator"] for c in conditions} == {"="}


def test_enable_when_conditions_name_items_asked_earlier(made) -> None:
    seen: set[str] = set()
    for item in walk(made["item"]):
        for condition in item.get("enableWhen", []):
            assert condition["question"] in seen
        seen.add(item["linkId"])


def _question(**show_if: Any) -> Question:
    return Question.model_validate(
        {
            "id": "example",
            "field": "symptoms",
            "kind": "multi",
            "label": "Example",
            "options": ["fever"],
            "show_if": show_if,
        }
    )


@pytest.mark.parametrize(
    "show_if",
    [
        {"weeks": {"min": 16}, "locations_any": ["leg"]},
        {"weeks": {"min": 16, "max": 30}},
    ],
)
def test_a_condition_fhir_cannot_say_flat_fails_loudly(library, show_if) -> None:
    # Never dropped in silence: building the Questionnaire stops.
    with pytest.raises(InexpressibleCondition):
        enable_when(_question(**show_if), library.questionnaire.questions())


def test_a_weeks_bound_above_reads_the_same_way(library) -> None:
    made = enable_when(_question(weeks={"max": 20}), library.questionnaire.questions())
    assert made["enableWhen"][1] == {
        "question": "gestational_weeks",
        "operator": "<=",
        "answerInteger": 20,
    }
