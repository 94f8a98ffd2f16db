"""What operators see: JSON logs with a request id and nothing personal,
/metrics behind a token with counts added up over processes, and a cache
shared by every worker (allauth's rate limits)."""

from __future__ import annotations

import datetime as dt
import io
import json
import logging
import os
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.db import DatabaseError, connection, transaction
from django.http import HttpRequest, HttpResponse
from django.test import Client, override_settings
from django.urls import path

import lumba.web.urls
from lumba.web.observability import record_triage_level
from lumba.web.observability.context import request_id_from
from lumba.web.observability.logs import JSONFormatter, stack_without_messages

TOKEN = "metrics-token-for-tests-0123456789"
EMAIL = "amy@example.com"
TRIAGE = "/api/v1/triage"
# Words that must never reach a log: a symptom, a note, a query value.
EMERGENCY = {
    "gestational_weeks": 31,
    "pain": {"intensity": 8, "locations": ["lower_back"]},
    "symptoms": ["saddle_numbness"],
}


# --- A page that fails, to see an error's lines (mounted beside lumba's own) ---


def _failing_page(request: HttpRequest, number: int) -> HttpResponse:
    logging.getLogger("lumba.web.example").warning("about to fail")
    raise RuntimeError(f"the answer was {request.GET.get('answer')}")  # never to be logged


urlpatterns = [path("fails/<int:number>/", _failing_page), *lumba.web.urls.urlpatterns]


@pytest.fixture
def logged() -> Iterator[Callable[[], list[dict]]]:
    """The lines lumba's configured log handler writes, each parsed as JSON
    (a line that is not JSON fails the test)."""
    handler = next(
        h for h in logging.getLogger().handlers if isinstance(h.formatter, JSONFormatter)
    )
    stream = io.StringIO()
    previous = handler.setStream(stream)
    try:
        yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    finally:
        handler.setStream(previous)


# --- Logs ---


def test_every_line_of_a_request_is_json_with_the_id_sent_back(
    settings, logged: Callable[[], list[dict]]
) -> None:
    settings.ROOT_URLCONF = __name__
    response = Client(raise_request_exception=False).get("/fails/7/?weeks=31")
    assert response.status_code == 500
    lines = logged()
    assert {line["logger"] for line in lines} >= {
        "lumba.web.example",
        "django.request",
        "lumba.access",
    }
    assert {line["request_id"] for line in lines} == {response["X-Request-ID"]}
    assert {line["route"] for line in lines} == {"/fails/<int:number>/"}


def test_an_error_is_logged_with_its_stack_but_not_its_message(
    settings, logged: Callable[[], list[dict]]
) -> None:
    settings.ROOT_URLCONF = __name__
    Client(raise_request_exception=False).get("/fails/7/?answer=saddle_numbness")
    (error,) = [line for line in logged() if line["level"] == "error"]
    assert error["exception"] == "RuntimeError"
    assert "_failing_page" in error["traceback"] and "Traceback" in error["traceback"]
    assert "saddle_numbness" not in json.dumps(logged())
    assert "/fails/7/" not in json.dumps(logged())  # the route stands in for the path


def test_one_access_line_per_request_with_the_route_not_the_path(
    client: Client, logged: Callable[[], list[dict]]
) -> None:
    response = client.get("/check/pregnancy/?weeks=31")
    (line,) = logged()
    assert line == {
        "time": line["time"],
        "level": "info",
        "logger": "lumba.access",
        "message": "request",
        "request_id": response["X-Request-ID"],
        "route": "/check/<slug:step_id>/",
        "method": "GET",
        "status": 200,
        "duration_ms": line["duration_ms"],
    }
    assert isinstance(line["duration_ms"], float) and line["duration_ms"] > 0


def test_a_triage_request_leaves_no_word_of_its_body_in_the_logs(
    client: Client, logged: Callable[[], list[dict]]
) -> None:
    client.post(TRIAGE, EMERGENCY, content_type="application/json")
    client.post(
        TRIAGE, {**EMERGENCY, "notes_zq": "my name is Amy"}, content_type="application/json"
    )
    client.post(f"{TRIAGE}?region=zz-secret-place", EMERGENCY, content_type="application/json")
    lines = logged()
    text = json.dumps(lines)
    assert len(lines) == 3 and {line["route"] for line in lines} == {"/api/v1/triage"}
    for word in ("saddle_numbness", "lower_back", "notes_zq", "Amy", "zz-secret-place"):
        assert word not in text


