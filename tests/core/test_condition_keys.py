"""The condition language is defined once (core/conditions.KEYS): every
reading of a condition (the exact test, the bit tables, could/must for an
unfinished check, the words on the advice page) derives from that table."""

from __future__ import annotations

from typing import Any, get_args

import pytest
from assessment_strategies import any_documents, every_condition
from hypothesis import given, settings

from lumba.core.assessment import Assessment
from lumba.core.audience import audience, audience_problems
from lumba.core.conditions import (
    COMBINATORS,
    KEYS,
    MAX_ALTERNATIVES,
    Condition,
    PartialFacts,
    Undescribable,
    could_hold,
    describe,
    description_problems,
    must_hold,
)
from lumba.core.facts import FIELD_FACTS, Facts
from lumba.core.safety import EXERCISE_UNSAFE
from lumba.core.vocabulary import pain_band


def test_every_condition_field_is_a_key_or_a_combinator() -> None:
    assert set(Condition.model_fields) == set(KEYS) | set(COMBINATORS)


def test_every_key_reads_a_fact_that_an_answer_fills() -> None:
    filled = {fact for facts in FIELD_FACTS.values() for fact in facts}
    assert {key.fact for key in KEYS.values()} <= filled
    assert set(Facts._fields) - {"temperature_c"} <= filled | {"temperature_c"}


# ------------------------------------------------------- the meaning, written out
# An independent reading of a condition, straight from what each key means
# (the spec's words), to check the derived terms against.
def _reference(condition: Condition, facts: Facts) -> bool:
    for name in condition.model_fields_set:
        value = getattr(condition, name)
        if name == "any_of":
            held = any(_reference(child, facts) for child in value)
        elif name == "all_of":
            held = all(_reference(child, facts) for child in value)
        else:
            held = _key_holds(name, value, facts)
        if not held:
            return False
    return True


def _key_holds(name: str, value: Any, facts: Facts) -> bool:
    sets = {
        "symptoms_any": facts.symptoms,
        "history_any": facts.history,
        "locations_any": facts.locations,
        "worse_with_any": facts.worse_with,
    }
    if name in sets:
        return any(v in sets[name] for v in value)
    if name == "symptoms_all":
        return all(v in facts.symptoms for v in value)
    singles = {"pattern_in": facts.pattern, "onset_in": facts.onset, "impact_in": facts.impact}
    if name in singles:
        return singles[name] in value
    if name == "pain_band_in":
        return pain_band(facts.intensity) in value
    if name == "flags_true":
        return all(flag in facts.flags for flag in value)
    if name == "flags_false":
        return all(flag not in facts.flags for flag in value)
    measured = getattr(facts, name)
    if measured is None:  # a reading that was not taken
        return False
    return (value.min is None or measured >= value.min) and (
        value.max is None or measured <= value.max
    )


@settings(max_examples=300, deadline=None)
@given(document=any_documents)
def test_the_terms_of_a_condition_mean_what_the_condition_says(document, library) -> None:
    facts = Facts.of(Assessment.model_validate(document))
    for condition in every_condition(library):
        assert condition.holds(facts) == _reference(condition, facts), condition


@settings(max_examples=200, deadline=None)
@given(document=any_documents)
def test_could_and_must_are_the_exact_test_when_nothing_is_open(document, library) -> None:
    facts = Facts.of(Assessment.model_validate(document))
    known = PartialFacts(known=facts, open=frozenset(), maybe={}, open_flags=frozenset())
    for condition in every_condition(library):
        exact = condition.holds(facts)
        assert could_hold(condition, known) == exact == must_hold(condition, known), condition


def _plain_facts() -> Facts:
    pain = {"intensity": 3, "locations": ["lower_back"]}
    return Facts.of(Assessment.model_validate({"gestational_weeks": 30, "pain": pain}))


def test_an_unanswered_flag_could_go_either_way_but_must_not() -> None:
    facts = _plain_facts()
    partial = PartialFacts(facts, frozenset(), {}, open_flags=frozenset({"eased_by_rest"}))
    for key in ("flags_true", "flags_false"):
        condition = Condition.model_validate({key: ["eased_by_rest"]})
        assert could_hold(condition, partial) and not must_hold(condition, partial)


