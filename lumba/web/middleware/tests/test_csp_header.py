"""The Content-Security-Policy header, built once per process: the same policy
as django-csp builds, with every view's own changes still honoured."""

from __future__ import annotations

import csp.exceptions
import csp.middleware
import pytest
from csp.constants import HEADER, HEADER_REPORT_ONLY, NONCE
from csp.utils import build_policy
from django.http import HttpRequest, HttpResponse
from django.test import Client, RequestFactory, override_settings

from lumba.web.middleware import csp as built_once
from lumba.web.middleware.csp import CSPMiddleware


def _answer(**attributes: object) -> CSPMiddleware:
    def view(request: HttpRequest) -> HttpResponse:
        response = HttpResponse("page")
        for name, value in attributes.items():
            setattr(response, name, value)
        return response

    return CSPMiddleware(view)


def test_a_page_gets_the_policy_django_csp_builds_from_the_settings(client: Client) -> None:
    assert client.get("/advice/")[HEADER] == build_policy()


def test_the_policy_is_built_once_not_on_every_response(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    built: list[bool] = []

    def counting(*args: object, **kwargs: object) -> str:
        built.append(bool(kwargs.get("report_only")))
        return build_policy(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(csp.middleware, "build_policy", counting)
    monkeypatch.setattr(built_once, "build_policy", counting)
    built_once.settled_policy.cache_clear()
    for path in ("/advice/", "/api/v1/version", "/advice/myths/"):
        assert "default-src 'self'" in client.get(path)[HEADER]
    assert sorted(built) == [False, True]  # once each, the policy and its report-only twin


def test_changed_settings_change_the_header(client: Client) -> None:
    before = client.get("/advice/")[HEADER]
    with override_settings(CONTENT_SECURITY_POLICY={"DIRECTIVES": {"default-src": ["'none'"]}}):
        assert client.get("/advice/")[HEADER] == "default-src 'none'"
    assert client.get("/advice/")[HEADER] == before


def test_a_view_that_adds_to_the_policy_still_gets_its_addition() -> None:
    request = RequestFactory().get("/diary/chart.svg")
    response = _answer(_csp_update={"style-src": ["'unsafe-inline'"]})(request)
    assert "style-src 'self' 'unsafe-inline'" in response[HEADER]
    assert "default-src 'self'" in response[HEADER]


@override_settings(CONTENT_SECURITY_POLICY={"DIRECTIVES": {"script-src": ["'self'", NONCE]}})
def test_a_page_that_used_a_nonce_gets_it_in_its_header() -> None:
    middleware = CSPMiddleware(lambda request: HttpResponse(str(request.csp_nonce)))
    first, second = (middleware(RequestFactory().get("/")) for _ in range(2))
    for response in (first, second):
        assert f"script-src 'self' 'nonce-{response.content.decode()}'" in response[HEADER]
    assert first[HEADER] != second[HEADER]


def test_an_exempt_response_gets_no_header_and_a_late_nonce_is_an_error() -> None:
    request = RequestFactory().get("/")
    response = _answer(_csp_exempt=True)(request)
    assert HEADER not in response and HEADER_REPORT_ONLY not in response
    with pytest.raises(csp.exceptions.CSPNonceError):
        str(request.csp_nonce)  # type: ignore[attr-defined]
