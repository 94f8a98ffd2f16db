"""The check's questions, defined once as data.

The same questionnaire drives the terminal check, the web form and (later)
a FHIR Questionnaire: each question names the assessment field it fills,
its kind, its words, and when it is shown.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from lumba.core.conditions import Range
from lumba.core.rules import RuleId
from lumba.core.text import LocalizedText
from lumba.core.vocabulary import Location

# "blood_pressure" is a pair of whole numbers, both or neither, the lower one second.
Kind = Literal["integer", "decimal", "boolean", "single", "multi", "blood_pressure"]

# The assessment fields a question may fill, with the kind each needs.
FIELD_KINDS: dict[str, tuple[Kind, ...]] = {
    "gestational_weeks": ("integer",),
    "pain.intensity": ("integer",),
    "pain.locations": ("multi",),
    "pain.onset": ("single",),
    "pain.duration_days": ("integer",),
    "pain.pattern": ("single",),
    "pain.worse_with": ("multi",),
    "pain.eased_by_rest": ("boolean",),
    "pain.wakes_at_night": ("boolean",),
    "pain.spreads_below_knee": ("boolean",),
    "pain.daily_life_impact": ("single",),
    "symptoms": ("multi",),
    "history": ("multi",),
    "temperature_c": ("decimal",),
    "blood_pressure": ("blood_pressure",),
}


class Choice(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    label: LocalizedText
    hint: LocalizedText | None = None


class ShowIf(BaseModel):
    """When a question applies; every key given must hold."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    weeks: Range | None = None
    locations_any: Annotated[list[Location], Field(min_length=1)] | None = None

    def holds(self, weeks: int | None, locations: frozenset[str]) -> bool:
        if self.weeks is not None and (weeks is None or not self.weeks.holds(weeks)):
            return False
        return self.locations_any is None or not locations.isdisjoint(self.locations_any)


class Question(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]
    field: str
    kind: Kind
    label: LocalizedText
    # What "Check your answers" calls the question, where the label is an instruction.
    summary: LocalizedText | None = None
    hint: LocalizedText | None = None
    options: list[str] = []
    min: float | None = None
    max: float | None = None
    required: bool = True
    show_if: ShowIf | None = None

    @model_validator(mode="after")
    def _fits_field(self) -> Question:
        if self.field not in FIELD_KINDS:
            raise ValueError(f"field {self.field!r} is not an assessment field")
        if self.kind not in FIELD_KINDS[self.field]:
            raise ValueError(f"field {self.field!r} cannot be asked as {self.kind!r}")
        if self.kind in ("single", "multi") and not self.options:
            raise ValueError(f"a {self.kind} question needs options")
        return self

    def applies(self, weeks: int | None, locations: frozenset[str]) -> bool:
        return self.show_if is None or self.show_if.holds(weeks, locations)


class Step(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: RuleId
    title: LocalizedText
    intro: LocalizedText | None = None
    questions: Annotated[list[Question], Field(min_length=1)]


class Questionnaire(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: RuleId
    version: str
    title: LocalizedText
    steps: Annotated[list[Step], Field(min_length=1)]
    choices: dict[str, dict[str, Choice]]

    def questions(self) -> list[Question]:
        return [q for step in self.steps for q in step.questions]

    def choice(self, field: str, value: str) -> Choice:
        return self.choices[field][value]

    def shown(self, answers: dict[str, Any]) -> dict[str, list[Question]]:
        """For each step that has any, the questions that apply given the answers so far.

        Whether a question applies depends on earlier answers (weeks, where
        it hurts); the check, in the terminal or the browser, asks only these.
        """
        document = assemble(self, answers)
        weeks = document.get("gestational_weeks")
        locations = frozenset(document.get("pain", {}).get("locations", []))
        found = {}
        for step in self.steps:
            questions = [q for q in step.questions if q.applies(weeks, locations)]
            if questions:
                found[step.id] = questions
        return found


def assemble(questionnaire: Questionnaire, answers: dict[str, Any]) -> dict[str, Any]:
    """Build an assessment document from answers keyed by question id.

    Unanswered questions are left out so the schema's defaults apply; several
    multi questions may fill the same list field (symptoms are asked in groups).
    """
    document: dict[str, Any] = {}
    for question in questionnaire.questions():
        if question.id not in answers or answers[question.id] is None:
            continue
        value = answers[question.id]
        *parents, leaf = question.field.split(".")
        target = document
        for parent in parents:
            target = target.setdefault(parent, {})
        if question.kind == "multi":
            existing = target.setdefault(leaf, [])
            existing.extend(v for v in value if v not in existing)
        else:
            target[leaf] = value
    return document
