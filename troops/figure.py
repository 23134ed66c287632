"""The whole paper figure: chart, legend, numbered source list, event list and note.

:func:`paper_figure` lays everything out in inches before drawing: the chart's height
follows the width (:func:`troops.layout.chart_height`), and the text under it is wrapped to
the width from font metrics, so the figure's height is exactly what its text needs and no
text runs off the canvas.  Each source entry is its own text, linked to the source's URL
when one is known.  The figure is a plain :class:`matplotlib.figure.Figure` (no pyplot);
:mod:`troops.figfile` writes it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import layout
from .annotate import EVENT_ROW_PT
from .chartdata import ChartData, Selection, chart_data
from .layout import MARGINS, NOTE_SIZE, SMALL_SIZE, line_height, text_width, wrap
from .legend import legend_entries
from .notes import Entry, event_entries, note_lines, source_entries
from .plot import HEADROOM_PT, date_format, draw_chart, y_top

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from .dataset import Dataset

#: Legend geometry in multiples of its font size (must match troops/paper.mplstyle).
LEGEND_HANDLE = 1.8 + 0.5
LEGEND_COLUMN_GAP = 1.2
LEGEND_ROW = 1.0
LEGEND_ROW_GAP = 0.3
LEGEND_PAD = 0.2
#: Room kept between entries on one line of a list, in points.
ENTRY_GAP = 8.0


#: Settings a style never changes (as in ``matplotlib.style``).
NOT_STYLE = frozenset(
    {
        "interactive", "backend", "backend_fallback", "toolbar", "timezone", "date.epoch",
        "webagg.port", "webagg.address", "webagg.port_retries", "webagg.open_in_browser",
        "figure.max_open_warning", "figure.raise_window", "savefig.directory",
        "tk.window_focus", "docstring.hardcopy",
    }
)  # fmt: skip


@lru_cache(maxsize=1)
def paper_rc() -> dict[str, Any]:
    """Matplotlib's defaults overlaid with ``troops/paper.mplstyle`` (the same settings as
    ``plt.style.use("troops.paper")`` after a reset), read once."""
    import matplotlib as mpl

    path = Path(__file__).with_name("paper.mplstyle")
    params = mpl.rc_params_from_file(str(path), use_default_template=True)
    return {k: v for k, v in params.items() if k not in NOT_STYLE}


@contextmanager
def paper_style() -> Iterator[None]:
    """Matplotlib's defaults plus ``troops/paper.mplstyle``, whatever the user's rc says."""
    import matplotlib as mpl

    rc: Any = paper_rc()
    with mpl.rc_context(rc):
        yield


@dataclass(frozen=True)
class Placed:
    """One text of a list under the chart: position (points from the block's top left)."""

    text: str
    x: float
    line: int
    url: str | None = None


def flow(heading: str, entries: Sequence[Entry], width: float, size: float) -> list[Placed]:
    """Lay out ``heading`` and ``entries`` left to right in lines ``width`` points wide.

    An entry never breaks across lines unless it is wider than a whole line; then it is
    wrapped at spaces (continued lines indented past its number), each piece keeps the
    entry's link, and the next entry starts a new line.
    """
    placed = [Placed(heading, 0.0, 0)]
    x = text_width(heading, size) + ENTRY_GAP / 2
    line = 0
    for entry in entries:
        w = text_width(entry.text, size)
        if x > 0 and x + w > width:
            line, x = line + 1, 0.0
        if w <= width - x:
            placed.append(Placed(entry.text, x, line, entry.url))
            x += w + ENTRY_GAP
            continue
        indent = text_width(entry.text.split(" ")[0] + " ", size)
        for k, piece in enumerate(wrap(entry.text, width - indent, size)):
            if k:
                line += 1
            placed.append(Placed(piece, indent if k else x, line, entry.url))
        line, x = line + 1, 0.0
    return placed


def legend_shape(labels: Sequence[str], width: float, size: float) -> tuple[int, int]:
    """(columns, rows) of the widest legend that fits ``width`` points.

    Columns are filled as matplotlib fills them: the first ``n % ncol`` columns get one
    entry more than the others.
    """
    n = len(labels)
    for ncol in range(n, 0, -1):
        rows, large = divmod(n, ncol)
        sizes = [rows + 1] * large + [rows] * (ncol - large)
        starts = [sum(sizes[:c]) for c in range(ncol)]
        cols = [labels[a : a + k] for a, k in zip(starts, sizes, strict=True)]
        widths = [LEGEND_HANDLE * size + max(text_width(t, size) for t in c) for c in cols]
        total = sum(widths) + LEGEND_COLUMN_GAP * size * (ncol - 1) + 2 * LEGEND_PAD * size
        if total <= width:
            return ncol, max(sizes)
    return 1, n


def _legend_height(rows: int) -> float:
    """Height in inches of a legend of ``rows`` rows (2 pt to spare)."""
    if not rows:
        return 0.0
    fs = SMALL_SIZE
    return (
        rows * LEGEND_ROW * fs + (rows - 1) * LEGEND_ROW_GAP * fs + 2 * LEGEND_PAD * fs + 2
    ) / 72


def paper_figure(ds: Dataset, selection: Selection | None = None, *, width: float) -> Figure:
    """The full figure for ``selection`` of ``ds``, ``width`` inches wide."""
    return assemble(chart_data(ds, selection), width=width)


def assemble(chart: ChartData, *, width: float) -> Figure:
    """Lay out and draw ``chart`` with its legend and lists, ``width`` inches wide."""
    from matplotlib.figure import Figure

    m = MARGINS
    with paper_style():
        text_w = (width - 2 * m.edge) * 72
        handles, labels = legend_entries(chart)
        ncol, rows = legend_shape(labels, text_w, SMALL_SIZE) if labels else (1, 0)
        legend_h = _legend_height(rows)
        blocks = _blocks(chart, text_w)
        step = line_height(NOTE_SIZE)
        notes_h = sum((1 + max(p.line for p in b)) * step for b in blocks) / 72
        chart_h = layout.chart_height(width)
        left = m.edge + m.label + _ytick_width(chart, chart_h) / 72
        sample = chart.end.strftime(date_format(chart))
        right = max(m.right, (text_width(sample, SMALL_SIZE) / 2 + 3) / 72)
        height = m.top + chart_h + m.ticks + legend_h + m.gap + notes_h + m.bottom
        fig = Figure(figsize=(width, height))
        ax = fig.add_axes(
            (
                left / width,
                (height - m.top - chart_h) / height,
                (width - left - right) / width,
                chart_h / height,
            )
        )
        draw_chart(ax, chart, legend=False)
        y = height - m.top - chart_h - m.ticks
        if rows:
            fig.legend(
                handles,
                labels,
                loc="upper left",
                bbox_to_anchor=(m.edge / width, y / height),
                bbox_transform=fig.transFigure,
                borderaxespad=0,
                ncol=ncol,
            )
        y -= legend_h + m.gap
        for b, block in enumerate(blocks):
            for i, p in enumerate(block):
                fig.text(
                    m.edge + p.x / 72,
                    y - (NOTE_SIZE + p.line * step) / 72,
                    p.text,
                    transform=fig.dpi_scale_trans,
                    fontsize=NOTE_SIZE,
                    fontweight="normal",
                    va="baseline",
                    url=p.url,
                    parse_math=False,
                    gid=f"troops-note-{b}-{i}",
                )
            y -= (1 + max(p.line for p in block)) * step / 72
    return fig


def _blocks(chart: ChartData, width: float) -> list[list[Placed]]:
    """Sources, events and the note, each flowed into lines ``width`` points wide."""
    sources = source_entries(chart) or [Entry("none: nothing is drawn in this range")]
    blocks = [flow("Sources:", sources, width, NOTE_SIZE)]
    if chart.events:
        blocks.append(flow("Events:", event_entries(chart), width, NOTE_SIZE))
    notes = " ".join(note_lines(chart))
    if notes:
        lines = wrap(notes, width, NOTE_SIZE)
        blocks.append([Placed(text, 0.0, i) for i, text in enumerate(lines)])
    return blocks


def _ytick_width(chart: ChartData, chart_h: float) -> float:
    """Width in points of the widest y tick label, with the tick and its padding."""
    from matplotlib.ticker import MaxNLocator

    top = y_top(chart, chart_h * 72, HEADROOM_PT + 3 * EVENT_ROW_PT)
    ticks = MaxNLocator(nbins=5, steps=[1, 2, 2.5, 5, 10], integer=True).tick_values(0, top)
    widest = max(text_width(f"{t:,.0f}", SMALL_SIZE) for t in ticks if 0 <= t <= top)
    return widest + 3.0 + 2.5 + 2.0
