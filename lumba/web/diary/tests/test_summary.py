"""Trends and the midwife summary: an SVG chart with the numbers in a table
beside it, what helped said plainly as not proof, and one printable page
(HTML and PDF) with the latest check, the signs and the questions."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
import zlib

import pytest
from django.test import Client

from lumba.web.diary.models import Entry

TODAY = dt.date.today()


def _diary(client: Client) -> None:
    client.post(
        "/accounts/profile/",
        {
            "due_date": (TODAY + dt.timedelta(days=70)).isoformat(),  # 30 weeks
            "summary_name": "A. B.",
            "questions": "Can I see a physiotherapist?",
        },
    )
    for days_ago, pain, helped in ((10, 6, []), (6, 5, ["warmth-for-back-pain"]), (0, 3, [])):
        data = {
            "date": (TODAY - dt.timedelta(days=days_ago)).isoformat(),
            "pain": str(pain),
            "locations": ["lower_back"],
        }
        client.post("/diary/entries/new/", data)
        Entry.objects.filter(user__email="amy@example.com", pain=pain).update(helped=helped)


def test_the_chart_is_an_svg_with_the_week_on_its_axis(person: Client) -> None:
    _diary(person)
    response = person.get("/diary/chart.svg")
    assert response["Content-Type"] == "image/svg+xml"
    svg = response.content.decode()
    ET.fromstring(response.content)  # well-formed XML
    assert "<script" not in svg
    assert "Week of pregnancy" in svg
    assert ">28<" in svg.replace(" ", "") or "28</text>" in svg  # 10 days ago was week 28
    assert "Pain (0-10)" in svg


def test_the_summary_says_it_all_in_words_and_numbers(person: Client) -> None:
    _diary(person)
    page = person.get("/diary/summary/").content.decode()
    assert "A. B." in page and "30 weeks pregnant" in page
    assert "The pain went from 6 to 3 over 10 days." in page
    assert '<img class="summary-chart" src="/diary/chart.svg"' in page
    rows = re.findall(r"<tr><td>[^<]+</td><td>(\d+)</td><td>(\d+)</td></tr>", page)
    assert rows == [("28", "6"), ("29", "5"), ("30", "3")]
    assert "This is not proof" in page
    assert "5.0 on 1 days with it, 4.5 on 2 days without" in page
    assert "Can I see a physiotherapist?" in page


def test_the_summary_lists_signs_with_their_dates_and_levels(person: Client) -> None:
    _diary(person)
    person.post(
        "/diary/entries/new/",
        {"date": TODAY.isoformat(), "pain": "3", "symptoms": ["fluid_leak"]},
    )
    page = person.get("/diary/summary/").content.decode()
    assert "Fluid leaking from the vagina (Urgent)" in page


def test_the_summary_is_a_one_page_pdf(person: Client) -> None:
    _diary(person)
    response = person.get("/diary/summary.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    pdf = response.content
    assert pdf.startswith(b"%PDF-")
    assert _pages(pdf) == 1


def _pages(pdf: bytes) -> int:
    """Page objects in a PDF, including those inside compressed object streams."""
    parts = [pdf]
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", pdf, flags=re.S):
        try:
            parts.append(zlib.decompress(stream))
        except zlib.error:
            continue
    return sum(len(re.findall(rb"/Type\s*/Page(?![s\w])", part)) for part in parts)


@pytest.mark.parametrize("path", ["/diary/summary/", "/diary/summary.pdf", "/diary/chart.svg"])
def test_the_summary_is_only_for_its_owner(client: Client, stranger: Client, path: str) -> None:
    assert client.get(path)["Location"].startswith("/accounts/login/")
    assert "A. B." not in stranger.get(path).content.decode(errors="ignore")


def test_a_new_diary_has_no_chart_and_says_so(person: Client) -> None:
    page = person.get("/diary/summary/").content.decode()
    assert "summary-chart" not in page
    assert "No diary entries yet." in page
