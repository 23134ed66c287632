"""`troops table --csv` on the bundled dataset vs its dependency floor (target: at most 1.15x).

The floor is bench/floor_table.py: a script that imports pandas and click and defines one
pydantic model, which any implementation of the command has to pay for.

    python bench/bench_table.py [--repeat 15] [--data DIR]
"""

from __future__ import annotations

import sys

from _harness import REPO, Runs, compare, machine, options, report, tool


def main() -> None:
    """Run the benchmark and print the Markdown result."""
    args, extra = options(repeat=15)
    troops = Runs("troops table --csv", [tool("troops"), "table", "--csv", *extra])
    floor = Runs(
        "python bench/floor_table.py", [sys.executable, str(REPO / "bench/floor_table.py")]
    )
    compare([troops, floor], args.repeat)
    print(machine())
    report("troops table --csv", troops, [(floor, "<= 1.15x")])


if __name__ == "__main__":
    main()
