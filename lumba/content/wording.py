"""Checks on the words of the content: plain reading, urgency that fits the
level, and what is still waiting for clinical review.

Run by `lumba content check` beside the structural checks of the loader.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lumba.content.loader import Problem
from lumba.content.translations import texts
from lumba.core.library import Library
from lumba.core.text import LocalizedText
from lumba.core.vocabulary import LEVELS_MOST_URGENT_FIRST, URGENCY

RULES_FILE = "lumba/content/data/rules.yaml"
LEVELS_FILE = "lumba/content/data/levels.yaml"
CHINESE = "zh-Hans"

# About age 11-12: a US school grade of 8 at most, and short sentences.
MAX_GRADE = 8.0
MAX_SENTENCE_WORDS = 20
# A sign is one item of a list, a phrase rather than a sentence: only its length is limited.
MAX_SIGN_WORDS = 24

# Words that tell a person how fast to act, and the level each implies.
# A hand-written card may use them only when every level it can appear at
# is at least that urgent (generated sign lists are exempt: they come from
# the rules themselves).
URGENCY_WORDS: dict[str, str] = {
    r"(?<![\d,.])\b(999|911|112|000)\b": "emergency",
    r"\bemergency number\b": "emergency",
    r"\bambulance\b": "emergency",
    r"\bA&E\b": "emergency",
    # An obstetric emergency department (China's 产科急诊) is where urgent
    # care in pregnancy goes, like a labour ward; a hospital's own emergency
    # department is where an emergency goes.
    r"(?<!obstetric )\bemergency department\b": "emergency",
    r"\bobstetric emergency department\b": "urgent",
    r"\bstraight away\b": "urgent",
    r"\bat once\b": "urgent",
    r"\bimmediately\b": "urgent",
    r"\bright away\b": "urgent",
    r"\bcall (your \w+ )?(unit |midwife )?now\b": "urgent",
    r"\bsame day\b": "urgent",
    r"\blabour ward\b": "urgent",
    r"\bday or night\b": "urgent",
    r"\bwithin 24 hours\b": "soon",
    r"\bwithin a day\b": "soon",
    r"\btoday\b": "soon",
}


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?:])\s+|\n+", text.strip()) if s.strip()]


def _reading_problem(text: str) -> str | None:
    import textstat  # imported here: only the content check needs it

    longest = max((len(s.split()) for s in _sentences(text)), default=0)
    if longest > MAX_SENTENCE_WORDS:
        return f"a sentence of {longest} words (at most {MAX_SENTENCE_WORDS}): split it"
    grade = textstat.flesch_kincaid_grade(text)
    if grade > MAX_GRADE:
        return f"reads at school grade {grade:g} (at most {MAX_GRADE:g}): use shorter, common words"
    return None


def readability_problems(library: Library) -> list[Problem]:
    """Rule titles and explanations, and level headlines, in plain words; signs
    short; and the Chinese texts in short sentences (chinese_readability_problems)."""
    found = []
    for rule in library.rules:
        for name, text in (("title", rule.title), ("explanation", rule.explanation)):
            problem = _reading_problem(text.get())
            if problem:
                found.append(Problem(RULES_FILE, f"{rule.id}.{name}", problem))
        words = len(rule.sign.get().split()) if rule.sign else 0
        if words > MAX_SIGN_WORDS:
            message = f"{words} words (at most {MAX_SIGN_WORDS}): a sign is one short list item"
            found.append(Problem(RULES_FILE, f"{rule.id}.sign", message))
    for guidance in library.levels.values():
        problem = _reading_problem(guidance.headline.get())
        if problem:
            found.append(Problem(LEVELS_FILE, f"{guidance.level}.headline", problem))
    return found + chinese_readability_problems(library)


# The same in Simplified Chinese, mirroring the English list: the emergency
# numbers, the ambulance and the hospital's emergency department; "now",
# "at once", "same day", "day or night" and the obstetric emergency
# department (产科急诊, the labour ward's place in China); "within 24 hours"
# and "today". Chinese has no spaces, so the patterns match inside words:
# each is a whole expression, and 当天 is "same day" only when no 晚/早
# follows (当天晚些时候 is "later that day").
URGENCY_WORDS_ZH: dict[str, str] = {
    r"(?<![\d,.])(120|999|911|112|000)(?![\d])": "emergency",
    r"急救电话": "emergency",
    r"救护车": "emergency",
    r"急诊科": "emergency",
    r"(?<!产科)急诊(?!科)": "emergency",
    r"产科急诊": "urgent",
    r"马上|立即|立刻|赶紧": "urgent",
    r"现在就": "urgent",
    r"当天(?![晚早])": "urgent",
    r"(不论|不管|无论)白天(还是)?(晚上|夜里)|白天晚上都": "urgent",
    r"不要等到明天": "urgent",
    r"24\s*小时内": "soon",
    r"[1一]\s*(?:[到至]\s*[2两二]\s*)?天内": "soon",
    r"今天": "soon",
}
URGENCY_PATTERNS: dict[str, dict[str, str]] = {"en": URGENCY_WORDS, CHINESE: URGENCY_WORDS_ZH}


def implied_level(text: str, language: str = "en") -> tuple[str, str] | None:
    """The most urgent level the text's urgency words imply, with the words."""
    best: tuple[str, str] | None = None
    for pattern, level in URGENCY_PATTERNS[language].items():
        match = re.search(pattern, text, flags=re.IGNORECASE)
        if match and (best is None or URGENCY[level] > URGENCY[best[0]]):
            best = (level, match.group(0))
    return best


