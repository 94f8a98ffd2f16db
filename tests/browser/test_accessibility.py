"""axe-core on every page, under the real Content-Security-Policy: no
serious or critical WCAG 2.2 A/AA violations. axe finds only part of what
matters; the journeys test the keyboard, focus and reflow."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import EMERGENCY, SELF_CARE, answer_check, axe, describe

pytestmark = pytest.mark.browser


class Audit:
    """axe on page after page; one report of everything at the end."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.found: list[str] = []
        self.seen: list[str] = []

    def __call__(self, _page: Page | None = None) -> None:
        page = self.page
        self.seen.append(page.url)
        violations = axe(page)
        if violations:
            self.found.append(f"{page.url} ({page.title()}):\n{describe(violations)}")

    def assert_clean(self) -> None:
        assert self.found == [], "axe found violations:\n" + "\n".join(self.found)


def test_home_every_check_step_answers_result_and_print_view(page: Page) -> None:
    audit = Audit(page)
    page.goto("/")
    audit()
    answer_check(page, SELF_CARE, each_step=audit)
    assert len(audit.seen) == 1 + len(SELF_CARE), audit.seen
    expect(page).to_have_url(re.compile(r"/check/result/$"))
    expect(page.locator(".result-calm")).to_be_visible()
    audit()
    page.goto("/check/answers/")
    audit()
    page.goto("/check/result/print/")
    audit()
    audit.assert_clean()


def test_a_step_with_an_error(page: Page) -> None:
    page.goto("/check/pregnancy/")
    page.get_by_role("button", name="Continue").click()
    summary = page.locator(".error-summary")
    expect(summary).to_be_visible()
    expect(page).to_have_title(re.compile(r"^Error: "))
    # Focus moves to the summary (lumba.js), which is announced (role=alert).
    expect(summary).to_be_focused()
    field = page.locator("#id_gestational_weeks")
    expect(field).to_have_attribute("aria-describedby", re.compile(r"gestational_weeks-error"))
    audit = Audit(page)
    audit()
    audit.assert_clean()
    # Its link takes you to the field.
    summary.get_by_role("link").first.click()
    expect(field).to_be_focused()


def test_the_emergency_result(page: Page) -> None:
    answer_check(page, EMERGENCY)
    expect(page.locator(".care-card-emergency")).to_be_visible()
    audit = Audit(page)
    audit()
    page.goto("/check/result/print/")
    audit()
    audit.assert_clean()


def test_the_advice_pages(page: Page) -> None:
    audit = Audit(page)
    for path in ("/advice/", "/advice/sleep-on-your-side/", "/advice/myths/"):
        response = page.goto(path)
        assert response is not None and response.status == 200, path
        audit()
    audit.assert_clean()
