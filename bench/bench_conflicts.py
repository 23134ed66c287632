"""Benchmark: finding conflicts on the bundled dataset, against loading it (the baseline).

Run: python bench/bench_conflicts.py [REPEATS]
Prints the median wall time of each step over REPEATS runs (default 7) and the ratio of
finding conflicts to loading and validating the dataset, measured in the same run.  The
conflict finder compares figures pairwise within a series, so the ratio shows whether that
stays small next to the unavoidable cost of reading and checking the data.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable

import troops
from troops.dataset.conflicts import find_conflicts


def median_seconds(step: Callable[[], object], repeats: int) -> float:
    """Median wall time of ``step`` over ``repeats`` runs."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        step()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(repeats: int) -> None:
    """Time load() (baseline) and find_conflicts() on the loaded dataset; print the ratio."""
    ds = troops.load()
    base = median_seconds(troops.load, repeats)
    found = median_seconds(lambda: find_conflicts(ds), repeats)
    known = median_seconds(lambda: find_conflicts(ds, known_on="2021-12-31"), repeats)
    n = len(find_conflicts(ds))
    print(f"figures: {len(ds.figure_records)}, conflicts: {n}, repeats: {repeats}")
    print(f"load + validate (baseline): {base * 1000:8.2f} ms")
    print(f"find_conflicts:             {found * 1000:8.2f} ms  ratio {found / base:.3f}")
    print(f"find_conflicts(known_on):   {known * 1000:8.2f} ms  ratio {known / base:.3f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 7)
