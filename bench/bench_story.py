"""`troops plot` (the story figure, PDF) vs a bare matplotlib script drawing the same marks.

    python bench/bench_story.py [--repeat 9] [--data DIR]

Two cases, each against its own bare script run in the same session, interleaved:

* one series (US troops in Syria) at column width: target at most 1.15x;
* the whole record (every series) at page width: target at most 1.5x.

The bare script gets every mark of the troops figure ready-made in a JSON file: the axes
boxes and limits, each line's points, colour, width and dash pattern, each bar and band,
each text with its position, size, colour and alignment, the key's swatches and the
footer, so it does no data work and no placement at all: it imports pyplot, draws the same
artists on a figure of the same size and saves a PDF with TrueType fonts.  `troops plot`
in addition reads and validates the dataset (YAML, pydantic models, every quote against its
archived text), works out the steps, bands, gaps and labels, places every text clear of the
others and writes the file atomically.  The harness (bench/_harness.py) reports medians of
wall and CPU time, peak memory and the ratios.

`troops plot` runs twice per round, each against the same bare script:

* cold: with an empty dataset cache (a shell removes the cache folder, then execs troops,
  which reads and validates the dataset and writes the cache); the shell and ``rm`` are
  counted on the troops side;
* warm: with the cache of the dataset filled (troops.dataset.cache: the same content,
  troops and library versions), as on every run after the first on unchanged data.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path
from typing import Any

from _harness import Runs, compare, machine, options, report, tool

BARE = r"""
import json, sys
import matplotlib
matplotlib.use("pdf")
import matplotlib.pyplot as plt
from matplotlib.patches import Rectangle

spec = json.load(open(sys.argv[1], encoding="utf-8"))
plt.rcParams.update({"pdf.fonttype": 42, "font.size": 8, "axes.spines.top": False,
                     "axes.spines.right": False})
fig = plt.figure(figsize=(spec["width"], spec["height"]))

def dash(ls):
    return ls if isinstance(ls, str) else (ls[0], tuple(ls[1]))

def draw(ax, part, **kw):
    for ln in part["lines"]:
        ax.plot(ln["x"], ln["y"], color=ln["color"], lw=ln["lw"], ls=dash(ln["ls"]),
                marker=ln["marker"], mfc=ln["mfc"], **kw)
    for r in part["rects"]:
        ax.add_patch(Rectangle((r["x"], r["y"]), r["w"], r["h"], facecolor=r["fc"],
                               edgecolor=r["ec"], lw=r["lw"], **kw))
    for t in part["texts"]:
        (ax or fig).text(t["x"], t["y"], t["s"], fontsize=t["size"], color=t["color"],
                          ha=t["ha"], va=t["va"], fontweight=t["weight"], **kw)

for panel in spec["panels"]:
    ax = fig.add_axes(panel["box"])
    ax.set_xlim(panel["xlim"])
    ax.set_ylim(panel["ylim"])
    ax.set_yticks(panel["yticks"])
    ax.xaxis.set_major_locator(matplotlib.dates.YearLocator(2))
    ax.xaxis.set_major_formatter(matplotlib.dates.DateFormatter("%Y"))
    ax.set_title(panel["title"], loc="left", fontsize=7.5, fontweight="bold")
    draw(ax, panel)
tr = {"transform": fig.dpi_scale_trans}
for ln in spec["figure"]["lines"]:
    fig.add_artist(matplotlib.lines.Line2D(ln["x"], ln["y"], color=ln["color"], lw=ln["lw"],
                                           ls=dash(ln["ls"]), marker=ln["marker"], **tr))
for r in spec["figure"]["rects"]:
    fig.add_artist(Rectangle((r["x"], r["y"]), r["w"], r["h"], facecolor=r["fc"],
                             edgecolor=r["ec"], lw=r["lw"], **tr))
for t in spec["figure"]["texts"]:
    fig.text(t["x"], t["y"], t["s"], fontsize=t["size"], color=t["color"], ha=t["ha"],
             va=t["va"], **tr)
