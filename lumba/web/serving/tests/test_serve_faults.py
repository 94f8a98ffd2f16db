"""Faults a newcomer met with `lumba serve` (issue 17, section 8): an
unreachable database, a slow health check, a bad pool size, Granian's
warning on every start, and a SQLite file everyone could read."""

from __future__ import annotations

import contextlib
import json
import logging
import os
import signal
import socket
import stat
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from lumba.web.serving import environment
from lumba.web.serving.database import protect_sqlite_file, shown_url
from lumba.web.serving.server import THREADS_PER_WORKER, ChosenThreadsWarning
from lumba.web.serving.tests.live_server import clean_environment, free_port, lumba_serve


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _serve(timeout: float = 60, **settings: str) -> tuple[subprocess.CompletedProcess, float]:
    """`lumba serve` expected to stop at once; one that serves instead is
    ended with its workers (its own process group) and fails the test."""
    started = time.monotonic()
    command = [sys.executable, "-m", "lumba", "serve", "--port", str(free_port())]
    process = subprocess.Popen(
        command,
        env=clean_environment(**settings),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        pytest.fail(f"lumba serve was still running after {timeout} s: the setting was accepted")
    run = subprocess.CompletedProcess(command, process.returncode, stdout, stderr)
    return run, time.monotonic() - started


def _closed_port() -> int:
    return free_port()  # bound and released at once: nothing listens there


# --- An unreachable database ---


def test_an_unreachable_database_stops_serve_in_one_line_within_seconds(tmp_path: Path) -> None:
    port = _closed_port()
    url = f"postgresql://postgres:s3cret-pw@127.0.0.1:{port}/lumba"
    run, took = _serve(LUMBA_DATA_DIR=str(tmp_path), DATABASE_URL=url)
    assert run.returncode == 2, run.stderr[-2000:]
    assert run.stderr.count("\n") == 1 and "Traceback" not in run.stderr
    assert run.stderr.startswith(
        f"lumba: cannot reach the database at postgresql://postgres:***@127.0.0.1:{port}/lumba: "
    )
    assert "Connection refused" in run.stderr  # the reason
    assert "s3cret-pw" not in run.stderr + run.stdout
    assert took < 8, f"{took:.1f} s (the pool's timeout alone was 10 s)"


def test_an_unwritable_sqlite_folder_stops_serve_in_one_line(tmp_path: Path) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("")
    run, _ = _serve(LUMBA_DATA_DIR=str(tmp_path), DATABASE_URL=f"sqlite:///{blocked}/x.sqlite3")
    assert run.returncode == 2 and run.stderr.count("\n") == 1, run.stderr[-2000:]
    assert run.stderr.startswith(f"lumba: database file {blocked}/x.sqlite3: ")


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("postgresql://u:pw@db:5432/lumba", "postgresql://u:***@db:5432/lumba"),
        (
            "postgresql://u:pw@[::1]:5432/lumba?sslmode=require",
            "postgresql://u:***@[::1]:5432/lumba?sslmode=require",
        ),
        ("postgresql://:pw@db/lumba", "postgresql://:***@db/lumba"),
        ("postgresql://u@db/lumba", "postgresql://u@db/lumba"),
        ("sqlite:////var/lib/lumba/lumba.sqlite3", "sqlite:////var/lib/lumba/lumba.sqlite3"),
    ],
)
def test_a_database_url_is_shown_without_its_password(url: str, shown: str) -> None:
    assert shown_url(url) == shown


# --- /healthz when PostgreSQL is down ---

HEALTHZ_TIMED = """
import django, json, os, time
os.environ["DJANGO_SETTINGS_MODULE"] = "lumba.web.settings"
django.setup()
from django.test import Client
from django.urls import get_resolver
from lumba.content.loader import default_library
default_library(); get_resolver().url_patterns  # preloaded, as lumba serve does
client = Client()
started = time.monotonic()
response = client.get("/healthz")
print(json.dumps([response.status_code, response.json(), time.monotonic() - started]))
"""


