"""What the terminal shows (lumba/console.py, lumba/interactive.py), in process: prompts
that say what they take, a result that fits a terminal and ends on what to do, and
`lumba explain` in JSON."""

from __future__ import annotations

import io
import json
import re

import pytest
from rich.console import Console

from lumba.catalogues import translator
from lumba.console import CARDS_IN_SHORT, show_result
from lumba.interactive import _prompt, parse_answer
from lumba.service import triager as make_triager
from lumba.service import validate_assessment

PLAIN = {
    "gestational_weeks": 30,
    "pain": {"intensity": 3, "locations": ["lower_back"], "worse_with": ["standing"]},
}
EMERGENCY = {**PLAIN, "symptoms": ["saddle_numbness"]}
WIDTH = 100


def _shown(library, document, language: str = "en") -> list[str]:
    triager = make_triager(library, region="GB", language=language)
    out = io.StringIO()
    console = Console(file=out, width=WIDTH, color_system=None, force_terminal=False)
    show_result(triager.result(validate_assessment(document)), console)
    return out.getvalue().splitlines()


# ---------------------------------------------------------------- prompts


@pytest.mark.parametrize("language", ["en", "zh-Hans"])
def test_a_prompt_offers_enter_only_where_enter_is_taken(library, language: str) -> None:
    _ = translator(language)
    enter = "Enter" if language == "en" else "回车"
    offered = 0
    for question in library.questionnaire.questions():
        if enter not in _prompt(question, _):
            continue
        offered += 1
        parse_answer(question, "", list(question.options), translate=_)  # does not raise
    assert offered >= 5


def test_a_checklist_that_needs_an_answer_does_not_offer_enter(library) -> None:
    locations = next(q for q in library.questionnaire.questions() if q.id == "locations")
    assert locations.required and not locations.none_option
    assert "Enter" not in _prompt(locations)
    with pytest.raises(ValueError, match="at least one"):
        parse_answer(locations, "", list(locations.options))


def test_a_checklist_that_may_be_left_empty_takes_enter_as_none(library) -> None:
    worse_with = next(q for q in library.questionnaire.questions() if q.id == "worse_with")
    assert "Enter for none" in _prompt(worse_with)
    assert parse_answer(worse_with, "", list(worse_with.options)) == []


# ---------------------------------------------------------------- the result


def test_a_self_care_result_fits_a_few_screens_and_ends_on_what_to_do(library) -> None:
    lines = _shown(library, PLAIN)
    result = make_triager(library, region="GB").result(validate_assessment(PLAIN))
    assert result["level"] == "self_care" and len(result["plan"]) > CARDS_IN_SHORT + 1
    assert len(lines) <= 120, len(lines)  # 273 lines at this width before
    # What to do now first, as before.
    assert "SELF-CARE" in lines[0]
    assert lines[3] == "What to do now"
    # The last screen (24 lines) holds the level and every action.
    last = "\n".join(lines[-24:])
    assert "SELF-CARE" in last
    for action in result["actions"]:
        assert action in " ".join(last.split()), action
    assert lines[-1].startswith("╰") and "Scroll up" in lines[-1]


def test_the_plan_shows_three_cards_in_short_and_names_the_rest(library) -> None:
    lines = _shown(library, PLAIN)
    text = "\n".join(lines)
    joined = " ".join(text.split())
    result = make_triager(library, region="GB").result(validate_assessment(PLAIN))
    others = [c for c in result["plan"] if c["topic"] != "warning_signs"]
    for card in others[:CARDS_IN_SHORT]:
        assert f"{card['title']}  {card['id']}" in text
        assert " ".join(card["summary"].split()) in joined
        assert " ".join(card["text"].split()) not in joined  # in short only
    for card in others[CARDS_IN_SHORT:]:
        assert f"- {card['title']}  {card['id']}" in text
    assert "Also in your plan:" in text
    assert "lumba explain ID" in text


def test_the_warning_signs_are_always_listed_whole(library) -> None:
    for document in (PLAIN, EMERGENCY):
        joined = " ".join("\n".join(_shown(library, document)).split())
        result = make_triager(library, region="GB").result(validate_assessment(document))
        (card,) = [c for c in result["plan"] if c["topic"] == "warning_signs"]
        for group in card["signs"]:
            assert group["heading"] in joined
            for sign in group["signs"]:
                assert f"- {sign}" in joined, sign


def test_sources_take_one_line_per_item(library) -> None:
    lines = _shown(library, EMERGENCY)
    sources = [line for line in lines if line.startswith("  Sources: ")]
    assert sources and all(len(line) <= WIDTH for line in sources)
    result = make_triager(library, region="GB").result(validate_assessment(EMERGENCY))
    shown_items = len(result["reasons"]) + min(len(result["plan"]), CARDS_IN_SHORT + 1)
    assert len(sources) == shown_items


def test_an_emergency_result_ends_on_the_emergency_and_its_number(library) -> None:
    lines = _shown(library, EMERGENCY)
    last = " ".join("\n".join(lines[-8:]).split())
    assert "EMERGENCY" in last and "999" in last


def test_the_result_speaks_chinese_in_every_line_it_adds(library) -> None:
    text = "\n".join(_shown(library, PLAIN, "zh-Hans"))
    for english in ("What to do now", "Your plan", "Also in your plan", "Sources", "Scroll up"):
        assert english not in text, english
    assert "lumba explain ID --lang zh-Hans" in text
    assert text.rstrip().endswith("╯") and "详细内容请往上翻" in text.splitlines()[-1]


# ---------------------------------------------------------------- lumba explain


def test_explain_prints_each_example_as_json(library, invoke_lumba) -> None:
    rule = next(r for r in library.rules if r.examples.fires and r.examples.does_not_fire)
    run = invoke_lumba("explain", rule.id, env={"COLUMNS": "400"})
    assert run.returncode == 0, run.stderr
    shown = {
        "fires": [],
        "does not fire": [],
    }
    for line in run.stdout.splitlines():
        found = re.match(r"(fires|does not fire):\s+(.*)$", line)
        if found:
            shown[found.group(1)].append(json.loads(found.group(2)))
    assert shown["fires"] == rule.examples.fires
    assert shown["does not fire"] == rule.examples.does_not_fire


def test_explain_shows_an_advice_card_in_full(library, invoke_lumba) -> None:
    card = library.card("sleep-on-your-side")
    run = invoke_lumba("explain", card.id, "--region", "GB", env={"COLUMNS": "400"})
    assert run.returncode == 0, run.stderr
    joined = " ".join(run.stdout.split())
    assert card.title.get("en") in joined
    assert " ".join(card.text.get("en").split()) in joined
    for citation in library.citations(card.sources):
        assert f"Source: {citation}" in joined
    chinese = invoke_lumba("explain", card.id, "--lang", "zh-Hans")
    assert chinese.returncode == 0, chinese.stderr
    assert card.title.get("zh-Hans") in chinese.stdout


def test_explain_suggests_a_card_id_too(invoke_lumba) -> None:
    run = invoke_lumba("explain", "sleep-on-your-sides")
    assert run.returncode == 2
    assert "did you mean sleep-on-your-side?" in run.stderr
