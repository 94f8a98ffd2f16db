"""The advice library's search: every card in the page's language, made once
into an index; words found whole, as part of a word, with an ending, or
(a typo) as the library's closest words; rarer words and titles count most."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from django.utils.translation import override
from rapidfuzz import fuzz, process

from lumba.content.loader import default_library
from lumba.core.cards import AdviceCard
from lumba.core.library import Library
from lumba.web.advice.topics import TOPIC_NAMES

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
