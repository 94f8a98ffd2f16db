"""Slow clients against `lumba serve`: do normal requests still get answered?

Run: .venv/bin/python benchmarks/slow_clients.py [--count 200] [--mode header|body|both]
     [--duration 20] [--base http://127.0.0.1:8000]

Without --base it starts `lumba serve` on a free port with a temporary data
folder. It opens COUNT connections that never finish their request (a
slowloris attack): "header" ones send one more header line every few
seconds, "body" ones send complete headers with a Content-Length and then
one byte of the body every few seconds. A connection the server closes is
opened again at once, so the pressure stays constant (as an attacker would
do). Alongside, a few clients make normal requests (GET /healthz, GET the
check's first page, POST /api/v1/triage) with a 10 s timeout, and the table
gives their latency and errors, first with no slow connection open, then
with them. Target (issue 9): with 200 slow connections open, normal requests
are still served with p95 under 1 s.

For reuse (a soak benchmark, a test): `SlowClients(base, count, mode)` is a
context manager that keeps the connections open from a background thread.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import socket
import statistics
import sys
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

ASSESSMENT = json.dumps(
    {
        "gestational_weeks": 31,
        "pain": {
            "intensity": 5,
            "locations": ["pubic", "pelvic_back"],
            "worse_with": ["legs_apart", "stairs"],
            "daily_life_impact": "some",
        },
    }
).encode()

NORMAL_REQUESTS = {
    "GET /healthz": ("GET", "/healthz", None),
    "GET /check/pregnancy/": ("GET", "/check/pregnancy/", None),
    "POST /api/v1/triage": ("POST", "/api/v1/triage?region=GB", ASSESSMENT),
}


class SlowClients:
    """COUNT connections that trickle a request and never finish it.

    mode "header": the request line, then one header line every `interval`
    seconds. mode "body": a POST with all its headers and a Content-Length
    well under the body limit (so no early 413), then one byte of the body
    every `interval` seconds. A connection the
    server closes (a timeout doing its job) is opened again straight away
    and counted in `closed_by_server`.
    """

    def __init__(
        self, base: str, count: int = 200, mode: str = "header", interval: float = 3.0
    ) -> None:
        if mode not in ("header", "body"):
            raise ValueError(f"mode must be 'header' or 'body', not {mode!r}")
        url = urllib.parse.urlsplit(base)
        self.address = (url.hostname or "127.0.0.1", url.port or 80)
        self.host_header = url.netloc
        self.count = count
        self.mode = mode
        self.interval = interval
        self.closed_by_server = 0
        self.connect_failures = 0
        self._sockets: dict[socket.socket, int] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="slow-clients", daemon=True)
        self._lock = threading.Lock()

    @property
    def open_now(self) -> int:
        with self._lock:
            return len(self._sockets)

    def start(self) -> SlowClients:
        for _ in range(self.count):
            self._open()
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=self.interval + 5)
        with self._lock:
            for sock in self._sockets:
                sock.close()
            self._sockets.clear()

    def __enter__(self) -> SlowClients:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _first_bytes(self) -> bytes:
        if self.mode == "header":
            return f"GET /healthz HTTP/1.1\r\nHost: {self.host_header}\r\n".encode()
        return (
            f"POST /api/v1/triage HTTP/1.1\r\nHost: {self.host_header}\r\n"
            "Content-Type: application/json\r\nContent-Length: 4000\r\n\r\n{"
        ).encode()

    def _open(self) -> None:
        try:
            sock = socket.create_connection(self.address, timeout=5)
            sock.sendall(self._first_bytes())
            sock.setblocking(False)
        except OSError:
            self.connect_failures += 1
            return
        with self._lock:
            self._sockets[sock] = 0

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            with self._lock:
                sockets = list(self._sockets)
            for sock in sockets:
                if self._stop.is_set():
                    return
                if self._still_open(sock):
                    continue
                with self._lock:
                    self._sockets.pop(sock, None)
                sock.close()
                self.closed_by_server += 1
                self._open()

    def _still_open(self, sock: socket.socket) -> bool:
        # A server that gives up answers 408/400 or just closes: either way
        # the socket turns readable; then it sends one more trickle.
        try:
            if sock.recv(4096, socket.MSG_PEEK):
                return False
        except BlockingIOError:
            pass
        except OSError:
            return False
        else:
            return False  # b"": closed
        with self._lock:
            sent = self._sockets[sock] = self._sockets.get(sock, 0) + 1
        piece = f"X-Slow-{sent}: a\r\n" if self.mode == "header" else '"'
        try:
            sock.send(piece.encode())
        except OSError:
            return False
        return True


@dataclass
class Latencies:
    seconds: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def summary(self) -> dict[str, float | int]:
        if not self.seconds:
            return {"n": 0, "errors": len(self.errors)}
        ordered = sorted(self.seconds)
        return {
            "n": len(ordered),
            "errors": len(self.errors),
            "p50_ms": statistics.median(ordered) * 1000,
            "p95_ms": ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))] * 1000,
            "max_ms": ordered[-1] * 1000,
        }


def one_request(base: str, method: str, path: str, body: bytes | None, timeout: float) -> None:
    """A fresh connection, as a new visitor would open; raises on anything but 2xx/3xx."""
    url = urllib.parse.urlsplit(base)
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=timeout)
    try:
        headers = {"Content-Type": "application/json"} if body is not None else {}
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        response.read()
        if response.status >= 400:
            raise RuntimeError(f"HTTP {response.status}")
    finally:
        conn.close()


def measure_normal(
    base: str, seconds: float, clients: int = 4, timeout: float = 10.0
) -> dict[str, Latencies]:
    """`clients` threads loop over NORMAL_REQUESTS for `seconds`, one at a time each."""
    results = {name: Latencies() for name in NORMAL_REQUESTS}
    deadline = time.monotonic() + seconds

    def loop() -> None:
        while time.monotonic() < deadline:
            for name, (method, path, body) in NORMAL_REQUESTS.items():
                start = time.monotonic()
                try:
                    one_request(base, method, path, body, timeout)
                except Exception as error:
                    results[name].errors.append(f"{type(error).__name__}: {error}")
                else:
                    results[name].seconds.append(time.monotonic() - start)
                time.sleep(0.05)  # a few requests a second each: a visitor, not a load test

    threads = [threading.Thread(target=loop) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


@contextmanager
def lumba_serve() -> Iterator[str]:
    """`lumba serve` on a free port with a temporary data folder; yields its base URL."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from bench_web import start_server

    with tempfile.TemporaryDirectory() as tmp:
        process, base = start_server(Path(tmp) / "data")
        try:
            yield base
        finally:
            process.terminate()
            try:
                process.wait(timeout=20)
            except Exception:
                process.kill()
                raise