def test_keys_in_paths_stay_out_of_the_logs(
    client: Client, logged: Callable[[], list[dict]]
) -> None:
    client.get("/accounts/password/reset/key/1-set-password-key-abc123/")
    client.get("/no/such/page/with-a-secret-xyz/")
    text = json.dumps(logged())
    assert "abc123" not in text and "secret-xyz" not in text
    assert "<unmatched>" in text


def test_a_sane_request_id_from_the_proxy_is_kept_and_a_strange_one_replaced(
    client: Client, logged: Callable[[], list[dict]]
) -> None:
    kept = client.get("/healthz", headers={"X-Request-ID": "3f2a9c1e-proxy-id_01.b"})
    assert kept["X-Request-ID"] == "3f2a9c1e-proxy-id_01.b"
    for strange in ("short", "x" * 129, 'a"b c\\d 12345', "ab\u00e9cdefgh"):
        replaced = client.get("/healthz", headers={"X-Request-ID": strange})
        assert re.fullmatch(r"[0-9a-f]{32}", replaced["X-Request-ID"])
    first, second = client.get("/healthz"), client.get("/healthz")
    assert first["X-Request-ID"] != second["X-Request-ID"]
    assert logged()[0]["request_id"] == "3f2a9c1e-proxy-id_01.b"


def test_requests_answered_before_any_view_get_an_id_and_a_line_too(
    client: Client, logged: Callable[[], list[dict]]
) -> None:
    refused = client.post(TRIAGE, "x=1", content_type="text/plain")  # the API guard's 415
    assert refused.status_code == 415 and refused["X-Request-ID"]
    (line,) = logged()
    assert line["route"] == "/api/v1/triage" and line["status"] == 415


def test_the_access_log_can_be_turned_off(
    client: Client, settings, logged: Callable[[], list[dict]]
) -> None:
    settings.LUMBA_ACCESS_LOG = False
    assert client.get("/healthz")["X-Request-ID"]
    assert logged() == []


def test_a_chained_exception_keeps_every_stack_and_no_message() -> None:
    try:
        try:
            raise KeyError(EMAIL)
        except KeyError as inner:
            raise ValueError(f"input_value={EMERGENCY!r}") from inner
    except ValueError as error:
        text = stack_without_messages(error)
    assert text.count("Traceback (most recent call last)") == 2
    assert "KeyError (message withheld" in text and "ValueError (message withheld" in text
    assert "amy@example.com" not in text and "saddle_numbness" not in text


def test_request_ids_from_outside_are_checked() -> None:
    assert request_id_from("0123456789abcdef") == "0123456789abcdef"
    assert request_id_from(None) != request_id_from(None)
    assert request_id_from("a\nb" * 10) != "a\nb" * 10


# --- Metrics ---


@pytest.fixture(scope="module")
def metrics_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """prometheus_client picks its mode when first imported: name the
    folder first (it stays named for the rest of the session)."""
    if "lumba.web.observability.metrics" not in sys.modules:
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = str(tmp_path_factory.mktemp("metrics"))
    return Path(os.environ["PROMETHEUS_MULTIPROC_DIR"])


@pytest.fixture
def metrics_on(settings, metrics_folder: Path) -> Path:
    settings.LUMBA_METRICS_TOKEN = TOKEN
    return metrics_folder


def scrape(client: Client) -> str:
    response = client.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("text/plain")
    return response.content.decode()


def value(text: str, name: str, **labels: str) -> float:
    from prometheus_client.parser import text_string_to_metric_families

    return sum(
        sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
        if sample.name == name and all(sample.labels.get(k) == v for k, v in labels.items())
    )


def test_metrics_are_not_there_without_a_token(client: Client) -> None:
    assert client.get("/metrics").status_code == 404
    assert client.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 404


