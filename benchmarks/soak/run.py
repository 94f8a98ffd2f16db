"""Soak: mixed traffic against `lumba serve` on PostgreSQL, with attacks alongside.

Run (bench-only install: .venv/bin/pip install -r benchmarks/soak/requirements.txt):

    .venv/bin/python benchmarks/soak/run.py                   # 10 minutes
    .venv/bin/python benchmarks/soak/run.py --duration 60s    # a quick try
    .venv/bin/python benchmarks/soak/run.py --slow-clients 0 --no-hostile   # load only

It makes a fresh PostgreSQL database (--database, default lumba_soak, on
--postgres, trust auth) and drops it afterwards; starts `lumba serve` on it
(so it follows whatever server `lumba serve` runs); signs up --accounts
people through the sign-up page and makes each a personal access token;
then runs locust (locustfile.py beside this file) for --duration with
--users simulated users: people walking the check (forms with CSRF, to the
result), API clients (POST /api/v1/triage with generated assessments and
some invalid ones, GET /cards and /rules) and diary writers (entries through
the API with their token, the diary's pages signed in).

Alongside, unless turned off: --slow-clients connections that trickle their
headers and never finish (benchmarks/slow_clients.py), and every
--hostile-every seconds one hostile body of each kind (thousands of unknown
keys, deep nesting, one huge string, a body over the size limit) to
/api/v1/triage and /api/v1/diary/entries, timed.

The server's memory (RSS of `lumba serve` and all its processes) is taken at
the start, every --memory-every seconds and at the end. Errors are any 5xx,
connection error or timeout, and any answer other than the one the request
kind must get (locust's failures); an invalid request refused with its
documented 4xx is not an error. The summary is printed as Markdown for the
README; the exit status is 1 if there was any error.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import datetime as dt
import http.client
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import psutil

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
VENV_BIN = Path(sys.executable).parent
PASSWORD = "a long soak pass phrase 42"
TOKEN_RE = re.compile(r'<code class="token">([^<]+)</code>')
CSRF_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def seconds(text: str) -> int:
    match = re.fullmatch(r"(\d+)\s*([smh]?)", text.strip())
    if not match:
        raise argparse.ArgumentTypeError(f"not a duration: {text!r} (use 600, 60s, 10m or 1h)")
    return int(match.group(1)) * {"": 1, "s": 1, "m": 60, "h": 3600}[match.group(2)]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# --- the database -------------------------------------------------------------


def psql(server: str, sql: str) -> None:
    subprocess.run(
        ["psql", f"{server}/postgres", "-v", "ON_ERROR_STOP=1", "-qc", sql],
        check=True,
        capture_output=True,
        text=True,
    )


def fresh_database(server: str, name: str) -> str:
    if not re.fullmatch(r"[a-z_][a-z0-9_]*", name):
        raise SystemExit(f"not a plain database name: {name!r}")
    psql(server, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    psql(server, f"CREATE DATABASE {name}")
    return f"{server}/{name}"


# --- the server -----------------------------------------------------------------


def start_server(database_url: str, data_dir: Path, log: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LUMBA_", "DATABASE_URL"))}
    env.update(DATABASE_URL=database_url, LUMBA_DATA_DIR=str(data_dir))
    process = subprocess.Popen(
        [str(VENV_BIN / "lumba"), "serve", "--port", str(port)],
        env=env,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"lumba serve exited with {process.returncode}; see {log}")
        try:
            status, _ = request(base, "GET", "/healthz", timeout=2)
            if status == 200:
                return process, base
        except OSError:
            pass
        time.sleep(0.2)
    stop_server(process)
    raise SystemExit(f"lumba serve did not answer /healthz within 180 s; see {log}")


def stop_server(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def rss_mb(pid: int) -> float:
    """Resident memory of the process and all its children (the workers)."""
    try:
        root = psutil.Process(pid)
        processes = [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0.0
    total = 0
    for process in processes:
        with contextlib.suppress(psutil.NoSuchProcess):
            total += process.memory_info().rss
    return total / 2**20


# --- plain HTTP (the set-up and the attacks) ------------------------------------


def request(
    base: str,
    method: str,
    path: str,
    body: bytes | None = None,
    headers: dict[str, str] | None = None,
    timeout: float = 30,
) -> tuple[int, bytes]:
    url = urllib.parse.urlsplit(base)
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


class Browser:
    """Just enough of a browser for the set-up: cookies and form posts."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.cookies: dict[str, str] = {}

    def _send(self, method: str, path: str, form: dict[str, str] | None = None):
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        url = urllib.parse.urlsplit(self.base)
        conn = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            for header, value in response.getheaders():
                if header.lower() == "set-cookie":
                    name, _, rest = value.partition("=")
                    self.cookies[name.strip()] = rest.split(";", 1)[0]
            return response.status, response.read().decode("utf-8", "replace")
        finally:
            conn.close()

    def form(self, path: str, fields: dict[str, str]) -> tuple[int, str]:
        _status, page = self._send("GET", path)
        token = CSRF_RE.search(page)
        return self._send("POST", path, {**fields, "csrfmiddlewaretoken": token.group(1)})


