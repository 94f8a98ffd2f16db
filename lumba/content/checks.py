"""`lumba content check`: every content problem, with its file and field, at once."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from lumba.content.loader import CONTENT_DIR, Problem, gather_library, gather_myths
from lumba.core.assessment import Assessment
from lumba.core.audience import audience_problems
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
    """Every problem, in every file, at once: a file or an item the loader
    refuses is left out of the later checks, and the rest is still checked."""
    myths, found = gather_myths(content_dir)
    library, problems = gather_library(content_dir)
    from lumba.content.translations import content_texts, stale_problems
    from lumba.content.wording import (
        diagnosis_problems,
        medicine_problems,
        readability_problems,
        urgency_problems,
    )

    return (
        found
        + problems
        + check_rule_examples(library)
        + audience_problems_of(library)
        + readability_problems(library)
        + urgency_problems(library)
        + medicine_problems(library)
        + diagnosis_problems(library)
        + stale_problems(content_texts(library, myths), content_dir)
    )


def audience_problems_of(library: Library) -> list[Problem]:
    """A card condition that cannot be said to a person, in any language: the
    advice page would have to leave out who the card is for."""
    from lumba.content.translations import TRANSLATED

    found = []
    for language in ("en", *TRANSLATED):
        label = library.questionnaire.labels(language)
        for card in library.cards:
            for field, why in audience_problems(card, label):
                file = f"lumba/content/cards/{card.id}.yaml"
                found.append(
                    Problem(file, field, f"cannot be shown to a person ({language}): {why}")
                )
    return list(dict.fromkeys(found))


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
