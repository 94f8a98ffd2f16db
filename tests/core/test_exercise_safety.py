"""Exercise advice is hidden for the same reasons everywhere, by one rule in the core."""

from __future__ import annotations

import pytest

from lumba.core.vocabulary import EXERCISE_TOPICS
from lumba.service import validate_assessment


def _plan(triager, **fields) -> list[str]:
    document = {"gestational_weeks": 26, "pain": {"intensity": 3, "locations": ["lower_back"]}}
    document.update(fields)
    return [card.id for card in triager.outcome(validate_assessment(document)).plan]


def _exercise_cards(library, ids: list[str]) -> list[str]:
    return [i for i in ids if library.card(i).topic in EXERCISE_TOPICS or library.card(i).exercise]


def test_a_plain_case_gets_exercise_advice(triager, library) -> None:
    assert _exercise_cards(library, _plan(triager))  # so the tests below can fail


@pytest.mark.parametrize("risk", ["previous_preterm_birth", "short_cervix_or_stitch"])
def test_twins_with_a_risk_of_early_labour_hide_every_exercise_card(triager, library, risk) -> None:
    # The reviewed fault: twins plus a previous early birth still showed one.
    plan = _plan(triager, history=["multiple_pregnancy", risk])
    assert _exercise_cards(library, plan) == []


def test_twins_alone_keep_gentle_exercise(triager, library) -> None:
    assert _exercise_cards(library, _plan(triager, history=["multiple_pregnancy"]))


def test_no_exercise_card_keeps_its_own_copy_of_the_safety_rule(library) -> None:
    # One rule hides exercise (core/safety.py); a card that repeats part of it
    # drifts from it, which is how the reviewed fault happened.
    from lumba.core.safety import EXERCISE_UNSAFE

    unsafe = EXERCISE_UNSAFE.reads()
    for card in library.cards:
        if card.topic in EXERCISE_TOPICS or card.exercise:
            own = card.not_when.reads() if card.not_when else frozenset()
            assert not own & unsafe & {"symptoms_any", "history_any"}, card.id
