"""The Chinese side of the wording checks: short sentences, urgency words that
fit the level, and no urgency lost in translation (H-016)."""

from __future__ import annotations

import dataclasses

import pytest

from lumba.content.wording import (
    MAX_SENTENCE_CHARACTERS,
    MAX_SIGN_CHARACTERS,
    chinese_length,
    chinese_readability_problems,
    chinese_sentences,
    implied_level,
    translated_urgency_problems,
    urgency_problems,
)
from lumba.core.text import LocalizedText

CHINESE = "zh-Hans"


def _with_rule(library, rule_id: str, **changes):
    rule = library.rule(rule_id).model_copy(update=changes)
    return dataclasses.replace(
        library, rules=tuple(rule if r.id == rule_id else r for r in library.rules)
    )


def _with_card(library, card_id: str, **changes):
    card = library.card(card_id).model_copy(update=changes)
    return dataclasses.replace(
        library, cards=tuple(card if c.id == card_id else c for c in library.cards)
    )


def _chinese(english: str, chinese: str) -> LocalizedText:
    return LocalizedText({"en": english, CHINESE: chinese})


def test_the_packaged_chinese_passes_every_chinese_check(library) -> None:
    assert chinese_readability_problems(library) == []
    assert translated_urgency_problems(library) == []
    assert [p for p in urgency_problems(library) if CHINESE in p.field] == []


# ---------------------------------------------------------------- sentence length


def test_a_sentence_is_measured_in_the_characters_that_are_read() -> None:
    assert chinese_length("胸口疼痛或发紧") == 7
    # Punctuation does not count; a number, a Latin word or a placeholder is one.
    assert chinese_length("血压140/90或以上，") == 6
    assert chinese_length("拨打 NHS 111。") == 4
    assert chinese_length("现在就拨打{emergency}。") == 6


def test_sentences_end_at_chinese_stops_semicolons_and_line_ends() -> None:
    text = "先休息。再走一走！疼吗？不疼就好；明天再试\n- 第二行"
    assert chinese_sentences(text) == [
        "先休息。",
        "再走一走！",
        "疼吗？",
        "不疼就好；",
        "明天再试",
        "- 第二行",
    ]


def test_it_flags_a_long_chinese_rule_explanation_and_passes_a_short_one(library) -> None:
    long = "如果你觉得" + "腰背部非常疼" * 6 + "，请告诉助产士。"
    assert chinese_length(long) > MAX_SENTENCE_CHARACTERS
    short = "腰背痛通常在休息后会缓解。告诉助产士。"
    found = {}
    for name, chinese in (("long", long), ("short", short)):
        explanation = _chinese("Back pain usually eases with rest.", chinese)
        found[name] = chinese_readability_problems(
            _with_rule(library, "leg-tingling", explanation=explanation)
        )
    assert [p.field for p in found["long"]] == ["leg-tingling.explanation[zh-Hans]"]
    assert f"at most {MAX_SENTENCE_CHARACTERS}" in found["long"][0].message
    assert found["short"] == []


def test_a_bracket_is_measured_on_its_own_not_added_to_its_sentence(library) -> None:
    # A term explained at its first mention, as the glossary asks: the
    # sentence and the bracket are each short, though together they are long.
    term = "怀孕20周起，这些可能是子痫前期（也叫“先兆子痫”，孕期血压高并可能伤及肝肾等器官的疾病）的信号。"
    assert chinese_length(term) > MAX_SENTENCE_CHARACTERS
    explained = _with_rule(library, "leg-tingling", explanation=_chinese("A sign.", term))
    assert chinese_readability_problems(explained) == []
    # A bracket longer than a sentence may be is flagged all the same.
    aside = "可能是子痫前期（" + "孕期血压高并可能伤及肝肾等器官" * 3 + "）的信号。"
    too_long = _with_rule(library, "leg-tingling", explanation=_chinese("A sign.", aside))
    found = chinese_readability_problems(too_long)
    assert len(found) == 1 and "a bracket of" in found[0].message


