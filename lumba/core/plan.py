"""The plan builder: a short, ordered, explained choice of advice cards."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from lumba.core.cards import AdviceCard
from lumba.core.conditions import Predicate
from lumba.core.facts import Facts
from lumba.core.safety import EXERCISE_UNSAFE, NO_EXERCISE_LEVELS
from lumba.core.vocabulary import EXERCISE_TOPICS, LEVELS_MOST_URGENT_FIRST

# How many cards a result carries, by level: at the urgent end the plan must
# not distract from the action, at the calm end a handful, never all of them.
PLAN_SIZE = {"emergency": 1, "urgent": 2, "soon": 5, "routine": 6, "self_care": 6}
WARNING_TOPIC = "warning_signs"
INELIGIBLE = -1


@dataclass(frozen=True, slots=True)
class _CompiledCard:
    card: AdviceCard
    order: int
    eligible: Predicate | None  # applies_when holds and not_when does not
    boosts: tuple[tuple[Predicate, int], ...]
    upper: int  # the highest score the card can reach: priority plus every boost

    def fit(self, facts: Facts) -> int:
        """How many of the things the person said make their pain worse this card addresses."""
        return len(self.card.eases & facts.worse_with)

    def score(self, facts: Facts) -> int:
        if self.eligible is not None and not self.eligible(facts):
            return INELIGIBLE
        score = self.card.priority
        for test, by in self.boosts:
            if test(facts):
                score += by
        return score


def _eligibility(card: AdviceCard) -> Predicate | None:
    applies = card.applies_when.compile() if card.applies_when else None
    excluded = card.not_when.compile() if card.not_when else None
    if applies and excluded:
        return lambda facts: applies(facts) and not excluded(facts)
    if excluded:
        return lambda facts: not excluded(facts)
    return applies


class PlanBuilder:
    def __init__(self, cards: Sequence[AdviceCard]) -> None:
        compiled = [
            _CompiledCard(
                card=card,
                order=i,
                eligible=_eligibility(card),
                boosts=tuple((b.when.compile(), b.by) for b in card.boosts),
                upper=card.priority + sum(b.by for b in card.boosts),
            )
            for i, card in enumerate(cards)
        ]
        # The level and the exercise rule filter the same way for every
        # assessment, so those filters are applied once, here. Within each
        # group, the cards that can score highest come first (see build).
        self._candidates: dict[tuple[str, bool], tuple[tuple[_CompiledCard, ...], ...]] = {
            (level, no_exercise): self._split(
                c
                for c in compiled
                if level not in c.card.not_at_levels
                and not (no_exercise and (c.card.topic in EXERCISE_TOPICS or c.card.exercise))
            )
            for level in LEVELS_MOST_URGENT_FIRST
            for no_exercise in (False, True)
        }
        self._exercise_unsafe = EXERCISE_UNSAFE.compile()

    def _no_exercise(self, facts: Facts, level: str) -> bool:
        return level in NO_EXERCISE_LEVELS or self._exercise_unsafe(facts)

    @staticmethod
    def _split(cards: Iterable[_CompiledCard]) -> tuple[tuple[_CompiledCard, ...], ...]:
        cards = list(cards)
        warnings = tuple(c for c in cards if c.card.topic == WARNING_TOPIC)
        others = sorted(
            (c for c in cards if c.card.topic != WARNING_TOPIC), key=lambda c: (-c.upper, c.order)
        )
        return warnings, tuple(others)

    def build(self, facts: Facts, level: str) -> tuple[AdviceCard, ...]:
        """The best card of each of the best-scoring topics, most relevant first.

        Ranking is by score (priority plus the boosts that hold), then file
        order. At most one card per topic; the best warning-signs card is
        always included. Cards are scored in order of the highest score they
        could reach, and scoring stops once no remaining card could enter the
        plan, which gives the same plan as scoring every card.
        """
        warnings, others = self._candidates[level, self._no_exercise(facts, level)]
        warning = min(
            ((-score, c.order, c.card) for c in warnings if (score := c.score(facts)) >= 0),
            default=None,
        )
        room = PLAN_SIZE[level] - (1 if warning else 0)
        best: dict[str, tuple[int, int, _CompiledCard]] = {}
        threshold = None  # the score a card must beat to enter the plan, once it is full
        for c in others if room > 0 else ():
            if threshold is not None and threshold > c.upper:
                break
            score = c.score(facts)
            topic = c.card.topic
            entry = (-score, c.order, c)
            if score >= 0 and (topic not in best or entry < best[topic]):
                best[topic] = entry
                if len(best) >= room:
                    threshold = -sorted(best.values())[room - 1][0]
        # The plan holds the best-scoring cards; within it, the cards for what
        # the person said makes their pain worse come first (standing pain puts
        # the standing card first), so the few cards shown in short fit them.
        ranked = sorted(best.values())[:room]
        chosen = [c.card for _, _, c in sorted(ranked, key=lambda e: -e[2].fit(facts))]
        if warning is None:
            return tuple(chosen)
        # At the urgent end what to watch for comes first; otherwise it closes the plan.
        return (warning[2], *chosen) if level in NO_EXERCISE_LEVELS else (*chosen, warning[2])
