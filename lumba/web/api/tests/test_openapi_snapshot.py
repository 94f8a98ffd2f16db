"""The OpenAPI document is pinned: any change to the API's surface shows up here.

A change that is meant is accepted by writing the new document:

    LUMBA_UPDATE_SNAPSHOTS=1 .venv/bin/python -m pytest lumba/web/api/tests/test_openapi_snapshot.py

and reviewing the diff of lumba/web/api/tests/openapi.snapshot.json with the change.
"""

from __future__ import annotations

import difflib
import json
import os
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

SNAPSHOT = Path(__file__).with_name("openapi.snapshot.json")
REFRESH = "LUMBA_UPDATE_SNAPSHOTS=1 .venv/bin/python -m pytest lumba/web/api/tests/test_openapi_snapshot.py"


def _pretty(document: Any) -> str:
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def test_it_matches_the_pinned_openapi_document(client: Client) -> None:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    current = json.loads(response.content)
    if os.environ.get("LUMBA_UPDATE_SNAPSHOTS") == "1":
        SNAPSHOT.write_text(_pretty(current), encoding="utf-8")
    if not SNAPSHOT.exists():
        pytest.fail(f"no OpenAPI snapshot yet; write one with:\n  {REFRESH}")
    pinned = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    if current != pinned:
        diff = difflib.unified_diff(
            _pretty(pinned).splitlines(),
            _pretty(current).splitlines(),
            "openapi.snapshot.json",
            "/api/v1/openapi.json",
            lineterm="",
        )
        shown = "\n".join(list(diff)[:60])
        pytest.fail(
            "the OpenAPI document changed. If the change is meant, refresh the snapshot "
            f"and review its diff:\n  {REFRESH}\n\n{shown}"
        )
