"""Three people on a phone (390 px), as the check was tried when it was too long:
a 24-week mild ache, a 31-week urgent case, and a 12-week reader worried
about calcium. Each journey counts its pages and taps; the result must show
what to do (and a call button where one is needed) on the first screen."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import PHONE

pytestmark = pytest.mark.browser

SCREEN = PHONE["height"]


@dataclass
class Journey:
    """Drives the check by tapping, and counts what it took."""

    page: Page
    pages: list[str] = field(default_factory=list)
    taps: int = 0
    typed: list[str] = field(default_factory=list)

    def arrive(self) -> None:
        self.pages.append(self.page.evaluate("location.pathname"))

    def tap(self, selector: str) -> None:
        self.page.locator(selector).check() if "input" in selector else self.page.click(selector)
        self.taps += 1

    def type(self, selector: str, text: str) -> None:
        self.page.fill(selector, text)
        self.typed.append(text)

    def next(self) -> None:
        before = self.page.url
        self.tap("main button[type=submit]")
        self.page.wait_for_url(lambda url: url != before)
        self.arrive()

    def on(self, step: str) -> bool:
        return f"/check/{step}/" in self.page.url


def _start(page: Page) -> Journey:
    journey = Journey(page)
    page.goto("/")
    journey.arrive()
    page.get_by_role("link", name=re.compile("Check your pain", re.IGNORECASE)).first.click()
    journey.taps += 1
    page.wait_for_url(re.compile(r"/check/region/"))
    journey.arrive()
    journey.next()  # the region, prefilled from the browser: confirmed with one tap
    return journey


def _first_screen_holds(page: Page, selector: str) -> None:
    box = page.locator(selector).first.bounding_box()
    assert box is not None, selector
    assert box["y"] + box["height"] <= SCREEN, f"{selector} ends at {box['y'] + box['height']}"


def _height(page: Page) -> int:
    return int(page.evaluate("document.documentElement.scrollHeight"))


def _no_signs(journey: Journey, *names: str) -> None:
    for name in names:
        journey.tap(f"input[name={name}][value=none]")


def test_a_24_week_mild_ache_takes_taps_only_and_a_short_calm_result(open_page) -> None:
    page = open_page(viewport=PHONE)
    journey = _start(page)
    _no_signs(journey, "emergency_signs")
    journey.next()
    journey.type("input[name=gestational_weeks]", "24")
    _no_signs(journey, "pregnancy_signs", "movements")
    journey.next()
    _no_signs(journey, "body_signs")
    journey.next()
    _no_signs(journey, "leg_signs")
    journey.next()
    journey.tap("input[name=locations][value=lower_back]")
    journey.tap("input[name=intensity][value='2']")
    journey.next()
    for name, value in (
        ("onset", "gradual"),
        ("pattern", "comes_and_goes"),
        ("duration_days", "4_7_days"),
        ("eased_by_rest", "yes"),
        ("wakes_at_night", "no"),
    ):
        journey.tap(f"input[name={name}][value='{value}']")
    journey.next()
    journey.tap("input[name=worse_with][value=standing]")
    journey.tap("input[name=daily_life_impact][value=none]")
    journey.next()
    journey.next()  # this pregnancy and earlier ones: nothing applies
    journey.next()  # health: nothing applies
    expect(page).to_have_url(re.compile(r"/check/result/$"))

    steps = [p for p in journey.pages if p.startswith("/check/") and "result" not in p]
    # The region is asked once per device; then 9 pages of questions, none
    # longer than about two phone screens (test_page_length.py).
    assert len(steps) <= 10, steps
    assert journey.typed == ["24"]  # only the weeks were typed
    assert journey.taps <= 25, journey.taps
    _first_screen_holds(page, "#result-heading")
    assert _height(page) <= 3 * SCREEN


def test_a_31_week_urgent_case_gets_the_call_buttons_on_the_first_screen(open_page) -> None:
    page = open_page(viewport=PHONE)
    journey = _start(page)
    _no_signs(journey, "emergency_signs")
    journey.next()
    journey.type("input[name=gestational_weeks]", "31")
    journey.tap("input[name=pregnancy_signs][value=fluid_leak]")
    _no_signs(journey, "movements")
    journey.next()
    # Leaking fluid is urgent; severe pain that stays could make it an
    # emergency, so the check asks about the pain and skips the other signs.
    assert journey.on("pain-where")
    journey.tap("input[name=locations][value=lower_back]")
    journey.tap("input[name=intensity][value='4']")
    journey.next()
    # Pain of 4 cannot be the severe pain that would make it an emergency:
    # the level is settled, so the check ends here with what to do.
    expect(page).to_have_url(re.compile(r"/check/result/$"))
    expect(page.locator("main")).to_have_attribute("data-level", "urgent")
    _first_screen_holds(page, "#result-heading")
    _first_screen_holds(page, "a[href^='tel:']")
    assert page.locator("a[href='tel:999']").count() == 1
    assert len(journey.pages) <= 8, journey.pages
    assert _height(page) <= 3 * SCREEN + SCREEN // 2


def test_a_12_week_reader_worried_about_calcium_finds_the_answer(open_page) -> None:
    page = open_page(viewport=PHONE)
    page.goto("/advice/?q=calcum")
    first = page.locator("main a[href^='/advice/']").filter(has_text=re.compile("calcium", re.I))
    expect(first.first).to_be_visible()
    assert "calcium" in (first.first.get_attribute("href") or "")
    page.goto("/advice/myths/")
    expect(page.locator("#myth-calcium-and-back-pain")).to_contain_text(re.compile("calcium", re.I))
