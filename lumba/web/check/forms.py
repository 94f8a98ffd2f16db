"""Django forms built from the questionnaire data, one form per step."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from typing import Any, TypedDict

from django import forms
from django.forms import BoundField
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _

from lumba.core.assessment import READING_BOUNDS
from lumba.core.questions import (
    NONE_OF_THESE,
    UNKNOWN,
    Fold,
    Question,
    Questionnaire,
    weeks_from_due_date,
)


class StepForm(forms.Form):
    def __init__(
        self,
        questionnaire: Questionnaire,
        questions: list[Question],
        language: str,
        *args: Any,
        today: dt.date | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.questions = {q.id: q for q in questions}
        self.language = language
        for question in questions:
            self.fields[question.id] = _field(questionnaire, question, language, today)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        # A question that this page's own answers rule out (the baby's
        # movements, for 12 weeks typed above) needs no answer and keeps none.
        weeks = next(
            (cleaned.get(q.id) for q in self.questions.values() if q.kind == "weeks"), None
        )
        where = next(
            (cleaned.get(q.id) for q in self.questions.values() if q.field == "pain.locations"),
            None,
        )
        for question in self.questions.values():
            rule = question.show_if
            if rule is None:
                continue
            locations = frozenset(where if where is not None else rule.locations_any or ())
            if not rule.holds(weeks if isinstance(weeks, int) else None, locations):
                self.errors.pop(question.id, None)
                cleaned.pop(question.id, None)
        return cleaned

    def split(self, fold: Fold | None) -> tuple[list[BoundField], list[BoundField]]:
        """The fields shown open, and those under the step's fold."""
        folded = set(fold.questions) if fold else set()
        fields = list(self)
        return [f for f in fields if f.name not in folded], [f for f in fields if f.name in folded]

    def has_input(self, field: BoundField) -> bool:
        """Whether the person gave this field anything (typed now, or saved before)."""
        if field.errors:
            return True
        if self.is_bound:
            prefix = field.html_name + "_"
            return any(
                value.strip()
                for key in self.data
                if key == field.html_name or key.startswith(prefix)
                for value in _values(self.data, key)
            )
        return self.initial.get(field.name) not in (None, "", [])

    def answers(self) -> dict[str, Any]:
        """The cleaned answers, typed as the assessment wants them."""
        return {qid: _typed(self.questions[qid], value) for qid, value in self.cleaned_data.items()}


def _values(data: Mapping[str, Any], key: str) -> list[str]:
    """Every value given under one name: a form post has lists, a plain dict one each."""
    if isinstance(data, MultiValueDict):
        return [str(value) for value in data.getlist(key)]
    value = data[key]
    return [str(item) for item in value] if isinstance(value, list | tuple) else [str(value)]


def initial_for(questions: list[Question], answers: dict[str, Any]) -> dict[str, Any]:
    initial = {}
    for question in questions:
        if question.id not in answers:
            continue
        value = answers[question.id]
        if question.kind == "boolean" and value is not None:
            value = "yes" if value else "no"
        if question.kind == "blood_pressure" and isinstance(value, dict):
            value = [value.get("systolic"), value.get("diastolic")]
        if question.kind == "weeks":
            value = [None, None, True] if value == UNKNOWN else [value, None, False]
        initial[question.id] = value
    return initial


def _field(
    questionnaire: Questionnaire, question: Question, language: str, today: dt.date | None
) -> forms.Field:
    label = question.label.get(language)
    hint = question.hint.get(language) if question.hint else ""
    common = _Common(label=label, help_text=hint, required=question.required)
    # Fields that always want an answer, whatever the question says.
    answered = _Common(label=label, help_text=hint, required=True)
    if question.kind in ("integer", "decimal"):
        return _number_field(question, common)
    if question.kind == "blood_pressure":
        return BloodPressureField(**common)
    if question.kind == "weeks":
        return WeeksField(today=today or dt.date.today(), **answered)
    if question.kind == "boolean":
        return forms.ChoiceField(
            choices=[("yes", _("Yes")), ("no", _("No"))],
            widget=forms.RadioSelect,
            error_messages={"required": _("Select yes or no")},
            **common,
        )
    choices = [
        (value, questionnaire.choice(question.field, value).label.get(language))
        for value in question.options
    ]
    if question.kind == "single":
        return forms.ChoiceField(
            choices=choices,
            widget=forms.RadioSelect,
            error_messages={"required": _("Select one answer")},
            **common,
        )
    if question.none_option:
        return NoneOfTheseField(
            choices=[*choices, (NONE_OF_THESE, _("None of these"))],
            widget=forms.CheckboxSelectMultiple,
            error_messages={"required": _('Tick the ones you have, or "None of these"')},
            **answered,
        )
    return forms.MultipleChoiceField(
        choices=choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Select at least one answer")},
        **common,
    )


class _Common(TypedDict):
    """What every question's field is given: its words, and whether it must be answered."""

    label: str
    help_text: str
    required: bool


class NoneOfTheseField(forms.MultipleChoiceField):
    """A checklist where "None of these" is an answer, and cannot go with a tick."""

    def validate(self, value: Any) -> None:
        super().validate(value)
        if NONE_OF_THESE in value and len(value) > 1:
            raise forms.ValidationError(
                _('You ticked "None of these" and a sign. Untick one of them.')
            )