def test_metrics_refuse_a_missing_or_wrong_token(client: Client, metrics_on: Path) -> None:
    missing = client.get("/metrics")
    assert missing.status_code == 401 and missing["WWW-Authenticate"].startswith("Bearer")
    assert client.get("/metrics", headers={"Authorization": "Basic abc"}).status_code == 401
    wrong = client.get("/metrics", headers={"Authorization": "Bearer not-the-token"})
    assert wrong.status_code == 403
    assert TOKEN not in wrong.content.decode()


def test_metrics_count_a_request_by_route_and_status_after_it_is_made(
    client: Client, metrics_on: Path
) -> None:
    route = {"route": "/check/<slug:step_id>/"}
    before = scrape(client)
    client.get("/check/pregnancy/")
    client.get("/check/no-such-step/")
    after = scrape(client)
    counted = "lumba_http_requests_total"
    assert value(after, counted, status="200", method="GET", **route) == (
        value(before, counted, status="200", method="GET", **route) + 1
    )
    assert (
        value(after, counted, status="404", **route)
        == value(before, counted, status="404", **route) + 1
    )
    latency = "lumba_http_request_duration_seconds_count"
    assert value(after, latency, **route) == value(before, latency, **route) + 2
    assert "/check/pregnancy/" not in after  # patterns, never paths


def test_unknown_methods_and_paths_do_not_grow_new_series(client: Client, metrics_on: Path) -> None:
    for number in range(3):
        client.generic(f"BREW{number}", f"/nowhere/{number}/")
    text = scrape(client)
    assert "BREW" not in text and "/nowhere/" not in text
    assert value(text, "lumba_http_requests_total", method="other", route="<unmatched>") >= 3


def test_triage_levels_are_counted_and_only_known_labels_kept(
    client: Client, metrics_on: Path
) -> None:
    name = "lumba_triage_results_total"
    before = scrape(client)
    assert value(before, name, level="self_care", channel="diary") >= 0  # there from the start
    record_triage_level("emergency")
    record_triage_level("routine", channel="diary")
    record_triage_level("not-a-level", channel="somewhere")
    after = scrape(client)
    for labels in (
        {"level": "emergency", "channel": "api"},
        {"level": "routine", "channel": "diary"},
        {"level": "other", "channel": "other"},
    ):
        assert value(after, name, **labels) == value(before, name, **labels) + 1
    assert "not-a-level" not in after


def test_each_way_of_triage_counts_the_level_it_gave(
    client: Client, metrics_on: Path, person: Client
) -> None:
    name = "lumba_triage_results_total"
    before = scrape(client)
    plain = {"gestational_weeks": 30, "pain": {"intensity": 3, "locations": ["lower_back"]}}
    api = client.post("/api/v1/triage?region=GB", plain, content_type="application/json")
    entry = {"date": dt.date.today().isoformat(), "pain": 4, "symptoms": ["fever"]}
    diary = person.post("/api/v1/diary/entries", entry, content_type="application/json")
    after = scrape(client)
    for channel, level in (
        ("api", api.json()["level"]),
        ("diary", diary.json()["triage"]["level"]),
    ):
        labels = {"level": level, "channel": channel}
        assert value(after, name, **labels) == value(before, name, **labels) + 1


def test_triage_levels_cost_nothing_while_metrics_are_off() -> None:
    record_triage_level("emergency")  # no token: no folder, no error


def test_database_errors_are_counted_even_when_caught(client: Client, metrics_on: Path) -> None:
    client.get("/healthz")  # the request puts the counting wrapper on this thread's connection
    before = value(scrape(client), "lumba_database_errors_total")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT * FROM lumba_no_such_table")
    after = value(scrape(client), "lumba_database_errors_total")
    assert after == before + 1


WORKER = """
import os, sys
import django
django.setup()
from lumba.web.observability import record_triage_level
for _ in range(int(sys.argv[1])):
    record_triage_level("urgent", channel="check")
"""


def test_counts_from_several_processes_add_up(tmp_path: Path, metrics_on: Path) -> None:
    folder = tmp_path / "shared-metrics"
    env = {
        **os.environ,
        "PROMETHEUS_MULTIPROC_DIR": str(folder),
        "LUMBA_METRICS_TOKEN": TOKEN,
        "DJANGO_SETTINGS_MODULE": "lumba.web.settings",
    }
    env.pop("DATABASE_URL", None)  # the workers need no database
    workers = [subprocess.Popen([sys.executable, "-c", WORKER, str(n)], env=env) for n in (3, 4)]
    assert [worker.wait(timeout=60) for worker in workers] == [0, 0]

    from prometheus_client import CollectorRegistry, generate_latest
    from prometheus_client.multiprocess import MultiProcessCollector

    registry = CollectorRegistry()
    MultiProcessCollector(registry, path=str(folder))
    text = generate_latest(registry).decode()
    assert value(text, "lumba_triage_results_total", level="urgent", channel="check") == 7
    assert len(list(folder.glob("counter_*.db"))) == 2  # one file per process


