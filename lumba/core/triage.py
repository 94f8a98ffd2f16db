"""The triage engine: the level is the most urgent level any fired rule raises."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from lumba.core.assessment import Assessment
from lumba.core.atoms import TermTable
from lumba.core.cards import AdviceCard
from lumba.core.conditions import PartialFacts, could_hold, must_hold
from lumba.core.facts import Facts
from lumba.core.library import Library
from lumba.core.plan import PlanBuilder
from lumba.core.rules import Rule
from lumba.core.vocabulary import URGENCY

_WEEKS = frozenset({"weeks"})
# Levels at which a check may stop asking and show what to do.
STOP_CHECK_LEVELS = frozenset({"emergency", "urgent"})


@dataclass(frozen=True, slots=True)
class Bounds:
    """What an unfinished check can still give."""

    certain: tuple[Rule, ...]  # rules that fire however the rest is answered, most urgent first
    could: tuple[Rule, ...]  # rules that fire for some answers to the rest, most urgent first

    @property
    def certain_level(self) -> str:
        return self.certain[0].level if self.certain else "self_care"

    @property
    def possible_level(self) -> str:
        """The most urgent level some answers to the rest could give."""
        return self.could[0].level if self.could else "self_care"

    @property
    def possible(self) -> tuple[Rule, ...]:
        """The rules that could still raise the level above what is certain."""
        floor = URGENCY[self.certain_level]
        return tuple(r for r in self.could if URGENCY[r.level] > floor)

    @property
    def settled(self) -> bool:
        return self.certain_level == self.possible_level


@dataclass(frozen=True, slots=True)
class Outcome:
    """What the engine decided, before it is put into words."""

    level: str
    fired: tuple[Rule, ...]  # most urgent first, then in rule-file order
    plan: tuple[AdviceCard, ...]
    weeks: int | None = None  # weeks of pregnancy, where what to do depends on them


class TriageEngine:
    def __init__(self, library: Library) -> None:
        self.library = library
        terms = TermTable()
        # Most urgent first, file order within a level (sorted() is stable),
        # so the rules that fire keep the order a result lists its reasons in.
        self._ranked = self._by_urgency(library.rules)
        self._rule_of: list[int] = []  # term bit number -> rule number
        for number, rule in enumerate(self._ranked):
            self._rule_of += [number] * terms.add(rule.when).bit_count()
        self._rule_terms = (1 << terms.width) - 1
        self._plan = PlanBuilder(library.cards, terms)
        self._terms = terms

    def fired_rules(self, facts: Facts) -> tuple[Rule, ...]:
        return self._fired(self._terms.read(facts))

    def _fired(self, held: int) -> tuple[Rule, ...]:
        """The rules one of whose terms holds, in rank order (few do, so
        walking the set bits is quicker than testing every rule)."""
        held &= self._rule_terms
        numbers = []
        while held:
            lowest = held & -held
            numbers.append(self._rule_of[lowest.bit_length() - 1])
            held ^= lowest
        ranked = self._ranked
        # dict.fromkeys drops a rule that holds more than one way, keeping the order.
        return tuple([ranked[number] for number in dict.fromkeys(numbers)])

    def evaluate_facts(self, facts: Facts) -> Outcome:
        held = self._terms.read(facts)
        fired = self._fired(held)
        level = fired[0].level if fired else "self_care"
        plan = self._plan.build(facts, level, held)
        return Outcome(level=level, fired=fired, plan=plan, weeks=facts.weeks)

    def evaluate(self, assessment: Assessment) -> Outcome:
        return self.evaluate_facts(Facts.of(assessment))

    def bounds(self, partial: PartialFacts) -> Bounds:
        certain = self._by_urgency(r for r in self.library.rules if must_hold(r.when, partial))
        could = self._by_urgency(r for r in self.library.rules if could_hold(r.when, partial))
        return Bounds(certain, could)

    def settled_outcome(self, partial: PartialFacts, bounds: Bounds) -> Outcome:
        """The outcome of an unfinished check whose level can no longer change."""
        plan = self._plan.build(partial.known, bounds.certain_level)
        weeks = None if "weeks" in partial.open else partial.known.weeks
        return Outcome(level=bounds.certain_level, fired=bounds.certain, plan=plan, weeks=weeks)

    def cautious_outcome(self, partial: PartialFacts) -> Outcome:
        """The most cautious reading of answers some of which are not known
        (weeks nobody knows, "I'm not sure"): the most urgent level any
        answers to them could give, with every rule that could fire as a
        reason. The one reading of unknown answers, whatever front end asks."""
        bounds = self.bounds(partial)
        level = bounds.possible_level
        plan = self._plan.build(partial.known, level)
        return Outcome(level=level, fired=bounds.could, plan=plan)

    def weeks_unknown_outcome(self, facts: Facts) -> Outcome:
        """Facts whose weeks nobody knows (its `weeks` is a placeholder), read as
        the check reads "I don't know": see cautious_outcome."""
        return self.cautious_outcome(
            PartialFacts(known=facts, open=_WEEKS, maybe={}, open_flags=frozenset())
        )

    @staticmethod
    def _by_urgency(rules: Iterable[Rule]) -> tuple[Rule, ...]:
        return tuple(sorted(rules, key=lambda rule: -URGENCY[rule.level]))
