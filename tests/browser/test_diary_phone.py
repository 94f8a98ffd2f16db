"""The companion on a phone (390 px), in real Chromium: sign up, add a diary
entry in a few taps, see a sign's result first; axe on every page of it."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import PHONE, axe, describe

pytestmark = pytest.mark.browser

PASSWORD = "a long pass phrase 42"


def _sign_up(page: Page, email: str) -> None:
    page.goto("/accounts/signup/")
    page.fill("input[name=email]", email)
    page.fill("input[name=password1]", PASSWORD)
    page.fill("input[name=password2]", PASSWORD)
    page.get_by_role("button", name=re.compile("Sign up", re.IGNORECASE)).click()
    expect(page).to_have_url(re.compile(r"/diary/$"))


def test_an_entry_takes_a_few_taps_and_no_typing(open_page) -> None:
    page = open_page(viewport=PHONE, is_mobile=True, has_touch=True)
    _sign_up(page, "amy@example.com")
    page.get_by_role("link", name="Add to your diary").click()
    taps = 1
    # The day is today already; the pain, where, and save.
    page.locator("input[name=pain][value='4']").check()
    page.locator("input[name=locations][value=lower_back]").check()
    page.get_by_role("button", name="Save").click()
    taps += 3
    expect(page).to_have_url(re.compile(r"/diary/$"))
    expect(page.locator(".messages")).to_contain_text("Your diary entry is saved.")
    expect(page.locator(".diary-table tbody tr")).to_have_count(1)
    assert taps <= 5


def test_a_sign_in_an_entry_shows_what_to_do_on_the_first_screen(open_page) -> None:
    page = open_page(viewport=PHONE, is_mobile=True, has_touch=True)
    _sign_up(page, "bea@example.com")
    page.goto("/diary/entries/new/")
    page.locator("input[name=pain][value='3']").check()
    page.locator("details.fold > summary").first.click()  # "I have a new sign today"
    page.locator("input[name=symptoms][value=fluid_leak]").check()
    page.get_by_role("button", name="Save").click()
    expect(page).to_have_url(re.compile(r"/diary/entries/\d+/result/$"))
    heading = page.locator("#result-heading").bounding_box()
    assert heading is not None and heading["y"] + heading["height"] <= PHONE["height"]
    expect(page.locator("main [data-level]")).to_have_attribute("data-level", "urgent")


def test_the_account_and_diary_pages_pass_axe(page: Page) -> None:
    found = []
    for path in ("/accounts/signup/", "/accounts/login/", "/accounts/password/reset/"):
        page.goto(path)
        found += [f"{path}: {describe(axe(page))}"] if axe(page) else []
    _sign_up(page, "cal@example.com")
    for path in (
        "/diary/",
        "/diary/entries/new/",
        "/diary/summary/",
        "/accounts/profile/",
        "/accounts/tokens/",
        "/accounts/2fa/",
    ):
        page.goto(path)
        violations = axe(page)
        found += [f"{path}: {describe(violations)}"] if violations else []
    assert found == [], "\n".join(found)
