"""Text in several languages: which one a reader gets."""

from __future__ import annotations

import pytest

from lumba.core.text import LocalizedText

TEXT = LocalizedText.model_validate(
    {"en": "Back pain", "zh-Hans": "腰背痛", "de": "Rückenschmerzen"}
)


@pytest.mark.parametrize("asked", ["zh-Hans", "zh-hans", "zh_Hans", "ZH-HANS"])
def test_a_language_tag_matches_whatever_its_case(asked: str) -> None:
    # Django asks for "zh-hans"; the content is written "zh-Hans".
    assert TEXT.get(asked) == "腰背痛"


def test_a_regional_tag_falls_back_to_its_base_language() -> None:
    assert TEXT.get("de-AT") == "Rückenschmerzen"


@pytest.mark.parametrize("asked", ["fr", "zh-Hant", "en-GB", ""])
def test_a_language_without_the_text_gets_english(asked: str) -> None:
    assert TEXT.get(asked) == "Back pain"
