"""The advice library's pages: every card by topic, with search, each card's page, and common myths."""

from __future__ import annotations

import itertools
from collections.abc import Collection
from urllib.parse import urlsplit

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.functional import Promise
from django.utils.translation import get_language, gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from lumba.content.loader import default_library, default_myths
from lumba.core.audience import Alternatives, audience
from lumba.core.cards import AdviceCard
from lumba.core.questions import Questionnaire
from lumba.core.sources import Source
from lumba.service import triager
from lumba.web.advice.search import (
    MAX_QUERY_CHARS,
    CardEntry,
    search,
    search_index,
    search_words,
)
from lumba.web.advice.topics import TOPIC_NAMES
from lumba.web.visitor.region import region_for

# GRADE-style certainty, said in words a person can weigh.
CERTAINTY_WORDS: dict[str, Promise] = {
    "high": _("High: further research is very unlikely to change this."),
    "moderate": _("Moderate: further research may change this."),
    "low": _("Low: further research is likely to change this."),
    "very_low": _("Very low: we are very unsure about this."),
    "expert_opinion": _(
        "Expert opinion: this is advice from health professionals, not tested in research studies."
    ),
}


def _language() -> str:
    return get_language() or "en"


def _groups(entries: list[CardEntry], ranked: bool = False) -> list[dict[str, object]]:
    """Entries grouped by topic, topics in reading order, most important card first.

    Entries `ranked` best first (a search's) keep their order: the topic of the
    best card comes first, and each topic's cards stay best first.
    """
    if ranked:
        by_topic: dict[str, list[CardEntry]] = {}
        for entry in entries:
            by_topic.setdefault(entry.topic, []).append(entry)
        return [
            {"topic": topic, "name": TOPIC_NAMES[topic], "cards": cards}
            for topic, cards in by_topic.items()
        ]
    by_topic = {
        topic: list(cards)
        for topic, cards in itertools.groupby(
            sorted(entries, key=lambda e: e.topic), key=lambda e: e.topic
        )
    }
    return [
        {
            "topic": topic,
            "name": name,
            "cards": sorted(by_topic[topic], key=lambda e: (-e.priority, e.title)),
        }
        for topic, name in TOPIC_NAMES.items()
        if topic in by_topic
    ]


def _topic_choices() -> list[tuple[str, Promise]]:
    return list(TOPIC_NAMES.items())


@require_safe
def library(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:MAX_QUERY_CHARS]
    topic = request.GET.get("topic", "").strip()
    if topic and topic not in TOPIC_NAMES:
        return render(
            request,
            "advice/problem.html",
            {
                "page_title": gettext("There is no advice on that topic"),
                "message": gettext(
                    "We do not have a topic called “%(topic)s”. Choose one of these topics instead."
                )
                % {"topic": topic[:MAX_QUERY_CHARS]},
                "topics": _topic_choices(),
            },
            status=400,
        )

    words = search_words(query)
    found = search(search_index(_language()), words, topic)
    filtered = bool(words or topic)
    count = len(found.entries)
    context = {
        "q": query,
        "topic": topic,
        "topics": _topic_choices(),
        "groups": _groups(found.entries, ranked=bool(words)),
        "filtered": filtered,
        "searched": bool(words),
        "count": count,
        "result_message": _result_message(count, query if words else "", topic, found.closest),
    }
    return render(request, "advice/library.html", context)


