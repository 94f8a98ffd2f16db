"""`lumba serve` on a machine with nothing configured: migrations, a real server, a health check."""

from __future__ import annotations

import http.client
import json
import os
import re
import subprocess
import sys
import urllib.request
from email.message import Message
from pathlib import Path

import pytest

from lumba.core.input_limits import MAX_BODY_BYTES
from lumba.web.serving.tests.live_server import clean_environment, free_port, lumba_serve


def _get(url: str, **headers: str) -> tuple[int, Message, bytes]:
    # The headers stay a Message: names are case-insensitive (Granian sends them in lower case).
    request = urllib.request.Request(url, headers=headers)
    with urllib.request.urlopen(request, timeout=5) as response:
        return response.status, response.headers, response.read()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("serve")
    with lumba_serve(folder) as base:
        yield base, folder / "data"


def test_it_serves_on_a_fresh_machine_with_a_new_sqlite_file(server) -> None:
    base, data_dir = server
    status, _, body = _get(f"{base}/healthz")
    assert status == 200 and b'"ok"' in body
    assert (data_dir / "lumba.sqlite3").exists()
    _, headers, _ = _get(f"{base}/")
    assert headers["Server"] == "granian"
    assert "Content-Security-Policy" in headers


def test_static_files_have_hashed_names_are_compressed_and_cached_for_good(server) -> None:
    base, data_dir = server
    _, _, page = _get(f"{base}/")
    css = re.search(rb'href="(/static/lumba/lumba\.[0-9a-f]{12}\.css)"', page).group(1).decode()
    script = re.search(rb'src="(/static/lumba/htmx\.min\.[0-9a-f]{12}\.js)"', page).group(1)
    for encoding in ("br", "gzip"):
        status, headers, body = _get(f"{base}{css}", **{"Accept-Encoding": encoding})
        assert status == 200 and headers["Content-Type"].startswith("text/css")
        assert headers["Content-Encoding"] == encoding
        assert "immutable" in headers["Cache-Control"]
        assert len(body) < (data_dir / "static" / css.removeprefix("/static/")).stat().st_size
    _, headers, body = _get(f"{base}{script.decode()}")
    assert "Content-Encoding" not in headers  # plain for a client that asks for nothing else
    assert body.startswith(b"var htmx")


def test_it_refuses_to_serve_in_production_with_a_placeholder_secret(tmp_path: Path) -> None:
    env = clean_environment(
        LUMBA_ENV="production", LUMBA_SECRET_KEY="change-me", LUMBA_DATA_DIR=str(tmp_path)
    )
    run = subprocess.run(
        [sys.executable, "-m", "lumba", "serve", "--port", str(free_port())],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 2
    assert "LUMBA_SECRET_KEY" in run.stderr
    assert "Traceback" not in run.stderr


def _chunked_post(base: str, path: str, body: bytes) -> tuple[int, bytes]:
    """A POST whose body comes in chunks with no Content-Length, as a
    streaming client sends it."""
    host, port = base.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=10)
    connection.putrequest("POST", path)
    connection.putheader("Content-Type", "application/json")
    connection.putheader("Transfer-Encoding", "chunked")
    connection.endheaders()
    for start in range(0, len(body), 1000):
        part = body[start : start + 1000]
        connection.send(f"{len(part):x}\r\n".encode() + part + b"\r\n")
    connection.send(b"0\r\n\r\n")
    response = connection.getresponse()
    answer = (response.status, response.read())
    connection.close()
    return answer


def test_a_chunked_body_is_read_whole_not_as_empty(server) -> None:
    base, _ = server
    assessment = {"gestational_weeks": 30, "pain": {"intensity": 3, "locations": ["lower_back"]}}
    status, body = _chunked_post(base, "/api/v1/triage?region=GB", json.dumps(assessment).encode())
    assert status == 200, body
    assert json.loads(body)["level"] == "self_care"


def test_a_chunked_body_over_the_limit_is_refused_as_it_arrives(server) -> None:
    base, _ = server
    status, body = _chunked_post(base, "/api/v1/triage", b"[" + b" " * MAX_BODY_BYTES + b"]")
    assert status == 413
    assert f"{MAX_BODY_BYTES} bytes" in json.loads(body)["detail"]


def test_a_declared_length_over_the_limit_is_refused_before_the_body(server) -> None:
    base, _ = server
    host, port = base.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=10)
    connection.putrequest("POST", "/check/")
    connection.putheader("Content-Length", str(MAX_BODY_BYTES * 100))
    connection.endheaders()  # and not a byte of the body
    response = connection.getresponse()
    assert response.status == 413
    connection.close()


FORKED_WORKERS_CHECK = """
from lumba.web.serving.server import prepare
prepare()
from django.db import connections
connection = connections["default"]
print(sorted(getattr(connection, "_connection_pools", {})))
"""


def test_workers_are_forked_with_no_database_connection_or_pool_of_the_parent(
    tmp_path: Path,
) -> None:
    """A pool opened by the migrations and forked into every worker shares
    its sockets between processes: answers cross between requests."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        pytest.skip("a pool is made on PostgreSQL only (scripts/test runs this on PostgreSQL)")
    import psycopg

    scratch = f"lumba_fork_{os.getpid()}"
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {scratch}")
        admin.execute(f"CREATE DATABASE {scratch}")
    try:
        env = clean_environment(
            LUMBA_DATA_DIR=str(tmp_path), DATABASE_URL=url.rsplit("/", 1)[0] + f"/{scratch}"
        )
        run = subprocess.run(
            [sys.executable, "-c", FORKED_WORKERS_CHECK],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert run.returncode == 0, run.stderr[-2000:]
        assert run.stdout.strip() == "[]"  # no pool left open for the workers to inherit
    finally:
        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {scratch} WITH (FORCE)")


ARENAS_AFTER_THREADS = r"""
import ctypes, ctypes.util, re, sys, tempfile, threading
from lumba.web.serving import server
if sys.argv[1] == "limited":
    server._limit_malloc_arenas()
libc = ctypes.CDLL(ctypes.util.find_library("c"))
libc.fdopen.restype = ctypes.c_void_p
barrier = threading.Barrier(16)
def allocate():
    blocks = [ctypes.create_string_buffer(4096) for _ in range(64)]  # malloc'd, not pymalloc
    barrier.wait()  # all sixteen hold memory at once
threads = [threading.Thread(target=allocate) for _ in range(16)]
for thread in threads: thread.start()
for thread in threads: thread.join()
with tempfile.TemporaryFile() as out:
    stream = libc.fdopen(out.fileno(), b"w")
    libc.malloc_info(0, ctypes.c_void_p(stream))
    libc.fflush(ctypes.c_void_p(stream))  # the FILE is left open: closing it would close `out`
    out.seek(0)
    print(len(re.findall(rb"<heap nr=", out.read())))
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc arenas")
def test_the_server_keeps_glibc_to_two_malloc_arenas_however_many_threads() -> None:
    # Hundreds of request threads each got an arena of their own, and the
    # soak's memory crept up; the server limits them before forking workers.
    def arenas(mode: str) -> int:
        run = subprocess.run(
            [sys.executable, "-c", ARENAS_AFTER_THREADS, mode],
            capture_output=True,
            text=True,
            check=True,
            env=clean_environment(),
        )
        return int(run.stdout.split()[-1])

    assert arenas("default") > 2  # the test can tell: without the limit, threads spread out
    assert arenas("limited") <= 2
