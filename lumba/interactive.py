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

from lumba.catalogues import translator
from lumba.console import disclaimer, show_result
from lumba.core.assessment import BloodPressure
from lumba.core.check import WEEKS_UNKNOWN_NOTE, Check, MemoryStore
from lumba.core.errors import Translate, gettext_noop, problems, untranslated
from lumba.core.questions import (
    NONE_OF_THESE,
    UNKNOWN,
    Question,
    Questionnaire,
    Step,
    weeks_from_due_date,
)
from lumba.service import Triager

# What goes back a step: the English word always, and the Chinese one.
BACK = ("back", "返回")


class _Back(Exception):
    pass


def run_check(triager: Triager, console: Console | None = None) -> int:
    console = console or Console()
    questionnaire = triager.engine.library.questionnaire
    language = triager.renderer.language
    _ = translator(language)
    try:
        console.print(Text(questionnaire.title.get(language), style="bold"))
        console.print(disclaimer(language))
        console.print(_("Type 'back' at any question to go back a step.") + "\n")
        return _ask_all(triager, questionnaire, console, language)
    except (KeyboardInterrupt, EOFError):
        console.print("\n" + _("Check stopped. Nothing was saved."))
        return 130


def _ask_all(
    triager: Triager, questionnaire: Questionnaire, console: Console, language: str
) -> int:
    _ = translator(language)
    check = Check(questionnaire, triager.engine, MemoryStore())
    step: Step | None = check.first_step()
    while step is not None:
        try:
            answers = _ask_step(check, step, console, language)
        except _Back:
            step = check.previous(step) or check.first_step()
            continue
        move = check.submit(step, answers)
        step = move.step if move.to == "step" else check.conclusion().unfinished
    conclusion = check.conclusion()
    if conclusion.outcome is None:  # the prompts validate, so this is a bug
        problems = "; ".join(p.described(_) for p in conclusion.problems)
        console.print(
            _("Sorry, lumba could not use these answers: {problems}").format(problems=problems)
        )
        return 1
    if conclusion.stopped_early:
        console.print(Text("\n" + _("Stop here: this needs help now."), style="bold red"))
    elif conclusion.weeks_unknown:
        console.print(Text("\n" + _(WEEKS_UNKNOWN_NOTE), style="bold"))
    show_result(triager.renderer.to_dict(conclusion.outcome), console)
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
    _ = translator(language)
    console.print(Text(f"\n{question.label.get(language)}", style="bold"))
    # A scale's hint is written for the page ("Tap a number"): the terminal
    # says the same from the scale's own anchors, in its own words.
    if question.hint and not question.is_scale:
        console.print(Text(question.hint.get(language), style="dim"))
    options = [(o, questionnaire.choice(question.field, o)) for o in question.options]
    if question.is_scale:
        anchors = [f"{o} {c.hint.get(language).lower()}" for o, c in options if c.hint]
        line = _("Type a number: {anchors}").format(anchors=_(", ").join(anchors))
        console.print(Text(line, style="dim"))
    else:
        for number, (_option, choice) in enumerate(options, start=1):
            hint = _(" ({hint})").format(hint=choice.hint.get(language)) if choice.hint else ""
            console.print(f"  {number}. {choice.label.get(language)}{hint}")
    while True:
        raw = console.input(_prompt(question, _)).strip()
        if raw.lower() in BACK:
            raise _Back
        try:
            return parse_answer(question, raw, [o for o, _c in options], translate=_)
        except ValueError as problem:
            console.print(Text(str(problem), style="red"))


# Prompts by kind of question; each a whole sentence, translated where shown.
# A prompt offers Enter only where parse_answer takes it: for a question that
# may be left out, or as "None of these" on a checklist that has it.
_PROMPTS = {
    "integer": gettext_noop("Number: "),
    "decimal": gettext_noop("Number: "),
    "boolean": gettext_noop("Yes or no (y/n): "),
    "single": gettext_noop("Type one number: "),
    "multi": gettext_noop("Numbers, separated by commas: "),
    "blood_pressure": gettext_noop("Reading as upper/lower, for example 120/80: "),
}
_OPTIONAL_PROMPTS = {
    "decimal": gettext_noop("Number (or Enter to skip): "),
    "multi": gettext_noop("Numbers, separated by commas (Enter for none): "),
    "blood_pressure": gettext_noop(
        "Reading as upper/lower, for example 120/80 (or Enter to skip): "
    ),
}


def _prompt(question: Question, _: Translate = untranslated) -> str:
    if question.is_scale:
        low, high = question.options[0], question.options[-1]
        return _("Number from {low} to {high}: ").format(low=low, high=high)
    if question.none_option:
        return _("Numbers, separated by commas (Enter for none of these): ")
    if question.kind == "weeks":
        return _("Weeks, or your due date (for example 2027-03-14), or ? if you do not know: ")
    if not question.required and question.kind in _OPTIONAL_PROMPTS:
        return _(_OPTIONAL_PROMPTS[question.kind])
    return _(_PROMPTS[question.kind])


