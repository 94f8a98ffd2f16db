"""The JSON API at /api/v1/, driven through Django's test client.

The triage endpoint is held to the command line: the same assessment gives
the same result (checked on the whole vignette suite in one test, against the
triager and against `lumba triage`) and the same field in its errors.
"""

from __future__ import annotations

import json
import re
from functools import cache
from typing import Any

import pytest
from django.test import Client, override_settings
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from lumba.core import vocabulary as v
from lumba.service import parse_assessment, triager
from lumba.web.visitor.region import REGION_COOKIE
from tests.vignettes.cases import all_vignettes

PLAIN = {"gestational_weeks": 30, "pain": {"intensity": 3, "locations": ["lower_back"]}}
TRIAGE = "/api/v1/triage"


VIGNETTES = all_vignettes()


def _post(client: Client, body: Any, query: str = "?region=GB", **extra: Any) -> Any:
    text = body if isinstance(body, str | bytes) else json.dumps(body)
    return client.post(TRIAGE + query, text, content_type="application/json", **extra)


def _fields(response: Any) -> list[str]:
    assert response.status_code == 422, response.content
    return [item["field"] for item in response.json()["detail"]]


@cache
def _openapi() -> dict[str, Any]:
    return json.loads(Client().get("/api/v1/openapi.json").content)


def _validator(ref: str) -> Draft202012Validator:
    # The component's references resolve against the whole OpenAPI document.
    return Draft202012Validator({"$ref": ref, "components": _openapi()["components"]})


def _schema(name: str) -> dict[str, Any]:
    return _openapi()["components"]["schemas"][name]


# --- POST /triage: good input -------------------------------------------------


def test_it_triages_a_plain_assessment(client: Client) -> None:
    response = _post(client, PLAIN)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    result = response.json()
    assert result["level"] == "self_care"
    assert (result["region"], result["emergency_number"], result["language"]) == ("GB", "999", "en")


def test_it_answers_the_bytes_the_cli_prints(client: Client) -> None:
    expected = triager(region="GB").result_json(parse_assessment(json.dumps(PLAIN)))
    assert _post(client, PLAIN).content.decode("utf-8") == expected


def test_it_answers_every_vignette_as_the_cli_and_the_triager_do(
    client: Client, invoke_lumba
) -> None:
    """One request per vignette, held at once to what `lumba triage --batch`
    prints for it (byte for byte, not only equal as JSON: the same renderer
    made both), to the result of the triager the API calls, and to the
    TriageResult schema the API documents. Every vignette that differs is
    named, with what differs."""
    lines = [json.dumps(case["assessment"]) for case in VIGNETTES]
    run = invoke_lumba("triage", "--batch", "--region", "GB", input="\n".join(lines) + "\n")
    assert run.returncode == 0, run.stderr
    printed = run.out_lines()
    assert len(printed) == len(lines) >= 300
    documented = _validator("#/components/schemas/TriageResult")
    gb = triager(region="GB")
    differ = []
    for case, line, cli in zip(VIGNETTES, lines, printed, strict=True):
        response = _post(client, line)
        answer = response.content.decode("utf-8")
        if response.status_code != 200:
            differ.append(f"{case['id']}: status {response.status_code}: {answer[:300]}")
            continue
        result = json.loads(answer)
        wrong = [
            *(["not the bytes the CLI prints"] if answer != cli else []),
            *(["not the triager's result"] if result != gb.result(parse_assessment(line)) else []),
            *(f"schema: {error.message[:200]}" for error in documented.iter_errors(result)),
        ]
        if wrong:
            differ.append(
                f"{case['id']}: {'; '.join(wrong)}\n  api: {answer[:400]}\n  cli: {cli[:400]}"
            )
    assert differ == [], f"{len(differ)} of {len(lines)} vignettes differ:\n" + "\n".join(differ)


@pytest.mark.parametrize("level", v.LEVELS_MOST_URGENT_FIRST)
def test_it_prints_what_lumba_triage_prints(client: Client, invoke_lumba, level: str) -> None:
    case = next(case for case in VIGNETTES if case["level"] == level)
    text = json.dumps(case["assessment"])
    run = invoke_lumba("triage", "--region", "GB", input=text)
    assert run.returncode == 0, run.stderr
    answer = _post(client, text)
    assert answer.json() == run.json()
    assert answer.content.decode("utf-8") + "\n" == run.stdout  # the CLI ends its line


