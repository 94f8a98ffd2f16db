"""Tap, don't type: choices that stand for spec values, "None of these", "I'm not sure",
and weeks from a due date or not known."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from lumba.content.loader import default_library
from lumba.core.check import Check, CheckRecord
from lumba.web.check.state import COOKIE, CookieStore
from tests.check_answers import NO_PREGNANCY_SIGNS, NO_SIGNS, SELF_CARE


def _post(client: Client, step: str, data: dict[str, Any]):
    return client.post(f"/check/{step}/", data)


def _answers(client: Client) -> dict[str, Any]:
    # Read the stored answers the way the web check does, through its store.
    request = type("Request", (), {"COOKIES": {COOKIE: client.cookies[COOKIE].value}})()
    return CookieStore(request).load().answers  # type: ignore[arg-type]


def _document(client: Client) -> dict[str, Any]:
    from lumba.service import triager

    record = CheckRecord(_answers(client))
    store = type("Store", (), {"load": lambda self: record, "save": lambda self, r: None})()
    return Check(default_library().questionnaire, triager().engine, store).document()


def test_a_checklist_needs_an_answer_none_of_these_counts(client: Client) -> None:
    empty = _post(client, "emergency-signs", {})
    assert empty.status_code == 400
    assert "Tick the ones you have, or &quot;None of these&quot;" in empty.content.decode()
    ok = _post(client, "emergency-signs", NO_SIGNS["emergency-signs"])
    assert ok.status_code == 302


def test_none_of_these_cannot_go_with_a_sign(client: Client) -> None:
    both = _post(client, "emergency-signs", {"emergency_signs": ["none", "chest_pain"]})
    assert both.status_code == 400
    assert "You ticked &quot;None of these&quot; and a sign" in both.content.decode()


def test_pain_and_how_long_are_choices_that_stand_for_spec_values(client: Client) -> None:
    for step in ("pregnancy", *NO_SIGNS):
        assert _post(client, step, SELF_CARE[step]).status_code == 302, step
    page = client.get("/check/pain-where/").content.decode()
    assert page.count('name="intensity"') == 11  # 0 to 10, tapped
    _post(client, "pain-where", {"locations": ["lower_back"], "intensity": "7"})
    how = {**SELF_CARE["pain-how"], "duration_days": "over_2_weeks"}
    _post(client, "pain-how", how)
    pain = _document(client)["pain"]
    assert pain["intensity"] == 7 and pain["duration_days"] == 15


@pytest.mark.parametrize(
    ("question", "answer", "field", "value"),
    [
        ("eased_by_rest", "not_sure", "eased_by_rest", False),
        ("wakes_at_night", "yes_settles", "wakes_at_night", False),
        ("wakes_at_night", "yes_stays", "wakes_at_night", True),
        ("onset", "not_sure", "onset", "sudden"),
    ],
)
def test_not_sure_is_read_the_cautious_way(client: Client, question, answer, field, value) -> None:
    for step in ("pregnancy", *NO_SIGNS, "pain-where"):
        _post(client, step, SELF_CARE[step])
    _post(client, "pain-how", {**SELF_CARE["pain-how"], question: answer})
    assert _document(client)["pain"][field] == value


def test_weeks_from_a_due_date(client: Client) -> None:
    due = dt.date.today() + dt.timedelta(days=70)
    response = _post(
        client, "pregnancy", {"gestational_weeks_due": due.isoformat(), **NO_PREGNANCY_SIGNS}
    )
    assert response.status_code == 302
    assert _answers(client)["gestational_weeks"] == 30


def test_weeks_not_known(client: Client) -> None:
    unknown = {"gestational_weeks_unknown": "on", "pregnancy_signs": ["none"]}
    # Asked from 16 weeks, so asked (and needing an answer) when weeks are unknown.
    assert _post(client, "pregnancy", unknown).status_code == 400
    assert _post(client, "pregnancy", {**unknown, "movements": ["none"]}).status_code == 302
    assert _answers(client)["gestational_weeks"] == "unknown"
    assert "moving less than usual" in client.get("/check/pregnancy/").content.decode()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Enter the weeks, or your due date, or tick"),
        ({"gestational_weeks": "30", "gestational_weeks_unknown": "on"}, "Give one answer"),
        ({"gestational_weeks_due": "2001-01-01"}, "That due date gives"),
    ],
)
def test_it_names_the_problem_with_the_weeks(client: Client, data, message) -> None:
    response = _post(client, "pregnancy", {**data, **NO_PREGNANCY_SIGNS})
    assert response.status_code == 400
    assert message in response.content.decode().replace("&quot;", '"')


def test_a_check_with_unknown_weeks_shows_the_cautious_result_and_says_so(client: Client) -> None:
    _post(client, "emergency-signs", NO_SIGNS["emergency-signs"])
    _post(
        client,
        "pregnancy",
        {
            "gestational_weeks_unknown": "on",
            "pregnancy_signs": ["none"],
            "movements": ["reduced_fetal_movements"],
        },
    )
    for step in ("body-signs", "leg-signs", "pain-where", "pain-how", "daily-life"):
        _post(client, step, SELF_CARE.get(step, NO_SIGNS.get(step, {})))
    for step in ("pregnancy-history", "health"):
        _post(client, step, {})
    page = client.get("/check/result/").content.decode()
    # Fewer movements count from 24 weeks: unknown weeks read them as urgent.
    assert 'data-level="urgent"' in page
    assert "most cautious reading" in page


# ------------------------------------------------------------ the readings fold
def _fold(page: str) -> str:
    start = page.index('<details class="fold"')
    return page[start : page.index("</details>", start)]


def _to_body_signs(client: Client) -> None:
    client.post("/region/", {"region": "GB", "next": "/"})
    _post(client, "emergency-signs", NO_SIGNS["emergency-signs"])
    _post(client, "pregnancy", SELF_CARE["pregnancy"])


def test_the_readings_are_folded_until_a_person_has_one(client: Client) -> None:
    _to_body_signs(client)
    fold = _fold(client.get("/check/body-signs/").content.decode())
    assert fold.startswith('<details class="fold">')  # closed
    assert "I have taken my temperature or blood pressure" in fold
    assert 'name="temperature_c"' in fold and 'name="blood_pressure_0"' in fold


def test_a_saved_reading_opens_the_fold(client: Client) -> None:
    _to_body_signs(client)
    saved = _post(client, "body-signs", {"body_signs": ["none"], "temperature_c": "37.9"})
    assert saved.status_code == 302
    fold = _fold(client.get("/check/body-signs/").content.decode())
    assert fold.startswith('<details class="fold" open>')
    assert 'value="37.9"' in fold


def test_a_reading_with_a_problem_is_shown_open_with_what_was_typed(client: Client) -> None:
    _to_body_signs(client)
    refused = _post(
        client,
        "body-signs",
        {"body_signs": ["none"], "blood_pressure_0": "80", "blood_pressure_1": "120"},
    )
    assert refused.status_code == 400
    fold = _fold(refused.content.decode())
    assert fold.startswith('<details class="fold" open>')
    assert 'value="80"' in fold and 'value="120"' in fold


def test_a_problem_elsewhere_keeps_a_typed_reading_in_view(client: Client) -> None:
    _to_body_signs(client)
    refused = _post(client, "body-signs", {"temperature_c": "38.2"})  # no sign ticked
    assert refused.status_code == 400
    assert _fold(refused.content.decode()).startswith('<details class="fold" open>')
