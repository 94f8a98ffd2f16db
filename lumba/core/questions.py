"""The check's questions, defined once as data.

The same questionnaire drives the terminal check, the web form and (later)
a FHIR Questionnaire: each question names the assessment field it fills,
its kind, its words, and when it is shown.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from lumba.core.assessment import BloodPressure
from lumba.core.conditions import Range
from lumba.core.rules import RuleId
from lumba.core.text import LocalizedText
from lumba.core.vocabulary import Location

# "blood_pressure" is a pair of whole numbers, both or neither, the lower one second.
# "weeks" is a whole number of weeks, or worked out from a due date, or unknown.
Kind = Literal["integer", "decimal", "boolean", "single", "multi", "blood_pressure", "weeks"]

# The assessment fields a question may fill, with the kind each needs.
FIELD_KINDS: dict[str, tuple[Kind, ...]] = {
    "gestational_weeks": ("integer", "weeks"),
    # Front ends may ask a field as choices to tap, each standing for a value
    # of the spec (see Question.values): the spec's JSON does not change.
    "pain.intensity": ("integer", "single"),
    "pain.locations": ("multi",),
    "pain.onset": ("single",),
    "pain.duration_days": ("integer", "single"),
    "pain.pattern": ("single",),
    "pain.worse_with": ("multi",),
    "pain.eased_by_rest": ("boolean", "single"),
    "pain.wakes_at_night": ("boolean", "single"),
    "pain.spreads_below_knee": ("boolean", "single"),
    "pain.daily_life_impact": ("single",),
    "symptoms": ("multi",),
    "history": ("multi",),
    "temperature_c": ("decimal",),
    "blood_pressure": ("blood_pressure",),
}


# The answer code of "None of these" on a checklist.
NONE_OF_THESE = "none"
# The answer of a person who does not know (how many weeks pregnant they are).
UNKNOWN = "unknown"
DAYS_IN_PREGNANCY = 280  # from the first day of the last period to the due date


def weeks_from_due_date(due: dt.date, today: dt.date) -> int:
    """Completed weeks of pregnancy on `today`, from the due date (40 weeks)."""
    return (DAYS_IN_PREGNANCY - (due - today).days) // 7


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
        # Unknown weeks show the question: asking more is the cautious way.
        if self.weeks is not None and weeks is not None and not self.weeks.holds(weeks):
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
    # For a "single" question whose options are front-end choices: the value of
    # the assessment field each option stands for ("1-3 days" -> 3; "I'm not
    # sure" -> the more cautious value).
    values: dict[str, int | bool | str] | None = None
    # For a "multi" question: an explicit "None of these", so that no tick
    # never means "skipped" (the person must choose something).
    none_option: bool = False
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
        if self.values is not None and set(self.values) != set(self.options):
            raise ValueError("`values` must give a value for each option, and only for them")
        if self.none_option and (self.kind != "multi" or NONE_OF_THESE in self.options):
            raise ValueError(f"`none_option` is for multi questions without a {NONE_OF_THESE!r}")
        return self

    @property
    def is_scale(self) -> bool:
        """Options that are their own numbers (a 0-10 scale): shown in a row, typed as numbers."""
        return self.kind == "single" and all(option.isdigit() for option in self.options)

    def value_of(self, answer: Any) -> Any:
        """The assessment value of an answer (the option's value where options stand for one)."""
        if answer == UNKNOWN and self.kind == "weeks":
            return None  # left out of the assessment: the check reads it cautiously
        if self.values is not None and isinstance(answer, str):
            return self.values[answer]
        if self.none_option and isinstance(answer, list):
            return [item for item in answer if item != NONE_OF_THESE]
        return answer

    def applies(self, weeks: int | None, locations: frozenset[str]) -> bool:
        return self.show_if is None or self.show_if.holds(weeks, locations)

    def fits(self, answer: Any) -> bool:
        """Whether an answer is one this question could have been given: the
        right type, one of its options, within its bounds. Answers kept
        outside the server (a cookie) are checked with this before use."""
        if answer is None:
            return True  # not answered (yet): the check asks again where it must
        if self.kind == "weeks" and answer == UNKNOWN:
            return True
        if self.kind in ("integer", "weeks"):
            return _is_number(answer, int) and self._within(answer)
        if self.kind == "decimal":
            return _is_number(answer, int | float) and self._within(answer)
        if self.kind == "boolean":
            return isinstance(answer, bool)
        if self.kind == "single":
            return isinstance(answer, str) and answer in self.options
        if self.kind == "multi":
            return self._fits_checklist(answer)
        return _is_reading(answer)

    def _within(self, number: float) -> bool:
        return (self.min is None or number >= self.min) and (self.max is None or number <= self.max)

    def _fits_checklist(self, answer: Any) -> bool:
        allowed = {*self.options, *([NONE_OF_THESE] if self.none_option else [])}
        return (
            isinstance(answer, list)
            and all(isinstance(item, str) and item in allowed for item in answer)
            and len(set(answer)) == len(answer)
        )


class Fold(BaseModel):
    """Optional questions few people can answer (a reading from a thermometer or
    a monitor): a screen may keep them closed under `summary` until opened."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    summary: LocalizedText
    questions: Annotated[list[str], Field(min_length=1)]


class Step(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: RuleId
    title: LocalizedText
    intro: LocalizedText | None = None
    questions: Annotated[list[Question], Field(min_length=1)]
    fold: Fold | None = None

    @model_validator(mode="after")
    def _fold_holds_optional_questions(self) -> Step:
        if self.fold is None:
            return self
        own = {q.id: q for q in self.questions}
        for qid in self.fold.questions:
            if qid not in own:
                raise ValueError(f"fold: {qid!r} is not a question of step {self.id!r}")
            if own[qid].required:
                raise ValueError(
                    f"fold: {qid!r} is required, and a required question is never folded away"
                )
        return self


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

    def labels(self, language: str) -> Callable[[str, str], str]:
        """(field, value) -> that choice's label in `language`; KeyError for no such choice."""
        return lambda field, value: self.choices[field][value].label.get(language)

    def fits(self, answers: Any) -> bool:
        """Answers by question id, each one its question could have been given."""
        if not isinstance(answers, dict):
            return False
        by_id = {q.id: q for q in self.questions()}
        return all(qid in by_id and by_id[qid].fits(value) for qid, value in answers.items())

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


def _is_number(value: Any, kind: Any) -> bool:
    # JSON's true is not a number, and NaN or infinity is no reading.
    return isinstance(value, kind) and not isinstance(value, bool) and math.isfinite(value)


def _is_reading(value: Any) -> bool:
    """A blood pressure as the check keeps it, with the assessment's own bounds."""
    try:
        BloodPressure.model_validate(value)
    except ValidationError:
        return False
    return True


def assemble(questionnaire: Questionnaire, answers: dict[str, Any]) -> dict[str, Any]:
    """Build an assessment document from answers keyed by question id.

    Unanswered questions are left out so the schema's defaults apply; several
    multi questions may fill the same list field (symptoms are asked in groups).
    """
    document: dict[str, Any] = {}
    for question in questionnaire.questions():
        if question.id not in answers or answers[question.id] is None:
            continue
        value = question.value_of(answers[question.id])
        if value is None:
            continue
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
