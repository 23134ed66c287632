"""Texts on a step chart: event lines and letters, "unknown" labels, source numbers.

Event letters sit in rows at the top of the axes so that no two touch; the word "unknown"
marks each unknown span; every reported point gets a marker and the number(s) of its
source(s), placed by :mod:`troops.labels` so that no text overlaps another.  Text boxes
are measured from font metrics (:func:`troops.layout.text_width`), so placement needs no
renderer and is the same for every output format.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from . import draw, theme
from .chartdata import ChartData, SeriesData, event_letter, mark_date, point_date
from .labels import Box, place
from .layout import text_width
from .theme import SeriesStyle

if TYPE_CHECKING:
    from matplotlib.artist import Artist
    from matplotlib.axes import Axes
    from matplotlib.text import Text

    from .steps import Segment

#: A number label to place: x, y (data), text, gid suffix.
Anchor = tuple[float, float, str, str]
#: Vertical distance between rows of event letters, in points.
EVENT_ROW_PT = 8.5


def axes_size_pt(ax: Axes) -> tuple[float, float]:
    """Width and height of the axes box in points."""
    fig = ax.get_figure()
    assert fig is not None
    box = ax.get_window_extent()
    return box.width / fig.dpi * 72, box.height / fig.dpi * 72


def event_rows(ax: Axes, chart: ChartData) -> dict[str, int]:
    """Row (0 = top) of each event's letter, so that letters never touch."""
    axes_width_pt, _ = axes_size_pt(ax)
    ends: list[float] = []
    rows: dict[str, int] = {}
    for i, e in enumerate(chart.events):
        x = _letter_share(chart, i, axes_width_pt) * axes_width_pt
        half = _letter_half(i)
        row = next((r for r, end in enumerate(ends) if x - half > end), len(ends))
        if row == len(ends):
            ends.append(x + half)
        else:
            ends[row] = x + half
        rows[e.id] = row
    return rows


def _letter_half(i: int) -> float:
    """Half the width of the i-th event letter with its padding, in points."""
    return text_width(event_letter(i), _fontsize(theme.LABEL_SCALE)) / 2 + 1.5


def _letter_share(chart: ChartData, i: int, axes_width_pt: float) -> float:
    """Where the i-th event letter sits, as a share of the axes width: over its event, but
    never sticking out of the axes."""
    e = chart.events[i]
    lo, hi = draw.num(chart.start), draw.num(chart.end) + 1
    share = (_event_x(e.period.start, e.period.end) - lo) / max(hi - lo, 1.0)
    margin = _letter_half(i) / max(axes_width_pt, 1.0)
    return min(max(share, margin), 1.0 - margin)


def _event_x(start: date, end: date) -> float:
    return (draw.num(start) + draw.num(end) + 1) / 2 if start != end else draw.num(start)


def _fontsize(scale: float) -> float:
    import matplotlib as mpl

    from .layout import FONT_SIZE

    size = mpl.rcParams["font.size"]
    return float(size if isinstance(size, (int, float)) else FONT_SIZE) * scale


def draw_events(ax: Axes, chart: ChartData, rows: dict[str, int]) -> list[Artist]:
    """A thin vertical line at each event (a lightly shaded span between two thin lines
    when its date is a month or a range), up to the event's letter at the top."""
    width_pt, height_pt = axes_size_pt(ax)
    size = _fontsize(theme.LABEL_SCALE)
    letters: list[Artist] = []
    for i, e in enumerate(chart.events):
        p = e.period
        top = 1.0 - (1.5 + rows[e.id] * EVENT_ROW_PT) / max(height_pt, 1.0)
        reach = top - size * 1.2 / max(height_pt, 1.0)
        x0, x1 = draw.num(p.start), draw.num(p.end) + (0 if p.start == p.end else 1)
        for k, x in enumerate(dict.fromkeys((x0, x1))):
            ax.axvline(
                x,
                ymax=reach,
                color=theme.EVENT_COLOR,
                linewidth=theme.EVENT_LINEWIDTH,
                zorder=theme.ZORDER["event"],
                gid=f"troops-event-{e.id}-{k}",
            )
        if x1 > x0:
            ax.axvspan(
                x0,
                x1,
                ymax=reach,
                facecolor=theme.EVENT_COLOR,
                alpha=theme.EVENT_ZONE_ALPHA,
                linewidth=0,
                zorder=theme.ZORDER["event"],
                gid=f"troops-eventspan-{e.id}",
            )
        letters.append(
            ax.text(
                _letter_share(chart, i, width_pt),
                top,
                event_letter(i),
                transform=ax.transAxes,
                ha="center",
                va="top",
                fontsize=size,
                color="0.25",
                parse_math=False,
                zorder=theme.ZORDER["label"],
                bbox={"boxstyle": "square,pad=0.1", "facecolor": "white", "linewidth": 0},
                gid=f"troops-eventlabel-{e.id}",
            )
        )
    return letters


