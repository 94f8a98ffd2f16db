"""Reading a pain diary over time: when to suggest a new check, how the pain
has changed, and what seemed to help. Pure: `today` is always passed in."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import fmean
from typing import Literal

# The companion issue's three reasons to check again.
RISE = 2  # pain up by this much or more ...
RISE_DAYS = 7  # ... within this many days
STUCK_DAYS = 14  # no improvement over this many days


@dataclass(frozen=True, slots=True)
class Day:
    """What the diary readings need from one entry."""

    date: dt.date
    pain: int
    symptoms: frozenset[str] = frozenset()
    helped: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Suggestion:
    """Why a new check is suggested, in numbers the page puts into words."""

    reason: Literal["new_sign", "pain_up", "not_improving"]
    before: int = 0  # the pain it is compared with
    after: int = 0  # the latest pain
    days: int = 0  # between the two
    signs: tuple[str, ...] = ()  # the new signs, for "new_sign"


@dataclass(frozen=True, slots=True)
class Change:
    """How the pain went from the first to the last entry of a period."""

    first: int
    last: int
    days: int

    @property
    def direction(self) -> Literal["down", "up", "same"]:
        return "down" if self.last < self.first else "up" if self.last > self.first else "same"


@dataclass(frozen=True, slots=True)
class Helped:
    """Pain on days a card was used against days it was not (not proof)."""

    card: str
    with_card: float
    days_with: int
    without_card: float
    days_without: int


def _in_order(days: Sequence[Day], today: dt.date) -> list[Day]:
    return sorted((d for d in days if d.date <= today), key=lambda d: d.date)


def suggest_check(days: Sequence[Day], today: dt.date) -> Suggestion | None:
    """The most pressing reason to do a new check, or None.

    A sign in the latest entry that no earlier entry of the last 14 days had;
    else pain up by 2 or more against the lowest earlier pain of the last 7
    days; else, after 14 days or more, pain no lower than it was then.
    """
    ordered = _in_order(days, today)
    if not ordered:
        return None
    latest, earlier = ordered[-1], ordered[:-1]
    recent = [d for d in earlier if (latest.date - d.date).days <= STUCK_DAYS]
    seen = frozenset().union(*(d.symptoms for d in recent))
    if new := latest.symptoms - seen:
        return Suggestion("new_sign", after=latest.pain, signs=tuple(sorted(new)))
    week = [d for d in earlier if (latest.date - d.date).days <= RISE_DAYS]
    if week:
        low = min(week, key=lambda d: (d.pain, d.date))
        if latest.pain - low.pain >= RISE:
            return Suggestion("pain_up", low.pain, latest.pain, (latest.date - low.date).days)
    then = [d for d in earlier if (latest.date - d.date).days >= STUCK_DAYS]
    if then and latest.pain > 0 and latest.pain >= then[-1].pain:
        start = then[-1]
        return Suggestion("not_improving", start.pain, latest.pain, (latest.date - start.date).days)
    return None


def pain_change(days: Sequence[Day], today: dt.date) -> Change | None:
    """From the first entry to the latest one; None with fewer than two days."""
    ordered = _in_order(days, today)
    if len({d.date for d in ordered}) < 2:
        return None
    first, last = ordered[0], ordered[-1]
    return Change(first.pain, last.pain, (last.date - first.date).days)


def what_helped(days: Sequence[Day], today: dt.date) -> list[Helped]:
    """For each card a person used, their mean pain on days with and without
    it, lowest pain-with-card first; only cards with days of both kinds."""
    ordered = _in_order(days, today)
    cards = sorted(frozenset().union(*(d.helped for d in ordered))) if ordered else []
    found = []
    for card in cards:
        with_card = [d.pain for d in ordered if card in d.helped]
        without = [d.pain for d in ordered if card not in d.helped]
        if with_card and without:
            found.append(
                Helped(card, fmean(with_card), len(with_card), fmean(without), len(without))
            )
    return sorted(found, key=lambda h: (h.with_card - h.without_card, h.card))


# The spec's range of gestational weeks.
MIN_WEEKS, MAX_WEEKS = 0, 44

# Every location: an entry that names none is read as if it could be anywhere
# (the cautious reading; with little pain few rules depend on where).
ALL_LOCATIONS = ("lower_back", "upper_back", "pelvic_back", "pubic", "flank", "leg")


def entry_document(
    *,
    weeks: int | None,
    pain: int,
    locations: Sequence[str],
    worse_with: Sequence[str],
    symptoms: Sequence[str],
    history: Sequence[str],
) -> dict[str, object]:
    """The assessment document an entry stands for; the spec's defaults fill
    what a diary does not ask. Repeated items count once. Without weeks, or
    with a day outside the spec's 0 to 44 weeks (before the pregnancy, long
    after the due date), the caller reads every week: the cautious way."""
    document: dict[str, object] = {
        "pain": {
            "intensity": pain,
            "locations": _once(locations) or list(ALL_LOCATIONS),
            "worse_with": _once(worse_with),
        },
        "symptoms": _once(symptoms),
        "history": _once(history),
    }
    if weeks is not None and MIN_WEEKS <= weeks <= MAX_WEEKS:
        document["gestational_weeks"] = weeks
    return document


def _once(items: Sequence[str]) -> list[str]:
    return list(dict.fromkeys(items))
