"""Time `troops extract` on 1 MB of text against 1/16 of it (the baseline), in one run.

Usage::

    python bench/bench_extract.py [--runs N]

Texts: the archived reports of the bundled dataset joined and repeated to 64 KiB and
1 MiB (dense with troop numbers), and ordinary prose (a fixed paragraph with no troop
number, repeated).  Each size runs alternately with its baseline, so that load on the
machine hits both alike; printed are the median CPU seconds (``time.process_time``) and
the ratio 1 MiB / 64 KiB, which is 16 for linear work (issue 14 asks for under ~20, and
1 MiB under 2 s).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time

import troops
from troops.extract import extract

SMALL, LARGE = 64 * 1024, 1024 * 1024
PROSE = (
    "The council met on Tuesday to discuss the harbour, the school budget and the new road. "
    "Residents asked whether the market would reopen before the winter, and the mayor said "
    "that work would start in the spring if the weather allowed it.\n"
)


def fill(text: str, size: int) -> str:
    """``text`` repeated and cut to ``size`` characters."""
    return (text * (size // len(text) + 1))[:size]


def cpu(run: object, text: str) -> float:
    """CPU seconds of one extraction of ``text``."""
    start = time.process_time()
    run(text)  # type: ignore[operator]
    return time.process_time() - start


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print medians and ratios."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=3, help="runs per size (default 3)")
    args = ap.parse_args(argv)
    ds = troops.load()
    hedges = ds.hedge_records
    reports = "\n".join(
        (ds.root / "seeds" / s.archive).read_text(encoding="utf-8")
        for s in sorted(ds.source_records.values(), key=lambda s: s.id)
    )
    for name, base in (("reports", reports), ("prose", PROSE)):
        small, large = fill(base, SMALL), fill(base, LARGE)
        times: dict[int, list[float]] = {SMALL: [], LARGE: []}
        for _ in range(args.runs):
            for size, text in ((SMALL, small), (LARGE, large)):
                times[size].append(cpu(lambda t: extract(t, hedges), text))
        a, b = statistics.median(times[SMALL]), statistics.median(times[LARGE])
        print(
            f"{name:<8} 64 KiB {a:.3f} s   1 MiB {b:.3f} s   ratio {b / a:.1f} "
            f"(16 is linear; CPU seconds, median of {args.runs})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
