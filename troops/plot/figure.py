"""The whole paper figure: panels, legend, numbered source list, event list and note.

The series are drawn as small multiples: one panel per group of series
(:class:`troops.chart.chartdata.Panel`: US in Iraq; coalition and NATO in Iraq; US in Syria),
stacked on a shared time axis, each with its own y scale and title, so a level of 500 is
not squashed under one of 9,000.  Each panel draws and letters only the events that
concern its series (events naming no series: every panel).  :func:`paper_figure` lays
everything out in inches before drawing: each panel's height follows the width and how
many points it labels (:func:`troops.plot.layout.panel_heights`), and the text under the
chart is laid out from font metrics (:mod:`troops.plot.sourcelist`), so the figure's
height is exactly what it needs and no text runs off the canvas.  Each source entry is
its own text, linked to the source's URL when one is known.  The figure is a plain
:class:`matplotlib.figure.Figure` (no pyplot); :mod:`troops.plot.figfile` writes it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import timedelta
from typing import TYPE_CHECKING

from troops.chart.assemble import chart_data
from troops.chart.chartdata import ChartData, Panel, Selection
from troops.chart.notes import Entry, event_entries, note_lines, source_entries
from troops.chart.runs import RUN_MIN, runs
from troops.plot import layout, theme, timeaxis
from troops.plot.annotate import fontsize
from troops.plot.eventmarks import EVENT_ROW_PT, rows_needed
from troops.plot.layout import MARGINS, NOTE_SIZE, SMALL_SIZE, line_height, text_width
from troops.plot.legend import legend_entries, legend_shape, legend_size
from troops.plot.sourcelist import Placed, entry_block, lines_of, text_block
from troops.plot.stepchart import HEADROOM_PT, draw_chart, y_locator, y_top
from troops.plot.style import paper_style

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from troops.dataset.api import Dataset

#: Room above each panel for its title, and the title's distance from the axes, in points.
TITLE_PT = 10.5
TITLE_PAD = 2.0
#: Room between the lists under the chart (sources, events, note), in points.
BLOCK_GAP = 2.5


def paper_figure(
    ds: Dataset, selection: Selection | None = None, *, width: float, lists: bool = True
) -> Figure:
    """The full figure for ``selection`` of ``ds``, ``width`` inches wide (``lists=False``:
    without the source and event lists under the chart)."""
    return assemble(chart_data(ds, selection), width=width, lists=lists)


def panel_chart(chart: ChartData, panel: Panel) -> ChartData:
    """``chart`` with only the events that concern a series of ``panel`` (untagged events
    concern every panel): each panel draws and letters its own events."""
    if not panel.series:
        return chart
    events = tuple(e for e in chart.events if not e.series or set(e.series) & set(panel.series))
    return replace(chart, events=events)


def legend_series(chart: ChartData) -> list[str]:
    """The series the legend names: those sharing a panel (a panel of its own is named
    by its title)."""
    return [sid for p in chart.panels if len(p.series) > 1 for sid in p.series]


def label_count(chart: ChartData, panel: Panel) -> int:
    """How many number labels ``panel`` draws (runs of points count once)."""
    count = 0
    for s in chart.panel_series(panel):
        for segs in (s.segments, s.superseded):
            count += sum(1 if len(g) >= RUN_MIN else len(g) for g in runs(chart, segs))
        count += len(s.marks) + sum(1 for g in s.segments if g.unknown)
    return count


def assemble(chart: ChartData, *, width: float, lists: bool = True) -> Figure:
    """Lay out and draw ``chart`` in panels with its legend and lists, ``width`` inches
    wide; with ``lists=False`` the sources, events and note are left to the caption."""
    # deferred: matplotlib loads only when something is drawn
    from matplotlib.figure import Figure

    m = MARGINS
    panels = chart.panels or (Panel("", ()),)
    with paper_style():
        text_w = (width - 2 * m.edge) * 72
        handles, labels = legend_entries(chart, legend_series(chart))
        ncol, rows = legend_shape(labels, text_w, SMALL_SIZE) if labels else (1, 0)
        legend_h = (legend_size(labels, ncol, SMALL_SIZE)[1] + 2) / 72 if rows else 0.0
        blocks = _blocks(chart, text_w) if lists else []
        step = line_height(NOTE_SIZE)
        notes_h = (
            (sum(lines_of(b) * step for b in blocks) + BLOCK_GAP * (len(blocks) - 1)) / 72
            if blocks
            else 0.0
        )
        heights = layout.panel_heights(width, [label_count(chart, p) for p in panels])
        unit = timeaxis.unit_for(chart.start, chart.end + timedelta(days=1))
        right = max(m.right, (timeaxis.widest_label(unit, SMALL_SIZE) / 2 + 3) / 72)
        left = _left_margin(chart, panels, heights, width, right)
        title_h = TITLE_PT / 72
        chart_h = sum(heights) + title_h * len(panels) + m.panel_gap * (len(panels) - 1)
        height = m.top + chart_h + m.ticks + legend_h + m.gap + notes_h + m.bottom
        fig = Figure(figsize=(width, height))
        y = height - m.top
        for k, (panel, h) in enumerate(zip(panels, heights, strict=True)):
            y -= title_h + h
            ax = fig.add_axes(
                (left / width, y / height, (width - left - right) / width, h / height)
            )
            here = panel_chart(chart, panel)
            draw_chart(ax, here, only=panel.series, legend=False, ylabel="")
            ax.annotate(
                panel.title,
                (0, 1),
                xycoords="axes fraction",
                xytext=(0, TITLE_PAD),
                textcoords="offset points",
                ha="left",
                va="bottom",
                fontsize=SMALL_SIZE,
                color=theme.TITLE_COLOR,
                annotation_clip=False,
                parse_math=False,
                gid=f"troops-paneltitle-{k}",
            )
            if k < len(panels) - 1:
                ax.tick_params(labelbottom=False)
                y -= m.panel_gap
        y -= m.ticks
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
        _draw_blocks(fig, blocks, m.edge, y)
    return fig


def _draw_blocks(fig: Figure, blocks: list[list[Placed]], left: float, top: float) -> None:
    """Draw the lists under the chart, the first line's top ``top`` inches from the bottom."""
    step = line_height(NOTE_SIZE)
    y = top
    for b, block in enumerate(blocks):
        for i, p in enumerate(block):
            fig.text(
                left + p.x / 72,
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
        y -= (lines_of(block) * step + BLOCK_GAP) / 72


def _blocks(chart: ChartData, width: float) -> list[list[Placed]]:
    """Sources, events and the note, each laid out in lines ``width`` points wide."""
    sources = source_entries(chart) or [Entry("none: nothing is drawn in this range")]
    blocks = [entry_block("Sources:", sources, width, NOTE_SIZE)]
    if chart.events:
        blocks.append(entry_block("Events:", event_entries(chart), width, NOTE_SIZE))
    notes = " ".join(note_lines(chart))
    if notes:
        blocks.append(text_block(notes, width, NOTE_SIZE))
    return blocks


def _left_margin(
    chart: ChartData, panels: Sequence[Panel], heights: Sequence[float], width: float, right: float
) -> float:
    """Left edge of the axes in inches: room for the widest y tick label of any panel.

    The y limits depend on the rows of event letters in each panel, which depend on
    the axes width, which depends on this margin: it is worked out until it settles."""

    size = fontsize(theme.LABEL_SCALE)
    left = MARGINS.edge + 0.4
    for _ in range(4):
        axes_w = (width - left - right) * 72
        widest = 0.0
        for panel, h in zip(panels, heights, strict=True):
            here = panel_chart(chart, panel)
            rows = rows_needed(here, axes_w, size) if here.events else 0
            reserve = HEADROOM_PT + EVENT_ROW_PT * rows
            top = y_top(chart.panel_series(panel), h * 72, reserve)
            ticks = y_locator(h * 72).tick_values(0, top)
            labels = [text_width(f"{t:,.0f}", SMALL_SIZE) for t in ticks if 0 <= t <= top]
            widest = max([widest, *labels])
        new = MARGINS.edge + (widest + 3.0 + 2.5 + 2.0) / 72
        if new == left:
            break
        left = new
    return left
