"""`lumba check`: the questionnaire in a terminal, driven through standard input."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from typing import Any

import pytest

PLAIN_ANSWERS = [
    "",  # emergency signs: none
    "30",  # weeks
    "",  # pregnancy signs: none
    "",  # movements: none
    "",  # other signs: none
    "",  # temperature: not taken
    "",  # blood pressure: not measured
    "",  # signs in the legs: none
    "1",  # lower back
    "3",  # intensity (typed on the 0-10 scale)
    "1",  # gradual
    "1",  # comes and goes
    "3",  # 4 to 7 days
    "1",  # eased by rest: yes
    "1",  # wakes at night: no
    "1",  # worse with standing
    "1",  # no impact
    "",  # this pregnancy and earlier ones: none
    "",  # your health: none
]


# A terminal 120 columns wide, without colour.
TERMINAL = {"COLUMNS": "120", "NO_COLOR": "1"}


@pytest.fixture
def check(invoke_lumba) -> Callable[..., Any]:
    """`lumba check` with these answers typed, one a line (in this process;
    Ctrl-C below needs a real one)."""

    def run(*answers: str, region: str = "GB") -> Any:
        typed = "\n".join(answers) + "\n"
        return invoke_lumba("check", "--region", region, input=typed, env=TERMINAL)

    return run


def test_it_walks_a_plain_check_to_a_self_care_plan(check) -> None:
    run = check(*PLAIN_ANSWERS)
    assert run.returncode == 0, run.stderr
    assert "SELF-CARE" in run.stdout
    assert "What to do now" in run.stdout
    assert "Your plan" in run.stdout
    assert "Traceback" not in run.stderr
    # A terminal is typed into, not tapped; and the last screen says the level again.
    assert "Tap" not in run.stdout
    assert "Type a number: 0 no pain" in run.stdout
    assert "SELF-CARE" in "\n".join(run.stdout.splitlines()[-8:])


def test_it_asks_warning_signs_before_the_pain(check) -> None:
    out = check(*PLAIN_ANSWERS).stdout
    assert out.index("Signs that need help straight away") < out.index(
        "Where do you feel the pain?"
    )


def test_it_stops_at_once_on_an_emergency_sign(check) -> None:
    run = check("5")  # numbness around the genitals, bottom or inner thighs
    assert run.returncode == 0
    assert "Stop here: this needs help now." in run.stdout
    assert "How many weeks pregnant" not in run.stdout  # the warning signs come first
    assert "EMERGENCY" in run.stdout and "999" in run.stdout
    assert "Where do you feel the pain?" not in run.stdout
    assert run.stdout.index("What to do now") < run.stdout.index("Why")


def test_an_urgent_sign_goes_on_to_the_questions_that_could_make_it_an_emergency(check) -> None:
    # Bleeding at 33 weeks is urgent; constant severe low back pain that rest
    # does not ease makes it an emergency, so the check asks about the pain.
    run = check(
        "",  # emergency signs: none
        "33",  # weeks
        "1",  # pregnancy signs: bleeding
        "",  # movements: none
        "1",  # lower back
        "7-8",  # intensity: a range is read as its higher end
        "1",  # gradual
        "2",  # constant
        "2",  # 1 to 3 days
        "2",  # not eased by rest
        "1",  # does not wake at night
    )
    assert run.returncode == 0, run.stderr
    assert "Where do you feel the pain?" in run.stdout
    assert "Other signs in your body" not in run.stdout  # cannot raise it: skipped
    assert "Stop here: this needs help now." in run.stdout
    assert "EMERGENCY" in run.stdout


def test_it_asks_again_after_an_answer_it_cannot_use(check) -> None:
    run = check("fifty", "", "fifty", "99", "30", "")
    assert "'fifty' is not a number from 1 to 11" in run.stdout
    assert "Please type the weeks as a whole number" in run.stdout
    assert "Please type a number from 0 to 44." in run.stdout
    assert "Signs that need help straight away" in run.stdout


def test_it_skips_the_movements_question_before_16_weeks(check) -> None:
    assert "moving less than usual" not in check("", "12", "", "").stdout
    assert "moving less than usual" in check("", "16", "", "").stdout


def test_it_goes_back_a_step(check) -> None:
    run = check("", "30", "back", "", "31")
    assert run.stdout.count("How many weeks pregnant are you?") == 2


def test_it_leaves_cleanly_when_input_ends(check) -> None:
    run = check("", "30")
    assert run.returncode == 130
    assert "Check stopped. Nothing was saved." in run.stdout
    assert "Traceback" not in run.stderr


def test_it_leaves_cleanly_on_ctrl_c() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "lumba", "check", "--region", "GB"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1", "COLUMNS": "120"},
    )
    # Interrupt only once it is waiting at the first question.
    seen = ""
    while "Signs that need help straight away" not in seen:
        line = process.stdout.readline()
        assert line, "lumba check ended before asking anything"
        seen += line
    time.sleep(0.2)
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=30)
    out = seen + out
    assert process.returncode == 130
    assert "Nothing was saved" in out
    assert "Traceback" not in err


def test_it_says_the_clinical_content_is_not_yet_approved(check) -> None:
    run = check(*PLAIN_ANSWERS)
    assert "has not yet been approved by a clinician" in " ".join(run.stdout.split())


def test_it_reads_unknown_weeks_cautiously(check) -> None:
    answers = list(PLAIN_ANSWERS)
    answers[1] = "?"  # weeks: do not know
    run = check(*answers)
    assert run.returncode == 0, run.stderr
    assert "most cautious reading" in " ".join(run.stdout.split())


def test_it_works_out_the_weeks_from_a_due_date(check) -> None:
    import datetime as dt

    # The movements question is asked from 16 weeks: it shows the date was read.
    later = dt.date.today() + dt.timedelta(days=70)  # 10 weeks to go: 30 weeks now
    early = dt.date.today() + dt.timedelta(days=200)  # 11 weeks now
    assert "moving less than usual" in check("", later.isoformat(), "", "").stdout
    assert "moving less than usual" not in check("", early.isoformat(), "", "").stdout


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("120", "two numbers with a slash"),
        ("80/120", "the lower number must be lower than the systolic value 80"),
        ("400/80", "the upper number must be at most 300"),
    ],
)
def test_it_checks_a_typed_blood_pressure_reading_as_the_assessment_does(typed, problem) -> None:
    from lumba.content.loader import default_library
    from lumba.interactive import parse_answer

    question = next(
        q for q in default_library().questionnaire.questions() if q.id == "blood_pressure"
    )
    assert parse_answer(question, "128 / 82", []) == {"systolic": 128, "diastolic": 82}
    with pytest.raises(ValueError, match=problem):
        parse_answer(question, typed, [])
