"""How each part of a chart looks: series styles, transparency, dashes, drawing order.

One place for the visual defaults of :func:`troops.plot.stepchart.step_chart`.  Each series gets a
colour (Okabe-Ito, colour-blind safe), a line style and a marker, so series stay apart in
greyscale print too.  A series keeps its style in every chart: it follows the series' place
in ``data/series.yaml``, not the selection.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from matplotlib.path import Path
    from matplotlib.typing import LineStyleType

#: Okabe-Ito colours without yellow (too light on white paper) and black (used for text).
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9")
LINESTYLES: tuple[LineStyleType, ...] = (
    "-",
    (0, (4.0, 1.5)),
    (0, (4.0, 1.2, 1.0, 1.2)),
    (0, (1.0, 1.0)),
)
MARKERS = ("o", "s", "D", "^", "v", "P", "X")

BAND_ALPHA = 0.2
ZONE_ALPHA = 0.3
#: Timing zones: a light box with a dotted outline (distinct from the solid bands and from
#: the dashed unknown gaps at print size).
ZONE_EDGE: LineStyleType = (0, (1.0, 1.2))
ZONE_EDGE_WIDTH = 0.5
FAINT_ALPHA = 0.35
#: One-sided bands fade out over this share of the axes height, in this many strips.
FADE_HEIGHT = 0.14
FADE_STEPS = 6
#: An unknown number: the gap in the line is bridged by a thin dashed line (both figures).
UNKNOWN_DASH: LineStyleType = (0, (1.5, 1.5))
UNKNOWN_WIDTH = 0.7
EVENT_COLOR = "0.62"
TITLE_COLOR = "0.1"
EVENT_ZONE_ALPHA = 0.1
EVENT_LINEWIDTH = 0.4
MARK_SIZE = 4.5
#: Leader lines from a number label placed away from its point.
LEADER_COLOR = "0.55"
LEADER_WIDTH = 0.35
#: Conflict marks: a dotted line joining two points that disagree, "≠" at its middle.
CONFLICT_COLOR = "0.1"
CONFLICT_LINESTYLE: LineStyleType = (0, (1.0, 1.2))
CONFLICT_WIDTH = 0.6
CONFLICT_MARKER_SIZE = 4.5
CONFLICT_MARKER_WIDTH = 0.6
#: A "≠" closer than this (points) to another is left out: one says it for the cluster.
CONFLICT_GLYPH_GAP = 9.0
#: Text sizes relative to ``font.size``.
NUMBER_SCALE = 0.85
LABEL_SCALE = 0.85

ZORDER = {
    "event": 0.6,
    "unknown": 0.9,
    "band": 1.0,
    "zone": 1.1,
    "superseded": 1.8,
    "line": 2.5,
    "mark": 2.8,
    "point": 3.0,
    "conflict": 3.2,
    "label": 4.0,
    "legend": 5.0,
}

#: Legend labels of the generic chart elements (shown only when the chart has them).
LEGEND_TEXT = {
    "band": "reported range",
    "open": "more/fewer than",
    "zone": "date uncertain",
    "unknown": "number unknown",
    "target": "target or cap",
    "superseded": "superseded",
    "conflict": "reports disagree",
    "claim": "withdrawal claimed",
}


def conflict_marker() -> Path:
    """The "≠" drawn at the middle of a conflict mark: two bars and a slash (lines only)."""
    # deferred: matplotlib loads only when something is drawn
    from matplotlib.path import Path

    move, line = Path.MOVETO, Path.LINETO
    verts = [(-1, 0.38), (1, 0.38), (-1, -0.38), (1, -0.38), (-0.45, -1), (0.45, 1)]
    return Path(verts, [move, line] * 3)


@dataclass(frozen=True)
class SeriesStyle:
    """Colour, line style and marker of one series."""

    color: str
    linestyle: LineStyleType
    marker: str


def series_style(index: int) -> SeriesStyle:
    """The style of the series at ``index`` in the dataset's series list."""
    return SeriesStyle(
        color=PALETTE[index % len(PALETTE)],
        linestyle=LINESTYLES[index % len(LINESTYLES)],
        marker=MARKERS[index % len(MARKERS)],
    )
