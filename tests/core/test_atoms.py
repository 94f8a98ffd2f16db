"""Conditions compiled to term bits (core/atoms.py) answer as Condition.compile() does."""

from __future__ import annotations

from assessment_strategies import any_documents, every_condition
from hypothesis import given, settings

from lumba.core.assessment import Assessment
from lumba.core.atoms import TermTable
from lumba.core.facts import Facts
from lumba.core.vocabulary import URGENCY


@settings(max_examples=300, deadline=None)
@given(document=any_documents)
def test_every_condition_holds_by_its_bits_exactly_when_it_holds(document, library) -> None:
    facts = Facts.of(Assessment.model_validate(document))
    table = TermTable()
    compiled = [(condition, table.add(condition)) for condition in every_condition(library)]
    held = table.read(facts)
    for condition, terms in compiled:
        assert bool(held & terms) == condition.holds(facts), condition


@settings(max_examples=300, deadline=None)
@given(document=any_documents)
def test_the_engine_fires_the_rules_that_hold_most_urgent_first(document, triager) -> None:
    facts = Facts.of(Assessment.model_validate(document))
    rules = triager.engine.library.rules
    expected = sorted((r for r in rules if r.when.holds(facts)), key=lambda r: -URGENCY[r.level])
    assert [r.id for r in triager.engine.fired_rules(facts)] == [r.id for r in expected]
