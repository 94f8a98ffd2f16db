"""Between the diary's pages and lumba.service: keeping a saved entry, the cards
a person can tick as helpful, and the reading of their diary over time."""

from __future__ import annotations

import datetime as dt
from typing import Any

from lumba.content.loader import default_library
from lumba.core.diary import Suggestion, suggest_check
from lumba.service import (
    DiaryRecord,
    InvalidAssessment,
    Triager,
    in_words_of,
    triage_diary_entry,
)
from lumba.web.accounts.models import Profile
from lumba.web.diary.models import Entry, SavedCheck
from lumba.web.observability import record_triage_level

WARNING_CARD = "warning-signs"


def result_in_language(entry: Entry, profile: Profile, triager: Triager) -> dict[str, Any]:
    """The entry's kept result, in the triager's language: in other words only
    when triaging the entry again decides exactly what was decided then."""
    kept: dict[str, Any] | None = entry.triage
    if kept is None:
        raise ValueError(f"diary entry {entry.pk} has no kept result to show")
    if str(kept.get("language", "en")).lower() == triager.renderer.language.lower():
        return kept
    try:
        answers = {
            "date": entry.date,
            "pain": entry.pain,
            "locations": entry.locations,
            "worse_with": entry.worse_with,
            "symptoms": entry.symptoms,
        }
        fresh = triage_diary_entry(answers, profile.due_date, profile.history, triager)
        return in_words_of(kept, fresh)
    except InvalidAssessment:
        return kept


# Levels a person is shown at once after saving an entry, before the diary.
SHOW_AT_ONCE = frozenset({"soon", "urgent", "emergency"})


def keep(entry: Entry, record: DiaryRecord) -> None:
    """Store what record_entry decided for an entry (every entry is triaged when
    it is saved: a sign, or severe pain alone, can need help), with the content
    version that produced its result."""
    for field, value in record.fields.items():
        setattr(entry, field, value)
    entry.triage = record.triage
    entry.content_version = record.content_version
    record_triage_level(record.triage["level"], channel="diary")
    entry.save()


def needs_showing(entry: Entry) -> bool:
    """An entry whose result is shown before anything else: any sign, or a
    level that asks for action sooner than the next appointment."""
    return bool(entry.symptoms) or (entry.triage or {}).get("level") in SHOW_AT_ONCE


def helpful_cards(user: Any, language: str) -> list[tuple[str, str]]:
    """(card id, title) a person can tick as helpful: their latest saved
    plan and the cards they ticked before; else the everyday self-care cards."""
    library = default_library()
    chosen: list[str] = []
    latest = SavedCheck.objects.filter(user=user).first()
    if latest is not None:
        chosen += [card["id"] for card in latest.result.get("plan", [])]
    for helped in Entry.objects.filter(user=user).values_list("helped", flat=True)[:50]:
        chosen += list(helped)
    if not chosen:
        chosen = [card.id for card in library.cards if card.priority >= 4]
    titles = {card.id: card.title.get(language) for card in library.cards}
    unique = dict.fromkeys(c for c in chosen if c in titles and c != WARNING_CARD)
    return [(card_id, titles[card_id]) for card_id in unique]


# How far back the diary's readings (trend, chart, summary) look.
DAYS_READ = 60
# Three entries a day over that window: every page that reads the window
# (the diary, its chart, the summary) stays bounded however many are added.
ENTRIES_READ = 3 * DAYS_READ


def recent_entries(user: Any, today: dt.date) -> list[Entry]:
    """The person's entries of the last DAYS_READ days, newest first (at most ENTRIES_READ)."""
    since = today - dt.timedelta(days=DAYS_READ)
    return list(Entry.objects.readings().filter(user=user, date__gte=since)[:ENTRIES_READ])


def suggestion_for(entries: list[Entry], today: dt.date) -> Suggestion | None:
    return suggest_check([entry.day() for entry in entries], today)
