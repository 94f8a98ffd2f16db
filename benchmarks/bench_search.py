"""Advice search speed: the worst case (every word a typo, matched against the
whole library) and a mix of everyday searches. Target: under 50 ms a search.

Run: .venv/bin/python benchmarks/bench_search.py
"""

from __future__ import annotations

import os
import timeit

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lumba.web.settings")

import django

django.setup()

from lumba.web.advice.search import MAX_QUERY_WORDS, search, search_index, search_words  # noqa: E402

WORST = (
    "xqzvw calcum sleping positon excercize matress pilow strech acupunture "
    "physioterapy comfertable presure"
)
EVERYDAY = ["calcum", "can I take calcium", "sleeping position", "heat pad", "sleep on my side"]


def per_search(words: list[str], rounds: int = 50) -> float:
    index = search_index("en")
    return min(timeit.repeat(lambda: search(index, words), number=rounds, repeat=5)) / rounds


def main() -> None:
    worst = search_words(WORST)
    assert len(worst) == MAX_QUERY_WORDS
    print(f"worst case ({len(worst)} unknown words): {per_search(worst) * 1000:.2f} ms a search")
    for query in EVERYDAY:
        print(f"{query!r}: {per_search(search_words(query)) * 1000:.3f} ms")
    print("target: under 50 ms a search")


if __name__ == "__main__":
    main()
