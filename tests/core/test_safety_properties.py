"""The three safety properties of spec v1.1, and the plan's own promises.

1. Adding a symptom or a history item never makes the level less urgent.
2. The same assessment always gives the same result: see test_determinism.py,
   which compares `lumba triage --batch` across two hash seeds; here, the
   same items in another order are the same assessment.
3. At emergency and urgent, and whenever there is a reason not to exercise in
   pregnancy, the plan has no `exercise` or `water_exercise` item.

The reason-not-to-exercise predicate is written here from the spec's words,
independently of lumba.core.safety.
"""

from __future__ import annotations

import json
import random
from typing import Any

import pytest
from assessment_strategies import HISTORY, SYMPTOMS, any_documents, assessment_documents
from hypothesis import given, settings
from hypothesis import strategies as st

from lumba.content.checks import example_assessment
from lumba.content.loader import default_library
from lumba.core.assessment import Assessment
from lumba.core.facts import Facts
from lumba.core.vocabulary import URGENCY

EXERCISE_TOPICS = {"exercise", "water_exercise"}
NO_EXERCISE_HISTORY = {
    "pre_eclampsia_now",
    "placenta_previa",
    "short_cervix_or_stitch",
    "severe_anaemia",
    "heart_or_lung_disease",
}
MAX_PLAN_ITEMS = 6


def reason_not_to_exercise(document: dict[str, Any]) -> bool:
    """Spec property 3: bleeding, fluid leak, contractions before 37 weeks, and history."""
    symptoms = set(document.get("symptoms", []))
    history = set(document.get("history", []))
    weeks = document["gestational_weeks"]
    pattern = document["pain"].get("pattern", "comes_and_goes")
    if symptoms & {"vaginal_bleeding", "heavy_vaginal_bleeding", "fluid_leak"}:
        return True
    if weeks < 37 and ("contractions" in symptoms or pattern == "regular_waves"):
        return True
    return bool(history & NO_EXERCISE_HISTORY)


def rule_example_documents() -> list[dict[str, Any]]:
    """Every rule example, as a full document: a fixed, varied set of real cases."""
    documents = []
    for rule in default_library().rules:
        for example in [*rule.examples.fires, *rule.examples.does_not_fire]:
            documents.append(example_assessment(example).model_dump(exclude_none=True))
    return documents


EXAMPLES = rule_example_documents()


def level_of(triager, document: dict[str, Any]) -> str:
    return triager.outcome(Assessment.model_validate(document)).level


def _add(document: dict[str, Any], field: str, item: str) -> dict[str, Any] | None:
    if item in document.get(field, []):
        return None
    return {**document, field: [*document.get(field, []), item]}


# ---------------------------------------------------------------- property 1


@settings(max_examples=400, deadline=None)
@given(
    document=assessment_documents,
    added_symptoms=st.lists(st.sampled_from(SYMPTOMS), min_size=0, max_size=3, unique=True),
    added_history=st.lists(st.sampled_from(HISTORY), min_size=0, max_size=2, unique=True),
)
def test_it_never_lowers_the_level_when_signs_are_added(
    document: dict[str, Any], added_symptoms: list[str], added_history: list[str], triager
) -> None:
    more = dict(document)
    more["symptoms"] = sorted(set(document.get("symptoms", [])) | set(added_symptoms))
    more["history"] = sorted(set(document.get("history", [])) | set(added_history))
    before, after = level_of(triager, document), level_of(triager, more)
    assert URGENCY[after] >= URGENCY[before], (before, after, added_symptoms, added_history)


def test_it_never_lowers_the_level_when_one_item_is_added_to_any_rule_example(triager) -> None:
    checked = 0
    for document in EXAMPLES:
        before = level_of(triager, document)
        for field, names in (("symptoms", SYMPTOMS), ("history", HISTORY)):
            for name in names:
                more = _add(document, field, name)
                if more is None:
                    continue
                after = level_of(triager, more)
                assert URGENCY[after] >= URGENCY[before], (document, field, name, after)
                checked += 1
    assert checked > 1000


# ---------------------------------------------------------------- property 2


@settings(max_examples=200, deadline=None)
@given(document=any_documents)
def test_it_renders_json_that_parses_to_the_result_dict(document: dict[str, Any], triager) -> None:
    assessment = Assessment.model_validate(document)
    outcome = triager.outcome(assessment)
    text = triager.renderer.to_json(outcome)
    assert "\n" not in text
    assert json.loads(text) == triager.renderer.to_dict(outcome)
    assert json.loads(triager.result_json(assessment)) == triager.result(assessment)


