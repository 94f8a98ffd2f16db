"""lumba.fhir.cds_hooks without the web: discovery, the request, the
prefetch and the cards, for requests of the CDS Hooks 2.0 shape."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from typing import Any

import pytest

from lumba.fhir.canonical import QUESTIONNAIRE_URL
from lumba.fhir.cds_hooks.cards import (
    INDICATORS,
    MAX_LINKS,
    NOT_A_DIAGNOSIS,
    cards,
    code_span,
    summary,
    trimmed,
)
from lumba.fhir.cds_hooks.discovery import (
    HOOK,
    PAIN_SCORES_KEY,
    RESPONSES_KEY,
    SERVICE_ID,
    services,
)
from lumba.fhir.cds_hooks.prefetch import instant, names_another_patient, resources
from lumba.fhir.cds_hooks.request import InvalidHookRequest, read_request, validate_request
from lumba.service import validate_assessment
from tests.fhir.cds_hooks.conftest import (
    BY_LEVEL,
    PATIENT,
    SITE,
    all_vignettes,
    answers,
    hook_request,
    pain_score,
    searchset,
    vignette,
)

EMERGENCY = vignette(BY_LEVEL["emergency"])["assessment"]
SELF_CARE = vignette(BY_LEVEL["self_care"])["assessment"]
SOON = vignette(BY_LEVEL["soon"])["assessment"]


def answer(triager, request: dict[str, Any]) -> list[dict[str, Any]]:
    return cards(validate_request(request), triager, SITE)


def the_card(triager, request: dict[str, Any]) -> dict[str, Any]:
    found = answer(triager, request)
    assert len(found) == 1, found
    return found[0]


def empty_values(value: Any, path: str = "") -> list[str]:
    """Where a JSON value holds null or an empty string, list or object
    (CDS Hooks: "JSON elements SHALL NOT be null ... SHALL NOT be empty")."""
    if value in (None, "", [], {}):
        return [path or "(root)"]
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in empty_values(v, f"{path}.{k}")]
    if isinstance(value, list):
        return [p for n, v in enumerate(value) for p in empty_values(v, f"{path}[{n}]")]
    return []


# --- discovery ---


def test_discovery_lists_one_patient_view_service() -> None:
    document = services()
    (service,) = document["services"]
    assert service["hook"] == HOOK == "patient-view"
    assert service["id"] == SERVICE_ID == "lumba-back-pain"
    assert service["title"] and service["description"]
    assert set(service["prefetch"]) == {RESPONSES_KEY, PAIN_SCORES_KEY}
    assert not empty_values(document)


def test_the_prefetch_templates_ask_for_the_patients_lumba_answers_and_pain_scores() -> None:
    prefetch = services()["services"][0]["prefetch"]
    responses, scores = prefetch[RESPONSES_KEY], prefetch[PAIN_SCORES_KEY]
    assert responses.startswith("QuestionnaireResponse?patient={{context.patientId}}&")
    assert f"questionnaire={QUESTIONNAIRE_URL}&" in responses
    assert "status=completed,amended" in responses and "_sort=-authored" in responses
    assert scores.startswith("Observation?patient={{context.patientId}}&")
    assert "code=http://loinc.org|72514-3" in scores and "_sort=-date" in scores
    # Only context tokens, and only patientId: lumba asks for nothing about the user.
    tokens = set(re.findall(r"\{\{(.*?)\}\}", responses + scores))
    assert tokens == {"context.patientId"}


# --- one card per level ---


@pytest.mark.parametrize(
    ("level", "indicator"),
    [
        ("emergency", "critical"),
        ("urgent", "critical"),
        ("soon", "warning"),
        ("routine", "info"),
        ("self_care", "info"),
    ],
)
def test_a_prefetched_response_gives_one_card_whose_indicator_follows_the_level(
    triager, library, level: str, indicator: str
) -> None:
    case = vignette(BY_LEVEL[level])
    result = triager.result(validate_assessment(case["assessment"]))
    assert result["level"] == level
    card = the_card(triager, hook_request(searchset(answers(case["assessment"]))))
    assert card["indicator"] == indicator
    assert len(card["summary"]) < 140
    assert card["summary"].startswith(f"{result['label']}: ")
    assert card["summary"].endswith("; answered 2026-11-30")
    assert card["source"]["label"] == "lumba"
    assert card["source"]["url"] == f"{SITE}/advice/"
    assert card["source"]["topic"]["code"] == level
    detail = card["detail"]
    assert result["call_to_action"] in detail
    for reason in result["reasons"]:
        assert f"`{reason['rule']}`" in detail
    assert NOT_A_DIAGNOSIS in detail
    assert "given on 2026-11-30" in detail
    links = card["links"]
    assert 1 <= len(links) <= MAX_LINKS
    card_ids = {c.id for c in library.cards}
    for link, item in zip(links, result["plan"], strict=False):
        assert link == {
            "label": item["title"],
            "url": f"{SITE}/advice/{item['id']}/",
            "type": "absolute",
        }
        assert item["id"] in card_ids
    assert not empty_values(card)
    assert "uuid" not in card  # no feedback endpoint: no card uuid to send feedback for


def test_every_vignette_gives_a_card_at_its_own_level(triager) -> None:
    for case in all_vignettes():
        level = triager.result(validate_assessment(case["assessment"]))["level"]
        card = the_card(triager, hook_request(answers(case["assessment"])))
        assert card["indicator"] == INDICATORS[level], case["id"]
        assert len(card["summary"]) < 140, case["id"]


def test_self_care_says_no_warning_sign_rather_than_a_reason(triager) -> None:
    card = the_card(triager, hook_request(answers(SELF_CARE)))
    assert card["summary"] == "Self-care: no warning sign in the answers; answered 2026-11-30"
    assert "none of lumba's warning-sign rules fired" in card["detail"]


def test_the_summary_counts_the_other_reasons(triager) -> None:
    card = the_card(triager, hook_request(answers(EMERGENCY)))
    reasons = len(triager.result(validate_assessment(EMERGENCY))["reasons"])
    assert f"(+{reasons - 1} more); answered" in card["summary"]


def test_answers_without_weeks_are_read_at_the_most_urgent_week(triager) -> None:
    without_weeks = {key: value for key, value in SOON.items() if key != "gestational_weeks"}
    card = the_card(triager, hook_request(answers(without_weeks)))
    assert "weeks of pregnancy not given" in card["detail"]


def test_a_response_without_authored_still_gives_a_card(triager) -> None:
    card = the_card(triager, hook_request(answers(SOON, authored=None)))
    assert "answered" not in card["summary"]
    assert "no `authored`" in card["detail"]


# --- the summary's length ---


def test_the_longest_summary_lumba_can_make_is_under_140_characters(library) -> None:
    longest = ""
    for rule in library.rules:
        label = library.levels[rule.level].label.get("en")
        reasons = [{"title": rule.title.get("en")}] * len(library.rules)
        result = {"label": label, "reasons": reasons}
        made = summary(result, "2026-11-30")
        assert len(made) < 140, made
        longest = max(longest, made, key=len)
    assert longest.endswith(f"(+{len(library.rules) - 1} more); answered 2026-11-30")


def test_a_summary_too_long_is_cut_at_a_word_and_keeps_the_count_and_the_day() -> None:
    title = " ".join(["Numbness around the bottom and weak legs"] * 6)
    made = summary({"label": "Emergency", "reasons": [{"title": title}] * 3}, "2026-11-30")
    assert 120 < len(made) < 140
    assert made.endswith("… (+2 more); answered 2026-11-30")
    cut = made.split("…")[0].removeprefix("Emergency: ")
    assert title.startswith(cut) and title[len(cut)] == " "


def test_trimmed_cuts_at_a_word_boundary() -> None:
    assert trimmed("short", 10) == "short"
    assert trimmed("one two three four", 12) == "one two…"
    assert trimmed("abcdefghijklmnop", 6) == "abcde…"
    assert len(trimmed("word " * 100, 139)) <= 139


# --- the shapes a prefetch may take ---


def test_a_bare_resource_reads_as_a_searchset_with_it(triager) -> None:
    response = answers(SOON)
    assert the_card(triager, hook_request(response)) == the_card(
        triager, hook_request(searchset(response))
    )


@pytest.mark.parametrize(
    "request_",
    [
        hook_request(prefetch=None),  # "prefetch": null
        hook_request(prefetch={}),
        hook_request(prefetch={RESPONSES_KEY: None, PAIN_SCORES_KEY: None}),
        hook_request(searchset()),  # an empty Bundle
        hook_request({"resourceType": "Bundle", "type": "searchset"}),  # no entry at all
        hook_request(scores=searchset(pain_score(8, "2026-11-30"))),  # scores alone
        hook_request(prefetch={"somethingElse": answers(EMERGENCY)}),  # not a key lumba asked for
    ],
    ids=["null", "empty", "null-keys", "empty-bundle", "no-entry", "scores-only", "other-key"],
)
def test_no_lumba_answers_gives_no_cards(triager, request_: dict[str, Any]) -> None:
    assert answer(triager, request_) == []


def test_a_call_without_prefetch_gives_no_cards(triager) -> None:
    request = hook_request()
    del request["prefetch"]
    assert answer(triager, request) == []


@pytest.mark.parametrize(
    "junk",
    [
        "QuestionnaireResponse?patient=1",
        42,
        [answers(EMERGENCY)],  # a list is neither a resource nor a Bundle
        {"resourceType": "Bundle", "entry": "not a list"},
        {"resourceType": "Patient", "id": PATIENT},
    ],
)
def test_a_junk_prefetch_value_gives_no_cards(triager, junk: Any) -> None:
    assert answer(triager, hook_request(junk, junk)) == []


def test_junk_entries_are_skipped_and_the_good_one_read(triager) -> None:
    good = answers(SOON)
    bundle = searchset(good)
    bundle["entry"] = [
        "junk",
        None,
        {"fullUrl": "no resource"},
        {"resource": "a string"},
        {"resource": {"resourceType": "OperationOutcome", "issue": []}},
        {"resource": {"resourceType": "Patient", "id": PATIENT}},
        *bundle["entry"],
    ]
    scores = searchset(
        pain_score(11, "2026-11-29"),  # out of 0-10
        pain_score("7", "2026-11-29"),  # not a number
        pain_score(True, "2026-11-29"),
        {
            **pain_score(9, "2026-11-29"),
            "code": {"coding": [{"system": "http://loinc.org", "code": "38208-5"}]},
        },
        {**pain_score(9, "2026-11-29"), "status": "entered-in-error"},
        pain_score(6, "2026-11-28"),
    )
    card = the_card(triager, hook_request(bundle, scores))
    assert card == the_card(
        triager, hook_request(searchset(good), searchset(pain_score(6, "2026-11-28")))
    )
    assert "6/10 on 2026-11-28" in card["detail"]
    assert "9/10" not in card["detail"] and "11/10" not in card["detail"]


def test_pain_scores_are_context_in_the_detail_newest_first(triager) -> None:
    scores = searchset(
        pain_score(4, "2026-11-23"),
        pain_score(7, "2026-11-30T08:00:00+01:00"),
        pain_score(5, "2026-11-16"),
        pain_score(3, "2026-11-09"),
    )
    card = the_card(triager, hook_request(answers(SOON), scores))
    line = next(p for p in card["detail"].split("\n\n") if p.startswith("**Pain scores"))
    assert "7/10 on 2026-11-30; 4/10 on 2026-11-23; 5/10 on 2026-11-16." in line
    assert "3/10" not in line
    # A score alone is no assessment: it changes nothing else on the card.
    without = the_card(triager, hook_request(answers(SOON)))
    assert (card["indicator"], card["summary"]) == (without["indicator"], without["summary"])


# --- whose answers, and which ---


def test_a_response_to_another_questionnaire_is_not_lumbas(triager) -> None:
    foreign = {**answers(EMERGENCY), "questionnaire": "http://example.org/Questionnaire/phq-9"}
    assert answer(triager, hook_request(searchset(foreign))) == []


def test_an_unfinished_response_is_not_read(triager) -> None:
    draft = {**answers(EMERGENCY), "status": "in-progress"}
    assert answer(triager, hook_request(searchset(draft))) == []


def test_answers_about_another_patient_never_show(triager) -> None:
    theirs = answers(EMERGENCY, subject="Patient/someone-else")
    assert answer(triager, hook_request(searchset(theirs))) == []
    scores = searchset(pain_score(9, "2026-11-30", subject="Patient/someone-else"))
    card = the_card(triager, hook_request(answers(SOON), scores))
    assert "Pain scores" not in card["detail"]


def test_a_subject_lumba_cannot_read_is_taken_as_this_patients(triager) -> None:
    for subject in (
        f"https://ehr.example/fhir/Patient/{PATIENT}",
        f"Patient/{PATIENT}/_history/3",
        "urn:uuid:0b1a2c3d-0000-4000-8000-000000000000",
        None,
    ):
        assert len(answer(triager, hook_request(answers(SOON, subject=subject)))) == 1, subject


def test_the_most_recent_response_is_triaged_whatever_the_order_given(triager) -> None:
    older = answers(EMERGENCY, authored="2026-10-01T10:00:00Z")
    newer = answers(SELF_CARE, authored="2026-11-30T10:00:00+02:00")
    undated = answers(SOON, authored=None)
    card = the_card(triager, hook_request(searchset(undated, older, newer)))
    assert card["indicator"] == "info" and card["summary"].endswith("answered 2026-11-30")
    # Without dates, the order given (the template asks for newest first).
    card = the_card(triager, hook_request(searchset(answers(SOON, None), answers(EMERGENCY, None))))
    assert card["indicator"] == "warning"


def broken(assessment: dict[str, Any], authored: str) -> dict[str, Any]:
    """A lumba response whose pain intensity is out of bounds."""
    response = answers(assessment, authored=authored)
    for group in response["item"]:
        for item in group.get("item", []):
            if item["linkId"] == "intensity":
                item["answer"] = [{"valueInteger": 12}]
                return response
    raise AssertionError("no intensity item")


def test_a_newer_response_that_cannot_be_read_is_named_on_the_older_ones_card(triager) -> None:
    newer = broken(EMERGENCY, "2026-12-01T10:00:00Z")
    older = answers(SOON, authored="2026-11-30T10:00:00Z")
    card = the_card(triager, hook_request(searchset(newer, older)))
    assert card["indicator"] == "warning"
    line = next(p for p in card["detail"].split("\n\n") if p.startswith("**Not the latest"))
    assert "(2026-12-01)" in line and "` intensity: " in line


def test_when_no_response_can_be_read_one_info_card_says_so(triager) -> None:
    card = the_card(triager, hook_request(searchset(broken(EMERGENCY, "2026-12-01T10:00:00Z"))))
    assert card["indicator"] == "info"
    assert (
        card["summary"]
        == "lumba could not read the back pain check in the record; answered 2026-12-01"
    )
    why = next(p for p in card["detail"].split("\n\n") if p.startswith("**Why:**"))
    assert "` intensity: " in why and "(got 12) `" in why
    assert NOT_A_DIAGNOSIS in card["detail"]
    assert "links" not in card and not empty_values(card)


def test_what_the_record_sent_shows_as_text_not_markdown(triager) -> None:
    response = answers(SOON)
    response["item"].append({"linkId": "x`` [click](https://evil.example) <b>", "answer": []})
    card = the_card(triager, hook_request(response))
    (why,) = [p for p in card["detail"].split("\n\n") if p.startswith("**Why:**")]
    # Every quoted piece sits inside a code span whose fence is longer than any run inside.
    assert "``` " in why and "[click]" in why
    assert code_span("a ``b`` c") == "``` a ``b`` c ```"
    assert code_span("`x`") == "`` `x` ``"


# --- the request's envelope ---


def refused(body: Any) -> list[tuple[str, str]]:
    with pytest.raises(InvalidHookRequest) as caught:
        validate_request(body) if not isinstance(body, bytes) else read_request(body)
    return [(p.field, p.message) for p in caught.value.problems]


def fields(found: list[tuple[str, str]]) -> set[str]:
    return {field for field, _ in found}


def test_a_well_formed_request_reads(triager) -> None:
    read = validate_request(hook_request(answers(SOON)))
    assert read.patient_id == PATIENT and read.hook == "patient-view"
    # The specification's minimal call: no fhirServer, no userId, no prefetch.
    minimal = {
        "hook": "patient-view",
        "hookInstance": "2b6b1a9c-8b1f-4b1e-9a5e-6d2b0f0c6e11",
        "context": {"patientId": "7"},
    }
    assert validate_request(minimal).prefetch is None
    # Extensions are the specification's own room for more.
    assert validate_request({**minimal, "extension": {"com.example.x": 1}}).patient_id == "7"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        (hook_request(hook=None), "hook"),
        (hook_request(hook="order-select"), "hook"),
        (hook_request(hookInstance=None), "hookInstance"),
        (hook_request(hookInstance="not-a-uuid"), "hookInstance"),
        (hook_request(hookInstance=12345), "hookInstance"),
        (hook_request(context=None), "context"),
        (hook_request(context="1288992"), "context"),
        (hook_request(context={"userId": "Practitioner/1"}), "context.patientId"),
        (hook_request(context={"patientId": 1288992}), "context.patientId"),
        (hook_request(context={"patientId": " "}), "context.patientId"),
        (hook_request(prefetch="everything"), "prefetch"),
        (hook_request(prefetch=[answers(SOON)]), "prefetch"),
        (hook_request(fhirServer=None), "fhirServer"),  # fhirAuthorization without it
        (hook_request(fhirAuthorization="token"), "fhirAuthorization"),
    ],
)
def test_a_malformed_request_is_refused_naming_the_field(body: dict[str, Any], field: str) -> None:
    assert field in fields(refused(body))


def test_a_wrong_hook_says_which_hook_this_service_answers() -> None:
    (problem,) = refused(hook_request(hook="order-select"))
    assert problem == (
        "hook",
        'must be patient-view: the only hook this service answers (got "order-select")',
    )


@pytest.mark.parametrize(
    ("body", "says"),
    [
        (b"", "empty body"),
        (b"   ", "empty body"),
        (b"{", "not valid JSON"),
        (b"\xff\xfe", "not UTF-8"),
        (b"[" * 100_000, "nested too deep"),
        (b"[1, 2]", "expected a JSON object, got a list"),
        (b"null", "expected a JSON object, got null"),
    ],
)
def test_a_body_that_is_not_a_request_is_refused(body: bytes, says: str) -> None:
    ((field, message),) = refused(body)
    assert field == "" and says in message


def test_a_byte_order_mark_is_not_data() -> None:
    body = "\ufeff" + json.dumps(hook_request())
    assert read_request(body.encode()).patient_id == PATIENT


# --- the prefetch reader on its own ---


def test_resources_reads_a_bundle_or_a_resource_and_nothing_else() -> None:
    one = {"resourceType": "Observation"}
    assert resources(one, "Observation") == [one]
    assert resources(searchset(one, {"resourceType": "Patient"}), "Observation") == [one]
    for junk in (None, 1, "x", [one], {"resourceType": "Bundle", "entry": {}}):
        assert resources(junk, "Observation") == []


def test_names_another_patient() -> None:
    def about(reference: Any) -> dict[str, Any]:
        return {"subject": {"reference": reference}}

    assert not names_another_patient(about("Patient/7"), "7")
    assert not names_another_patient(about("http://x/fhir/Patient/7/_history/2"), "7")
    assert not names_another_patient({"subject": {"identifier": {"value": "8"}}}, "7")
    assert names_another_patient(about("Patient/8"), "7")
    assert names_another_patient(about("Group/7"), "7")


def test_instant_reads_fhir_date_times() -> None:
    assert (
        instant("2026")
        < instant("2026-02")
        < instant("2026-02-03")
        < instant("2026-02-03T00:00:01Z")
    )
    assert instant("2026-11-30T09:00:00+02:00") < instant("2026-11-30T08:00:00Z")
    for junk in (None, 2026, "yesterday", "2026-13-01", ""):
        assert instant(junk) is None


# --- purity ---


def test_importing_it_loads_no_web_framework() -> None:
    modules = ["cards", "discovery", "prefetch", "request"]
    code = "; ".join(f"import lumba.fhir.cds_hooks.{m}" for m in modules)
    script = (
        f"import sys; {code}; print(','.join(sorted({{m.split('.')[0] for m in sys.modules}})))"
    )
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    loaded = set(run.stdout.strip().split(","))
    assert not loaded & {"django", "ninja", "psycopg", "sqlite3"}