def urgency_problems(library: Library) -> list[Problem]:
    """Hand-written cards whose urgency words, in any language, are more urgent
    than a level they can appear at; and Chinese texts that say less urgently
    what the English beside them says (translated_urgency_problems)."""
    found = []
    for card in library.cards:
        if card.urgency_reason:
            continue
        shown_at = [lv for lv in LEVELS_MOST_URGENT_FIRST if lv not in card.not_at_levels]
        for name in ("title", "summary", "text"):
            for language, text in getattr(card, name).root.items():
                if language not in URGENCY_PATTERNS:
                    continue
                implied = implied_level(text, language)
                if implied is None:
                    continue
                level, words = implied
                calmer = [lv for lv in shown_at if URGENCY[lv] < URGENCY[level]]
                if calmer:
                    found.append(
                        Problem(
                            f"lumba/content/cards/{card.id}.yaml",
                            name if language == "en" else f"{name}[{language}]",
                            f"says {words!r} ({level}) but can appear at {', '.join(calmer)}: "
                            "point to the warning signs instead, or add those levels to "
                            "not_at_levels",
                        )
                    )
    return found + translated_urgency_problems(library)


def translated_urgency_problems(library: Library) -> list[Problem]:
    """Chinese texts whose urgency words are calmer than their English's (a lost "now").

    Only a calmer translation is a problem: the English check above keeps the
    English within its level, and a Chinese text may be plainer about speed
    (不要等到明天) where the English leaves it to the heading."""
    found = []
    for file, field, english, chinese in _translated_pairs(library):
        said = implied_level(english)
        if said is None:
            continue
        level, words = said
        translated = implied_level(chinese, CHINESE)
        if translated is None or URGENCY[translated[0]] < URGENCY[level]:
            calmer = f"only {translated[1]!r} ({translated[0]})" if translated else "no such word"
            message = (
                f"the English says {words!r} ({level}) but the Chinese has {calmer}: "
                "keep the urgency in the translation"
            )
            found.append(Problem(file, field, message))
    return found


def _translated_pairs(library: Library) -> list[tuple[str, str, str, str]]:
    """(file, field, English, Chinese) for every text a person reads that has Chinese."""
    found = []
    for file, field, text in _shown_texts(library):
        if CHINESE in text.root:
            found.append((file, f"{field}[{CHINESE}]", text.root["en"], text.root[CHINESE]))
    return found


