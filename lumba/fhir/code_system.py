"""lumba's codes as FHIR CodeSystems: the answers the Questionnaire offers
(symptoms, places, history and the other options, by their stable ids),
and the triage levels."""

from __future__ import annotations

from typing import Any

from lumba.core.library import Library
from lumba.core.questions import NONE_OF_THESE, Question
from lumba.core.vocabulary import LEVELS_MOST_URGENT_FIRST, URGENCY
from lumba.fhir.canonical import (
    CODE_SYSTEM_ID,
    CODE_SYSTEM_URL,
    LEVEL_SYSTEM_ID,
    LEVEL_SYSTEM_URL,
)
from lumba.fhir.items import answer_codes

# The web says this in its own words (a gettext string): English here.
NONE_LABEL = "None of these"
# "none" is both the web's "None of these" on a checklist and the spec's
# `daily_life_impact: none`; both say that nothing listed applies, and a
# code system has one concept per code.
NONE_DEFINITION = (
    "Nothing listed applies: on a checklist, none of the signs listed; "
    "for how much the pain limits daily life, not at all."
)
# The lists of the spec published whole, even a code no question offers.
VOCABULARY_FIELDS = ("symptoms", "pain.locations", "history")
# Words for a level's definition, where the level's headline names the
# person's local numbers (a code system is the same in every region).
_PLACEHOLDERS = {"emergency": "the local emergency number", "advice_line": "a health advice line"}


def code_system(library: Library, language: str = "en") -> dict[str, Any]:
    """Every code an answer option of the lumba Questionnaire can carry."""
    concepts = _concepts(library, language)
    return {
        "resourceType": "CodeSystem",
        "id": CODE_SYSTEM_ID,
        "url": CODE_SYSTEM_URL,
        "version": library.version,
        "name": "LumbaCodes",
        "title": "lumba: symptoms, places, history and answers",
        "status": "active",
        "language": language,
        "description": "The stable ids lumba's assessment and check use for answers. "
        "Codes are lumba's own; they are not a diagnosis.",
        "caseSensitive": True,
        "content": "complete",
        "count": len(concepts),
        "property": [
            {
                "code": "question",
                "description": "A lumba Questionnaire item (linkId) that offers the code.",
                "type": "string",
            }
        ],
        "concept": list(concepts.values()),
    }


def _concepts(library: Library, language: str) -> dict[str, dict[str, Any]]:
    questionnaire = library.questionnaire
    concepts: dict[str, dict[str, Any]] = {}
    for question in questionnaire.questions():
        for code in answer_codes(question):
            label, hint = _words(library, question.field, code, language)
            concept = concepts.setdefault(code, _concept(code, label, hint))
            _offered_by(concept, question, label, language)
    for field in VOCABULARY_FIELDS:
        for code in questionnaire.choices.get(field, {}):
            if code not in concepts:
                concepts[code] = _concept(code, *_words(library, field, code, language))
    return concepts


def _words(library: Library, field: str, code: str, language: str) -> tuple[str, str | None]:
    if code == NONE_OF_THESE and code not in library.questionnaire.choices.get(field, {}):
        return NONE_LABEL, None
    choice = library.questionnaire.choice(field, code)
    return choice.label.get(language), choice.hint.get(language) if choice.hint else None


def _concept(code: str, label: str, hint: str | None) -> dict[str, Any]:
    definition = NONE_DEFINITION if code == NONE_OF_THESE else f"{label}. {hint}" if hint else label
    return {"code": code, "display": label, "definition": definition}


def _offered_by(concept: dict[str, Any], question: Question, label: str, language: str) -> None:
    concept.setdefault("property", []).append({"code": "question", "valueString": question.id})
    known = {concept["display"], *(d["value"] for d in concept.get("designation", []))}
    if label not in known:
        # The same code shown in other words by another question ("Not at all").
        concept.setdefault("designation", []).append({"language": language, "value": label})


def level_code_system(library: Library, language: str = "en") -> dict[str, Any]:
    """The triage levels, most urgent first."""
    return {
        "resourceType": "CodeSystem",
        "id": LEVEL_SYSTEM_ID,
        "url": LEVEL_SYSTEM_URL,
        "version": library.version,
        "name": "LumbaTriageLevel",
        "title": "lumba triage levels",
        "status": "active",
        "language": language,
        "description": "How soon a person should get help, as lumba's triage says.",
        "caseSensitive": True,
        "content": "complete",
        "count": len(LEVELS_MOST_URGENT_FIRST),
        "property": [
            {
                "code": "urgency",
                "description": "Higher is more urgent (self_care is 1).",
                "type": "integer",
            }
        ],
        "concept": [_level(library, level, language) for level in LEVELS_MOST_URGENT_FIRST],
    }


def _level(library: Library, level: str, language: str) -> dict[str, Any]:
    guidance = library.levels[level]
    return {
        "code": level,
        "display": guidance.label.get(language),
        "definition": guidance.headline.get(language).format_map(_PLACEHOLDERS),
        "property": [{"code": "urgency", "valueInteger": URGENCY[level]}],
    }
