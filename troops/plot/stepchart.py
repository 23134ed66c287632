"""Step charts of reported troop levels: :func:`step_chart` draws on a matplotlib Axes.

>>> import matplotlib.pyplot as plt, troops
>>> fig, ax = plt.subplots()
>>> troops.step_chart(troops.load(), series=["us-iraq"], ax=ax)
>>> troops.drawn_sources(ax).sources  # what to cite: the reports of what was drawn

Like seaborn's functions it draws on the Axes it is given (the current one by default) and
returns it; it never creates files or shows windows.  Two kinds: ``kind="story"`` (the
default) draws the story chart of :mod:`troops.plot.story` (levels, values written where
they matter, at most five uncertainty marks, headline events in words);
``kind="evidence"`` draws the dense chart for auditing.  Per series the evidence chart
draws the step line, a band for hedged numbers (open, fading, on the side a "more than"
leaves open), shaded timing zones where a date is only a month, a year or an interval,
hatched unknown spans, hollow targets and caps, faint superseded levels, a numbered
marker at every reported point and a dotted "≠" line joining reports that disagree;
events are thin vertical lines with letters.  The numbers and letters refer to the source
and event lists that :mod:`troops.chart.notes` writes (and :mod:`troops.plot.figure` puts
under the chart); :func:`troops.chart.assemble.chart_data` decides what is drawn.
:func:`draw_chart` can draw some of the series only: :mod:`troops.plot.figure` draws each
panel on its own Axes with it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from typing import TYPE_CHECKING, Literal, NamedTuple
from weakref import WeakKeyDictionary

from troops.chart.assemble import chart_data
from troops.chart.chartdata import ChartData, Selection, SeriesData
from troops.chart.story import story_data
from troops.core.dates import DateLike, first_day, last_day
from troops.plot import annotate, draw, theme, timeaxis
from troops.plot.boxes import Box
from troops.plot.conflictdraw import draw_conflicts, marker_spots
from troops.plot.eventmarks import EVENT_ROW_PT, TOP_PT, draw_events, letter_groups
from troops.plot.legend import legend_entries, place_legend
from troops.plot.story import draw_story
from troops.plot.storylabels import placed_events
from troops.plot.style import say_nothing
from troops.plot.theme import series_style

if TYPE_CHECKING:
    from matplotlib.artist import Artist
    from matplotlib.axes import Axes
    from matplotlib.lines import Line2D
    from matplotlib.ticker import MaxNLocator

    from troops.core.model import Event, Source
    from troops.dataset.api import Dataset

#: Room kept free above the highest value for labels, in points (event rows come on top).
HEADROOM_PT = 14.0
#: Room kept for a marker's number label when the legend looks for a free place, in points.
LABEL_ROOM_PT = 6.0
KINDS = ("story", "evidence")


class Drawn(NamedTuple):
    """The sources (in publication order for a story, in number order for the evidence
    chart) and the events of what one :func:`step_chart` call drew."""

    sources: tuple[Source, ...]
    events: tuple[Event, ...]


#: What the last step_chart call drew on each Axes (forgotten with the Axes).
_DRAWN: WeakKeyDictionary[Axes, Drawn] = WeakKeyDictionary()


def drawn_sources(ax: Axes) -> Drawn:
    """The sources and events of what :func:`step_chart` drew on ``ax`` (to cite them);
    raises ``KeyError`` for Axes it did not draw on."""
    try:
        return _DRAWN[ax]
    except KeyError:
        raise KeyError("step_chart did not draw on these Axes") from None


def step_chart(
    dataset: Dataset,
    *,
    series: Sequence[str] | str | None = None,
    ax: Axes | None = None,
    since: DateLike = None,
    until: DateLike = None,
    known_on: DateLike = None,
    events: bool = True,
    superseded: bool = True,
    conflicts: bool = True,
    numbers: bool = True,
    legend: bool = True,
    kind: Literal["story", "evidence"] = "story",
    targets: bool = False,
) -> Axes:
    """Draw the step chart of ``series`` from ``dataset`` on ``ax``; returns ``ax``.

    ``kind="story"`` (default: US troops in Iraq and Syria and the other coalition in
    Iraq, when ``series`` is not given) draws the story chart, ``kind="evidence"`` (default:
    all series) the evidence chart.  ``since``/``until`` limit the dates shown (a year or
    month means its first/last day), ``known_on`` shows the series as known on that day,
    ``events`` draws the events (the story: its headline events, in words).  Only for the
    story: ``targets`` draws targets and caps as hollow markers.  Only for the evidence
    chart: ``superseded`` draws revised levels faintly, ``conflicts`` joins reports that
    disagree, ``numbers`` labels each reported point with its source number and
    ``legend`` adds a legend to ``ax``.  :func:`drawn_sources` gives the sources and
    events of what was drawn.
    """
    if kind not in KINDS:
        raise ValueError(f"kind {kind!r} is not one of {', '.join(KINDS)}")
    selection = Selection(
        series=(series,) if isinstance(series, str) else (tuple(series) if series else None),
        since=first_day(since),
        until=last_day(until),
        known_on=last_day(known_on),
        events=events,
        superseded=superseded,
        conflicts=conflicts,
    )
    if selection.since and selection.until and selection.since > selection.until:
        raise ValueError(f"since {selection.since} is after until {selection.until}")
    if ax is None:
        # deferred: matplotlib loads only when something is drawn
        import matplotlib.pyplot as plt

        ax = plt.gca()
    if kind == "story":
        story = story_data(dataset, selection, targets=targets)
        placed = draw_story(ax, story)
        story = story.keep_events(placed_events(placed))  # those that found room
        _DRAWN[ax] = Drawn(story.sources, story.events)
        return ax
    chart = chart_data(dataset, selection)
    draw_chart(ax, chart, numbers=numbers, legend=legend)
    _DRAWN[ax] = Drawn(chart.sources, chart.events)
    return ax


def draw_chart(
    ax: Axes,
    chart: ChartData,
    *,
    only: Sequence[str] | None = None,
    numbers: bool = True,
    legend: bool = True,
    letters: bool = True,
    ylabel: str = "Troops",
) -> Axes:
    """Draw ``chart`` (see :func:`troops.chart.assemble.chart_data`) on ``ax``: all its series,
    or those named in ``only``.  Event lines are always drawn, their letters only with
    ``letters``; the y axis gets ``ylabel`` (none when empty)."""
    series = [s for s in chart.series if only is None or s.id in only]
    ids = {s.id for s in series}
    width_pt, height_pt = annotate.axes_size_pt(ax)
    size = annotate.fontsize(theme.LABEL_SCALE)
    groups = letter_groups(chart, width_pt, size) if letters and chart.events else None
    rows = max((g.row + 1 for g in groups or []), default=0)
    top = y_top(series, height_pt, HEADROOM_PT + EVENT_ROW_PT * rows)
    ax.set_xlim(draw.num(chart.start), draw.num(chart.end) + 1)
    ax.set_ylim(0, top)
    obstacles: list[Artist] = []
    anchors: list[annotate.Anchor] = []
    lines: list[Line2D] = []
    for s in series:
        style = series_style(s.index)
        lines += draw.draw_unknown(ax, s.id, s.segments, style)
        draw.draw_bands(ax, s.id, s.segments, style, top)
        draw.draw_zones(ax, s.id, s.segments, style, top)
        lines.append(draw.draw_levels(ax, s.id, s.segments, style))
        lines += draw.draw_superseded(ax, s.id, s.superseded, style, top)
        draw.draw_marks(ax, s.id, s.marks, style)
        unknown = annotate.unknown_labels(ax, s, style, named=len(series) > 1, row=series.index(s))
        obstacles += [text for text, _ in unknown]
        anchors += annotate.draw_points(ax, chart, s, style)
        anchors += annotate.unknown_anchors(ax, chart, s.id, unknown)
    conflicts = draw_conflicts(ax, chart, [c for c in chart.conflicts if c.series in ids])
    lines += conflicts.lines
    anchors += conflicts.anchors
    obstacles += draw_events(ax, chart, groups, size)
    radius = theme.CONFLICT_MARKER_SIZE / 2
    spots = [(x, y, radius) for x, y in conflicts.glyphs]
    taken = (
        _legend(ax, chart, ids, lines, obstacles, TOP_PT + EVENT_ROW_PT * rows) if legend else []
    )
    if numbers:
        annotate.number_labels(ax, anchors, obstacles, lines, spots, taken)
    _format_axes(ax, chart, ylabel, (width_pt, height_pt))
    if not any(s.drawn for s in series):
        say_nothing(ax, size)
    return ax


def _legend(
    ax: Axes,
    chart: ChartData,
    ids: set[str],
    lines: list[Line2D],
    texts: list[Artist],
    top_pt: float,
) -> list[Box]:
    """Put the legend of the series ``ids`` inside ``ax`` where it covers least of what is
    drawn, below the event letters (``top_pt`` points from the top); returns its box (for
    the number labels to keep off), none when there is nothing to name."""
    handles, labels = legend_entries(chart, ids)
    if not any(s.drawn for s in chart.series if s.id in ids):
        return []
    fig = ax.get_figure()
    assert fig is not None
    scale = fig.dpi / 72
    drawn = annotate.line_boxes(ax, lines, scale)
    drawn += [annotate.estimated_box(t, scale) for t in texts]
    for x, y, r in marker_spots(ax):  # a marker, and room for its label
        px, py = ax.transData.transform((x, y))
        half = (r + LABEL_ROOM_PT) * scale
        drawn.append(Box(px - half, py - half, px + half, py + half))
    size = annotate.fontsize(theme.LABEL_SCALE)
    _, box = place_legend(ax, handles, labels, drawn, size=size, top_pt=top_pt + 1.0)
    return [box]


def y_top(series: Sequence[SeriesData], height_pt: float, reserve_pt: float) -> float:
    """Upper y limit: the highest value drawn, with ``reserve_pt`` points free above it."""
    values = [
        v
        for s in series
        for seg in (*s.segments, *s.superseded)
        for v in (seg.value, seg.low, seg.high)
        if v is not None
    ] + [v for s in series for m in s.marks for v in (m.value, m.low, m.high) if v]
    peak = float(max(values)) if values else 1000.0
    share = min(reserve_pt / max(height_pt, 1.0), 0.5)
    return peak / (1.0 - share)


def y_bins(height_pt: float) -> int:
    """How many y intervals an axes ``height_pt`` points high gets (2 to 5)."""
    return max(2, min(5, int(height_pt // 26)))


def time_ticks(chart: ChartData, width_pt: float) -> timeaxis.TimeTicks:
    """The x ticks of ``chart`` on axes ``width_pt`` points wide ."""
    return timeaxis.choose(chart.start, chart.end + timedelta(days=1), width_pt, tick_size())


def tick_size() -> float:
    """The size of x tick labels in points (``xtick.labelsize``)."""
    # deferred: matplotlib loads only when something is drawn
    import matplotlib as mpl
    from matplotlib.font_manager import FontProperties

    return float(FontProperties(size=mpl.rcParams["xtick.labelsize"]).get_size_in_points())


def _format_axes(ax: Axes, chart: ChartData, ylabel: str, size_pt: tuple[float, float]) -> None:
    # deferred: matplotlib loads only when something is drawn
    from matplotlib.ticker import StrMethodFormatter

    locator, formatter = timeaxis.axis_ticks(time_ticks(chart, size_pt[0]))
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(formatter)
    ax.yaxis.set_major_locator(y_locator(size_pt[1]))
    ax.yaxis.set_major_formatter(StrMethodFormatter("{x:,.0f}"))
    if ylabel:
        ax.set_ylabel(ylabel)


def y_locator(height_pt: float) -> MaxNLocator:
    """Round y ticks for an axes ``height_pt`` points high."""
    # deferred: matplotlib loads only when something is drawn
    from matplotlib.ticker import MaxNLocator

    return MaxNLocator(nbins=y_bins(height_pt), steps=[1, 2, 2.5, 5, 10], integer=True)