def test_healthz_answers_503_in_seconds_not_the_pools_timeout_when_postgresql_does_not_answer(
    tmp_path: Path,
) -> None:
    env = clean_environment(
        LUMBA_DATA_DIR=str(tmp_path),
        DATABASE_URL=f"postgresql://postgres@127.0.0.1:{_closed_port()}/lumba",
    )
    env = {k: v for k, v in env.items() if not k.startswith("DJANGO_")}
    run = subprocess.run(
        [sys.executable, "-c", HEALTHZ_TIMED], env=env, capture_output=True, text=True, timeout=60
    )
    assert run.returncode == 0, run.stderr[-2000:]
    status, body, took = json.loads(run.stdout.splitlines()[-1])
    assert status == 503
    assert body == {"status": "unavailable", "part": "database", "problem": "OperationalError"}
    assert took < 5, f"{took:.1f} s (the pool's timeout was 10 s; this one is 1.5 s)"


class _Proxy:
    """A TCP relay to PostgreSQL that can be shut: the database, as far as
    lumba can tell, goes away (its port then refuses connections)."""

    def __init__(self, upstream: tuple[str, int]) -> None:
        self.upstream = upstream
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.sockets: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            server = socket.create_connection(self.upstream)
            self.sockets += [client, server]
            for source, target in ((client, server), (server, client)):
                threading.Thread(target=self._pump, args=(source, target), daemon=True).start()

    @staticmethod
    def _pump(source: socket.socket, target: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                target.sendall(data)
        except OSError:
            pass
        for each in (source, target):
            with contextlib.suppress(OSError):
                each.shutdown(socket.SHUT_RDWR)

    def shut(self) -> None:
        with contextlib.suppress(OSError):  # wakes the accept() and stops listening (Linux)
            self.listener.shutdown(socket.SHUT_RDWR)
        self.listener.close()
        for each in self.sockets:
            with contextlib.suppress(OSError):
                each.shutdown(socket.SHUT_RDWR)
            each.close()


def _healthz(base: str) -> tuple[int, dict, float]:
    started = time.monotonic()
    try:
        with urllib.request.urlopen(f"{base}/healthz", timeout=30) as response:
            status, body = response.status, response.read()
    except urllib.error.HTTPError as error:
        status, body = error.code, error.read()
    return status, json.loads(body), time.monotonic() - started


def test_a_live_server_answers_healthz_503_in_seconds_once_postgresql_goes_away(
    tmp_path: Path,
) -> None:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        pytest.skip("needs a PostgreSQL server (scripts/test runs this on PostgreSQL)")
    from urllib.parse import urlsplit

    import psycopg

    parts = urlsplit(url)
    proxy = _Proxy((parts.hostname or "127.0.0.1", parts.port or 5432))
    scratch = f"lumba_healthz_{os.getpid()}"
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {scratch}")
        admin.execute(f"CREATE DATABASE {scratch}")
    through_proxy = parts._replace(
        netloc=parts.netloc.rsplit("@", 1)[0] + f"@127.0.0.1:{proxy.port}", path=f"/{scratch}"
    ).geturl()
    try:
        with lumba_serve(tmp_path, DATABASE_URL=through_proxy) as base:
            assert _healthz(base)[:2] == (200, {"status": "ok"})
            proxy.shut()
            for _ in range(3):  # a worker's pooled connection fails, then no new one is made
                status, body, took = _healthz(base)
                assert (status, body["part"]) == (503, "database"), body
                assert took < 5, f"{took:.1f} s (the pool's timeout was 10 s; this one is 1.5 s)"
    finally:
        proxy.shut()
        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {scratch} WITH (FORCE)")


# --- LUMBA_DB_POOL_SIZE ---


@pytest.mark.parametrize("value", ["abc", "0", "-3", "2.5", str(THREADS_PER_WORKER + 1), "100000"])
def test_serve_refuses_a_bad_pool_size_in_one_line(tmp_path: Path, value: str) -> None:
    run, _ = _serve(LUMBA_DATA_DIR=str(tmp_path), LUMBA_DB_POOL_SIZE=value)
    assert run.returncode == 2, run.stderr[-2000:]
    assert run.stderr == (
        f"lumba: LUMBA_DB_POOL_SIZE: expected a whole number from 1 to {THREADS_PER_WORKER},"
        f" got {value!r}\n"
    )


POOL_SIZE = "from lumba.web import settings; print(settings.DATABASES['default']['OPTIONS']['pool']['max_size'])"


@pytest.mark.parametrize(
    ("value", "size"), [("1", 1), (" 12 ", 12), (str(THREADS_PER_WORKER), THREADS_PER_WORKER)]
)
def test_a_pool_size_from_one_to_the_thread_count_is_the_pools_size(
    tmp_path: Path, value: str, size: int
) -> None:
    env = clean_environment(
        LUMBA_DATA_DIR=str(tmp_path),
        DATABASE_URL="postgresql://postgres@127.0.0.1:5432/lumba",
        LUMBA_DB_POOL_SIZE=value,
    )
    run = subprocess.run([sys.executable, "-c", POOL_SIZE], env=env, capture_output=True, text=True)
    assert run.stdout.strip() == str(size), run.stderr[-2000:]


def test_integer_bounds_are_named_in_the_error() -> None:
    read = environment.integer
    assert read("N", 5, environ={}, minimum=1, maximum=9) == 5  # the default, unchecked
    assert read("N", 5, environ={"N": "9"}, minimum=1, maximum=9) == 9
    with pytest.raises(
        environment.SettingError, match=r"N: expected a whole number of at least 1, got '0'"
    ):
        read("N", 5, environ={"N": "0"}, minimum=1)
    with pytest.raises(environment.SettingError, match=r"N: expected a whole number, got 'x'"):
        read("N", 5, environ={"N": "x"})


# --- Granian's warning about the threads ---


def _record(message: str, level: int = logging.WARNING) -> logging.LogRecord:
    return logging.LogRecord("_granian", level, __file__, 1, message, None, None)


def test_only_granians_warning_about_the_chosen_thread_count_is_dropped() -> None:
    chosen = ChosenThreadsWarning()
    assert not chosen.filter(
        _record(
            f"Configuration allows spawning up to {THREADS_PER_WORKER} Python threads, which seems quite high"
        )
    )
    assert chosen.filter(_record("Configuration allows spawning up to 4096 Python threads, ..."))
    assert chosen.filter(_record("Configured number of workers appears to be higher than ..."))
    assert chosen.filter(
        _record(
            f"Configuration allows spawning up to {THREADS_PER_WORKER} Python threads",
            logging.ERROR,
        )
    )


@pytest.fixture(scope="module")
def sqlite_server(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("serve-faults")
    with lumba_serve(folder) as base:
        yield base, folder


def test_serve_starts_without_granians_thread_warning_and_keeps_its_threads(sqlite_server) -> None:
    base, folder = sqlite_server
    assert _healthz(base)[:2] == (200, {"status": "ok"})
    log = (folder / "serve.log").read_text()
    assert "Starting granian" in log  # Granian's own lines still show
    assert "Python threads" not in log and "[WARNING]" not in log, log


def test_serve_makes_the_data_folder_and_the_sqlite_file_private(sqlite_server) -> None:
    base, folder = sqlite_server
    _healthz(base)
    data = folder / "data"
    assert _mode(data) == 0o700
    assert _mode(data / "lumba.sqlite3") == 0o600
    assert _mode(data / "secret_key") == 0o600


# --- The SQLite file's mode ---


def test_an_existing_sqlite_file_and_its_journals_are_made_private(tmp_path: Path) -> None:
    tmp_path.chmod(0o755)  # a folder that exists keeps its mode: the operator chose it
    database = tmp_path / "lumba.sqlite3"
    companions = [tmp_path / f"lumba.sqlite3{end}" for end in ("-wal", "-shm", "-journal")]
    for each in (database, *companions):
        each.write_bytes(b"")
        each.chmod(0o644)
    protect_sqlite_file(str(database))
    assert [_mode(each) for each in (database, *companions)] == [0o600] * 4
    assert _mode(tmp_path) == 0o755


def test_a_new_sqlite_file_is_private_before_sqlite_opens_it(tmp_path: Path) -> None:
    database = tmp_path / "new" / "lumba.sqlite3"
    protect_sqlite_file(str(database))
    assert _mode(database.parent) == 0o700 and _mode(database) == 0o600
    import sqlite3

    with sqlite3.connect(database) as sql:  # SQLite takes the empty file as a new database
        sql.execute("CREATE TABLE diary (entry TEXT)")
        sql.execute("PRAGMA journal_mode=WAL")
        sql.execute("INSERT INTO diary VALUES ('kept')")
        assert _mode(database.with_name("lumba.sqlite3-wal")) == 0o600  # SQLite copies the mode
    assert _mode(database) == 0o600


def test_a_new_data_folder_made_for_the_secret_key_is_private(tmp_path: Path) -> None:
    key = environment.installation_secret(tmp_path / "made" / "secret_key")
    assert len(key) >= 50
    assert _mode(tmp_path / "made") == 0o700
