"""The pydantic Assessment model accepts exactly the documents the published schema accepts.

Documents are generated from the schema itself (its enums, ranges, required
fields and defaults), then mutated one way at a time. For every document the
model's verdict must equal ``Draft202012Validator(schema).is_valid``, with one
exception that spec v1.1 states in words because JSON Schema cannot: a blood
pressure reading whose diastolic value is not lower than its systolic value is
invalid. There the schema accepts, the model refuses, and the refusal names
``blood_pressure.diastolic`` and nothing else.
"""

from __future__ import annotations

import copy
import hashlib
import itertools
import json
from importlib import resources
from typing import Any

import jsonschema
import pytest
from assessment_strategies import blood_pressures, invalid_blood_pressures, schema_documents
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from lumba.core import vocabulary
from lumba.core.assessment import Assessment, BloodPressure
from lumba.core.errors import problems
from lumba.service import InvalidAssessment, parse_assessment

SCHEMA: dict[str, Any] = json.loads(
    resources.files("lumba")
    .joinpath("content/data/assessment.schema.json")
    .read_text(encoding="utf-8")
)
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)
TOP = SCHEMA["properties"]
PAIN_SCHEMA = TOP["pain"]
PAIN = PAIN_SCHEMA["properties"]
BP_SCHEMA = TOP["blood_pressure"]
BP = BP_SCHEMA["properties"]
# The objects inside an assessment, by the top-level field that holds them.
NESTED = {"pain": PAIN_SCHEMA, "blood_pressure": BP_SCHEMA}

# sha256 of the spec's assessment.schema.json (spec v1.1), as canonical JSON
# (sorted keys, no spaces). The package publishes a copy; it must not drift.
SPEC_V1_1_SCHEMA_SHA256 = "4adf281abfb474d3bed5276b461d9e76a52d19a55a86cb4c66660822a31970d4"
DIASTOLIC = "blood_pressure.diastolic"


def canonical_sha256(schema: Any) -> str:
    canonical = json.dumps(schema, sort_keys=True, separators=(",", ":")).encode("utf-8")
    return hashlib.sha256(canonical).hexdigest()


def model_problems(document: Any) -> list[str] | None:
    """The fields the model names when it refuses ``document``; None when it accepts."""
    try:
        Assessment.model_validate(document)
    except ValidationError as error:
        return [problem.field for problem in problems(error)]
    return None


def model_problems_json(document: Any) -> list[str] | None:
    """The same through pydantic's JSON parser, the path text input may take."""
    try:
        Assessment.model_validate_json(json.dumps(document))
    except ValidationError as error:
        return [problem.field for problem in problems(error)]
    return None


def model_accepts(document: Any) -> bool:
    return model_problems(document) is None


def model_accepts_json(document: Any) -> bool:
    return model_problems_json(document) is None


def schema_accepts(document: Any) -> bool:
    return VALIDATOR.is_valid(document)


def diastolic_not_below_systolic(document: Any) -> bool:
    """The one rule of spec v1.1 the schema cannot express is broken."""
    reading = document.get("blood_pressure") if isinstance(document, dict) else None
    if not isinstance(reading, dict):
        return False
    systolic, diastolic = reading.get("systolic"), reading.get("diastolic")
    numbers = all(
        isinstance(n, int | float) and not isinstance(n, bool) for n in (systolic, diastolic)
    )
    return numbers and diastolic >= systolic


def assert_model_agrees_with_schema(document: Any) -> None:
    if schema_accepts(document) and diastolic_not_below_systolic(document):
        # The one difference: only the diastolic value is named.
        assert model_problems(document) == [DIASTOLIC], document
        assert model_problems_json(document) == [DIASTOLIC], document
        return
    expected = schema_accepts(document)
    assert model_accepts(document) == expected, document
    assert model_accepts_json(document) == expected, document


# ---------------------------------------------------------------- strategies


valid_documents = schema_documents(SCHEMA)

json_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=8),
)
json_values = st.recursive(
    json_scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=3), st.dictionaries(st.text(max_size=6), children, max_size=3)
    ),
    max_leaves=8,
)


