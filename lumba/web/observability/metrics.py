"""Prometheus metrics, added up over every worker process.

`lumba serve` runs several worker processes, and a scrape reaches only one
of them, so each process writes its counters to memory-mapped files in one
folder and /metrics adds up every file there (prometheus_client's
multiprocess mode). Counters and histograms of processes that have ended
stay in the sums, as they must for counters never to go backwards. The
folder is PROMETHEUS_MULTIPROC_DIR when set (a tmpfs that starts empty with
the service is best: /run/lumba/metrics), else `metrics` in lumba's data
folder; `clear_for_new_server()` empties it and is meant for the server's
parent process, before workers start.

This module is imported only once metrics are on (LUMBA_METRICS_TOKEN set):
prometheus_client decides its mode when first imported, so the folder is
named in the environment before that import.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError

if "prometheus_client" in sys.modules and "PROMETHEUS_MULTIPROC_DIR" not in os.environ:
    # Some other code imported prometheus_client first, in single-process
    # mode: each worker would then show only its own share.
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(
        "prometheus_client was imported before lumba set PROMETHEUS_MULTIPROC_DIR; "
        "set PROMETHEUS_MULTIPROC_DIR in the environment"
    )
FOLDER = Path(os.environ.setdefault("PROMETHEUS_MULTIPROC_DIR", str(settings.METRICS_DIR)))
FOLDER.mkdir(parents=True, exist_ok=True)

from prometheus_client import (  # noqa: E402 (the folder must be named first)
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
)
from prometheus_client.multiprocess import MultiProcessCollector  # noqa: E402

# Levels and channels are closed sets: an unknown value is counted as
# "other" rather than growing a new series.
LEVELS = ("emergency", "urgent", "soon", "routine", "self_care")
CHANNELS = ("api", "check", "diary")

# Metrics are not registered in prometheus_client's global registry: the
# exposition reads every process's files instead.
REQUESTS = Counter(
    "lumba_http_requests",
    "Requests answered, by method, route (the URL pattern) and status.",
    ["method", "route", "status"],
    registry=None,
)
LATENCY = Histogram(
    "lumba_http_request_duration_seconds",
    "Time from the request reaching lumba's middleware to its response, by route.",
    ["route"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
    registry=None,
)
TRIAGE_RESULTS = Counter(
    "lumba_triage_results",
    "Triage results made, by level and by where they were made (api, check, diary).",
    ["level", "channel"],
    registry=None,
)
for _level in LEVELS:  # zero from the start: "no emergencies yet" is not "no data"
    for _channel in CHANNELS:
        TRIAGE_RESULTS.labels(_level, _channel)
DATABASE_ERRORS = Counter(
    "lumba_database_errors",
    "Database errors (failed queries and failed connections), by Django's error class.",
    ["error"],
    registry=None,
)


def request_served(method: str, route: str, status: int, seconds: float) -> None:
    REQUESTS.labels(method, route, str(status)).inc()
    LATENCY.labels(route).observe(seconds)


def triage_result(level: str, channel: str) -> None:
    TRIAGE_RESULTS.labels(
        level if level in LEVELS else "other", channel if channel in CHANNELS else "other"
    ).inc()


def database_error(error: DatabaseError) -> None:
    # Django's own classes (IntegrityError, OperationalError, ...): a few names.
    DATABASE_ERRORS.labels(type(error).__name__).inc()


def exposition() -> tuple[bytes, str]:
    """Every process's metrics, added up, in Prometheus' text format."""
    registry = CollectorRegistry()
    # prometheus_client (0.26) is typed, except this constructor's arguments.
    MultiProcessCollector(registry, path=str(FOLDER))  # type: ignore[no-untyped-call]
    return generate_latest(registry), CONTENT_TYPE_LATEST


def clear_for_new_server(folder: Path | None = None) -> None:
    """Remove the files of a previous server run. Only for the server's parent
    process before it starts workers: a running worker's file removed would
    lose its counts."""
    for path in (folder or FOLDER).glob("*.db"):
        path.unlink(missing_ok=True)
