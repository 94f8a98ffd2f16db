"""Whole journeys through the check in real Chromium, under the real CSP."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import EMERGENCY, SELF_CARE, answer_check, fill_step, press_continue

pytestmark = pytest.mark.browser


def text_index(page: Page, text: str) -> int:
    """Where text first appears in the main content (-1 if absent)."""
    return page.evaluate("(text) => document.querySelector('main').textContent.indexOf(text)", text)


def test_a_plain_check_ends_in_a_calm_self_care_plan(page: Page) -> None:
    answer_check(page, SELF_CARE)
    # The last step leads straight to the result; the answers are a link away.
    expect(page).to_have_url(re.compile(r"/check/result/$"))
    expect(page.locator(".care-card")).to_have_count(0)
    expect(page.locator(".result-calm h1")).to_be_visible()
    expect(page.get_by_role("heading", name="Your self-care plan")).to_be_visible()
    assert page.locator(".plan-card").count() >= 1


def test_an_emergency_sign_shows_the_emergency_result_at_once(page: Page) -> None:
    page.goto("/check/")
    fill_step(page, EMERGENCY["region"])
    press_continue(page)
    # The warning signs are the first question.
    page.get_by_label("Numbness around your genitals, bottom or inner thighs").check()
    press_continue(page)

    expect(page).to_have_url(re.compile(r"/check/result/$"))
    card = page.locator(".care-card-emergency")
    expect(card).to_be_visible()
    hidden = card.locator(".visually-hidden")
    expect(hidden).to_have_text("Emergency advice:")
    assert hidden.bounding_box()["width"] <= 1  # read out, not shown
    expect(card.get_by_role("link", name="Call 999")).to_have_attribute("href", "tel:999")
    assert "We stopped the check early" in page.locator("main").text_content()
    what_to_do, why = text_index(page, "What to do now"), text_index(page, "Why")
    assert 0 <= what_to_do < why, "'What to do now' must come before the reasons"
    # The result is announced: the care card sits in a status region.
    expect(page.locator("[role=status]").locator(".care-card-emergency")).to_have_count(1)


def checked(page: Page, name: str) -> list[str]:
    return page.eval_on_selector_all(
        f"input[name='{name}']:checked", "(inputs) => inputs.map((i) => i.value)"
    )


def browser_history(page: Page, direction: str) -> None:
    """The browser's own Back or Forward. lumba reloads the page from the server
    then (no htmx history cache), so wait for the fresh document."""
    page.evaluate("document.documentElement.dataset.before = 'yes'")
    if direction == "back":
        page.go_back()
    else:
        page.go_forward()
    page.locator("html:not([data-before])").wait_for(state="attached")


def test_going_back_and_forward_keeps_the_answers(page: Page) -> None:
    page.goto("/check/")
    for step in ("region", "emergency-signs", "pregnancy"):
        fill_step(page, SELF_CARE[step])
        press_continue(page)
    fill_step(page, {**SELF_CARE["body-signs"], "temperature_c": "37.2"})
    press_continue(page)
    fill_step(page, SELF_CARE["leg-signs"])
    press_continue(page)
    fill_step(page, {"locations": ["lower_back", "pubic"], "intensity": "6"})
    press_continue(page)
    expect(page).to_have_url(re.compile(r"/check/pain-how/$"))

    # The Back link: the last step's answers are still there, and the one before.
    page.get_by_role("link", name="Back", exact=True).click()
    expect(page).to_have_url(re.compile(r"/check/pain-where/$"))
    assert checked(page, "locations") == ["lower_back", "pubic"]
    assert checked(page, "intensity") == ["6"]
    page.get_by_role("link", name="Back", exact=True).click()
    expect(page).to_have_url(re.compile(r"/check/leg-signs/$"))
    page.get_by_role("link", name="Back", exact=True).click()
    expect(page).to_have_url(re.compile(r"/check/body-signs/$"))
    # The saved reading is in view: its fold is open.
    expect(page.locator("input[name=temperature_c]")).to_have_value("37.2")
    expect(page.locator("input[name=temperature_c]")).to_be_visible()

    # The browser's own Back and Forward show the saved answers too (not a stale copy).
    browser_history(page, "back")
    expect(page).to_have_url(re.compile(r"/check/leg-signs/$"))
    browser_history(page, "back")
    expect(page).to_have_url(re.compile(r"/check/pain-where/$"))
    assert checked(page, "intensity") == ["6"]
    browser_history(page, "forward")
    expect(page).to_have_url(re.compile(r"/check/leg-signs/$"))
    browser_history(page, "forward")
    expect(page).to_have_url(re.compile(r"/check/body-signs/$"))
    expect(page.locator("input[name=temperature_c]")).to_have_value("37.2")
    press_continue(page)
    press_continue(page)
    press_continue(page)
    browser_history(page, "back")
    expect(page).to_have_url(re.compile(r"/check/pain-where/$"))
    assert checked(page, "intensity") == ["6"]
    assert checked(page, "locations") == ["lower_back", "pubic"]
    browser_history(page, "forward")
    expect(page).to_have_url(re.compile(r"/check/pain-how/$"))

    # One Back control per step: the link at the top (no second Back button
    # beside Continue).
    expect(page.get_by_role("button", name="Back", exact=True)).to_have_count(0)
    page.get_by_role("link", name="Back", exact=True).click()
    expect(page).to_have_url(re.compile(r"/check/pain-where/$"))
    assert checked(page, "locations") == ["lower_back", "pubic"]

    # Change an answer and go forward: the change sticks.
    page.uncheck("input[name=locations][value=pubic]")
    page.check("input[name=intensity][value='4']")
    press_continue(page)
    fill_step(page, {"onset": "sudden", "duration_days": "4_7_days"})
    fill_step(page, {"pattern": "comes_and_goes", "eased_by_rest": "yes", "wakes_at_night": "no"})
    press_continue(page)
    fill_step(page, SELF_CARE["daily-life"])
    press_continue(page)
    press_continue(page)  # this pregnancy and earlier ones: nothing applies
    press_continue(page)  # health: nothing applies
    expect(page).to_have_url(re.compile(r"/check/result/$"))
    page.get_by_role("link", name="Change your answers").click()
    expect(page).to_have_url(re.compile(r"/check/answers/$"))
    summary = page.locator(".summary-list")
    expect(summary).to_contain_text("Lower back")
    expect(summary).not_to_contain_text("Front of the pelvis")
    expect(summary).to_contain_text("Suddenly")
    expect(summary).to_contain_text("37.2")
    # No copies of the pages (answers, results) are kept in the browser's storage.
    assert page.evaluate("localStorage.length") == 0
    assert page.evaluate("sessionStorage.getItem('htmx-history-cache')") is None


# --- Keyboard only ---


def tab_to(page: Page, selector: str, *, limit: int = 40) -> None:
    """Press Tab until the focused element matches selector."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement?.matches(s) ?? false", selector):
            return
    raise AssertionError(f"Tab never reached {selector} on {page.url}")