@settings(max_examples=200, deadline=None)
@given(document=assessment_documents, seed=st.integers(0, 2**32 - 1))
def test_it_ignores_the_order_of_list_items(document: dict[str, Any], seed: int, triager) -> None:
    # Lists are sets (spec): the same items in another order are the same assessment.
    shuffle = random.Random(seed).sample
    permuted = json.loads(json.dumps(document))
    for container, key in (
        (permuted, "symptoms"),
        (permuted, "history"),
        (permuted["pain"], "locations"),
        (permuted["pain"], "worse_with"),
    ):
        if key in container:
            container[key] = shuffle(container[key], len(container[key]))
    assert triager.result(Assessment.model_validate(permuted)) == triager.result(
        Assessment.model_validate(document)
    )


# ---------------------------------------------------------------- property 3


def _assert_no_exercise_when_unsafe(document: dict[str, Any], triager) -> None:
    result = triager.result(Assessment.model_validate(document))
    topics = {item["topic"] for item in result["plan"]}
    if result["level"] in ("emergency", "urgent") or reason_not_to_exercise(document):
        assert not topics & EXERCISE_TOPICS, (result["level"], [i["id"] for i in result["plan"]])


@settings(max_examples=400, deadline=None)
@given(document=any_documents)
def test_it_leaves_exercise_out_when_exercise_is_unsafe(document: dict[str, Any], triager) -> None:
    _assert_no_exercise_when_unsafe(document, triager)


WAVES = {"intensity": 3, "locations": ["lower_back"], "pattern": "regular_waves"}
NO_EXERCISE_CHANGES = {
    "bleeding": {"symptoms": ["vaginal_bleeding"]},
    "heavy bleeding": {"symptoms": ["heavy_vaginal_bleeding"]},
    "fluid leak": {"symptoms": ["fluid_leak"]},
    "contractions at 30 weeks": {"symptoms": ["contractions"]},
    "contractions at 10 weeks": {"symptoms": ["contractions"], "gestational_weeks": 10},
    "waves at 30 weeks": {"pain": WAVES},
    "waves at 10 weeks": {"pain": WAVES, "gestational_weeks": 10},
    **{item: {"history": [item]} for item in sorted(NO_EXERCISE_HISTORY)},
}


@pytest.mark.parametrize(
    "change", list(NO_EXERCISE_CHANGES.values()), ids=list(NO_EXERCISE_CHANGES)
)
def test_it_removes_exercise_from_a_plan_that_had_it(change: dict[str, Any], triager) -> None:
    plain = example_assessment({})
    plain_topics = {card.topic for card in triager.outcome(plain).plan}
    assert plain_topics & EXERCISE_TOPICS, "the plain case should be offered exercise"
    document = example_assessment(change).model_dump(exclude_none=True)
    assert reason_not_to_exercise(document)
    outcome = triager.outcome(Assessment.model_validate(document))
    assert outcome.plan, "the plan should still offer something"
    assert not {card.topic for card in outcome.plan} & EXERCISE_TOPICS


def test_it_keeps_exercise_out_for_every_rule_example(triager) -> None:
    for document in EXAMPLES:
        _assert_no_exercise_when_unsafe(document, triager)


# ---------------------------------------------------------------- the plan


def _assert_plan_promises(document: dict[str, Any], triager) -> None:
    assessment = Assessment.model_validate(document)
    outcome = triager.outcome(assessment)
    facts = Facts.of(assessment)
    ids = [card.id for card in outcome.plan]
    assert len(ids) == len(set(ids)), ids
    assert len(ids) <= MAX_PLAN_ITEMS
    for card in outcome.plan:
        assert outcome.level not in card.not_at_levels, (card.id, outcome.level)
        if card.not_when is not None:
            assert not card.not_when.holds(facts), card.id
        if card.applies_when is not None:
            assert card.applies_when.holds(facts), card.id


@settings(max_examples=300, deadline=None)
@given(document=any_documents)
def test_it_builds_a_short_plan_of_cards_that_apply(document: dict[str, Any], triager) -> None:
    _assert_plan_promises(document, triager)


def test_it_keeps_the_plan_promises_for_every_rule_example(triager) -> None:
    for document in EXAMPLES:
        _assert_plan_promises(document, triager)


def test_it_offers_a_plan_at_self_care(triager) -> None:
    outcome = triager.outcome(example_assessment({}))
    assert outcome.level == "self_care"
    assert len(outcome.plan) >= 3
