"""The legend of a step chart: one entry per series drawn, then the kinds of marks it shows.

Generic entries (band, open range, vague date, unknown, target, superseded, conflict,
claimed withdrawal) appear only when the chart has them and are drawn in neutral grey;
they are proxies, not the chart's own artists, so a figure can put the legend anywhere
(:mod:`troops.plot.figure` puts it under the chart and lists only the series that share a
panel: a panel of its own is named by its title).

Its size is worked out from font metrics and the ``legend.*`` settings, before drawing:
:func:`legend_shape` finds the columns that fit a width, and :func:`place_legend` puts a
legend inside an Axes (:func:`troops.plot.stepchart.step_chart`) where it covers least of what is
drawn and stays below the row(s) of event letters, on an opaque white background above
every line and label.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING, NamedTuple

from troops.chart.chartdata import ChartData
from troops.plot import draw, theme
from troops.plot.annotate import axes_size_pt
from troops.plot.boxes import Box
from troops.plot.layout import text_width
from troops.plot.theme import series_style

if TYPE_CHECKING:
    from matplotlib.artist import Artist
    from matplotlib.axes import Axes
    from matplotlib.legend import Legend

#: Height of a legend row as a share of the font size (matplotlib's rows are a little
#: lower), and room added to the width (kerning and rounding), in points: estimates err
#: on the safe side.
ROW = 1.0
SLACK_PT = 2.0
#: Where an in-Axes legend may go, in order of preference: (x, y) of its box as a share
#: of the room left beside and below it (0 = left or bottom, 1 = right or top).
PLACES = ((1.0, 1.0), (0.0, 1.0), (1.0, 0.0), (0.0, 0.0), (0.5, 1.0), (0.5, 0.0),
          (1.0, 0.5), (0.0, 0.5))  # fmt: skip


def legend_entries(
    chart: ChartData, series: Collection[str] | None = None
) -> tuple[list[Artist], list[str]]:
    """Legend handles and labels: one per series drawn (of those in ``series`` when
    given), then the chart elements present."""
    # deferred: matplotlib loads only when something is drawn
    from matplotlib.lines import Line2D

    handles: list[Artist] = []
    labels: list[str] = []
    for s in chart.series:
        if (series is not None and s.id not in series) or not s.drawn:
            continue
        st = series_style(s.index)
        handles.append(
            Line2D([], [], color=st.color, linestyle=st.linestyle, marker=st.marker, markersize=3)
        )
        labels.append(s.label)
    segs = [seg for s in chart.series for seg in s.segments]
    present = {
        "band": any(g.low is not None and g.high is not None and g.low != g.high for g in segs),
        "open": any((g.low is None) != (g.high is None) for g in segs if not g.unknown),
        "zone": any(g.start < g.start_latest and not g.unknown for g in segs),
        "unknown": any(g.unknown for g in segs),
        "target": any(s.marks for s in chart.series),
        "superseded": any(s.superseded for s in chart.series),
        "conflict": bool(chart.conflicts),
        "claim": any(c.rule == "claim-count" for c in chart.conflicts),
    }
    for key, shown in present.items():
        if shown:
            handles.append(_proxy(key))
            labels.append(theme.LEGEND_TEXT[key])
    return handles, labels


def _proxy(key: str) -> Artist:
    """The legend handle of one kind of chart element, in neutral grey."""
    # deferred: matplotlib loads only when something is drawn
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch
    from matplotlib.path import Path

    grey = "0.45"
    if key == "band":
        return Patch(facecolor=grey, alpha=theme.BAND_ALPHA, linewidth=0)
    if key == "open":
        arrow = Path([(0, -1), (0, 1), (-0.5, 0.3), (0, 1), (0.5, 0.3)])
        return Line2D([], [], color=grey, linestyle="none", marker=arrow, markersize=6)
    if key == "zone":
        tint = draw.tint(grey, theme.ZONE_ALPHA)
        return Patch(
            facecolor=tint,
            edgecolor=grey,
            linestyle=theme.ZONE_EDGE,
            linewidth=theme.ZONE_EDGE_WIDTH,
        )
    if key == "unknown":
        return Line2D(
            [], [], color=grey, linestyle=theme.UNKNOWN_DASH, linewidth=theme.UNKNOWN_WIDTH
        )
    if key == "target":
        return Line2D([], [], color=grey, linestyle="none", marker="o", markerfacecolor="white")
    if key == "claim":
        return Line2D([], [], color=theme.CONFLICT_COLOR, linestyle="none", marker="x")
    if key == "conflict":
        return Line2D(
            [],
            [],
            color=theme.CONFLICT_COLOR,
            linestyle=theme.CONFLICT_LINESTYLE,
            linewidth=theme.CONFLICT_WIDTH,
            marker=theme.conflict_marker(),
            markersize=theme.CONFLICT_MARKER_SIZE,
            markerfacecolor="none",
            markeredgewidth=theme.CONFLICT_MARKER_WIDTH,
        )
    return Line2D([], [], color=grey, alpha=theme.FAINT_ALPHA, linewidth=0.8)


class Spacing(NamedTuple):
    """The current ``legend.*`` spacings, in multiples of the legend's font size."""

    borderpad: float
    labelspacing: float
    handlelength: float
    handletextpad: float
    columnspacing: float
    borderaxespad: float

    @classmethod
    def now(cls) -> Spacing:
        """The spacings matplotlib's settings give now."""
        # deferred: matplotlib loads only when something is drawn
        import matplotlib as mpl

        rc = mpl.rcParams
        return cls(
            float(rc["legend.borderpad"]),
            float(rc["legend.labelspacing"]),
            float(rc["legend.handlelength"]),
            float(rc["legend.handletextpad"]),
            float(rc["legend.columnspacing"]),
            float(rc["legend.borderaxespad"]),
        )


