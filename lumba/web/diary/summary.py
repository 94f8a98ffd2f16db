"""The midwife summary: one page a midwife reads in a minute, as HTML and PDF."""

from __future__ import annotations

import base64
import datetime as dt
from typing import Any

from lumba.content.loader import default_library
from lumba.core.diary import Day, Helped, pain_change, what_helped
from lumba.web.accounts.models import Profile
from lumba.web.diary.charts import pain_chart
from lumba.web.diary.models import Entry, SavedCheck
from lumba.web.diary.services import DAYS_READ


def summary_context(
    user: Any, profile: Profile, entries: list[Entry], today: dt.date, language: str
) -> dict[str, Any]:
    days = [entry.day() for entry in entries]
    library = default_library()
    symptom_labels = {
        value: choice.label.get(language)
        for value, choice in library.questionnaire.choices["symptoms"].items()
    }
    return {
        "profile": profile,
        "weeks": profile.weeks_on(today),
        "today": today,
        "latest_check": SavedCheck.objects.filter(user=user).first(),
        "entries": [(entry, profile.weeks_on(entry.date)) for entry in reversed(entries)],
        "change": pain_change(days, today),
        "helped": helped_by_title(days, today, language),
        "signs": [
            (
                entry.date,
                [symptom_labels.get(s, s) for s in entry.symptoms],
                # From readings(): see entries_csv in views.py for the ignore.
                library.level_label(entry.triage_level or "", language),  # type: ignore[attr-defined]
            )
            for entry in entries
            if entry.symptoms
        ],
        "has_chart": len({d.date for d in days}) >= 2,
        "days_shown": DAYS_READ,
    }


def helped_by_title(days: list[Day], today: dt.date, language: str) -> list[tuple[str, Helped]]:
    """What seemed to help, each with its card's title (the id if the card is gone)."""
    titles = {card.id: card.title.get(language) for card in default_library().cards}
    return [(titles.get(h.card, h.card), h) for h in what_helped(days, today)]


def chart_svg(entries: list[Entry], profile: Profile, title: str) -> str:
    return pain_chart([entry.day() for entry in entries], profile.weeks_on, title)


def as_data_uri(svg: str) -> str:
    """The chart inside the PDF, which WeasyPrint draws from the SVG itself."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()