@pytest.mark.parametrize(
    "content_type",
    ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"],
)
def test_it_refuses_a_body_that_is_not_said_to_be_json(client: Client, content_type: str) -> None:
    # A cross-site HTML form can send these without a CORS preflight: 415.
    response = client.post(TRIAGE + "?region=GB", json.dumps(PLAIN), content_type=content_type)
    assert response.status_code == 415
    assert "must be JSON" in response.json()["detail"]


@pytest.mark.parametrize("content_type", ["application/json; charset=utf-8", "application/x+json"])
def test_it_takes_json_with_a_charset_or_a_json_suffix(client: Client, content_type: str) -> None:
    response = client.post(TRIAGE + "?region=GB", json.dumps(PLAIN), content_type=content_type)
    assert response.status_code == 200


def test_an_unknown_api_path_answers_in_json(client: Client) -> None:
    response = client.get("/api/v1/no-such-thing")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert "no such API path" in response.json()["detail"]


def test_there_is_no_admin_site(client: Client) -> None:
    assert client.get("/admin/").status_code == 404


def test_it_keeps_results_out_of_caches(client: Client) -> None:
    assert "no-store" in _post(client, PLAIN)["Cache-Control"]


def test_it_needs_no_csrf_token() -> None:
    # A machine API with no login: nothing for a forged request to act on.
    strict = Client(enforce_csrf_checks=True)
    assert _post(strict, PLAIN).status_code == 200


def test_it_refuses_get_on_triage(client: Client) -> None:
    assert client.get(TRIAGE).status_code == 405


# --- POST /triage: region and language -------------------------------------------


@pytest.mark.parametrize(
    ("query", "region", "number"),
    [("?region=US", "US", "911"), ("?region=de", "EU", "112"), ("?region=", "INT", None)],
)
def test_it_takes_the_region_from_the_query(
    client: Client, monkeypatch: pytest.MonkeyPatch, query: str, region: str, number: str | None
) -> None:
    monkeypatch.delenv("LUMBA_REGION", raising=False)
    result = _post(client, PLAIN, query).json()
    assert result["region"] == region
    if number:
        assert result["emergency_number"] == number