def _shown_texts(library: Library) -> list[tuple[str, str, LocalizedText]]:
    """(file, field, text) for rule titles, signs and explanations, every text of
    every level (its regional and early-pregnancy words too) and card titles,
    summaries and texts."""
    found: list[tuple[str, str, LocalizedText]] = []
    for rule in library.rules:
        for name in ("title", "sign", "explanation"):
            text = getattr(rule, name)
            if text is not None:
                found.append((RULES_FILE, f"{rule.id}.{name}", text))
    for guidance in library.levels.values():
        found += [(LEVELS_FILE, path, text) for path, text in texts(guidance, guidance.level)]
    for card in library.cards:
        file = f"lumba/content/cards/{card.id}.yaml"
        found += [(file, name, getattr(card, name)) for name in ("title", "summary", "text")]
    return found


# ------------------------------------------------------------ Chinese reading
# Chinese has no spaces between words: a sentence is measured in characters.
# Plain Chinese for the public keeps sentences to about 25 to 30 characters
# (readability research on Chinese patient leaflets found hospital leaflets
# with sentences averaging about 30 hard to read, and asked for shorter ones;
# see docs/safety/translation-review.md). The hard limit is the English one
# carried over: lumba's Chinese runs about 1.5 characters per English word, so
# the English 20 words are about 30 characters, and 35 leaves room for the
# subject Chinese restates. A sign is one list item and gets the English 24
# words' share, 40.
MAX_SENTENCE_CHARACTERS = 35
MAX_SIGN_CHARACTERS = 40
# Sentences end at 。！？； and at line ends (a ； joins two sentences).
_ZH_SENTENCE_END = re.compile(r"(?<=[。！？；])|\n+")
# A bracket explains a term at its first mention (子痫前期（也叫“先兆子痫”，……）)
# or gives a number's meaning: it is read as an aside, so it is measured on its
# own, against the same limit, and not added to the sentence around it.
_BRACKET = re.compile(r"（[^（）()]*）|\([^（）()]*\)")
# What is read counts: each Han character one, and a number, a Latin word or
# abbreviation (140/90, 38, NHS, TENS) or a {placeholder} one, as one word is
# read; punctuation and spaces do not count.
_READ_UNIT = re.compile(
    r"\{\w+\}|[A-Za-z0-9]+(?:[.,/:][A-Za-z0-9]+)*|[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"
)


def chinese_length(text: str) -> int:
    """How long a Chinese text reads, in characters (see _READ_UNIT)."""
    return len(_READ_UNIT.findall(text))


def chinese_sentences(text: str) -> list[str]:
    return [s.strip() for s in _ZH_SENTENCE_END.split(text.strip()) if s and s.strip()]


def _chinese_parts(sentence: str) -> list[str]:
    """The sentence without its brackets, then each bracket's own words."""
    asides: list[str] = []
    while (match := _BRACKET.search(sentence)) is not None:
        asides.append(match.group(0)[1:-1])
        sentence = sentence[: match.start()] + sentence[match.end() :]
    return [sentence, *asides]


def _chinese_reading_problem(text: str, limit: int = MAX_SENTENCE_CHARACTERS) -> str | None:
    for sentence in chinese_sentences(text):
        for number, part in enumerate(_chinese_parts(sentence)):
            length = chinese_length(part)
            if length > limit:
                what = "a bracket" if number else "a sentence"
                return (
                    f"{what} of {length} characters (at most {limit}): split it: "
                    f"{part.strip()[:24]!r}…"
                )
    return None


def chinese_readability_problems(library: Library) -> list[Problem]:
    """Chinese sentences short enough to read at once: rule titles, explanations
    and signs (as the English check), every text of every level, and the cards'
    titles, summaries and texts."""
    found = []
    for file, field, text in _shown_texts(library):
        chinese = text.root.get(CHINESE)
        if chinese is None:
            continue
        limit = MAX_SIGN_CHARACTERS if field.endswith(".sign") else MAX_SENTENCE_CHARACTERS
        problem = _chinese_reading_problem(chinese, limit)
        if problem:
            found.append(Problem(file, f"{field}[{CHINESE}]", problem))
    return found


