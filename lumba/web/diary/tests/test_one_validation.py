"""One validation of a diary entry (lumba.core.diary_entry, through
lumba.service.record_entry) serves the diary page and the diary API: both
refuse the same entries, naming the same field with the same message, in
the language of the request, and store the same entry the same way."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.test import Client

from lumba.core.diary_entry import CONTEXT, DiaryEntry, EntryContext, InvalidEntry, read_entry
from lumba.web.diary.models import Entry

TODAY = dt.date.today()
TOMORROW = (TODAY + dt.timedelta(days=1)).isoformat()
PAGE = {"date": TODAY.isoformat(), "pain": "4", "locations": ["lower_back"]}
API = {"date": TODAY.isoformat(), "pain": 4, "locations": ["lower_back"]}


def _page(client: Client, data: dict[str, Any], **headers: str) -> Any:
    return client.post("/diary/entries/new/", data, **headers)


def _api(client: Client, body: Any, path: str = "/api/v1/diary/entries", **headers: str) -> Any:
    return client.post(path, json.dumps(body), content_type="application/json", **headers)


def _page_problems(response: Any) -> dict[str, list[str]]:
    """The page's problems by field, each without the field's label that starts
    it on the page (a sentence a person reads alone: "Day is required")."""
    assert response.status_code == 400
    form = response.context["form"]
    found = {}
    for field, messages in form.errors.items():
        label = str(form.fields[field].label) if field in form.fields else ""
        assert all(m.startswith(label) for m in messages), (label, messages)
        found[field] = [m.removeprefix(label).lstrip(" ") for m in messages]
    return found


def _api_problems(response: Any) -> dict[str, list[str]]:
    assert response.status_code == 422, response.content
    found: dict[str, list[str]] = {}
    for problem in response.json()["detail"]:
        found.setdefault(problem["field"], []).append(problem["message"])
    return found


def test_a_day_before_2000_is_refused_by_the_page_and_the_api_alike(person: Client) -> None:
    # The page saved 1990-01-01 that the API refused with 422.
    page = _page(person, {**PAGE, "date": "1990-01-01"})
    api = _api(person, {**API, "date": "1990-01-01"})
    message = 'must be a day of this pregnancy, not before the year 2000 (got "1990-01-01")'
    assert _page_problems(page) == _api_problems(api) == {"date": [message]}
    assert message.replace('"', "&quot;") in page.content.decode()  # shown on the page
    assert not Entry.objects.exists()


SEVEN = ["flank"] * 7
# (field, as the page posts it, as the API sends it, the message for both);
# None: not sent at all.
INVALID = [
    ("date", None, None, "is required"),
    ("date", "yesterday", "yesterday", 'must be a date written as YYYY-MM-DD (got "yesterday")'),
    ("date", "2025-02-30", "2025-02-30", 'must be a date written as YYYY-MM-DD (got "2025-02-30")'),
    (
        "date",
        "1999-12-31",
        "1999-12-31",
        "must be a day of this pregnancy, not before the year 2000",
    ),
    ("date", TOMORROW, TOMORROW, f'must be today or an earlier day (got "{TOMORROW}")'),
    ("pain", None, None, "is required"),
    ("pain", "11", 11, "must be at most 10 (got 11)"),
    ("pain", "-1", -1, "must be at least 0 (got -1)"),
    ("pain", "4.5", "4.5", 'must be a whole number (got "4.5")'),
    ("pain", "much", "much", 'must be a whole number (got "much")'),
    ("locations", ["knee"], ["knee"], "item 1: is not a known value"),
    ("locations", SEVEN, SEVEN, "must have at most 6 items"),
    ("worse_with", ["dancing"], ["dancing"], "item 1: is not a known value"),
    ("symptoms", ["fever", "hiccups"], ["fever", "hiccups"], "item 2: is not a known value"),
    ("helped", ["no-such-card"], ["no-such-card"], "item 1: is not an advice card id"),
    ("helped_other", "x" * 201, "x" * 201, "must be at most 200 characters long"),
    ("activity", "x" * 201, "x" * 201, "must be at most 200 characters long"),
    ("notes", "a\x00b", "a\x00b", 'must not contain a NUL character (got "a\\u0000b")'),
    ("sleep", "sometimes", "sometimes", "is not a known value; use one of 'well', 'broken'"),
]


def _with(entry: dict[str, Any], field: str, value: Any) -> dict[str, Any]:
    changed = {**entry, field: value}
    return {k: v for k, v in changed.items() if v is not None}


@pytest.mark.parametrize(("field", "on_page", "in_api", "message"), INVALID)
def test_every_rule_refuses_the_same_way_on_the_page_and_in_the_api(
    person: Client, field: str, on_page: Any, in_api: Any, message: str
) -> None:
    page = _page_problems(_page(person, _with(PAGE, field, on_page)))
    api = _api_problems(_api(person, _with(API, field, in_api)))
    assert page == api
    assert list(page) == [field]
    assert page[field][0].startswith(message)
    assert not Entry.objects.exists()


def test_notes_too_long_are_refused_by_both_the_api_reading_them_first(person: Client) -> None:
    # Every API body is read within lumba.core.input_limits (no text longer
    # than 2000 characters) before any validation: the API names the body.
    long = "x" * 2001
    page = _page_problems(_page(person, {**PAGE, "notes": long}))
    assert page == {"notes": [f'must be at most 2000 characters long (got "{"x" * 36}...)']}
    api = _api_problems(_api(person, {**API, "notes": long}))
    assert api == {"(document)": ["too large to check: a text is longer than 2000 characters"]}
    assert not Entry.objects.exists()


def test_the_api_explains_in_the_language_asked_for(person: Client) -> None:
    body = {**API, "date": "1990-01-01", "helped": ["no-such-card"]}
    expected = {
        "date": ['必须是这次怀孕期间的日期，不能早于 2000 年（收到的是 "1990-01-01"）'],
        "helped": ['第 1 项：不是建议卡片的 id（收到的是 "no-such-card"）'],
    }
    by_query = _api(person, body, "/api/v1/diary/entries?lang=zh-Hans")
    assert _api_problems(by_query) == expected
    by_header = _api(person, body, HTTP_ACCEPT_LANGUAGE="zh-CN")
    assert _api_problems(by_header) == expected
    # The page, in Chinese, says the same.
    page = _page(
        person,
        {**PAGE, "date": "1990-01-01", "helped": ["no-such-card"]},
        HTTP_ACCEPT_LANGUAGE="zh-CN",
    )
    assert _page_problems(page) == expected


def test_a_body_that_is_not_an_object_is_named_as_the_document(person: Client) -> None:
    assert _api_problems(_api(person, [API])) == {"(document)": ["must be an object"]}


def test_a_date_is_a_calendar_date_not_a_timestamp(person: Client) -> None:
    # The API took 946684800 (seconds since 1970) as 2000-01-01; the page never did.
    for sent in (946684800, "2000-01-01T00:00:00"):
        problems = _api_problems(_api(person, {**API, "date": sent}))
        assert problems["date"][0].startswith("must be a date written as YYYY-MM-DD")
    assert not Entry.objects.exists()


def test_the_page_and_the_api_store_the_same_entry_the_same_way(person: Client) -> None:
    person.post("/accounts/profile/", {"due_date": (TODAY + dt.timedelta(days=49)).isoformat()})
    extra = {
        "symptoms": ["fluid_leak", "fluid_leak"],
        "worse_with": ["standing"],
        "sleep": "broken",
    }
    assert _page(person, {**PAGE, **extra, "notes": "after the walk"}).status_code == 302
    assert _api(person, {**API, **extra, "notes": "after the walk"}).status_code == 201
    from_api, from_page = Entry.objects.order_by("-created", "-pk")
    kept = ("date", "pain", "locations", "worse_with", "symptoms", "helped", "helped_other")
    kept += ("sleep", "activity", "notes", "triage", "content_version")
    assert [getattr(from_page, f) for f in kept] == [getattr(from_api, f) for f in kept]
    assert from_page.symptoms == ["fluid_leak"] and from_page.triage["level"] == "urgent"


def test_a_whole_number_written_as_a_decimal_is_a_whole_number() -> None:
    context = EntryContext(dt.date(2025, 5, 1), frozenset({"a-card"}))
    entry = read_entry({"date": "2025-05-01", "pain": 4.0, "helped": ["a-card", "a-card"]}, context)
    assert (entry.pain, entry.helped, entry.stored()["sleep"]) == (4, ["a-card"], "")
    with pytest.raises(InvalidEntry) as refused:
        read_entry({"date": "2025-05-01", "pain": True}, context)
    assert str(refused.value) == "pain: must be a whole number (got true)"


def test_the_core_never_guesses_today() -> None:
    # Without the context (today, the cards), validating is a programming error.
    with pytest.raises(TypeError, match="EntryContext"):
        DiaryEntry.model_validate({"date": "2025-05-01", "pain": 1})
    with pytest.raises(TypeError, match="EntryContext"):
        DiaryEntry.model_validate({"date": "2025-05-01", "pain": 1}, context={CONTEXT: None})