def test_it_defaults_to_the_visitors_chosen_region(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("LUMBA_REGION", raising=False)
    client.cookies[REGION_COOKIE] = "AU"
    assert _post(client, PLAIN, "").json()["region"] == "AU"


def test_it_defaults_to_the_browsers_country(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("LUMBA_REGION", raising=False)
    result = _post(client, PLAIN, "", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.8").json()
    assert result["region"] == "US"


def test_it_refuses_an_unknown_region(client: Client) -> None:
    response = _post(client, PLAIN, "?region=XX")
    assert _fields(response) == ["region"]
    assert "XX" in response.json()["detail"][0]["message"]


def test_it_refuses_a_language_lumba_does_not_offer(client: Client) -> None:
    assert _fields(_post(client, PLAIN, "?region=GB&lang=xx-nope")) == ["lang"]


@override_settings(LANGUAGES=[("en", "English"), ("zh-hans", "简体中文")])
def test_it_answers_in_any_language_the_site_offers(client: Client) -> None:
    text = json.dumps(PLAIN)
    result = _post(client, text, "?region=CN&lang=zh-hans").json()
    # Tags ignore case; the answer names the language as lumba writes it.
    assert result == triager(region="CN", language="zh-Hans").result(parse_assessment(text))
    assert result["language"] == "zh-Hans"


def test_every_vignette_is_decided_the_same_in_chinese(client: Client) -> None:
    from lumba.service import decision

    cases = [case["assessment"] for case in VIGNETTES]
    assert len(cases) >= 300
    for case in cases:
        english = _post(client, case, "?region=CN&lang=en").json()
        chinese = _post(client, case, "?region=CN&lang=zh-Hans").json()
        assert decision(chinese) == decision(english), case
        assert chinese["language"] == "zh-Hans"


def test_without_lang_it_answers_in_the_browsers_language(client: Client) -> None:
    text = json.dumps(PLAIN)
    chinese = client.post(
        "/api/v1/triage?region=CN",
        text,
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9",
    )
    assert chinese.json()["language"] == "zh-Hans"
    assert "Accept-Language" in chinese["Vary"]
    assert _post(client, text, "?region=CN").json()["language"] == "en"


def test_a_422_explains_in_the_chosen_language_and_names_the_field_the_same(
    client: Client,
) -> None:
    body = {**PLAIN, "gestational_weeks": 50, "mood": "fine"}
    english = _post(client, body, "?lang=en").json()["detail"]
    chinese = _post(client, body, "?lang=zh-Hans").json()["detail"]
    assert [p["field"] for p in chinese] == [p["field"] for p in english]
    assert english[0]["message"] == "must be at most 44 (got 50)"
    for problem in chinese:
        assert re.search(r"[\u4e00-\u9fff]", problem["message"]), problem
        # The words are Chinese; only what was sent (quoted) stays as it was.
        unquoted = re.sub(r'"[^"]*"', "", problem["message"])
        assert not re.search(r"[A-Za-z]{3,}", unquoted), problem
    assert "44" in chinese[0]["message"] and "50" in chinese[0]["message"]


def test_a_bad_parameter_is_explained_in_the_browsers_language(client: Client) -> None:
    response = client.get("/api/v1/cards?topic=nonsense", HTTP_ACCEPT_LANGUAGE="zh-CN")
    assert response.status_code == 422
    problem = response.json()["detail"][0]
    assert problem["field"] == "topic"
    assert re.search(r"[\u4e00-\u9fff]", problem["message"]), problem


def test_it_reports_bad_query_and_bad_body_together(client: Client) -> None:
    body = {**PLAIN, "pain": {"intensity": 11, "locations": ["lower_back"]}}
    fields = _fields(_post(client, body, "?region=XX&lang=xx"))
    assert fields == ["lang", "region", "pain.intensity"]


# --- POST /triage: bad input -----------------------------------------------------


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ({**PLAIN, "pain": {"intensity": 11, "locations": ["lower_back"]}}, ["pain.intensity"]),
        (
            {"gestational_weeks": 50, "pain": {"intensity": -1, "locations": ["lower_back"]}},
            ["gestational_weeks", "pain.intensity"],
        ),
        ({**PLAIN, "mood": "fine"}, ["mood"]),
        ({**PLAIN, "gestational_weeks": "30"}, ["gestational_weeks"]),
        ({**PLAIN, "symptoms": ["fever", "fever"]}, ["symptoms"]),
        ({**PLAIN, "temperature_c": None}, ["temperature_c"]),
        ({"pain": {"locations": ["lower_back"]}}, ["gestational_weeks", "pain.intensity"]),
        ("not json", ["(document)"]),
        ("", ["(document)"]),
        ("   \n", ["(document)"]),
        ("[1, 2]", ["(document)"]),
        ("null", ["(document)"]),
    ],
    ids=[
        "intensity-11",
        "two-bad-fields",
        "extra-field",
        "wrong-type",
        "duplicate-list-item",
        "null-temperature",
        "two-missing-fields",
        "not-json",
        "empty",
        "blank",
        "array",
        "null",
    ],
)
def test_it_names_every_offending_field(client: Client, body: Any, fields: list[str]) -> None:
    response = _post(client, body)
    assert _fields(response) == fields
    assert all(item["message"] for item in response.json()["detail"])


def test_it_names_a_key_given_twice(client: Client) -> None:
    text = '{"gestational_weeks": 30, "gestational_weeks": 31, "pain": {"intensity": 3, "locations": ["leg"]}}'
    assert _fields(_post(client, text)) == ["gestational_weeks"]


def test_it_refuses_a_body_that_is_not_utf8(client: Client) -> None:
    assert _fields(_post(client, b'{"gestational_weeks": "\xff"}')) == ["(document)"]


@pytest.mark.parametrize(
    "text",
    [
        json.dumps({**PLAIN, "pain": {"intensity": 11, "locations": ["lower_back"]}}),
        json.dumps({**PLAIN, "history": ["not_a_thing"]}),
        "{",
        "",
    ],
)
def test_it_names_the_field_the_cli_names(client: Client, invoke_lumba, text: str) -> None:
    run = invoke_lumba("triage", "--batch", "--region", "GB", input=text + "\n")
    cli_error = json.loads(run.out_lines()[0])["error"]
    assert _fields(_post(client, text))[0] == cli_error["field"]


# --- hypothesis: no input gives a server error ------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
# Near-valid documents reach deeper into validation than random ones.
near_valid = st.builds(
    lambda path, value: _replace(PLAIN, path, value),
    st.sampled_from(
        [
            ("gestational_weeks",),
            ("pain",),
            ("pain", "intensity"),
            ("pain", "locations"),
            ("symptoms",),
            ("temperature_c",),
            ("extra",),
        ]
    ),
    json_values,
)


def _replace(document: dict, path: tuple[str, ...], value: Any) -> dict:
    copy = json.loads(json.dumps(document))
    target = copy
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return copy


@settings(max_examples=150, deadline=None)
@given(body=st.one_of(st.dictionaries(st.text(max_size=10), json_values, max_size=5), near_valid))
def test_it_never_fails_on_any_json_object(body: dict) -> None:
    response = _post(Client(), json.dumps(body, allow_nan=True))
    assert response.status_code in (200, 422), response.content
    if response.status_code == 422:
        assert _validator("#/components/schemas/InvalidInput").is_valid(response.json())


# --- GET /cards, /cards/{id}, /rules ----------------------------------------------


def test_it_lists_every_card(client: Client, content) -> None:
    response = client.get("/api/v1/cards")
    assert response.status_code == 200
    cards = response.json()
    assert [card["id"] for card in cards] == [card.id for card in content.cards]
    assert set(cards[0]) == {"id", "topic", "title", "summary", "certainty", "sources", "reviewed"}
    assert all(re.search(r"https?://", source) for card in cards for source in card["sources"])


def test_it_filters_cards_by_topic(client: Client, content) -> None:
    cards = client.get("/api/v1/cards?topic=sleep").json()
    assert cards
    assert {card["topic"] for card in cards} == {"sleep"}
    assert len(cards) == sum(card.topic == "sleep" for card in content.cards)


@pytest.mark.parametrize("query", ["?topic=yoga", "?topic=", "?lang=xx"])
def test_it_refuses_an_unknown_topic_or_language(client: Client, query: str) -> None:
    assert _fields(client.get("/api/v1/cards" + query)) == [query[1:].split("=")[0]]


def test_it_reports_topic_and_language_together(client: Client) -> None:
    assert sorted(_fields(client.get("/api/v1/cards?topic=yoga&lang=xx"))) == ["lang", "topic"]


def test_it_shows_one_card_in_full(client: Client, content) -> None:
    card = next(card for card in content.cards if card.applies_when is not None)
    response = client.get(f"/api/v1/cards/{card.id}")
    assert response.status_code == 200
    shown = response.json()
    assert shown["text"] == card.text.get("en")
    assert shown["evidence"] == card.evidence.get("en")
    assert shown["applies_when"] == card.applies_when.model_dump(mode="json", exclude_none=True)
    assert shown["sources"] == content.citations(card.sources)
    assert shown["reviewed"] == card.reviewed.isoformat()


def test_it_answers_404_for_an_unknown_card(client: Client) -> None:
    response = client.get("/api/v1/cards/no-such-card")
    assert response.status_code == 404
    assert "no-such-card" in response.json()["detail"]


def test_it_lists_every_rule_with_its_condition(client: Client, content) -> None:
    rules = client.get("/api/v1/rules").json()
    assert [rule["id"] for rule in rules] == [rule.id for rule in content.rules]
    for shown, rule in zip(rules, content.rules, strict=True):
        assert shown["when"] == rule.when.model_dump(mode="json", exclude_none=True)
        assert shown["level"] == rule.level
        assert shown["sources"] == content.citations(rule.sources)


def test_it_refuses_an_unknown_language_for_rules(client: Client) -> None:
    assert _fields(client.get("/api/v1/rules?lang=xx")) == ["lang"]


# --- the OpenAPI document -------------------------------------------------------


def test_it_publishes_an_openapi_document_with_every_path(client: Client) -> None:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = json.loads(response.content)
    assert set(document["paths"]) == {
        "/api/v1/triage",
        "/api/v1/cards",
        "/api/v1/cards/{card_id}",
        "/api/v1/rules",
        "/api/v1/version",
        "/api/v1/diary/entries",
        "/api/v1/diary/entries/{entry_id}",
        "/api/v1/me/export",
        "/api/v1/me",
    }
    # The diary and the account need a person: a token or the browser's session.
    entries = document["paths"]["/api/v1/diary/entries"]["post"]
    assert {"BearerToken", "SessionAuth"} <= {k for s in entries["security"] for k in s}


def test_it_documents_the_assessment_as_the_triage_body() -> None:
    body = _openapi()["paths"]["/api/v1/triage"]["post"]["requestBody"]
    ref = body["content"]["application/json"]["schema"]["$ref"]
    assert _schema(ref.rsplit("/", 1)[1])["additionalProperties"] is False
    assert _schema("Assessment")["properties"]["pain"]["additionalProperties"] is False
    validator = _validator(ref)
    assert validator.is_valid(VIGNETTES[0]["assessment"])
    assert not validator.is_valid({**PLAIN, "mood": "fine"})


def test_it_documents_every_status_it_answers() -> None:
    paths = _openapi()["paths"]
    assert set(paths["/api/v1/triage"]["post"]["responses"]) == {"200", "413", "415", "422"}
    assert set(paths["/api/v1/cards/{card_id}"]["get"]["responses"]) == {"200", "404", "422"}


def test_it_documents_every_field_of_the_result(client: Client) -> None:
    urgent = next(case for case in VIGNETTES if case["level"] == "urgent")
    result = _post(client, urgent["assessment"]).json()
    assert set(_schema("TriageResult")["properties"]) == set(result)
    assert set(_schema("Reason")["properties"]) == set(result["reasons"][0])
    # The warning-signs card (always in the plan) carries the optional `signs`.
    plan_keys = set().union(*(set(item) for item in result["plan"]))
    assert set(_schema("PlanItem")["properties"]) == plan_keys


def test_it_answers_what_it_documents(client: Client) -> None:
    # (Every vignette's triage result: the comparison test above.)
    paths = _openapi()["paths"]
    for path, url in [
        ("/api/v1/cards", "/api/v1/cards"),
        ("/api/v1/rules", "/api/v1/rules"),
        ("/api/v1/cards/{card_id}", "/api/v1/cards/sleep-on-your-side"),
    ]:
        schema = paths[path]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
        Draft202012Validator({**schema, "components": _openapi()["components"]}).validate(
            client.get(url).json()
        )
    _validator("#/components/schemas/InvalidInput").validate(_post(client, "").json())


# --- the docs page and headers --------------------------------------------------


def test_it_serves_the_docs_page_from_lumba_alone(client: Client) -> None:
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", html)
    assets = re.findall(r"""(?:src|href)="([^"]+)""", html)
    assert any(asset.endswith(".js") for asset in assets)
    for asset in assets:
        served = client.get(asset)
        served.close()  # a file response holds the file open until closed
        assert served.status_code == 200, asset


@pytest.mark.parametrize(
    ("method", "url", "status"),
    [
        ("post", TRIAGE + "?region=GB", 200),
        ("post", TRIAGE, 422),
        ("get", "/api/v1/cards", 200),
        ("get", "/api/v1/cards/nope", 404),
        ("get", "/api/v1/openapi.json", 200),
    ],
)
def test_it_sends_security_headers(client: Client, method: str, url: str, status: int) -> None:
    if method == "post":
        response = _post(client, PLAIN if status == 200 else "", url.removeprefix(TRIAGE))
    else:
        response = client.get(url)
    assert response.status_code == status
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"


def test_it_reports_the_lumba_and_spec_versions(client) -> None:
    import lumba

    response = client.get("/api/v1/version")
    assert response.status_code == 200
    assert response.json() == {"lumba": lumba.__version__, "spec": "1.1"}
