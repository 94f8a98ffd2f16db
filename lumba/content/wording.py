"""Checks on the words of the content: plain reading, urgency that fits the
level, and what is still waiting for clinical review.

Run by `lumba content check` beside the structural checks of the loader.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lumba.content.loader import Problem
from lumba.core.library import Library
from lumba.core.vocabulary import LEVELS_MOST_URGENT_FIRST, URGENCY

RULES_FILE = "lumba/content/data/rules.yaml"
LEVELS_FILE = "lumba/content/data/levels.yaml"

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
    r"\bemergency department\b": "emergency",
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
    """Rule titles and explanations, and level headlines, in plain words; signs short."""
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
    return found


def implied_level(text: str) -> tuple[str, str] | None:
    """The most urgent level the text's urgency words imply, with the words."""
    best: tuple[str, str] | None = None
    for pattern, level in URGENCY_WORDS.items():
        match = re.search(pattern, text, flags=re.IGNORECASE)
        if match and (best is None or URGENCY[level] > URGENCY[best[0]]):
            best = (level, match.group(0))
    return best


def urgency_problems(library: Library) -> list[Problem]:
    """Hand-written cards whose urgency words are more urgent than a level they can appear at."""
    found = []
    for card in library.cards:
        if card.urgency_reason:
            continue
        shown_at = [lv for lv in LEVELS_MOST_URGENT_FIRST if lv not in card.not_at_levels]
        for name in ("title", "summary", "text"):
            implied = implied_level(getattr(card, name).get())
            if implied is None:
                continue
            level, words = implied
            calmer = [lv for lv in shown_at if URGENCY[lv] < URGENCY[level]]
            if calmer:
                found.append(
                    Problem(
                        f"lumba/content/cards/{card.id}.yaml",
                        name,
                        f"says {words!r} ({level}) but can appear at {', '.join(calmer)}: "
                        "point to the warning signs instead, or add those levels to not_at_levels",
                    )
                )
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
