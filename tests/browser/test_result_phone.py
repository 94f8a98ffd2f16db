"""The result on a phone (390 x 844 CSS px), as a worried person sees it:
the call button on the first screen, the whole result in about three
screens, a compact header when zoomed to 200%, and no serious axe findings."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import EMERGENCY, PHONE, SELF_CARE, answer_check, axe, describe

pytestmark = pytest.mark.browser

# Leaking fluid at 33 weeks with ordinary pain: an urgent result.
URGENT = {
    **SELF_CARE,
    "pregnancy": {
        **SELF_CARE["pregnancy"],
        "gestational_weeks": "33",
        "pregnancy_signs": ["fluid_leak"],
    },
}
ON_A_PHONE = {"viewport": PHONE, "is_mobile": True, "has_touch": True}
# A 390 px phone zoomed to 200%: 195 x 422 CSS px.
ZOOMED = {"viewport": {"width": 195, "height": 422}, "is_mobile": True, "has_touch": True}
SCREEN = PHONE["height"]


def result_on_a_phone(open_page: Any, answers: dict[str, dict[str, Any]], **context: Any) -> Page:
    page = open_page(**{**ON_A_PHONE, **context})
    answer_check(page, answers)
    page.goto("/check/result/")  # from the answers page, or a fresh load of an early stop
    return page


def document_height(page: Page) -> int:
    return page.evaluate("document.documentElement.scrollHeight")


@pytest.mark.parametrize(
    ("answers", "level", "name"),
    [(EMERGENCY, "emergency", "Call 999"), (URGENT, "urgent", "Call 999")],
    ids=["emergency", "urgent"],
)
def test_the_call_button_is_on_the_first_screen(
    open_page: Any, answers: dict[str, Any], level: str, name: str
) -> None:
    page = result_on_a_phone(open_page, answers)
    expect(page.locator("main")).to_have_attribute("data-level", level)
    button = page.locator(".care-card").get_by_role("link", name=name, exact=True)
    expect(button).to_have_attribute("href", "tel:999")
    box = button.bounding_box()
    assert box is not None
    assert box["y"] >= 0 and box["y"] + box["height"] <= SCREEN, (
        f"the call button is at {box['y']:.0f}-{box['y'] + box['height']:.0f} px, "
        f"below the first {SCREEN} px"
    )
    # The level in words (with the hidden prefix for screen readers) is on the first screen too.
    heading = page.locator("#result-heading")
    expect(heading).to_contain_text(
        "Emergency advice:" if level == "emergency" else "Urgent advice:"
    )
    heading_box = heading.bounding_box()
    assert heading_box is not None and heading_box["y"] + heading_box["height"] <= SCREEN


# The urgent card's advice line and where the unit's number is: the page as
# served says it, so a test-client test checks it (lumba/web/check/tests/
# test_result_page.py, an urgent result's secondary call buttons).


def test_a_plain_self_care_result_fits_in_about_three_screens(open_page: Any) -> None:
    page = result_on_a_phone(open_page, SELF_CARE)
    expect(page.locator(".result-calm")).to_be_visible()
    height = document_height(page)
    assert height <= 3 * SCREEN, f"the self-care result is {height} px tall at 390 px"
    # Three cards in short; the rest are folded and open on a tap, without JavaScript.
    cards = page.locator("main > .plan-card:not(.plan-card-signs)")
    expect(cards).to_have_count(3)
    fold = page.locator("details.plan-fold")
    expect(fold.locator(".plan-card").first).not_to_be_visible()
    fold.locator("summary").first.click()
    expect(fold.locator(".plan-card").first).to_be_visible()
    # A card's full text opens under its "More".
    first = cards.first
    text = first.locator("details.more > p").first
    expect(text).not_to_be_visible()
    first.locator("details.more > summary").click()
    expect(text).to_be_visible()


def test_the_result_works_without_javascript(open_page: Any) -> None:
    page = result_on_a_phone(open_page, SELF_CARE, java_script_enabled=False)
    signs = page.locator(".plan-card-signs")
    expect(signs.get_by_role("heading", name="Signs that need help")).to_be_visible()
    expect(signs.locator("ul").first).not_to_be_visible()
    signs.locator("summary").click()
    expect(signs.locator("ul").first).to_be_visible()


def test_printing_the_result_page_unfolds_everything(open_page: Any) -> None:
    page = result_on_a_phone(open_page, SELF_CARE)
    page.emulate_media(media="print")
    folded = page.locator("main details > :not(summary)")
    assert folded.count() > 10
    for index in range(folded.count()):
        expect(folded.nth(index)).to_be_visible()
    expect(page.locator("details.more > summary").first).not_to_be_visible()
    expect(page.locator(".emergency-strip")).not_to_be_visible()


@pytest.mark.parametrize("path", ["/", "/check/pregnancy/", "/check/result/"])
def test_at_200_percent_zoom_the_header_and_strip_take_less_than_half_the_screen(
    open_page: Any, path: str
) -> None:
    page = open_page(**ZOOMED)
    if path == "/check/result/":
        answer_check(page, EMERGENCY)
    page.goto(path)
    bottom = page.evaluate(
        "document.querySelector('.emergency-strip').getBoundingClientRect().bottom"
    )
    assert bottom < 422 / 2, f"header and strip end at {bottom:.0f} px of 422 on {path}"
    strip = page.locator(".emergency-strip p")
    lines = strip.evaluate(
        """(p) => { const s = getComputedStyle(p);
            const text = p.clientHeight - parseFloat(s.paddingTop) - parseFloat(s.paddingBottom);
            return text / parseFloat(s.lineHeight); }"""
    )
    assert lines < 1.5, f"the strip is {lines:.1f} lines, not one short line"
    expect(strip).to_contain_text("999")
    assert page.evaluate("document.documentElement.scrollWidth") <= 195


@pytest.mark.parametrize(
    "answers", [SELF_CARE, URGENT, EMERGENCY], ids=["self-care", "urgent", "emergency"]
)
def test_axe_finds_nothing_serious_on_the_phone_result(open_page: Any, answers: Any) -> None:
    page = result_on_a_phone(open_page, answers)
    violations = axe(page)
    # And with everything unfolded.
    page.evaluate("document.querySelectorAll('main details').forEach((d) => { d.open = true; })")
    violations += axe(page)
    assert violations == [], describe(violations)
