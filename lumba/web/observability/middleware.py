"""The first and last thing every request meets: its id, its timing, one
access-log line and the request metrics."""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable

from django.conf import settings
from django.core.signals import got_request_exception
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve

from lumba.web.observability import metrics_enabled
from lumba.web.observability.context import REQUEST_ID, ROUTE, request_id_from

access_log = logging.getLogger("lumba.access")

# Any other method (a client can send any word) is counted as "other", so
# the label's values stay few.
METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})


class RequestObservation:
    """First in MIDDLEWARE so that it times and labels every response,
    including redirects, static files and answers from other middleware."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = request_id_from(request.headers.get("X-Request-ID"))
        id_token = REQUEST_ID.set(request_id)
        route_token = ROUTE.set(None)
        started = time.perf_counter()
        _watch_database_errors()
        try:
            response = self.get_response(request)
            seconds = time.perf_counter() - started
            route = route_of(request)
            ROUTE.set(route)
            response["X-Request-ID"] = request_id
            method = request.method if request.method in METHODS else "other"
            if settings.LUMBA_ACCESS_LOG:
                access_log.info(
                    "request",
                    extra={
                        "method": method,
                        "route": route,
                        "status": response.status_code,
                        "duration_ms": round(seconds * 1000, 2),
                    },
                )
            if metrics_enabled():
                from lumba.web.observability import metrics

                metrics.request_served(method, route, response.status_code, seconds)
            return response
        finally:
            ROUTE.reset(route_token)
            REQUEST_ID.reset(id_token)

    def process_view(self, request: HttpRequest, *args: object) -> None:
        # From here on, lines logged while the view runs (an error with its
        # traceback) carry the route too.
        ROUTE.set(route_of(request))


def route_of(request: HttpRequest) -> str:
    """The URL pattern that answered ("/check/<slug:step_id>/"), never the
    raw path: paths can hold keys, and patterns keep metrics' labels few."""
    match = request.resolver_match
    if match is None:
        # Answered before URL resolution (a redirect to HTTPS, a static file,
        # a 415 from lumba.web.middleware.json_bodies): find the pattern it
        # would have had.
        if request.path_info.startswith(settings.STATIC_URL):
            return settings.STATIC_URL + "*"
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return "<unmatched>"
    return "/" + match.route


def _watch_database_errors() -> None:
    """Count every failed query, including those a view catches (healthz).
    Wrappers live on the thread's connection object, which outlives the
    database connection itself, so this adds one only once per thread."""
    if _count_failed_query not in connection.execute_wrappers:
        connection.execute_wrappers.append(_count_failed_query)


def _count_failed_query(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
    try:
        return execute(sql, params, many, context)
    except DatabaseError as error:
        _count_database_error(error)
        raise


def _count_unhandled_database_error(sender: object, **kwargs: object) -> None:
    error = sys.exc_info()[1]
    if isinstance(error, DatabaseError):
        _count_database_error(error)  # for example, no connection could be made


def _count_database_error(error: DatabaseError) -> None:
    if getattr(error, "_lumba_counted", False) or not metrics_enabled():
        return
    error._lumba_counted = True  # type: ignore[attr-defined]
    from lumba.web.observability import metrics

    metrics.database_error(error)


got_request_exception.connect(
    _count_unhandled_database_error, dispatch_uid="lumba-observability-database-errors"
)