def make_accounts(base: str, count: int) -> list[dict[str, str]]:
    """Sign up `count` people as a person would, each with an access token."""
    accounts = []
    for n in range(count):
        email = f"soak{n}@example.com"
        browser = Browser(base)
        status, page = browser.form(
            "/accounts/signup/", {"email": email, "password1": PASSWORD, "password2": PASSWORD}
        )
        if status != 302:
            raise SystemExit(f"sign-up of {email} answered {status}: {page[:500]}")
        status, page = browser.form("/accounts/tokens/", {"name": "soak", "password": PASSWORD})
        token = TOKEN_RE.search(page)
        if status != 200 or token is None:
            raise SystemExit(f"making a token for {email} answered {status}")
        accounts.append({"email": email, "password": PASSWORD, "token": token.group(1)})
    return accounts


# --- the attacks ------------------------------------------------------------------


def hostile_bodies(limit: int) -> dict[str, bytes]:
    """Bodies an attacker would send, each just under the size limit unless said."""
    keys = b"{" + b",".join(b'"k%d":%d' % (i, i) for i in range(limit // 16)) + b"}"
    depth = (limit - 16) // 2
    return {
        "unknown keys": keys[: limit - 64].rsplit(b",", 1)[0] + b"}",
        "deep nesting": b"[" * depth + b"]" * depth,
        "huge string": json.dumps({"notes": "x" * (limit - 64)}).encode(),
        "over the limit": json.dumps({"notes": "x" * (limit + 1024)}).encode(),
    }


@dataclass
class HostileStats:
    seconds: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    statuses: dict[str, dict[int, int]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(int))
    )
    errors: list[str] = field(default_factory=list)


class HostileSender:
    """Every `every` seconds, each hostile body to each target, one at a time."""

    def __init__(self, base: str, token: str, every: float, limit: int) -> None:
        self.base = base
        self.every = every
        self.bodies = hostile_bodies(limit)
        self.targets = {
            "/api/v1/triage": {},
            "/api/v1/diary/entries": {"Authorization": f"Bearer {token}"},
        }
        self.stats = HostileStats()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="hostile", daemon=True)

    def __enter__(self) -> HostileSender:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=120)

    def _run(self) -> None:
        while not self._stop.wait(self.every):
            for kind, body in self.bodies.items():
                for path, headers in self.targets.items():
                    if self._stop.is_set():
                        return
                    self._send(f"{kind} → {path}", path, body, headers)

    def _send(self, name: str, path: str, body: bytes, headers: dict[str, str]) -> None:
        started = time.perf_counter()
        try:
            status, _ = request(
                self.base,
                "POST",
                path,
                body,
                {**headers, "Content-Type": "application/json"},
                timeout=30,
            )
        except OSError as error:
            self.stats.errors.append(f"{name}: {type(error).__name__}: {error}")
            return
        self.stats.seconds[name].append(time.perf_counter() - started)
        self.stats.statuses[name][status] += 1
        if status >= 500 or status < 400:
            self.stats.errors.append(f"{name}: HTTP {status}")


class NoSlowClients:
    closed_by_server = 0
    connect_failures = 0
    open_now = 0

    def __enter__(self) -> NoSlowClients:
        return self

    def __exit__(self, *exc: object) -> None:
        pass


