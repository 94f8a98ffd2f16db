"""What a signed-in person tells lumba once, for every later day."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.db import models

from lumba.core.questions import Question, weeks_from_due_date


class Profile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    # The week of pregnancy on any day follows from this (never stored).
    due_date = models.DateField(null=True, blank=True)
    region = models.CharField(max_length=8, blank=True)
    # Spec history items (lumba's ids), offered to every check.
    history = models.JSONField(default=list, blank=True)
    # How the midwife summary names the person: a name, initials, or nothing.
    summary_name = models.CharField(max_length=80, blank=True)
    # What the person wants to ask their midwife: printed on the summary.
    questions = models.TextField(max_length=2000, blank=True)
    # The language the person chose (a BCP 47 tag such as zh-Hans); empty: not chosen.
    language = models.CharField(max_length=16, blank=True)

    def weeks_on(self, today: dt.date) -> int | None:
        return weeks_from_due_date(self.due_date, today) if self.due_date else None

    def __str__(self) -> str:
        return f"profile of user {self.user_id}"


class AccessToken(models.Model):
    """A personal access token for the diary API (`Authorization: Bearer`).

    Only a digest is stored: the token itself is shown once, when it is made,
    and a revoked token is deleted.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="access_tokens"
    )
    name = models.CharField(max_length=80)
    digest = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=12)  # the token's first characters, to tell them apart
    created = models.DateTimeField(auto_now_add=True)
    last_used = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created",)

    def __str__(self) -> str:
        return f"token {self.prefix}… of user {self.user_id}"


def profile_of(user: User) -> Profile:
    """A person's profile, made empty the first time it is asked for."""
    profile, _created = Profile.objects.get_or_create(user=user)
    return profile


def answers_from_profile(
    profile: Profile | None, questions: list[Question], today: dt.date
) -> dict[str, Any]:
    """What a signed-in person's profile already answers in the check (the
    week today, from the due date; their history), offered as the starting
    answers: the person still sees and confirms them."""
    if profile is None:
        return {}
    found: dict[str, Any] = {}
    weeks = profile.weeks_on(today)
    for question in questions:
        if question.kind == "weeks" and weeks is not None:
            found[question.id] = weeks
        elif question.field == "history" and profile.history:
            found[question.id] = [item for item in profile.history if item in question.options]
    return found
