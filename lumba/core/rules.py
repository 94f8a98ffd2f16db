"""Triage rules: declarative data, each with its id, level, condition and sources."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from lumba.core.conditions import Condition
from lumba.core.review import Review
from lumba.core.sources import SourceCode
from lumba.core.text import LocalizedText
from lumba.core.vocabulary import URGENCY, Level

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
    # The clinical reason, when the condition is narrower than the brief's row.
    narrowed: str | None = None
    title: LocalizedText
    # The few words the generated warning-sign lists show for this rule.
    sign: LocalizedText | None = None
    explanation: LocalizedText
    sources: Annotated[list[SourceCode], Field(min_length=1)]
    review: Review
    examples: RuleExamples

    @model_validator(mode="after")
    def _warning_rules_have_a_sign(self) -> Rule:
        if self.sign is None and URGENCY[self.level] >= URGENCY[SIGN_FROM_LEVEL]:
            raise ValueError(
                f"a rule at {self.level} needs a `sign`: the warning-sign lists show it"
            )
        return self


# Rules at this level or more urgent appear in the warning-sign lists.
SIGN_FROM_LEVEL = "routine"
