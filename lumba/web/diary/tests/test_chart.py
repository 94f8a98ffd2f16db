"""The pain chart in a threaded server: every drawing its own (labels,
language, numbers), and an SVG that needs no exception in the
Content-Security-Policy."""

from __future__ import annotations

import datetime as dt
import re
import threading
import xml.etree.ElementTree as ET
from collections.abc import Callable

from django.conf import settings
from django.test import Client
from django.utils import translation

from lumba.core.diary import Day
from lumba.web.diary.charts import pain_chart

SVG = "{http://www.w3.org/2000/svg}"
FIRST = dt.date(2026, 3, 2)


def _diary(length: int, shift: int) -> list[Day]:
    return [Day(date=FIRST + dt.timedelta(days=i), pain=(i + shift) % 11) for i in range(length)]


def _weeks_from(week: int) -> Callable[[dt.date], int | None]:
    return lambda day: week + (day - FIRST).days // 7


def _no_weeks(day: dt.date) -> int | None:
    return None


# Each drawing differs in language, title, numbers and axis (weeks or dates).
DRAWINGS = [
    ("en", "Pain over time", _diary(60, 0), _weeks_from(20)),
    ("zh-hans", "疼痛变化", _diary(30, 3), _no_weeks),
    ("en", "", _diary(12, 7), _no_weeks),
    ("zh-hans", "", _diary(45, 5), _weeks_from(31)),
]


def _draw(
    language: str, title: str, days: list[Day], weeks: Callable[[dt.date], int | None]
) -> str:
    with translation.override(language):
        return pain_chart(days, weeks, title)


def test_charts_drawn_at_once_in_many_threads_each_keep_their_own_words() -> None:
    alone = [_draw(*drawing) for drawing in DRAWINGS]
    assert "Week of pregnancy" in alone[0] and "Pain (0-10)" in alone[0]
    assert "日期" in alone[1] and "疼痛（0-10）" in alone[1] and "3月2日" in alone[1]
    assert "Date" in alone[2] and "Mar" in alone[2]
    assert "孕周" in alone[3] and ">31<" in alone[3] and "Week" not in alone[3]
    assert len(set(alone)) == len(alone)

    threads_each, rounds = 3, 15
    start = threading.Barrier(threads_each * len(DRAWINGS))
    drawn: dict[int, list[str]] = {i: [] for i in range(len(DRAWINGS))}
    failures: list[BaseException] = []

    def draw_many(index: int) -> None:
        try:
            start.wait()
            for _ in range(rounds):
                drawn[index].append(_draw(*DRAWINGS[index]))
        except BaseException as error:  # reported below, not lost in the thread
            failures.append(error)

    threads = [
        threading.Thread(target=draw_many, args=(index,))
        for index in range(len(DRAWINGS))
        for _ in range(threads_each)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures
    for index, svgs in drawn.items():
        assert len(svgs) == threads_each * rounds
        # The same picture as drawn alone; at the least, the same words in
        # the same order (a drawing library may name its parts at random).
        assert all(_words(svg) == _words(alone[index]) for svg in svgs), DRAWINGS[index][:2]
        assert all(svg == alone[index] for svg in svgs), DRAWINGS[index][:2]


def _words(svg: str) -> list[str]:
    return re.findall(r">([^<>]+)</text>", svg)


def test_the_chart_has_no_style_attribute_or_element() -> None:
    for drawing in DRAWINGS:
        svg = _draw(*drawing)
        root = ET.fromstring(svg.encode())
        assert root.tag == f"{SVG}svg"
        for element in root.iter():
            assert element.tag != f"{SVG}style"
            assert "style" not in element.attrib, element.tag
        assert "style" not in svg


def test_the_chart_draws_every_day_and_its_words() -> None:
    days = _diary(12, 7)
    svg = _draw("en", "Pain over time", days, _no_weeks)
    root = ET.fromstring(svg.encode())
    assert len(root.findall(f".//{SVG}circle")) == len(days)
    words = [text.text for text in root.iter(f"{SVG}text")]
    assert "Pain over time" in words and "Pain (0-10)" in words and "Date" in words
    assert [w for w in words if w in {"0", "2", "4", "6", "8", "10"}] == [
        "0",
        "2",
        "4",
        "6",
        "8",
        "10",
    ]


def test_an_empty_diary_or_one_day_still_draws() -> None:
    for days in ([], _diary(1, 4)):
        root = ET.fromstring(_draw("en", "", days, _no_weeks).encode())
        assert len(root.findall(f".//{SVG}circle")) == len(days)


def test_the_policy_allows_no_inline_style_or_script_anywhere() -> None:
    directives = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
    assert directives["style-src"] == ["'self'"]
    assert not any("unsafe" in source for sources in directives.values() for source in sources)


def test_the_chart_is_served_under_the_policy_without_unsafe_inline(person: Client) -> None:
    for days_ago, pain in ((3, 4), (1, 6)):
        person.post(
            "/diary/entries/new/",
            {
                "date": (dt.date.today() - dt.timedelta(days=days_ago)).isoformat(),
                "pain": str(pain),
                "locations": ["lower_back"],
            },
        )
    response = person.get("/diary/chart.svg")
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    assert "style-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "style" not in response.content.decode()
