"""The numbers call buttons dial are data: each region's emergency number (and
its advice line where that is one number) is a field of regions.yaml with a
source, refused when it is malformed, unsourced or not the number its text
gives."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from content_copy import edit_yaml
from pydantic import ValidationError

from lumba.content.loader import gather_library
from lumba.core.guidance import Region

# The numbers every region's buttons dial today (the emergency number, then
# the advice line's), as the buttons showed them before the numbers were data.
DIALLED = {
    "GB": ("999", "111"),
    "JE": ("999", None),
    "GG": ("999", None),
    "IM": ("999", None),
    "IE": ("112", None),
    "US": ("911", None),
    "CA": ("911", "811"),
    "EU": ("112", None),
    "AU": ("000", "1800 022 222"),
    "NZ": ("111", "0800 611 116"),
    "CN": ("120", None),
    "INT": ("112", None),
}


def _region(**numbers: Any) -> dict[str, Any]:
    return {
        "code": "XX",
        "name": {"en": "Somewhere"},
        "emergency": {"en": "112 or 999", "zh-Hans": "112 或 999"},
        "advice_line": {"en": "open 365 days: the line on 0800 123 456"},
        "numbers": numbers or {"emergency": {"number": "112", "source": "S1"}},
    }


def test_every_region_dials_its_numbers_each_with_a_known_source(library) -> None:
    found = {
        code: (
            region.numbers.emergency.number,
            region.numbers.advice.number if region.numbers.advice else None,
        )
        for code, region in library.regions.items()
    }
    assert found == DIALLED
    for region in library.regions.values():
        phones = [region.numbers.emergency, region.numbers.advice]
        for phone in (p for p in phones if p is not None):
            assert phone.source in library.sources, (region.code, phone)
            assert library.sources[phone.source].url.startswith("http")


def test_the_advice_button_says_its_text_up_to_and_with_its_number(library) -> None:
    words = {
        code: (region.advice_words("en"), region.advice_words("zh-Hans"))
        for code, region in library.regions.items()
        if region.numbers.advice
    }
    assert words == {
        "GB": ("NHS 111", "NHS 111"),
        "CA": ("811", "811"),
        "AU": ("healthdirect on 1800 022 222", "healthdirect 健康热线 1800 022 222"),
        "NZ": ("Healthline on 0800 611 116", "Healthline 健康热线 0800 611 116"),
    }


def test_the_number_is_read_from_the_field_not_found_in_the_words() -> None:
    # The first three digits in these words are "365", not the number.
    region = Region.model_validate(
        _region(
            emergency={"number": "999", "source": "S1"},
            advice={"number": "0800 123 456", "source": "S1"},
        )
        | {"emergency": {"en": "999"}}
    )
    assert region.numbers.advice is not None
    assert region.numbers.advice.tel() == "tel:0800123456"
    assert region.advice_words("en") == "open 365 days: the line on 0800 123 456"
    assert region.numbers.emergency.tel() == "tel:999"


@pytest.mark.parametrize(
    ("emergency", "words"),
    [
        ({"number": 999, "source": "S1"}, "valid string"),  # unquoted in YAML
        ({"number": "99", "source": "S1"}, "at least three digits"),
        ({"number": "999-1", "source": "S1"}, "should match pattern"),
        ({"number": "999  1", "source": "S1"}, "should match pattern"),
        ({"number": "112", "source": "nhs"}, "should match pattern"),
        ({"number": "112"}, "Field required"),
        ({"number": "112", "source": "S1", "label": "x"}, "Extra inputs"),
        ({"number": "911", "source": "S1"}, "'911' is not in the en emergency text"),
    ],
)
def test_a_bad_number_is_refused_with_its_reason(emergency: dict[str, Any], words: str) -> None:
    with pytest.raises(ValidationError) as refused:
        Region.model_validate(_region(emergency=emergency))
    assert words in str(refused.value)


def test_an_advice_number_missing_from_a_language_of_its_text_is_refused() -> None:
    data = _region(
        emergency={"number": "112", "source": "S1"},
        advice={"number": "0800 123 456", "source": "S1"},
    )
    data["advice_line"]["zh-Hans"] = "当地的热线"
    with pytest.raises(ValidationError) as refused:
        Region.model_validate(data)
    assert "'0800 123 456' is not in the zh-Hans advice_line text" in str(refused.value)


def test_a_region_without_numbers_is_refused() -> None:
    data = _region()
    del data["numbers"]
    with pytest.raises(ValidationError) as refused:
        Region.model_validate(data)
    assert "numbers" in str(refused.value) and "Field required" in str(refused.value)


def test_content_check_names_an_unknown_source_of_a_number(content: Path) -> None:
    def unknown_sources(regions: list[dict[str, Any]]) -> None:
        regions[0]["numbers"]["emergency"]["source"] = "S9999"
        regions[1]["numbers"]["emergency"]["number"] = "998"  # another problem, also named

    edit_yaml(content / "data" / "regions.yaml", unknown_sources)
    _, problems = gather_library(content)
    found = {(p.file.split("/")[-1], p.field, p.message) for p in problems}
    assert ("regions.yaml", "[0].numbers.emergency.source", "unknown source 'S9999'") in found
    assert any(f == "regions.yaml" and w.startswith("[1]") and "'998'" in m for f, w, m in found)