def slow_clients(base: str, count: int):
    if count <= 0:
        return NoSlowClients()
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from slow_clients import SlowClients  # benchmarks/slow_clients.py

    return SlowClients(base, count=count, mode="header")


# --- memory ---------------------------------------------------------------------


class MemorySampler:
    def __init__(self, pid: int, every: float) -> None:
        self.pid = pid
        self.every = every
        self.samples: list[tuple[float, float]] = []
        self._started = time.monotonic()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="memory", daemon=True)

    def take(self) -> None:
        self.samples.append((time.monotonic() - self._started, rss_mb(self.pid)))

    def __enter__(self) -> MemorySampler:
        self.take()
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self.take()

    def _run(self) -> None:
        while not self._stop.wait(self.every):
            self.take()


# --- locust and the report ---------------------------------------------------------


def run_locust(
    base: str, accounts: list[dict[str, str]], args: argparse.Namespace, out: Path
) -> Path:
    prefix = out / "locust"
    env = {**os.environ, "LUMBA_SOAK_ACCOUNTS": json.dumps(accounts)}
    command = [
        str(VENV_BIN / "locust"),
        "-f",
        str(HERE / "locustfile.py"),
        "--headless",
        "--host",
        base,
        "--users",
        str(args.users),
        "--spawn-rate",
        str(args.spawn_rate),
        "--run-time",
        f"{args.duration}s",
        "--stop-timeout",
        "30",
        "--csv",
        str(prefix),
        "--only-summary",
        "--loglevel",
        "WARNING",
        *args.only,
    ]
    with (out / "locust.log").open("wb") as log:
        subprocess.run(command, env=env, stdout=log, stderr=subprocess.STDOUT, check=False)
    return Path(f"{prefix}_stats.csv")


def read_stats(path: Path) -> list[dict[str, str]]:
    with path.open(newline="") as file:
        return list(csv.DictReader(file))


def read_failures(out: Path) -> list[dict[str, str]]:
    path = out / "locust_failures.csv"
    return read_stats(path) if path.exists() else []


def _ms(value: str) -> str:
    try:
        return f"{float(value):.0f}"
    except ValueError:
        return value


