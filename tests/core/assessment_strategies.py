"""Hypothesis strategies for assessment documents (spec v1.1), built from lumba's vocabulary.

The numbers lean towards the thresholds the rules use (weeks 13/14, 19/20,
23/24, 36/37; intensity 6/7 where pain becomes severe; 14/15 days;
37.9/38.0 degrees; blood pressure 139/140 and 159/160 systolic, 89/90 and
109/110 diastolic) so that properties are exercised where behaviour changes.

``blood_pressures`` are readings the spec accepts (diastolic below systolic);
``invalid_blood_pressures`` are the mistakes people and programs make with
one, for the model-versus-schema agreement test.

``schema_documents(schema)`` builds documents from a JSON schema alone (its
enums, ranges, required fields), independently of lumba's models: every one
is valid under that schema.
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from lumba.core import vocabulary as v

SYMPTOMS = v.values(v.Symptom)
HISTORY = v.values(v.HistoryItem)

# Spec v1.1 ranges of the blood pressure reading (assessment.schema.json).
SYSTOLIC_RANGE = (50, 300)
DIASTOLIC_RANGE = (20, 200)
# Clinical brief section 6: 140/90 raised, 160/110 very high.
SYSTOLIC_EDGES = (139, 140, 159, 160)
DIASTOLIC_EDGES = (89, 90, 109, 110)

weeks = st.one_of(st.integers(0, 44), st.sampled_from([13, 14, 19, 20, 23, 24, 36, 37]))
intensity = st.one_of(st.integers(0, 10), st.sampled_from([3, 4, 6, 7]))
duration_days = st.one_of(st.integers(0, 400), st.sampled_from([0, 14, 15]))
temperature = st.one_of(
    st.floats(35.0, 41.0, allow_nan=False).map(lambda t: round(t, 1)),
    st.sampled_from([37.9, 38.0]),
)


def _subset(names: tuple[str, ...], min_size: int = 0, max_size: int | None = None) -> Any:
    return st.lists(st.sampled_from(names), min_size=min_size, max_size=max_size, unique=True)


@st.composite
def blood_pressures(draw: st.DrawFn) -> dict[str, int]:
    """A reading the spec accepts: both numbers in range and diastolic below systolic."""
    low_s, high_s = SYSTOLIC_RANGE
    low_d, high_d = DIASTOLIC_RANGE
    systolic = draw(st.one_of(st.integers(low_s, high_s), st.sampled_from(SYSTOLIC_EDGES)))
    highest_diastolic = min(high_d, systolic - 1)
    edges = [d for d in DIASTOLIC_EDGES if d <= highest_diastolic]
    diastolic = draw(
        st.one_of(
            st.integers(low_d, highest_diastolic),
            st.sampled_from(edges) if edges else st.nothing(),
            st.just(highest_diastolic),  # one below systolic: the tightest valid reading
        )
    )
    return {"systolic": systolic, "diastolic": diastolic}


@st.composite
def diastolic_not_below_systolic(draw: st.DrawFn) -> dict[str, int]:
    """In range for the schema, refused by the spec's words: diastolic >= systolic."""
    low_d, high_d = DIASTOLIC_RANGE
    systolic = draw(st.integers(SYSTOLIC_RANGE[0], high_d))
    diastolic = draw(st.one_of(st.just(systolic), st.integers(max(low_d, systolic), high_d)))
    return {"systolic": systolic, "diastolic": diastolic}


def _bad_number(low: int, high: int) -> st.SearchStrategy[Any]:
    return st.one_of(
        st.sampled_from([low - 1, high + 1, -1, 0, 10 * high]),  # out of range
        st.integers(low, high).map(str),  # "120"
        st.integers(low, high).map(lambda n: n + 0.5),  # not a whole number
        st.booleans(),
        st.none(),
        st.integers(low, high).map(lambda n: [n]),
    )


@st.composite
def _reading_with_one_bad_number(draw: st.DrawFn) -> dict[str, Any]:
    reading = dict(draw(blood_pressures()))
    key = draw(st.sampled_from(["systolic", "diastolic"]))
    reading[key] = draw(_bad_number(*(SYSTOLIC_RANGE if key == "systolic" else DIASTOLIC_RANGE)))
    return reading


@st.composite
def _reading_with_a_key_too_many_or_too_few(draw: st.DrawFn) -> dict[str, Any]:
    reading = dict(draw(st.one_of(blood_pressures(), diastolic_not_below_systolic())))
    if draw(st.booleans()):
        reading.pop(draw(st.sampled_from(["systolic", "diastolic"])))
    else:
        key = draw(st.sampled_from(["pulse", "Systolic", "mean", "upper", "", "systolic ", "unit"]))
        reading[key] = draw(st.one_of(st.integers(40, 200), st.just("mmHg")))
    return reading


invalid_blood_pressures = st.one_of(
    diastolic_not_below_systolic(),
    _reading_with_one_bad_number(),
    _reading_with_a_key_too_many_or_too_few(),
    st.none(),  # leave it out instead: null is not allowed
    st.sampled_from(["120/80", [120, 80], 120, True, {}, {"systolic": None, "diastolic": None}]),
)


def schema_value(prop: dict[str, Any]) -> st.SearchStrategy[Any]:
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
        return schema_documents(prop)
    raise AssertionError(f"no strategy for {prop}")


def schema_documents(object_schema: dict[str, Any]) -> st.SearchStrategy[dict[str, Any]]:
    """Objects valid under ``object_schema`` (required keys always, the others sometimes)."""
    props = object_schema["properties"]
    required = set(object_schema.get("required", []))
    return st.fixed_dictionaries(
        {name: schema_value(props[name]) for name in props if name in required},
        optional={name: schema_value(props[name]) for name in props if name not in required},
    )


pain_documents = st.fixed_dictionaries(
    {
        "intensity": intensity,
        "locations": _subset(v.values(v.Location), min_size=1),
    },
    optional={
        "onset": st.sampled_from(v.values(v.Onset)),
        "duration_days": duration_days,
        "pattern": st.sampled_from(v.values(v.Pattern)),
        "worse_with": _subset(v.values(v.Activity)),
        "eased_by_rest": st.booleans(),
        "wakes_at_night": st.booleans(),
        "spreads_below_knee": st.booleans(),
        "daily_life_impact": st.sampled_from(v.values(v.Impact)),
    },
)

assessment_documents = st.fixed_dictionaries(
    {"gestational_weeks": weeks, "pain": pain_documents},
    optional={
        "symptoms": _subset(SYMPTOMS, max_size=4),
        "history": _subset(HISTORY, max_size=3),
        "temperature_c": temperature,
        "blood_pressure": blood_pressures(),
    },
)

# Mostly calm cases: no symptom, no history and an ordinary reading, so the
# self-care end is reached often.
calm_documents = st.fixed_dictionaries(
    {"gestational_weeks": weeks, "pain": pain_documents},
    optional={
        "temperature_c": st.floats(35.5, 37.9, allow_nan=False),
        "blood_pressure": st.fixed_dictionaries(
            {"systolic": st.integers(95, 139), "diastolic": st.integers(55, 89)}
        ),
    },
)

any_documents = st.one_of(assessment_documents, calm_documents)


def every_condition(library: Any) -> Any:
    """Every condition the engine reads: the exercise rule, each rule's, each card's."""
    from lumba.core.safety import EXERCISE_UNSAFE

    yield EXERCISE_UNSAFE
    for rule in library.rules:
        yield rule.when
    for card in library.cards:
        yield from (c for c in (card.applies_when, card.not_when) if c is not None)
        yield from (boost.when for boost in card.boosts)
