"""Weeks of pregnancy typed, worked out from a due date, or not known.

When a person does not know, the rules that depend on weeks take the most
cautious reading: the level is the most urgent that any number of weeks gives.
"""

from __future__ import annotations

import datetime as dt

import pytest

from lumba.core.check import Check, MemoryStore
from lumba.core.questions import UNKNOWN, weeks_from_due_date
from lumba.service import validate_assessment

TODAY = dt.date(2026, 12, 1)
NONE = ["none"]


@pytest.mark.parametrize(
    ("due", "weeks"),
    [
        (TODAY, 40),  # due today: 40 weeks
        (TODAY + dt.timedelta(days=7), 39),
        (TODAY + dt.timedelta(days=280), 0),
        (TODAY + dt.timedelta(days=279), 0),  # 1 day pregnant: 0 completed weeks
        (TODAY + dt.timedelta(days=273), 1),
        (TODAY - dt.timedelta(days=14), 42),
    ],
)
def test_it_counts_completed_weeks_from_the_due_date(due: dt.date, weeks: int) -> None:
    assert weeks_from_due_date(due, TODAY) == weeks


def _finished(library, triager, signs: list[str], weeks: object = UNKNOWN) -> Check:
    check = Check(library.questionnaire, triager.engine, MemoryStore())
    answers = {
        "emergency-signs": {"emergency_signs": NONE},
        "pregnancy": {
            "gestational_weeks": weeks,
            "pregnancy_signs": signs or NONE,
            "movements": NONE,
        },
        "body-signs": {"body_signs": NONE},
        "leg-signs": {"leg_signs": NONE},
        "pain-where": {"locations": ["lower_back"], "intensity": "3"},
        "pain-how": {
            "onset": "gradual",
            "pattern": "comes_and_goes",
            "duration_days": "1_3_days",
            "eased_by_rest": "yes",
            "wakes_at_night": "no",
        },
        "daily-life": {"worse_with": [], "daily_life_impact": "none"},
        "pregnancy-history": {"pregnancy_history": []},
        "health": {"history": []},
    }
    step = check.first_step()
    while True:
        move = check.submit(step, answers.get(step.id, {}))
        if move.to != "step":
            return check
        step = move.step


@pytest.mark.parametrize("sign", ["reduced_fetal_movements", "contractions", "pelvic_pressure"])
def test_unknown_weeks_take_the_most_urgent_reading_of_each_sign(library, triager, sign) -> None:
    check = _finished(library, triager, [sign])
    assert check.weeks_unknown
    outcome = check.early_outcome() or check.cautious_outcome()
    at_each_week = {
        triager.outcome(
            validate_assessment(
                {
                    "gestational_weeks": weeks,
                    "pain": {"intensity": 3, "locations": ["lower_back"], "duration_days": 3},
                    "symptoms": [sign],
                }
            )
        ).level
        for weeks in range(45)
    }
    order = ["self_care", "routine", "soon", "urgent", "emergency"]
    assert outcome.level == max(at_each_week, key=order.index)
    assert outcome.weeks is None  # the advice for later pregnancy, which names the unit


def test_the_movements_question_is_asked_when_weeks_are_unknown(library, triager) -> None:
    check = Check(library.questionnaire, triager.engine, MemoryStore())
    check.keep({"gestational_weeks": UNKNOWN})
    assert "movements" in [q.id for q in check.questions(check.step("pregnancy"))]


def test_a_plain_check_with_unknown_weeks_stays_calm(library, triager) -> None:
    # Over-triage is measured too: with no sign, not knowing weeks raises nothing.
    check = _finished(library, triager, [])
    assert check.cautious_outcome().level == "self_care"


def test_known_weeks_are_not_read_cautiously(library, triager) -> None:
    check = _finished(library, triager, ["reduced_fetal_movements"], weeks=20)
    assert not check.weeks_unknown
    assert triager.outcome(validate_assessment(check.document())).level == "soon"
