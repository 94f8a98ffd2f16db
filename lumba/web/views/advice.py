"""The advice library: every card by topic, with search, each card's page, and common myths."""

from __future__ import annotations

import itertools
import math
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.functional import Promise
from django.utils.translation import get_language, gettext, ngettext, override
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe
from rapidfuzz import fuzz, process

from lumba.content.loader import default_library, default_myths
from lumba.core.cards import AdviceCard
from lumba.core.conditions import Condition
from lumba.core.library import Library
from lumba.core.questions import Questionnaire
from lumba.core.safety import EXERCISE_UNSAFE
from lumba.core.sources import Source
from lumba.core.vocabulary import EXERCISE_TOPICS
from lumba.service import triager
from lumba.web.region import region_for

# The topics in reading order, with the names people read.
TOPIC_NAMES: dict[str, Promise] = {
    "posture": _("Posture, sitting and standing"),
    "sleep": _("Sleep and rest"),
    "lifting": _("Lifting and carrying"),
    "pacing": _("Pacing yourself"),
    "exercise": _("Exercise"),
    "water_exercise": _("Exercise in water"),
    "pelvic_belt": _("Pelvic support belts"),
    "heat_cold": _("Heat and cold"),
    "massage": _("Massage and essential oils"),
    "physiotherapy": _("Physiotherapy"),
    "acupuncture": _("Acupuncture"),
    "pain_relief": _("Pain relief and medicines"),
    "calcium": _("Calcium, vitamin D and food"),
    "footwear": _("Shoes"),
    "work": _("Work"),
    "emotional_support": _("Your feelings and getting support"),
    "warning_signs": _("Warning signs: when to get help"),
}

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

# Longer searches are cut here: nobody types more, and it bounds the work.
MAX_QUERY_CHARS = 100
MAX_QUERY_WORDS = 12
# Punctuation around a search word that should not stop it matching.
_EDGE_PUNCTUATION = " \t.,;:!?\"'“”‘’()[]"
# The little words of a question ("can I take calcium?"): they say nothing of
# what the person is looking for, and are in almost every card, so a search
# leaves them out. The content is in English only for now.
STOP_WORDS = frozenset(
    word
    for line in (
        "a about after am an and any are as at be been being but by can can't cannot could",
        "did do does doing don't for from get gets getting got had has have having how i",
        "i'd i'll i'm i've if in into is isn't it it's its just me might my of off on or",
        "our should so some than that the their them then there these they this those to",
        "take takes taking too us was we were what what's when where which while who why",
        "will with would you your",
        # Every card is about pregnancy: these words would not narrow a search.
        "pregnant pregnancy",
    )
    for word in line.split()
)
# A word of the search, a word of a card: letters and digits, with apostrophes inside.
_WORD = re.compile(r"\w+(?:'\w+)*")
# A search word may end in up to this many letters more than a card's word and
# still find it ("sleeping" finds "sleep", "exercises" finds "exercise"), as
# long as what is left is at least STEM_CHARS long.
MAX_ENDING = 4
STEM_CHARS = 4
# A word found nowhere in the library is taken as a typo and matched to the
# library's closest words (rapidfuzz's ratio, 0-100) if at least this close.
FUZZY_MIN_CHARS = 4
FUZZY_CUTOFF = 80
# ...keeping only the corrections this close to the best one ("calcum" is
# "calcium", 92, not also "calm", 80).
FUZZY_SPREAD = 5
# How much a match counts, by where it is: the title most (alone, more than
# summary and text together), then the summary and the name of the card's topic
# (so "sleep" finds every card about sleep and rest), then the text.
FIELD_WEIGHTS = (4.0, 2.0, 1.0, 2.0)  # title, summary, text, topic name
WHOLE_WORD, PART_OF_WORD, CORRECTED = 1.0, 0.9, 0.9


def _language() -> str:
    return get_language() or "en"


