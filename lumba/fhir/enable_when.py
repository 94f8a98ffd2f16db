"""A question's `show_if` as FHIR `enableWhen`.

lumba shows a question that depends on the weeks when the weeks are not
known (asking more is the cautious way: lumba.core.questions.ShowIf), while
a FHIR condition on an unanswered item is false. So a bound on the weeks
becomes "weeks not answered, or weeks past the bound" (`enableBehavior:
any`). FHIR has one list of conditions per item, all or any: a question
with two kinds of condition, or a range bounded on both sides, would need
nested groups. No question has one today; building the Questionnaire then
fails loudly (and the tests with it) rather than drop a condition.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from lumba.core.conditions import Range
from lumba.core.questions import Question, ShowIf
from lumba.fhir.canonical import CODE_SYSTEM_URL

WEEKS_FIELD = "gestational_weeks"
LOCATIONS_FIELD = "pain.locations"


class InexpressibleCondition(ValueError):
    pass


def enable_when(question: Question, questions: list[Question]) -> dict[str, Any]:
    """The `enableWhen` and `enableBehavior` of an item (empty: always enabled)."""
    show_if = question.show_if
    if show_if is None:
        return {}
    conditions = _conditions(show_if, questions)
    if len(conditions) != 1:
        raise InexpressibleCondition(
            f"{question.id}: show_if has weeks and places at once; "
            "lumba.fhir cannot say both in one enableWhen (it would need nested groups)"
        )
    return conditions[0]


def _conditions(show_if: ShowIf, questions: list[Question]) -> list[dict[str, Any]]:
    found = []
    if show_if.weeks is not None:
        found.append(_weeks(show_if.weeks, _asking(WEEKS_FIELD, questions)))
    if show_if.locations_any is not None:
        found.append(_places(show_if.locations_any, _asking(LOCATIONS_FIELD, questions)))
    return found


def _asking(field: str, questions: list[Question]) -> str:
    for question in questions:
        if question.field == field:
            return question.id
    raise InexpressibleCondition(f"no question asks {field}, which a show_if depends on")


def _weeks(weeks: Range, link_id: str) -> dict[str, Any]:
    if weeks.min is not None and weeks.max is not None:
        raise InexpressibleCondition(
            f"weeks {weeks.min} to {weeks.max}: 'unknown, or within both bounds' needs nested groups"
        )
    operator, bound = (">=", weeks.min) if weeks.min is not None else ("<=", weeks.max)
    return {
        "enableWhen": [
            {"question": link_id, "operator": "exists", "answerBoolean": False},
            {"question": link_id, "operator": operator, "answerInteger": bound},
        ],
        "enableBehavior": "any",
    }


def _places(places: Sequence[str], link_id: str) -> dict[str, Any]:
    return {
        "enableWhen": [
            {
                "question": link_id,
                "operator": "=",
                "answerCoding": {"system": CODE_SYSTEM_URL, "code": place},
            }
            for place in places
        ],
        "enableBehavior": "any",
    }
