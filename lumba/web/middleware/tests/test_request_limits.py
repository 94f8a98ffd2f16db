"""What one request can make the server do is bounded, on every path.

The attack these stand for: a 2.6 MB body of 265,000 unknown keys once cost
2 s of CPU and a 17.6 MB answer listing every key. Now every body has the
same size limit (413 before any view), a body too large in shape is refused
with one problem before validation, and no answer lists more than a few
dozen problems. CPU time per hostile body is measured in benchmarks/soak.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from typing import Any

import pytest
from django.test import Client

from lumba.core import vocabulary as v
from lumba.core.errors import MAX_PROBLEMS
from lumba.core.input_limits import MAX_BODY_BYTES, MAX_DEPTH, MAX_KEYS

PLAIN = {"gestational_weeks": 30, "pain": {"intensity": 3, "locations": ["lower_back"]}}
ENTRY = {"date": dt.date.today().isoformat(), "pain": 4, "locations": ["lower_back"]}


def _many_keys(count: int) -> dict[str, int]:
    return {f"unknown_{n}": n for n in range(count)}


def _deep(levels: int) -> Any:
    document: Any = []
    for _ in range(levels):
        document = [document]
    return document


HOSTILE = {
    "thousands of unknown keys": _many_keys(2500),
    "deep nesting": {**PLAIN, "pain": {**PLAIN["pain"], "locations": _deep(MAX_DEPTH + 5)}},
    "a huge string": {**PLAIN, "notes": "x" * 50_000},
    "a huge list": {**PLAIN, "symptoms": ["fever"] * 5000},
}


def _post_json(client: Client, path: str, text: str | bytes, **extra: Any) -> Any:
    return client.post(path, text, content_type="application/json", **extra)


@pytest.mark.parametrize(
    "path", ["/api/v1/triage", "/api/v1/diary/entries", "/check/", "/accounts/signup/"]
)
def test_every_path_refuses_a_body_over_the_limit_before_reading_it(
    client: Client, path: str
) -> None:
    body = json.dumps({"padding": "x" * MAX_BODY_BYTES})
    response = _post_json(client, path, body)
    assert response.status_code == 413
    said = response.json()["detail"] if path.startswith("/api/") else response.content.decode()
    assert f"{MAX_BODY_BYTES} bytes" in said


def test_a_body_just_under_the_limit_is_read(client: Client) -> None:
    body = json.dumps({**PLAIN, "notes": ""})
    body = body.replace('"notes": ""', '"notes": "' + "x" * (MAX_BODY_BYTES - len(body)) + '"')
    assert len(body) == MAX_BODY_BYTES
    response = _post_json(client, "/api/v1/triage", body)
    assert response.status_code == 422  # read and judged, not refused for its size
    assert [item["field"] for item in response.json()["detail"]] == ["(document)"]


@pytest.mark.parametrize("attack", sorted(HOSTILE))
def test_a_hostile_assessment_gets_one_short_problem(client: Client, attack: str) -> None:
    response = _post_json(client, "/api/v1/triage", json.dumps(HOSTILE[attack]))
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert len(detail) == 1 and detail[0]["field"] == "(document)"
    assert detail[0]["message"].startswith("too large to check")
    assert len(response.content) < 500


@pytest.mark.parametrize("attack", sorted(HOSTILE))
def test_a_hostile_diary_entry_gets_one_short_problem(person: Client, attack: str) -> None:
    response = _post_json(person, "/api/v1/diary/entries", json.dumps(HOSTILE[attack]))
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert len(detail) == 1 and detail[0]["message"].startswith("too large to check")


def test_no_answer_lists_more_than_a_few_dozen_problems_and_it_says_how_many_more(
    client: Client,
) -> None:
    keys = MAX_KEYS - 10  # within the shape limits, so every key is validated
    response = _post_json(client, "/api/v1/triage", json.dumps(_many_keys(keys)))
    detail = response.json()["detail"]
    assert len(detail) == MAX_PROBLEMS
    problems = keys + 2  # every unknown key, and the two required fields missing
    shown = MAX_PROBLEMS - 1
    assert detail[-1] == {
        "field": "(document)",
        "message": f"and {problems - shown} more problems, not listed",
    }


def test_a_byte_order_mark_is_read_as_the_start_of_utf8(client: Client, person: Client) -> None:
    bom = "\ufeff".encode()
    triage = _post_json(client, "/api/v1/triage?region=GB", bom + json.dumps(PLAIN).encode())
    assert triage.status_code == 200
    entry = _post_json(person, "/api/v1/diary/entries", bom + json.dumps(ENTRY).encode())
    assert entry.status_code == 201, entry.content


@pytest.mark.parametrize("text", ["{", '{"pain": 4,}', "[1, 2"])
def test_a_diary_body_that_is_not_json_is_named_as_such(person: Client, text: str) -> None:
    response = _post_json(person, "/api/v1/diary/entries", text)
    assert response.status_code == 422
    [problem] = response.json()["detail"]
    assert problem["field"] == "(document)" and problem["message"].startswith("not valid JSON")


def test_every_operation_with_a_body_documents_the_refusals(client: Client) -> None:
    document = client.get("/api/v1/openapi.json").json()
    with_body = [
        operation
        for path in document["paths"].values()
        for operation in path.values()
        if "requestBody" in operation
    ]
    assert len(with_body) >= 3
    for operation in with_body:
        assert {"413", "415", "422"} <= set(operation["responses"]), operation["operationId"]
    with_parameters = [
        operation
        for path in document["paths"].values()
        for operation in path.values()
        if operation.get("parameters")
    ]
    for operation in with_parameters:
        assert "422" in operation["responses"], operation["operationId"]


def _choices(schema: dict[str, Any]) -> list[str] | None:
    """The enum of a parameter's schema, an optional one's included."""
    for branch in [schema, *schema.get("anyOf", [])]:
        if "enum" in branch:
            return branch["enum"]
    return None


def test_every_closed_parameter_is_an_enum_the_api_keeps_to(client: Client) -> None:
    document = client.get("/api/v1/openapi.json").json()
    parameters = {
        parameter["name"]: _choices(parameter["schema"])
        for path in document["paths"].values()
        for operation in path.values()
        for parameter in operation.get("parameters", [])
    }
    assert parameters["lang"] == ["en", "zh-Hans", "zh-hans"]  # tags ignore case
    assert {"GB", "de", ""} <= set(parameters["region"])
    listed = [card["id"] for card in client.get("/api/v1/cards").json()]
    assert parameters["card_id"] == listed
    assert set(parameters["topic"]) == set(v.values(v.Topic))
    for code in parameters["lang"]:
        assert client.get(f"/api/v1/rules?lang={code}").status_code == 200
    for code in parameters["region"]:
        path = f"/api/v1/triage?region={code}"
        assert _post_json(client, path, json.dumps(PLAIN)).status_code == 200, code
    for card_id in parameters["card_id"]:
        assert client.get(f"/api/v1/cards/{card_id}").status_code == 200


def _chunked_wsgi_request(body: bytes) -> Any:
    """A request as a WSGI server passes on a chunked body: no Content-Length."""
    from django.core.handlers.wsgi import WSGIRequest
    from django.test import RequestFactory

    environ = RequestFactory().post("/api/v1/triage").environ
    environ.pop("CONTENT_LENGTH", None)
    environ.update({"HTTP_TRANSFER_ENCODING": "chunked", "wsgi.input": io.BytesIO(body)})
    return WSGIRequest(environ)


def test_under_wsgi_a_chunked_body_reaches_the_view_whole() -> None:
    from django.http import HttpResponse

    from lumba.web.middleware.body_limit import BodyLimit

    body = json.dumps(PLAIN).encode() * 100
    echoed = BodyLimit(lambda request: HttpResponse(request.body))(_chunked_wsgi_request(body))
    assert echoed.status_code == 200 and echoed.content == body


def test_under_wsgi_a_chunked_body_over_the_limit_is_refused() -> None:
    from django.http import HttpResponse

    from lumba.web.middleware.body_limit import BodyLimit

    request = _chunked_wsgi_request(b"x" * (MAX_BODY_BYTES + 1))
    refused = BodyLimit(lambda request: HttpResponse(request.body))(request)
    assert refused.status_code == 413


def test_a_request_carries_none_of_the_process_environment() -> None:
    from lumba.web.wsgi import _request_only

    seen: dict[str, Any] = {}

    def app(environ: dict[str, Any], start_response: Any) -> list[bytes]:
        seen.update(environ)
        return [b""]

    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": "/",
        "HTTP_HOST": "lumba.example",
        "CONTENT_LENGTH": "0",
        "wsgi.input": io.BytesIO(),
        "DATABASE_URL": "postgresql://lumba:secret@db/lumba",
        "LUMBA_SECRET_KEY": "x" * 60,
        "HOME": "/root",
    }
    _request_only(app)(environ, None)
    assert set(seen) == {"REQUEST_METHOD", "PATH_INFO", "HTTP_HOST", "CONTENT_LENGTH", "wsgi.input"}


@pytest.mark.parametrize(
    ("meta", "expected"),
    [
        ({}, False),
        ({"CONTENT_LENGTH": ""}, False),
        ({"CONTENT_LENGTH": "0"}, False),
        ({"CONTENT_LENGTH": "12"}, True),
        ({"CONTENT_LENGTH": "twelve"}, True),  # malformed: judged by its type
        ({"HTTP_TRANSFER_ENCODING": "chunked"}, True),
    ],
)
def test_a_request_has_a_body_when_its_headers_say_so(meta: dict, expected: bool) -> None:
    from django.test import RequestFactory

    from lumba.web.middleware.request_body import has_body

    request = RequestFactory().get("/")
    request.META.pop("CONTENT_LENGTH", None)
    request.META.update(meta)
    assert has_body(request) is expected
