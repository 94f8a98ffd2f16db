"""Time the diary's pain chart: 50 renders of a 60-entry diary, in English and
in Chinese, and the size of one SVG.

Run: .venv/bin/python benchmarks/bench_chart.py
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("LUMBA_DATA_DIR", tempfile.mkdtemp(prefix="lumba-bench-chart-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lumba.web.settings")

import django

django.setup()

from django.utils import translation  # noqa: E402

from lumba.core.diary import Day  # noqa: E402
from lumba.web.diary.charts import pain_chart  # noqa: E402

RENDERS = 50
ENTRIES = 60
DUE = dt.date(2026, 9, 1)
FIRST = dt.date(2026, 4, 1)


def weeks_on(day: dt.date) -> int | None:
    return 40 - (DUE - day).days // 7


def diary() -> list[Day]:
    return [Day(date=FIRST + dt.timedelta(days=i), pain=(i * 7) % 11) for i in range(ENTRIES)]


def main() -> None:
    days = diary()
    for language in ("en", "zh-hans"):
        with translation.override(language):
            svg = pain_chart(days, weeks_on, "Pain over time")  # warm up
            times = []
            for _ in range(RENDERS):
                start = time.perf_counter()
                pain_chart(days, weeks_on, "Pain over time")
                times.append(time.perf_counter() - start)
        print(
            f"{language}: {RENDERS} renders of {ENTRIES} entries: total {sum(times):.2f} s, "
            f"median {statistics.median(times) * 1000:.1f} ms, "
            f"SVG {len(svg.encode()):,} bytes"
        )


if __name__ == "__main__":
    main()
