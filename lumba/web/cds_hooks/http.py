"""CORS for CDS Hooks: record systems may call from a browser page on another
origin, and the spec asks services to allow it. Never with credentials: a
page elsewhere can learn nothing from lumba that it did not send itself."""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpResponse

CORS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
    # A record system sends its JWT as a bearer token (CDS Hooks 2.0); lumba does not read it.
    "Access-Control-Allow-Headers": "Authorization, Content-Type",
    "Access-Control-Max-Age": "600",
}


def with_cors(response: HttpResponse) -> HttpResponse:
    for header, value in CORS.items():
        response[header] = value
    return response


def cds_json(document: Any, status: int = 200) -> HttpResponse:
    body = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    response = HttpResponse(body, status=status, content_type="application/json; charset=utf-8")
    return with_cors(response)
