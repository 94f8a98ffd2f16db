"""The plan builder: a short, ordered, explained choice of advice cards."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from lumba.core.atoms import TermTable
from lumba.core.cards import AdviceCard
from lumba.core.conditions import Condition
from lumba.core.facts import Facts
from lumba.core.safety import EXERCISE_UNSAFE, NO_EXERCISE_LEVELS
from lumba.core.vocabulary import LEVELS_MOST_URGENT_FIRST

# How many cards a result carries, by level: at the urgent end the plan must
# not distract from the action, at the calm end a handful, never all of them.
PLAN_SIZE = {"emergency": 1, "urgent": 2, "soon": 5, "routine": 6, "self_care": 6}
WARNING_TOPIC = "warning_signs"
INELIGIBLE = -1


@dataclass(frozen=True, slots=True)
class _CompiledCard:
    card: AdviceCard
    order: int
    topic: str
    priority: int
    eases: frozenset[str]  # card.eases, a property made anew on every call
    # The card's conditions hold the term bits `offset` to `offset + width`
    # (see core/atoms.py); masks below are of those bits, shifted down.
    offset: int
    width: int
    applies: int | None
    excluded: int | None
    boosts: tuple[tuple[int, int], ...]  # (mask, by)
    upper: int  # the highest score the card can reach: priority plus every boost
    # Score by the card's own term bits: few combinations occur, and a look-up
    # is quicker than testing each condition again for every line.
    scores: dict[int, int] = field(default_factory=dict)

    def fit(self, facts: Facts) -> int:
        """How many of the things the person said make their pain worse this card addresses."""
        return len(self.eases & facts.worse_with)

    def score(self, held: int) -> int:
        """The card's score, or INELIGIBLE, given the terms that hold (TermTable.read)."""
        own = (held >> self.offset) & self.width
        score = self.scores.get(own)
        if score is None:
            score = self.scores[own] = self._score_of(own)
        return score

    def _score_of(self, own: int) -> int:
        if self.applies is not None and not own & self.applies:
            return INELIGIBLE
        if self.excluded is not None and own & self.excluded:
            return INELIGIBLE
        return self.priority + sum(by for mask, by in self.boosts if own & mask)


def _compiled(card: AdviceCard, order: int, terms: TermTable) -> _CompiledCard:
    offset = terms.width

    def own(condition: Condition) -> int:
        return terms.add(condition) >> offset

    applies = own(card.applies_when) if card.applies_when else None
    excluded = own(card.not_when) if card.not_when else None
    boosts = tuple((own(b.when), b.by) for b in card.boosts)
    return _CompiledCard(
        card=card,
        order=order,
        topic=card.topic,
        priority=card.priority,
        eases=card.eases,
        offset=offset,
        width=(1 << (terms.width - offset)) - 1,
        applies=applies,
        excluded=excluded,
        boosts=boosts,
        upper=card.priority + sum(b.by for b in card.boosts),
    )


# A card as the plan's loop reads it: upper, offset, width, scores, order,
# topic and the card itself, unpacked at once instead of read by attribute.
_Candidate = tuple[int, int, int, dict[int, int], int, str, _CompiledCard]


