"""Advice cards: reviewed self-care advice, each with when it applies and its sources."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from lumba.core.conditions import Condition
from lumba.core.rules import RuleId
from lumba.core.sources import SourceCode
from lumba.core.text import LocalizedText
from lumba.core.vocabulary import Certainty, Level, Topic


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
    reviewed: dt.date
    priority: Annotated[int, Field(ge=1, le=5)]
    applies_when: Condition | None = None
    not_when: Condition | None = None
    not_at_levels: list[Level] = []
    boosts: list[Boost] = []
