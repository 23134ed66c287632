"""Benchmark: `troops plot --evidence` (PDF) against a bare matplotlib script drawing the
same chart (the story figure: bench/bench_story.py).

Both run as separate processes, alternately, several times; the script prints the median
wall time and CPU time of each and their ratios (target: troops / bare <= 1.15).

The bare script gets the same data ready-made in a JSON file (per panel: its axes box, y
limit, step levels with their bands, superseded levels, targets and caps, conflict lines;
events; the source lines under the chart; the figure size), so it does no data work at
all: it imports pyplot and draws the same three panels with titles, step lines, bands,
hatched unknown spans, a marker and a number at every point (plain offsets, no collision
avoidance), hollow marks, conflict lines, event lines in every panel and letters in the
top one, a legend and the source list (entries linked to their URLs) on a figure of the
same size, and saves a PDF with TrueType fonts, as a paper figure needs. `troops plot` in
addition reads and validates the dataset (YAML, pydantic models, quotes against the
archived texts), places every label clear of the others and lays out the lists.

Usage: python bench/plot_vs_matplotlib.py [--runs N] [--data DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BARE = r"""
import json, sys
import matplotlib
matplotlib.use("pdf")
import matplotlib.pyplot as plt
from datetime import date

spec = json.load(open(sys.argv[1], encoding="utf-8"))
plt.rcParams.update({"pdf.fonttype": 42, "font.size": 8, "legend.fontsize": 8,
                     "legend.frameon": False, "axes.spines.top": False,
                     "axes.spines.right": False})
fig = plt.figure(figsize=(spec["width"], spec["height"]))
num = lambda s: matplotlib.dates.date2num(date.fromisoformat(s))
handles = []
for p, panel in enumerate(spec["panels"]):
    ax = fig.add_axes(panel["axes"])
    for k, series in enumerate(panel["series"]):
        colour = f"C{series['index']}"
        xs, ys = [], []
        for seg in series["steps"]:
            x0, x1 = num(seg["start"]), num(seg["end"])
            if seg["value"] is None:
                ax.axvspan(x0, x1, hatch="///", fill=False, lw=0, edgecolor=colour)
                continue
            xs += [x0, x1]
            ys += [seg["value"], seg["value"]]
            if seg["low"] is not None and seg["high"] is not None and seg["low"] != seg["high"]:
                ax.fill_between([x0, x1], seg["low"], seg["high"], color=colour, alpha=0.2, lw=0)
            ax.plot([x0], [seg["value"]], marker="o", ms=3, color=colour)
            ax.annotate(seg["refs"], (x0, seg["value"]), xytext=(2, 2),
                        textcoords="offset points", fontsize=6.8)
        (line,) = ax.plot(xs, ys, color=colour, label=series["label"])
        handles.append(line)
        for mark in series["marks"]:
            ax.plot([num(mark["date"])], [mark["value"]], marker="o", ms=4.5, mfc="white",
                    color=colour)
            ax.annotate(mark["refs"], (num(mark["date"]), mark["value"]), xytext=(2, 2),
                        textcoords="offset points", fontsize=6.8)
    for a, b in panel["conflicts"]:
        ax.plot([num(a[0]), num(b[0])], [a[1], b[1]], color="0.1", ls=":", lw=0.7)
    for i, event in enumerate(spec["events"]):
        ax.axvline(num(event), color="0.6", lw=0.4)
        if p == 0:
            ax.text(num(event), 0.97, chr(97 + i % 26), transform=ax.get_xaxis_transform(),
                    fontsize=6.8)
    ax.set_xlim(num(spec["start"]), num(spec["end"]))
    ax.xaxis.set_major_locator(matplotlib.dates.YearLocator(2))
    ax.xaxis.set_major_formatter(matplotlib.dates.DateFormatter("%Y"))
    ax.set_ylim(0, panel["top"])
    ax.set_title(panel["title"], loc="left", fontsize=8)
    if p < len(spec["panels"]) - 1:
        ax.tick_params(labelbottom=False)