fig.savefig(sys.argv[2])
"""


def _colour(c: Any) -> Any:
    """A matplotlib colour as JSON (a name or an RGBA list)."""
    return c if isinstance(c, str) else [float(v) for v in c]


def _parts(artists: list[Any]) -> dict[str, list[dict[str, Any]]]:
    """Lines, rectangles and texts of ``artists`` as plain data (points as drawn)."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import Rectangle
    from matplotlib.text import Text

    out: dict[str, list[dict[str, Any]]] = {"lines": [], "rects": [], "texts": []}
    for a in artists:
        if isinstance(a, Line2D):
            ls = a.get_linestyle()
            dashes = a._unscaled_dash_pattern  # type: ignore[attr-defined]
            out["lines"].append(
                {
                    "x": [float(v) for v in a.get_xdata()],
                    "y": [float(v) for v in a.get_ydata()],
                    "color": _colour(a.get_color()),
                    "lw": a.get_linewidth(),
                    "ls": ls if dashes[1] is None else [dashes[0], list(dashes[1])],
                    "marker": a.get_marker(),
                    "mfc": _colour(a.get_markerfacecolor()),
                }
            )
        elif isinstance(a, Rectangle):
            out["rects"].append(
                {
                    "x": a.get_x(),
                    "y": a.get_y(),
                    "w": a.get_width(),
                    "h": a.get_height(),
                    "fc": _colour(a.get_facecolor()),
                    "ec": _colour(a.get_edgecolor()),
                    "lw": a.get_linewidth(),
                }
            )
        elif isinstance(a, Text) and a.get_text():
            x, y = a.get_position()
            out["texts"].append(
                {
                    "x": x,
                    "y": y,
                    "s": a.get_text(),
                    "size": a.get_fontsize(),
                    "color": _colour(a.get_color()),
                    "ha": a.get_ha(),
                    "va": a.get_va(),
                    "weight": a.get_fontweight(),
                }
            )
    return out


def prepare(data: str | None, series: list[str], width: str, out: Path) -> Path:
    """Write the JSON spec of the troops story figure of ``series`` at ``width``."""
    import troops
    from troops.chart.chartdata import Selection
    from troops.chart.story import story_data
    from troops.plot.layout import parse_width
    from troops.plot.storyfig import story_figure

    ds = troops.load(data)
    story = story_data(ds, Selection(series=tuple(series)))
    fig = story_figure(story, width=parse_width(width), digest=ds.digest)
    panels = []
    for ax, panel in zip(fig.axes, story.panels, strict=True):
        texts = [t for t in ax.texts if not (t.get_gid() or "").startswith("troops-story-title")]
        panels.append(
            {
                "box": list(ax.get_position().bounds),
                "xlim": list(ax.get_xlim()),
                "ylim": list(ax.get_ylim()),
                "yticks": [float(t) for t in ax.get_yticks()],
                "title": panel.title,
                **_parts([*ax.lines, *ax.patches, *texts]),
            }
        )
    spec = {
        "width": float(fig.get_figwidth()),
        "height": float(fig.get_figheight()),
        "panels": panels,
        "figure": _parts([*fig.artists, *fig.lines, *fig.patches, *fig.texts]),
    }
    path = out / f"spec-{width}-{len(series)}.json"
    path.write_text(json.dumps(spec), encoding="utf-8")
    return path


def main() -> None:
    """Run both cases and print the Markdown results."""
    args, extra = options()
    import troops

    everything = list(troops.load(args.data).series_records)
    cases = (
        ("one series, column width", ["us-syria"], "column", "<= 1.15x"),
        ("whole record, page width", everything, "page", "<= 1.5x"),
    )
    print(machine())
    with tempfile.TemporaryDirectory(prefix="troops-bench-") as tmp:
        work = Path(tmp)
        script = work / "bare.py"
        script.write_text(BARE, encoding="utf-8")
        for title, series, width, target in cases:
            spec = prepare(args.data, series, width, work)
            chosen = [a for s in series for a in ("--series", s)]
            argv = [tool("troops"), "plot", *chosen, "--width", width, "-o", str(work / "t.pdf")]
            label = f"troops plot --width {width} ({len(series)} series) -o fig.pdf"
            cold_dir, warm_dir = work / f"cold-{width}", work / f"warm-{width}"
            cold = Runs(
                f"{label}, cold cache",
                [
                    "env", "-u", "TROOPS_CACHE", f"XDG_CACHE_HOME={cold_dir}",
                    "sh", "-c", 'rm -rf "$XDG_CACHE_HOME" && exec "$@"', "sh", *argv, *extra,
                ],
            )  # fmt: skip
            warm = Runs(
                f"{label}, warm cache",
                ["env", "-u", "TROOPS_CACHE", f"XDG_CACHE_HOME={warm_dir}", *argv, *extra],
            )
            bare = Runs(
                "bare matplotlib script, same marks",
                [sys.executable, str(script), str(spec), str(work / "b.pdf")],
            )
            compare([cold, warm, bare], args.repeat, cwd=work)  # the warm-up round fills warm
            for ours, state in ((cold, "cold"), (warm, "warm")):
                report(f"story figure, {title}, {state} cache", ours, [(bare, target)])


if __name__ == "__main__":
    main()
