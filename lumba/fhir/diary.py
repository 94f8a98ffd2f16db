"""A person's diary as a FHIR `collection` Bundle, for their own download.

Read from the diary part of their account export (the document of
GET /api/v1/me/export), so the web's download and `lumba fhir export`
give the same Bundle.

In: for each entry, the pain score as an Observation (LOINC 72514-3, on
the entry's date) with the places that hurt, what made it worse and the
signs reported as components and the person's own notes as a note; and,
where the entry was triaged, the result as a RiskAssessment based on it.
Out: the email address, the profile (due date, region, the name for the
midwife summary), saved checks and access tokens, and what helped, sleep
and activity (the JSON export has them; FHIR has no code for them that
lumba would not have to invent). The subject is a description, not a
person's name or a Patient resource.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from lumba.core.errors import FieldProblem, problems
from lumba.core.library import Library
from lumba.core.vocabulary import LEVELS_MOST_URGENT_FIRST, Activity, Location, Symptom
from lumba.fhir.canonical import CODE_SYSTEM_URL
from lumba.fhir.ids import digest, full_url
from lumba.fhir.results import bundle, pain_observation, risk_assessment

KEPT_BY = {"display": "The person who kept this diary"}
# What each list of an entry is, as an Observation component says it.
COMPONENTS = {
    "locations": ("pain.locations", "Where it hurt"),
    "worse_with": ("pain.worse_with", "What made it worse"),
    "symptoms": ("symptoms", "Sign reported"),
}


class InvalidDiary(ValueError):
    def __init__(self, found: list[FieldProblem]) -> None:
        self.problems = found
        super().__init__("; ".join(map(str, found)))


class _Entry(BaseModel):
    """What the Bundle uses of an exported entry (the rest is ignored)."""

    model_config = ConfigDict(extra="ignore", strict=True)

    date: Annotated[dt.date, Field(strict=False)]
    pain: Annotated[int, Field(ge=0, le=10)]
    locations: list[Location] = []
    worse_with: list[Activity] = []
    symptoms: list[Symptom] = []
    notes: str = ""
    triage: dict[str, Any] | None = None
    content_version: str = ""

    @field_validator("triage")
    @classmethod
    def _a_result(cls, triage: dict[str, Any] | None) -> dict[str, Any] | None:
        if triage is not None and triage.get("level") not in LEVELS_MOST_URGENT_FIRST:
            raise ValueError("is not a triage result (its level is not one of lumba's)")
        return triage


def diary_bundle(export: Any, library: Library) -> dict[str, Any]:
    """The Bundle of an export's entries, oldest first, or InvalidDiary."""
    entries = sorted(_entries(export), key=lambda pair: pair[1].date)
    resources: list[tuple[str, dict[str, Any]]] = []
    for raw, entry in entries:
        resources += _entry_resources(digest(raw), entry, library)
    return bundle(resources)


def _entries(export: Any) -> list[tuple[Any, _Entry]]:
    if not isinstance(export, dict) or not isinstance(export.get("entries"), list):
        raise InvalidDiary([FieldProblem("entries", "expected a lumba export with its entries")])
    found, read = [], []
    for number, raw in enumerate(export["entries"]):
        try:
            read.append((raw, _Entry.model_validate(raw)))
        except ValidationError as error:
            prefix = f"entries[{number}]"
            found += [
                FieldProblem(f"{prefix}.{p.field}".rstrip("."), p.message) for p in problems(error)
            ]
    if found:
        raise InvalidDiary(found)
    return read


def _entry_resources(
    seed: str, entry: _Entry, library: Library
) -> list[tuple[str, dict[str, Any]]]:
    day = entry.date.isoformat()
    pain_url = full_url("diary", seed, "Observation")
    pain = pain_observation(entry.pain, KEPT_BY, day, text="Worst pain that day, 0 to 10")
    pain["component"] = _components(entry, library)
    if entry.notes.strip():
        pain["note"] = [{"text": entry.notes}]
    found = [(pain_url, {key: value for key, value in pain.items() if value != []})]
    if entry.triage is not None:
        triage = risk_assessment(entry.triage, KEPT_BY, [pain_url], day, entry.content_version)
        found.append((full_url("diary", seed, "RiskAssessment"), triage))
    return found


def _components(entry: _Entry, library: Library) -> list[dict[str, Any]]:
    found = []
    for name, (field, text) in COMPONENTS.items():
        for code in getattr(entry, name):
            display = library.questionnaire.choice(field, code).label.get()
            coding = {"system": CODE_SYSTEM_URL, "code": code, "display": display}
            found.append({"code": {"text": text}, "valueCodeableConcept": {"coding": [coding]}})
    return found
