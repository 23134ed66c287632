"""Events on a step chart: thin vertical lines, and their letters in rows at the top.

Each event is a thin line (a lightly shaded span between two lines when its date is a
month or a range); all lines of an Axes are one collection, drawn fast. Its letter (``a``,
``b``, ... in date order, as in the event list) sits at the top of the axes. Events whose
lines lie closer than :data:`MERGE_PT` points cannot be told apart at print size, so they
share one label: ``i–m`` for a run of three or more letters, ``e,f`` for two (the letters
follow date order, so the list under the chart says which line is which). Labels that
would touch go to lower rows. In a figure of several panels every panel draws the lines
and only the top one the letters.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from troops.chart.chartdata import ChartData, event_letter
from troops.plot import draw, theme
from troops.plot.annotate import axes_size_pt
from troops.plot.layout import text_width

if TYPE_CHECKING:
    from matplotlib.artist import Artist
    from matplotlib.axes import Axes

#: Vertical distance between rows of event letters, in points.
EVENT_ROW_PT = 8.5
#: Events whose lines lie closer than this (points) share one label.
MERGE_PT = 2.5
#: Room between the top of the axes and the first row of letters, in points.
TOP_PT = 1.5


@dataclass(frozen=True)
class LetterGroup:
    """One label over one or more events: its text, events (indices) and row."""

    text: str
    events: tuple[int, ...]
    share: float
    row: int


def event_x(start: date, end: date) -> float:
    """Where an event's letter points: its day, or the middle of its span."""
    return (draw.num(start) + draw.num(end) + 1) / 2 if start != end else draw.num(start)


def _share(chart: ChartData, x: float) -> float:
    lo, hi = draw.num(chart.start), draw.num(chart.end) + 1
    return (x - lo) / max(hi - lo, 1.0)


def group_text(places: Sequence[int]) -> str:
    """``c``, ``e,f``, ``i–m`` or ``c,f,h``: the label of the events at ``places`` in the
    dataset's order (a dash only where every letter between is in the group)."""
    first, last = places[0], places[-1]
    if first == last:
        return event_letter(first)
    if len(places) == 2 or list(places) != list(range(first, last + 1)):
        return ",".join(event_letter(p) for p in places)
    return f"{event_letter(first)}–{event_letter(last)}"


def letter_groups(chart: ChartData, width_pt: float, size: float) -> list[LetterGroup]:
    """The event labels of ``chart`` on axes ``width_pt`` points wide, with their rows."""
    runs: list[list[int]] = []
    last_x = None
    for i, e in enumerate(chart.events):
        x = _share(chart, event_x(e.period.start, e.period.end)) * width_pt
        if runs and last_x is not None and x - last_x < MERGE_PT:
            runs[-1].append(i)
        else:
            runs.append([i])
        last_x = x
    groups: list[LetterGroup] = []
    ends: list[float] = []
    for run in runs:
        text = group_text([chart.event_order.get(chart.events[i].id, i) for i in run])
        xs = [_share(chart, event_x(chart.events[i].period.start, chart.events[i].period.end))
              for i in run]  # fmt: skip
        half = text_width(text, size) / 2 + 1.5
        margin = half / max(width_pt, 1.0)
        share = min(max(sum(xs) / len(xs), margin), 1.0 - margin)
        x = share * width_pt
        row = next((r for r, end in enumerate(ends) if x - half > end), len(ends))
        if row == len(ends):
            ends.append(x + half)
        else:
            ends[row] = x + half
        groups.append(LetterGroup(text, tuple(run), share, row))
    return groups


def rows_needed(chart: ChartData, width_pt: float, size: float) -> int:
    """How many rows of letters the events of ``chart`` take."""
    groups = letter_groups(chart, width_pt, size)
    return max((g.row for g in groups), default=-1) + 1


def draw_events(
    ax: Axes, chart: ChartData, groups: list[LetterGroup] | None, size: float
) -> list[Artist]:
    """Lines for every event; with ``groups``, the letters too, lines reaching up to
    them.  Returns the letter texts (obstacles for other labels)."""

    _, height_pt = axes_size_pt(ax)
    reach_of = {}
    letters: list[Artist] = []
    for g in groups or []:
        top = 1.0 - (TOP_PT + g.row * EVENT_ROW_PT) / max(height_pt, 1.0)
        for i in g.events:
            reach_of[i] = top - size * 1.2 / max(height_pt, 1.0)
        gid = chart.events[g.events[0]].id
        letters.append(
            ax.text(
                g.share,
                top,
                g.text,
                transform=ax.transAxes,
                ha="center",
                va="top",
                fontsize=size,
                color="0.25",
                parse_math=False,
                zorder=theme.ZORDER["label"],
                bbox={"boxstyle": "square,pad=0.1", "facecolor": "white", "linewidth": 0},
                gid=f"troops-eventlabel-{gid}",
            )
        )
    lines: list[list[tuple[float, float]]] = []
    spans: list[list[tuple[float, float]]] = []
    for i, e in enumerate(chart.events):
        p = e.period
        reach = reach_of.get(i, 1.0)
        x0, x1 = draw.num(p.start), draw.num(p.end) + (0 if p.start == p.end else 1)
        lines += [[(x, 0.0), (x, reach)] for x in dict.fromkeys((x0, x1))]
        if x1 > x0:
            spans.append([(x0, 0.0), (x1, 0.0), (x1, reach), (x0, reach)])
    _collections(ax, lines, spans)
    return letters


def _collections(
    ax: Axes, lines: list[list[tuple[float, float]]], spans: list[list[tuple[float, float]]]
) -> None:
    """All event lines of ``ax`` as one collection (gid ``troops-events``), their spans as
    another (``troops-eventspans``): x in data, y as a share of the axes height."""
    # deferred: matplotlib loads only when something is drawn
    from matplotlib.collections import LineCollection, PolyCollection

    if lines:
        ax.add_collection(
            LineCollection(
                lines,
                colors=theme.EVENT_COLOR,
                linewidths=theme.EVENT_LINEWIDTH,
                transform=ax.get_xaxis_transform(),
                zorder=theme.ZORDER["event"],
                gid="troops-events",
            ),
            autolim=False,
        )
    if spans:
        ax.add_collection(
            PolyCollection(
                spans,
                facecolors=theme.EVENT_COLOR,
                alpha=theme.EVENT_ZONE_ALPHA,
                linewidths=0,
                transform=ax.get_xaxis_transform(),
                zorder=theme.ZORDER["event"],
                gid="troops-eventspans",
            ),
            autolim=False,
        )
