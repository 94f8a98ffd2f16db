"""Benchmark the web app under concurrent load with wrk, against `lumba serve`.

Run: .venv/bin/python benchmarks/bench_web.py   (needs wrk: apt-get install wrk)

Measures, in one run against one server: requests per second and p95
latency of POST /api/v1/triage, of the result page, and of a minimal JSON
view of the same app (GET /api/v1/version); the bytes of the check and
result pages; and the bytes a first visit to a check page transfers with its
CSS and JavaScript (Accept-Encoding: gzip, br), with the static files' cache
headers. Targets (issues 9 and 17): triage at least 0.8x the minimal view's
throughput, the result page at least 0.5x; a check page with its CSS and JS
under 60 KB transferred. LUMBA_BENCH_DURATION (10s) and LUMBA_BENCH_ROUNDS
(2) set each wrk run's length and how many turns each target gets. Each
run also reports the server's CPU time a request (its processes' user and
system time over the run, from /proc, divided by the requests served): on a
shared machine the throughput ratios move with the neighbours' load, and the
CPU ratio much less.
"""

from __future__ import annotations

import http.cookiejar
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from check_answers import NO_SIGNS, SELF_CARE
from slow_clients import ASSESSMENT  # the same assessment in every web benchmark

CONNECTIONS = 20
DURATION = os.environ.get("LUMBA_BENCH_DURATION", "10s")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(data_dir: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LUMBA_", "DATABASE_URL"))}
    env["LUMBA_DATA_DIR"] = str(data_dir)
    lumba = Path(sys.executable).parent / "lumba"
    process = subprocess.Popen(
        [str(lumba), "serve", "--port", str(port)], env=env, stderr=subprocess.DEVNULL
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(f"{base}/healthz", timeout=1).close()
            return process, base
        except OSError:
            time.sleep(0.1)
    process.terminate()
    raise SystemExit("lumba serve did not start")


def check_cookie(base: str) -> tuple[str, int, int]:
    """Walk the check once; return the answers cookie and the bytes of a step and the result."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    step_page = opener.open(f"{base}/check/pregnancy/").read()
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', step_page).group(1).decode()
    # The self-care journey the web tests walk, so the walk follows the questionnaire.
    answers = {
        **SELF_CARE,
        "pregnancy": {**SELF_CARE["pregnancy"], "gestational_weeks": "31"},
        "pain-where": {"locations": ["pubic"], "intensity": "5"},
        "daily-life": {"worse_with": ["legs_apart"], "daily_life_impact": "some"},
    }
    url = f"{base}/check/{next(iter(NO_SIGNS))}/"
    while not url.endswith(("/check/answers/", "/check/result/")):
        step = url.rstrip("/").split("/")[-1]
        body = urllib.parse.urlencode(
            {"csrfmiddlewaretoken": token, **answers.get(step, NO_SIGNS.get(step, {}))}, doseq=True
        ).encode()
        url = opener.open(urllib.request.Request(url, data=body)).geturl()
    result_page = opener.open(f"{base}/check/result/").read()
    cookie = "; ".join(f"{c.name}={c.value}" for c in jar)
    return cookie, len(step_page), len(result_page)


def first_visit(base: str, path: str = "/check/pregnancy/") -> list[dict[str, object]]:
    """The page and every stylesheet and script it links, as a browser's first visit fetches them.

    Bytes are the bodies as sent (compressed when the server compresses);
    headers are not counted.
    """
    rows = [_fetch(base, path)]
    html = rows[0].pop("body").decode()
    links = re.findall(r'<link rel="stylesheet" href="([^"]+)"', html)
    links += re.findall(r'<script src="([^"]+)"', html)
    for link in links:
        row = _fetch(base, link)
        row.pop("body")
        rows.append(row)
    return rows


def _fetch(base: str, path: str) -> dict[str, object]:
    request = urllib.request.Request(base + path, headers={"Accept-Encoding": "gzip, br"})
    with urllib.request.urlopen(request, timeout=10) as response:
        body = response.read()  # urllib does not decompress: these are the bytes sent
        return {
            "path": path,
            "bytes": len(body),
            "encoding": response.headers.get("Content-Encoding", "-"),
            "cache": response.headers.get("Cache-Control", "-"),
            "body": body,
        }


# wrk prints p50/p75/p90/p99; this hook adds the p95 the targets use.
P95_HOOK = 'done = function(summary, latency, requests) io.write(string.format("p95_us: %d\\n", latency:percentile(95))) end\n'


MINIMAL = "minimal JSON view (GET /api/v1/version)"
TRIAGE = "POST /api/v1/triage"
RESULT = "result page (GET /check/result/)"
ROUNDS = int(os.environ.get("LUMBA_BENCH_ROUNDS", "2"))


def best_interleaved(targets: dict[str, tuple], server: int) -> dict[str, dict[str, float]]:
    """Best of ROUNDS runs of each, the targets taking turns (minimal, triage,
    result, minimal, ...): on a 2-core machine one run can lose a core to a
    neighbour, and taking turns lets a busy minute weigh on every target alike,
    so that the ratios compare like with like."""
    runs: dict[str, list[dict[str, float]]] = {name: [] for name in targets}
    for _ in range(ROUNDS):
        for name, (url, script, *extra) in targets.items():
            runs[name].append(_wrk_once(url, script, server, *extra))
    return {name: max(found, key=lambda r: r["rps"]) for name, found in runs.items()}


def server_cpu_seconds(root: int) -> float:
    """CPU time (user + system) used so far by `lumba serve` and its workers
    (Linux /proc): the cost of a request, whatever else shares the machine."""
    tick = os.sysconf("SC_CLK_TCK")
    children: dict[int, list[int]] = {}
    times: dict[int, float] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # ended meanwhile
        pid = int(entry.name)
        children.setdefault(int(fields[1]), []).append(pid)
        times[pid] = (int(fields[11]) + int(fields[12])) / tick
    total, todo = 0.0, [root]
    while todo:
        pid = todo.pop()
        total += times.get(pid, 0.0)
        todo += children.get(pid, [])
    return total


def _wrk_once(url: str, script: Path, server: int, *extra: str) -> dict[str, float]:
    cpu_before = server_cpu_seconds(server)
    out = subprocess.run(
        ["wrk", "-t", "2", "-c", str(CONNECTIONS), "-d", DURATION, "-s", str(script), *extra, url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    cpu = server_cpu_seconds(server) - cpu_before
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    count = int(re.search(r"(\d+) requests in", out).group(1))
    p95 = int(re.search(r"p95_us: (\d+)", out).group(1)) / 1000
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": rps,
        "p95_ms": p95,
        "non_2xx": int(errors.group(1)) if errors else 0,
        "cpu_ms": cpu * 1000 / max(count, 1),
    }


def main() -> None:
    if not shutil.which("wrk"):
        raise SystemExit("needs wrk: apt-get install wrk")
    with tempfile.TemporaryDirectory() as tmp:
        post = Path(tmp) / "post.lua"
        post.write_text(
            'wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\n'
            f"wrk.body = {json.dumps(ASSESSMENT.decode())}\n" + P95_HOOK
        )
        get = Path(tmp) / "get.lua"
        get.write_text(P95_HOOK)
        server, base = start_server(Path(tmp) / "data")
        try:
            cookie, step_bytes, result_bytes = check_cookie(base)
            visit = first_visit(base)
            targets = {
                MINIMAL: (f"{base}/api/v1/version", get),
                TRIAGE: (f"{base}/api/v1/triage?region=GB", post),
                RESULT: (f"{base}/check/result/", get, "-H", f"Cookie: {cookie}"),
            }
            runs = best_interleaved(targets, server.pid)
        finally:
            server.terminate()
            server.wait()
    print(
        f"wrk, {CONNECTIONS} connections, {DURATION} each, one `lumba serve` ({os.cpu_count()} cores)"
    )
    for name, r in runs.items():
        print(
            f"{name:42s} {r['rps']:8.0f} req/s   p95 {r['p95_ms']:6.1f} ms   non-2xx {r['non_2xx']}"
            f"   server CPU {r['cpu_ms']:.2f} ms/request"
        )
    minimal, minimal_cpu = runs[MINIMAL]["rps"], runs[MINIMAL]["cpu_ms"]
    for name, target in ((TRIAGE, 0.8), (RESULT, 0.5)):
        print(
            f"{name} / minimal: throughput {runs[name]['rps'] / minimal:.2f} (target >= {target}), "
            f"by server CPU a request {minimal_cpu / runs[name]['cpu_ms']:.2f}"
        )
    print(f"page bytes: check step {step_bytes} B, result {result_bytes} B (target < 100 KB each)")
    print("first visit to a check page, Accept-Encoding: gzip, br:")
    for row in visit:
        print(f"  {row['path']:42s} {row['bytes']:7d} B  {row['encoding']:5s} {row['cache']}")
    total = sum(row["bytes"] for row in visit)
    print(f"  {'total transferred':42s} {total:7d} B  (target < 60 KB = 61440 B)")


if __name__ == "__main__":
    main()
