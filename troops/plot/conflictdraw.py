"""Conflict marks on a chart: dotted "≠" lines between drawn reports that disagree.

:mod:`troops.chart.conflictmarks` says where the two reports of each conflict are drawn; this
module draws them so that a reader can follow them:

* *Few lines.*  Each drawn report is joined to the nearest report it disagrees with (in
  print distance): a report that disagrees with several gets one line, to the nearest,
  unless it is itself the nearest of another.  A line whose ends both lie within
  :data:`SAME_PT` points of the ends of a line already drawn looks the same and is drawn
  once.  ``troops conflicts`` lists every pair.
* *Two visible ends.*  A line ends at a marker or, where the report has none of its own
  (two counts combined into one level are joined at their own values), at a short bar.  A
  claim that a withdrawal is complete is drawn where it puts the level: a "×" at zero on
  its event's line, labelled with the event's letter (``i,k`` for two claims there).
* *The "≠" covers no marker.*  It sits at the middle of its line, else further along it,
  else beside its middle; it is left out where another "≠" is closer than
  :data:`troops.plot.theme.CONFLICT_GLYPH_GAP` points (one says it for the cluster).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from troops.chart.chartdata import ChartData, ConflictMark, Position
from troops.plot import draw, theme
from troops.plot.annotate import Anchor

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.lines import Line2D

#: Lines whose ends lie this close (points) to the ends of one already drawn are the same.
SAME_PT = 3.0
#: Size of the "×" of a claimed withdrawal and of the bar at an end without a marker (pt).
CLAIM_SIZE = 4.0
BAR_SIZE = 4.0
#: Where along its line (share of the way) a "≠" may sit, in order of preference.
ALONG = (0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8)

XY = tuple[float, float]
#: A marker: x, y (data) and radius (points).
Spot = tuple[float, float, float]


@dataclass(frozen=True)
class Drawn:
    """What :func:`draw_conflicts` drew: the lines, where the "≠" glyphs are (data) and
    the anchors of the letters at claimed withdrawals (for the label placer)."""

    lines: list[Line2D]
    glyphs: list[XY]
    anchors: list[Anchor]


def marker_spots(ax: Axes) -> list[Spot]:
    """Every marker drawn on ``ax`` so far (points, targets, caps)."""
    spots = []
    for line in ax.lines:
        if line.get_linestyle() == "None" and line.get_marker() not in (None, "None", "none", ""):
            radius = float(line.get_markersize()) / 2
            xy = np.asarray(line.get_xydata(), dtype=float)
            spots += [(float(x), float(y), radius) for x, y in xy]
    return spots


def chosen(ax: Axes, marks: Sequence[ConflictMark]) -> list[ConflictMark]:
    """The conflicts to draw: for every drawn report the line to its nearest partner, each
    line once (see above), in the order of ``marks``."""

    def at(p: Position) -> XY:
        x, y = ax.transData.transform((draw.num(p[0]), p[1]))
        return float(x), float(y)

    nearest: dict[tuple[str, Position], tuple[float, int]] = {}
    for k, c in enumerate(marks):
        d = math.dist(at(c.a), at(c.b))
        for end in ((c.series, c.a), (c.series, c.b)):
            if end not in nearest or d < nearest[end][0]:
                nearest[end] = (d, k)
    fig = ax.get_figure()
    assert fig is not None
    same = SAME_PT * fig.dpi / 72
    out: list[ConflictMark] = []
    ends: list[tuple[XY, XY]] = []
    for k in sorted({k for _, k in nearest.values()}):
        pa, pb = at(marks[k].a), at(marks[k].b)
        if any(
            max(math.dist(pa, qa), math.dist(pb, qb)) <= same
            or max(math.dist(pa, qb), math.dist(pb, qa)) <= same
            for qa, qb in ends
        ):
            continue
        ends.append((pa, pb))
        out.append(marks[k])
    return out


def draw_conflicts(ax: Axes, chart: ChartData, marks: Sequence[ConflictMark]) -> Drawn:
    """Draw the conflicts ``marks`` of ``chart`` on ``ax`` (after its points and marks)."""
    fig = ax.get_figure()
    assert fig is not None
    scale = fig.dpi / 72
    shown = chosen(ax, marks)
    markers = marker_spots(ax)
    anchors = _claims(ax, chart, shown)
    markers += [(a.x, a.y, a.radius) for a in anchors]
    lines: list[Line2D] = []
    glyphs: list[XY] = []
    placed: list[XY] = []
    bars: list[XY] = []
    for i, c in enumerate(shown):
        ends = [(draw.num(c.a[0]), c.a[1]), (draw.num(c.b[0]), c.b[1])]
        (line,) = ax.plot(
            [x for x, _ in ends],
            [y for _, y in ends],
            color=theme.CONFLICT_COLOR,
            linestyle=theme.CONFLICT_LINESTYLE,
            linewidth=theme.CONFLICT_WIDTH,
            zorder=theme.ZORDER["conflict"],
            gid=f"troops-conflict-{c.series}-{i}",
        )
        lines.append(line)
        bars += [e for e in ends if not _covered(ax, e, markers, 0.5 * scale)]
        x, y = _glyph_spot(ax, ends[0], ends[1], markers)
        px, py = ax.transData.transform((x, y))
        gap = theme.CONFLICT_GLYPH_GAP * scale
        if any(abs(px - qx) < gap and abs(py - qy) < gap for qx, qy in placed):
            continue
        placed.append((float(px), float(py)))
        glyphs.append((x, y))
        ax.plot(
            [x],
            [y],
            linestyle="none",
            marker=theme.conflict_marker(),
            markersize=theme.CONFLICT_MARKER_SIZE,
            markerfacecolor="none",
            markeredgewidth=theme.CONFLICT_MARKER_WIDTH,
            color=theme.CONFLICT_COLOR,
            zorder=theme.ZORDER["conflict"],
            gid=f"troops-conflictmark-{c.series}-{i}",
        )
    if bars:
        ax.plot(
            [x for x, _ in bars],
            [y for _, y in bars],
            linestyle="none",
            marker="_",
            markersize=BAR_SIZE,
            markeredgewidth=theme.CONFLICT_WIDTH,
            color=theme.CONFLICT_COLOR,
            zorder=theme.ZORDER["conflict"],
            gid="troops-conflictends",
        )
    return Drawn(lines, glyphs, anchors)


def _claims(ax: Axes, chart: ChartData, shown: Sequence[ConflictMark]) -> list[Anchor]:
    """Draw a "×" where each claimed withdrawal of ``shown`` puts the level; returns the
    anchors of their labels: the letters of every claim of the series on that day."""
    claims: dict[tuple[str, Position], list[str]] = {}
    for c in shown:
        if c.rule == "claim-count" and (c.series, c.a) not in claims:
            claims[(c.series, c.a)] = [
                chart.letter(e)
                for e in chart.events
                if e.kind == "withdrawal"
                and e.completed
                and c.series in e.series
                and e.period.start == c.a[0]
            ]
    anchors = []
    for k, ((sid, (day, value)), letters) in enumerate(claims.items()):
        x = draw.num(day)
        ax.plot(
            [x],
            [value],
            linestyle="none",
            marker="x",
            markersize=CLAIM_SIZE,
            markeredgewidth=0.8,
            color=theme.CONFLICT_COLOR,
            clip_on=False,
            zorder=theme.ZORDER["conflict"],
            gid=f"troops-claim-{sid}-{k}",
        )
        text = ",".join(letters)
        anchors.append(Anchor(x, value, text, f"{sid}-{k}", 1, CLAIM_SIZE / 2, "claimlabel"))
    return anchors


def _covered(ax: Axes, xy: XY, markers: Sequence[Spot], pad: float) -> bool:
    """True when a marker covers the point ``xy`` (data), ``pad`` display units to spare."""
    fig = ax.get_figure()
    assert fig is not None
    p = ax.transData.transform(xy)
    return any(
        math.dist(p, ax.transData.transform((x, y))) <= r * fig.dpi / 72 + pad
        for x, y, r in markers
    )


def _glyph_spot(ax: Axes, a: XY, b: XY, markers: Sequence[Spot]) -> XY:
    """Where the "≠" of the line ``a``-``b`` sits (data): the first of the spots along the
    line (:data:`ALONG`), then beside its middle, that keeps clear of every marker."""
    fig = ax.get_figure()
    assert fig is not None
    scale = fig.dpi / 72
    half = theme.CONFLICT_MARKER_SIZE / 2
    pa, pb = ax.transData.transform(a), ax.transData.transform(b)
    shown = [(ax.transData.transform((x, y)), r) for x, y, r in markers]

    def free(p: XY) -> bool:
        return all(math.dist(p, q) > (r + half + 0.5) * scale for q, r in shown)

    for t in ALONG:  # along the line: in data units, exactly on it
        if free((pa[0] + t * (pb[0] - pa[0]), pa[1] + t * (pb[1] - pa[1]))):
            return a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])
    tries = [((pa[0] + pb[0]) / 2, (pa[1] + pb[1]) / 2)]
    length = math.dist(pa, pb)
    nx, ny = ((pa[1] - pb[1]) / length, (pb[0] - pa[0]) / length) if length else (1.0, 0.0)
    if nx < 0 or (nx == 0 and ny < 0):
        nx, ny = -nx, -ny  # beside: to the right first
    mx, my = tries[0]
    for k in (1, 2, 3, 4):
        for sign in (1.0, -1.0):
            step = sign * k * (half + 1.0) * scale
            tries.append((mx + nx * step, my + ny * step))
    spot = next((p for p in tries[1:] if free(p)), tries[0])
    x, y = ax.transData.inverted().transform(spot)
    return float(x), float(y)
