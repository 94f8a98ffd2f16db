"""Browser tests: real Chromium (Debian's /usr/bin/chromium) through Playwright,
against pytest-django's live server.

Without Chromium this folder is skipped, and without the axe-core file the
accessibility audits are; under CI (CI=true) both fail instead, since
scripts/test installs them.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page

from tests.check_answers import EMERGENCY, SELF_CARE  # noqa: F401 - the journeys browser tests import from here

# Playwright's sync API runs an event loop in the test thread, and Django then
# refuses ORM calls "from an async context". Safe for tests only: never set
# this in real settings.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("LUMBA_CHROMIUM") or "/usr/bin/chromium")
AXE_JS = Path(
    os.environ.get("LUMBA_AXE_JS") or REPO / ".cache/npm/node_modules/axe-core/axe.min.js"
)
# The README's screenshots. The screenshot tests write them only when asked
# (LUMBA_UPDATE_SCREENSHOTS=1); otherwise into the test's temporary folder,
# where each picture is checked and left.
DOCS_SCREENSHOTS = REPO / "docs" / "screenshots"
UPDATE_SCREENSHOTS = os.environ.get("LUMBA_UPDATE_SCREENSHOTS") == "1"
UNDER_CI = os.environ.get("CI", "").lower() == "true"

# Flags verified with Debian's Chromium (shared design notes, section 2); the
# background-networking, component-update and sync ones stop it calling Google
# hosts, which a closed network refuses.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def _unavailable(what: str, problem: str) -> None:
    if UNDER_CI:
        # Under CI these tests must run: a skip would hide a broken setup.
        pytest.fail(f"CI=true and the {what} cannot run: {problem}", pytrace=False)
    pytest.skip(f"{what} skipped: {problem}")


@pytest.fixture(scope="session", autouse=True)
def _chromium() -> None:
    """Skip this folder without Chromium; under CI=true fail instead."""
    if not CHROMIUM.exists():
        _unavailable(
            "browser tests", f"{CHROMIUM} is missing (scripts/test installs Debian's chromium)"
        )


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture(scope="session")
def base_url(live_server: Any) -> str:
    """Every page.goto("/...") goes to pytest-django's live server."""
    return live_server.url


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    # en-GB: the region (and so the emergency number, 999) follows the browser language.
    return {**browser_context_args, "locale": "en-GB", "viewport": DESKTOP}


@pytest.fixture
def screenshots(tmp_path: Path) -> Path:
    """Where the screenshot tests write: docs/screenshots when
    LUMBA_UPDATE_SCREENSHOTS=1 asks for new ones, else a temporary folder."""
    if UPDATE_SCREENSHOTS:
        DOCS_SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        return DOCS_SCREENSHOTS
    return tmp_path


# --- Problems the page reports: console errors, CSP violations, script errors ---


# lumba answers a step with errors with 400 (lumba/web/check/tests check that), and Chromium
# logs every 4xx response as a console error: that one message is expected.
EXPECTED_CONSOLE_ERRORS = ("the server responded with a status of 400 (Bad Request)",)


def watch(page: Page) -> list[str]:
    """Collect console errors (Chromium logs CSP violations and failed loads
    there) and uncaught script errors; the `page` fixture fails on any."""
    problems: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error" and not message.text.endswith(EXPECTED_CONSOLE_ERRORS):
            problems.append(f"console error on {page.url}: {message.text}")

    page.on("console", on_console)
    page.on("pageerror", lambda error: problems.append(f"script error on {page.url}: {error}"))
    return problems


@pytest.fixture
def page(page: Page) -> Iterator[Page]:
    """pytest-playwright's page, failing the test on any console error or CSP violation.

    No context here sets bypass_csp: every page runs under lumba's real
    Content-Security-Policy, so an inline style injected by htmx, or an
    inline script, shows up as a console error and fails the test.
    """
    problems = watch(page)
    yield page
    assert problems == [], "the page reported problems:\n" + "\n".join(problems)