def _print_row(label: str, name: str, lat: Latencies) -> None:
    s = lat.summary()
    if not s["n"]:
        print(f"{label:28s} {name:24s} {'-':>6} {'-':>8} {'-':>8} {'-':>8} {s['errors']:>7}")
        return
    print(
        f"{label:28s} {name:24s} {s['n']:6d} {s['p50_ms']:8.1f} {s['p95_ms']:8.1f}"
        f" {s['max_ms']:8.1f} {s['errors']:7d}"
    )


def run(base: str, count: int, modes: list[str], duration: float, interval: float) -> bool:
    """Print the table; True when every normal request was answered with p95 under 1 s."""
    print(f"normal requests against {base}, {duration:.0f} s each phase, 10 s timeout")
    print(
        f"{'phase':28s} {'request':24s} {'n':>6} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'errors':>7}"
    )
    ok = True
    for name, lat in measure_normal(base, duration).items():
        _print_row("no slow connections", name, lat)
    for mode in modes:
        with SlowClients(base, count, mode, interval) as slow:
            time.sleep(1)
            results = measure_normal(base, duration)
            label = f"{count} slow ({mode})"
            for name, lat in results.items():
                _print_row(label, name, lat)
                s = lat.summary()
                ok = ok and not s["errors"] and s["n"] > 0 and s["p95_ms"] < 1000
            print(
                f"{'':28s} slow connections still open {slow.open_now}, "
                f"closed by the server {slow.closed_by_server}, "
                f"refused {slow.connect_failures}"
            )
            for lat in results.values():
                for error in sorted(set(lat.errors))[:3]:
                    print(f"{'':28s} error: {error}")
    print("target met (p95 < 1 s, no errors):", "yes" if ok else "NO")
    return ok


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", help="a server already running (default: start lumba serve)")
    parser.add_argument("--count", type=int, default=200, help="slow connections (200)")
    parser.add_argument("--mode", choices=["header", "body", "both"], default="both")
    parser.add_argument("--duration", type=float, default=15, help="seconds per phase (15)")
    parser.add_argument("--interval", type=float, default=3, help="seconds between trickles (3)")
    args = parser.parse_args()
    modes = ["header", "body"] if args.mode == "both" else [args.mode]
    print(f"{os.cpu_count()} cores")
    if args.base:
        ok = run(args.base, args.count, modes, args.duration, args.interval)
    else:
        with lumba_serve() as base:
            ok = run(base, args.count, modes, args.duration, args.interval)
    raise SystemExit(0 if ok else 1)


if __name__ == "__main__":
    main()
