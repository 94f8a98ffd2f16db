"""`lumba serve` keeps answering while 200 slow clients hold connections open.

A slow client (slowloris) sends its request a line or a byte every few
seconds and never finishes. A server that gives each connection a worker
thread as soon as it is accepted runs out of threads after a handful; the
real `lumba serve` must keep answering everyone else. No timing targets
here (those are in benchmarks/slow_clients.py): each normal request only has
to succeed within a generous timeout.
"""

from __future__ import annotations

import importlib.util
import sys
import time
from pathlib import Path

import pytest

from lumba.web.serving.tests.live_server import lumba_serve

REPO = Path(__file__).resolve().parents[4]
SLOW_CONNECTIONS = 200
ANSWER_WITHIN = 10  # seconds, for each normal request


def _benchmark_module():
    # The slow connections are the benchmark's own, so the test and the
    # measurement cannot drift apart.
    name = "benchmarks_slow_clients"
    spec = importlib.util.spec_from_file_location(name, REPO / "benchmarks" / "slow_clients.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # its dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


slow_clients = _benchmark_module()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory):
    with lumba_serve(tmp_path_factory.mktemp("serve")) as base:
        # Each worker's first request imports the views; not what is tested here.
        for _ in range(4):
            _answer_every_kind(base)
        yield base


def _answer_every_kind(base: str) -> None:
    for method, path, body in slow_clients.NORMAL_REQUESTS.values():
        slow_clients.one_request(base, method, path, body, timeout=ANSWER_WITHIN)


@pytest.mark.parametrize("mode", ["header", "body"])
def test_requests_are_answered_while_200_slow_connections_are_open(server: str, mode: str) -> None:
    """header: a header line every 2 s; body: full headers, then a byte of the body every 2 s."""
    with slow_clients.SlowClients(server, SLOW_CONNECTIONS, mode, interval=2) as slow:
        assert slow.connect_failures == 0
        time.sleep(1)
        for _ in range(3):
            # Raises (timeout, refused, HTTP error) unless answered in time.
            _answer_every_kind(server)
            time.sleep(1)
        # The slow connections were really there all along, not refused.
        assert slow.open_now == SLOW_CONNECTIONS
