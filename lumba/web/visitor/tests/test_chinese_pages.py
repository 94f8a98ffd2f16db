"""The pages in Simplified Chinese (issue 11): each sentence is one
translated message with named placeholders, never English fragments put
together in English word order, with Chinese punctuation and dates."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.test import Client

from lumba.core.check import WEEKS_UNKNOWN_NOTE
from lumba.web.accounts.tests.people import PASSWORD
from tests.check_answers import EMERGENCY, SELF_CARE, walk_check

ZH = {"accept-language": "zh-CN"}
EN = {"accept-language": "en-GB"}
# A date in full in Chinese: 2026年3月4日.
CHINESE_DATE = r"\d{4}年\d{1,2}月\d{1,2}日"


def _get(client: Client, path: str, headers: dict[str, str], status: int = 200) -> str:
    response = client.get(path, headers=headers)
    assert response.status_code == status, response.content.decode()[:2000]
    return response.content.decode()


def _main(page: str) -> str:
    return page[page.index("<main") : page.index("</main>")]


def _title(page: str) -> str:
    found = re.search(r"<title>(.*?)</title>", page, re.S)
    assert found, page[:500]
    return found.group(1)


# ---------------------------------------------------------------- the check


@pytest.mark.parametrize("headers", [ZH, EN], ids=["zh", "en"])
def test_the_result_title_is_one_sentence(client: Client, content, headers) -> None:
    walk_check(client, SELF_CARE, headers=headers)
    page = _get(client, "/check/result/", headers)
    label = content.levels["self_care"].label
    if headers is ZH:
        assert _title(page) == f"你的结果：{label.get('zh-Hans')} – lumba"
    else:
        assert _title(page) == f"Your result: {label.get('en')} – lumba"
    printed = _get(client, "/check/result/print/", headers)
    assert _title(printed) == _title(page)


def test_the_result_says_what_change_changes_in_one_message(client: Client) -> None:
    walk_check(client, SELF_CARE, headers=ZH)
    page = _get(client, "/check/result/", ZH)
    assert '修改<span class="visually-hidden">所在地区</span>' in page
    # The hidden count of the folded cards is inside the same message, in
    # Chinese brackets.
    assert re.search(r'更多自我护理建议<span class="visually-hidden">（\d+ 条）</span>', page)
    assert re.search(r'更多<span class="visually-hidden">关于“[^”]+”的内容</span>', page)


def test_the_care_card_heading_is_one_message(client: Client, content) -> None:
    walk_check(client, {"emergency-signs": {"emergency_signs": ["saddle_numbness"]}}, headers=ZH)
    page = _get(client, "/check/result/", ZH)
    heading = re.search(r'<h1 class="care-card-heading".*?<span>(.*?)</span>\s*</h1>', page, re.S)
    assert heading
    label = content.levels["emergency"].label.get("zh-Hans")
    assert heading.group(1).startswith(f"{label}：")


# A case between the two: a high temperature with the pain (urgent).
FEVER = {**SELF_CARE, "body-signs": {"body_signs": ["none"], "temperature_c": "38.6"}}


@pytest.mark.parametrize(
    ("answers", "level"),
    [(SELF_CARE, "self_care"), (FEVER, "urgent"), (EMERGENCY, "emergency")],
    ids=["self-care", "fever", "emergency"],
)
def test_the_same_answers_give_the_same_level_in_english_and_chinese(
    answers: dict[str, dict[str, Any]], level: str
) -> None:
    """The same answers (the region, GB, too) from an English and a Chinese
    browser: the page, and the care card or calm result in its status region,
    say the same level. (A browser test once; it reads only the page as served.)"""
    for headers, lang in ((EN, "en"), (ZH, "zh-Hans")):
        client = Client()
        walk_check(client, answers, headers=headers)
        page = _get(client, "/check/result/", headers)
        assert re.search(rf'<html lang="{lang}[^"]*"', page), (lang, page[:300])
        assert re.findall(r'<main [^>]*data-level="([^"]+)"', page) == [level], lang
        status = page[page.index('<div role="status"') : page.index("</main>")]
        assert re.findall(r'data-level="([^"]+)"', status)[:1] == [level], lang


def test_each_change_link_on_the_answers_page_is_one_message(client: Client) -> None:
    walk_check(client, SELF_CARE, headers=ZH)
    chinese = _get(client, "/check/answers/", ZH)
    assert '修改<span class="visually-hidden">这个问题的答案：' in chinese
    english = _get(client, "/check/answers/", EN)
    assert 'Change<span class="visually-hidden"> your answer to: ' in english


@pytest.mark.parametrize(
    ("upper", "lower", "message"),
    [
        ("abc", "80", "高压请输入 50 到 300 之间的整数"),
        ("120", "250", "低压请输入 20 到 200 之间的整数"),
    ],
)
def test_a_blood_pressure_message_is_a_whole_chinese_sentence(
    client: Client, upper: str, lower: str, message: str
) -> None:
    data = {"body_signs": ["none"], "blood_pressure_0": upper, "blood_pressure_1": lower}
    response = client.post("/check/body-signs/", data, headers=ZH)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_unknown_weeks_are_said_in_the_pages_language(client: Client) -> None:
    unknown = {
        **SELF_CARE,
        "pregnancy": {
            "gestational_weeks_unknown": "on",
            "pregnancy_signs": ["none"],
            "movements": ["none"],
        },
    }
    walk_check(client, unknown, headers=EN)
    assert WEEKS_UNKNOWN_NOTE in _get(client, "/check/result/", EN)
    answers = _get(client, "/check/answers/", EN)
    assert "I don&#x27;t know" in answers and ">unknown<" not in answers
    chinese = _get(client, "/check/result/", ZH)
    assert "你不知道自己怀孕几周了" in chinese and WEEKS_UNKNOWN_NOTE not in chinese
    assert "我不知道" in _get(client, "/check/answers/", ZH)


# ---------------------------------------------------------------- the advice


def test_a_link_sentence_keeps_its_full_stop_inside_the_message(client: Client) -> None:
    home = _main(_get(client, "/", ZH))
    assert "浏览全部建议</a>。" in home
    assert "</a>." not in home
    library = _main(_get(client, "/advice/", ZH))
    assert '有人说腰背痛是因为缺钙？<a href="/advice/myths/">看看常见误区</a>。' in library
    english = _main(_get(client, "/", EN))
    assert '<a href="/advice/">Browse all advice</a>.' in english


def test_a_card_says_when_it_was_reviewed_with_a_chinese_date(client: Client) -> None:
    page = _get(client, "/advice/keep-active-in-pregnancy/", ZH)
    assert re.search(rf'最近一次审核：<time datetime="[\d-]+">{CHINESE_DATE}</time>', page)
    assert "<strong>可信程度：</strong>" in page
    english = _get(client, "/advice/keep-active-in-pregnancy/", EN)
    assert re.search(
        r'Last reviewed: <time datetime="[\d-]+">\d{1,2} [A-Z][a-z]+ \d{4}</time>', english
    )


def test_a_myth_is_labelled_in_one_message(client: Client) -> None:
    page = _get(client, "/advice/myths/", ZH)
    assert re.search(r'<span class="myth-label">误区：</span>[^\s<]', page)


# ---------------------------------------------------------------- the diary


def test_the_due_date_sentence_is_one_chinese_sentence(person: Client) -> None:
    page = _get(person, "/diary/", ZH)
    assert (
        '<a href="/accounts/profile/">填写你的预产期</a>，这样 lumba 就能显示你怀孕几周了。' in page
    )
    english = _get(person, "/diary/", EN)
    assert (
        '<a href="/accounts/profile/">Add your due date</a> so lumba can show the week of '
        "pregnancy." in english
    )


def test_diary_dates_are_written_the_chinese_way(person: Client) -> None:
    saved = person.post(
        "/diary/entries/new/",
        {"date": "2025-03-04", "pain": "3", "locations": ["lower_back"]},
        headers=ZH,
    )
    assert saved.status_code == 302
    diary = _get(person, "/diary/", ZH)
    assert "<td>3月4日</td>" in diary
    assert '修改<span class="visually-hidden">2025年3月4日的记录</span>' in diary
    entry = re.search(r'href="(/diary/entries/\d+/)"', diary)
    assert entry
    delete = _get(person, entry.group(1) + "delete/", ZH)
    assert "2025年3月4日的记录（疼痛 3 分，满分 10 分）会被永久删除。" in delete
    english = _get(person, "/diary/", EN)
    assert "<td>4 Mar</td>" in english
    assert "4 March 2025" in _get(person, entry.group(1) + "delete/", EN)


def test_the_summary_lists_signs_with_chinese_separators(person: Client, content) -> None:
    day = dt.date.today() - dt.timedelta(days=3)
    symptoms = content.questionnaire.choices["symptoms"]
    person.post(
        "/diary/entries/new/",
        {"date": day.isoformat(), "pain": "3", "symptoms": ["fever", "shivering"]},
        headers=ZH,
    )
    page = _get(person, "/diary/summary/", ZH)
    fever, shivering = (re.escape(symptoms[s].label.get("zh-Hans")) for s in ("fever", "shivering"))
    zh_day = f"{day.month}月{day.day}日"
    assert re.search(rf"<li>{zh_day}：{fever}、{shivering}（[^）]+）</li>", page), page
    english = _get(person, "/diary/summary/", EN)
    fever, shivering = (re.escape(symptoms[s].label.get("en")) for s in ("fever", "shivering"))
    en_day = f"{day.day} {day:%b}"
    assert re.search(rf"<li>{en_day}: {fever}, {shivering} \([^)]+\)</li>", english)


def test_the_chart_speaks_chinese(person: Client) -> None:
    today = dt.date.today()
    for days_ago in (3, 5):
        day = today - dt.timedelta(days=days_ago)
        person.post(
            "/diary/entries/new/",
            {"date": day.isoformat(), "pain": "3", "locations": ["lower_back"]},
        )
    svg = _get(person, "/diary/chart.svg", ZH)
    first = today - dt.timedelta(days=5)
    assert "疼痛（0-10）" in svg and "日期" in svg and f"{first.month}月{first.day}日" in svg
    assert "Pain" not in svg and f"{first:%b}" not in svg


def test_a_token_is_described_in_one_message(person: Client) -> None:
    person.post("/accounts/tokens/", {"name": "my app", "password": PASSWORD}, headers=ZH)
    page = _get(person, "/accounts/tokens/", ZH)
    assert re.search(rf"（lumba_\S{{4}}…，{CHINESE_DATE}生成）", page)
    assert '撤销<span class="visually-hidden">令牌“my app”</span>' in page
