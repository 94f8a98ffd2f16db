"""A person whose browser asks for Chinese does the whole check, reads the
result, the advice library and the myths, and keeps the diary, all in
Simplified Chinese, in real Chromium, with no English left over.

On every page: no word of English in any text node, readable attribute or
the title (see ALLOWED for the few Latin words that belong), <html
lang="zh-Hans">, and Chinese drawn with a Chinese font, not boxes.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from lumba.catalogues import stale
from tests.browser.conftest import EMERGENCY, PHONE, SELF_CARE
from tests.browser.page_text import (
    CJK,
    answer,
    font_problems,
    image_text,
    layout_problems,
    leftovers,
    page_text,
    path_of,
    walk_advice_and_diary,
)
from tests.browser.test_screenshots import SIZES, shoot

pytestmark = pytest.mark.browser

# Latin words a Chinese page may show (case matters). Each is written this
# way in Chinese text too; none is an untranslated sentence.
ALLOWED = frozenset(
    {
        "lumba",  # the name of the app, a brand: never translated
        # The unit of blood pressure as monitors print it, in the blood pressure
        # messages (°C has one letter, so needs no entry).
        "mmHg",
        # Bodies whose guidance the advice is written from, named as Chinese
        # writers name them (the footer's note on every page: "英国 NHS 和 NICE、
        # 世界卫生组织（WHO）"):
        "NHS",
        "NICE",
        "WHO",
        # Formats and a technical term, each the name on the file or the link:
        "PDF",  # the midwife summary's download
        "CSV",  # the diary's download
        "FHIR",  # the diary's download for a health record
        "API",  # the footer's link to the API's documentation
        "TENS",  # the pain-relief machine, sold and named "TENS" in China too
        # Pelvic girdle pain and its old name, given as "英文简称PGP": the letters
        # a person will meet in their notes and in the sources.
        "PGP",
        "SPD",
    }
)
# Chinese shows no English word of three letters or more; shorter runs are
# units and marks (cm, kg, °C, the "x" of a count).
SHORTEST = 3

ZH_PHONE = {"locale": "zh-CN", "viewport": PHONE, "is_mobile": True, "has_touch": True}
NARROW = {"locale": "zh-CN", "viewport": {"width": 320, "height": 640}, "is_mobile": True}
# In China (the region zh-CN gives), the emergency number is 120.
CN = {"region": {}}  # the region page is answered as the browser prefilled it


class Reader:
    """Reads each page as it comes and keeps what is wrong, so that one run
    lists every page's leftovers, not only the first page's."""

    def __init__(self, page: Page, *, own_words: frozenset[str] = frozenset()) -> None:
        self.page = page
        # What the person typed and sees again: their user name ("以 mei 成功登录").
        self.allowed = ALLOWED | own_words
        self.english: list[str] = []
        self.other: list[str] = []
        self.seen: list[str] = []

    def __call__(self, page: Page | None = None) -> None:
        page = page or self.page
        where = path_of(page)
        self.seen.append(where)
        found = page_text(page)
        self.english += [f"{where}  {line}" for line in leftovers(found, self.allowed, SHORTEST)]
        lang = page.evaluate("document.documentElement.getAttribute('lang')")
        if lang != "zh-Hans":
            self.other.append(f'{where}: <html lang="{lang}">, not "zh-Hans"')
        if not any(CJK.search(text) for _, text in found):
            self.other.append(f"{where}: no Chinese on the page at all")
        self.other += font_problems(page)

    def image(self, address: str) -> None:
        """An SVG image the page shows: the words drawn in it."""
        self.seen.append(address)
        found = image_text(self.page, address)
        self.english += [f"{address}  {line}" for line in leftovers(found, self.allowed, SHORTEST)]
        if not any(CJK.search(text) for _, text in found):
            self.other.append(f"{address}: no Chinese in the image at all: {found}")

    def assert_clean(self) -> None:
        report = list(self.other)
        if self.english:
            pages = len({line.split("  ")[0] for line in self.english})
            report.append(
                f"English left on {pages} of {len(self.seen)} pages (page  where: text [words]):"
            )
            report += self.english
            if stale():
                report.append(
                    "(the compiled catalogue is older than its .po: run `python -m lumba.catalogues`)"
                )
        assert report == [], "\n".join(report)


def test_the_whole_journey_reads_in_chinese(open_page) -> None:
    page = open_page(**ZH_PHONE)
    read = Reader(page, own_words=frozenset({"mei"}))

    page.goto("/")
    read()
    page.locator("main a.button-start").click()
    expect(page).to_have_url(re.compile(r"/check/region/"))
    # The region comes from the browser's language: China, and its 120.
    expect(page.locator("main select[name=region]")).to_have_value("CN")
    answer(page, {**SELF_CARE, **CN}, each_step=read)
    expect(page).to_have_url(re.compile(r"/check/result/$"))
    expect(page.locator(".result-calm h1")).to_be_visible()
    read()
    page.goto("/check/answers/")
    read()
    page.goto("/check/result/print/")
    read()

    walk_advice_and_diary(page, read, "mei@example.com")
    read.assert_clean()


def test_the_emergency_result_reads_in_chinese_with_china_s_number(open_page) -> None:
    page = open_page(**ZH_PHONE)
    read = Reader(page)
    answer(page, {**EMERGENCY, **CN}, each_step=read)
    expect(page).to_have_url(re.compile(r"/check/result/$"))
    card = page.locator(".care-card-emergency")
    expect(card).to_be_visible()
    expect(card.locator("a.button-call")).to_have_attribute("href", "tel:120")
    read()
    read.assert_clean()


def test_a_narrow_phone_in_chinese_never_scrolls_sideways(open_page) -> None:
    page = open_page(**NARROW)
    problems: list[str] = []

    def look(page: Page) -> None:
        problems.extend(layout_problems(page))

    page.goto("/")
    look(page)
    answer(page, {**SELF_CARE, **CN}, each_step=look)
    look(page)  # the result
    page.context.clear_cookies()
    answer(page, {**EMERGENCY, **CN}, each_step=look)
    look(page)  # the emergency result
    assert problems == [], "at 320px, in Chinese:\n" + "\n".join(problems)


def test_the_reader_would_see_english(open_page) -> None:
    """The check above finds English where there is some: the same page in English."""
    page = open_page(locale="en-GB", viewport=PHONE)
    page.goto("/check/pain-where/")
    found = leftovers(page_text(page), ALLOWED, SHORTEST)
    assert any("Continue" in line for line in found), found
    assert any("<title>" in line for line in found), found


# The same answers in English and Chinese give the same level: a test-client
# test now (lumba/web/visitor/tests/test_chinese_pages.py), as it reads only
# the page as served.


# --- Screenshots (see `screenshots` in conftest; the README shows docs/screenshots) ---


def test_chinese_screenshots(open_page, screenshots: Path) -> None:
    page = open_page(locale="zh-CN", **SIZES["phone"])
    answer(page, {**SELF_CARE, **CN})
    page.goto("/check/pain-where/")
    shoot(page, screenshots, "check-step-zh", "phone")
    page.goto("/check/result/")
    expect(page.locator(".result-calm")).to_be_visible()
    shoot(page, screenshots, "result-self-care-zh", "phone")

    page.context.clear_cookies()
    answer(page, {**EMERGENCY, **CN})
    page.goto("/check/result/")  # a fresh load: no focus ring from the step before
    expect(page.locator(".care-card-emergency")).to_be_visible()
    shoot(page, screenshots, "result-emergency-zh", "phone")
