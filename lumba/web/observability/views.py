"""/healthz for load balancers; /metrics: Prometheus' text format, for a
holder of the metrics token only."""

from __future__ import annotations

import hmac

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_safe

from lumba.content.loader import default_library
from lumba.web.observability.middleware import _count_database_error
from lumba.web.serving.database import HEALTH_TIMEOUT_S, probe


@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    """200 when the content loads and the database answers; 503 otherwise,
    naming the part and the error's kind (never its message). On PostgreSQL
    the database has HEALTH_TIMEOUT_S to answer, not the pool's 10 s: a
    load balancer must learn in time that this server cannot serve."""
    part = "content"
    try:
        default_library()
        part = "database"
        probe(connection, HEALTH_TIMEOUT_S)
    except Exception as error:  # any failure means "not usable"; say which part
        if isinstance(error, DatabaseError):
            _count_database_error(error)  # once, even if a query wrapper counted it
        return JsonResponse(
            {"status": "unavailable", "part": part, "problem": type(error).__name__}, status=503
        )
    return JsonResponse({"status": "ok"})


@require_safe
def metrics(request: HttpRequest) -> HttpResponse:
    token = settings.LUMBA_METRICS_TOKEN
    if not token:
        raise Http404("metrics are off")  # as if there were no such page
    scheme, _, given = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        response = HttpResponse(
            "metrics need a bearer token\n", status=401, content_type="text/plain"
        )
        response["WWW-Authenticate"] = 'Bearer realm="lumba metrics"'
        return response
    if not hmac.compare_digest(given.strip().encode(), token.encode()):
        return HttpResponse("wrong metrics token\n", status=403, content_type="text/plain")
    from lumba.web.observability import metrics as store

    body, content_type = store.exposition()
    response = HttpResponse(body, content_type=content_type)
    add_never_cache_headers(response)
    return response
