"""CPU time of hostile bodies on the validation path, and memory after them.

Run: .venv/bin/python benchmarks/bench_hostile.py

Each attack of issue 9 is posted to POST /api/v1/triage and POST
/api/v1/diary/entries in this process (Django's test client, SQLite in a
temporary folder), 20 times; the CPU time of the slowest is reported
(target: under 50 ms each), with the size of the answer. Then 16 of the
largest attacks at once, and the process's memory before and after (target:
back to where it started).
"""

from __future__ import annotations

import json
import os
import resource
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

os.environ["LUMBA_DATA_DIR"] = tempfile.mkdtemp(prefix="lumba-hostile-")
os.environ["LUMBA_ACCESS_LOG"] = "false"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lumba.web.settings")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

from lumba.core.input_limits import MAX_BODY_BYTES  # noqa: E402
from lumba.web.accounts.tokens import make_token  # noqa: E402

ROUNDS = 20


def _near_limit(make: Any) -> str:
    """The largest document of this kind that still fits the body limit."""
    low, high = 1, MAX_BODY_BYTES
    while low < high:
        middle = (low + high + 1) // 2
        if len(json.dumps(make(middle))) <= MAX_BODY_BYTES:
            low = middle
        else:
            high = middle - 1
    return json.dumps(make(low))


def _deep(levels: int) -> Any:
    document: Any = []
    for _ in range(min(levels, 30_000)):
        document = [document]
    return document


ATTACKS = {
    "unknown keys (64 KB of them)": _near_limit(lambda n: {f"k{i}": i for i in range(n)}),
    "deep nesting (64 KB of brackets)": "[" * (MAX_BODY_BYTES // 2) + "]" * (MAX_BODY_BYTES // 2),
    "one huge string": _near_limit(lambda n: {"gestational_weeks": 30, "notes": "x" * n}),
    "a huge list": _near_limit(lambda n: {"gestational_weeks": 30, "symptoms": ["fever"] * n}),
    "over the limit": "x" * (MAX_BODY_BYTES + 1),
}


def _rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _cpu_ms(client: Client, path: str, body: str, **headers: str) -> tuple[float, int, int]:
    started = time.thread_time()
    response = client.post(path, body, content_type="application/json", headers=headers)
    return (time.thread_time() - started) * 1000, response.status_code, len(response.content)


def main() -> None:
    call_command("migrate", verbosity=0)
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user("soak@example.com", "soak@example.com", "x" * 20)
    _, token = make_token(user, "bench")
    client = Client()
    auth = {"Authorization": f"Bearer {token}"}
    paths = {"/api/v1/triage": {}, "/api/v1/diary/entries": auth}
    for path, headers in paths.items():  # the first request loads what every later one shares
        _cpu_ms(client, path, "{}", **headers)
    print(f"{'attack':36} {'path':24} {'status':>6} {'answer B':>9} {'worst CPU ms':>13}")
    for name, body in ATTACKS.items():
        print(f"  ({name}: {len(body)} bytes)")
        for path, headers in paths.items():
            runs = [_cpu_ms(client, path, body, **headers) for _ in range(ROUNDS)]
            worst = max(ms for ms, _, _ in runs)
            _, status, size = runs[-1]
            print(f"{name:36} {path:24} {status:>6} {size:>9} {worst:>13.1f}")
    before = _rss_mb()
    worst_body = ATTACKS["unknown keys (64 KB of them)"]

    def attack() -> None:
        Client().post("/api/v1/triage", worst_body, content_type="application/json")

    threads = [threading.Thread(target=attack) for _ in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    print(f"memory: {before:.0f} MB before 16 at once, {_rss_mb():.0f} MB after")


if __name__ == "__main__":
    main()
