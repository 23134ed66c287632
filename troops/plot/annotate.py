"""Texts on a step chart: "unknown" labels, markers at reported points, source numbers.

The word "unknown" marks each unknown span; every reported point gets a marker and the
number(s) of its source(s), placed by :mod:`troops.plot.labels` so that no text overlaps
another (with a thin leader line when the label had to move away from its point); a run of
points at one level gets one label ``42–48`` at its first point (:mod:`troops.chart.runs`), and
a level carried in from before the range its number in brackets at the left edge.  Text
boxes are measured from font metrics (:func:`troops.plot.layout.text_width`), so placement
needs no renderer and is the same for every output format.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from itertools import combinations, pairwise
from typing import TYPE_CHECKING, NamedTuple

from troops.chart.chartdata import ChartData, SeriesData
from troops.chart.positions import mark_date, point_date
from troops.chart.runs import run_text, runs
from troops.plot import draw, theme
from troops.plot.boxes import Box
from troops.plot.labels import TEXT_BOX_HEIGHT, Label, leader_end, place
from troops.plot.layout import FONT_SIZE, text_width
from troops.plot.theme import SeriesStyle

if TYPE_CHECKING:
    from matplotlib.artist import Artist
    from matplotlib.axes import Axes
    from matplotlib.lines import Line2D
    from matplotlib.text import Text

    from troops.core.steps import Segment

#: Marker size of a reported point, in points.
POINT_SIZE = 3.2
#: How far the "unknown" label sits above the dashed bridge of its span, in points.
UNKNOWN_LIFT_PT = 2.5
#: Labels saying the same at points closer than this (points) are one label.
MERGE_PT = 10.0


class Anchor(NamedTuple):
    """A label to place: position (data), text, gid suffix, rank (0 first), the radius of
    the marker it labels and the kind of label (the gid's prefix: ``ref`` for a source
    number)."""

    x: float
    y: float
    text: str
    gid: str
    rank: int = 0
    radius: float = POINT_SIZE / 2
    kind: str = "ref"


def axes_size_pt(ax: Axes) -> tuple[float, float]:
    """Width and height of the axes box in points."""
    fig = ax.get_figure()
    assert fig is not None
    box = ax.get_window_extent()
    return box.width / fig.dpi * 72, box.height / fig.dpi * 72


def fontsize(scale: float) -> float:
    """``scale`` times the current ``font.size``."""
    # deferred: matplotlib loads only when something is drawn
    import matplotlib as mpl

    size = mpl.rcParams["font.size"]
    return float(size if isinstance(size, (int, float)) else FONT_SIZE) * scale


def unknown_labels(
    ax: Axes, s: SeriesData, style: SeriesStyle, *, named: bool, row: int
) -> list[tuple[Text, Segment]]:
    """The word "unknown" (after the series name when ``named``) just above the dashed
    bridge of each unknown span (at mid-height, staggered by ``row``, when no level on
    either side gives the bridge a height)."""
    # deferred: matplotlib loads only when something is drawn
    from matplotlib.transforms import ScaledTranslation

    fig = ax.get_figure()
    assert fig is not None
    texts = []
    unknowns = [(i, g) for i, g in enumerate(s.segments) if g.unknown]
    for k, (i, seg) in enumerate(unknowns):
        assert seg.end is not None
        x0, x1 = draw.num(seg.start), draw.num(seg.end)
        size = fontsize(theme.LABEL_SCALE)
        text = f"{s.label}: unknown" if named else "unknown"
        if text_width(text, size) + 12 > _data_width_pt(ax, x1 - x0):
            text = text.replace(": ", ":\n")
        ends = draw.unknown_ends(s.segments, i)
        if ends is None:
            where = {"transform": ax.get_xaxis_transform(), "va": "center"}
            y = 0.5 + 0.1 * row
        else:
            lift = ScaledTranslation(0, UNKNOWN_LIFT_PT / 72, fig.dpi_scale_trans)
            up = ax.transData + lift
            where = {"transform": up, "va": "bottom"}
            y = max(ends)
        label = ax.text(
            (x0 + x1) / 2,
            y,
            text,
            ha="center",
            fontsize=size,
            color=style.color,
            parse_math=False,
            zorder=theme.ZORDER["label"],
            bbox={"boxstyle": "square,pad=0.15", "facecolor": "white", "linewidth": 0},
            gid=f"troops-unknownlabel-{s.id}-{k}",
            **where,  # type: ignore[arg-type]
        )
        texts.append((label, seg))
    return texts


def unknown_anchors(
    ax: Axes, chart: ChartData, sid: str, labels: list[tuple[Text, Segment]]
) -> list[Anchor]:
    """Source numbers of unknown spans sit just right of their "unknown" label."""
    fig = ax.get_figure()
    assert fig is not None
    anchors = []
    for i, (label, seg) in enumerate(labels):
        box = estimated_box(label, fig.dpi / 72.0)
        x, y = ax.transData.inverted().transform((box.x1, (box.y0 + box.y1) / 2))
        refs = ",".join(str(n) for n in chart.refs(seg.sources))
        anchors.append(Anchor(float(x), float(y), refs, f"unknown-{sid}-{i}", 2, 0.0))
    return anchors


def _data_width_pt(ax: Axes, dx: float) -> float:
    x0, x1 = ax.get_xlim()
    return float(dx / (x1 - x0) * axes_size_pt(ax)[0])


def draw_points(ax: Axes, chart: ChartData, s: SeriesData, style: SeriesStyle) -> list[Anchor]:
    """A marker at every reported point; returns the anchors of their number labels.

    A level carried in from before the range gets no marker (no report in the range dates
    it): its number stands in brackets at the left edge, ``[19]``.  A range reported without
    a value gets no marker either (its band says what was reported), only its number, at
    the middle of the range."""
    anchors = []
    groups = (("point", s.segments, 1.0, 0), ("oldpoint", s.superseded, theme.FAINT_ALPHA, 2))
    for kind, segs, alpha, rank in groups:
        where: dict[int, tuple[float, float]] = {}
        for i, seg in enumerate(segs):
            if not seg.unknown:
                ends = [v for v in (seg.low, seg.high) if v is not None]
                y = seg.value if seg.value is not None else sum(ends) / max(len(ends), 1)
                where[i] = (draw.num(point_date(seg)), float(y))
        dated = [  # no marker for a range without a value: no number was reported
            xy
            for i, xy in where.items()
            if not chart.carried(segs[i]) and segs[i].value is not None
        ]
        if dated:
            ax.plot(
                [x for x, _ in dated],
                [y for _, y in dated],
                linestyle="none",
                marker=style.marker,
                markersize=POINT_SIZE,
                color=style.color,
                markerfacecolor=style.color if kind == "point" else "white",
                alpha=alpha,
                zorder=theme.ZORDER["point"],
                gid=f"troops-{kind}s-{s.id}",
            )
        for run in runs(chart, segs):
            text = run_text(chart, segs, run)
            first = run[0]
            gid = f"{kind}-{s.id}-{first}" + (f"-{run[-1]}" if len(run) > 1 else "")
            if chart.carried(segs[first]):
                anchors.append(Anchor(*where[first], f"[{text}]", f"{gid}-carried", rank, 0.0))
            else:
                anchors.append(Anchor(*where[first], text, gid, rank))
    for i, m in enumerate(s.marks):
        refs = ",".join(str(n) for n in chart.refs(m.sources))
        x = draw.num(mark_date(m))
        anchors.append(Anchor(x, float(m.value), refs, f"mark-{s.id}-{i}", 1, theme.MARK_SIZE / 2))
    return anchors


def line_boxes(ax: Axes, lines: list[Line2D], scale: float) -> list[Box]:
    """Thin boxes along the straight pieces of ``lines`` (what labels should not cover)."""
    boxes = []
    half = 0.7 * scale
    for line in lines:
        xy = ax.transData.transform(line.get_xydata())
        for (x0, y0), (x1, y1) in pairwise(xy):
            if math.isnan(x0 + y0 + x1 + y1):
                continue
            if abs(x1 - x0) < 0.5 or abs(y1 - y0) < 0.5:
                boxes.append(
                    Box(min(x0, x1) - half, min(y0, y1) - half, max(x0, x1) + half,
                        max(y0, y1) + half)
                )  # fmt: skip
            else:
                n = max(2, int(math.hypot(x1 - x0, y1 - y0) / (3 * scale)))
                for k in range(n + 1):
                    px, py = x0 + (x1 - x0) * k / n, y0 + (y1 - y0) * k / n
                    boxes.append(Box(px - half, py - half, px + half, py + half))
    return boxes


def number_labels(
    ax: Axes,
    anchors: list[Anchor],
    obstacles: list[Artist],
    lines: list[Line2D],
    spots: Sequence[tuple[float, float, float]] = (),
    boxes: Sequence[Box] = (),
) -> None:
    """Label every point with its source number(s) (and every other anchor with its text),
    placed so that no two texts overlap; a label placed away from its point gets a thin
    leader line.  ``obstacles`` are texts, ``lines`` lines to keep clear of, ``spots``
    more markers (x, y, radius in points), ``boxes`` more room taken (display units: the
    legend)."""
    fig = ax.get_figure()
    assert fig is not None
    scale = fig.dpi / 72.0
    size = fontsize(theme.NUMBER_SCALE)
    boxes = [*boxes, *(estimated_box(t, scale) for t in obstacles)]
    for x, y, radius in spots:
        px, py = ax.transData.transform((x, y))
        half = (radius + 0.3) * scale
        boxes.append(Box(px - half, py - half, px + half, py + half))
    bbox = ax.get_window_extent()
    bounds = Box(bbox.x0, bbox.y0, bbox.x1, bbox.y1)
    anchors = merged(ax, anchors)
    todo = []
    for a in anchors:
        px, py = ax.transData.transform((a.x, a.y))
        w = text_width(a.text, size)
        todo.append(Label(float(px), float(py), w, size * TEXT_BOX_HEIGHT, a.radius, a.rank))
    placed = place(todo, boxes, line_boxes(ax, lines, scale), bounds, scale)
    inverse = ax.transData.inverted()
    leaders = []
    for a, lab, (spot, box) in zip(anchors, todo, placed, strict=True):
        ax.annotate(
            a.text,
            (a.x, a.y),
            xytext=(spot.dx, spot.dy),
            textcoords="offset points",
            ha=spot.ha,
            va=spot.va,
            fontsize=size,
            color="0.15",
            annotation_clip=False,
            zorder=theme.ZORDER["label"],
            gid=f"troops-{a.kind}-{a.gid}",
        )
        if spot.leader:
            end = inverse.transform(leader_end(lab.x, lab.y, box.padded(0.4 * scale)))
            leaders.append([(a.x, a.y), (float(end[0]), float(end[1]))])
    if leaders:
        # deferred: matplotlib loads only when something is drawn
        from matplotlib.collections import LineCollection

        ax.add_collection(
            LineCollection(
                leaders,
                colors=theme.LEADER_COLOR,
                linewidths=theme.LEADER_WIDTH,
                capstyle="butt",
                zorder=theme.ZORDER["point"] - 0.05,
                gid="troops-leaders",
            ),
            autolim=False,
        )


def merged(ax: Axes, anchors: Sequence[Anchor]) -> list[Anchor]:
    """Anchors whose labels say the same and whose points lie within :data:`MERGE_PT` of
    each other (in a chain) become one, at the middle of their points with a radius that
    covers them all: one source reporting two things at one spot gets one number, not two
    that read as one ("1" beside "1" looks like "11")."""
    fig = ax.get_figure()
    assert fig is not None
    scale = fig.dpi / 72.0
    xy = [tuple(float(v) for v in ax.transData.transform((a.x, a.y))) for a in anchors]
    group = list(range(len(anchors)))
    for i, j in combinations(range(len(anchors)), 2):
        near = math.dist(xy[i], xy[j]) <= MERGE_PT * scale
        if anchors[i].text == anchors[j].text and near and group[j] != group[i]:
            old, new = group[j], group[i]
            group = [new if g == old else g for g in group]
    out = []
    for k in dict.fromkeys(group):
        members = [i for i, g in enumerate(group) if g == k]
        if len(members) == 1:
            out.append(anchors[k])
            continue
        cx = sum(xy[i][0] for i in members) / len(members)
        cy = sum(xy[i][1] for i in members) / len(members)
        radius = max(math.dist((cx, cy), xy[i]) / scale + anchors[i].radius for i in members)
        x, y = ax.transData.inverted().transform((cx, cy))
        first = anchors[k]
        gid = "+".join(anchors[i].gid for i in members)
        rank = min(anchors[i].rank for i in members)
        out.append(Anchor(float(x), float(y), first.text, gid, rank, radius, first.kind))
    return out


def estimated_box(artist: Artist, scale: float, pad: float = 1.5) -> Box:
    """The display box of one of our texts, from font metrics (no renderer needed)."""
    # deferred: matplotlib loads only when something is drawn
    from matplotlib.text import Text

    assert isinstance(artist, Text)
    size = float(artist.get_fontsize())
    lines = artist.get_text().split("\n")
    w = max(text_width(line, size, bold=artist.get_fontweight() == "bold") for line in lines)
    h = size * 1.2 * len(lines)
    x, y = artist.get_transform().transform(artist.get_position())
    ha, va = artist.get_horizontalalignment(), artist.get_verticalalignment()
    left = x - (w * scale if ha == "right" else w * scale / 2 if ha == "center" else 0)
    bottom = y - (h * scale if va == "top" else h * scale / 2 if va == "center" else 0)
    if va == "baseline":
        bottom -= 0.25 * size * scale
    return Box(left, bottom, left + w * scale, bottom + h * scale).padded(pad * scale)