class PlanBuilder:
    def __init__(self, cards: Sequence[AdviceCard], terms: TermTable | None = None) -> None:
        # The engine shares its table, so one read of the facts serves rules and cards.
        self._terms = terms if terms is not None else TermTable()
        compiled = [_compiled(card, i, self._terms) for i, card in enumerate(cards)]
        # The level and the exercise rule filter the same way for every
        # assessment, so those filters are applied once, here. Within each
        # group, the cards that can score highest come first (see build).
        self._candidates: dict[
            tuple[str, bool], tuple[tuple[_CompiledCard, ...], tuple[_Candidate, ...]]
        ] = {
            (level, no_exercise): self._split(
                c
                for c in compiled
                if level not in c.card.not_at_levels
                and not (no_exercise and c.card.recommends_exercise)
            )
            for level in LEVELS_MOST_URGENT_FIRST
            for no_exercise in (False, True)
        }
        self._exercise_unsafe = self._terms.add(EXERCISE_UNSAFE)

    @staticmethod
    def _split(
        cards: Iterable[_CompiledCard],
    ) -> tuple[tuple[_CompiledCard, ...], tuple[_Candidate, ...]]:
        cards = list(cards)
        warnings = tuple(c for c in cards if c.card.topic == WARNING_TOPIC)
        others = sorted(
            (c for c in cards if c.card.topic != WARNING_TOPIC), key=lambda c: (-c.upper, c.order)
        )
        return warnings, tuple(
            (c.upper, c.offset, c.width, c.scores, c.order, c.topic, c) for c in others
        )

    def build(self, facts: Facts, level: str, held: int | None = None) -> tuple[AdviceCard, ...]:
        """The best card of each of the best-scoring topics, most relevant first.

        Ranking is by score (priority plus the boosts that hold), then file
        order. At most one card per topic; the best warning-signs card is
        always included. Cards are scored in order of the highest score they
        could reach, and scoring stops once no remaining card could enter the
        plan, which gives the same plan as scoring every card. `held` is
        the facts as the shared TermTable reads them, when already read.
        """
        if held is None:
            held = self._terms.read(facts)
        no_exercise = level in NO_EXERCISE_LEVELS or bool(held & self._exercise_unsafe)
        warnings, others = self._candidates[level, no_exercise]
        warning = None
        for c in warnings:
            if (score := c.score(held)) >= 0 and (warning is None or -score < warning[0]):
                warning = (-score, c.order, c.card)
        room = PLAN_SIZE[level] - (1 if warning else 0)
        if room == 1:  # the usual urgent plan
            chosen = self._best_one(others, held)
        else:
            chosen = self._best(others, held, room, facts) if room > 0 else []
        if warning is None:
            return tuple(chosen)
        # At the urgent end what to watch for comes first; otherwise it closes the plan.
        return (warning[2], *chosen) if level in NO_EXERCISE_LEVELS else (*chosen, warning[2])

    @staticmethod
    def _best(
        others: tuple[_Candidate, ...], held: int, room: int, facts: Facts
    ) -> list[AdviceCard]:
        best: dict[str, tuple[int, int, _CompiledCard]] = {}
        threshold = INELIGIBLE  # the score a card must beat to enter the plan, once it is full
        # The loop runs for many cards on every line: plain tuples, no calls
        # for a score seen before (see _Candidate).
        for upper, offset, width, scores, order, topic, c in others:
            if threshold > upper:
                break
            found = scores.get((held >> offset) & width)
            score = c.score(held) if found is None else found
            if score < 0:
                continue
            entry = (-score, order, c)
            kept = best.get(topic)
            if kept is None or entry < kept:
                best[topic] = entry
                if len(best) >= room:
                    threshold = -sorted(best.values())[room - 1][0]
        # The plan holds the best-scoring cards; within it, the cards for what
        # the person said makes their pain worse come first (standing pain puts
        # the standing card first), so the few cards shown in short fit them.
        ranked = sorted(best.values())[:room]
        if facts.worse_with:  # else every card fits 0 and the order stands
            ranked.sort(key=lambda e: -e[2].fit(facts))
        return [c.card for _, _, c in ranked]

    @staticmethod
    def _best_one(others: tuple[_Candidate, ...], held: int) -> list[AdviceCard]:
        """What _best gives with room for one card, without its bookkeeping:
        the card with the best score, the first in file order of equals."""
        best_score, best_order, best = INELIGIBLE, 0, None
        for upper, offset, width, scores, order, _, c in others:
            if best_score > upper:
                break
            found = scores.get((held >> offset) & width)
            score = c.score(held) if found is None else found
            if score > best_score or (score == best_score >= 0 and order < best_order):
                best_score, best_order, best = score, order, c
        return [best.card] if best is not None else []