def report(
    args: argparse.Namespace,
    stats: list[dict[str, str]],
    failures: list[dict[str, str]],
    memory: MemorySampler,
    hostile: HostileStats | None,
    slow: object,
    server_log: Path,
) -> int:
    lines = [
        f"Soak of `lumba serve` on PostgreSQL, {args.duration} s, {args.users} locust users "
        f"({os.cpu_count()} cores, load generator on the same machine), "
        f"{args.slow_clients} slow clients, hostile bodies "
        + (f"every {args.hostile_every:g} s" if hostile is not None else "off")
        + f", {dt.date.today().isoformat()}.",
        "",
        "| request kind | requests | req/s | p50 ms | p95 ms | p99 ms | errors |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    errors = 0
    for row in stats:
        name = "**all**" if row["Name"] == "Aggregated" else row["Name"]
        failed = int(row["Failure Count"])
        if row["Name"] != "Aggregated":
            errors += failed
        lines.append(
            f"| {name} | {row['Request Count']} | {float(row['Requests/s']):.1f} "
            f"| {_ms(row['50%'])} | {_ms(row['95%'])} | {_ms(row['99%'])} | {failed} |"
        )
    lines += ["", "Server memory (RSS of `lumba serve` and its workers):", ""]
    lines.append("| at | " + " | ".join(f"{t:.0f} s" for t, _ in memory.samples) + " |")
    lines.append("|---|" + "---:|" * len(memory.samples))
    lines.append("| MB | " + " | ".join(f"{mb:.0f}" for _, mb in memory.samples) + " |")
    if hostile is not None:
        lines += [
            "",
            "Hostile bodies (sent one at a time alongside the load):",
            "",
            "| body → path | sent | statuses | p50 ms | max ms |",
            "|---|---:|---|---:|---:|",
        ]
        for name, taken in sorted(hostile.seconds.items()):
            codes = ", ".join(f"{c}×{n}" for c, n in sorted(hostile.statuses[name].items()))
            lines.append(
                f"| {name} | {len(taken)} | {codes} | {statistics.median(taken) * 1000:.0f} "
                f"| {max(taken) * 1000:.0f} |"
            )
        errors += len(hostile.errors)
    if args.slow_clients:
        lines += [
            "",
            f"Slow clients: {args.slow_clients} kept open; the server closed "
            f"{slow.closed_by_server} (each reopened at once), {slow.connect_failures} "
            "could not connect.",
        ]
    first, last = memory.samples[0][1], memory.samples[-1][1]
    lines += ["", f"Errors: {errors}. Memory start → end: {first:.0f} → {last:.0f} MB."]
    print("\n".join(lines))
    if failures:
        print("\nFailures (locust):")
        for row in failures:
            print(f"  {row['Occurrences']}× {row['Method']} {row['Name']}: {row['Error']}")
    if hostile is not None and hostile.errors:
        print("\nHostile-body errors:")
        for error in hostile.errors[:20]:
            print(f"  {error}")
    server_errors = [
        line
        for line in server_log.read_text(errors="replace").splitlines()
        if "Traceback" in line or '"level": "error"' in line or "[CRITICAL]" in line
    ]
    if server_errors:
        print(f"\nServer log ({server_log}) has {len(server_errors)} error lines, e.g.:")
        for line in server_errors[:5]:
            print(f"  {line[:300]}")
    return 1 if errors else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=seconds, default=600, help="600, 60s, 10m (10m)")
    parser.add_argument("--users", type=int, default=30, help="locust users (30)")
    parser.add_argument(
        "--only",
        nargs="+",
        default=[],
        choices=("CheckVisitor", "ApiClient", "DiaryWriter"),
        help="run only these kinds of user (to find which traffic does what)",
    )
    parser.add_argument("--spawn-rate", type=float, default=10)
    parser.add_argument("--accounts", type=int, default=10, help="diary accounts (10)")
    parser.add_argument("--slow-clients", type=int, default=200, help="0 turns them off (200)")
    parser.add_argument("--no-hostile", action="store_true", help="no hostile bodies")
    parser.add_argument("--hostile-every", type=float, default=10.0, help="seconds (10)")
    parser.add_argument("--memory-every", type=float, default=60.0, help="seconds (60)")
    parser.add_argument("--postgres", default="postgresql://postgres@127.0.0.1:5432")
    parser.add_argument("--database", default="lumba_soak")
    parser.add_argument("--keep", action="store_true", help="keep the database and the logs")
    args = parser.parse_args()
    if not (VENV_BIN / "locust").exists():
        raise SystemExit("needs locust: .venv/bin/pip install -r benchmarks/soak/requirements.txt")
    if shutil.which("psql") is None:
        raise SystemExit("needs psql (and a PostgreSQL server)")

    from lumba.core.input_limits import MAX_BODY_BYTES

    out = Path(tempfile.mkdtemp(prefix="lumba-soak-"))
    database_url = fresh_database(args.postgres, args.database)
    server_log = out / "server.log"
    server, base = start_server(database_url, out / "data", server_log)
    try:
        accounts = make_accounts(base, args.accounts)
        print(f"{len(accounts)} accounts made; soaking {base} for {args.duration} s ...")
        hostile = (
            None
            if args.no_hostile
            else HostileSender(base, accounts[0]["token"], args.hostile_every, MAX_BODY_BYTES)
        )
        slow = slow_clients(base, args.slow_clients)
        with MemorySampler(server.pid, args.memory_every) as memory, slow:
            if hostile is None:
                stats_path = run_locust(base, accounts, args, out)
            else:
                with hostile:
                    stats_path = run_locust(base, accounts, args, out)
        if not stats_path.exists():
            print((out / "locust.log").read_text(errors="replace")[-3000:])
            raise SystemExit("locust wrote no statistics")
        status = report(
            args,
            read_stats(stats_path),
            read_failures(out),
            memory,
            None if hostile is None else hostile.stats,
            slow,
            server_log,
        )
    finally:
        stop_server(server)
        if not args.keep:
            psql(args.postgres, f"DROP DATABASE IF EXISTS {args.database} WITH (FORCE)")
    print(f"\nLogs: {out}" + ("" if args.keep else " (database dropped)"))
    return status


if __name__ == "__main__":
    sys.exit(main())
