"""Shared pieces of the FHIR tests: the vignettes, the lumba Questionnaire's
items walked flat, and a client of the web app. (The FHIR endpoints' own
tests are in lumba/web/fhir/tests.)"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

VIGNETTE_DIR = Path(__file__).resolve().parents[1] / "vignettes"
TRIAGE = "/fhir/QuestionnaireResponse/$triage"
FHIR_JSON = "application/fhir+json"


def vignettes() -> list[tuple[str, dict[str, Any]]]:
    """(where, assessment) for every line of every vignette suite."""
    cases = []
    for path in sorted(VIGNETTE_DIR.glob("*.jsonl")):
        for number, line in enumerate(path.read_text().splitlines(), start=1):
            if line.strip():
                cases.append((f"{path.name}:{number}", json.loads(line)["assessment"]))
    return cases


def walk(items: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Every item, at any depth, parents first."""
    for item in items:
        yield item
        yield from walk(item.get("item", []))


def post(client: Client, body: Any, query: str = "", **headers: str) -> Any:
    data = body if isinstance(body, str | bytes) else json.dumps(body)
    content_type = headers.pop("content_type", FHIR_JSON)
    return client.post(f"{TRIAGE}{query}", data=data, content_type=content_type, headers=headers)


@pytest.fixture
def web(db) -> Client:
    """A client of the web app, on the test database, rate limits afresh."""
    from django.core.cache import cache

    cache.clear()
    return Client()
