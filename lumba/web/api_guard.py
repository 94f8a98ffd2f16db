"""Two rules for every request to the JSON API, before any view runs."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse

API = "/api/v1/"
WITH_BODY = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def is_json(content_type: str) -> bool:
    return content_type == "application/json" or (
        content_type.startswith("application/") and content_type.endswith("+json")
    )


class JSONBodiesOnly:
    """415 for an API body that does not say it is JSON: a cross-site HTML
    form (text/plain, form encoding) then cannot post without a CORS
    preflight. A request with no body needs no type (an empty body gets the
    API's own "empty input" answer)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith(API) and request.method in WITH_BODY:
            kind = request.content_type or ""
            if _has_body(request) and not is_json(kind):
                detail = f"the body must be JSON (Content-Type: application/json), not {kind!r}"
                return JsonResponse({"detail": detail}, status=415)
        return self.get_response(request)


def _has_body(request: HttpRequest) -> bool:
    if "Transfer-Encoding" in request.headers:
        return True
    try:
        return int(request.headers.get("Content-Length") or 0) > 0
    except ValueError:
        return True  # a malformed length: read as a body, and judged by its type


def not_found(request: HttpRequest, rest: str = "") -> JsonResponse:
    """An unknown API path answers in JSON, as the API does, not with an HTML page."""
    return JsonResponse({"detail": f"no such API path: {request.path}"}, status=404)
