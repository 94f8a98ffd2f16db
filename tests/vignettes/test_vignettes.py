"""The vignette suite: cases written from the clinical brief, scored against the engine.

Fails on any under-triage; reports appropriate, under- and over-triage
rates (shown with `pytest -s` or in the summary of a failure).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lumba.core.vocabulary import URGENCY
from lumba.service import triager, validate_assessment

HERE = Path(__file__).parent
SUITES = ("vignettes.jsonl", "vignettes_review.jsonl", "spec_samples.jsonl")


def _cases() -> list[dict]:
    cases = []
    for name in SUITES:
        for number, line in enumerate((HERE / name).read_text().splitlines(), start=1):
            if line.strip():
                cases.append({**json.loads(line), "_where": f"{name}:{number}"})
    return cases


CASES = _cases()


def _score() -> dict[str, list[str]]:
    run = triager(region="GB")
    tally: dict[str, list[str]] = {"appropriate": [], "under": [], "over": []}
    for case in CASES:
        level = run.outcome(validate_assessment(case["assessment"])).level
        if level in [case["level"], *case["also_ok"]]:
            tally["appropriate"].append(case["id"])
        elif URGENCY[level] < URGENCY[case["level"]]:
            tally["under"].append(f"{case['id']}: got {level}, guidance {case['level']}")
        else:
            tally["over"].append(f"{case['id']}: got {level}, guidance {case['level']}")
    return tally


def test_it_has_a_suite_of_at_least_sixty_cases_with_unique_ids() -> None:
    assert len(CASES) >= 60
    ids = [case["id"] for case in CASES]
    assert len(ids) == len(set(ids))


def test_it_never_under_triages_and_is_appropriate_at_least_95_percent() -> None:
    tally = _score()
    total = len(CASES)
    rates = {key: len(values) / total for key, values in tally.items()}
    print(
        f"\nvignettes: {total}; appropriate {rates['appropriate']:.1%}, "
        f"under-triage {rates['under']:.1%}, over-triage {rates['over']:.1%}"
    )
    assert tally["under"] == [], "under-triage:\n" + "\n".join(tally["under"])
    assert rates["appropriate"] >= 0.95, "over-triage:\n" + "\n".join(tally["over"])


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_it_explains_every_raised_level_and_keeps_exercise_out_when_unsafe(case: dict) -> None:
    result = triager(region="GB").result(validate_assessment(case["assessment"]))
    if result["level"] == "self_care":
        assert result["reasons"] == []
    else:
        assert result["reasons"], "a raised level needs its reasons"
        assert {r["level"] for r in result["reasons"]} >= {result["level"]}
        assert all(r["explanation"] and r["sources"] for r in result["reasons"])
    if result["level"] in ("emergency", "urgent"):
        topics = {item["topic"] for item in result["plan"]}
        assert not topics & {"exercise", "water_exercise"}