def legend_size(labels: Sequence[str], ncol: int, size: float) -> tuple[float, float]:
    """Width and height in points of a legend of ``labels`` in ``ncol`` columns at ``size``
    points, filled as matplotlib fills them (the first ``n % ncol`` columns get one entry
    more), with the current ``legend.*`` settings."""
    n = len(labels)
    rows, large = divmod(n, ncol)
    sizes = [rows + 1] * large + [rows] * (ncol - large)
    starts = [sum(sizes[:c]) for c in range(ncol)]
    sp = Spacing.now()
    handle = (sp.handlelength + sp.handletextpad) * size
    widths = [
        handle + max(text_width(t, size) for t in labels[a : a + k])
        for a, k in zip(starts, sizes, strict=True)
        if k
    ]
    pad = 2 * sp.borderpad * size
    width = sum(widths) + sp.columnspacing * size * (len(widths) - 1) + pad + SLACK_PT
    tall = max(sizes)
    return width, tall * ROW * size + (tall - 1) * sp.labelspacing * size + pad


def legend_shape(labels: Sequence[str], width: float, size: float) -> tuple[int, int]:
    """(columns, rows) of the widest legend of ``labels`` that fits ``width`` points."""
    n = len(labels)
    for ncol in range(n, 0, -1):
        if legend_size(labels, ncol, size)[0] <= width:
            return ncol, -(-n // ncol)
    return 1, n


def place_legend(
    ax: Axes,
    handles: Sequence[Artist],
    labels: Sequence[str],
    drawn: Sequence[Box],
    *,
    size: float,
    top_pt: float,
) -> tuple[Legend, Box]:
    """A legend inside ``ax`` where it covers least of ``drawn`` (display boxes of lines,
    markers and texts), its top at least ``top_pt`` points below the top of the axes (the
    event letters), in one, two or three columns; returns it and its display box."""

    fig = ax.get_figure()
    assert fig is not None
    scale = fig.dpi / 72
    width_pt, height_pt = axes_size_pt(ax)
    box = ax.get_window_extent()
    gap = Spacing.now().borderaxespad * size
    best: tuple[float, int, Box, int] | None = None
    for ncol in (1, 2, 3)[: len(labels)]:
        w, h = legend_size(labels, ncol, size)
        room_x, room_y = width_pt - w - 2 * gap, height_pt - top_pt - h - 2 * gap
        if room_x < 0 or room_y < 0:
            continue
        for rank, (fx, fy) in enumerate(PLACES):
            x0 = box.x0 + (gap + fx * room_x) * scale
            y0 = box.y0 + (gap + fy * room_y) * scale
            spot = Box(x0, y0, x0 + w * scale, y0 + h * scale)
            cost = sum(spot.overlap(b) for b in drawn)
            key = (cost, ncol, spot, rank)
            if best is None or key[:2] < best[:2] or (key[:2] == best[:2] and rank < best[3]):
                best = key
    if best is None:  # no room: the upper right corner, over whatever is there
        w, h = legend_size(labels, 1, size)
        best = (0.0, 1, Box(box.x1 - w * scale, box.y1 - h * scale, box.x1, box.y1), 0)
    _, ncol, spot, _ = best
    corner = ax.transAxes.inverted().transform((spot.x0, spot.y1))
    legend = ax.legend(
        handles,
        labels,
        loc="upper left",
        bbox_to_anchor=(float(corner[0]), float(corner[1])),
        borderaxespad=0,
        ncol=ncol,
        fontsize=size,
        frameon=True,
        framealpha=1.0,
        facecolor="white",
        edgecolor="0.8",
        fancybox=False,
    )
    legend.set_zorder(theme.ZORDER["legend"])
    legend.get_frame().set_linewidth(0.4)
    return legend, spot
