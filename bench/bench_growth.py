"""Benchmark: how the cost of each command grows with the number of figures.

Run: python bench/bench_growth.py [--sizes 1000,10000,100000] [--repeat 3] [--spread]

Generates datasets of N figures (bench/gen_dataset.py; by default the hard case of N
agreeing reports of one series and date, which a pairwise comparison pays N squared for;
with --spread, the random figures spread over many dates) and times `validate`,
`conflicts`, `cite`, `table --steps` and `plot` on each, interleaved, as real processes.
Prints the median wall time of each command per size and the growth ratio from one size
to the next (the baseline is the same command at the smaller size, in the same run):
near-linear code costs about 10x for 10x the figures; the target is at most ~12x, and
every command under 30 s at 100,000 figures.
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import sys
import tempfile
from pathlib import Path

from _harness import run_once, tool
from gen_dataset import generate

COMMANDS: dict[str, list[str]] = {
    "validate": ["validate"],
    "conflicts": ["conflicts"],
    "cite": ["cite"],
    "table --steps": ["table", "--steps", "--csv"],
    "plot": ["plot", "--format", "png", "-o", "{out}/fig.png"],
}
TARGET_RATIO = 12.0
TARGET_SECONDS = 30.0


def main() -> None:
    """Generate the datasets, time every command at every size, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--spread", action="store_true", help="figures over many dates")
    parser.add_argument("--only", default="", help="comma-separated commands to time")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    wanted = [c for c in COMMANDS if not args.only or c in args.only.split(",")]
    troops = tool("troops")
    with tempfile.TemporaryDirectory(prefix="troops-growth-") as tmp:
        roots = {}
        for n in sizes:
            roots[n] = Path(tmp, f"n{n}")
            generate(roots[n], n, 100, agree=not args.spread)
        times: dict[tuple[str, int], list[float]] = {}
        for _ in range(args.repeat):
            for name in wanted:
                for n in sizes:
                    argv = [a.format(out=tmp) for a in COMMANDS[name]]
                    wall, _, _ = run_once([troops, *argv, "--data", str(roots[n])], Path(tmp))
                    times.setdefault((name, n), []).append(wall)
    case = "spread over dates" if args.spread else "agreeing, one series and date"
    print(f"figures: {', '.join(f'{n:,}' for n in sizes)} ({case}); runs: {args.repeat}")
    header = " | ".join(f"{n:,}" for n in sizes)
    steps = " | ".join(f"{b // a}x figures" for a, b in itertools.pairwise(sizes))
    print(f"| command | {header} | {steps} |")
    print("|---" * (1 + 2 * len(sizes) - 1) + "|")
    failed = []
    for name in wanted:
        med = [statistics.median(times[(name, n)]) for n in sizes]
        ratios = [b / a for a, b in itertools.pairwise(med)]
        cells = " | ".join(f"{m:.2f} s" for m in med)
        grow = " | ".join(f"{r:.1f}x" for r in ratios)
        print(f"| {name} | {cells} | {grow} |")
        if any(r > TARGET_RATIO for r in ratios) or med[-1] > TARGET_SECONDS:
            failed.append(name)
    print(f"target: each 10x of figures <= {TARGET_RATIO:g}x time, largest < {TARGET_SECONDS:g} s")
    print("over target: " + (", ".join(failed) if failed else "none"))
    sys.exit(0)


if __name__ == "__main__":
    main()
