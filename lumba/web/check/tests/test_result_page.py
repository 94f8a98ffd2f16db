"""The result page as a short care card for a phone (issue 7): the call
buttons, each reason once, the plan in short with the rest folded, and the
calcium myth where people are told to take calcium."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

import pytest
from django.core.cache import caches
from django.test import Client

from tests.check_answers import EMERGENCY, NO_SIGNS, SELF_CARE, result_page

# Leaking fluid at 33 weeks with ordinary pain: an urgent result.
URGENT = {
    **SELF_CARE,
    "pregnancy": {
        **SELF_CARE["pregnancy"],
        "gestational_weeks": "33",
        "pregnancy_signs": ["fluid_leak"],
    },
}
# Pain over the pubic bone: pelvic girdle pain, where calcium comes up.
PUBIC = {**SELF_CARE, "pain-where": {**SELF_CARE["pain-where"], "locations": ["pubic"]}}
CASES = {"self_care": SELF_CARE, "urgent": URGENT, "emergency": EMERGENCY, "pubic": PUBIC}
CALCIUM_MYTH = "/advice/myths/#myth-calcium-and-back-pain"


def _main(page: str) -> str:
    return page[page.index("<main") : page.index("</main>")]


def _tel_links(page: str) -> list[tuple[str, str]]:
    """(href, visible words) of every tel: link in the main content."""
    found = re.findall(r'<a [^>]*href="(tel:[^"]*)"[^>]*>(.*?)</a>', _main(page), re.S)
    return [(href, re.sub(r"<[^>]+>", "", words).strip()) for href, words in found]


# ------------------------------------------------------------ the filters
# ------------------------------------------------------------ call buttons
@pytest.mark.parametrize(
    ("region", "href", "words"),
    [
        ("GB", "tel:999", "Call 999"),
        ("US", "tel:911", "Call 911"),
        ("IE", "tel:112", "Call 112"),
        ("INT", "tel:112", "Call 112"),
    ],
)
def test_an_emergency_result_has_a_call_button(
    client: Client, region: str, href: str, words: str
) -> None:
    page = result_page(client, EMERGENCY, region)
    assert 'data-level="emergency"' in page and "Emergency advice:" in page
    assert _tel_links(page) == [(href, words)]
    # The button comes first in the care card, before "What to do now".
    main = _main(page)
    assert main.index("Emergency advice:") < main.index(href) < main.index("What to do now")


@pytest.mark.parametrize(
    ("region", "links"),
    [
        # The advice line as well where it has a number, then the emergency number.
        ("GB", [("tel:111", "Call NHS 111"), ("tel:999", "Call 999")]),
        ("US", [("tel:911", "Call 911")]),
        ("IE", [("tel:112", "Call 112")]),
        ("INT", [("tel:112", "Call 112")]),
        ("AU", [("tel:1800022222", "Call healthdirect on 1800 022 222"), ("tel:000", "Call 000")]),
    ],
)
def test_an_urgent_result_has_secondary_call_buttons_and_says_where_the_unit_number_is(
    client: Client, region: str, links: list[tuple[str, str]]
) -> None:
    page = result_page(client, URGENT, region)
    assert 'data-level="urgent"' in page and "Urgent advice:" in page
    assert _tel_links(page) == links
    main = _main(page)
    assert "Your maternity unit's number is in your pregnancy notes" in main
    assert main.count("button-secondary button-call-secondary") == len(links)
    assert main.index("Urgent advice:") < main.index("tel:") < main.index("What to do now")


def test_a_self_care_result_has_no_call_button(client: Client) -> None:
    page = result_page(client, SELF_CARE)
    assert 'data-level="self_care"' in page
    assert _tel_links(page) == []


# ------------------------------------------------------------ reasons once
@pytest.mark.parametrize("case", ["urgent", "emergency", "pubic"])
def test_the_first_reason_is_shown_once(client: Client, case: str) -> None:
    page = _main(result_page(client, CASES[case]))
    explanations = re.findall(r'<section class="reason"[^>]*>.*?<p>(.*?)</p>', page, re.S)
    assert explanations, "the result has a reason"
    assert page.count(explanations[0]) == 1
    assert page.index("What to do now") < page.index(">Why<")


# ------------------------------------------------------------ calcium myth
def test_pubic_pain_links_the_calcium_myth(client: Client) -> None:
    page = _main(result_page(client, PUBIC))
    assert f'href="{CALCIUM_MYTH}"' in page
    assert "Heard that back pain means you need more calcium? What the evidence says" in page


def test_pain_at_the_back_of_the_pelvis_links_the_calcium_myth(client: Client) -> None:
    answers = {**SELF_CARE, "pain-where": {**SELF_CARE["pain-where"], "locations": ["pelvic_back"]}}
    assert f'href="{CALCIUM_MYTH}"' in _main(result_page(client, answers))


def test_a_plain_lower_back_case_does_not_link_the_calcium_myth(client: Client) -> None:
    page = _main(result_page(client, SELF_CARE))
    assert "calcium" not in page.casefold()


# ------------------------------------------------------------ the plan
class _PlanShape(HTMLParser):
    """Each plan card (by its heading's id) with where it sits: inside the
    "More self-care advice" fold or not, and whether its text is folded."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[str, str]] = []
        self.cards: list[dict[str, Any]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag in ("details", "section"):
            self.stack.append((tag, attributes.get("class") or ""))
        if tag == "h3" and (attributes.get("id") or "").startswith("card-"):
            self.cards.append(
                {
                    "id": (attributes["id"] or "")[len("card-") :],
                    "in_fold": any("plan-fold" in classes for _, classes in self.stack),
                    "more": 0,
                }
            )
        if tag == "details" and "more" in (attributes.get("class") or "").split() and self.cards:
            self.cards[-1]["more"] += 1
        if tag in ("details", "section") and "open" in attributes and self.cards:
            self.cards[-1]["open"] = True

    def handle_endtag(self, tag: str) -> None:
        if tag in ("details", "section"):
            self.stack.pop()


def test_three_cards_are_shown_in_short_and_the_rest_folded(client: Client) -> None:
    page = _main(result_page(client, SELF_CARE))
    shape = _PlanShape()
    shape.feed(page)
    ids = [card["id"] for card in shape.cards]
    assert len(ids) >= 5, ids  # the plain case has more cards than three
    assert ids[-1] == "warning-signs"  # the warning signs come last
    assert [card["in_fold"] for card in shape.cards] == [False] * 3 + [True] * (len(ids) - 4) + [
        False
    ]
    # Every card is a heading, its summary, and its full text under a "More" <details>.
    assert all(card["more"] == 1 and not card.get("open") for card in shape.cards)
    assert page.count('<details class="plan-fold">') == 1
    assert "More self-care advice" in page
    assert page.count("<summary>More<span") == len(ids) - 1
    # The warning signs are folded too, under their own heading.
    assert '<h3 id="card-warning-signs">Signs that need help</h3>' in page


def test_the_plan_follows_the_ranking(client: Client) -> None:
    result_page(client, SELF_CARE)
    caches["fragments"].clear()  # rendered, not kept whole, so that its context is seen
    response = client.get("/check/result/")
    shape = _PlanShape()
    shape.feed(_main(response.content.decode()))
    ranked = [card["id"] for card in response.context["result"]["plan"]]
    ranked = [card for card in ranked if card != "warning-signs"] + ["warning-signs"]
    assert [card["id"] for card in shape.cards] == ranked


def test_standing_pain_shows_the_standing_card_first(client: Client) -> None:
    # 30 weeks, worse when standing: the sleep-on-your-side card also applies,
    # but the card for what hurts is the first one a person sees.
    assert SELF_CARE["daily-life"]["worse_with"] == ["standing"]
    shape = _PlanShape()
    shape.feed(_main(result_page(client, SELF_CARE)))
    shown = [card["id"] for card in shape.cards if not card["in_fold"]]
    assert shown[0] == "stand-well-and-not-for-long"
    assert "sleep-on-your-side" in shown[:3]


def test_a_short_plan_has_no_fold(client: Client) -> None:
    page = _main(result_page(client, EMERGENCY))
    assert "plan-fold" not in page
    assert "card-warning-signs" in page


# ------------------------------------------------------------ page rules
@pytest.mark.parametrize("case", ["self_care", "urgent", "emergency"])
def test_the_result_keeps_its_level_and_needs_no_inline_style_or_script(
    client: Client, case: str
) -> None:
    page = result_page(client, CASES[case])
    level = "self_care" if case == "self_care" else case
    assert f'<main id="main" class="width" tabindex="-1" data-level="{level}">' in page
    assert f'data-level="{level}" aria-labelledby="result-heading"' in page
    assert " style=" not in page
    assert re.search(r"<script(?![^>]*\bsrc=)", page) is None


@pytest.mark.parametrize("case", ["self_care", "urgent"])
def test_the_print_view_shows_every_card_in_full(client: Client, case: str) -> None:
    result_page(client, CASES[case])
    page = client.get("/check/result/print/").content.decode()
    screen = _main(client.get("/check/result/").content.decode())
    shape = _PlanShape()
    shape.feed(screen)
    assert "<details" not in page
    for card in shape.cards:
        # Each card's full text (first paragraph of its "More") is printed.
        start = screen.index(f'id="card-{card["id"]}"')
        first = re.search(r"<summary>.*?</summary>\s*<p>(.*?)</p>", screen[start:], re.S)
        assert first is not None
        assert first.group(1) in page, card["id"]


def test_a_check_step_has_one_back_control(client: Client) -> None:
    client.post("/check/emergency-signs/", NO_SIGNS["emergency-signs"])
    page = _main(client.get("/check/pregnancy/").content.decode())
    assert page.count(">Back<") == 1
    assert 'class="back-link"' in page
    assert 'value="back"' not in page


@pytest.mark.parametrize("path", ["/check/result/", "/check/result/print/", "/check/answers/"])
def test_no_cache_keeps_aresult_page(client: Client, path: str) -> None:
    result_page(client, SELF_CARE)
    response = client.get(path)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert "Cookie" in response["Vary"]