def wait_for_path(page: Page, path: str) -> None:
    """Wait until the page's path is path. A pattern on the whole URL is not enough: the
    region page's own URL (?next=/check/emergency-signs/) ends with the next step's path."""
    page.wait_for_url(lambda url: urlsplit(url).path == path)


def assert_focus_visible(page: Page) -> None:
    """The focused element draws a focus indicator: a visible outline or a box-shadow."""
    style = page.evaluate(
        """() => {
            const s = getComputedStyle(document.activeElement);
            return {outline: s.outlineStyle, width: s.outlineWidth, colour: s.outlineColor,
                    shadow: s.boxShadow, tag: document.activeElement.outerHTML.slice(0, 80)};
        }"""
    )
    outline = (
        style["outline"] != "none"
        and style["width"] != "0px"
        and style["colour"] not in ("transparent", "rgba(0, 0, 0, 0)")
    )
    assert outline or style["shadow"] not in ("", "none"), f"no visible focus on {style}"


def keyboard_continue(page: Page, key: str = "Enter") -> None:
    before = page.url
    tab_to(page, "button[value=next]")
    assert_focus_visible(page)
    page.keyboard.press(key)
    page.wait_for_url(lambda url: url != before)
    if "/check/answers/" not in page.url:
        expect(page.locator("main h1")).to_be_focused()  # lumba.js, after the swap