def near_miss(prop: dict[str, Any]) -> st.SearchStrategy[Any]:
    """Values close to what a property allows: the mistakes people and programs make."""
    options: list[st.SearchStrategy[Any]] = [json_values, st.none(), st.booleans()]
    if "enum" in prop:
        names = prop["enum"]
        options += [
            st.sampled_from(names).map(str.upper),
            st.sampled_from(names).map(lambda n: n + "x"),
            st.sampled_from(names).map(lambda n: n.replace("_", " ")),
            st.sampled_from(names).map(lambda n: [n]),
            st.sampled_from(["unknown", "", "knee", "headache"]),
        ]
    kind = prop.get("type")
    if kind in ("integer", "number"):
        low, high = prop["minimum"], prop["maximum"]
        options += [
            st.sampled_from([low - 1, high + 1, low - 0.5, high + 0.001, -high, 10 * high]),
            st.integers(low, high).map(str),
            st.integers(low, high).map(float),
            st.floats(low, high, allow_nan=False, allow_infinity=False),
            st.integers(low, high).map(lambda n: n + 0.5),
            st.integers(low - 20, high + 20),
        ]
    if kind == "array":
        names = prop["items"]["enum"]
        options += [
            st.lists(st.sampled_from(names), min_size=2, max_size=4),  # may repeat items
            st.sampled_from(names).map(lambda n: [n, n]),
            st.lists(st.sampled_from([*names, "unknown", "Fever"]), max_size=3),
            st.sampled_from(names),  # a bare name, not a list
            st.just([]),
            st.lists(st.integers(0, 3), max_size=2),
        ]
    if kind == "boolean":
        options += [st.sampled_from([0, 1, "true", "false", 0.0, 1.0, "yes"])]
    if kind == "object":
        options += [st.just({}), st.just([]), st.just("pain")]
    return st.one_of(options)


def schema_of(path: tuple[str, ...]) -> dict[str, Any]:
    return TOP[path[0]] if len(path) == 1 else NESTED[path[0]]["properties"][path[1]]


PATHS: list[tuple[str, ...]] = [(name,) for name in TOP] + [
    (outer, name) for outer, inner in NESTED.items() for name in inner["properties"]
]
REQUIRED_PATHS = [(name,) for name in SCHEMA["required"]] + [
    (outer, name) for outer, inner in NESTED.items() for name in inner["required"]
]
ARRAY_PATHS = [path for path in PATHS if schema_of(path).get("type") == "array"]


def _container(document: dict[str, Any], path: tuple[str, ...]) -> dict[str, Any] | None:
    """The object holding the last key of ``path``, if it is still an object."""
    if len(path) == 1:
        return document
    inner = document.get(path[0])
    return inner if isinstance(inner, dict) else None


@st.composite
def mutated_documents(draw: st.DrawFn) -> dict[str, Any]:
    """A valid document with one or two things changed, most of them to something invalid."""
    document = copy.deepcopy(draw(valid_documents))
    for _ in range(draw(st.integers(1, 2))):
        kind = draw(st.sampled_from(["replace", "drop", "extra", "duplicate", "blood_pressure"]))
        if kind == "replace":
            path = draw(st.sampled_from(PATHS))
            container = _container(document, path)
            if container is not None:
                container[path[-1]] = draw(near_miss(schema_of(path)))
        elif kind == "drop":
            path = draw(st.sampled_from(REQUIRED_PATHS))
            container = _container(document, path)
            if container is not None:
                container.pop(path[-1], None)
        elif kind == "extra":
            where = draw(st.sampled_from([None, *NESTED]))
            container = document if where is None else _container(document, (where, ""))
            known = TOP if where is None else NESTED[where]["properties"]
            key = draw(
                st.one_of(
                    st.sampled_from(
                        ["name", "extra", "Gestational_weeks", "temperature", "pulse", ""]
                    ),
                    st.text(max_size=6),
                ).filter(lambda k, known=known: k not in known)
            )
            if container is not None:
                container[key] = draw(json_values)
        elif kind == "blood_pressure":
            # The reading, valid or not, from the shared strategies.
            document["blood_pressure"] = draw(st.one_of(blood_pressures(), invalid_blood_pressures))
        else:
            path = draw(st.sampled_from(ARRAY_PATHS))
            container = _container(document, path)
            if container is not None:
                current = container.get(path[-1])
                current = list(current) if isinstance(current, list) else []
                if current:
                    item = draw(st.sampled_from(current))
                    position = draw(st.integers(0, len(current)))
                    container[path[-1]] = [*current[:position], item, *current[position:]]
                else:
                    item = draw(st.sampled_from(schema_of(path)["items"]["enum"]))
                    container[path[-1]] = [item, item]
    return document


# ---------------------------------------------------------------- the tests


def test_it_publishes_a_valid_schema_identical_to_spec_v1_1() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    assert canonical_sha256(SCHEMA) == SPEC_V1_1_SCHEMA_SHA256


