"""Every vignette of every suite in this folder, for tests elsewhere that run
them all (the same level in another language, through FHIR, through the API)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

FOLDER = Path(__file__).parent


def all_vignettes() -> list[dict[str, Any]]:
    return [
        json.loads(line)
        for path in sorted(FOLDER.glob("*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
