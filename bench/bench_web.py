"""`troops plot -o FILE.html` (the whole record as a web page) vs `troops plot -o FILE.pdf`.

    python bench/bench_web.py [--repeat 9] [--data DIR]

Targets: the page for the whole record in at most 2 s (median wall time), and at most 1.5x
the time of the PDF of the same selection.  Both run as separate processes, interleaved, in
the harness every benchmark here uses (medians of wall and CPU time, peak memory, ratios).
The page does more than the PDF's data work: it builds the story view and the evidence chart
as known on every day the record changed (52 snapshots on the bundled data) and finds each
quote in its archived text; it reads BokehJS from the bokeh wheel's files but never imports
bokeh's Python side (the chart is built in the browser).  The PDF draws and embeds fonts
with matplotlib.
"""

from __future__ import annotations

import tempfile
from importlib import metadata
from pathlib import Path

from _harness import Runs, compare, machine, options, report, tool

#: Target for the page's median wall time, seconds.
WALL_TARGET = 2.0


def main() -> None:
    """Run the benchmark and print the Markdown result."""
    args, extra = options()
    with tempfile.TemporaryDirectory(prefix="troops-bench-") as tmp:
        work = Path(tmp)
        page = Runs(
            "troops plot -o page.html",
            [tool("troops"), "plot", "-o", str(work / "page.html"), *extra],
        )
        pdf = Runs(
            "troops plot -o fig.pdf", [tool("troops"), "plot", "-o", str(work / "fig.pdf"), *extra]
        )
        compare([page, pdf], args.repeat, cwd=work)
        size = (work / "page.html").stat().st_size
    print(machine() + f", bokeh {metadata.version('bokeh')}")
    report("troops plot: the web page vs the PDF", page, [(pdf, "<= 1.5x")])
    met = "met" if page.median <= WALL_TARGET else "NOT met"
    print(f"- page median wall {page.median:.2f} s (target <= {WALL_TARGET:g} s: {met})")
    print(f"- page size {size / 1e6:.2f} MB (limit 3 MB)")


if __name__ == "__main__":
    main()