def test_an_open_weeks_range_could_hold_but_need_not() -> None:
    facts = _plain_facts()
    partial = PartialFacts(facts, frozenset({"weeks"}), {}, frozenset())
    condition = Condition.model_validate({"weeks": {"max": 10}})
    assert could_hold(condition, partial) and not must_hold(condition, partial)


def test_a_symptom_that_may_still_be_ticked_could_hold_but_need_not() -> None:
    facts = _plain_facts()
    partial = PartialFacts(facts, frozenset(), {"symptoms": frozenset({"fever"})}, frozenset())
    assert could_hold(Condition(symptoms_any=["fever"]), partial)
    assert not must_hold(Condition(symptoms_any=["fever"]), partial)
    assert not could_hold(Condition(symptoms_any=["seizure"]), partial)


# ------------------------------------------------------------------ in words
def _every_value(name: str) -> Any:
    annotation = Condition.model_fields[name].annotation
    if "Range" in str(annotation):
        return {"min": 3, "max": 9}
    inner = get_args(get_args(get_args(annotation)[0])[0])[0]  # list[Literal[...]]
    return list(get_args(inner))


@pytest.mark.parametrize("language", ["en", "zh-Hans"])
@pytest.mark.parametrize("name", sorted(KEYS))
def test_every_key_can_be_said_for_every_value_it_takes(name, language, library) -> None:
    condition = Condition.model_validate({name: _every_value(name)})
    said = describe(condition, library.questionnaire.labels(language))
    words = [phrase.render() for option in said for phrase in option]
    assert words and all(word.strip() and "{" not in word for word in words)


def test_a_condition_is_said_as_alternatives_each_of_phrases_that_all_hold(library) -> None:
    condition = Condition.model_validate(
        {
            "any_of": [
                {"locations_any": ["pubic"]},
                {"weeks": {"min": 28}, "flags_false": ["eased_by_rest"]},
            ]
        }
    )
    said = [
        [phrase.render() for phrase in option]
        for option in describe(condition, library.questionnaire.labels("en"))
    ]
    pubic = library.questionnaire.choice("pain.locations", "pubic").label.get("en")
    assert said == [
        [f"Your pain is here: {pubic}"],
        ["Rest does not ease your pain", "You are 28 weeks pregnant or more"],
    ]


def test_a_pain_band_is_said_as_its_scores() -> None:
    said = describe(Condition(pain_band_in=["severe"]), lambda field, value: value)
    assert [[p.render() for p in option] for option in said] == [
        ["Your pain is between 7 and 10 out of 10"]
    ]


def test_a_value_without_words_is_refused_never_left_out() -> None:
    def no_labels(field: str, value: str) -> str:
        raise KeyError(value)

    condition = Condition(symptoms_any=["fever"], weeks={"min": 20})
    with pytest.raises(Undescribable):
        describe(condition, no_labels)
    assert description_problems(condition, no_labels) == ["symptoms_any: no words for 'fever'"]


def test_too_many_alternatives_to_read_is_a_content_problem() -> None:
    many = [f"x{n}" for n in range(MAX_ALTERNATIVES + 1)]
    condition = Condition.model_construct(symptoms_any=many, _fields_set={"symptoms_any"})
    (problem,) = description_problems(condition, lambda field, value: value)
    assert f"more than {MAX_ALTERNATIVES}" in problem


@pytest.mark.parametrize("language", ["en", "zh-Hans"])
def test_every_packaged_card_can_say_who_it_is_for(language, library) -> None:
    label = library.questionnaire.labels(language)
    for card in library.cards:
        assert audience_problems(card, label) == [], card.id
        if card.applies_when is not None:
            assert audience(card, label).for_you_if, card.id


def test_an_exercise_card_is_not_for_anyone_for_whom_exercise_is_unsafe(library) -> None:
    label = library.questionnaire.labels("en")
    card = next(c for c in library.cards if c.recommends_exercise)
    unsafe = describe(EXERCISE_UNSAFE, label)
    assert all(option in audience(card, label).not_for_you_if for option in unsafe)
