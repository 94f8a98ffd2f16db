"""`lumba content check`: every content problem, with its file and field, at once."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from lumba.content.loader import CONTENT_DIR, ContentError, Problem, load_library, load_myths
from lumba.core.assessment import Assessment
from lumba.core.errors import problems as field_problems
from lumba.core.facts import Facts
from lumba.core.library import Library

RULES_FILE = "lumba/content/data/rules.yaml"
# The plain case every rule example is laid over: no warning sign at all.
EXAMPLE_BASE: dict[str, Any] = {
    "gestational_weeks": 30,
    "pain": {"intensity": 3, "locations": ["lower_back"]},
}


def check_content(content_dir: Path = CONTENT_DIR) -> list[Problem]:
    found: list[Problem] = []
    myths = ()
    try:
        myths = load_myths(content_dir)
    except ContentError as error:
        found += error.problems
    try:
        library = load_library(content_dir)
    except ContentError as error:
        return found + error.problems
    from lumba.content.translations import content_texts, stale_problems
    from lumba.content.wording import (
        diagnosis_problems,
        medicine_problems,
        readability_problems,
        urgency_problems,
    )

    return (
        found
        + check_rule_examples(library)
        + readability_problems(library)
        + urgency_problems(library)
        + medicine_problems(library)
        + diagnosis_problems(library)
        + stale_problems(content_texts(library, myths), content_dir)
    )


def example_assessment(example: dict[str, Any]) -> Assessment:
    return Assessment.model_validate(_merge(EXAMPLE_BASE, example))


def check_rule_examples(library: Library) -> list[Problem]:
    found = []
    for rule in library.rules:
        test = rule.when.compile()
        cases = [(True, i, e) for i, e in enumerate(rule.examples.fires)]
        cases += [(False, i, e) for i, e in enumerate(rule.examples.does_not_fire)]
        for should_fire, index, example in cases:
            field = f"{rule.id}.examples.{'fires' if should_fire else 'does_not_fire'}[{index}]"
            try:
                facts = Facts.of(example_assessment(example))
            except ValidationError as error:
                for problem in field_problems(error):
                    found.append(Problem(RULES_FILE, field, f"invalid example: {problem}"))
                continue
            if test(facts) != should_fire:
                verb = "does not fire" if should_fire else "fires"
                found.append(Problem(RULES_FILE, field, f"the rule {verb} on this example"))
    return found


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged
