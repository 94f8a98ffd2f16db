"""The profile form: the due date (checked against the spec's weeks), region and history."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lumba.content.loader import default_library
from lumba.core.questions import weeks_from_due_date
from lumba.web.accounts.models import Profile

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

    # Django's ModelForm takes its model as a type argument only in the stubs.
    _ProfileModelForm = forms.ModelForm[Profile]
else:
    _ProfileModelForm = forms.ModelForm

# The spec's gestational weeks run from 0 to 44.
MIN_WEEKS, MAX_WEEKS = 0, 44


def _history_choices(language: str) -> list[tuple[str, str]]:
    questionnaire = default_library().questionnaire
    return [(value, c.label.get(language)) for value, c in questionnaire.choices["history"].items()]


def _region_choices(language: str) -> list[tuple[str, StrOrPromise]]:
    return [("", gettext_lazy("Not chosen"))] + [
        (code, region.name.get(language)) for code, region in default_library().regions.items()
    ]


class ProfileForm(_ProfileModelForm):
    class Meta:
        model = Profile
        fields = ["due_date", "region", "history", "summary_name", "questions"]
        labels = {
            "due_date": gettext_lazy("Your due date"),
            "region": gettext_lazy("Where you are (for the right phone numbers)"),
            "history": gettext_lazy("Do any of these apply to you?"),
            "summary_name": gettext_lazy("Name on the summary for your midwife"),
            "questions": gettext_lazy("Questions for your midwife"),
        }
        help_texts = {
            "due_date": gettext_lazy("lumba works out the week of pregnancy from it every day."),
            "summary_name": gettext_lazy("Your name, your initials, or leave it empty."),
        }
        widgets = {
            "due_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "questions": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, today: dt.date, language: str = "en", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        self.fields["region"] = forms.ChoiceField(
            choices=_region_choices(language), required=False, label=self.fields["region"].label
        )
        self.fields["history"] = forms.MultipleChoiceField(
            choices=_history_choices(language),
            required=False,
            widget=forms.CheckboxSelectMultiple,
            label=self.fields["history"].label,
        )

    def clean_due_date(self) -> dt.date | None:
        due: dt.date | None = self.cleaned_data.get("due_date")
        if due is None:
            return None
        weeks = weeks_from_due_date(due, self.today)
        if not MIN_WEEKS <= weeks <= MAX_WEEKS:
            raise forms.ValidationError(
                _("A due date must fall between 4 weeks ago and 40 weeks from today.")
            )
        return due