def _result_message(count: int, query: str, topic: str, closest: bool = False) -> str:
    if closest and topic:
        return ngettext(
            "No card about %(topic)s has every word of “%(q)s”. Showing the closest match: %(count)d card",
            "No card about %(topic)s has every word of “%(q)s”. Showing the closest matches: %(count)d cards",
            count,
        ) % {"count": count, "topic": TOPIC_NAMES[topic], "q": query}
    if closest:
        return ngettext(
            "No card has every word of “%(q)s”. Showing the closest match: %(count)d card",
            "No card has every word of “%(q)s”. Showing the closest matches: %(count)d cards",
            count,
        ) % {"count": count, "q": query}
    if query and topic:
        return ngettext(
            "%(count)d card about %(topic)s matches “%(q)s”",
            "%(count)d cards about %(topic)s match “%(q)s”",
            count,
        ) % {"count": count, "topic": TOPIC_NAMES[topic], "q": query}
    if query:
        return ngettext(
            "%(count)d card matches “%(q)s”", "%(count)d cards match “%(q)s”", count
        ) % {"count": count, "q": query}
    if topic:
        return ngettext(
            "%(count)d card about %(topic)s", "%(count)d cards about %(topic)s", count
        ) % {"count": count, "topic": TOPIC_NAMES[topic]}
    return ""


@require_safe
def card(request: HttpRequest, card_id: str) -> HttpResponse:
    content = default_library()
    try:
        found = content.card(card_id)
    except KeyError:
        return render(
            request,
            "advice/problem.html",
            {
                "page_title": gettext("Page not found"),
                "message": gettext(
                    "We could not find that advice. It may have moved, or the web address may be wrong."
                ),
                "topics": _topic_choices(),
            },
            status=404,
        )
    language = _language()
    sources = [_source(content.sources[code]) for code in found.sources]
    others = [
        CardEntry.of(c, language)
        for c in content.cards
        if c.topic == found.topic and c is not found
    ]
    context = {
        "card": found,
        "title": found.title.get(language),
        "summary": found.summary.get(language),
        "text": triager(region=region_for(request).code, language=language).renderer.card_text(
            found
        ),
        "evidence": found.evidence.get(language),
        "certainty": CERTAINTY_WORDS[found.certainty],
        "sources": sources,
        "topic_name": TOPIC_NAMES[found.topic],
        "others": sorted(others, key=lambda e: (-e.priority, e.title)),
        **_audience_context(found, content.questionnaire, language),
        "get_help_first": _help_first(found.not_at_levels),
    }
    return render(request, "advice/card.html", context)


@require_safe
def myths(request: HttpRequest) -> HttpResponse:
    content = default_library()
    language = _language()
    titles = {c.id: c.title.get(language) for c in content.cards}
    items = [
        {
            "id": myth.id,
            "claim": myth.claim.get(language),
            "answer": myth.answer.get(language),
            "reviewed": myth.reviewed,
            "sources": [_source(content.sources[code]) for code in myth.sources],
            "cards": [(card_id, titles[card_id]) for card_id in myth.cards if card_id in titles],
        }
        for myth in default_myths()
    ]
    return render(request, "advice/myths.html", {"myths": items})


def _source(source: Source) -> dict[str, str]:
    """A citation: the title, the link, and the site it is on (so people know where it goes)."""
    host = (urlsplit(source.url).hostname or "").removeprefix("www.")
    return {"code": source.code, "title": source.title, "url": source.url, "host": host}


def _audience_context(
    card: AdviceCard, questionnaire: Questionnaire, language: str
) -> dict[str, list[list[str]]]:
    """Who the card is for and not for, as the core says it (core/audience.py), in words."""
    said = audience(card, questionnaire.labels(language))

    def words(alternatives: Alternatives) -> list[list[str]]:
        return [[phrase.render(gettext) for phrase in option] for option in alternatives]

    return {"for_you_if": words(said.for_you_if), "not_for_you_if": words(said.not_for_you_if)}


def _help_first(levels: Collection[str]) -> str:
    if "soon" in levels:
        return gettext(
            "If you need to see a midwife or doctor soon, or need urgent help, get that help first and ask them before you try this."
        )
    if "urgent" in levels:
        return gettext(
            "If you have a sign that needs urgent help, get that help first. This advice can wait."
        )
    if "emergency" in levels:
        return gettext("In an emergency, get help first. This advice can wait.")
    return ""