def test_a_sign_has_its_own_longer_limit(library) -> None:
    sign = "腰部" * ((MAX_SENTENCE_CHARACTERS + MAX_SIGN_CHARACTERS) // 4)
    assert MAX_SENTENCE_CHARACTERS < chinese_length(sign) <= MAX_SIGN_CHARACTERS
    within = _with_rule(library, "side-pain", sign=_chinese("pain in the side", sign))
    assert chinese_readability_problems(within) == []
    over = _with_rule(library, "side-pain", sign=_chinese("pain in the side", sign + "疼痛" * 4))
    assert [p.field for p in chinese_readability_problems(over)] == ["side-pain.sign[zh-Hans]"]


def test_level_texts_and_cards_are_checked_too(library) -> None:
    long = "不要等着看它会不会自己好" * 4 + "。"
    card = _with_card(library, "warmth-for-back-pain", summary=_chinese("Rest.", long))
    assert [p.field for p in chinese_readability_problems(card)] == ["summary[zh-Hans]"]


# ---------------------------------------------------------------- urgency words


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("现在就拨打120，叫救护车。", "emergency"),
        ("请马上去医院急诊科。", "emergency"),
        ("现在就打电话给你建档医院的产科急诊。", "urgent"),
        ("不论白天晚上，都要打电话。", "urgent"),
        ("需要当天检查。", "urgent"),
        ("请立即求助。", "urgent"),
        ("在24小时内去看全科医生。", "soon"),
        ("应在1到2天内请医生检查。", "soon"),
        ("今天就告诉你的助产士。", "soon"),
        ("如果游泳后当天晚些时候疼得更厉害，下次就少游一点。", None),
        ("成年人每天需要 1,000 mg 钙，或 1200 mg。", None),
        ("先休息，再慢慢走一走。", None),
    ],
)
def test_it_reads_the_urgency_a_chinese_text_implies(text: str, level: str | None) -> None:
    found = implied_level(text, CHINESE)
    assert (found[0] if found else None) == level


def test_an_obstetric_emergency_department_is_urgent_not_an_emergency() -> None:
    # China's 产科急诊 is where urgent care goes, as a labour ward is in the UK.
    assert implied_level("Go now to the obstetric emergency department.")[0] == "urgent"
    assert implied_level("Go to an emergency department.")[0] == "emergency"


def test_it_flags_a_chinese_card_that_says_go_now_where_it_can_show_at_self_care(
    library,
) -> None:
    text = _chinese(
        "Rest with a warm pack. If it gets worse, tell your midwife.",
        "用热敷休息一下。如果疼得更厉害，马上打电话给助产士。",
    )
    found = urgency_problems(_with_card(library, "warmth-for-back-pain", text=text))
    fields = [p.field for p in found if "warmth-for-back-pain" in p.file]
    assert "text[zh-Hans]" in fields
    problem = next(p for p in found if p.field == "text[zh-Hans]")
    assert "马上" in problem.message and "self_care" in problem.message


def test_a_chinese_card_kept_away_from_calmer_levels_may_use_urgent_words(library) -> None:
    text = _chinese("Call your maternity unit straight away.", "马上打电话给产科急诊。")
    calm = ["soon", "routine", "self_care"]
    changed = _with_card(library, "warmth-for-back-pain", text=text, not_at_levels=calm)
    assert [p for p in urgency_problems(changed) if "warmth-for-back-pain" in p.file] == []


def test_it_flags_a_translation_that_loses_the_same_day(library) -> None:
    # The English says "the same day"; a Chinese that only says "check" is calmer.
    rule = library.rule("leg-nerve-signs")
    lost = _chinese(
        rule.explanation.get(),
        "腿新出现无力或失去知觉，可能是腰背部神经受压的信号。检查有助于保护神经。",
    )
    found = translated_urgency_problems(_with_rule(library, "leg-nerve-signs", explanation=lost))
    assert [p.field for p in found] == ["leg-nerve-signs.explanation[zh-Hans]"]
    assert "same day" in found[0].message


def test_a_translation_may_be_plainer_about_speed_than_its_english(library) -> None:
    rule = library.rule("leg-tingling")
    faster = _chinese(rule.explanation.get(), "一条腿有麻刺感，今天就告诉助产士。")
    assert (
        translated_urgency_problems(_with_rule(library, "leg-tingling", explanation=faster)) == []
    )
