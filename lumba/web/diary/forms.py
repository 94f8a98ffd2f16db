"""The diary entry form: quick on a phone (taps, one typed note at most)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lumba.content.loader import default_library
from lumba.web.diary.models import Entry

PAIN_POINTS = [(str(n), str(n)) for n in range(11)]
# How the night was, in the page's language (the model keeps English labels).
SLEEP_LABELS = {
    Entry.Sleep.WELL.value: gettext_lazy("Well"),
    Entry.Sleep.BROKEN.value: gettext_lazy("Broken by the pain"),
    Entry.Sleep.BADLY.value: gettext_lazy("Badly"),
}


def _labels(field: str, language: str) -> list[tuple[str, str]]:
    choices = default_library().questionnaire.choices[field]
    return [(value, choice.label.get(language)) for value, choice in choices.items()]


class EntryForm(forms.ModelForm):
    class Meta:
        model = Entry
        fields = (
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
        labels = {
            "date": gettext_lazy("Day"),
            "helped_other": gettext_lazy("Anything else that helped"),
            "sleep": gettext_lazy("How did you sleep?"),
            "activity": gettext_lazy("What did you do today?"),
            "notes": gettext_lazy("Notes, or questions for your midwife"),
        }
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "sleep": forms.RadioSelect,
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(
        self,
        *args: Any,
        today: dt.date,
        cards: list[tuple[str, str]],
        language: str = "en",
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        if not self.instance.pk:
            self.initial.setdefault("date", today)
        self.fields["pain"] = forms.TypedChoiceField(
            choices=PAIN_POINTS,
            coerce=int,
            widget=forms.RadioSelect,
            label=_("How bad was the pain at its worst today?"),
            help_text=_("0 is no pain, 5 moderate, 7 severe and 10 the worst pain possible."),
        )
        self.fields["locations"] = self._ticks(_labels("pain.locations", language), _("Where?"))
        self.fields["worse_with"] = self._ticks(
            _labels("pain.worse_with", language), _("What made it worse?")
        )
        self.fields["helped"] = self._ticks(cards, _("What helped?"))
        self.fields["symptoms"] = self._ticks(
            _labels("symptoms", language),
            _("Any of these signs today?"),
            _("lumba checks them at once and tells you what to do."),
        )
        self.fields["sleep"].required = False
        self.fields["sleep"].choices = [
            (value, SLEEP_LABELS.get(value, label))
            for value, label in self.fields["sleep"].choices
            if value
        ]

    @staticmethod
    def _ticks(choices: list[tuple[str, str]], label: str, hint: str = "") -> forms.Field:
        return forms.MultipleChoiceField(
            choices=choices,
            required=False,
            widget=forms.CheckboxSelectMultiple,
            label=label,
            help_text=hint,
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for name in ("locations", "worse_with", "helped", "symptoms"):
            if name in cleaned:
                cleaned[name] = list(dict.fromkeys(cleaned[name]))  # a repeat counts once
        return cleaned

    def clean_date(self) -> dt.date:
        day: dt.date = self.cleaned_data["date"]
        if day > self.today:
            raise forms.ValidationError(_("Choose today or an earlier day."))
        return day
