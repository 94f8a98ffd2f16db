"""Where a request's time goes, in process: one request at a time through
Django's WSGI handler, as `lumba serve` configures it (collected static
files, a fresh SQLite database in a temporary folder), no network.

Run: .venv/bin/python benchmarks/profile_web.py [--profile NAME] [-n N]

Prints the mean time of each measured request (the minimal JSON view, POST
/api/v1/triage, the result page with a finished check's cookie) and their
ratios; with --profile NAME, the cProfile of that one (version, triage or
result), sorted by cumulative and by own time.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

ROUNDS = 15


def _environ(path: str, method: str = "GET", body: bytes = b"", **headers: str) -> dict:
    path, _, query = path.partition("?")
    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8000",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(body),
        "wsgi.errors": sys.stderr,
        "wsgi.version": (1, 0),
        "wsgi.multithread": True,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
        "HTTP_HOST": "127.0.0.1:8000",
    }
    if body:
        environ["CONTENT_LENGTH"] = str(len(body))
    for name, value in headers.items():
        key = name.upper().replace("-", "_")
        environ[key if key == "CONTENT_TYPE" else f"HTTP_{key}"] = value
    return environ


def _call(app: Callable, make: Callable[[], dict]) -> bytes:
    status: list[str] = []

    def start_response(line: str, headers: list, exc_info: object = None) -> None:
        status.append(line)

    result = app(make(), start_response)
    try:
        body = b"".join(result)
    finally:
        if hasattr(result, "close"):
            result.close()
    if not status[0].startswith("200"):
        raise SystemExit(f"{status[0]}: {body[:300]!r}")
    return body


def _finished_check_cookie() -> str:
    """The cookies of a browser that walked the check to its result (the
    same walk as bench_web.py)."""
    from check_answers import NO_SIGNS, SELF_CARE
    from django.test import Client

    client = Client()
    client.get("/check/pregnancy/")
    answers = {
        **SELF_CARE,
        "pregnancy": {**SELF_CARE["pregnancy"], "gestational_weeks": "31"},
        "pain-where": {"locations": ["pubic"], "intensity": "5"},
        "daily-life": {"worse_with": ["legs_apart"], "daily_life_impact": "some"},
    }
    url = f"/check/{next(iter(NO_SIGNS))}/"
    while not url.endswith(("/check/answers/", "/check/result/")):
        step = url.rstrip("/").split("/")[-1]
        response = client.post(url, answers.get(step, NO_SIGNS.get(step, {})))
        if response.status_code != 302:
            raise SystemExit(f"the walk stopped at {url}: {response.status_code}")
        url = response["Location"]
    return "; ".join(f"{name}={morsel.value}" for name, morsel in client.cookies.items())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--profile", choices=("version", "triage", "result"))
    parser.add_argument("-n", type=int, default=2000)
    parser.add_argument("--lines", type=int, default=35)
    parser.add_argument("--dump", help="also write the profile to this file (for pstats)")
    args = parser.parse_args()

    tmp = tempfile.mkdtemp()
    for name in [n for n in os.environ if n.startswith(("LUMBA_", "DATABASE_URL"))]:
        del os.environ[name]
    os.environ["LUMBA_DATA_DIR"] = tmp
    import logging

    from lumba.web.serving.server import prepare

    prepare()
    # The access log is written as in production, to a file rather than the
    # terminal (its formatting is measured, not the terminal's speed).
    from slow_clients import ASSESSMENT

    from lumba.web.wsgi import application  # sets up Django (and its logging) again

    log_file = open(Path(tmp) / "access.log", "w")  # noqa: SIM115
    for handler in logging.getLogger().handlers:
        if isinstance(handler, logging.StreamHandler):
            handler.setStream(log_file)

    cookie = _finished_check_cookie()
    requests = {
        "version": lambda: _environ("/api/v1/version"),
        "triage": lambda: _environ(
            "/api/v1/triage?region=GB",
            "POST",
            ASSESSMENT,
            content_type="application/json",
        ),
        "result": lambda: _environ("/check/result/", cookie=cookie),
    }
    for make in requests.values():
        for _ in range(50):  # warm caches (the result fragment, templates)
            _call(application, make)
    if args.profile:
        make = requests[args.profile]
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(args.n):
            _call(application, make)
        profiler.disable()
        if args.dump:
            profiler.dump_stats(args.dump)
        stats = pstats.Stats(profiler)
        stats.sort_stats("cumulative").print_stats(args.lines)
        stats.sort_stats("tottime").print_stats(args.lines)
        return
    # Many short rounds, the requests taking turns, and the best round of
    # each: on a shared machine the best is the nearest to the cost itself.
    means = dict.fromkeys(requests, float("inf"))
    per_round = max(1, args.n // ROUNDS)
    for _ in range(ROUNDS):
        for name, make in requests.items():
            start = time.process_time()
            for _ in range(per_round):
                _call(application, make)
            means[name] = min(means[name], (time.process_time() - start) / per_round)
    for name, best in means.items():
        print(f"{name:8s} {best * 1000:6.3f} ms a request (CPU time, best of {ROUNDS} rounds)")
    print(
        f"throughput ratios, one core: triage/version {means['version'] / means['triage']:.2f}, "
        f"result/version {means['version'] / means['result']:.2f}"
    )


if __name__ == "__main__":
    main()