def test_the_whole_check_works_with_the_keyboard_alone(page: Page) -> None:
    page.goto("/")
    # The first Tab shows the skip link; it takes focus to the main content.
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    assert_focus_visible(page)
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    tab_to(page, "a.button-start")
    assert_focus_visible(page)
    page.keyboard.press("Enter")
    # Where you are: asked once, prefilled from the browser; Enter confirms it.
    page.wait_for_url(re.compile(r"/check/region/"))
    tab_to(page, "select[name=region]")
    assert_focus_visible(page)
    tab_to(page, "main button[type=submit]")
    page.keyboard.press("Enter")
    wait_for_path(page, "/check/emergency-signs/")
    page.wait_for_load_state("networkidle")

    tab_to(page, "input[value=heavy_vaginal_bleeding]")
    assert_focus_visible(page)  # a checkbox
    tab_to(page, "input[name=emergency_signs][value=none]")
    page.keyboard.press("Space")  # None of these
    keyboard_continue(page)
    # After each step, focus moves to the new heading (lumba.js) for screen readers.
    expect(page.locator("main h1")).to_be_focused()

    tab_to(page, "input[name=gestational_weeks]")
    assert_focus_visible(page)
    page.keyboard.type("30")
    tab_to(page, "input[name=pregnancy_signs][value=none]")
    page.keyboard.press("Space")
    tab_to(page, "input[name=movements][value=none]")
    page.keyboard.press("Space")
    page.keyboard.press("Enter")  # submits the form, as Continue would
    wait_for_path(page, "/check/body-signs/")
    tab_to(page, "input[name=body_signs][value=none]")
    page.keyboard.press("Space")
    keyboard_continue(page)
    tab_to(page, "input[name=leg_signs][value=none]")
    page.keyboard.press("Space")
    keyboard_continue(page)

    tab_to(page, "input[name=locations][value=lower_back]")
    page.keyboard.press("Space")
    tab_to(page, "input[name=intensity]")  # the scale: the first point, 0
    for _ in range(3):
        page.keyboard.press("ArrowRight")  # arrows move along the scale: 3
    assert checked(page, "intensity") == ["3"]
    keyboard_continue(page)

    tab_to(page, "input[name=onset]")  # first radio of the group: "Slowly"
    assert_focus_visible(page)  # a radio
    page.keyboard.press("Space")
    tab_to(page, "input[name=pattern]")
    page.keyboard.press("Space")  # "On and off"
    tab_to(page, "input[name=duration_days]")
    page.keyboard.press("Space")  # "It started today"
    tab_to(page, "input[name=eased_by_rest]")
    page.keyboard.press("Space")  # "Yes"
    tab_to(page, "input[name=wakes_at_night]")
    page.keyboard.press("ArrowDown")  # arrows move within a radio group
    assert checked(page, "wakes_at_night") == ["yes_settles"]
    page.keyboard.press("ArrowUp")
    assert checked(page, "wakes_at_night") == ["no"]
    keyboard_continue(page)

    tab_to(page, "input[name=worse_with][value=standing]")
    page.keyboard.press("Space")
    tab_to(page, "input[name=daily_life_impact]")
    page.keyboard.press("Space")  # "Not at all"
    keyboard_continue(page)
    keyboard_continue(page)  # this pregnancy and earlier ones: nothing applies
    keyboard_continue(page)  # health: nothing applies

    wait_for_path(page, "/check/result/")
    expect(page.locator(".result-calm")).to_be_visible()
    expect(page.locator(".care-card")).to_have_count(0)


# --- Without JavaScript ---


def test_the_check_works_without_javascript(open_page) -> None:
    page = open_page(java_script_enabled=False)
    # An empty step shows the error summary, linked to the field.
    page.goto("/check/pregnancy/")
    page.get_by_role("button", name="Continue").click()
    expect(page).to_have_title(re.compile(r"^Error:"))
    expect(page.locator(".error-summary a").first).to_have_attribute(
        "href", "#id_gestational_weeks"
    )

    answer_check(page, SELF_CARE)
    expect(page).to_have_url(re.compile(r"/check/result/$"))
    expect(page.locator(".result-calm")).to_be_visible()
    expect(page.get_by_role("heading", name="Your self-care plan")).to_be_visible()

    page.get_by_role("button", name="Start again").click()
    expect(page).to_have_url(re.compile(r"/check/emergency-signs/$"))  # the region is remembered
    expect(page.locator("input[name=emergency_signs]:checked")).to_have_count(0)
    answer_check(page, EMERGENCY)
    expect(page).to_have_url(re.compile(r"/check/result/$"))
    expect(page.locator(".care-card-emergency")).to_contain_text("Emergency advice:")


# --- A narrow phone: 320 CSS px, no sideways scrolling (WCAG 1.4.10 Reflow) ---


# Body copy is at least 19px on phones (ux.md); small print is marked as such.
SMALL_BODY_TEXT = """() => [...document.querySelectorAll(
        'main :is(p, li, dt, dd, label, legend):not(.small, .small *, .progress, .caption, .sources *)')]
    .filter((e) => e.textContent.trim() && parseFloat(getComputedStyle(e).fontSize) < 19)
    .map((e) => `${e.tagName} ${getComputedStyle(e).fontSize}: ${e.textContent.trim().slice(0, 40)}`)"""


def test_pages_reflow_at_320_pixels_without_sideways_scrolling(open_page) -> None:
    page = open_page(viewport={"width": 320, "height": 640}, is_mobile=True)
    too_wide: list[str] = []

    def look() -> None:
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 320:
            too_wide.append(f"{page.url}: {width}px")
        too_wide.extend(f"{page.url}: text below 19px: {e}" for e in page.evaluate(SMALL_BODY_TEXT))

    for path in ("/", "/advice/", "/advice/sleep-on-your-side/", "/advice/myths/"):
        page.goto(path)
        look()
    answer_check(page, SELF_CARE, each_step=lambda _page: look())
    look()  # check your answers
    page.goto("/check/result/")
    look()
    page.goto("/check/result/print/")
    look()
    page.context.clear_cookies()
    answer_check(page, EMERGENCY)
    look()  # the emergency result
    assert too_wide == [], "at 320px:\n" + "\n".join(too_wide)
