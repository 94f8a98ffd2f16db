"""The triage engine: the level is the most urgent level any fired rule raises."""

from __future__ import annotations

from dataclasses import dataclass

from lumba.core.assessment import Assessment
from lumba.core.cards import AdviceCard
from lumba.core.facts import Facts, partial_facts
from lumba.core.library import Library
from lumba.core.plan import PlanBuilder
from lumba.core.rules import Rule
from lumba.core.vocabulary import URGENCY

# Levels at which a check stops asking and shows what to do.
STOP_CHECK_LEVELS = frozenset({"emergency", "urgent"})


@dataclass(frozen=True, slots=True)
class Outcome:
    """What the engine decided, before it is put into words."""

    level: str
    fired: tuple[Rule, ...]  # most urgent first, then in rule-file order
    plan: tuple[AdviceCard, ...]


class TriageEngine:
    def __init__(self, library: Library) -> None:
        self.library = library
        self._rules = tuple((rule, rule.when.gate(), rule.when.compile()) for rule in library.rules)
        self._plan = PlanBuilder(library.cards)

    def fired_rules(self, facts: Facts) -> tuple[Rule, ...]:
        present = facts.symptoms | facts.history
        fired = [
            rule
            for rule, gate, test in self._rules
            if (gate is None or not gate.isdisjoint(present)) and test(facts)
        ]
        # sorted() is stable, so rules of one level keep their file order.
        return tuple(sorted(fired, key=lambda rule: -URGENCY[rule.level]))

    def evaluate_facts(self, facts: Facts) -> Outcome:
        fired = self.fired_rules(facts)
        level = fired[0].level if fired else "self_care"
        return Outcome(level=level, fired=fired, plan=self._plan.build(facts, level))

    def evaluate(self, assessment: Assessment) -> Outcome:
        return self.evaluate_facts(Facts.of(assessment))

    def evaluate_partial(self, document: dict) -> Outcome:
        """The outcome of an unfinished check (see partial_facts)."""
        return self.evaluate_facts(partial_facts(document))

    def needs_help_now(self, document: dict) -> Outcome | None:
        """The outcome, when the answers so far already call for urgent or
        emergency help: the check then ends at once with what to do."""
        outcome = self.evaluate_partial(document)
        return outcome if outcome.level in STOP_CHECK_LEVELS else None
