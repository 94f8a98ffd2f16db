"""The pydantic Assessment model accepts exactly the documents the published schema accepts.

Documents are generated from the schema itself (its enums, ranges, required
fields and defaults), then mutated one way at a time. For every document the
model's verdict must equal ``Draft202012Validator(schema).is_valid``.
"""

from __future__ import annotations

import copy
import hashlib
import json
from importlib import resources
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from lumba.core import vocabulary
from lumba.core.assessment import Assessment

SCHEMA: dict[str, Any] = json.loads(
    resources.files("lumba")
    .joinpath("content/data/assessment.schema.json")
    .read_text(encoding="utf-8")
)
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)
TOP = SCHEMA["properties"]
PAIN_SCHEMA = TOP["pain"]
PAIN = PAIN_SCHEMA["properties"]

# sha256 of the spec's assessment.schema.json (spec v1), as canonical JSON
# (sorted keys, no spaces). The package publishes a copy; it must not drift.
SPEC_V1_SCHEMA_SHA256 = "983d913c495b68a4d01fd9633f6be0e51559bcb2320cb66b768d7864a8ef5dc0"


def model_accepts(document: Any) -> bool:
    try:
        Assessment.model_validate(document)
    except ValidationError:
        return False
    return True


def model_accepts_json(document: Any) -> bool:
    """The same verdict through pydantic's JSON parser, the path text input may take."""
    try:
        Assessment.model_validate_json(json.dumps(document))
    except ValidationError:
        return False
    return True


def schema_accepts(document: Any) -> bool:
    return VALIDATOR.is_valid(document)


# ---------------------------------------------------------------- strategies


def valid_value(prop: dict[str, Any]) -> st.SearchStrategy[Any]:
    """Any value the schema accepts for one property, built from the property's schema."""
    if "enum" in prop:
        return st.sampled_from(prop["enum"])
    kind = prop["type"]
    if kind == "integer":
        ints = st.integers(prop["minimum"], prop["maximum"])
        # JSON Schema counts 4.0 as an integer.
        return st.one_of(ints, ints.map(float))
    if kind == "number":
        low, high = prop["minimum"], prop["maximum"]
        return st.one_of(
            st.integers(low, high),
            st.floats(low, high, allow_nan=False, allow_infinity=False),
        )
    if kind == "boolean":
        return st.booleans()
    if kind == "array":
        return st.lists(
            st.sampled_from(prop["items"]["enum"]),
            min_size=prop.get("minItems", 0),
            unique=True,
        )
    if kind == "object":
        return valid_object(prop)
    raise AssertionError(f"no strategy for {prop}")


def valid_object(object_schema: dict[str, Any]) -> st.SearchStrategy[dict[str, Any]]:
    props = object_schema["properties"]
    required = set(object_schema.get("required", []))
    return st.fixed_dictionaries(
        {name: valid_value(props[name]) for name in props if name in required},
        optional={name: valid_value(props[name]) for name in props if name not in required},
    )


valid_documents = valid_object(SCHEMA)

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
    return TOP[path[0]] if len(path) == 1 else PAIN[path[1]]


PATHS: list[tuple[str, ...]] = [(name,) for name in TOP] + [("pain", name) for name in PAIN]
REQUIRED_PATHS = [(name,) for name in SCHEMA["required"]] + [
    ("pain", name) for name in PAIN_SCHEMA["required"]
]
ARRAY_PATHS = [path for path in PATHS if schema_of(path).get("type") == "array"]


def _container(document: dict[str, Any], path: tuple[str, ...]) -> dict[str, Any] | None:
    """The object holding the last key of ``path``, if it is still an object."""
    if len(path) == 1:
        return document
    pain = document.get("pain")
    return pain if isinstance(pain, dict) else None


@st.composite
def mutated_documents(draw: st.DrawFn) -> dict[str, Any]:
    """A valid document with one or two things changed, most of them to something invalid."""
    document = copy.deepcopy(draw(valid_documents))
    for _ in range(draw(st.integers(1, 2))):
        kind = draw(st.sampled_from(["replace", "drop", "extra", "duplicate"]))
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
            in_pain = draw(st.booleans())
            container = _container(document, ("pain", "") if in_pain else ("",))
            known = PAIN if in_pain else TOP
            key = draw(
                st.one_of(
                    st.sampled_from(["name", "extra", "Gestational_weeks", "temperature", ""]),
                    st.text(max_size=6),
                ).filter(lambda k, known=known: k not in known)
            )
            if container is not None:
                container[key] = draw(json_values)
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


def test_it_publishes_a_valid_schema_identical_to_spec_v1() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    canonical = json.dumps(SCHEMA, sort_keys=True, separators=(",", ":")).encode("utf-8")
    assert hashlib.sha256(canonical).hexdigest() == SPEC_V1_SCHEMA_SHA256


@settings(max_examples=300, deadline=None)
@given(valid_documents)
def test_it_accepts_every_document_the_schema_accepts(document: dict[str, Any]) -> None:
    assert schema_accepts(document)
    assert model_accepts(document)
    assert model_accepts_json(document)


@settings(max_examples=1000, deadline=None)
@given(mutated_documents())
def test_it_agrees_with_the_schema_on_mutated_documents(document: dict[str, Any]) -> None:
    expected = schema_accepts(document)
    assert model_accepts(document) == expected, document
    assert model_accepts_json(document) == expected, document


@settings(max_examples=200, deadline=None)
@given(json_values)
def test_it_agrees_with_the_schema_on_arbitrary_json(document: Any) -> None:
    expected = schema_accepts(document)
    assert model_accepts(document) == expected, document
    assert model_accepts_json(document) == expected, document


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
    "duplicate history": (_with(("history",), ["osteoporosis", "osteoporosis"]), False),
    "duplicate activity": (_with(("pain", "worse_with"), ["stairs", "sitting", "stairs"]), False),
    "unknown symptom": (_with(("symptoms",), ["headache"]), False),
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
}


@pytest.mark.parametrize(
    ("document", "expected"), list(EXPLICIT_CASES.values()), ids=list(EXPLICIT_CASES)
)
def test_it_gives_the_schema_verdict_on_each_kind_of_mistake(document: Any, expected: bool) -> None:
    assert schema_accepts(document) is expected
    assert model_accepts(document) is expected
    assert model_accepts_json(document) is expected


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
    # A field the schema gives no default for stays unset, not invented.
    assert assessment.temperature_c is None


def test_it_has_exactly_the_schema_fields() -> None:
    assert set(Assessment.model_fields) == set(TOP)
    pain_model = Assessment.model_fields["pain"].annotation
    assert set(pain_model.model_fields) == set(PAIN)
    required = {name for name, field in Assessment.model_fields.items() if field.is_required()}
    assert required == set(SCHEMA["required"])
    pain_required = {name for name, field in pain_model.model_fields.items() if field.is_required()}
    assert pain_required == set(PAIN_SCHEMA["required"])


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
    # Spec v1, "Triage levels": from most to least urgent.
    assert vocabulary.LEVELS_MOST_URGENT_FIRST == (
        "emergency",
        "urgent",
        "soon",
        "routine",
        "self_care",
    )
    ranks = [vocabulary.URGENCY[level] for level in vocabulary.LEVELS_MOST_URGENT_FIRST]
    assert ranks == sorted(ranks, reverse=True)
    assert len(set(ranks)) == len(ranks)
