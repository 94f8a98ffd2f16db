"""A number question's field in the check: its bounds and its messages."""

from __future__ import annotations

from typing import Any

from django.http import QueryDict

from lumba.content.loader import default_library
from lumba.core.questions import Question
from lumba.web.check.forms import StepForm

_FIELDS = {"integer": "pain.intensity", "decimal": "temperature_c"}


def _question(kind: str, **bounds: float) -> Question:
    return Question.model_validate(
        {"id": "intensity", "field": _FIELDS[kind], "kind": kind, "label": "How much?"} | bounds
    )


def _form(question: Question, typed: str) -> StepForm:
    data = QueryDict(mutable=True)
    data["intensity"] = typed
    return StepForm(default_library().questionnaire, [question], "en", data)


def _errors(form: StepForm) -> list[Any]:
    assert not form.is_valid()
    return list(form.errors["intensity"])


def test_a_whole_number_question_keeps_whole_bounds_inside_fractional_ones() -> None:
    question = _question("integer", min=0.5, max=10.5)
    assert _form(question, "1").is_valid()
    assert _form(question, "10").is_valid()
    # 0 is below 0.5 and 11 above 10.5; the message names the whole bounds.
    for typed in ("0", "11", "abc"):
        assert _errors(_form(question, typed)) == ["Enter a whole number from 1 to 10"]


def test_a_number_question_without_bounds_is_asked_not_a_server_error() -> None:
    for kind in ("integer", "decimal"):
        question = _question(kind)
        assert _form(question, "7").is_valid()
        assert _form(question, "").errors["intensity"] == ["This field is required."]
        assert _form(question, "many").errors["intensity"]


def test_a_decimal_question_keeps_its_fractional_bounds() -> None:
    question = _question("decimal", min=35.5, max=42)
    assert _form(question, "35.5").is_valid()
    assert _errors(_form(question, "35.4")) == ["Enter a number from 35.5 to 42, for example 37.5"]
