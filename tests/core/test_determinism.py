"""Spec safety property 2: the same assessment always gives the same result.

Calling the engine twice in one process cannot show the usual way this
breaks: iteration over sets of strings, whose order changes with the
interpreter's hash seed. So the same batch goes through `lumba triage --batch`
in two child processes with different PYTHONHASHSEED values, each loading the
content afresh, and their outputs must be the same bytes.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from assessment_strategies import any_documents, invalid_blood_pressures
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lumba.content.checks import example_assessment
from lumba.content.loader import default_library

PROJECT_ROOT = Path(__file__).resolve().parents[2]
REGION_VARIABLES = ("LUMBA_REGION", "LC_ALL", "LC_MESSAGES", "LANG")


def batch_output(text: str, hash_seed: str) -> bytes:
    env = {k: v for k, v in os.environ.items() if k not in REGION_VARIABLES}
    env.update({"PYTHONHASHSEED": hash_seed, "LUMBA_NO_CONTENT_CACHE": "1"})
    done = subprocess.run(
        [sys.executable, "-m", "lumba", "triage", "--batch", "--region", "GB"],
        input=text.encode("utf-8"),
        capture_output=True,
        env=env,
        cwd=PROJECT_ROOT,
        timeout=120,
        check=False,
    )
    assert done.returncode in (0, 1), done.stderr.decode("utf-8", "replace")[-800:]
    assert done.stdout.count(b"\n") == text.count("\n")
    return done.stdout


def assert_same_bytes_under_two_hash_seeds(documents: list[Any]) -> None:
    text = "".join(json.dumps(document) + "\n" for document in documents)
    first, second = batch_output(text, "1"), batch_output(text, "2")
    assert first == second, _first_difference(first, second)


def _first_difference(first: bytes, second: bytes) -> str:
    for number, (a, b) in enumerate(
        zip(first.split(b"\n"), second.split(b"\n"), strict=False), start=1
    ):
        if a != b:
            return f"line {number} differs:\n{a[:600]!r}\n{b[:600]!r}"
    return "the outputs differ in length"


def rule_example_documents() -> list[dict[str, Any]]:
    return [
        example_assessment(example).model_dump(exclude_none=True)
        for rule in default_library().rules
        for example in [*rule.examples.fires, *rule.examples.does_not_fire]
    ]


def test_it_gives_the_same_bytes_for_every_rule_example_under_two_hash_seeds() -> None:
    documents = rule_example_documents()
    # Many signs at once, so that the order of reasons and plan items is exercised.
    many = {"fever", "vomiting", "painful_urination", "leg_tingling", "calf_pain_or_swelling"}
    for document in documents[::3]:
        documents.append({**document, "symptoms": sorted({*document.get("symptoms", []), *many})})
    assert_same_bytes_under_two_hash_seeds(documents)


@settings(
    max_examples=3,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    st.lists(
        st.one_of(
            any_documents,
            # An invalid line gives an error object in its place; it must be stable too.
            any_documents.map(lambda d: {**d, "blood_pressure": {"systolic": 90, "diastolic": 95}}),
            st.builds(
                lambda d, reading: {**d, "blood_pressure": reading},
                any_documents,
                invalid_blood_pressures,
            ),
        ),
        min_size=40,
        max_size=80,
    )
)
def test_it_gives_the_same_bytes_for_generated_batches_under_two_hash_seeds(
    documents: list[Any],
) -> None:
    assert_same_bytes_under_two_hash_seeds(documents)
