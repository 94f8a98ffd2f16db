"""Full-page screenshots at phone and desktop width: the README's pictures.

Every run takes them and checks each is a real picture of the page (the
page's width, at least a screen tall, not blank); only with
LUMBA_UPDATE_SCREENSHOTS=1 are they written over docs/screenshots (see
`screenshots` in conftest), so a test run leaves the docs as they are.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import Page, expect

from tests.browser.conftest import DESKTOP, EMERGENCY, PHONE, SELF_CARE, answer_check

pytestmark = pytest.mark.browser

SIZES = {
    "phone": {"viewport": PHONE, "is_mobile": True, "has_touch": True},
    "desktop": {"viewport": DESKTOP},
}


def shoot(page: Page, folder: Path, name: str, size: str) -> Path:
    path = folder / f"{name}-{size}.png"
    page.evaluate("document.activeElement && document.activeElement.blur()")
    # caret="initial": hiding the caret would leave style="" on inputs, which the
    # CSP then reports if htmx swaps them later; nothing is focused anyway.
    page.screenshot(path=path, full_page=True, animations="disabled", caret="initial")
    assert_a_picture_of_the_page(path, page)
    return path


def assert_a_picture_of_the_page(path: Path, page: Page) -> None:
    viewport = page.viewport_size
    assert viewport is not None
    scale = page.evaluate("window.devicePixelRatio")
    with Image.open(path) as image:
        assert image.format == "PNG", path
        width, height = image.size
        assert width == round(viewport["width"] * scale), (path.name, image.size, viewport)
        assert height >= round(viewport["height"] * scale), (path.name, image.size, viewport)
        # Not blank: text and buttons give many shades, and dark and light ones.
        grey = image.convert("L")
        darkest, lightest = grey.getextrema()
        assert lightest - darkest >= 128, (path.name, grey.getextrema())
        shades = grey.getcolors(maxcolors=256) or []
        assert len(shades) >= 16, (path.name, len(shades))


@pytest.mark.parametrize("size", SIZES)
def test_screenshots(open_page, screenshots: Path, size: str) -> None:
    page = open_page(**SIZES[size])
    page.goto("/")
    shoot(page, screenshots, "home", size)

    answer_check(page, SELF_CARE)
    page.goto("/check/pain-where/")
    shoot(page, screenshots, "check-step", size)
    page.goto("/check/result/")
    expect(page.locator(".result-calm")).to_be_visible()
    shoot(page, screenshots, "result-self-care", size)

    page.goto("/advice/sleep-on-your-side/")
    shoot(page, screenshots, "advice-card", size)

    page.context.clear_cookies()
    answer_check(page, EMERGENCY)
    page.goto("/check/result/")  # a fresh load: no focus ring from the step before
    expect(page.locator(".care-card-emergency")).to_be_visible()
    shoot(page, screenshots, "result-emergency", size)
