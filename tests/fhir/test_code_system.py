"""lumba's CodeSystems: every code an answer option carries is defined, with
the content's words; the triage levels, most urgent first."""

from __future__ import annotations

import pytest

from lumba.core import vocabulary as v
from lumba.fhir.canonical import CODE_SYSTEM_URL, LEVEL_SYSTEM_URL
from lumba.fhir.code_system import code_system, level_code_system
from lumba.fhir.questionnaire import questionnaire
from lumba.fhir.validation import validate
from tests.fhir.conftest import walk


@pytest.fixture(scope="module")
def codes(library):
    return code_system(library)


def test_both_are_valid_r4b_code_systems(codes, library) -> None:
    validate(codes)
    validate(level_code_system(library))
    assert codes["url"] == CODE_SYSTEM_URL
    assert codes["content"] == "complete" and codes["caseSensitive"] is True
    assert codes["count"] == len(codes["concept"])


def test_each_code_is_defined_once(codes) -> None:
    found = [concept["code"] for concept in codes["concept"]]
    assert len(found) == len(set(found))
    assert all(concept["display"] and concept["definition"] for concept in codes["concept"])


def test_every_answer_option_code_is_in_the_code_system(codes, library) -> None:
    defined = {concept["code"]: concept for concept in codes["concept"]}
    offered = [
        option["valueCoding"]
        for item in walk(questionnaire(library)["item"])
        for option in item.get("answerOption", [])
    ]
    assert offered
    for coding in offered:
        assert coding["system"] == CODE_SYSTEM_URL
        concept = defined[coding["code"]]
        # Shown in the content's words: the concept's own, or one of its designations.
        words = {concept["display"], *(d["value"] for d in concept.get("designation", []))}
        assert coding["display"] in words


def test_the_spec_vocabularies_are_all_there(codes) -> None:
    defined = {concept["code"] for concept in codes["concept"]}
    for vocabulary in (v.Symptom, v.Location, v.HistoryItem, v.Activity, v.Pattern, v.Impact):
        assert set(v.values(vocabulary)) <= defined


def test_a_sign_is_defined_in_the_content_words(codes, library) -> None:
    concept = next(c for c in codes["concept"] if c["code"] == "heavy_vaginal_bleeding")
    choice = library.questionnaire.choice("symptoms", "heavy_vaginal_bleeding")
    assert concept["display"] == choice.label.get()
    assert choice.hint.get() in concept["definition"]
    assert {"code": "question", "valueString": "emergency_signs"} in concept["property"]


def test_the_levels_are_the_triage_levels_with_their_labels(library) -> None:
    levels = level_code_system(library)
    assert levels["url"] == LEVEL_SYSTEM_URL
    assert [c["code"] for c in levels["concept"]] == list(v.LEVELS_MOST_URGENT_FIRST)
    for concept in levels["concept"]:
        assert concept["display"] == library.levels[concept["code"]].label.get()
        assert "{" not in concept["definition"]  # no region's number left to fill in
