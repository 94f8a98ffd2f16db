"""Advice cards: reviewed self-care advice, each with when it applies and its sources."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from lumba.core.conditions import Condition
from lumba.core.review import Review
from lumba.core.rules import RuleId
from lumba.core.sources import SourceCode
from lumba.core.text import LocalizedText
from lumba.core.vocabulary import EXERCISE_TOPICS, Certainty, Level, Topic


class Boost(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    when: Condition
    by: Annotated[int, Field(ge=1, le=10)]


class AdviceCard(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: RuleId
    topic: Topic
    title: LocalizedText
    summary: LocalizedText
    text: LocalizedText
    certainty: Certainty
    evidence: LocalizedText
    sources: Annotated[list[SourceCode], Field(min_length=1)]
    reviewed: dt.date  # when the text was last checked against its sources
    review: Review  # clinical sign-off
    priority: Annotated[int, Field(ge=1, le=5)]
    # A list of signs generated from the rules at these levels follows the
    # text, grouped by what to do, so a card can never contradict the engine.
    signs: list[Level] = []
    # The card recommends exercise: hidden whenever exercise is (core/safety.py).
    exercise: bool = False
    # Why urgency words in this card are right at every level it can appear.
    urgency_reason: str | None = None
    applies_when: Condition | None = None
    not_when: Condition | None = None
    not_at_levels: list[Level] = []
    boosts: list[Boost] = []

    @property
    def recommends_exercise(self) -> bool:
        """Hidden whenever exercise is unsafe (core/safety.py): by its topic or its flag."""
        return self.exercise or self.topic in EXERCISE_TOPICS

    @property
    def eases(self) -> frozenset[str]:
        """The activities this card is boosted for when they make the pain worse:
        what it helps a person do with less pain."""
        return frozenset(a for boost in self.boosts for a in boost.when.worse_with_any or ())
