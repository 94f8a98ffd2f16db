"""Content faults the clinical review found, each pinned so it cannot come back."""

from __future__ import annotations

import re

import pytest

from lumba.content.loader import default_myths

# The one wording for anti-inflammatory gels, in every card that mentions them.
GEL_ADVICE = (
    "Avoid anti-inflammatory gels, creams and sprays, such as ibuprofen gel, "
    "in pregnancy unless a doctor advises you to use them."
)


def _texts(card) -> str:
    return " ".join(t.get() for t in (card.title, card.summary, card.text, card.evidence))


def test_the_calcium_texts_say_no_good_evidence_not_untrue(library) -> None:
    myth = next(m for m in default_myths() if m.id == "calcium-and-back-pain")
    texts = [myth.answer.get(), _texts(library.card("calcium-and-back-pain"))]
    for text in texts:
        assert "no good evidence" in text.lower()
        assert not re.search(r"\bnot (true|linked)\b", text, flags=re.IGNORECASE)
    # The rare exception stays: weak bones of the spine late in pregnancy.
    assert "weak bones" in myth.answer.get().lower()


def test_uk_calcium_is_700_mg_and_1000_mg_is_the_us_figure(library) -> None:
    text = library.card("calcium-in-your-food").text.get()
    assert re.search(r"In the UK, adults need 700 mg", text)
    assert re.search(r"In the USA, adults need 1,000 mg", text)
    assert not re.search(r"UK[^.\n]*1,000 mg", text)


def test_every_card_that_mentions_gels_gives_the_same_advice(library) -> None:
    mentioning = [c for c in library.cards if re.search(r"\bgels?\b", c.text.get())]
    assert mentioning, "no card mentions anti-inflammatory gels any more"
    for card in mentioning:
        assert GEL_ADVICE in " ".join(card.text.get().split()), card.id


@pytest.mark.parametrize("card_id", ["gentle-massage", "massage-in-early-pregnancy"])
def test_massage_is_gentle_strokes_without_pressing_on_points(library, card_id: str) -> None:
    text = library.card(card_id).text.get().lower()
    assert "gentle" in text and "stroke" in text
    assert "firm" not in text


def test_pelvic_girdle_pain_includes_the_back_of_the_pelvis(library) -> None:
    explanation = library.rule("pelvic-girdle-pain").explanation.get()
    assert "at the front or the back" in " ".join(explanation.split())


def test_the_work_card_cites_a_source_for_its_legal_claim(library) -> None:
    card = library.card("adjustments-at-work")
    assert "must" in card.text.get()  # the claim: what an employer must do
    assert any("hse.gov.uk" in library.sources[code].url for code in card.sources)
