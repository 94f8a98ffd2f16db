"""What a person keeps over time: diary entries and the checks they saved.

A result is stored with the content version that produced it, so a later
change to the rules never rewrites what a person was told.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.fields.json import KT

from lumba.core.diary import Day


class EntryQuerySet(models.QuerySet["Entry"]):
    def readings(self) -> EntryQuerySet:
        """Entries without their stored triage result (about 23 KB each), with
        only its level and label as `triage_level` and `triage_label`: the
        pages that list or chart up to hundreds of entries need no more, and
        decoding every result made each such request megabytes larger."""
        return self.defer("triage").annotate(
            triage_level=KT("triage__level"), triage_label=KT("triage__label")
        )


class Entry(models.Model):
    class Sleep(models.TextChoices):
        WELL = "well", "Well"
        BROKEN = "broken", "Broken by the pain"
        BADLY = "badly", "Badly"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="diary_entries"
    )
    date = models.DateField()
    pain = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(0), MaxValueValidator(10)]
    )
    locations = models.JSONField(default=list, blank=True)
    worse_with = models.JSONField(default=list, blank=True)
    symptoms = models.JSONField(default=list, blank=True)
    helped = models.JSONField(default=list, blank=True)  # advice card ids
    helped_other = models.CharField(max_length=200, blank=True)
    sleep = models.CharField(max_length=10, choices=Sleep.choices, blank=True)
    activity = models.CharField(max_length=200, blank=True)
    notes = models.TextField(max_length=2000, blank=True)
    # The triage of an entry that reported a sign: the result object of
    # POST /api/v1/triage, and the content version that produced it.
    triage = models.JSONField(null=True, blank=True)
    content_version = models.CharField(max_length=40, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    objects = EntryQuerySet.as_manager()

    class Meta:
        ordering = ("-date", "-created")
        indexes = (models.Index(fields=("user", "date")),)

    def day(self) -> Day:
        return Day(self.date, self.pain, frozenset(self.symptoms), frozenset(self.helped))

    def __str__(self) -> str:
        return f"entry {self.pk} of user {self.user_id} on {self.date}"


class SavedCheck(models.Model):
    """A finished check a person chose to keep: its answers and its result."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_checks"
    )
    date = models.DateField()
    answers = models.JSONField()
    result = models.JSONField()
    content_version = models.CharField(max_length=40)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-created",)

    @property
    def level(self) -> str:
        return str(self.result.get("level", ""))

    def __str__(self) -> str:
        return f"check {self.pk} of user {self.user_id} on {self.date}"