@settings(max_examples=300, deadline=None)
@given(valid_documents)
def test_it_accepts_every_document_the_schema_accepts_but_a_diastolic_not_below_systolic(
    document: dict[str, Any],
) -> None:
    assert schema_accepts(document)
    assert_model_agrees_with_schema(document)


@settings(max_examples=1000, deadline=None)
@given(mutated_documents())
def test_it_agrees_with_the_schema_on_mutated_documents(document: dict[str, Any]) -> None:
    assert_model_agrees_with_schema(document)


@settings(max_examples=300, deadline=None)
@given(valid_documents, st.one_of(blood_pressures(), invalid_blood_pressures))
def test_it_agrees_with_the_schema_on_each_kind_of_blood_pressure_reading(
    document: dict[str, Any], reading: Any
) -> None:
    assert_model_agrees_with_schema({**document, "blood_pressure": reading})


@settings(max_examples=200, deadline=None)
@given(json_values)
def test_it_agrees_with_the_schema_on_arbitrary_json(document: Any) -> None:
    assert_model_agrees_with_schema(document)


def _plain() -> dict[str, Any]:
    return {"gestational_weeks": 30, "pain": {"intensity": 3, "locations": ["lower_back"]}}


def _with(path: tuple[str, ...], value: Any) -> dict[str, Any]:
    document = _plain()
    container = document if len(path) == 1 else document["pain"]
    container[path[-1]] = value
    return document


def _without(path: tuple[str, ...]) -> dict[str, Any]:
    document = _plain()
    container = document if len(path) == 1 else document["pain"]
    del container[path[-1]]
    return document


def _reading(**reading: Any) -> dict[str, Any]:
    return {**_plain(), "blood_pressure": reading}