# What a person may type for yes and no, in any language lumba speaks: the
# English letters always work, so a shared habit or a keyboard without an
# input method is never refused.
_YES = ("y", "yes", "是", "对", "有")
_NO = ("n", "no", "否", "不", "不是", "没有")


def parse_answer(
    question: Question,
    raw: str,
    options: list[str],
    today: dt.date | None = None,
    translate: Translate = untranslated,
) -> Any:
    """One typed answer from what a person typed, or ValueError saying what to type."""
    _ = translate
    if not raw and question.none_option:
        return [NONE_OF_THESE]
    if not raw and not question.required:
        return [] if question.kind == "multi" else None
    if question.is_scale:
        return _scale_point(raw, options, _)
    if question.kind == "weeks":
        return _weeks(question, raw, today or dt.date.today(), _)
    if question.kind in ("integer", "decimal"):
        return _number(question, raw, _)
    if question.kind == "blood_pressure":
        return _reading(raw, _)
    if question.kind == "boolean":
        if raw.lower() in _YES:
            return True
        if raw.lower() in _NO:
            return False
        raise ValueError(_("Please type y for yes or n for no."))
    picked = _numbers(_numbers_typed(raw), len(options), _)
    if question.kind == "single":
        if len(picked) != 1:
            raise ValueError(_("Please type one number from the list."))
        return options[picked[0] - 1]
    if not picked:
        raise ValueError(_("Please choose at least one: type the numbers, for example 1,3."))
    return [options[n - 1] for n in sorted(set(picked))]


def _numbers_typed(raw: str) -> str:
    # A Chinese input method types full-width commas and digits.
    return raw.translate(_FULL_WIDTH)


_FULL_WIDTH = str.maketrans("，、０１２３４５６７８９／", ",,0123456789/")


def _number(question: Question, raw: str, _: Translate) -> int | float:
    raw = _numbers_typed(raw)
    try:
        value: int | float = (
            int(raw) if question.kind == "integer" else float(raw.replace(",", "."))
        )
    except ValueError:
        if question.kind == "integer":
            raise ValueError(_("Please type a whole number.")) from None
        raise ValueError(_("Please type a number.")) from None
    low, high = question.min, question.max
    if (low is not None and value < low) or (high is not None and value > high):
        message = _("Please type a number from {low} to {high}.")
        raise ValueError(message.format(low=f"{low:g}", high=f"{high:g}"))
    return value


def _numbers(raw: str, count: int, _: Translate) -> list[int]:
    picked = []
    for part in raw.replace(" ", ",").split(","):
        if not part:
            continue
        if not part.isdigit() or not 1 <= int(part) <= count:
            message = _("{typed} is not a number from 1 to {count}.")
            raise ValueError(message.format(typed=repr(part), count=count))
        picked.append(int(part))
    return picked


def _reading(raw: str, _: Translate) -> dict[str, int]:
    parts = _numbers_typed(raw).replace(" ", "").split("/")
    if len(parts) != 2 or not all(p.isdigit() for p in parts):
        raise ValueError(_("Please type the two numbers with a slash, for example 120/80."))
    reading = {"systolic": int(parts[0]), "diastolic": int(parts[1])}
    try:  # the assessment's own rules: the schema's bounds, the lower number lower
        BloodPressure.model_validate(reading)
    except ValidationError as error:
        problem = problems(error)[0]
        if problem.field == "systolic":
            message = _("Please check the reading: the upper number {problem}.")
        else:
            message = _("Please check the reading: the lower number {problem}.")
        raise ValueError(message.format(problem=problem.localized(_))) from None
    return reading


def _scale_point(raw: str, options: list[str], _: Translate) -> str:
    """A point of the scale; a range such as "6-7" is read as its higher end."""
    raw = _numbers_typed(raw)
    for between in ("to", "到", "至", "～", "~"):
        raw = raw.replace(between, "-")
    parts = [p.strip() for p in raw.split("-")]
    if not parts or not all(p in options for p in parts):
        message = _("Please type a number from {low} to {high}.")
        raise ValueError(message.format(low=options[0], high=options[-1]))
    return max(parts, key=int)


_UNKNOWN_TYPED = (
    "?",
    "？",
    "unknown",
    "don't know",
    "dont know",
    "i don't know",
    "不知道",
    "不清楚",
)


def _weeks(question: Question, raw: str, today: dt.date, _: Translate) -> int | str:
    """Weeks typed, or worked out from a due date, or unknown ("?")."""
    raw = _numbers_typed(raw)
    if raw.lower() in _UNKNOWN_TYPED:
        return UNKNOWN
    try:
        due = dt.date.fromisoformat(raw)
    except ValueError:
        if not raw.isdigit():
            raise ValueError(
                _(
                    "Please type the weeks as a whole number, your due date such as "
                    "2027-03-14, or ? if you do not know."
                )
            ) from None
        return int(_number(question, raw, _))
    weeks = weeks_from_due_date(due, today)
    if not 0 <= weeks <= 44:
        message = _("That due date gives {weeks} weeks. Please check it, or type the weeks.")
        raise ValueError(message.format(weeks=weeks))
    return weeks
