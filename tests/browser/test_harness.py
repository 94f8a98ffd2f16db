"""The checks the other browser tests rely on do catch real problems."""

from __future__ import annotations

import pytest
from playwright.sync_api import BrowserContext, Page

from tests.browser.conftest import axe, watch

pytestmark = pytest.mark.browser


def test_axe_reports_a_real_violation(page: Page) -> None:
    page.goto("/")
    page.locator("main").evaluate(
        "(main) => main.append(Object.assign(document.createElement('img'),"
        " {src: '/static/lumba/favicon.svg'}))"
    )
    assert "image-alt" in [v["id"] for v in axe(page)]


def test_the_console_watch_catches_a_csp_violation(context: BrowserContext) -> None:
    page = context.new_page()  # not the watched `page` fixture: this one must fail
    problems = watch(page)
    page.goto("/")
    page.evaluate("document.querySelector('main').setAttribute('style', 'color: red')")
    page.evaluate("() => new Promise((done) => setTimeout(done, 100))")
    assert any("Content Security Policy" in p for p in problems), problems