def _fold(text: str) -> str:
    """Text for matching: case-folded, curly apostrophes made straight."""
    return text.casefold().replace("’", "'").replace("‘", "'")


@dataclass(frozen=True)
class CardEntry:
    """One card in the page's language, as the library lists it."""

    id: str
    topic: str
    title: str
    summary: str
    priority: int
    haystack: str = field(repr=False)
    # What a search looks in (title, summary, text and the topic's name, as in
    # FIELD_WEIGHTS), folded, and the words of each: made once per card.
    fields: tuple[str, ...] = field(repr=False, default=())
    words: tuple[frozenset[str], ...] = field(repr=False, default=())

    @classmethod
    def of(cls, card: AdviceCard, language: str, topic_name: str = "") -> CardEntry:
        title, summary, text = (t.get(language) for t in (card.title, card.summary, card.text))
        folded = (_fold(title), _fold(summary), _fold(text), _fold(topic_name))
        return cls(
            card.id,
            card.topic,
            title,
            summary,
            card.priority,
            "\n".join(folded),
            folded,
            tuple(frozenset(_WORD.findall(f)) for f in folded),
        )

    def score(self, word: str, stems: frozenset[str] | None = None) -> float:
        """How well one folded search word is found here: 0 if not at all.

        Each of title, summary and text that has the word adds its weight,
        a whole word fully, a part of a word ("side" in "inside") or the word
        with an ending ("sleeping" for "sleep") a little less. `stems` are the
        word's _stems, if already made.
        """
        total = 0.0
        if stems is None:
            stems = _stems(word)
        for weight, text, words in zip(FIELD_WEIGHTS, self.fields, self.words, strict=True):
            if word in words:
                total += weight * WHOLE_WORD
            elif word in text or not stems.isdisjoint(words):
                total += weight * PART_OF_WORD
        return total

    def matches(self, words: list[str]) -> bool:
        """Whether every word is found here, as written (no typo correction)."""
        return all(self.score(word) for word in words)


def _stems(word: str) -> frozenset[str]:
    """The word without its last 1 to MAX_ENDING letters, each at least STEM_CHARS long."""
    shortest = max(STEM_CHARS, len(word) - MAX_ENDING)
    return frozenset(word[:end] for end in range(shortest, len(word)))


def search_words(query: str) -> list[str]:
    """The words of a search that say what to look for, folded, each once."""
    words = (_fold(word).strip(_EDGE_PUNCTUATION) for word in query.split())
    kept = [word for word in words if word and word not in STOP_WORDS]
    return list(dict.fromkeys(kept))[:MAX_QUERY_WORDS]


@dataclass(frozen=True)
class SearchIndex:
    """Every card of the library in one language, ready to search; made once."""

    library: Library
    entries: tuple[CardEntry, ...]
    vocabulary: tuple[str, ...]  # every word of every card, once
    known: frozenset[str]
    text: str  # every card's folded text, for finding a part of a word

    @classmethod
    def of(cls, library: Library, language: str) -> SearchIndex:
        with override(language):
            names = {topic: str(name) for topic, name in TOPIC_NAMES.items()}
        entries = tuple(
            CardEntry.of(card, language, names.get(card.topic, "")) for card in library.cards
        )
        known = frozenset().union(*(w for e in entries for w in e.words))
        return cls(
            library,
            entries,
            tuple(sorted(known)),
            known,
            "\n".join(e.haystack for e in entries),
        )

    def knows(self, word: str) -> bool:
        """Whether the word, as written, is somewhere in the library."""
        return word in self.text or not _stems(word).isdisjoint(self.known)

    def terms(self, word: str) -> list[tuple[str, float]]:
        """What to look for for one search word, each with how much a match counts.

        The word itself if the library has it; if not, it is taken as a typo and
        replaced by the library's closest words; none if nothing is close.
        """
        if self.knows(word):
            return [(word, 1.0)]
        if len(word) < FUZZY_MIN_CHARS:
            return []
        close = process.extract(
            word, self.vocabulary, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, limit=None
        )
        if not close:
            return []
        best = close[0][1]
        return [
            (found, CORRECTED * similarity / 100)
            for found, similarity, _ in close
            if similarity >= best - FUZZY_SPREAD
        ]


