"""Who an advice card is for, and who it is not for, in words a person reads.

Said from the same conditions the plan uses (core/conditions.describe), so
the advice page can never promise a card to someone the plan would hide it
from. An exercise card is also not for anyone for whom exercise is unsafe.
"""

from __future__ import annotations

from dataclasses import dataclass

from lumba.core.cards import AdviceCard
from lumba.core.conditions import Condition, Label, describe, description_problems
from lumba.core.errors import Wording
from lumba.core.safety import EXERCISE_UNSAFE

Alternatives = list[list[Wording]]  # any one alternative is enough; all its phrases must hold


@dataclass(frozen=True, slots=True)
class Audience:
    for_you_if: Alternatives  # empty: the card is for everyone
    not_for_you_if: Alternatives


def exclusions(card: AdviceCard) -> list[Condition]:
    """The conditions any one of which hides the card."""
    found = [card.not_when] if card.not_when is not None else []
    return [*found, EXERCISE_UNSAFE] if card.recommends_exercise else found


def audience(card: AdviceCard, label: Label) -> Audience:
    applies = describe(card.applies_when, label) if card.applies_when else []
    hidden = [option for condition in exclusions(card) for option in describe(condition, label)]
    return Audience(for_you_if=applies, not_for_you_if=hidden)


def audience_problems(card: AdviceCard, label: Label) -> list[tuple[str, str]]:
    """(field, why) for each condition of the card that a person could not be shown."""
    named = [("applies_when", card.applies_when), ("not_when", card.not_when)]
    return [
        (field, problem)
        for field, condition in named
        if condition is not None
        for problem in description_problems(condition, label)
    ]