@pytest.fixture
def open_page(browser: Browser, browser_context_args: dict[str, Any]) -> Iterator[Any]:
    """Open a page in a context of its own (another viewport, JavaScript off,
    ...), watched like `page`: open_page(java_script_enabled=False)."""
    contexts: list[BrowserContext] = []
    watched: list[list[str]] = []

    def open_one(**context_args: Any) -> Page:
        context = browser.new_context(**{**browser_context_args, **context_args})
        contexts.append(context)
        page = context.new_page()
        watched.append(watch(page))
        return page

    yield open_one
    for context in contexts:
        context.close()
    problems = [p for each in watched for p in each]
    assert problems == [], "the page reported problems:\n" + "\n".join(problems)


# --- axe-core ---

# The CSP allows script from lumba's own origin only, and add_script_tag(path=)
# would inline the file (blocked). So the tests serve axe at a same-origin
# address that Playwright answers itself: axe runs under the real CSP and
# no context needs bypass_csp. The server never sees this address.
AXE_PATH = "/__test-only__/axe.min.js"


def axe(page: Page) -> list[dict[str, Any]]:
    """Run axe-core on the page; return the serious and critical violations
    for WCAG 2.0/2.1/2.2 A and AA. Skips (under CI=true: fails) without the axe file."""
    if not AXE_JS.is_file():
        _unavailable(
            "axe audit", f"axe-core is missing at {AXE_JS} (set LUMBA_AXE_JS, or run scripts/test)"
        )
    origin = page.evaluate("location.origin")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.route(
            f"{origin}{AXE_PATH}",
            lambda route: route.fulfill(path=str(AXE_JS), content_type="text/javascript"),
        )
        page.add_script_tag(url=f"{origin}{AXE_PATH}")
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        WCAG_TAGS,
    )
    return [v for v in result["violations"] if v["impact"] in ("serious", "critical")]


def describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    {node['target']}: {node.get('failureSummary', '')}")
    return "\n".join(lines)


# --- Answering the check through the page ---


def step_id(page: Page) -> str:
    return page.evaluate("location.pathname").strip("/").split("/")[-1]


def fill_step(page: Page, values: dict[str, Any]) -> None:
    for name, value in values.items():
        if not page.locator(f"[name='{name}']").count():
            continue  # shown once an earlier answer on the page calls for it
        if value is True:  # a lone checkbox, such as "I don't know"
            page.check(f"input[name='{name}']")
        elif page.locator(f"select[name='{name}']").count():
            page.select_option(f"select[name='{name}']", value)
        elif isinstance(value, list):
            for each in value:
                page.check(f"input[name='{name}'][value='{each}']")
        elif page.locator(f"input[type=radio][name='{name}']").count():
            page.check(f"input[name='{name}'][value='{value}']")
        else:
            field = page.locator(f"input[name='{name}']")
            if not field.is_visible():  # a reading: open its fold, as a person would
                page.locator("details.fold > summary").click()
            field.fill(value)


def press_continue(page: Page) -> None:
    """Continue, and wait for the next page: a new document, which may be the
    same step again (an answer there showed another question)."""
    # htmx swaps the body in place, so the mark goes on <main>, which is replaced.
    page.evaluate("document.querySelector('main').dataset.before = 'yes'")
    page.get_by_role("button", name="Continue").click()
    page.locator("main:not([data-before])").wait_for(state="attached")
    page.wait_for_load_state()


def answer_check(page: Page, answers: dict[str, dict[str, Any]], *, each_step: Any = None) -> None:
    """Start the check and answer step after step until it leaves the steps
    (the answers page or the result); call each_step(page) on every step."""
    page.goto("/check/")
    while page.url.split("/check/", 1)[1].split("?")[0].rstrip("/") not in ("answers", "result"):
        if each_step:
            each_step(page)
        fill_step(page, answers[step_id(page)])
        press_continue(page)
