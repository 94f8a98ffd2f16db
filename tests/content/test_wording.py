"""The wording checks of `lumba content check`: plain reading, urgency that fits, review status."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from pydantic import ValidationError

from lumba.content.wording import (
    implied_level,
    readability_problems,
    review_summary,
    urgency_problems,
)
from lumba.core.review import Review
from lumba.core.text import LocalizedText


def _with_card(library, card_id: str, **changes):
    card = library.card(card_id).model_copy(update=changes)
    cards = tuple(card if c.id == card_id else c for c in library.cards)
    return dataclasses.replace(library, cards=cards)


def _with_rule(library, rule_id: str, **changes):
    rule = library.rule(rule_id).model_copy(update=changes)
    rules = tuple(rule if r.id == rule_id else r for r in library.rules)
    return dataclasses.replace(library, rules=rules)


def test_the_packaged_content_passes_every_wording_check(library) -> None:
    assert readability_problems(library) == []
    assert urgency_problems(library) == []


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("If this happens, call straight away.", "urgent"),
        ("Call 999 if you feel faint.", "emergency"),
        ("Tell your midwife within 24 hours.", "soon"),
        ("Aim for 1,000 mg of calcium a day.", None),
        ("Rest, then walk a little.", None),
    ],
)
def test_it_reads_the_urgency_a_text_implies(text: str, level: str | None) -> None:
    found = implied_level(text)
    assert (found[0] if found else None) == level


def test_it_flags_a_card_that_says_call_straight_away_where_it_can_show_at_self_care(
    library,
) -> None:
    text = LocalizedText(
        "Rest with a warm pack. If it gets worse, call your midwife straight away."
    )
    changed = _with_card(library, "warmth-for-back-pain", text=text)
    found = urgency_problems(changed)
    assert [p.field for p in found] == ["text"]
    assert "warmth-for-back-pain" in found[0].file and "self_care" in found[0].message


def test_a_card_kept_away_from_calmer_levels_may_use_urgent_words(library) -> None:
    text = LocalizedText("Call your maternity unit straight away.")
    calm = ["soon", "routine", "self_care"]
    changed = _with_card(library, "warmth-for-back-pain", text=text, not_at_levels=calm)
    assert urgency_problems(changed) == []


def test_it_flags_a_long_or_hard_rule_explanation(library) -> None:
    long = LocalizedText(" ".join(["word"] * 25) + ".")
    hard = LocalizedText(
        "Intermittent paraesthesia accompanying radiculopathy necessitates neurological evaluation."
    )
    for text, expected in ((long, "a sentence of 25 words"), (hard, "school grade")):
        changed = _with_rule(library, "leg-tingling", explanation=text)
        found = readability_problems(changed)
        assert len(found) == 1 and found[0].field == "leg-tingling.explanation"
        assert expected in found[0].message


def test_it_reports_what_is_still_waiting_for_clinical_review(library) -> None:
    summary = review_summary(library)
    assert summary.rules == len(library.rules) and summary.cards == len(library.cards)
    approved = Review(status="approved", reviewer="A. Midwife RM", date=dt.date(2026, 12, 1))
    everything = dataclasses.replace(
        library,
        rules=tuple(r.model_copy(update={"review": approved}) for r in library.rules),
        cards=tuple(c.model_copy(update={"review": approved}) for c in library.cards),
    )
    assert review_summary(everything).all_approved
    one_draft = _with_rule(everything, "seizure", review=Review())
    assert review_summary(one_draft).draft_rules == ("seizure",)
    assert "1 of" in str(review_summary(one_draft))


def test_an_approval_must_name_the_reviewer_and_the_date() -> None:
    with pytest.raises(ValidationError, match="reviewer and the date"):
        Review(status="approved", reviewer="A. Midwife RM")


# The command's own list of the drafts: tests/cli/test_triage_cli.py::test_it_checks_the_packaged_content.


def test_the_packaged_content_gives_no_dose_and_no_diagnosis(library) -> None:
    from lumba.content.wording import diagnosis_problems, medicine_problems

    assert medicine_problems(library) == []
    assert diagnosis_problems(library) == []


def test_it_flags_a_dose_in_a_rule_explanation(library) -> None:
    from lumba.content.wording import medicine_problems

    text = LocalizedText("Take 1,000 mg of paracetamol and rest.")
    found = medicine_problems(_with_rule(library, "severe-pain", explanation=text))
    assert [p.field for p in found] == ["severe-pain.explanation[en]"]


@pytest.mark.parametrize(
    "sentence",
    [
        "This pain is typical of pelvic girdle pain.",
        "This is cauda equina syndrome.",
        "It is usually from the pregnancy.",
        "You have a kidney infection.",
    ],
)
def test_it_flags_a_rule_text_that_reads_like_a_diagnosis(library, sentence: str) -> None:
    from lumba.content.wording import diagnosis_problems

    changed = _with_rule(library, "side-pain", explanation=LocalizedText(sentence))
    assert [p.field for p in diagnosis_problems(changed)] == ["side-pain.explanation[en]"]


def test_the_check_offers_every_symptom_and_history_item(library) -> None:
    # A value of the vocabulary that no question offers is a sign a person cannot report.
    from lumba.core.vocabulary import HistoryItem, Symptom, values

    offered: dict[str, set[str]] = {"symptoms": set(), "history": set()}
    for question in library.questionnaire.questions():
        if question.field in offered:
            offered[question.field] |= set(question.options)
    assert offered["symptoms"] == set(values(Symptom))
    assert offered["history"] == set(values(HistoryItem))