# (document, whether the schema accepts it): each kind of mistake named in the
# brief, so losing one is caught even on a run where hypothesis misses it.
EXPLICIT_CASES = {
    "plain": (_plain(), True),
    "bool for integer": (_with(("gestational_weeks",), True), False),
    "bool for intensity": (_with(("pain", "intensity"), False), False),
    "string number for integer": (_with(("gestational_weeks",), "30"), False),
    "string number for intensity": (_with(("pain", "intensity"), "4"), False),
    "integral float for intensity": (_with(("pain", "intensity"), 4.0), True),
    "integral float for weeks": (_with(("gestational_weeks",), 30.0), True),
    "integral float for days": (_with(("pain", "duration_days"), 400.0), True),
    "fractional float for integer": (_with(("pain", "intensity"), 4.5), False),
    "integer for temperature": (_with(("temperature_c",), 38), True),
    "float temperature": (_with(("temperature_c",), 37.5), True),
    "bool for temperature": (_with(("temperature_c",), True), False),
    "string temperature": (_with(("temperature_c",), "38.0"), False),
    "null temperature": (_with(("temperature_c",), None), False),
    "temperature too low": (_with(("temperature_c",), 29.99), False),
    "temperature too high": (_with(("temperature_c",), 45.01), False),
    "temperature at lower bound": (_with(("temperature_c",), 30), True),
    "temperature at upper bound": (_with(("temperature_c",), 45.0), True),
    "weeks above range": (_with(("gestational_weeks",), 45), False),
    "weeks below range": (_with(("gestational_weeks",), -1), False),
    "weeks at 0": (_with(("gestational_weeks",), 0), True),
    "weeks at 44": (_with(("gestational_weeks",), 44), True),
    "intensity 11": (_with(("pain", "intensity"), 11), False),
    "days 401": (_with(("pain", "duration_days"), 401), False),
    "int for boolean": (_with(("pain", "eased_by_rest"), 1), False),
    "string for boolean": (_with(("pain", "wakes_at_night"), "true"), False),
    "unknown location": (_with(("pain", "locations"), ["knee"]), False),
    "empty locations": (_with(("pain", "locations"), []), False),
    "duplicate location": (_with(("pain", "locations"), ["pubic", "pubic"]), False),
    "duplicate symptom": (_with(("symptoms",), ["fever", "fever"]), False),
    "duplicate new symptom": (_with(("symptoms",), ["seizure", "fever", "seizure"]), False),
    "duplicate history": (_with(("history",), ["osteoporosis", "osteoporosis"]), False),
    "duplicate activity": (_with(("pain", "worse_with"), ["stairs", "sitting", "stairs"]), False),
    "unknown symptom": (_with(("symptoms",), ["headache"]), False),
    "pins and needles by another name": (_with(("symptoms",), ["tingling"]), False),
    "unknown history": (_with(("history",), ["diabetes"]), False),
    "unknown onset": (_with(("pain", "onset"), "slow"), False),
    "upper-case pattern": (_with(("pain", "pattern"), "CONSTANT"), False),
    "unknown impact": (_with(("pain", "daily_life_impact"), "mild"), False),
    "null onset": (_with(("pain", "onset"), None), False),
    "symptom as bare string": (_with(("symptoms",), "fever"), False),
    "null symptoms": (_with(("symptoms",), None), False),
    "no weeks": (_without(("gestational_weeks",)), False),
    "no pain": (_without(("pain",)), False),
    "no intensity": (_without(("pain", "intensity")), False),
    "no locations": (_without(("pain", "locations")), False),
    "extra top-level field": (_with(("name",), "Ann"), False),
    "extra pain field": (_with(("pain", "extra"), 1), False),
    "pain as list": (_with(("pain",), []), False),
    "document is a list": ([], False),
    "document is null": (None, False),
    "document is a string": ("{}", False),
    # spec v1.1: the five new symptoms and the blood pressure reading
    **{
        f"new symptom {name}": (_with(("symptoms",), [name]), True)
        for name in (
            "leg_tingling",
            "both_legs_weak_or_numb",
            "severe_vomiting",
            "serious_accident",
            "seizure",
        )
    },
    "blood pressure": (_reading(systolic=120, diastolic=80), True),
    "blood pressure, keys in reverse order": (_reading(diastolic=80, systolic=120), True),
    "blood pressure one apart": (_reading(systolic=120, diastolic=119), True),
    "blood pressure at the lower bounds": (_reading(systolic=50, diastolic=20), True),
    "blood pressure at the upper bounds": (_reading(systolic=300, diastolic=200), True),
    "blood pressure as integral floats": (_reading(systolic=120.0, diastolic=80.0), True),
    "systolic too high": (_reading(systolic=301, diastolic=80), False),
    "systolic too low": (_reading(systolic=49, diastolic=30), False),
    "diastolic too high": (_reading(systolic=260, diastolic=201), False),
    "diastolic too low": (_reading(systolic=120, diastolic=19), False),
    "string systolic": (_reading(systolic="120", diastolic=80), False),
    "bool diastolic": (_reading(systolic=120, diastolic=True), False),
    "fractional systolic": (_reading(systolic=120.5, diastolic=80), False),
    "null systolic": (_reading(systolic=None, diastolic=80), False),
    "no systolic": (_reading(diastolic=80), False),
    "no diastolic": (_reading(systolic=120), False),
    "extra reading field": (_reading(systolic=120, diastolic=80, pulse=70), False),
    "empty reading": (_reading(), False),
    "null blood pressure": (_with(("blood_pressure",), None), False),
    "blood pressure as text": (_with(("blood_pressure",), "120/80"), False),
    "blood pressure as list": (_with(("blood_pressure",), [120, 80]), False),
    "reading inside pain": (
        _with(("pain", "blood_pressure"), {"systolic": 120, "diastolic": 80}),
        False,
    ),
}


@pytest.mark.parametrize(
    ("document", "expected"), list(EXPLICIT_CASES.values()), ids=list(EXPLICIT_CASES)
)
def test_it_gives_the_schema_verdict_on_each_kind_of_mistake(document: Any, expected: bool) -> None:
    assert schema_accepts(document) is expected
    assert model_accepts(document) is expected
    assert model_accepts_json(document) is expected


# Readings in range whose diastolic value is not lower than the systolic one.
DIASTOLIC_NOT_LOWER = {
    "equal": {"systolic": 120, "diastolic": 120},
    "higher": {"systolic": 80, "diastolic": 120},
    "equal, keys in reverse order": {"diastolic": 90, "systolic": 90},
    "equal at the lowest systolic": {"systolic": 50, "diastolic": 50},
    "equal at the highest diastolic": {"systolic": 200, "diastolic": 200},
    "as integral floats": {"systolic": 100.0, "diastolic": 100.0},
}


@pytest.mark.parametrize(
    "reading", list(DIASTOLIC_NOT_LOWER.values()), ids=list(DIASTOLIC_NOT_LOWER)
)
def test_it_refuses_a_diastolic_not_below_systolic_that_the_schema_cannot_refuse(
    reading: dict[str, Any],
) -> None:
    document = {**_plain(), "blood_pressure": reading}
    assert schema_accepts(document)
    assert model_problems(document) == [DIASTOLIC]
    assert model_problems_json(document) == [DIASTOLIC]
    with pytest.raises(InvalidAssessment) as refused:
        parse_assessment(json.dumps(document))
    assert [problem.field for problem in refused.value.problems] == [DIASTOLIC]


