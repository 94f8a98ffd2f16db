"""What operators see of lumba: JSON logs with a request id, an access log
line per request, and Prometheus metrics at /metrics (off unless a token is
set). Nothing here ever logs or counts a person's answers, a body, a query
string, a cookie, an email address or an IP address.

`record_triage_level` is the one call the rest of lumba makes; it costs
nothing while metrics are off.
"""

from __future__ import annotations

from django.conf import settings

from lumba.web.observability.context import current_request_id

__all__ = [
    "current_request_id",
    "metrics_enabled",
    "prepare_for_new_server",
    "record_triage_level",
]


def metrics_enabled() -> bool:
    return bool(settings.LUMBA_METRICS_TOKEN)


def record_triage_level(level: str, channel: str = "api") -> None:
    """Count one triage result by its level (emergency ... self_care) and by
    where it was made (api, check, diary). Call it once per result made, not
    per page showing one."""
    if metrics_enabled():
        from lumba.web.observability import metrics

        metrics.triage_result(level, channel)


def prepare_for_new_server() -> None:
    """For the server's parent process, once, before it starts workers: the
    metrics of a previous run are cleared (when metrics are on), and
    prometheus_client is loaded once for every worker to share."""
    if metrics_enabled():
        from lumba.web.observability import metrics

        metrics.clear_for_new_server()
