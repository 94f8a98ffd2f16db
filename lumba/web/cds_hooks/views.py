"""CDS Hooks 2.0 at /cds-services: the discovery document and lumba's one
service (lumba.fhir.cds_hooks holds the logic; docs/fhir.md the contract).

The call is CSRF-exempt like the JSON API: it reads only its body, uses no
cookie or session, stores nothing, and refuses a body not typed as JSON
(415). It answers any origin (CORS, as CDS Hooks asks of services that
browser-based record systems call), never with credentials: a page on
another site can learn nothing from it that it did not send itself.
Nothing posted is stored or logged; the access log names only the route
and the status. A malformed call gets 400 naming each field at fault.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import get_script_prefix
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.views.decorators.csrf import csrf_exempt

from lumba.fhir.cds_hooks.cards import cards
from lumba.fhir.cds_hooks.discovery import SERVICE_ID, services
from lumba.fhir.cds_hooks.request import InvalidHookRequest, read_request
from lumba.service import triager
from lumba.web.cds_hooks.http import cds_json, with_cors
from lumba.web.visitor.region import region_for

DISCOVERY_MAX_AGE = 300  # seconds: the document changes only with a new release


def _refusal(status: int, detail: str, **more: Any) -> HttpResponse:
    response = cds_json({"detail": detail, **more}, status=status)
    add_never_cache_headers(response)
    return response


def _preflight() -> HttpResponse:
    return with_cors(HttpResponse(status=204))


def _wrong_method(request: HttpRequest, allowed: str) -> HttpResponse:
    response = _refusal(405, f"{request.method} is not allowed here; use {allowed}")
    response["Allow"] = f"{allowed}, OPTIONS"
    return response


@csrf_exempt
def discovery(request: HttpRequest) -> HttpResponse:
    """GET /cds-services: the services lumba offers (one)."""
    if request.method == "OPTIONS":
        return _preflight()
    if request.method not in ("GET", "HEAD"):
        return _wrong_method(request, "GET")
    response = cds_json(services())
    patch_cache_control(response, public=True, max_age=DISCOVERY_MAX_AGE)
    return response


@csrf_exempt
def call(request: HttpRequest, service_id: str) -> HttpResponse:
    """POST /cds-services/lumba-back-pain: a patient-view call, answered with cards."""
    if service_id != SERVICE_ID:
        return not_found(request)
    if request.method == "OPTIONS":
        return _preflight()
    if request.method != "POST":
        return _wrong_method(request, "POST")
    # A body not typed as JSON was refused before the view (lumba.web.middleware.json_bodies).
    try:
        hook_request = read_request(request.body)
    except InvalidHookRequest as invalid:
        found = [{"field": p.field, "message": p.message} for p in invalid.problems]
        return _refusal(400, invalid.detail, problems=found)
    chosen = triager(region=region_for(request).code, language="en")
    response = cds_json({"cards": cards(hook_request, chosen, _site(request))})
    # The cards describe someone's health: no shared or browser cache keeps them.
    add_never_cache_headers(response)
    return response


@csrf_exempt
def not_found(request: HttpRequest, rest: str = "") -> HttpResponse:
    """Anything else under /cds-services/ (a feedback call included) answers in JSON."""
    detail = (
        "no CDS service at this path: discovery is at /cds-services, "
        f"lumba's one service at /cds-services/{SERVICE_ID}"
    )
    return _refusal(404, detail)


def _site(request: HttpRequest) -> str:
    """lumba's own address (scheme, host and any path prefix), for the cards' links."""
    return request.build_absolute_uri(get_script_prefix()).rstrip("/")
