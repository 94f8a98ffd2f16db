"""FHIR's media type and error resource in HTTP responses."""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpResponse

from lumba.fhir.canonical import FHIR_JSON
from lumba.fhir.outcome import refusal

# FHIR's issue-type codes for requests refused as a whole.
_REFUSAL_CODES = {404: "not-found", 413: "too-costly", 415: "not-supported"}


def fhir_response(resource: Any, status: int = 200) -> HttpResponse:
    body = json.dumps(resource, ensure_ascii=False, separators=(",", ":"))
    return HttpResponse(body, status=status, content_type=f"{FHIR_JSON}; charset=utf-8")


def refused(status: int, message: str) -> HttpResponse:
    """An OperationOutcome for a request refused as a whole (its path, size or type)."""
    return fhir_response(refusal(message, _REFUSAL_CODES.get(status, "invalid")), status)
