"""schemathesis against the live OpenAPI document, in process (WSGI).

Every operation of /api/v1/openapi.json is called with generated requests,
valid and invalid (schemathesis' coverage phase, then EXAMPLES fuzzed ones,
from a fixed seed), and every response gets every check schemathesis has: no
server error, only documented status codes, content types and headers, a
body that matches its documented schema, valid requests accepted and invalid
ones refused, 405 with `Allow` for other methods, and 401 without the token.

The diary and the account need a person: each request is sent with the
bearer token of a fresh account, made in a savepoint that is rolled back
after the request, so nothing one request writes is seen by the next.

Two rules that JSON Schema cannot state are taught to the generator rather
than left out of the checks: a valid request is made valid in these too
(see _real_reading and _real_day). Everything else the API refuses must be
said in the document.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from contextlib import contextmanager

import schemathesis
from django.contrib.auth import get_user_model
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, transaction

from lumba.web.accounts.tokens import make_token
from lumba.web.wsgi import application

ENTRY_PATHS = {"/api/v1/diary/entries", "/api/v1/diary/entries/{entry_id}"}
SEED = 20260609
EXAMPLES = 10  # per operation and generation mode

CONFIG = schemathesis.Config.from_dict(
    {
        "seed": SEED,
        "generation": {
            "mode": "all",
            "max-examples": EXAMPLES,
            "deterministic": True,
            "database": "none",
        },
        # Every check; max_response_time stays off (no timing in tests).
        "checks": {"enabled": True},
    }
)

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application, config=CONFIG)


def _positive(case: schemathesis.Case) -> bool:
    return case.meta is not None and case.meta.generation.mode.is_positive


def _real_reading(case: schemathesis.Case) -> None:
    """The one rule of the assessment that JSON Schema cannot state (its
    description says it): a blood pressure's diastolic value is lower than its
    systolic one. In a request meant to be valid, a reading that breaks it is
    lowered to one below the systolic value: still in range, now real."""
    if case.operation.label != "POST /api/v1/triage" or not _positive(case):
        return
    if not isinstance(case.body, dict):
        return
    reading = case.body.get("blood_pressure")
    if not isinstance(reading, dict):
        return
    systolic, diastolic = reading.get("systolic"), reading.get("diastolic")
    if not (_whole(systolic, 50, 300) and _whole(diastolic, 20, 200)):
        return
    if diastolic >= systolic:
        reading["diastolic"] = int(systolic) - 1


def _real_day(case: schemathesis.Case) -> None:
    """Likewise for a diary entry's day: the document says it is not in the
    future, and the diary takes no day before the year 2000. In a request
    meant to be valid, a day outside that span becomes today."""
    if case.operation.path not in ENTRY_PATHS or case.method not in {"POST", "PUT"}:
        return
    if not _positive(case) or not isinstance(case.body, dict):
        return
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(case.body.get("date"))):
        return
    try:
        day = dt.date.fromisoformat(case.body["date"])
    except ValueError:
        return
    if not dt.date(2000, 1, 1) <= day <= dt.date.today():
        case.body["date"] = dt.date.today().isoformat()


def _whole(value: object, low: int, high: int) -> bool:
    # JSON Schema's integers include 79.0.
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    return float(value).is_integer() and low <= value <= high


@contextmanager
def _connection_kept() -> Iterator[None]:
    """As Django's test client does: a request through the WSGI handler
    would otherwise close the test's database connection when it ends (it is
    inside a transaction, which Django takes for a broken connection), and
    the savepoint with it."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    try:
        yield
    finally:
        for signal in (request_started, request_finished):
            signal.connect(close_old_connections)


@schema.parametrize()
def test_api(case: schemathesis.Case) -> None:
    # Each generated request runs in its own savepoint, rolled back after it:
    # what one request writes (an entry, a deleted account) is gone for the next.
    with _connection_kept(), transaction.atomic():
        user = get_user_model().objects.create_user(
            username="schemathesis", email="schemathesis@example.com"
        )
        token = make_token(user, "schemathesis")[1]
        _real_reading(case)
        _real_day(case)
        case.call_and_validate(headers={"Authorization": f"Bearer {token}"})
        transaction.set_rollback(True)
