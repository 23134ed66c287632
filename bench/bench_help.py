"""`troops --help` vs `python -c "import click"` (target: at most 1.5x).

python bench/bench_help.py [--repeat 15]
"""

from __future__ import annotations

import argparse
import sys

from _harness import Runs, compare, machine, report, tool


def main() -> None:
    """Run the benchmark and print the Markdown result."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    troops = Runs("troops --help", [tool("troops"), "--help"])
    floor = Runs('python -c "import click"', [sys.executable, "-c", "import click"])
    compare([troops, floor], args.repeat)
    print(machine())
    report("troops --help", troops, [(floor, "<= 1.5x")])


if __name__ == "__main__":
    main()
