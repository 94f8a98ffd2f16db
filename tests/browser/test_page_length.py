"""No question page is longer than about two phone screens (issue 7): at
390 x 844, what a person must scroll through to reach Continue on every step
of the check, with every question that can appear shown, ends within two
and a quarter screens (the warning signs, kept on one page, need 2.13). The
footer below Continue is not counted: nobody needs to read it to go on."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from lumba.content.loader import default_library
from tests.browser.conftest import PHONE, answer_check
from tests.check_answers import NO_PREGNANCY_SIGNS, SELF_CARE

pytestmark = pytest.mark.browser

SCREENS = 2.25
STEPS = [step.id for step in default_library().questionnaire.steps]

# Weeks unknown and pain in the leg show every question that depends on
# them (the check asks more when weeks are unknown: the cautious way).
EVERY_QUESTION = {
    **SELF_CARE,
    "pregnancy": {"gestational_weeks_unknown": True, **NO_PREGNANCY_SIGNS},
    "pain-where": {
        **SELF_CARE["pain-where"],
        "locations": ["lower_back", "leg"],
        "spreads_below_knee": "no",
    },
}


def _continue_ends_at(page: Page) -> float:
    box = page.locator("main button[type=submit]").first.bounding_box()
    assert box is not None
    return box["y"] + box["height"]


def test_every_step_fits_in_about_two_phone_screens(open_page) -> None:
    page = open_page(viewport=PHONE)
    answer_check(page, EVERY_QUESTION)
    ends = {}
    for step in STEPS:
        page.goto(f"/check/{step}/")
        ends[step] = _continue_ends_at(page)
    # The measurement covers the question shown only for leg pain.
    page.goto("/check/pain-where/")
    assert page.locator("input[name=spreads_below_knee]").count() == 3
    assert len(ends) == len(STEPS) >= 8
    too_long = {step: round(end) for step, end in ends.items() if end > SCREENS * PHONE["height"]}
    assert too_long == {}, f"Continue ends below {SCREENS} screens: {too_long}"