@pytest.mark.parametrize(
    ("text", "field"),
    [
        (
            '{"gestational_weeks": 30, "pain": {"intensity": 3, "locations": ["pubic"]}, '
            '"blood_pressure": {"systolic": 120, "systolic": 130, "diastolic": 80}}',
            "blood_pressure.systolic",
        ),
        (
            '{"gestational_weeks": 30, "pain": {"intensity": 3, "locations": ["pubic"]}, '
            '"blood_pressure": {"systolic": 120, "diastolic": 80, "diastolic": 80}}',
            "blood_pressure.diastolic",
        ),
        (
            '{"gestational_weeks": 30, "pain": {"intensity": 3, "locations": ["pubic"]}, '
            '"blood_pressure": {"diastolic": "x", "systolic": 120, "diastolic": 80}}',
            "blood_pressure.diastolic",
        ),
        (
            '{"gestational_weeks": 30, "pain": {"intensity": 3, "locations": ["pubic"]}, '
            '"blood_pressure": {"systolic": 120, "diastolic": 80}, '
            '"blood_pressure": {"systolic": 130, "diastolic": 85}}',
            "blood_pressure",
        ),
    ],
    ids=[
        "systolic twice",
        "diastolic twice, same value",
        "diastolic twice, first bad",
        "reading twice",
    ],
)
def test_it_refuses_a_key_given_twice_in_a_blood_pressure_reading(text: str, field: str) -> None:
    with pytest.raises(InvalidAssessment) as refused:
        parse_assessment(text)
    assert refused.value.first.field == field


def test_it_fills_in_the_schema_defaults() -> None:
    assessment = Assessment.model_validate(_plain())
    checked = 0
    for name, prop in PAIN.items():
        if "default" in prop:
            assert getattr(assessment.pain, name) == prop["default"], name
            checked += 1
    for name, prop in TOP.items():
        if "default" in prop:
            assert getattr(assessment, name) == prop["default"], name
            checked += 1
    assert checked > 0
    # The fields the schema gives no default for stay unset, not invented.
    for name, prop in TOP.items():
        if "default" not in prop and name not in SCHEMA["required"]:
            assert getattr(assessment, name) is None, name


def test_it_has_exactly_the_schema_fields() -> None:
    pain_model = Assessment.model_fields["pain"].annotation
    for model, object_schema in (
        (Assessment, SCHEMA),
        (pain_model, PAIN_SCHEMA),
        (BloodPressure, BP_SCHEMA),
    ):
        assert set(model.model_fields) == set(object_schema["properties"]), model
        required = {name for name, field in model.model_fields.items() if field.is_required()}
        assert required == set(object_schema["required"]), model


@pytest.mark.parametrize(
    ("literal", "enum"),
    [
        (vocabulary.Location, PAIN["locations"]["items"]["enum"]),
        (vocabulary.Onset, PAIN["onset"]["enum"]),
        (vocabulary.Pattern, PAIN["pattern"]["enum"]),
        (vocabulary.Activity, PAIN["worse_with"]["items"]["enum"]),
        (vocabulary.Impact, PAIN["daily_life_impact"]["enum"]),
        (vocabulary.Symptom, TOP["symptoms"]["items"]["enum"]),
        (vocabulary.HistoryItem, TOP["history"]["items"]["enum"]),
    ],
    ids=["Location", "Onset", "Pattern", "Activity", "Impact", "Symptom", "HistoryItem"],
)
def test_it_uses_the_schema_vocabulary(literal: object, enum: list[str]) -> None:
    assert vocabulary.values(literal) == tuple(enum)


def test_it_names_pain_flags_as_the_schema_booleans() -> None:
    booleans = {name for name, prop in PAIN.items() if prop.get("type") == "boolean"}
    assert set(vocabulary.values(vocabulary.PainFlag)) == booleans


def test_it_orders_levels_from_most_to_least_urgent() -> None:
    # Spec, "Triage levels": from most to least urgent.
    spec_order = ["emergency", "urgent", "soon", "routine", "self_care"]
    assert list(vocabulary.LEVELS_MOST_URGENT_FIRST) == spec_order
    for more, less in itertools.pairwise(spec_order):
        assert vocabulary.URGENCY[more] > vocabulary.URGENCY[less], (more, less)
