"""The check in the browser, driven through Django's test client."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from lumba.service import triager, validate_assessment
from lumba.web.check.state import COOKIE
from tests.check_answers import NO_PREGNANCY_SIGNS, NO_SIGNS, SELF_CARE

PLAIN = SELF_CARE


def _answer(client: Client, step: str, data: dict[str, Any]) -> str:
    response = client.post(f"/check/{step}/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return response["Location"]


FIRST = "/check/emergency-signs/"


def _pregnancy(weeks: str, **signs: list[str]) -> dict[str, Any]:
    return {"gestational_weeks": weeks, **NO_PREGNANCY_SIGNS, **signs}


def _complete(client: Client, answers: dict[str, dict[str, Any]]) -> str:
    location = FIRST
    while location.startswith("/check/") and location not in ("/check/answers/", "/check/result/"):
        step = location.strip("/").split("/")[1]
        location = _answer(client, step, answers.get(step, NO_SIGNS.get(step, {})))
    return location


def test_it_asks_where_the_person_is_once_before_the_first_step(client: Client) -> None:
    client.cookies.pop("lumba_region", None)
    response = client.get("/check/", headers={"accept-language": "en-US,en;q=0.9"})
    assert response["Location"] == f"/check/region/?next={FIRST}"
    page = client.get(response["Location"], headers={"accept-language": "en-US"})
    # Prefilled from the best guess (the browser), but the person confirms it.
    assert '<option value="US" selected>' in page.content.decode()
    chosen = client.post("/check/region/", {"region": "GB", "next": FIRST})
    assert chosen["Location"] == FIRST
    assert client.cookies["lumba_region"].value == "GB"
    # Asked once: from now on the check starts at the first step.
    assert client.get("/check/")["Location"] == FIRST


def test_it_names_the_problem_with_an_unknown_region(client: Client) -> None:
    response = client.post("/check/region/", {"region": "XX", "next": FIRST})
    assert response.status_code == 400
    assert "Choose where you are from the list" in response.content.decode()


def test_it_does_not_follow_a_next_link_to_another_site(client: Client) -> None:
    response = client.post("/check/region/", {"region": "GB", "next": "https://evil.example/"})
    assert response["Location"] == "/check/"


def test_the_result_says_whose_numbers_they_are_with_a_change_link(client: Client) -> None:
    client.cookies["lumba_region"] = "AU"
    _complete(client, SELF_CARE)
    page = client.get("/check/result/").content.decode()
    assert "Phone numbers for Australia." in page
    assert 'href="/check/region/?next=/check/result/"' in page


def test_it_asks_warning_signs_first(client: Client) -> None:
    client.post("/region/", {"region": "GB", "next": "/"})
    assert client.get("/check/")["Location"] == FIRST
    assert _answer(client, "emergency-signs", NO_SIGNS["emergency-signs"]) == "/check/pregnancy/"
    page = client.get(FIRST).content.decode()
    assert "Pain or tightness in your chest" in page
    assert "<fieldset" in page and "<legend" in page


def test_it_walks_a_plain_check_to_a_self_care_result_that_matches_the_cli(client: Client) -> None:
    # The last step leads straight to the result; the answers page is a link away.
    assert _complete(client, PLAIN) == "/check/result/"
    assert 'href="/check/answers/"' in client.get("/check/result/").content.decode()
    summary = client.get("/check/answers/")
    assert summary.status_code == 200
    assert "Check your answers" in summary.content.decode()
    page = client.get("/check/result/").content.decode()
    expected = triager(region="INT").result(
        validate_assessment(
            {
                "gestational_weeks": 30,
                "pain": {
                    "intensity": 3,
                    "locations": ["lower_back"],
                    "duration_days": 5,
                    "worse_with": ["standing"],
                },
            }
        )
    )
    assert expected["level"] == "self_care"
    assert expected["headline"] in page
    for card in expected["plan"]:
        assert card["title"] in page


def test_it_ends_the_check_at_once_on_an_emergency_sign(client: Client) -> None:
    location = _answer(client, "emergency-signs", {"emergency_signs": ["saddle_numbness"]})
    assert location == "/check/result/"
    page = client.get("/check/result/").content.decode()
    assert "Emergency advice:" in page
    assert "We stopped the check early" in page
    assert page.index("What to do now") < page.index("Why")


def test_an_urgent_sign_asks_only_what_could_make_it_an_emergency(client: Client) -> None:
    # Leaking fluid at 33 weeks is urgent; constant severe low back pain would
    # make it an emergency, so the check asks about the pain (and skips the
    # other signs, which cannot raise it) before it shows the result.
    _answer(client, "emergency-signs", {"emergency_signs": ["none"]})
    location = _answer(client, "pregnancy", _pregnancy("33", pregnancy_signs=["fluid_leak"]))
    assert location == "/check/pain-where/"
    assert _answer(client, "pain-where", {"locations": ["lower_back"], "intensity": "8"}) == (
        "/check/pain-how/"
    )
    how = {"onset": "gradual", "pattern": "constant", "duration_days": "1_3_days"}
    location = _answer(client, "pain-how", {**how, "eased_by_rest": "no", "wakes_at_night": "no"})
    assert location == "/check/result/"
    page = client.get("/check/result/").content.decode()
    assert 'data-level="emergency"' in page


def test_an_urgent_sign_with_ordinary_pain_ends_urgent(client: Client) -> None:
    _answer(client, "emergency-signs", {"emergency_signs": ["none"]})
    _answer(client, "pregnancy", _pregnancy("33", pregnancy_signs=["fluid_leak"]))
    _answer(client, "pain-where", {"locations": ["lower_back"], "intensity": "3"})
    how = {"onset": "gradual", "pattern": "comes_and_goes", "duration_days": "1_3_days"}
    location = _answer(client, "pain-how", {**how, "eased_by_rest": "yes", "wakes_at_night": "no"})
    assert location == "/check/result/"
    page = client.get("/check/result/").content.decode()
    assert 'data-level="urgent"' in page and "Urgent advice:" in page


def test_it_shows_an_error_summary_that_links_to_the_field(client: Client) -> None:
    response = client.post("/check/pregnancy/", _pregnancy("fifty"))
    page = response.content.decode()
    assert response.status_code == 400
    assert "<title>Error:" in page
    assert 'class="error-summary"' in page
    assert 'href="#id_gestational_weeks"' in page
    assert 'id="id_gestational_weeks"' in page
    assert "Enter the weeks as a whole number from 0 to 44" in page


@pytest.mark.parametrize("weeks", ["-1", "45", "30.5", ""])
def test_it_refuses_weeks_outside_the_schema(client: Client, weeks: str) -> None:
    assert client.post("/check/pregnancy/", _pregnancy(weeks)).status_code == 400


def test_it_refuses_an_option_that_is_not_offered(client: Client) -> None:
    response = client.post("/check/emergency-signs/", {"emergency_signs": ["knee"]})
    assert response.status_code == 400


def test_it_keeps_answers_when_going_back_and_forward(client: Client) -> None:
    _complete(
        client, {**PLAIN, "pain-where": {"locations": ["pubic", "lower_back"], "intensity": "6"}}
    )
    page = client.get("/check/pain-where/").content.decode()
    assert 'value="pubic" id="id_locations_3" checked' in page
    assert 'value="6" id="id_intensity_6" checked' in page
    # Going back is a link: the saved answers of the earlier step are shown again.
    assert 'href="/check/pain-where/"' in client.get("/check/pain-how/").content.decode()


def test_it_skips_questions_that_do_not_apply(client: Client) -> None:
    _answer(client, "emergency-signs", {"emergency_signs": ["none"]})
    # Before the weeks are known the movements question is on the page ...
    assert "moving less than usual" in client.get("/check/pregnancy/").content.decode()
    # ... and 12 weeks typed with it rules it out: it needs no answer then.
    _answer(client, "pregnancy", {"gestational_weeks": "12", "pregnancy_signs": ["none"]})
    early = client.get("/check/pregnancy/").content.decode()
    assert "moving less than usual" not in early  # movements are asked from 16 weeks
    page = client.get("/check/pain-where/").content.decode()
    assert "below the knee" not in page
    # Pain in the leg shows one more question on the same page: it is asked there.
    assert _answer(client, "pain-where", {"locations": ["leg"], "intensity": "4"}) == (
        "/check/pain-where/"
    )
    assert "below the knee" in client.get("/check/pain-where/").content.decode()


def test_it_sends_an_unfinished_check_back_to_the_first_missing_step(client: Client) -> None:
    _answer(client, "emergency-signs", {"emergency_signs": ["none"]})
    response = client.get("/check/result/")
    assert response.status_code == 302
    assert response["Location"] == "/check/pregnancy/"


def test_it_returns_to_the_answers_page_after_a_change(client: Client) -> None:
    _complete(client, PLAIN)
    response = client.post(
        "/check/pain-where/?return=answers", {"locations": ["flank"], "intensity": "3"}
    )
    assert response["Location"] == "/check/answers/"


def test_it_stores_nothing_on_the_server(client: Client) -> None:
    from django.contrib.sessions.models import Session

    _complete(client, PLAIN)
    client.get("/check/result/")
    assert Session.objects.count() == 0
    assert COOKIE in client.cookies


def test_it_forgets_everything_on_start_again(client: Client) -> None:
    _complete(client, PLAIN)
    client.post("/check/restart/")
    assert client.get("/check/result/")["Location"] == FIRST


def test_it_ignores_a_tampered_answers_cookie(client: Client) -> None:
    client.cookies[COOKIE] = "not-a-signed-value"
    assert client.get("/check/result/").status_code == 302


def test_it_prints_the_result(client: Client) -> None:
    _complete(client, PLAIN)
    page = client.get("/check/result/print/").content.decode()
    assert "What to do now" in page
    assert "site-header" not in page


def test_it_returns_404_for_an_unknown_step(client: Client) -> None:
    assert client.get("/check/no-such-step/").status_code == 404


def test_it_shows_the_emergency_number_of_the_chosen_region(client: Client) -> None:
    client.post("/region/", {"region": "AU", "next": "/"})
    assert "<strong>000</strong>" in client.get("/").content.decode()
    client.post("/region/", {"region": "US", "next": "/"})
    assert "<strong>911</strong>" in client.get("/").content.decode()


def test_it_takes_the_region_from_the_browser_language(client: Client) -> None:
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.8").content.decode()
    assert "<strong>999</strong>" in page


def test_it_refuses_a_region_redirect_to_another_site(client: Client) -> None:
    response = client.post("/region/", {"region": "GB", "next": "https://evil.example/"})
    assert response["Location"] == "/"


# ------------------------------------------------------------ blood pressure
def _to_body_signs(client: Client) -> None:
    _answer(client, "emergency-signs", {"emergency_signs": ["none"]})
    _answer(client, "pregnancy", _pregnancy("30"))


@pytest.mark.parametrize(
    ("upper", "lower", "message"),
    [
        ("150", "", "Enter both numbers of the reading"),
        ("", "90", "Enter both numbers of the reading"),
        ("80", "120", "The lower number must be smaller than the upper number"),
        ("120", "120", "The lower number must be smaller than the upper number"),
        ("abc", "80", "Enter the upper number as a whole number from 50 to 300"),
        ("120", "250", "Enter the lower number as a whole number from 20 to 200"),
    ],
)
def test_it_names_the_problem_with_a_blood_pressure_reading(
    client: Client, upper: str, lower: str, message: str
) -> None:
    _to_body_signs(client)
    data = {"blood_pressure_0": upper, "blood_pressure_1": lower}
    response = client.post("/check/body-signs/", data)
    page = response.content.decode()
    assert response.status_code == 400
    assert message in page
    assert 'href="#id_blood_pressure_0"' in page  # the error summary links to the first box
    assert f'value="{upper}"' in page  # what was typed is kept


def test_a_very_high_blood_pressure_reading_gives_an_urgent_result(client: Client) -> None:
    answers = {
        **SELF_CARE,
        "body-signs": {
            **NO_SIGNS["body-signs"],
            "blood_pressure_0": "165",
            "blood_pressure_1": "100",
        },
    }
    location = _complete(client, answers)
    if location == "/check/answers/":
        location = "/check/result/"
    page = client.get(location).content.decode()
    assert 'data-level="urgent"' in page
    assert "very-high-blood-pressure" in page or "A very high blood pressure reading" in page


def test_a_reading_is_shown_on_the_answers_page(client: Client) -> None:
    answers = {
        **SELF_CARE,
        "body-signs": {
            **NO_SIGNS["body-signs"],
            "blood_pressure_0": "128",
            "blood_pressure_1": "82",
        },
    }
    assert _complete(client, answers) == "/check/result/"
    assert "128/82 mmHg" in client.get("/check/answers/").content.decode()


def test_the_footer_says_the_content_is_not_yet_approved(client: Client) -> None:
    page = client.get("/").content.decode()
    assert "has not yet been approved by a clinician" in page


@pytest.mark.parametrize("path", ["/", "/check/pregnancy/", "/advice/"])
def test_every_page_says_it_is_not_a_diagnosis_and_where_to_call(client: Client, path: str) -> None:
    page = client.get(path).content.decode()
    assert "lumba is not a diagnosis and does not replace your midwife or doctor." in page
    assert "Worried about you or your baby? Call your maternity unit" in page
