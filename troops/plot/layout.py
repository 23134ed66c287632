"""Figure sizes, margins and text measurement for paper figures, as plain data.

Widths follow the two-column paper layout (IEEE and similar): a column is 3.5 in, a page
(both columns) 7.16 in.  The figure is printed at its natural size, so text keeps the same
size in points at any width (8 pt; 7.5 pt for the notes under the chart); the
height follows from the width (chart) and from the text under it (legend, sources, notes).

Text is measured from the font's advance widths (no renderer, no hinting, no kerning),
which is what PDF and SVG use and never narrower than the drawn text, so wrapped lines
never overflow.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

#: TeX points per inch (LaTeX's ``\columnwidth`` is given in these).
TEX_POINTS_PER_INCH = 72.27
#: PostScript points per inch (matplotlib's font sizes and line widths).
POINTS_PER_INCH = 72.0
COLUMN_WIDTH = 3.5
PAGE_WIDTH = 7.16
WIDTHS = {"column": COLUMN_WIDTH, "page": PAGE_WIDTH}
MIN_WIDTH = 2.5
MAX_WIDTH = 20.0
#: Height of the text block of a paper page (letter or A4 with usual margins), in inches:
#: a taller figure does not fit on a page.
PAGE_HEIGHT = 9.0

FONT_FAMILY = "DejaVu Sans"
FONT_SIZE = 8.0
SMALL_SIZE = 8.0
NOTE_SIZE = 7.5
LINE_SPACING = 1.25

#: Chart (axes) height as a share of the width, and its limits in inches.
CHART_ASPECT = 0.6
CHART_MIN_HEIGHT = 1.9
CHART_MAX_HEIGHT = 3.2


@dataclass(frozen=True)
class Margins:
    """Space around the axes of a paper figure, in inches."""

    top: float = 0.06
    right: float = 0.14
    #: Below the axes: ticks and their labels.
    ticks: float = 0.2
    #: Left of the y tick labels: room for the rotated axis label.
    label: float = 0.13
    #: Edge of the figure to the text under the chart.
    edge: float = 0.05
    gap: float = 0.05
    bottom: float = 0.05
    #: Between one panel's axes and the next panel's title (tick marks only, no labels).
    panel_gap: float = 0.05


MARGINS = Margins()


class WidthError(ValueError):
    """A ``--width`` value that is neither a known name nor a sensible number of inches."""


def parse_width(spec: str | float) -> float:
    """``column`` -> 3.5, ``page`` -> 7.16, ``"5"`` or ``5.0`` -> 5.0 (inches)."""
    if isinstance(spec, str):
        named = WIDTHS.get(spec.strip().lower())
        if named is not None:
            return named
        try:
            value = float(spec)
        except ValueError:
            raise WidthError(f"{spec!r} is not 'column', 'page' or a width in inches") from None
    else:
        value = float(spec)
    if not MIN_WIDTH <= value <= MAX_WIDTH:
        raise WidthError(f"{value:g} in is outside {MIN_WIDTH:g}-{MAX_WIDTH:g} in")
    return value


def width_label(width: float) -> str:
    """``column``, ``page`` or ``5in``: a name for files drawn at ``width``."""
    for name, value in WIDTHS.items():
        if width == value:
            return name
    return f"{width:g}in"


def chart_height(width: float) -> float:
    """Height of the chart area (axes) for a figure ``width`` inches wide."""
    return round(min(max(CHART_ASPECT * width, CHART_MIN_HEIGHT), CHART_MAX_HEIGHT), 3)


#: Panel height in inches: a base that grows with the width, plus room for the labels.
PANEL_BASE = 0.45
PANEL_PER_WIDTH = 0.02
PANEL_PER_LABEL = 0.13
PANEL_MIN_HEIGHT = 0.75
PANEL_MAX_HEIGHT = 2.4


def panel_heights(width: float, labels: list[int]) -> list[float]:
    """Heights (inches) of the panels of a figure ``width`` inches wide, one per entry of
    ``labels`` (how many number labels each draws): :func:`panel_height` each, scaled up
    together when they would add up to less than :func:`chart_height` (one or two
    panels get the room a single chart gets)."""
    heights = [panel_height(width, n) for n in labels]
    total = sum(heights)
    least = chart_height(width)
    if 0 < total < least:
        heights = [round(h * least / total, 3) for h in heights]
    return heights


def panel_height(width: float, labels: int) -> float:
    """Height (inches) of one panel of a figure ``width`` inches wide drawing ``labels``
    number labels: the more labels, the more room they need (growing with their square
    root, as they spread over the width too; a wider figure spreads them further)."""
    spread = math.sqrt(COLUMN_WIDTH / width)
    h = PANEL_BASE + PANEL_PER_WIDTH * width + PANEL_PER_LABEL * math.sqrt(labels) * spread
    return round(min(max(h, PANEL_MIN_HEIGHT), PANEL_MAX_HEIGHT), 3)


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Advance width of ``text`` in points at ``size`` points (without kerning, which only
    ever narrows DejaVu Sans text, so the width is never underestimated)."""
    return size * sum(_advance(ch, bold) for ch in text)


@lru_cache(maxsize=4096)
def _advance(char: str, bold: bool) -> float:
    """Unhinted advance width of one character at a size of 1 pt, in points."""
    # deferred: matplotlib loads only when something is drawn
    from matplotlib.font_manager import FontProperties, findfont, get_font

    weight = "bold" if bold else "normal"
    font = get_font(findfont(FontProperties(family=FONT_FAMILY, weight=weight)))
    font.set_size(_UNIT, 72)
    return float(font.load_char(ord(char)).linearHoriAdvance) / 65536 / _UNIT


#: Font size (points, at 72 dpi) at which advance widths are read.
_UNIT = 100.0


def line_height(size: float) -> float:
    """Distance between baselines of wrapped lines, in points."""
    return size * LINE_SPACING


def wrap(text: str, width: float, size: float) -> list[str]:
    """Break ``text`` at spaces into lines no wider than ``width`` points.

    No-break spaces (U+00A0) hold words together.  A single word wider than the line (a
    long URL) is cut where it must be.
    """
    lines: list[str] = []
    current = ""
    for word in (w for w in text.split(" ") if w):
        trial = f"{current} {word}" if current else word
        if text_width(trial, size) <= width:
            current = trial
            continue
        if current:
            lines.append(current)
        current = word
        while text_width(current, size) > width and len(current) > 1:
            cut = len(current) - 1
            while cut > 1 and text_width(current[:cut], size) > width:
                cut -= 1
            lines.append(current[:cut])
            current = current[cut:]
    if current:
        lines.append(current)
    return lines
