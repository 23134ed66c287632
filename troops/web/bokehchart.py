"""The chart as Bokeh models: one plot per panel, one data source per layer and series.

Every plot is serialised with :func:`bokeh.embed.json_item`; the model ids Bokeh hands out
(a counter that keeps running within a process, or UUIDs) are renumbered in order of first
appearance, so the same data give the same bytes.  Only names the page script looks up are
set: ``panel-K`` (the plot), ``LAYER:SERIES`` (a data source), ``r-LAYER:SERIES`` (its
renderer) and ``focus-K`` (the ring around the point in focus).

bokeh is imported inside :func:`chart_items` only (deferred: ``troops table`` and ``--help``
must not load it).
"""

from __future__ import annotations

from typing import Any

from troops.web.payload import Payload
from troops.web.storylayers import LAYERS

#: Layers hidden until the reader asks for targets, caps and conflicts.
EVIDENCE_LAYERS = ("mark", "conflict")
PANEL_HEIGHT = 230
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"


def renumber(item: Any, prefix: str) -> Any:
    """``item`` with every Bokeh model id replaced by ``<prefix>1``, ``<prefix>2``, ... in
    order of first appearance (the document's structure fixes that order)."""
    ids: dict[str, str] = {}

    def new(old: str) -> str:
        return ids.setdefault(old, f"{prefix}{len(ids) + 1}")

    def walk(node: Any) -> Any:
        if isinstance(node, dict):
            out = {}
            for key, value in node.items():
                if key in ("id", "root_id") and isinstance(value, str):
                    out[key] = new(value)
                else:
                    out[key] = walk(value)
            return out
        if isinstance(node, list):
            return [walk(v) for v in node]
        return node

    return walk(item)


def chart_items(payload: Payload) -> list[Any]:
    """One Bokeh JSON item per panel (``Bokeh.embed.embed_item`` draws it)."""
    # deferred: bokeh is imported only when a page is built
    from bokeh.embed import json_item
    from bokeh.models import (
        ColumnDataSource,
        DatetimeTickFormatter,
        NumeralTickFormatter,
        Range1d,
    )
    from bokeh.models.annotations import Title
    from bokeh.models.renderers import GlyphRenderer
    from bokeh.plotting import figure

    data = payload.data
    colors = {s["id"]: s for s in data["series"]}
    first = data["snapshots"][-1]["layers"]
    used = data["layers"]
    x0, x1 = data["x_range"]
    items = []
    for k, panel in enumerate(data["panels"]):
        p = figure(
            name=f"panel-{k}",
            height=PANEL_HEIGHT,
            sizing_mode="stretch_width",
            x_axis_type="datetime",
            x_range=Range1d(start=x0, end=x1),
            y_range=Range1d(start=0, end=panel["y_max"]),
            tools="",
            toolbar_location=None,
            title=panel["title"],
            min_border_left=64,
            min_border_right=16,
            background_fill_color="#ffffff",
            outline_line_color=None,
        )
        title = p.title
        assert isinstance(title, Title)
        title.text_font = FONT
        title.text_font_size = "14px"
        title.text_font_style = "bold"
        p.yaxis.formatter = NumeralTickFormatter(format="0,0")
        p.xaxis.formatter = DatetimeTickFormatter(years="%Y", months="%b %Y", days="%d %b %Y")
        for axis in (p.xaxis, p.yaxis):
            axis.major_label_text_font = FONT
            axis.major_label_text_font_size = "12px"
        p.xgrid.grid_line_color = None
        p.ygrid.grid_line_alpha = 0.5
        for sid in panel["series"]:
            style = colors[sid]
            sources = {
                name: ColumnDataSource(data=first.get(key, {c: [] for c in used[key]}), name=key)
                for name in LAYERS
                if (key := f"{name}:{sid}") in used
            }
            _draw(p, sid, style, sources)
        events = ColumnDataSource(data=first[f"event:{k}"], name=f"event:{k}")
        p.scatter("x", "y", source=events, marker="inverted_triangle", size=11,
                  fill_color="#777777", line_color="#ffffff", name=f"r-event:{k}")  # fmt: skip
        focus = ColumnDataSource(data={"x": [], "y": []}, name=f"focus-{k}")
        p.scatter("x", "y", source=focus, size=18, fill_alpha=0, line_color="#111111",
                  line_width=2.5, name=f"r-focus-{k}")  # fmt: skip
        for r in p.renderers:  # nothing is selected or muted: a smaller, faster document
            if isinstance(r, GlyphRenderer):
                r.nonselection_glyph = None
                r.muted_glyph = None
        items.append(renumber(json_item(p), f"t{k}-"))
    return items


def _draw(p: Any, sid: str, style: dict[str, str], src: dict[str, Any]) -> None:
    """The layers of one series, as the paper story figure draws them (the shares of the
    series colour are :mod:`troops.plot.story`'s)."""
    color, dash = style["color"], style["dash"]

    def named(layer: str) -> dict[str, Any]:
        return {"source": src[layer], "name": f"r-{layer}:{sid}"}

    boxes: dict[str, dict[str, Any]] = {
        "band": {"fill_alpha": 0.22, "line_alpha": 0},
        "vague": {"fill_alpha": 0.12, "line_alpha": 0},
        "range": {"fill_alpha": 0.3, "line_color": color, "line_width": 1},
    }
    for layer, look in boxes.items():
        if layer in src:
            p.quad(left="left", right="right", bottom="bottom", top="top", fill_color=color,
                   **look, **named(layer))  # fmt: skip
    segments: dict[str, dict[str, Any]] = {
        "stale": {"line_alpha": 0.4, "line_width": 2, "line_dash": dash},
        "line": {"line_width": 2, "line_dash": dash},
        "unknown": {"line_width": 1.2, "line_dash": "dotted"},
    }
    for layer, look in segments.items():
        if layer in src:
            p.segment(x0="x0", y0="y0", x1="x1", y1="y1", line_color=color, line_cap="butt",
                      **look, **named(layer))  # fmt: skip
    if "unknowntext" in src:
        p.text(x="x", y="y", text="text", text_color=color, text_font_size="11px",
               y_offset=-4, x_offset=3, **named("unknowntext"))  # fmt: skip
    if "point" in src:
        p.scatter(x="x", y="y", size=6, fill_color=color, line_color="#ffffff", line_width=1,
                  **named("point"))  # fmt: skip
    # Hidden until the page's evidence toggle shows them (EVIDENCE_LAYERS).
    if "mark" in src:
        p.scatter(x="x", y="y", marker="marker", size=10, fill_color="#ffffff",
                  line_color=color, line_width=1.8, visible=False, **named("mark"))  # fmt: skip
    if "conflict" in src:
        p.segment(x0="x0", y0="y0", x1="x1", y1="y1", line_color="#222222", line_width=1.2,
                  line_dash="2 3", visible=False, **named("conflict"))  # fmt: skip
