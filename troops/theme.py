"""How each part of a chart looks: series styles, transparency, hatching, drawing order.

One place for the visual defaults of :func:`troops.plot.step_chart`.  Each series gets a
colour (Okabe-Ito, colour-blind safe), a line style and a marker, so series stay apart in
greyscale print too.  A series keeps its style in every chart: it follows the series' place
in ``data/series.yaml``, not the selection.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
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
ZONE_HATCH = "\\\\\\\\"
FAINT_ALPHA = 0.35
#: One-sided bands fade out over this share of the axes height, in this many strips.
FADE_HEIGHT = 0.14
FADE_STEPS = 6
UNKNOWN_HATCH = "///"
UNKNOWN_ALPHA = 0.4
EVENT_COLOR = "0.45"
EVENT_ZONE_ALPHA = 0.1
EVENT_LINEWIDTH = 0.5
MARK_SIZE = 4.5
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
    "label": 4.0,
}

#: Legend labels of the generic chart elements (shown only when the chart has them).
LEGEND_TEXT = {
    "band": "reported range",
    "open": "more/fewer than",
    "zone": "date uncertain",
    "unknown": "number unknown",
    "target": "target or cap",
    "superseded": "superseded",
}


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
