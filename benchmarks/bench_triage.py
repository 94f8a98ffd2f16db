"""Benchmark: batch triage against a bare JSON round trip, and one `lumba triage` call.

Run: .venv/bin/python benchmarks/bench_triage.py
Targets: batch at most 3x the bare JSON load-and-dump of the same lines
(issue 9; issue 2 asked for 5x), and no slower than a bare load-and-dump of
its own output lines (issue 17); a single `lumba triage` call under 0.3 s
wall time. The machine is often shared: compare runs made back to back.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from generate import assessments

from lumba.service import triager

COUNT = 20_000
ROUNDS = 5


def bare_round_trip(lines: list[str]) -> float:
    start = time.perf_counter()
    for line in lines:
        json.dumps(json.loads(line))
    return time.perf_counter() - start


def batch_triage(lines: list[str]) -> float:
    run = triager(region="GB")
    start = time.perf_counter()
    for _ in run.batch(lines):
        pass
    return time.perf_counter() - start


def output_lines(lines: list[str]) -> list[str]:
    return [line for _ok, line in triager(region="GB").batch(lines)]


def single_call_seconds(path: Path, runs: int = 15) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(
            [str(Path(sys.executable).parent / "lumba"), "triage", str(path)],
            check=True,
            capture_output=True,
        )
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    lines = [json.dumps(doc) for doc in assessments(COUNT)]
    triager(region="GB")  # load content once, outside the timed loops
    bare = min(bare_round_trip(lines) for _ in range(ROUNDS))
    lumba = min(batch_triage(lines) for _ in range(ROUNDS))
    results = output_lines(lines)
    bare_out = min(bare_round_trip(results) for _ in range(ROUNDS))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "one.json"
        path.write_text(lines[0])
        single = single_call_seconds(path)
    print(f"assessments: {COUNT}, best of {ROUNDS} rounds")
    print(f"bare JSON load+dump: {bare * 1000:.1f} ms ({bare / COUNT * 1e6:.1f} us/line)")
    print(f"lumba batch triage:  {lumba * 1000:.1f} ms ({lumba / COUNT * 1e6:.1f} us/line)")
    print(f"ratio: {lumba / bare:.2f}x (target <= 3x)")
    print(
        f"bare JSON load+dump of the {len(results)} result lines: {bare_out * 1000:.1f} ms; "
        f"batch triage / that: {lumba / bare_out:.2f}x (issue 17: at most 1x)"
    )
    print(
        f"single `lumba triage` call: median {statistics.median(single) * 1000:.0f} ms, "
        f"max {max(single) * 1000:.0f} ms over {len(single)} runs (target < 300 ms)"
    )


if __name__ == "__main__":
    main()
