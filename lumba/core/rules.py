"""Triage rules: declarative data, each with its id, level, condition and sources."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from lumba.core.conditions import Condition
from lumba.core.sources import SourceCode
from lumba.core.text import LocalizedText
from lumba.core.vocabulary import Level

RuleId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
# A rule's example is a partial assessment laid over a plain, sign-free base case.
Example = dict[str, Any]


class RuleExamples(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    fires: Annotated[list[Example], Field(min_length=1)]
    does_not_fire: list[Example] = []


class Rule(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: RuleId
    level: Level
    when: Condition
    title: LocalizedText
    explanation: LocalizedText
    sources: Annotated[list[SourceCode], Field(min_length=1)]
    examples: RuleExamples