def test_the_server_can_clear_a_previous_runs_counts(tmp_path: Path, metrics_on: Path) -> None:
    from lumba.web.observability import metrics

    (tmp_path / "counter_123.db").write_bytes(b"old")
    (tmp_path / "keep.txt").write_text("not ours")
    metrics.clear_for_new_server(tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == ["keep.txt"]


# --- The cache that allauth's rate limits count in ---


def test_the_cache_is_the_database_shared_by_every_worker() -> None:
    from django.core.cache import cache

    cache.set("lumba-test-key", 5)
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM lumba_cache")
        assert cursor.fetchone()[0] >= 1
    assert cache.get("lumba-test-key") == 5


PROCESS = """
import sys
import django
django.setup()
from django.core.cache import cache
from django.core.management import call_command
if sys.argv[1] == "first":
    call_command("migrate", interactive=False, verbosity=0)  # as `lumba serve` does
    cache.set("failed-logins", 2, 300)
    cache.incr("failed-logins")
else:
    print(cache.get("failed-logins"))
"""


def test_migrations_make_the_cache_table_and_two_processes_see_one_count(tmp_path: Path) -> None:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("LUMBA_", "DATABASE_URL"))}
    env = {**base, "LUMBA_DATA_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "lumba.web.settings"}
    first = subprocess.run(
        [sys.executable, "-c", PROCESS, "first"], env=env, capture_output=True, text=True
    )
    assert first.returncode == 0, first.stderr
    second = subprocess.run(
        [sys.executable, "-c", PROCESS, "second"], env=env, capture_output=True, text=True
    )
    assert second.returncode == 0, second.stderr
    assert second.stdout.strip() == "3"


def test_the_cache_migration_is_safe_to_run_again() -> None:
    import importlib

    migration = importlib.import_module("lumba.web.migrations.0001_cache_table")
    migration.create_cache_table(None, type("Editor", (), {"connection": connection})())
    assert "lumba_cache" in connection.introspection.table_names()


def test_settings_document_their_log_and_metrics_switches() -> None:
    text = (Path(__file__).resolve().parents[4] / "docs" / "operations.md").read_text()
    for name in ("LUMBA_METRICS_TOKEN", "LUMBA_ACCESS_LOG", "LUMBA_LOG_LEVEL", "X-Request-ID"):
        assert name in text


@override_settings(ACCOUNT_RATE_LIMITS={"login_failed": "3/m/ip,3/5m/key"})
def test_rate_limit_counts_hold_no_address_or_email(person: Client) -> None:
    person.post("/accounts/logout/")
    for _ in range(2):
        person.post("/accounts/login/", {"login": "amy@example.com", "password": "wrong"})
    with connection.cursor() as cursor:
        cursor.execute("SELECT cache_key FROM lumba_cache")
        keys = [row[0] for row in cursor.fetchall()]
    assert keys and not any("127.0.0.1" in key or "amy" in key or "rl" in key for key in keys)


@override_settings(ALLAUTH_TRUSTED_PROXY_COUNT=1, ACCOUNT_RATE_LIMITS={"signup": "1/m/ip"})
def test_behind_one_proxy_each_visitor_has_their_own_limit() -> None:
    def sign_up(email: str, address: str) -> int:
        data = {
            "email": email,
            "password1": "a long pass phrase 42",
            "password2": "a long pass phrase 42",
        }
        return (
            Client(headers={"X-Forwarded-For": address}).post("/accounts/signup/", data).status_code
        )

    assert sign_up("a@example.com", "203.0.113.1") == 302
    assert sign_up("b@example.com", "203.0.113.2") == 302  # not the proxy's shared address
    assert sign_up("c@example.com", "203.0.113.2") == 429