def unknown_labels(
    ax: Axes, chart: ChartData, s: SeriesData, style: SeriesStyle
) -> list[tuple[Text, Segment]]:
    """The word "unknown" (after the series name when several are drawn) in each span."""
    texts = []
    row = chart.series.index(s)
    for i, seg in enumerate(g for g in s.segments if g.unknown):
        assert seg.end is not None
        x0, x1 = draw.num(seg.start), draw.num(seg.end)
        size = _fontsize(theme.LABEL_SCALE)
        text = f"{s.label}: unknown" if len(chart.series) > 1 else "unknown"
        if text_width(text, size) + 12 > _data_width_pt(ax, x1 - x0):
            text = text.replace(": ", ":\n")
        label = ax.text(
            (x0 + x1) / 2,
            0.5 + 0.1 * row,
            text,
            transform=ax.get_xaxis_transform(),
            ha="center",
            va="center",
            fontsize=size,
            color=style.color,
            parse_math=False,
            zorder=theme.ZORDER["label"],
            bbox={"boxstyle": "square,pad=0.15", "facecolor": "white", "linewidth": 0},
            gid=f"troops-unknownlabel-{s.id}-{i}",
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
        box = _estimated_box(ax, label, fig.dpi / 72.0, pad=0.0)
        x, y = ax.transData.inverted().transform((box.x1, (box.y0 + box.y1) / 2))
        refs = ",".join(str(n) for n in chart.refs(seg.sources))
        anchors.append((float(x), float(y), refs, f"unknown-{sid}-{i}"))
    return anchors


def _data_width_pt(ax: Axes, dx: float) -> float:
    x0, x1 = ax.get_xlim()
    return float(dx / (x1 - x0) * axes_size_pt(ax)[0])


def draw_points(ax: Axes, chart: ChartData, s: SeriesData, style: SeriesStyle) -> list[Anchor]:
    """A marker at every reported point; returns the anchors of their number labels."""
    anchors = []
    groups = (("point", s.segments, 1.0), ("oldpoint", s.superseded, theme.FAINT_ALPHA))
    for kind, segs, alpha in groups:
        for i, seg in enumerate(segs):
            if seg.unknown:
                continue
            refs = ",".join(str(n) for n in chart.refs(seg.sources))
            x = draw.num(point_date(seg))
            y = seg.value if seg.value is not None else (seg.low or seg.high or 0)
            ax.plot(
                [x],
                [y],
                linestyle="none",
                marker=style.marker,
                markersize=3.2,
                color=style.color,
                markerfacecolor=style.color if kind == "point" else "white",
                alpha=alpha,
                zorder=theme.ZORDER["point"],
                gid=f"troops-{kind}-{s.id}-{i}",
            )
            anchors.append((x, float(y), refs, f"{kind}-{s.id}-{i}"))
    for i, m in enumerate(s.marks):
        assert m.value is not None
        x = draw.num(mark_date(m))
        anchors.append((x, float(m.value), str(chart.numbers[m.source]), f"mark-{s.id}-{i}"))
    return anchors


def number_labels(ax: Axes, anchors: list[Anchor], obstacles: list[Artist]) -> None:
    """Label every point with its source number(s), placed so that no two texts overlap."""
    fig = ax.get_figure()
    assert fig is not None
    scale = fig.dpi / 72.0
    size = _fontsize(theme.NUMBER_SCALE)
    boxes = [_estimated_box(ax, t, scale) for t in obstacles]
    marker_pt = 3.6
    for x, y, _, _ in anchors:
        px, py = ax.transData.transform((x, y))
        half = marker_pt * scale / 2
        boxes.append(Box(px - half, py - half, px + half, py + half))
    bbox = ax.get_window_extent()
    bounds = Box(bbox.x0, bbox.y0, bbox.x1, bbox.y1)
    spots = place(
        [
            (*ax.transData.transform((x, y)), text_width(text, size), size * 1.15)
            for x, y, text, _ in anchors
        ],
        boxes,
        bounds,
        scale,
    )
    for (x, y, text, gid), (spot, _) in zip(anchors, spots, strict=True):
        ax.annotate(
            text,
            (x, y),
            xytext=(spot.dx, spot.dy),
            textcoords="offset points",
            ha=spot.ha,
            va=spot.va,
            fontsize=size,
            color="0.15",
            annotation_clip=False,
            zorder=theme.ZORDER["label"],
            gid=f"troops-ref-{gid}",
        )


def _estimated_box(ax: Axes, artist: Artist, scale: float, pad: float = 1.5) -> Box:
    """The display box of one of our texts, from font metrics (no renderer needed)."""
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
    return Box(left, bottom, left + w * scale, bottom + h * scale).padded(pad * scale)
