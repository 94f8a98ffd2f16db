"""The `urn:uuid:` full URLs of a Bundle's entries.

Made from what the entry is about (a UUID version 5), not at random, so
the same input gives the same Bundle: lumba's answers are deterministic,
and a mapping with no clock and no random numbers stays pure. They are
identifiers within one Bundle only; a record system assigns its own ids.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from typing import Any

from lumba.fhir.canonical import CANONICAL


def full_url(*parts: str) -> str:
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, '/'.join((CANONICAL, *parts)))}"


def digest(value: Any) -> str:
    """A short fingerprint of a JSON value, for a full URL's parts."""
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]
