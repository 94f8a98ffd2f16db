"""The questionnaire's own rules: a fold holds only optional questions of its step."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from lumba.core.questions import Step

QUESTIONS = [
    {"id": "weeks", "field": "gestational_weeks", "kind": "weeks", "label": "Weeks?"},
    {
        "id": "temperature_c",
        "field": "temperature_c",
        "kind": "decimal",
        "required": False,
        "label": "Temperature?",
    },
]


def _step(folded: list[str]) -> Step:
    return Step.model_validate(
        {
            "id": "s",
            "title": "S",
            "questions": QUESTIONS,
            "fold": {"summary": "I have a reading", "questions": folded},
        }
    )


def test_an_optional_question_can_be_folded() -> None:
    assert _step(["temperature_c"]).fold.questions == ["temperature_c"]


@pytest.mark.parametrize(
    ("folded", "problem"),
    [(["weeks"], "required"), (["blood_pressure"], "not a question of step")],
)
def test_a_required_or_foreign_question_cannot_be_folded(folded, problem) -> None:
    with pytest.raises(ValidationError, match=problem):
        _step(folded)


def test_the_live_questionnaire_folds_only_the_readings(library) -> None:
    folds = {s.id: s.fold.questions for s in library.questionnaire.steps if s.fold}
    assert folds == {"body-signs": ["temperature_c", "blood_pressure"]}
