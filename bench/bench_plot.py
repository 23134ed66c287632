"""`troops plot --evidence` (PDF) vs a bare matplotlib script drawing the same chart (target:
at most 1.15x).  The story figure has its own benchmark: bench/bench_story.py.

    python bench/bench_plot.py [--repeat 9] [--data DIR]

The bare script and the JSON spec it draws from come from bench/plot_vs_matplotlib.py: the
spec holds the step levels with their bands, the events, the source lines under the chart
and the figure size, ready-made, so the script does no data work at all (it imports pyplot,
draws and saves a PDF with TrueType fonts).  `troops plot` in addition reads and validates
the dataset (YAML, pydantic models, every quote against its archived text) and writes the
file atomically (temporary file, fsync, rename).  Both run as separate processes,
interleaved, in the harness every benchmark here uses (medians of wall and CPU time, peak
memory, ratios).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from _harness import Runs, compare, machine, options, report, tool
from plot_vs_matplotlib import BARE, prepare


def main() -> None:
    """Run the benchmark and print the Markdown result."""
    args, extra = options()
    with tempfile.TemporaryDirectory(prefix="troops-bench-") as tmp:
        work = Path(tmp)
        spec = prepare(args.data, work)
        script = work / "bare.py"
        script.write_text(BARE, encoding="utf-8")
        troops = Runs(
            "troops plot --evidence --width column -o fig.pdf",
            [
                tool("troops"),
                "plot",
                "--evidence",
                "--width",
                "column",
                "-o",
                str(work / "t.pdf"),
                *extra,
            ],
        )
        bare = Runs(
            "bare matplotlib script", [sys.executable, str(script), str(spec), str(work / "b.pdf")]
        )
        compare([troops, bare], args.repeat, cwd=work)
    print(machine())
    report("troops plot vs a bare matplotlib script", troops, [(bare, "<= 1.15x")])


if __name__ == "__main__":
    main()
