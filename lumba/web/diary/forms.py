"""The diary entry form: quick on a phone (taps, one typed note at most).

The form only reads what the browser sent; whether it is a valid entry is
decided once, for this page and the diary API alike, by the save itself
(lumba.service.record_entry, with lumba.core.diary_entry), and each problem
is shown on its field in the page's language.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

from django import forms
from django.utils.translation import gettext, gettext_lazy

from lumba.content.loader import default_library
from lumba.core.diary_entry import LONG_TEXT, SHORT_TEXT, InvalidEntry
from lumba.service import DiaryRecord
from lumba.web.diary.models import Entry

PAIN_POINTS = [(str(n), str(n)) for n in range(11)]
# How the night was, in the page's language (the model keeps English labels).
SLEEP_LABELS = {
    Entry.Sleep.WELL.value: gettext_lazy("Well"),
    Entry.Sleep.BROKEN.value: gettext_lazy("Broken by the pain"),
    Entry.Sleep.BADLY.value: gettext_lazy("Badly"),
}
WHOLE_NUMBER = re.compile(r"-?[0-9]{1,6}")  # longer: refused as it is, as text
FIELDS = (
    "date",
    "pain",
    "locations",
    "worse_with",
    "helped",
    "helped_other",
    "sleep",
    "activity",
    "symptoms",
    "notes",
)


def _labels(field: str, language: str) -> list[tuple[str, str]]:
    choices = default_library().questionnaire.choices[field]
    return [(value, choice.label.get(language)) for value, choice in choices.items()]


class _Read:
    """A field that reads what was sent and judges nothing: no required,
    choice or length check of Django's own (their limits still reach the
    browser as attributes)."""

    def validate(self, value: Any) -> None:
        pass

    def run_validators(self, value: Any) -> None:
        pass


class _Text(_Read, forms.CharField):
    pass


class _Choice(_Read, forms.ChoiceField):
    pass


class _Ticks(_Read, forms.MultipleChoiceField):
    def __init__(self, hint: str = "") -> None:
        super().__init__(required=False, widget=forms.CheckboxSelectMultiple, help_text=hint)


class EntryForm(forms.Form):
    date = _Text(
        label=gettext_lazy("Day"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    pain = _Choice(choices=PAIN_POINTS, widget=forms.RadioSelect)
    locations = _Ticks()
    worse_with = _Ticks()
    helped = _Ticks()
    helped_other = _Text(
        label=gettext_lazy("Anything else that helped"), required=False, max_length=SHORT_TEXT
    )
    sleep = _Choice(
        label=gettext_lazy("How did you sleep?"),
        choices=list(SLEEP_LABELS.items()),
        widget=forms.RadioSelect,
        required=False,
    )
    activity = _Text(
        label=gettext_lazy("What did you do today?"), required=False, max_length=SHORT_TEXT
    )
    symptoms = _Ticks()
    notes = _Text(
        label=gettext_lazy("Notes, or questions for your midwife"),
        required=False,
        max_length=LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(
        self,
        *args: Any,
        today: dt.date,
        cards: list[tuple[str, str]],
        record: Callable[[dict[str, Any]], DiaryRecord],
        instance: Entry | None = None,
        language: str = "en",
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("initial", _initial(instance, today))
        super().__init__(*args, **kwargs)
        self._record = record
        self.record: DiaryRecord | None = None
        self.fields["pain"].label = gettext("How bad was the pain at its worst today?")
        self.fields["pain"].help_text = gettext(
            "0 is no pain, 5 moderate, 7 severe and 10 the worst pain possible."
        )
        self._ticks("locations", _labels("pain.locations", language), gettext("Where?"))
        self._ticks(
            "worse_with", _labels("pain.worse_with", language), gettext("What made it worse?")
        )
        self._ticks("helped", cards, gettext("What helped?"))
        self._ticks(
            "symptoms",
            _labels("symptoms", language),
            gettext("Any of these signs today?"),
            gettext("lumba checks them at once and tells you what to do."),
        )

    def _ticks(self, name: str, choices: list[tuple[str, str]], label: str, hint: str = "") -> None:
        field = self.fields[name]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = choices
        field.label = label
        field.help_text = hint or field.help_text

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        try:
            self.record = self._record(_sent(cleaned))
        except InvalidEntry as invalid:
            for problem in invalid.problems:
                field = problem.field if problem.field in self.fields else None
                self.add_error(field, _named(self, field, problem.localized(gettext)))
        return cleaned


def _named(form: forms.Form, field: str | None, message: str) -> str:
    """The API's message ("is required") as a sentence a person reads on its
    own, in the error summary too: the field's label, then the message."""
    if field is None:
        return message
    # Translators: a field's label, then what is wrong with it ("Day is required").
    return gettext("{label} {message}").format(label=form.fields[field].label, message=message)


def _initial(instance: Entry | None, today: dt.date) -> dict[str, Any]:
    if instance is None:
        return {"date": today}
    return {name: getattr(instance, name) for name in FIELDS}


def _sent(read: dict[str, Any]) -> dict[str, Any]:
    """The fields as the entry's validation takes them: a field left empty is
    not given, and a whole number of pain is a number."""
    sent = {name: value for name, value in read.items() if value not in ("", None)}
    pain = sent.get("pain")
    if isinstance(pain, str) and WHOLE_NUMBER.fullmatch(pain):
        sent["pain"] = int(pain)
    return sent
