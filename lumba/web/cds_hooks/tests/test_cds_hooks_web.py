"""CDS Hooks over HTTP: GET /cds-services and POST /cds-services/lumba-back-pain,
driven through Django's test client with requests of the specification's shape."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.test import Client

from lumba.core.input_limits import MAX_BODY_BYTES
from lumba.fhir.cds_hooks.discovery import services
from tests.fhir.cds_hooks.conftest import (
    BY_LEVEL,
    PATIENT,
    all_vignettes,
    answers,
    hook_request,
    pain_score,
    searchset,
    vignette,
)

DISCOVERY = "/cds-services"
SERVICE = "/cds-services/lumba-back-pain"
EMERGENCY = vignette(BY_LEVEL["emergency"])["assessment"]


def post(client: Client, body: Any, path: str = SERVICE, **kwargs: Any) -> Any:
    data = body if isinstance(body, str | bytes) else json.dumps(body)
    kwargs.setdefault("content_type", "application/json")
    return client.post(path, data=data, **kwargs)


def read(response: Any, status: int = 200) -> Any:
    assert response.status_code == status, response.content[:500]
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Access-Control-Allow-Origin"] == "*"
    return json.loads(response.content)


def test_discovery_serves_the_services_document(web: Client) -> None:
    response = web.get(DISCOVERY)
    assert read(response) == services()
    assert "public" in response["Cache-Control"] and "max-age=300" in response["Cache-Control"]


def test_a_browser_may_call_from_the_record_systems_origin(web: Client) -> None:
    for path in (DISCOVERY, SERVICE):
        response = web.options(
            path,
            headers={
                "Origin": "https://ehr.example",
                "Access-Control-Request-Method": "POST",
                "Access-Control-Request-Headers": "authorization, content-type",
            },
        )
        assert response.status_code == 204
        assert response["Access-Control-Allow-Origin"] == "*"
        assert "POST" in response["Access-Control-Allow-Methods"]
        assert "Authorization" in response["Access-Control-Allow-Headers"]
        # Never with credentials: a cookie is never sent, or read, cross-site.
        assert "Access-Control-Allow-Credentials" not in response


def test_a_call_with_prefetched_answers_gets_a_card(web: Client) -> None:
    body = hook_request(searchset(answers(EMERGENCY)), searchset(pain_score(8, "2026-11-30")))
    response = post(web, body, headers={"Authorization": "Bearer a.jwt.from-the-record-system"})
    (card,) = read(response)["cards"]
    assert card["indicator"] == "critical"
    assert len(card["summary"]) < 140
    assert card["source"] == {
        "label": "lumba",
        "url": "http://testserver/advice/",
        "topic": card["source"]["topic"],
    }
    for link in card["links"]:
        assert link["type"] == "absolute"
        assert link["url"].startswith("http://testserver/advice/")
        assert web.get(link["url"].removeprefix("http://testserver")).status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_the_links_follow_the_host_and_scheme_lumba_is_called_on(web: Client) -> None:
    response = post(web, hook_request(answers(EMERGENCY)), secure=True, HTTP_HOST="localhost")
    (card,) = read(response)["cards"]
    assert card["source"]["url"] == "https://localhost/advice/"


@pytest.mark.parametrize(
    "prefetch",
    ["absent", None, {}, {"lumbaResponses": None}, {"lumbaResponses": searchset()}],
    ids=["absent", "null", "empty", "null-key", "empty-bundle"],
)
def test_no_answers_in_the_prefetch_is_no_cards_not_an_error(web: Client, prefetch: Any) -> None:
    body = hook_request(prefetch=prefetch)
    if prefetch == "absent":
        del body["prefetch"]
    response = post(web, body)
    assert read(response) == {"cards": []}
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        (hook_request(hookInstance=None), "hookInstance"),
        (hook_request(hook="order-sign"), "hook"),
        (hook_request(context={"userId": "Practitioner/1"}), "context.patientId"),
        (hook_request(prefetch="everything"), "prefetch"),
    ],
)
def test_a_malformed_request_is_400_naming_the_field(web: Client, body: Any, field: str) -> None:
    found = read(post(web, body), 400)
    assert field in [p["field"] for p in found["problems"]]
    assert f"{field}: " in found["detail"]


@pytest.mark.parametrize("body", ["{", "", "[]", "\ufeff", b"\xff"])
def test_a_body_that_is_not_a_request_is_400(web: Client, body: Any) -> None:
    found = read(post(web, body), 400)
    assert found["detail"] and found["problems"][0]["field"] == ""


@pytest.mark.parametrize(
    "content_type", ["text/plain", "application/x-www-form-urlencoded", "application/xml"]
)
def test_a_body_not_typed_as_json_is_415(web: Client, content_type: str) -> None:
    response = post(web, hook_request(), content_type=content_type)
    assert content_type in read(response, 415)["detail"]


def test_fhir_json_is_json_too(web: Client) -> None:
    response = post(web, hook_request(answers(EMERGENCY)), content_type="application/fhir+json")
    assert len(read(response)["cards"]) == 1


@pytest.mark.parametrize(
    "path",
    ["/cds-services/no-such-service", "/cds-services/lumba-back-pain/feedback", "/cds-services/"],
)
def test_an_unknown_service_is_404_in_json(web: Client, path: str) -> None:
    assert "lumba-back-pain" in read(post(web, hook_request(), path=path), 404)["detail"]


def test_the_service_takes_only_post_and_discovery_only_get(web: Client) -> None:
    response = web.get(SERVICE)
    read(response, 405)
    assert response["Allow"] == "POST, OPTIONS"
    read(post(web, hook_request(), path=DISCOVERY), 405)


def test_a_body_over_the_limit_is_refused_before_it_is_read(web: Client) -> None:
    body = json.dumps(hook_request(prefetch={"x": "a" * MAX_BODY_BYTES}))
    # In JSON and readable across origins (read checks both), like every other refusal.
    assert str(MAX_BODY_BYTES) in read(post(web, body), 413)["detail"]


def _rows() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


def test_nothing_sent_is_stored(web: Client, django_assert_num_queries) -> None:
    before = _rows()
    body = hook_request(searchset(answers(EMERGENCY)), searchset(pain_score(8, "2026-11-30")))
    with django_assert_num_queries(0):
        assert read(post(web, body))["cards"]
        read(post(web, hook_request(hook="order-sign")), 400)
    assert _rows() == before
    assert "sessionid" not in web.cookies and "csrftoken" not in web.cookies


def test_nothing_sent_is_logged(web: Client, caplog: pytest.LogCaptureFixture) -> None:
    marker = "patient-marker-7f3e"
    body = hook_request(
        searchset(answers(EMERGENCY, subject=f"Patient/{marker}")),
        context={"userId": "Practitioner/1", "patientId": marker},
    )
    with caplog.at_level(logging.DEBUG):
        read(post(web, body))
        read(post(web, {**body, "hook": marker}), 400)
    assert caplog.records, "the access log should have a line for each call"
    for record in caplog.records:
        assert marker not in json.dumps(record.__dict__, default=str)
        assert PATIENT not in record.getMessage()
    routes = {getattr(record, "route", None) for record in caplog.records}
    assert "/cds-services/<str:service_id>" in routes


def test_a_full_prefetch_fits_in_the_body_limit(web: Client) -> None:
    """The templates ask for 5 responses and 10 scores: with the largest
    responses lumba's vignettes make, the call is still well under 64 KB."""
    largest = sorted(
        (answers(case["assessment"]) for case in all_vignettes()),
        key=lambda response: len(json.dumps(response)),
    )[-5:]
    scores = [pain_score(n % 11, f"2026-11-{n + 10:02d}") for n in range(10)]
    body = json.dumps(hook_request(searchset(*largest), searchset(*scores)))
    assert len(body.encode()) < MAX_BODY_BYTES / 2
    assert len(read(post(web, body))["cards"]) == 1


def test_the_documented_discovery_document_is_the_served_one() -> None:
    page = (Path(__file__).resolve().parents[4] / "docs" / "fhir.md").read_text()
    section = page.split("### Discovery", 1)[1]
    block = section.split("```json\n", 1)[1].split("```", 1)[0]
    assert json.loads(block) == services()
