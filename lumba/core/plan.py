"""The plan builder: a short, ordered, explained choice of advice cards."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from lumba.core.cards import AdviceCard
from lumba.core.conditions import Predicate
from lumba.core.facts import Facts
from lumba.core.safety import EXERCISE_UNSAFE, NO_EXERCISE_LEVELS
from lumba.core.vocabulary import EXERCISE_TOPICS

# How many cards a result carries, by level: at the urgent end the plan must
# not distract from the action, at the calm end a handful, never all of them.
PLAN_SIZE = {"emergency": 1, "urgent": 2, "soon": 5, "routine": 6, "self_care": 6}
WARNING_TOPIC = "warning_signs"


@dataclass(frozen=True, slots=True)
class _CompiledCard:
    card: AdviceCard
    order: int
    applies: Predicate | None
    excluded: Predicate | None
    boosts: tuple[tuple[Predicate, int], ...]


class PlanBuilder:
    def __init__(self, cards: Sequence[AdviceCard]) -> None:
        self._cards = tuple(
            _CompiledCard(
                card=card,
                order=i,
                applies=card.applies_when.compile() if card.applies_when else None,
                excluded=card.not_when.compile() if card.not_when else None,
                boosts=tuple((b.when.compile(), b.by) for b in card.boosts),
            )
            for i, card in enumerate(cards)
        )
        self._exercise_unsafe = EXERCISE_UNSAFE.compile()

    def eligible(self, facts: Facts, level: str) -> list[AdviceCard]:
        """Every card that may be shown for these facts at this level."""
        no_exercise = level in NO_EXERCISE_LEVELS or self._exercise_unsafe(facts)
        return [c.card for c in self._cards if self._allowed(c, facts, level, no_exercise)]

    def build(self, facts: Facts, level: str) -> tuple[AdviceCard, ...]:
        no_exercise = level in NO_EXERCISE_LEVELS or self._exercise_unsafe(facts)
        scored = sorted(
            (
                (-self._score(c, facts), c.order, c)
                for c in self._cards
                if self._allowed(c, facts, level, no_exercise)
            ),
            key=lambda item: (item[0], item[1]),
        )
        warning = next((c.card for _, _, c in scored if c.card.topic == WARNING_TOPIC), None)
        chosen: list[AdviceCard] = []
        topics: set[str] = {WARNING_TOPIC}
        room = PLAN_SIZE[level] - (1 if warning else 0)
        for _, _, compiled in scored:
            if len(chosen) >= room:
                break
            if compiled.card.topic not in topics:
                chosen.append(compiled.card)
                topics.add(compiled.card.topic)
        if warning is None:
            return tuple(chosen)
        # At the urgent end what to watch for comes first; otherwise it closes the plan.
        return (warning, *chosen) if level in NO_EXERCISE_LEVELS else (*chosen, warning)

    @staticmethod
    def _allowed(c: _CompiledCard, facts: Facts, level: str, no_exercise: bool) -> bool:
        card = c.card
        if no_exercise and card.topic in EXERCISE_TOPICS:
            return False
        if level in card.not_at_levels:
            return False
        if c.applies is not None and not c.applies(facts):
            return False
        return not (c.excluded is not None and c.excluded(facts))

    @staticmethod
    def _score(c: _CompiledCard, facts: Facts) -> int:
        return c.card.priority + sum(by for test, by in c.boosts if test(facts))