_search_indexes: dict[str, SearchIndex] = {}


def search_index(language: str) -> SearchIndex:
    """The library's search index in a language, made on first use (and again if
    the library was loaded again)."""
    library = default_library()
    index = _search_indexes.get(language)
    if index is None or index.library is not library:
        index = _search_indexes[language] = SearchIndex.of(library, language)
    return index


@dataclass(frozen=True)
class SearchResult:
    """The cards a search found, best first, and whether they are only the closest
    matches (no card had every word)."""

    entries: list[CardEntry]
    closest: bool = False


def search(index: SearchIndex, words: list[str], topic: str = "") -> SearchResult:
    """The cards (of the topic, if given) that have every word, best first.

    If no card has every word, the cards that have at least half of them, those
    with the most words first. A word in few cards counts for more than a word
    in almost every card, and a word in a title more than one in a text.
    """
    shown = [i for i, e in enumerate(index.entries) if not topic or e.topic == topic]
    if not words:
        return SearchResult([index.entries[i] for i in shown])
    everywhere = len(index.entries)
    found = [0] * everywhere
    scores = [0.0] * everywhere
    for word in words:
        best = [0.0] * everywhere
        for term, counts in index.terms(word):
            stems = _stems(term)
            here = [entry.score(term, stems) for entry in index.entries]
            rarity = 1.0 + math.log(everywhere / max(1, sum(1 for s in here if s)))
            best = [max(b, s * counts * rarity) for b, s in zip(best, here, strict=True)]
        for i in shown:
            if best[i]:
                found[i] += 1
                scores[i] += best[i]
    order = {t: n for n, t in enumerate(TOPIC_NAMES)}

    def rank(i: int) -> tuple[int, float, int, int, str]:
        e = index.entries[i]
        return (-found[i], -scores[i], order.get(e.topic, len(order)), -e.priority, e.title)

    needed = len(words)
    closest = False
    if len(words) > 1 and not any(found[i] == needed for i in shown):
        needed, closest = math.ceil(len(words) / 2), True
    hits = sorted((i for i in shown if found[i] >= needed), key=rank)
    return SearchResult([index.entries[i] for i in hits], closest=closest and bool(hits))


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
            "lumba/advice_problem.html",
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
    return render(request, "lumba/advice_library.html", context)


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
            "lumba/advice_problem.html",
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
        "for_you_if": _describe(found.applies_when, content.questionnaire, language),
        "not_for_you_if": _not_for_you_if(found, content.questionnaire, language),
        "get_help_first": _help_first(found.not_at_levels),
    }
    return render(request, "lumba/advice_card.html", context)


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
    return render(request, "lumba/advice_myths.html", {"myths": items})


def _source(source: Source) -> dict[str, str]:
    """A citation: the title, the link, and the site it is on (so people know where it goes)."""
    host = (urlsplit(source.url).hostname or "").removeprefix("www.")
    return {"code": source.code, "title": source.title, "url": source.url, "host": host}


# ---------------------------------------------------------------- who a card is for
# A card's conditions, said in words: each condition is turned into a list of
# alternatives (any one is enough), each alternative a list of facts that must
# all hold. Conditions too tangled to say plainly give None and are left out.
# Each fact is a whole sentence; the page lists the facts of one alternative
# under "All of these together:" rather than joining them into one sentence,
# which no single word order would fit in every language.

MAX_ALTERNATIVES = 40
_Alternatives = list[list[str]]


