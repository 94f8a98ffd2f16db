"""`lumba check`: the questionnaire in a terminal, warning signs first.

A thin adapter over the core check (lumba.core.check.Check), which decides
which step comes next, what no longer applies and when the check may end
early. Answers live only in memory. Ctrl-C leaves cleanly.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import ValidationError
from rich.console import Console
from rich.text import Text

from lumba.console import disclaimer, show_result
from lumba.core.assessment import BloodPressure
from lumba.core.check import WEEKS_UNKNOWN_NOTE, Check, MemoryStore
from lumba.core.errors import problems
from lumba.core.questions import (
    NONE_OF_THESE,
    UNKNOWN,
    Question,
    Questionnaire,
    Step,
    weeks_from_due_date,
)
from lumba.service import InvalidAssessment, Triager, validate_assessment

BACK = "back"


class _Back(Exception):
    pass


def run_check(triager: Triager, console: Console | None = None) -> int:
    console = console or Console()
    questionnaire = triager.engine.library.questionnaire
    language = triager.renderer.language
    try:
        console.print(Text(questionnaire.title.get(language), style="bold"))
        console.print(disclaimer())
        console.print(f"Type '{BACK}' at any question to go back a step.\n")
        return _ask_all(triager, questionnaire, console, language)
    except (KeyboardInterrupt, EOFError):
        console.print("\nCheck stopped. Nothing was saved.")
        return 130


def _ask_all(
    triager: Triager, questionnaire: Questionnaire, console: Console, language: str
) -> int:
    check = Check(questionnaire, triager.engine, MemoryStore())
    step: Step | None = check.first_step()
    while step is not None:
        try:
            answers = _ask_step(check, step, console, language)
        except _Back:
            step = check.previous(step) or check.first_step()
            continue
        move = check.submit(step, answers)
        early = check.early_outcome() if move.to == "result" else None
        if early is not None:
            console.print(Text("\nStop here: this needs help now.", style="bold red"))
            show_result(triager.renderer.to_dict(early), console)
            return 0
        step = move.step if move.to == "step" else None
    if check.weeks_unknown:
        console.print(Text(f"\n{WEEKS_UNKNOWN_NOTE}", style="bold"))
        show_result(triager.renderer.to_dict(check.cautious_outcome()), console)
        return 0
    try:
        assessment = validate_assessment(check.document())
    except InvalidAssessment as invalid:  # the prompts validate, so this is a bug
        console.print(f"Sorry, lumba could not use these answers: {invalid}")
        return 1
    show_result(triager.result(assessment), console)
    return 0


def _ask_step(check: Check, step: Step, console: Console, language: str) -> dict[str, Any]:
    console.print(Text(f"\n{step.title.get(language)}", style="bold underline"))
    if step.intro:
        console.print(step.intro.get(language))
    answers: dict[str, Any] = {}
    for question in step.questions:
        # Re-read after each answer: a later question may depend on an earlier one.
        check.keep(answers)
        if question not in check.questions(step):
            continue
        answers[question.id] = _ask(check.questionnaire, question, console, language)
    return answers


def _ask(questionnaire: Questionnaire, question: Question, console: Console, language: str) -> Any:
    console.print(Text(f"\n{question.label.get(language)}", style="bold"))
    if question.hint:
        console.print(Text(question.hint.get(language), style="dim"))
    options = [(o, questionnaire.choice(question.field, o)) for o in question.options]
    if question.is_scale:
        anchors = [f"{o} {c.hint.get(language).lower()}" for o, c in options if c.hint]
        console.print(Text(", ".join(anchors), style="dim"))
    else:
        for number, (_, choice) in enumerate(options, start=1):
            hint = f" ({choice.hint.get(language)})" if choice.hint else ""
            console.print(f"  {number}. {choice.label.get(language)}{hint}")
    while True:
        raw = console.input(_prompt(question)).strip()
        if raw.lower() == BACK:
            raise _Back
        try:
            return parse_answer(question, raw, [o for o, _ in options])
        except ValueError as problem:
            console.print(Text(str(problem), style="red"))


def _prompt(question: Question) -> str:
    if question.is_scale:
        return f"Number from {question.options[0]} to {question.options[-1]}: "
    if question.none_option:
        return "Numbers, separated by commas (Enter for none of these): "
    if question.kind == "weeks":
        return "Weeks, or your due date (for example 2027-03-14), or ? if you do not know: "
    return {
        "integer": "Number: ",
        "decimal": "Number (or Enter to skip): ",
        "boolean": "Yes or no (y/n): ",
        "single": "Type one number: ",
        "multi": "Numbers, separated by commas (Enter for none): ",
        "blood_pressure": "Reading as upper/lower, for example 120/80 (or Enter to skip): ",
    }[question.kind]


def parse_answer(
    question: Question, raw: str, options: list[str], today: dt.date | None = None
) -> Any:
    """One typed answer from what a person typed, or ValueError saying what to type."""
    if not raw and question.none_option:
        return [NONE_OF_THESE]
    if not raw and not question.required:
        return [] if question.kind == "multi" else None
    if question.is_scale:
        return _scale_point(raw, options)
    if question.kind == "weeks":
        return _weeks(question, raw, today or dt.date.today())
    if question.kind in ("integer", "decimal"):
        return _number(question, raw)
    if question.kind == "blood_pressure":
        return _reading(raw)
    if question.kind == "boolean":
        if raw.lower() in ("y", "yes"):
            return True
        if raw.lower() in ("n", "no"):
            return False
        raise ValueError("Please type y for yes or n for no.")
    picked = _numbers(raw, len(options))
    if question.kind == "single":
        if len(picked) != 1:
            raise ValueError("Please type one number from the list.")
        return options[picked[0] - 1]
    if not picked:
        raise ValueError("Please choose at least one: type the numbers, for example 1,3.")
    return [options[n - 1] for n in sorted(set(picked))]


def _number(question: Question, raw: str) -> int | float:
    try:
        value: int | float = (
            int(raw) if question.kind == "integer" else float(raw.replace(",", "."))
        )
    except ValueError:
        whole = "a whole number" if question.kind == "integer" else "a number"
        raise ValueError(f"Please type {whole}.") from None
    low, high = question.min, question.max
    if (low is not None and value < low) or (high is not None and value > high):
        raise ValueError(f"Please type a number from {low:g} to {high:g}.")
    return value


def _numbers(raw: str, count: int) -> list[int]:
    picked = []
    for part in raw.replace(" ", ",").split(","):
        if not part:
            continue
        if not part.isdigit() or not 1 <= int(part) <= count:
            raise ValueError(f"{part!r} is not a number from 1 to {count}.")
        picked.append(int(part))
    return picked


def _reading(raw: str) -> dict[str, int]:
    parts = raw.replace(" ", "").split("/")
    if len(parts) != 2 or not all(p.isdigit() for p in parts):
        raise ValueError("Please type the two numbers with a slash, for example 120/80.")
    reading = {"systolic": int(parts[0]), "diastolic": int(parts[1])}
    try:  # the assessment's own rules: the schema's bounds, the lower number lower
        BloodPressure.model_validate(reading)
    except ValidationError as error:
        problem = problems(error)[0]
        which = "upper" if problem.field == "systolic" else "lower"
        raise ValueError(
            f"Please check the reading: the {which} number {problem.message}."
        ) from None
    return reading


def _scale_point(raw: str, options: list[str]) -> str:
    """A point of the scale; a range such as "6-7" is read as its higher end."""
    parts = [p.strip() for p in raw.replace("to", "-").split("-")]
    if not parts or not all(p in options for p in parts):
        raise ValueError(f"Please type a number from {options[0]} to {options[-1]}.")
    return max(parts, key=int)


def _weeks(question: Question, raw: str, today: dt.date) -> int | str:
    """Weeks typed, or worked out from a due date, or unknown ("?")."""
    if raw.lower() in ("?", "unknown", "don't know", "dont know", "i don't know"):
        return UNKNOWN
    try:
        due = dt.date.fromisoformat(raw)
    except ValueError:
        if not raw.isdigit():
            raise ValueError(
                "Please type the weeks as a whole number, your due date such as "
                "2027-03-14, or ? if you do not know."
            ) from None
        return int(_number(question, raw))
    weeks = weeks_from_due_date(due, today)
    if not 0 <= weeks <= 44:
        raise ValueError(f"That due date gives {weeks} weeks. Please check it, or type the weeks.")
    return weeks
