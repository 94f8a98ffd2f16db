"""Security from the start: headers, CSRF, no external assets, nothing personal in logs."""

from __future__ import annotations

import logging
import re

import pytest
from django.test import Client

from tests.check_answers import NO_PREGNANCY_SIGNS

PAGES = ["/", "/check/pregnancy/", "/advice/", "/advice/myths/", "/healthz"]


@pytest.mark.parametrize("path", PAGES)
def test_it_sends_the_security_headers(client: Client, path: str) -> None:
    response = client.get(path)
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.parametrize("path", ["/", "/check/pregnancy/", "/advice/"])
def test_it_loads_nothing_from_another_site_and_has_no_inline_script(
    client: Client, path: str
) -> None:
    page = client.get(path).content.decode()
    assert not re.search(r"""(src|href)=["']https?://""", page)
    for script in re.findall(r"<script\b[^>]*>(.*?)</script>", page, flags=re.S):
        assert script.strip() == "", "inline script would break the CSP"
    assert " style=" not in page


def test_it_refuses_a_form_post_without_a_csrf_token() -> None:
    client = Client(enforce_csrf_checks=True)
    assert client.post("/check/pregnancy/", {"gestational_weeks": "30"}).status_code == 403
    assert client.post("/region/", {"region": "GB"}).status_code == 403


def test_it_accepts_a_form_post_with_its_csrf_token() -> None:
    client = Client(enforce_csrf_checks=True)
    page = client.get("/check/pregnancy/").content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    response = client.post(
        "/check/pregnancy/",
        {"gestational_weeks": "30", **NO_PREGNANCY_SIGNS, "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302


def test_it_keeps_answers_out_of_the_logs(client: Client, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    client.post("/check/pregnancy/", {"gestational_weeks": "31"})
    client.post("/check/emergency-signs/", {"emergency_signs": ["saddle_numbness"]})
    client.post("/check/pregnancy/", {"gestational_weeks": "not a number"})
    client.get("/check/no-such-step/")
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "saddle_numbness" not in logged and "31" not in logged and "not a number" not in logged


def test_it_marks_the_answers_cookie_http_only_and_same_site(client: Client) -> None:
    client.post("/check/pregnancy/", {"gestational_weeks": "30", **NO_PREGNANCY_SIGNS})
    cookie = client.cookies["lumba_check"]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