def _not_for_you_if(
    card: AdviceCard, questionnaire: Questionnaire, language: str
) -> _Alternatives | None:
    """The card's own exclusions and, for exercise advice, the one safety rule that hides it."""
    own = _describe(card.not_when, questionnaire, language) or []
    if card.topic in EXERCISE_TOPICS or card.exercise:
        own += _describe(EXERCISE_UNSAFE, questionnaire, language) or []
    return own or None


def _describe(
    condition: Condition | None, questionnaire: Questionnaire, language: str
) -> _Alternatives | None:
    if condition is None:
        return None
    return _alternatives(condition, questionnaire, language) or None


def _alternatives(
    condition: Condition, questionnaire: Questionnaire, language: str
) -> _Alternatives | None:
    parts: list[_Alternatives] = []
    for key in sorted(condition.model_fields_set):
        value = getattr(condition, key)
        if key == "any_of":
            part: _Alternatives | None = []
            for child in value:
                found = _alternatives(child, questionnaire, language)
                if found is None:
                    return None
                part = [*(part or []), *found]
        elif key == "all_of":
            children = [_alternatives(child, questionnaire, language) for child in value]
            if any(child is None for child in children):
                return None
            part = _product([c for c in children if c is not None])
        else:
            part = _test_alternatives(key, value, questionnaire, language)
        if part is None:
            return None
        parts.append(part)
    combined = _product(parts)
    if combined is None or len(combined) > MAX_ALTERNATIVES:
        return None
    return _unique(combined)


def _product(parts: list[_Alternatives]) -> _Alternatives | None:
    combined: _Alternatives = [[]]
    for part in parts:
        combined = [[*left, *right] for left in combined for right in part]
        if len(combined) > MAX_ALTERNATIVES:
            return None
    return combined


def _unique(alternatives: _Alternatives) -> _Alternatives:
    seen: set[tuple[str, ...]] = set()
    kept = []
    for facts in alternatives:
        key = tuple(dict.fromkeys(facts))
        if key not in seen:
            seen.add(key)
            kept.append(list(key))
    return kept


# Condition keys that list choices, with the questionnaire field that labels them
# and how one choice is said ("%(label)s" is the choice's label).
_CHOICE_TESTS: dict[str, tuple[str, Promise | None, bool]] = {
    "symptoms_any": ("symptoms", None, True),
    "symptoms_all": ("symptoms", None, False),
    "history_any": ("history", None, True),
    "locations_any": ("pain.locations", _("Your pain is here: %(label)s"), True),
    "worse_with_any": ("pain.worse_with", _("Your pain is worse with: %(label)s"), True),
    "pattern_in": ("pain.pattern", _("Your pain comes: %(label)s"), True),
    "onset_in": ("pain.onset", _("Your pain started: %(label)s"), True),
    "impact_in": (
        "pain.daily_life_impact",
        _("How much your pain stops you doing things: %(label)s"),
        True,
    ),
}


def _test_alternatives(
    key: str, value: object, questionnaire: Questionnaire, language: str
) -> _Alternatives | None:
    if key in _CHOICE_TESTS:
        field_name, pattern, any_one = _CHOICE_TESTS[key]
        labels = []
        for name in value:  # type: ignore[attr-defined]
            choice = questionnaire.choices.get(field_name, {}).get(name)
            if choice is None:
                return None
            label = choice.label.get(language)
            labels.append(str(pattern) % {"label": label} if pattern else label)
        return [[label] for label in labels] if any_one else [labels]
    if key == "weeks":
        low, high = value.min, value.max  # type: ignore[attr-defined]
        if low is not None and high is not None:
            text = gettext("You are between %(min)d and %(max)d weeks pregnant") % {
                "min": low,
                "max": high,
            }
        elif low is not None:
            text = gettext("You are %(weeks)d weeks pregnant or more") % {"weeks": low}
        else:
            text = gettext("You are %(weeks)d weeks pregnant or less") % {"weeks": high}
        return [[text]]
    return None


def _help_first(levels: list[str]) -> str:
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
