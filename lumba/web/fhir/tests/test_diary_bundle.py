"""A diary as a FHIR Bundle: from the account export, for its owner only,
with nothing of the account beyond the entries."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.test import Client

from lumba.fhir.diary import InvalidDiary, diary_bundle
from lumba.fhir.validation import validate
from lumba.service import validate_assessment

TODAY = dt.date.today()
ENTRY = {"pain": 4, "locations": ["lower_back"], "worse_with": ["standing"]}
DIARY = "/fhir/diary/Bundle"
CHECKED = {"gestational_weeks": 30, "pain": {"intensity": 4, "locations": ["lower_back"]}}


def add(client: Client, **entry: Any) -> dict[str, Any]:
    body = {**ENTRY, "date": TODAY.isoformat(), **entry}
    made = client.post("/api/v1/diary/entries", json.dumps(body), content_type="application/json")
    assert made.status_code == 201, made.content
    return made.json()


def kinds(bundle: dict[str, Any]) -> list[str]:
    return [entry["resource"]["resourceType"] for entry in bundle["entry"]]


# --- the mapping ---

EXPORT = {
    "email": "amy@example.com",
    "profile": {"summary_name": "Amy Example", "due_date": "2026-09-01"},
    "entries": [
        {"id": 2, "date": "2026-03-02", "pain": 6, "symptoms": [], "notes": "a hard day",
         "sleep": "badly", "triage": None},
        {"id": 1, "date": "2026-03-01", "pain": 2, "locations": ["pubic"]},
    ],
}  # fmt: skip


def test_each_entry_is_a_pain_observation_on_its_date_oldest_first(library) -> None:
    bundle = validate(diary_bundle(EXPORT, library))
    assert bundle["type"] == "collection" and kinds(bundle) == ["Observation", "Observation"]
    first, second = (entry["resource"] for entry in bundle["entry"])
    assert (first["effectiveDateTime"], first["valueInteger"]) == ("2026-03-01", 2)
    assert (second["effectiveDateTime"], second["valueInteger"]) == ("2026-03-02", 6)
    assert first["component"][0]["valueCodeableConcept"]["coding"][0]["code"] == "pubic"
    assert second["note"] == [{"text": "a hard day"}]  # the person's own download: their notes


def test_nothing_of_the_account_beyond_the_entries(library) -> None:
    text = json.dumps(diary_bundle(EXPORT, library))
    for private in ("amy@example.com", "Amy Example", "2026-09-01", "badly"):
        assert private not in text


def test_an_entry_with_a_triage_has_its_risk_assessment(library, triager) -> None:
    result = triager.result(validate_assessment({**CHECKED, "symptoms": ["chest_pain"]}))
    export = {"entries": [{"date": "2026-03-01", "pain": 4, "triage": result,
                           "content_version": "content-x"}]}  # fmt: skip
    bundle = validate(diary_bundle(export, library))
    assert kinds(bundle) == ["Observation", "RiskAssessment"]
    triage = bundle["entry"][1]["resource"]
    assert triage["prediction"][0]["outcome"]["coding"][0]["code"] == "emergency"
    assert triage["basis"] == [{"reference": bundle["entry"][0]["fullUrl"]}]
    assert triage["occurrenceDateTime"] == "2026-03-01"
    assert "content-x" in triage["method"]["text"]


@pytest.mark.parametrize(
    ("export", "field"),
    [
        ([], "entries"),
        ({"entries": [{"date": "2026-03-01", "pain": 11}]}, "entries[0].pain"),
        ({"entries": [{"date": "yesterday", "pain": 1}]}, "entries[0].date"),
        ({"entries": [{"date": "2026-03-01", "pain": "4"}]}, "entries[0].pain"),
        (
            {"entries": [{"date": "2026-03-01", "pain": 4, "symptoms": ["hiccups"]}]},
            "entries[0].symptoms",
        ),
        (
            {"entries": [{"date": "2026-03-01", "pain": 4, "triage": {"level": "later"}}]},
            "entries[0].triage",
        ),
    ],
)
def test_an_export_that_is_not_one_is_refused_naming_the_field(library, export, field) -> None:
    with pytest.raises(InvalidDiary) as caught:
        diary_bundle(export, library)
    assert caught.value.problems[0].field == field


# --- the download ---


def test_a_person_downloads_their_own_diary(person: Client, stranger: Client, library) -> None:
    add(person, pain=3)
    add(person, pain=7, symptoms=["chest_pain"], notes="mine")
    add(stranger, pain=9, notes="not amy's")
    response = person.get(DIARY)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/fhir+json")
    assert "attachment" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    bundle = validate(json.loads(response.content))
    pains = sorted(
        e["resource"]["valueInteger"] for e in bundle["entry"] if "valueInteger" in e["resource"]
    )
    assert pains == [3, 7]
    assert (
        "not amy's" not in response.content.decode()
        and "amy@example.com" not in response.content.decode()
    )
    triaged = [e for e in person.get("/api/v1/me/export").json()["entries"] if e["triage"]]
    assert triaged and kinds(bundle).count("RiskAssessment") == len(triaged)


def test_the_download_is_the_export_made_a_bundle(person: Client, library) -> None:
    add(person, pain=5, locations=["pubic", "lower_back"])
    export = person.get("/api/v1/me/export").json()
    assert json.loads(person.get(DIARY).content) == diary_bundle(export, library)


def test_signing_in_is_needed(web: Client) -> None:
    response = web.get(DIARY)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_profile_links_the_download(person: Client) -> None:
    page = person.get("/accounts/profile/").content.decode()
    assert f'href="{DIARY}"' in page
