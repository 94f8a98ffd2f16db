"""One rule for every request to a machine-facing path (the JSON API, FHIR,
CDS Hooks), before any view runs: a body must say it is JSON."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from lumba.web.middleware.machine_paths import machine_path
from lumba.web.middleware.request_body import has_body

WITH_BODY = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def is_json(content_type: str) -> bool:
    """application/json, or any application/…+json (FHIR's application/fhir+json)."""
    return content_type == "application/json" or (
        content_type.startswith("application/") and content_type.endswith("+json")
    )


class JSONBodiesOnly:
    """415 for a body that does not say it is JSON: a cross-site HTML form
    (text/plain, form encoding) then cannot post without a CORS preflight.
    A request with no body needs no type (an empty body gets each path's own
    "empty input" answer)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        machine = machine_path(request.path)
        if machine is not None and request.method in WITH_BODY and has_body(request):
            kind = request.content_type or ""
            if not is_json(kind):
                message = f"the body must be JSON (Content-Type: application/json), not {kind!r}"
                return machine.refuse(415, message)
        return self.get_response(request)
