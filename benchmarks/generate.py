"""Seeded, realistic assessments for benchmarks: mostly plain pain, some warning signs."""

from __future__ import annotations

import random
from typing import Any

from lumba.core import vocabulary as v


def assessment(rng: random.Random) -> dict[str, Any]:
    pain: dict[str, Any] = {
        "intensity": rng.randint(0, 10),
        "locations": rng.sample(v.values(v.Location), rng.randint(1, 3)),
        "onset": rng.choice(v.values(v.Onset)),
        "duration_days": rng.randint(0, 60),
        "pattern": rng.choice(v.values(v.Pattern)),
        "worse_with": rng.sample(v.values(v.Activity), rng.randint(0, 3)),
        "eased_by_rest": rng.random() < 0.8,
        "wakes_at_night": rng.random() < 0.1,
        "spreads_below_knee": rng.random() < 0.1,
        "daily_life_impact": rng.choice(v.values(v.Impact)),
    }
    document: dict[str, Any] = {
        "gestational_weeks": rng.randint(4, 42),
        "pain": pain,
        "symptoms": rng.sample(v.values(v.Symptom), rng.choice((0, 0, 0, 1, 1, 2))),
        "history": rng.sample(v.values(v.HistoryItem), rng.choice((0, 0, 1))),
    }
    if rng.random() < 0.2:
        document["temperature_c"] = round(rng.uniform(36.0, 39.5), 1)
    return document


def assessments(count: int, seed: int = 2026) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    return [assessment(rng) for _ in range(count)]
