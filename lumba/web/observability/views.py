"""/metrics: Prometheus' text format, for a holder of the metrics token only."""

from __future__ import annotations

import hmac

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_safe


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
