"""The content loader: the packaged content loads, and broken content is refused with every
problem named by file and field, all at once. Also the safety rules for card text."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from content_copy import edit_yaml

from lumba.content import wording
from lumba.content.loader import CONTENT_DIR, ContentError, load_library
from lumba.core import vocabulary

# Spec v1 "Plan topics".
SPEC_TOPICS = (
    "posture",
    "sleep",
    "lifting",
    "pacing",
    "exercise",
    "water_exercise",
    "pelvic_belt",
    "heat_cold",
    "massage",
    "physiotherapy",
    "acupuncture",
    "pain_relief",
    "calcium",
    "footwear",
    "work",
    "emotional_support",
    "warning_signs",
)
MIN_CARDS = 30


# ---------------------------------------------------------------- the packaged content


def test_it_loads_the_packaged_content(library) -> None:
    assert library.rules
    assert library.cards


def test_it_ships_at_least_30_cards(library) -> None:
    assert len(library.cards) >= MIN_CARDS


def test_it_uses_the_spec_topics() -> None:
    assert set(vocabulary.values(vocabulary.Topic)) == set(SPEC_TOPICS)


@pytest.mark.parametrize("topic", SPEC_TOPICS)
def test_it_covers_every_spec_topic_with_a_card(topic: str, library) -> None:
    assert any(card.topic == topic for card in library.cards), f"no card for {topic}"


def test_it_names_each_card_file_after_its_card(library) -> None:
    files = {path.stem for path in (CONTENT_DIR / "cards").glob("*.yaml")}
    assert files == {card.id for card in library.cards}


# ---------------------------------------------------------------- broken copies


def _any_card(content: Path, index: int = 0) -> Path:
    return sorted((content / "cards").glob("*.yaml"))[index]


def _problems(content: Path) -> list[Any]:
    with pytest.raises(ContentError) as caught:
        load_library(content)
    assert caught.value.problems
    return caught.value.problems


def _set(key: str, value: Any) -> Callable[[dict[str, Any]], None]:
    return lambda data: data.__setitem__(key, value)


def test_it_loads_an_unbroken_copy(content: Path, library) -> None:
    copy = load_library(content)
    assert [rule.id for rule in copy.rules] == [rule.id for rule in library.rules]
    assert [card.id for card in copy.cards] == [card.id for card in library.cards]


def test_it_refuses_a_card_without_sources(content: Path) -> None:
    card = _any_card(content)
    edit_yaml(card, _set("sources", []))
    problems = _problems(content)
    assert any(p.file.endswith(f"cards/{card.name}") and p.field == "sources" for p in problems)


def test_it_refuses_a_card_citing_an_unknown_source(content: Path) -> None:
    card = _any_card(content)
    edit_yaml(card, _set("sources", ["S9999"]))
    problems = _problems(content)
    hits = [p for p in problems if p.file.endswith(f"cards/{card.name}") and "S9999" in p.message]
    assert hits, problems
    assert all("sources" in p.field for p in hits)


def test_it_refuses_a_card_with_an_unknown_topic(content: Path) -> None:
    card = _any_card(content)
    edit_yaml(card, _set("topic", "yoga"))
    problems = _problems(content)
    assert any(p.file.endswith(f"cards/{card.name}") and p.field == "topic" for p in problems)


def test_it_refuses_two_cards_with_the_same_id(content: Path) -> None:
    original = _any_card(content)
    card_id = original.stem
    shutil.copy(original, content / "cards" / "zz-copy-of-a-card.yaml")
    problems = _problems(content)
    assert any(card_id in p.message and "duplicate" in p.message.lower() for p in problems)
    assert any(
        p.file.endswith("cards/zz-copy-of-a-card.yaml") and p.field == "id" for p in problems
    )


def test_it_refuses_a_card_id_that_does_not_match_its_file_name(content: Path) -> None:
    card = _any_card(content, 1)
    edit_yaml(card, _set("id", "a-different-name"))
    problems = _problems(content)
    assert any(
        p.file.endswith(f"cards/{card.name}")
        and p.field == "id"
        and "a-different-name" in p.message
        for p in problems
    )


def test_it_refuses_two_rules_with_the_same_id(content: Path) -> None:
    rules = content / "data" / "rules.yaml"
    copied: list[str] = []

    def change(data: list[dict[str, Any]]) -> None:
        copied.append(data[0]["id"])
        data.append(dict(data[0]))

    edit_yaml(rules, change)
    problems = _problems(content)
    assert any(
        p.file.endswith("data/rules.yaml") and p.field == "id" and copied[0] in p.message
        for p in problems
    ), problems


def test_it_refuses_a_rule_citing_an_unknown_source(content: Path) -> None:
    rules = content / "data" / "rules.yaml"
    edit_yaml(rules, lambda data: data[1].__setitem__("sources", ["S9999"]))
    problems = _problems(content)
    hits = [p for p in problems if p.file.endswith("data/rules.yaml") and "S9999" in p.message]
    assert hits, problems
    assert all("sources" in p.field for p in hits)


def _break_rule(content: Path, index: int, when: Any) -> list[Any]:
    rules = content / "data" / "rules.yaml"

    def change(data: list[dict[str, Any]]) -> None:
        data[index]["when"] = when

    edit_yaml(rules, change)
    return [p for p in _problems(content) if p.file.endswith("data/rules.yaml")]


@pytest.mark.parametrize(
    ("when", "field"),
    [
        ({"symptom_any": ["fever"]}, "when.symptom_any"),
        ({"symptoms_any": ["hiccups"]}, "when.symptoms_any"),
        ({}, "when"),
        ({"weeks": {"min": 30, "max": 20}}, "when.weeks"),
        ({"intensity": {"min": 9, "max": 2}}, "when.intensity"),
        ({"any_of": [{"history_any": ["unicorns"]}]}, "when.any_of"),
        ({"weeks": {}}, "when.weeks"),
        ({"symptoms_any": ["tingling"]}, "when.symptoms_any"),
        ({"systolic": {"min": 200, "max": 100}}, "when.systolic"),
        ({"diastolic": {"min": "90"}}, "when.diastolic"),
    ],
    ids=[
        "unknown key",
        "unknown symptom",
        "empty",
        "weeks min>max",
        "intensity min>max",
        "nested unknown history",
        "empty range",
        "unknown v1.1-like symptom",
        "systolic min>max",
        "diastolic as text",
    ],
)
def test_it_refuses_a_malformed_rule_condition(content: Path, when: Any, field: str) -> None:
    index = 2
    problems = _break_rule(content, index, when)
    assert problems
    assert any(p.field.startswith(f"[{index}].{field}") for p in problems), problems


def test_it_reports_every_problem_at_once(content: Path) -> None:
    first, second, third = (_any_card(content, i) for i in (0, 1, 2))
    edit_yaml(first, _set("sources", []))
    edit_yaml(second, _set("topic", "yoga"))
    edit_yaml(third, _set("sources", ["S9999"]))
    edit_yaml(content / "data" / "rules.yaml", lambda data: data[0].__setitem__("when", {}))
    problems = _problems(content)
    assert len(problems) >= 4
    files = {p.file for p in problems}
    for path in (first, second, third):
        assert any(f.endswith(f"cards/{path.name}") for f in files), files
    assert any(f.endswith("data/rules.yaml") for f in files), files
    assert all(p.field for p in problems), problems


def test_it_names_file_and_field_in_the_error_message(content: Path) -> None:
    card = _any_card(content)
    edit_yaml(card, _set("topic", "yoga"))
    with pytest.raises(ContentError) as caught:
        load_library(content)
    assert card.name in str(caught.value)
    assert "topic" in str(caught.value)


# ---------------------------------------------------------------- the parse cache


def _summary(library) -> tuple[Any, ...]:
    return (
        library.rules,
        library.cards,
        dict(library.levels),
        dict(library.regions),
        dict(library.sources),
        library.questionnaire,
    )


def test_it_loads_the_same_content_with_and_without_the_parse_cache(
    content: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cold = load_library(content)
    warm = load_library(content)
    monkeypatch.setenv("LUMBA_NO_CONTENT_CACHE", "1")
    uncached = load_library(content)
    assert _summary(cold) == _summary(warm) == _summary(uncached)
    assert all(
        type(a.reviewed) is type(b.reviewed)
        for a, b in zip(warm.cards, uncached.cards, strict=True)
    )


def test_it_notices_a_content_change_after_a_cached_load(content: Path) -> None:
    load_library(content)
    load_library(content)  # now served from the cache
    card = _any_card(content)
    edit_yaml(card, _set("sources", []))
    problems = _problems(content)
    assert any(p.file.endswith(f"cards/{card.name}") and p.field == "sources" for p in problems)


def test_it_notices_a_same_size_edit_after_a_cached_load(content: Path) -> None:
    library = load_library(content)
    load_library(content)  # now served from the cache
    card, other = next(
        (card, topic)
        for card in library.cards
        for topic in SPEC_TOPICS
        if len(topic) == len(card.topic) and topic != card.topic
    )
    path = content / "cards" / f"{card.id}.yaml"
    text = path.read_text(encoding="utf-8")
    edited = text.replace(f"topic: {card.topic}\n", f"topic: {other}\n", 1)
    assert edited != text and len(edited) == len(text)
    path.write_text(edited, encoding="utf-8")
    assert load_library(content).card(card.id).topic == other


# ---------------------------------------------------------------- card text safety

# The detectors live with the content checks (lumba content check runs them everywhere).
MEDICINE, DOSE = wording.MEDICINE, wording.DOSE
ASK_A_PROFESSIONAL = re.compile(
    r"\b(midwife|doctor|pharmacist|GP|health professional)\b", re.IGNORECASE
)


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+|\n\s*\n|\n\s*-\s", text) if s.strip()]


def _card_texts(card) -> list[tuple[str, str, str]]:
    """(field, language, text) for every text a person reads on a card."""
    found = []
    for field in ("title", "summary", "text", "evidence"):
        for language, text in getattr(card, field).root.items():
            found.append((field, language, text))
    return found


def test_it_recognises_a_dose_in_a_medicine_sentence() -> None:
    # The detector itself must catch the doses it is meant to keep out.
    for sentence in (
        "Take 500 mg of paracetamol.",
        "Take two tablets of paracetamol every 4 to 6 hours.",
        "Ibuprofen 400mg three times a day.",
        "Use codeine 3 times a day.",
    ):
        assert MEDICINE.search(sentence) and DOSE.search(sentence), sentence
    assert not DOSE.search("Paracetamol is usually the first choice for pain in pregnancy.")


def test_it_never_gives_a_medicine_dose_in_card_text(library) -> None:
    doses = []
    for card in library.cards:
        for field, language, text in _card_texts(card):
            for sentence in _sentences(text):
                if MEDICINE.search(sentence) and DOSE.search(sentence):
                    doses.append(f"{card.id}.{field}[{language}]: {sentence.strip()}")
    assert not doses, "\n".join(doses)


def test_it_sends_people_to_a_professional_wherever_a_medicine_is_named(library) -> None:
    naming = [
        card for card in library.cards if any(MEDICINE.search(t) for _, _, t in _card_texts(card))
    ]
    assert naming, "the pain-relief cards should name the usual medicines"
    for card in naming:
        for field, language, text in _card_texts(card):
            if field == "text" and MEDICINE.search(text):
                assert ASK_A_PROFESSIONAL.search(text), f"{card.id}.text[{language}]"


def test_it_keeps_paracetamol_advice_conditional_on_a_professional(library) -> None:
    for card in library.cards:
        for _, language, text in _card_texts(card):
            if re.search(r"\bparacetamol\b", text, re.IGNORECASE):
                assert re.search(
                    r"\b(midwife|doctor|pharmacist|health professional)\b", text, re.IGNORECASE
                ), f"{card.id}[{language}]"


def test_it_never_recommends_anti_inflammatories(library) -> None:
    # NSAIDs are to be avoided in pregnancy unless a doctor advises them: a card
    # may name them only alongside that warning.
    nsaid = re.compile(r"\b(ibuprofen|naproxen|diclofenac)\b", re.IGNORECASE)
    warning = re.compile(r"\b(avoid|do not|don't|not take|unless)\b", re.IGNORECASE)
    for card in library.cards:
        for field, language, text in _card_texts(card):
            for sentence in _sentences(text):
                if nsaid.search(sentence) and not warning.search(sentence):
                    # A sentence that only lists them must sit in a text that warns.
                    assert warning.search(text), f"{card.id}.{field}[{language}]: {sentence}"
