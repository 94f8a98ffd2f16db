"""Common myths about back and pelvic pain in pregnancy, each answered with its sources."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from lumba.core.rules import RuleId
from lumba.core.sources import SourceCode
from lumba.core.text import LocalizedText


class Myth(BaseModel):
    """One belief people are often told, and what the evidence says about it.

    ``claim`` is the myth as people hear it; ``answer`` is lumba's reply in
    plain words (blank lines separate paragraphs). ``cards`` names advice
    cards that say more, by id.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: RuleId
    claim: LocalizedText
    answer: LocalizedText
    sources: Annotated[list[SourceCode], Field(min_length=1)]
    reviewed: dt.date
    cards: list[RuleId] = []
