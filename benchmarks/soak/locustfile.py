"""The soak's traffic, for locust: people doing the check, API clients, diary writers.

Started by benchmarks/soak/run.py (which starts the server, makes the
accounts and passes them in LUMBA_SOAK_ACCOUNTS); not meant to be run alone.

Every request is named by its kind, and judged by what that kind must
answer: a status other than the expected one is a failure (locust counts
it), so a 5xx, a connection error or an unexpected 4xx (a lost CSRF token, a
refused valid entry) all show up. Invalid input that must be refused (422,
415) counts as success when it is refused as documented.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import os
import random
import re
import sys
from pathlib import Path
from typing import Any

from locust import HttpUser, between, task

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks"), str(ROOT / "tests")]

# The answers the web tests and browser tests walk the check with, so the
# soak follows the questionnaire when it changes.
from check_answers import EMERGENCY, NO_SIGNS, SELF_CARE  # noqa: E402
from generate import assessment  # noqa: E402

from lumba.core import vocabulary as v  # noqa: E402

ACCOUNTS = json.loads(os.environ.get("LUMBA_SOAK_ACCOUNTS", "[]"))
_next_account = itertools.cycle(range(max(1, len(ACCOUNTS))))
FIRST_STEP = "/check/emergency-signs/"
URGENT = {
    **SELF_CARE,
    "pain-where": {"locations": ["lower_back"], "intensity": "8"},
    "body-signs": {"body_signs": ["fever"]},
}
JOURNEYS = [SELF_CARE, SELF_CARE, SELF_CARE, URGENT, EMERGENCY]
INVALID_ASSESSMENTS = [
    b'{"gestational_weeks": 30, "pain": {"intensity": 11, "locations": ["lower_back"]}}',
    b'{"gestational_weeks": "thirty"}',
    b"{}",
    b"not json at all",
    b"[1, 2, 3]",
]
TOKEN_RE = re.compile(r'<code class="token">([^<]+)</code>')
CSRF_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def expect(response: Any, *statuses: int) -> None:
    """With catch_response: success only for the expected statuses."""
    if response.status_code in statuses:
        response.success()
    else:
        response.failure(f"HTTP {response.status_code}, expected {statuses}")


class CheckVisitor(HttpUser):
    """A person doing the check in the browser: each walk starts afresh."""

    weight = 3
    wait_time = between(0.2, 1.0)

    @task
    def walk_the_check(self) -> None:
        self.client.cookies.clear()
        rng = random.Random()
        with self.client.get(
            "/check/", name="check: GET /check/", allow_redirects=False, catch_response=True
        ) as start:
            expect(start, 302)
        token = self.client.cookies.get("csrftoken") or self._csrf_from(FIRST_STEP)
        with self.client.post(
            "/check/region/",
            {"region": "GB", "next": FIRST_STEP, "csrfmiddlewaretoken": token},
            name="check: POST step",
            allow_redirects=False,
            catch_response=True,
        ) as chosen:
            expect(chosen, 302)
        answers = rng.choice(JOURNEYS)
        location = FIRST_STEP
        for _ in range(30):  # a bound on the walk, far above its length
            if location in ("/check/answers/", "/check/result/"):
                break
            step = location.strip("/").split("/")[1]
            with self.client.get(location, name="check: GET step", catch_response=True) as page:
                expect(page, 200)
            data = {**answers.get(step, NO_SIGNS.get(step, {})), "csrfmiddlewaretoken": token}
            with self.client.post(
                location,
                data,
                name="check: POST step",
                allow_redirects=False,
                catch_response=True,
            ) as sent:
                expect(sent, 302)
            location = sent.headers.get("Location", "/check/result/")
        with self.client.get("/check/result/", name="check: GET result", catch_response=True) as r:
            expect(r, 200)

    def _csrf_from(self, path: str) -> str:
        page = self.client.get(path, name="check: GET step").text
        found = CSRF_RE.search(page)
        return found.group(1) if found else ""


class ApiClient(HttpUser):
    """Another program using the JSON API: mostly valid triage, some invalid."""

    weight = 5
    wait_time = between(0.05, 0.3)

    def on_start(self) -> None:
        self.rng = random.Random()

    @task(10)
    def triage(self) -> None:
        body = json.dumps(assessment(self.rng))
        with self.client.post(
            "/api/v1/triage?region=GB",
            data=body,
            headers={"Content-Type": "application/json"},
            name="api: POST /triage (valid)",
            catch_response=True,
        ) as response:
            expect(response, 200)

    @task(2)
    def invalid_triage(self) -> None:
        with self.client.post(
            "/api/v1/triage",
            data=self.rng.choice(INVALID_ASSESSMENTS),
            headers={"Content-Type": "application/json"},
            name="api: POST /triage (invalid, 422)",
            catch_response=True,
        ) as response:
            expect(response, 422)

    @task(1)
    def form_body(self) -> None:
        with self.client.post(
            "/api/v1/triage",
            data="gestational_weeks=30",
            headers={"Content-Type": "application/x-www-form-urlencoded"},
            name="api: POST /triage (form body, 415)",
            catch_response=True,
        ) as response:
            expect(response, 415)

    @task(3)
    def cards(self) -> None:
        with self.client.get("/api/v1/cards", name="api: GET /cards", catch_response=True) as r:
            expect(r, 200)

    @task(2)
    def rules(self) -> None:
        with self.client.get("/api/v1/rules", name="api: GET /rules", catch_response=True) as r:
            expect(r, 200)


class DiaryWriter(HttpUser):
    """A person with an account: entries through the API with their token,
    the diary's pages in the browser (signed in)."""

    weight = 2
    wait_time = between(0.3, 1.5)

    def on_start(self) -> None:
        self.rng = random.Random()
        account = ACCOUNTS[next(_next_account)]
        self.bearer = {"Authorization": f"Bearer {account['token']}"}
        page = self.client.get("/accounts/login/", name="diary: GET login page").text
        found = CSRF_RE.search(page)
        with self.client.post(
            "/accounts/login/",
            {
                "login": account["email"],
                "password": account["password"],
                "csrfmiddlewaretoken": found.group(1) if found else "",
            },
            name="diary: POST login",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            expect(response, 302)

    def _entry(self) -> dict[str, Any]:
        rng = self.rng
        return {
            "date": (dt.date.today() - dt.timedelta(days=rng.randint(0, 60))).isoformat(),
            "pain": rng.randint(0, 10),
            "locations": rng.sample(v.values(v.Location), rng.randint(1, 2)),
            "worse_with": rng.sample(v.values(v.Activity), rng.randint(0, 2)),
            "symptoms": rng.sample(v.values(v.Symptom), rng.choice((0, 0, 0, 1))),
            "notes": rng.choice(("", "", "worse after the school run")),
        }

    @task(6)
    def add_entry(self) -> None:
        with self.client.post(
            "/api/v1/diary/entries",
            data=json.dumps(self._entry()),
            headers={**self.bearer, "Content-Type": "application/json"},
            name="diary: POST /api/v1/diary/entries",
            catch_response=True,
        ) as response:
            expect(response, 201)
        # Some entries are deleted again, so a long soak does not only grow.
        if response.status_code == 201 and self.rng.random() < 0.5:
            entry_id = response.json()["id"]
            with self.client.delete(
                f"/api/v1/diary/entries/{entry_id}",
                headers=self.bearer,
                name="diary: DELETE /api/v1/diary/entries/{id}",
                catch_response=True,
            ) as deleted:
                expect(deleted, 204)

    @task(1)
    def invalid_entry(self) -> None:
        with self.client.post(
            "/api/v1/diary/entries",
            data=json.dumps({**self._entry(), "pain": 12, "mood": "fine"}),
            headers={**self.bearer, "Content-Type": "application/json"},
            name="diary: POST /api/v1/diary/entries (invalid, 422)",
            catch_response=True,
        ) as response:
            expect(response, 422)

    @task(2)
    def list_entries(self) -> None:
        with self.client.get(
            "/api/v1/diary/entries",
            headers=self.bearer,
            name="diary: GET /api/v1/diary/entries",
            catch_response=True,
        ) as response:
            expect(response, 200)

    @task(3)
    def diary_page(self) -> None:
        with self.client.get("/diary/", name="diary: GET /diary/", catch_response=True) as r:
            expect(r, 200)

    @task(1)
    def entry_form(self) -> None:
        page = self.client.get("/diary/entries/new/", name="diary: GET entry form")
        found = CSRF_RE.search(page.text)
        data = {
            "date": dt.date.today().isoformat(),
            "pain": str(self.rng.randint(0, 10)),
            "locations": ["lower_back"],
            "csrfmiddlewaretoken": found.group(1) if found else "",
        }
        with self.client.post(
            "/diary/entries/new/",
            data,
            name="diary: POST entry form",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            expect(response, 302)

    @task(1)
    def chart(self) -> None:
        with self.client.get(
            "/diary/chart.svg", name="diary: GET chart.svg", catch_response=True
        ) as response:
            expect(response, 200)
