"""The vignette suite: cases written from the clinical brief, scored against the engine.

Fails on any under-triage; reports, per suite and in all, the exact-match
rate beside "appropriate", how many cases were accepted only through
`also_ok`, and the under- and over-triage rates (shown with `pytest -s`).

Suites: vignettes.jsonl (from the brief, by the rules' first author),
vignettes_review.jsonl (an adversarial reviewer who never saw the rules),
vignettes_brief_1_1.jsonl (written from the revised brief, spec v1.1, by a
reviewer who did not see the rules), vignettes_who.jsonl (the WHO antenatal
danger-sign tables, an outside reference), spec_samples.jsonl (the spec's
own samples).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lumba.core.vocabulary import URGENCY
from lumba.service import triager, validate_assessment

HERE = Path(__file__).parent
SUITES = (
    "vignettes.jsonl",
    "vignettes_review.jsonl",
    "vignettes_brief_1_1.jsonl",
    "vignettes_who.jsonl",
    "spec_samples.jsonl",
)


def _cases() -> list[dict]:
    cases = []
    for name in SUITES:
        for number, line in enumerate((HERE / name).read_text().splitlines(), start=1):
            if line.strip():
                cases.append({**json.loads(line), "_suite": name, "_where": f"{name}:{number}"})
    return cases


CASES = _cases()


def _score(cases: list[dict]) -> dict[str, list[str]]:
    run = triager(region="GB")
    tally: dict[str, list[str]] = {
        "appropriate": [],
        "exact": [],
        "only_also_ok": [],
        "under": [],
        "over": [],
    }
    for case in cases:
        level = run.outcome(validate_assessment(case["assessment"])).level
        if level == case["level"]:
            tally["exact"].append(case["id"])
        if level in [case["level"], *case["also_ok"]]:
            tally["appropriate"].append(case["id"])
            if level != case["level"]:
                tally["only_also_ok"].append(f"{case['id']}: {level} for {case['level']}")
        elif URGENCY[level] < URGENCY[case["level"]]:
            tally["under"].append(f"{case['id']}: got {level}, guidance {case['level']}")
        else:
            tally["over"].append(f"{case['id']}: got {level}, guidance {case['level']}")
    return tally


def report(tally: dict[str, list[str]], total: int, name: str) -> str:
    share = {key: f"{len(values) / total:.1%}" for key, values in tally.items()}
    return (
        f"{name}: {total} cases; exact {share['exact']}, appropriate {share['appropriate']} "
        f"({len(tally['only_also_ok'])} only through also_ok), "
        f"under-triage {share['under']}, over-triage {share['over']}"
    )


def test_it_has_a_suite_of_at_least_sixty_cases_with_unique_ids() -> None:
    assert len(CASES) >= 60
    ids = [case["id"] for case in CASES]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("suite", [*SUITES, "all"])
def test_it_never_under_triages_and_is_appropriate_at_least_95_percent(suite: str) -> None:
    cases = CASES if suite == "all" else [c for c in CASES if c["_suite"] == suite]
    tally = _score(cases)
    print("\n" + report(tally, len(cases), suite))
    assert tally["under"] == [], "under-triage:\n" + "\n".join(tally["under"])
    assert len(tally["appropriate"]) / len(cases) >= 0.95, "over-triage:\n" + "\n".join(
        tally["over"]
    )


def test_also_ok_never_lists_a_less_urgent_level() -> None:
    # The spec's format: also_ok widens a case upwards only.
    for case in CASES:
        for level in case["also_ok"]:
            assert URGENCY[level] > URGENCY[case["level"]], case["_where"]


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
