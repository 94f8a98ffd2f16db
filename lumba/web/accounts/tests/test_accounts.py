"""Accounts through django-allauth: sign up, log in and out, email
confirmation optional by default, Argon2 hashes, rate limits on guessing,
and the profile, from which every later week follows."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client, override_settings

from lumba.web.accounts.tests.people import PASSWORD, signed_in


def test_the_account_pages_are_where_the_issue_says(client: Client) -> None:
    for path in ("/accounts/signup/", "/accounts/login/"):
        page = client.get(path)
        assert page.status_code == 200, path
        assert 'class="site-header"' in page.content.decode()  # lumba's layout
    assert client.post("/accounts/logout/").status_code == 302


def test_it_signs_a_person_up_and_in_at_once_and_sends_a_confirmation(client: Client) -> None:
    response = client.post(
        "/accounts/signup/",
        {"email": "amy@example.com", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response["Location"] == "/diary/"
    assert client.get("/diary/").status_code == 200  # in, without confirming first
    assert len(mail.outbox) == 1 and "amy@example.com" in mail.outbox[0].to


def test_it_stores_the_password_as_an_argon2_hash(person: Client) -> None:
    user = get_user_model().objects.get(email="amy@example.com")
    assert user.password.startswith("argon2$")


def test_it_names_the_problem_with_a_weak_password(client: Client) -> None:
    response = client.post(
        "/accounts/signup/", {"email": "b@example.com", "password1": "123", "password2": "123"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert 'class="error-summary"' in page
    assert "This password is too short" in page


def test_it_logs_in_and_out(person: Client) -> None:
    person.post("/accounts/logout/")
    assert person.get("/diary/")["Location"].startswith("/accounts/login/")
    response = person.post("/accounts/login/", {"login": "amy@example.com", "password": PASSWORD})
    assert response.status_code == 302
    assert person.get("/diary/").status_code == 200


def test_a_wrong_password_is_refused_with_a_clear_message(person: Client) -> None:
    person.post("/accounts/logout/")
    response = person.post("/accounts/login/", {"login": "amy@example.com", "password": "nope"})
    assert response.status_code == 200
    assert "not correct" in response.content.decode()


@override_settings(ACCOUNT_RATE_LIMITS={"login_failed": "3/m/ip,3/5m/key"})
def test_it_stops_guessing_after_a_few_wrong_passwords(person: Client) -> None:
    person.post("/accounts/logout/")
    wrong = {"login": "amy@example.com", "password": "wrong guess"}
    for _ in range(3):
        person.post("/accounts/login/", wrong)
    blocked = person.post("/accounts/login/", {"login": "amy@example.com", "password": PASSWORD})
    assert blocked.status_code in (200, 429)
    assert person.get("/diary/").status_code == 302  # still not in


def test_the_rate_limits_are_on_by_default() -> None:
    from allauth.account import app_settings

    assert app_settings.RATE_LIMITS.get("login_failed")
    assert app_settings.RATE_LIMITS.get("reset_password")


@override_settings(ACCOUNT_EMAIL_VERIFICATION="mandatory")
def test_one_setting_makes_email_confirmation_mandatory(client: Client) -> None:
    response = client.post(
        "/accounts/signup/",
        {"email": "c@example.com", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response["Location"] == "/accounts/confirm-email/"
    assert client.get("/diary/").status_code == 302  # not in until confirmed


def test_the_password_reset_sends_an_email(client: Client, person: Client) -> None:
    response = client.post("/accounts/password/reset/", {"email": "amy@example.com"})
    assert response.status_code == 302
    assert any("password" in message.subject.lower() for message in mail.outbox)


def test_two_factor_sign_in_can_be_turned_on(person: Client) -> None:
    page = person.get("/accounts/2fa/")
    assert page.status_code == 200
    assert person.get("/accounts/2fa/totp/activate/").status_code in (200, 302)


def test_lumba_stays_usable_without_an_account(client: Client) -> None:
    assert client.get("/check/", follow=True).status_code == 200
    assert client.get("/advice/").status_code == 200


# ------------------------------------------------------------ the profile
def test_the_profile_keeps_the_due_date_and_says_the_week(person: Client) -> None:
    due = dt.date.today() + dt.timedelta(days=70)
    response = person.post(
        "/accounts/profile/",
        {"due_date": due.isoformat(), "region": "GB", "history": ["multiple_pregnancy"]},
    )
    assert response.status_code == 302
    page = person.get("/accounts/profile/").content.decode()
    assert "Today you are 30 weeks pregnant." in page


@pytest.mark.parametrize("days", [-40, 300])
def test_a_due_date_outside_a_pregnancy_is_refused_by_name(person: Client, days: int) -> None:
    due = dt.date.today() + dt.timedelta(days=days)
    response = person.post("/accounts/profile/", {"due_date": due.isoformat()})
    assert response.status_code == 400
    assert "A due date must fall between 4 weeks ago and 40 weeks from today." in (
        response.content.decode()
    )


def test_the_profile_needs_a_signed_in_person(client: Client) -> None:
    assert client.get("/accounts/profile/")["Location"].startswith("/accounts/login/")


def test_each_person_sees_only_their_own_profile(person: Client) -> None:
    person.post("/accounts/profile/", {"summary_name": "A. B."})
    other = signed_in("zoe@example.com")
    assert "A. B." not in other.get("/accounts/profile/").content.decode()


@override_settings(ACCOUNT_RATE_LIMITS={"signup": "1/m/ip"})
def test_too_many_tries_get_a_plain_page_that_still_offers_the_check(client: Client) -> None:
    data = {"email": "d@example.com", "password1": PASSWORD, "password2": PASSWORD}
    client.post("/accounts/signup/", data)
    again = Client().post("/accounts/signup/", {**data, "email": "e@example.com"})
    assert again.status_code == 429
    page = again.content.decode()
    assert "Too many tries" in page and 'href="/check/"' in page


def test_the_check_starts_from_the_profile_and_the_person_confirms(person: Client) -> None:
    due = dt.date.today() + dt.timedelta(days=70)  # 30 weeks today
    person.post(
        "/accounts/profile/",
        {"due_date": due.isoformat(), "history": ["multiple_pregnancy", "kidney_disease"]},
    )
    person.post("/region/", {"region": "GB", "next": "/"})
    weeks = person.get("/check/pregnancy/").content.decode()
    assert 'name="gestational_weeks" id="id_gestational_weeks" value="30"' in weeks
    history = person.get("/check/pregnancy-history/").content.decode()
    assert re.search(r'value="multiple_pregnancy"[^>]*checked', history)
    health = person.get("/check/health/").content.decode()
    assert re.search(r'value="kidney_disease"[^>]*checked', health)


def test_a_visitor_without_an_account_starts_from_nothing(client: Client) -> None:
    client.post("/region/", {"region": "GB", "next": "/"})
    page = client.get("/check/pregnancy/").content.decode()
    assert 'id="id_gestational_weeks" value=""' in page


def test_a_person_can_change_their_password(person: Client) -> None:
    new = "another long phrase 77"
    assert person.get("/accounts/password/change/").status_code == 200
    changed = person.post(
        "/accounts/password/change/",
        {"oldpassword": PASSWORD, "password1": new, "password2": new},
    )
    assert changed.status_code == 302
    person.post("/accounts/logout/")
    person.post("/accounts/login/", {"login": "amy@example.com", "password": new})
    assert person.get("/diary/").status_code == 200
