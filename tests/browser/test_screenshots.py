"""Full-page screenshots at phone and desktop width (see SCREENSHOTS in conftest).

They are written on every run, so the pictures show the pages as they are.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import (
    DESKTOP,
    EMERGENCY,
    PHONE,
    SCREENSHOTS,
    SELF_CARE,
    answer_check,
)

pytestmark = pytest.mark.browser

SIZES = {
    "phone": {"viewport": PHONE, "is_mobile": True, "has_touch": True},
    "desktop": {"viewport": DESKTOP},
}


def shoot(page: Page, name: str, size: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.evaluate("document.activeElement && document.activeElement.blur()")
    # caret="initial": hiding the caret would leave style="" on inputs, which the
    # CSP then reports if htmx swaps them later; nothing is focused anyway.
    page.screenshot(
        path=SCREENSHOTS / f"{name}-{size}.png",
        full_page=True,
        animations="disabled",
        caret="initial",
    )


@pytest.mark.parametrize("size", SIZES)
def test_screenshots(open_page, size: str) -> None:
    page = open_page(**SIZES[size])
    page.goto("/")
    shoot(page, "home", size)

    answer_check(page, SELF_CARE)
    page.goto("/check/pain-where/")
    shoot(page, "check-step", size)
    page.goto("/check/result/")
    expect(page.locator(".result-calm")).to_be_visible()
    shoot(page, "result-self-care", size)

    page.goto("/advice/sleep-on-your-side/")
    shoot(page, "advice-card", size)

    page.context.clear_cookies()
    answer_check(page, EMERGENCY)
    page.goto("/check/result/")  # a fresh load: no focus ring from the step before
    expect(page.locator(".care-card-emergency")).to_be_visible()
    shoot(page, "result-emergency", size)
