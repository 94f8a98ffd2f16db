"""The call buttons of every region, in English and Chinese: they dial the
region's numbers as regions.yaml gives them (`numbers`), and say what they
said when the numbers were still read out of the region's words."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from lumba.content.loader import default_library
from tests.check_answers import EMERGENCY, SELF_CARE, result_page

# Leaking fluid at 33 weeks with ordinary pain: an urgent result.
URGENT = {
    **SELF_CARE,
    "pregnancy": {
        **SELF_CARE["pregnancy"],
        "gestational_weeks": "33",
        "pregnancy_signs": ["fluid_leak"],
    },
}
EN, ZH = {"accept-language": "en"}, {"accept-language": "zh-CN"}

# The emergency number each region's buttons dial; and the advice line's
# button at urgent, where the region has one number for it (tel:, English
# words, Chinese words). Recorded from the pages before the change.
EMERGENCY_TEL = {
    "GB": "tel:999",
    "JE": "tel:999",
    "GG": "tel:999",
    "IM": "tel:999",
    "IE": "tel:112",
    "US": "tel:911",
    "CA": "tel:911",
    "EU": "tel:112",
    "AU": "tel:000",
    "NZ": "tel:111",
    "CN": "tel:120",
    "INT": "tel:112",
}
ADVICE = {
    "GB": ("tel:111", "NHS 111", "NHS 111"),
    "CA": ("tel:811", "811", "811"),
    "AU": (
        "tel:1800022222",
        "healthdirect on 1800 022 222",
        "healthdirect 健康热线 1800 022 222",
    ),
    "NZ": ("tel:0800611116", "Healthline on 0800 611 116", "Healthline 健康热线 0800 611 116"),
}


def _tel_links(page: str) -> list[tuple[str, str]]:
    """(href, visible words) of every tel: link in the main content."""
    main = page[page.index("<main") : page.index("</main>")]
    found = re.findall(r'<a [^>]*href="(tel:[^"]*)"[^>]*>(.*?)</a>', main, re.S)
    return [(href, re.sub(r"<[^>]+>", "", words).strip()) for href, words in found]


def test_the_table_covers_every_region() -> None:
    assert set(EMERGENCY_TEL) == set(default_library().regions)


@pytest.mark.parametrize("code", sorted(EMERGENCY_TEL))
def test_an_emergency_result_calls_exactly_the_regions_emergency_number(code: str) -> None:
    number = default_library().regions[code].numbers.emergency.number
    assert "tel:" + number.replace(" ", "") == EMERGENCY_TEL[code]
    for headers, call in ((EN, "Call"), (ZH, "拨打")):
        page = result_page(Client(), EMERGENCY, code, headers)
        assert 'data-level="emergency"' in page
        assert _tel_links(page) == [(EMERGENCY_TEL[code], f"{call} {number}")], (code, headers)


@pytest.mark.parametrize("code", sorted(EMERGENCY_TEL))
def test_an_urgent_result_calls_the_advice_line_where_it_has_a_number(code: str) -> None:
    emergency = EMERGENCY_TEL[code].removeprefix("tel:")
    for headers, call, language in ((EN, "Call", 1), (ZH, "拨打", 2)):
        page = result_page(Client(), URGENT, code, headers)
        assert 'data-level="urgent"' in page
        expected = [(EMERGENCY_TEL[code], f"{call} {emergency}")]
        if code in ADVICE:
            advice = ADVICE[code]
            expected.insert(0, (advice[0], f"{call} {advice[language]}"))
        assert _tel_links(page) == expected, (code, headers)