def _number_field(question: Question, common: _Common) -> forms.Field:
    if question.kind == "integer":
        # A whole number's bounds are whole: a minimum of 0.5 lets 1 in, not 0.5.
        low = None if question.min is None else math.ceil(question.min)
        high = None if question.max is None else math.floor(question.max)
        widget = forms.TextInput(attrs={"inputmode": "numeric", "class": "input-short"})
        message = _("Enter a whole number from %(min)s to %(max)s")
        return forms.IntegerField(
            min_value=low,
            max_value=high,
            widget=widget,
            error_messages=_number_errors(message, low, high),
            **common,
        )
    widget = forms.TextInput(attrs={"inputmode": "decimal", "class": "input-short"})
    message = _("Enter a number from %(min)s to %(max)s, for example 37.5")
    return forms.FloatField(
        min_value=question.min,
        max_value=question.max,
        widget=widget,
        error_messages=_number_errors(message, question.min, question.max),
        **common,
    )


def _number_errors(message: str, low: float | None, high: float | None) -> dict[str, str]:
    """The one message naming both bounds for every fault; without both bounds
    to name, Django's own (translated) messages."""
    if low is None or high is None:
        return {}
    said = message % {"min": f"{low:g}", "max": f"{high:g}"}
    return {key: said for key in ("required", "invalid", "min_value", "max_value")}


def _reading_message(name: str, low: int, high: int) -> str:
    """What to type in one box of a blood pressure reading: each a whole sentence."""
    bounds = {"min": low, "max": high}
    if name == "systolic":
        return _("Enter the upper number as a whole number from %(min)s to %(max)s") % bounds
    return _("Enter the lower number as a whole number from %(min)s to %(max)s") % bounds


class BloodPressureField(forms.MultiValueField):
    """Two whole numbers, both or neither; the lower (diastolic) one must be lower."""

    def __init__(self, **kwargs: Any) -> None:
        parts = [
            forms.IntegerField(
                required=False,  # both-or-neither is checked in compress
                min_value=low,
                max_value=high,
                error_messages={
                    key: _reading_message(name, low, high)
                    for key in ("invalid", "min_value", "max_value")
                },
            )
            for name, (low, high) in READING_BOUNDS.items()
        ]
        widget = forms.MultiWidget(widgets=[forms.TextInput(), forms.TextInput()])
        super().__init__(fields=parts, widget=widget, require_all_fields=False, **kwargs)

    def compress(self, data_list: list[Any]) -> dict[str, int] | None:
        systolic, diastolic = [*data_list, None, None][:2]
        if systolic is None and diastolic is None:
            return None
        if systolic is None or diastolic is None:
            raise forms.ValidationError(_("Enter both numbers of the reading, or leave both empty"))
        if diastolic >= systolic:
            raise forms.ValidationError(
                _("The lower number must be smaller than the upper number, for example 120/80")
            )
        return {"systolic": systolic, "diastolic": diastolic}


class WeeksField(forms.MultiValueField):
    """Weeks typed, or worked out from a due date, or "I don't know": exactly one."""

    def __init__(self, today: dt.date, **kwargs: Any) -> None:
        self.today = today
        message = _("Enter the weeks as a whole number from 0 to 44")
        parts = [
            forms.IntegerField(
                required=False,
                min_value=0,
                max_value=44,
                error_messages={k: message for k in ("invalid", "min_value", "max_value")},
            ),
            forms.DateField(
                required=False,
                error_messages={
                    "invalid": _("Enter the due date as a date, for example 2027-03-14")
                },
            ),
            forms.BooleanField(required=False),
        ]
        # The weeks box keeps the question's own name, as a plain number field would.
        widget = forms.MultiWidget(
            widgets={
                "": forms.TextInput(),
                "due": forms.DateInput(),
                "unknown": forms.CheckboxInput(),
            }
        )
        kwargs["error_messages"] = {
            "required": _('Enter the weeks, or your due date, or tick "I don\'t know"'),
            "incomplete": _('Enter the weeks, or your due date, or tick "I don\'t know"'),
        }
        super().__init__(fields=parts, widget=widget, require_all_fields=False, **kwargs)

    def compress(self, data_list: list[Any]) -> int | str | None:
        weeks, due, unknown = [*data_list, None, None, None][:3]
        given = [x for x in (weeks, due) if x is not None] + ([True] if unknown else [])
        if not given:
            raise forms.ValidationError(self.error_messages["required"])
        if len(given) > 1:
            raise forms.ValidationError(
                _('Give one answer: the weeks, the due date, or "I don\'t know"')
            )
        if unknown:
            return UNKNOWN
        if due is not None:
            counted = weeks_from_due_date(due, self.today)
            if not 0 <= counted <= 44:
                raise forms.ValidationError(
                    _("That due date gives %(weeks)s weeks. Check the date, or type the weeks.")
                    % {"weeks": counted}
                )
            return counted
        return int(weeks)


def _typed(question: Question, value: Any) -> Any:
    if value == "":  # an optional choice left open: not answered
        return None
    if question.kind == "boolean":
        return None if value in ("", None) else value == "yes"
    if question.kind == "multi":
        return list(value or [])
    if question.kind == "decimal" and value is not None:
        return round(float(value), 1)
    return value
