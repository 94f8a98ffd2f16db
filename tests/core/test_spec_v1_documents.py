"""Spec v1.1 only adds to version 1: every version 1 document is still valid.

The version 1 schema is rebuilt from the published 1.1 schema by taking out
what 1.1 added (five symptoms and the blood pressure reading); the result
must hash to the version 1 schema the project was built against, so the
rebuilding itself is checked. Documents generated from it, and the spec's
sample vignettes, must be accepted by the 1.1 schema, by the model, by the
text parser and by `lumba triage --batch`.
"""

from __future__ import annotations

import copy
import hashlib
import json
from importlib import resources
from typing import Any

import jsonschema
import pytest
from assessment_strategies import schema_documents
from hypothesis import given, settings

from lumba.core.assessment import Assessment
from lumba.service import parse_assessment

SCHEMA_V1_1: dict[str, Any] = json.loads(
    resources.files("lumba")
    .joinpath("content/data/assessment.schema.json")
    .read_text(encoding="utf-8")
)
# What spec v1.1 added (spec README, first list).
ADDED_SYMPTOMS = (
    "leg_tingling",
    "both_legs_weak_or_numb",
    "severe_vomiting",
    "serious_accident",
    "seizure",
)
ADDED_FIELDS = ("blood_pressure",)
# sha256 of the spec v1 assessment.schema.json as canonical JSON (sorted keys, no spaces).
SPEC_V1_SCHEMA_SHA256 = "983d913c495b68a4d01fd9633f6be0e51559bcb2320cb66b768d7864a8ef5dc0"

# The assessments of the spec's vignettes.sample.jsonl (spec v1.1 folder), in file order.
SPEC_SAMPLE_ASSESSMENTS: dict[str, dict[str, Any]] = {
    "sample-self-care": {
        "gestational_weeks": 23,
        "pain": {
            "intensity": 3,
            "locations": ["lower_back"],
            "duration_days": 6,
            "worse_with": ["standing"],
            "daily_life_impact": "none",
        },
    },
    "sample-pgp": {
        "gestational_weeks": 31,
        "pain": {
            "intensity": 7,
            "locations": ["pubic"],
            "duration_days": 12,
            "worse_with": ["legs_apart", "stairs"],
            "daily_life_impact": "some",
        },
    },
    "sample-waves": {
        "gestational_weeks": 34,
        "pain": {"intensity": 5, "locations": ["lower_back"], "pattern": "regular_waves"},
    },
    "sample-kidney": {
        "gestational_weeks": 28,
        "pain": {"intensity": 6, "locations": ["flank"]},
        "symptoms": ["fever", "vomiting"],
        "temperature_c": 38.4,
    },
    "sample-cauda-equina": {
        "gestational_weeks": 25,
        "pain": {"intensity": 8, "locations": ["lower_back", "leg"], "spreads_below_knee": True},
        "symptoms": ["saddle_numbness", "leg_numbness"],
    },
    "sample-pe": {
        "gestational_weeks": 36,
        "pain": {"intensity": 4, "locations": ["upper_back"]},
        "symptoms": ["breathlessness"],
        "history": ["previous_blood_clot"],
    },
}


def schema_v1() -> dict[str, Any]:
    schema = copy.deepcopy(SCHEMA_V1_1)
    schema["$id"] = "lumba/assessment/v1"
    schema["title"] = "Back-pain-in-pregnancy assessment (v1)"
    for name in ADDED_FIELDS:
        del schema["properties"][name]
    symptoms = schema["properties"]["symptoms"]["items"]
    symptoms["enum"] = [name for name in symptoms["enum"] if name not in ADDED_SYMPTOMS]
    return schema


SCHEMA_V1 = schema_v1()
V1_VALIDATOR = jsonschema.Draft202012Validator(SCHEMA_V1)
V1_1_VALIDATOR = jsonschema.Draft202012Validator(SCHEMA_V1_1)


def canonical_sha256(schema: Any) -> str:
    canonical = json.dumps(schema, sort_keys=True, separators=(",", ":")).encode("utf-8")
    return hashlib.sha256(canonical).hexdigest()


def assert_still_valid(document: dict[str, Any]) -> None:
    assert V1_VALIDATOR.is_valid(document), document
    assert V1_1_VALIDATOR.is_valid(document), document
    Assessment.model_validate(document)
    Assessment.model_validate_json(json.dumps(document))
    parse_assessment(json.dumps(document))


def test_it_rebuilds_the_version_1_schema_from_the_1_1_schema() -> None:
    # 1.1 is version 1 plus the additions and nothing else.
    assert SCHEMA_V1 != SCHEMA_V1_1
    assert canonical_sha256(SCHEMA_V1) == SPEC_V1_SCHEMA_SHA256


@settings(max_examples=300, deadline=None)
@given(schema_documents(SCHEMA_V1))
def test_it_accepts_every_version_1_document(document: dict[str, Any]) -> None:
    assert_still_valid(document)


@pytest.mark.parametrize(
    "document", list(SPEC_SAMPLE_ASSESSMENTS.values()), ids=list(SPEC_SAMPLE_ASSESSMENTS)
)
def test_it_accepts_the_spec_sample_vignettes(document: dict[str, Any]) -> None:
    assert_still_valid(document)


def test_it_triages_the_sample_vignettes_and_generated_version_1_documents_in_a_batch(
    invoke_lumba,
) -> None:
    documents = list(SPEC_SAMPLE_ASSESSMENTS.values())
    documents += [doc for doc in _v1_documents(150) if doc not in documents]
    text = "".join(json.dumps(doc) + "\n" for doc in documents)
    run = invoke_lumba("triage", "--batch", "--region", "GB", input=text, timeout=120)
    assert run.returncode == 0, run.stdout[-800:] + run.stderr[-800:]
    answers = [json.loads(line) for line in run.out_lines()]
    assert len(answers) == len(documents)
    assert not [answer for answer in answers if "error" in answer]


def _v1_documents(count: int) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []

    @settings(max_examples=count, deadline=None, database=None)
    @given(schema_documents(SCHEMA_V1))
    def collect(document: dict[str, Any]) -> None:
        found.append(document)

    collect()
    return found