fig.legend(handles=handles, loc="upper left", bbox_to_anchor=(0.02, spec["legend_y"]), ncol=2)
for x, y, text, url in spec["texts"]:
    fig.text(x, y, text, fontsize=7.5, transform=fig.dpi_scale_trans, url=url)
fig.savefig(sys.argv[2])
"""


def prepare(data: str | None, workdir: Path) -> Path:
    """Write the JSON spec the bare script draws from (same data, same figure size and
    panels, same texts under the chart)."""
    import troops
    from troops.chart.assemble import chart_data
    from troops.chart.positions import mark_date
    from troops.plot.figure import assemble

    ds = troops.load(data)
    chart = chart_data(ds)
    fig = assemble(chart, width=3.5)
    texts = [
        [t.get_position()[0], t.get_position()[1], t.get_text(), t.get_url()]
        for t in fig.texts
        if t.get_transform() == fig.dpi_scale_trans
    ]

    def refs(sources: tuple[str, ...]) -> str:
        return ",".join(str(n) for n in chart.refs(sources))

    panels = []
    for panel, ax in zip(chart.panels, fig.axes, strict=True):
        series = [
            {
                "label": s.label,
                "index": s.index,
                "steps": [
                    {
                        "start": seg.start.isoformat(),
                        "end": (seg.end or seg.start).isoformat(),
                        "value": seg.value,
                        "low": seg.low,
                        "high": seg.high,
                        "refs": refs(seg.sources),
                    }
                    for seg in (*s.segments, *s.superseded)
                ],
                "marks": [
                    {"date": mark_date(m).isoformat(), "value": m.value, "refs": refs(m.sources)}
                    for m in s.marks
                ],
            }
            for s in chart.panel_series(panel)
        ]
        conflicts = [
            [[c.a[0].isoformat(), c.a[1]], [c.b[0].isoformat(), c.b[1]]]
            for c in chart.conflicts
            if c.series in panel.series
        ]
        panels.append(
            {
                "title": panel.title,
                "axes": list(ax.get_position().bounds),
                "top": ax.get_ylim()[1],
                "series": series,
                "conflicts": conflicts,
            }
        )
    spec = {
        "width": fig.get_figwidth(),
        "height": fig.get_figheight(),
        "start": chart.start.isoformat(),
        "end": chart.end.isoformat(),
        "legend_y": fig.axes[-1].get_position().y0 - 0.02,
        "panels": panels,
        "events": [e.period.start.isoformat() for e in chart.events],
        "texts": texts,
    }
    path = workdir / "spec.json"
    path.write_text(json.dumps(spec), encoding="utf-8")
    return path


def timed(cmd: list[str], cwd: Path) -> tuple[float, float]:
    """Wall time and CPU time (user + system) of one run of ``cmd``; a failure stops the
    benchmark.  CPU time is less disturbed by other processes on a shared machine."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if done.returncode:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{done.stderr.decode(errors='replace')}")
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> int:
    """Run both commands alternately and print medians and their ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--data", default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        spec = prepare(args.data, work)
        script = work / "bare.py"
        script.write_text(BARE, encoding="utf-8")
        troops_cmd = [sys.executable, "-m", "troops", "plot", "--evidence", "--width", "column"]
        troops_cmd += ["-o", str(work / "troops.pdf")]
        if args.data:
            troops_cmd += ["--data", args.data]
        bare_cmd = [sys.executable, str(script), str(spec), str(work / "bare.pdf")]
        env_note = f"python {sys.version.split()[0]}, {os.cpu_count()} cpus"
        timed(troops_cmd, work)  # warm the file cache and matplotlib's font cache
        timed(bare_cmd, work)
        ours, bare = [], []
        for _ in range(args.runs):
            ours.append(timed(troops_cmd, work))
            bare.append(timed(bare_cmd, work))
        print(f"runs: {args.runs} each, alternating ({env_note})")
        for k, what in ((0, "wall"), (1, "cpu")):
            a = statistics.median(t[k] for t in ours)
            b = statistics.median(t[k] for t in bare)
            print(f"{what:4}  troops plot -o fig.pdf  median {a:.3f} s   bare script {b:.3f} s")
            print(f"{what:4}  ratio troops/bare: {a / b:.2f} (target <= 1.15)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
