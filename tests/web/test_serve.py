"""`lumba serve` on a machine with nothing configured: migrations, a real server, a health check."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> tuple[int, dict[str, str], bytes]:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.status, dict(response.headers), response.read()


def _wait_for(url: str, seconds: float = 30) -> tuple[int, dict[str, str], bytes]:
    deadline = time.monotonic() + seconds
    while True:
        try:
            return _get(url)
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


@pytest.fixture
def server(tmp_path: Path):
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LUMBA_", "DATABASE_URL"))}
    env["LUMBA_DATA_DIR"] = str(tmp_path / "data")
    with (tmp_path / "serve.log").open("w") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "lumba", "serve", "--port", str(port)],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            yield f"http://127.0.0.1:{port}", tmp_path / "data"
        finally:
            process.terminate()
            process.wait(timeout=20)


def test_it_serves_on_a_fresh_machine_with_a_new_sqlite_file(server) -> None:
    base, data_dir = server
    status, _, body = _wait_for(f"{base}/healthz")
    assert status == 200 and b'"ok"' in body
    assert (data_dir / "lumba.sqlite3").exists()
    _, headers, _ = _get(f"{base}/")
    assert headers["Server"].startswith("gunicorn")
    assert "Content-Security-Policy" in headers
    status, headers, _ = _get(f"{base}/static/lumba/lumba.css")
    assert status == 200 and headers["Content-Type"].startswith("text/css")


def test_it_refuses_to_serve_in_production_with_a_placeholder_secret(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LUMBA_", "DATABASE_URL"))}
    env.update(
        {
            "LUMBA_ENV": "production",
            "LUMBA_SECRET_KEY": "change-me",
            "LUMBA_DATA_DIR": str(tmp_path),
        }
    )
    run = subprocess.run(
        [sys.executable, "-m", "lumba", "serve", "--port", str(_free_port())],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 2
    assert "LUMBA_SECRET_KEY" in run.stderr
    assert "Traceback" not in run.stderr
