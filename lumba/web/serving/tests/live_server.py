"""The real `lumba serve` in a subprocess, for tests that need its network layer."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def clean_environment(**settings: str) -> dict[str, str]:
    """This process's environment without lumba's settings, plus `settings`."""
    base = {k: v for k, v in os.environ.items() if not k.startswith(("LUMBA_", "DATABASE_URL"))}
    return {**base, **settings}


@contextmanager
def lumba_serve(folder: Path, wait: float = 90, **settings: str) -> Iterator[str]:
    """`lumba serve` with a fresh data folder under `folder` (and `settings`
    in its environment); yields its base URL once /healthz answers. Its
    output goes to `folder`/serve.log."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = clean_environment(LUMBA_DATA_DIR=str(folder / "data"), **settings)
    with (folder / "serve.log").open("w") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "lumba", "serve", "--port", str(port)],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            deadline = time.monotonic() + wait
            while True:
                try:
                    urllib.request.urlopen(f"{base}/healthz", timeout=5).close()
                    break
                except OSError:
                    if time.monotonic() > deadline or process.poll() is not None:
                        raise
                    time.sleep(0.2)
            yield base
        finally:
            process.terminate()
            process.wait(timeout=30)
