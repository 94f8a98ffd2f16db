"""Warning signs shown in cards come from the rules, so cards cannot contradict the engine."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lumba.content.wording import implied_level
from lumba.core.result import ResultRenderer
from lumba.core.vocabulary import URGENCY
from lumba.service import validate_assessment

VIGNETTES = Path(__file__).parent.parent / "vignettes"


def _vignettes() -> list[dict]:
    cases = []
    for path in sorted(VIGNETTES.glob("*.jsonl")):
        cases += [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    return cases


def test_every_rule_sign_is_listed_under_its_own_level_and_no_other(library) -> None:
    renderer = ResultRenderer(library, library.regions["GB"])
    groups = renderer.sign_groups(["emergency", "urgent", "soon", "routine"])
    where = {}
    for group in groups:
        for sign in group["signs"]:
            assert sign not in where, f"{sign!r} is listed under two levels"
            where[sign] = group["level"]
    for rule in library.rules:
        assert rule.sign is not None, rule.id
        assert where[rule.sign.get()] == rule.level, rule.id


def test_the_headings_say_what_to_do_with_the_regions_numbers(library) -> None:
    renderer = ResultRenderer(library, library.regions["AU"])
    emergency = renderer.sign_groups(["emergency"])[0]
    assert emergency["heading"].startswith("Call 000 now")


def test_the_generated_warning_signs_card_is_in_every_plan(triager) -> None:
    for case in _vignettes():
        result = triager.result(validate_assessment(case["assessment"]))
        cards = {item["id"]: item for item in result["plan"]}
        assert "warning-signs" in cards, case["id"]
        listed = cards["warning-signs"]["signs"]
        # Every group at least as urgent as the result; all three at calmer levels.
        expected = {
            "emergency": ["emergency"],
            "urgent": ["emergency", "urgent"],
        }.get(result["level"], ["emergency", "urgent", "soon"])
        assert [g["level"] for g in listed] == expected, case["id"]
        for group in listed:
            assert group["heading"] in cards["warning-signs"]["text"]


@pytest.mark.parametrize("region", ["GB", "US", "CN"])
def test_no_card_in_a_plan_asks_for_faster_action_than_the_level(triager, library, region) -> None:
    # The reviewed fault: a self-care result whose card said "call straight away".
    from lumba.service import triager as make_triager

    run = make_triager(library, region=region)
    for case in _vignettes():
        result = run.result(validate_assessment(case["assessment"]))
        for item in result["plan"]:
            card = library.card(item["id"])
            if card.signs or card.urgency_reason:
                continue  # generated from the rules, or a reviewed exception
            for text in (item["title"], item["summary"], item["text"]):
                implied = implied_level(text)
                if implied:
                    level, words = implied
                    assert URGENCY[level] <= URGENCY[result["level"]], (
                        f"{case['id']}: card {card.id} says {words!r} at {result['level']}"
                    )


def test_the_advice_page_shows_the_whole_list(library, triager) -> None:
    text = triager.renderer.card_text(library.card("warning-signs"))
    for rule in library.rules:
        if rule.level in ("emergency", "urgent", "soon"):
            assert rule.sign.get() in text, rule.id