# ------------------------------------------------------------ medicines
MEDICINES = (
    "paracetamol",
    "acetaminophen",
    "ibuprofen",
    "aspirin",
    "codeine",
    "naproxen",
    "diclofenac",
    "co-codamol",
    "tramadol",
    "morphine",
)
MEDICINE = re.compile(r"\b(" + "|".join(MEDICINES) + r")\b", re.IGNORECASE)
DOSE = re.compile(
    r"\b\d[\d,.]*\s?(mg|milligrams?|g|grams?|mcg|micrograms?|ml|tablets?|capsules?|pills?|doses?)\b"
    r"|\b(every|each)\s+\d+\s*(to\s+\d+\s*)?hours?\b"
    r"|\b\d+\s*(times|x)\s+(a|per|each)\s+day\b"
    r"|\b(one|two|three|four|five|six|eight)\s+(tablets?|capsules?|pills?)\b",
    re.IGNORECASE,
)
# Words that name a condition as the person's, rather than say what a sign can mean.
DIAGNOSIS = re.compile(
    r"\btypical of\b|\byou have (a|an)\b|\busually (from|caused by)\b"
    r"|\bis caused by\b|\bthis is (a |an )?(\w+ ){0,3}(syndrome|infection|fracture|labour)\b"
    r"|\boften sciatica\b",
    re.IGNORECASE,
)


def _medicine_sentence_with_dose(text: str) -> str | None:
    for sentence in re.split(r"(?<=[.!?])\s+|\n\s*\n|\n\s*-\s", text):
        if MEDICINE.search(sentence) and DOSE.search(sentence):
            return sentence.strip()
    return None


def _person_texts(library: Library) -> list[tuple[str, str, str]]:
    """(file, field, text) for every text lumba shows a person, in every language."""
    found: list[tuple[str, str, str]] = []
    for rule in library.rules:
        for name in ("title", "sign", "explanation"):
            text = getattr(rule, name)
            if text is not None:
                found += [
                    (RULES_FILE, f"{rule.id}.{name}[{lang}]", t) for lang, t in text.root.items()
                ]
    for guidance in library.levels.values():
        texts = [
            ("headline", guidance.headline),
            *((f"actions[{i}]", a) for i, a in enumerate(guidance.actions)),
        ]
        for name, text in texts:
            found += [
                (LEVELS_FILE, f"{guidance.level}.{name}[{lang}]", t)
                for lang, t in text.root.items()
            ]
    for card in library.cards:
        for name in ("title", "summary", "text", "evidence"):
            file = f"lumba/content/cards/{card.id}.yaml"
            found += [(file, f"{name}[{lang}]", t) for lang, t in getattr(card, name).root.items()]
    return found


def medicine_problems(library: Library) -> list[Problem]:
    """No text anywhere gives a medicine dose; lumba leaves doses to professionals."""
    found = []
    for file, field, text in _person_texts(library):
        sentence = _medicine_sentence_with_dose(text)
        if sentence:
            found.append(Problem(file, field, f"gives a medicine dose: {sentence!r}"))
    return found


def diagnosis_problems(library: Library) -> list[Problem]:
    """Rule texts say what a sign can mean, never that the person has a condition."""
    found = []
    for file, field, text in _person_texts(library):
        if file != RULES_FILE:
            continue
        match = DIAGNOSIS.search(" ".join(text.split()))
        if match:
            message = f"{match.group(0)!r} reads like a diagnosis: say what the sign can mean"
            found.append(Problem(file, field, message))
    return found


@dataclass(frozen=True)
class ReviewSummary:
    draft_rules: tuple[str, ...]
    draft_cards: tuple[str, ...]
    rules: int
    cards: int

    @property
    def all_approved(self) -> bool:
        return not self.draft_rules and not self.draft_cards

    def __str__(self) -> str:
        if self.all_approved:
            return "clinical review: every rule and card is approved"
        return (
            f"clinical review: {len(self.draft_rules)} of {self.rules} rules and "
            f"{len(self.draft_cards)} of {self.cards} cards are drafts, "
            "not yet approved by a clinician"
        )


def review_summary(library: Library) -> ReviewSummary:
    return ReviewSummary(
        draft_rules=tuple(r.id for r in library.rules if not r.review.approved),
        draft_cards=tuple(c.id for c in library.cards if not c.review.approved),
        rules=len(library.rules),
        cards=len(library.cards),
    )
