"""The legend of a step chart: one entry per series, then the kinds of marks it shows.

Generic entries (band, open range, vague date, unknown, target, superseded, conflict,
claimed withdrawal) appear only when the chart has them and are drawn in neutral grey;
they are proxies, not the chart's own artists, so a figure can put the legend anywhere
(:mod:`troops.figure` puts it under the chart and lists only the series that share a
panel: a panel of its own is named by its title).
"""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING

from . import draw, theme
from .chartdata import ChartData
from .theme import series_style

if TYPE_CHECKING:
    from matplotlib.artist import Artist


def legend_entries(
    chart: ChartData, series: Collection[str] | None = None
) -> tuple[list[Artist], list[str]]:
    """Legend handles and labels: one per series drawn (of those in ``series`` when
    given), then the chart elements present."""
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
        hatch = theme.ZONE_HATCH
        tint = draw.tint(grey, theme.ZONE_ALPHA)
        return Patch(facecolor=tint, edgecolor=grey, hatch=hatch, linewidth=0)
    if key == "unknown":
        return Patch(facecolor="none", edgecolor=grey, hatch=theme.UNKNOWN_HATCH, linewidth=0)
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
