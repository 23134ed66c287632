"""Drawing the story figure on matplotlib Axes: lines, bands, gaps, value labels, events.

:func:`draw_story` draws the series of a :class:`~troops.chart.story.Story` (or one panel
of it) on an Axes; every text is placed clear of every other text and of every line,
band and bar drawn, from font metrics (:func:`troops.plot.layout.text_width`), so the
placement needs no renderer and is the same in every format.  A label that finds no free
place is left out (the least important first: see
:class:`~troops.chart.story.ValueLabel`).  Artists carry ``gid``s
(``troops-story-level-us-iraq``, ``troops-story-value-us-iraq-3`` ...) that SVG output
keeps and tests use.
"""

from __future__ import annotations

import math
from datetime import date
from typing import TYPE_CHECKING

from troops.chart.story import Story, StoryPanel, StorySeries
from troops.chart.storyparts import Piece
from troops.plot import theme
from troops.plot.boxes import Box
from troops.plot.draw import hollow_marker, num, tint
from troops.plot.storylabels import (
    Frame,
    events_text,
    names_text,
    values_text,
)
from troops.plot.theme import SeriesStyle, series_style

if TYPE_CHECKING:
    # deferred: matplotlib loads only when something is drawn
    from matplotlib.axes import Axes

    # deferred: matplotlib loads only when something is drawn
    from matplotlib.text import Text

LINE_WIDTH = 1.3
STALE_SHARE = 0.4
RANGE_SHARE = 0.3
BAND_SHARE = 0.22
VAGUE_SHARE = 0.12
UNKNOWN_DASH = theme.UNKNOWN_DASH
#: Share of the highest count left free above it (for its value label).
PEAK_ROOM = 1.06
#: Most intervals between y ticks.
MAX_TICKS = 5


def y_top(peak: float) -> tuple[float, list[float]]:
    """The upper y limit for counts up to ``peak`` and the round ticks up to it: steps of
    1, 2, 2.5 or 5 times a power of ten, two to :data:`MAX_TICKS` intervals; the lowest
    such limit that leaves :data:`PEAK_ROOM` above the peak, with four intervals where
    there is a choice (10,000 in steps of 2,500)."""
    wanted = max(peak * PEAK_ROOM, 1.0)
    best: tuple[float, int, float] | None = None
    magnitude = int(math.log10(wanted))
    for exp in range(magnitude - 2, magnitude + 2):
        for m in (1.0, 2.0, 2.5, 5.0):
            step = m * 10**exp
            n = math.ceil(wanted / step - 1e-9)
            if 2 <= n <= MAX_TICKS:
                choice = (round(n * step, 6), abs(n - 4), step)
                if best is None or choice < best:
                    best = choice
    assert best is not None
    top, _, step = best
    return top, [k * step for k in range(round(top / step) + 1)]


def draw_story(
    ax: Axes,
    story: Story,
    panel: StoryPanel | None = None,
    *,
    labels: bool = True,
) -> list[Text]:
    """Draw ``panel`` of ``story`` (all its series on one Axes when ``None``) on ``ax``;
    returns the texts placed."""
    # deferred: matplotlib loads only when something is drawn
    from matplotlib.ticker import FixedLocator, StrMethodFormatter

    if panel is None:
        panel = StoryPanel("", story.series, tuple(e for p in story.panels for e in p.events))
    xlim = (num(story.start), num(story.end) + 1)
    top, ticks = y_top(panel.peak)
    ax.set_xlim(*xlim)
    ax.set_ylim(0, top)
    ax.yaxis.set_major_locator(FixedLocator(ticks))
    ax.yaxis.set_major_formatter(StrMethodFormatter("{x:,.0f}"))
    frame = Frame(ax, xlim, top)
    for s in panel.series:
        _draw_series(ax, frame, s, series_style(s.index))
    texts: list[Text] = []
    if labels:
        urls = {src.id: src.url for src in story.sources}
        texts += names_text(ax, frame, panel)
        texts += values_text(ax, frame, panel, urls, most=0)  # first and last levels
        texts += events_text(ax, frame, panel, urls)  # before peaks, gaps and changes
        texts += values_text(ax, frame, panel, urls, least=1)
    return texts


def _draw_series(ax: Axes, frame: Frame, s: StorySeries, style: SeriesStyle) -> None:
    """Bands, bars, the line (with its risers and slopes), lighter stale stretches,
    dashed unknown gaps and hollow targets of one series."""
    # deferred: matplotlib loads only when something is drawn
    from matplotlib.patches import Rectangle

    for i, b in enumerate(s.bands):
        x0, x1 = num(b.start), num(b.end)
        ax.add_patch(
            Rectangle(
                (x0, b.low),
                x1 - x0,
                b.high - b.low,
                facecolor=tint(style.color, BAND_SHARE),
                linewidth=0,
                zorder=theme.ZORDER["band"],
                gid=f"troops-story-band-{s.id}-{i}",
            )
        )
    main_x: list[float] = []
    main_y: list[float] = []
    last: tuple[date, float] | None = None
    after_stale = False
    for i, p in enumerate(s.pieces):
        if p.kind == "range":
            _draw_range(ax, frame, s.id, i, p, style)
            last = None
            continue
        if p.kind == "unknown":
            _draw_unknown(ax, frame, s.id, i, p, style)
            last = None
            continue
        assert p.y0 is not None
        assert p.y1 is not None
        if p.kind == "stale":
            ax.plot(
                [num(p.start), num(p.end)],
                [p.y0, p.y1],
                color=tint(style.color, STALE_SHARE),
                linestyle=style.linestyle,
                linewidth=LINE_WIDTH,
                solid_capstyle="butt",
                zorder=theme.ZORDER["line"] - 0.1,
                gid=f"troops-story-stale-{s.id}-{i}",
            )
            frame.segment(frame.x(p.start), frame.y(p.y0), frame.x(p.end), frame.y(p.y1))
        if last is not None and last[0] == p.start and p.kind != "stale":
            if after_stale:
                main_x.append(float("nan"))
                main_y.append(float("nan"))
            main_x.append(num(p.start))
            main_y.append(last[1])
            frame.segment(frame.x(p.start), frame.y(last[1]), frame.x(p.start), frame.y(p.y0))
        elif main_x and p.kind != "stale":
            main_x.append(float("nan"))
            main_y.append(float("nan"))
        if p.kind != "stale":
            main_x += [num(p.start), num(p.end)]
            main_y += [p.y0, p.y1]
            frame.segment(frame.x(p.start), frame.y(p.y0), frame.x(p.end), frame.y(p.y1))
        if p.kind == "vague":  # the days the step may fall on, shaded under its slope
            lo, hi = min(p.y0, p.y1), max(p.y0, p.y1)
            ax.add_patch(
                Rectangle(
                    (num(p.start), lo),
                    num(p.end) - num(p.start),
                    hi - lo,
                    facecolor=tint(style.color, VAGUE_SHARE),
                    linewidth=0,
                    zorder=theme.ZORDER["zone"],
                    gid=f"troops-story-vague-{s.id}-{i}",
                )
            )
        last = (p.end, p.y1)
        after_stale = p.kind == "stale"
    ax.plot(
        main_x,
        main_y,
        color=style.color,
        linestyle=style.linestyle,
        linewidth=LINE_WIDTH,
        solid_capstyle="butt",
        zorder=theme.ZORDER["line"],
        gid=f"troops-story-line-{s.id}",
    )
    for i, m in enumerate(s.marks):
        hollow_marker(ax, num(m.day), m.value, style, f"troops-story-target-{s.id}-{i}")
        r = theme.MARK_SIZE / 2 + 0.5
        x, y = frame.x(m.day), frame.y(m.value)
        frame.taken.append(Box(x - r, y - r, x + r, y + r))


def _draw_range(ax: Axes, frame: Frame, sid: str, i: int, p: Piece, style: SeriesStyle) -> None:
    """A range without a best value: a tinted bar with its two limits drawn, no line and
    no point inside."""
    # deferred: matplotlib loads only when something is drawn
    from matplotlib.patches import Rectangle

    assert p.y0 is not None
    assert p.y1 is not None
    x0, x1 = num(p.start), num(p.end)
    ax.add_patch(
        Rectangle(
            (x0, p.y0),
            x1 - x0,
            p.y1 - p.y0,
            facecolor=tint(style.color, RANGE_SHARE),
            edgecolor=style.color,
            linewidth=0.6,
            zorder=theme.ZORDER["band"] + 0.1,
            gid=f"troops-story-range-{sid}-{i}",
        )
    )
    frame.taken.append(
        Box(frame.x(p.start) - 1, frame.y(p.y0) - 1, frame.x(p.end) + 1, frame.y(p.y1) + 1)
    )


def _draw_unknown(ax: Axes, frame: Frame, sid: str, i: int, p: Piece, style: SeriesStyle) -> None:
    """An unknown number: a gap in the line, bridged by a thin dashed line between the
    levels on either side, and a short "?" label; never a full-height block."""
    y0 = p.y0 if p.y0 is not None else p.y1
    y1 = p.y1 if p.y1 is not None else p.y0
    if y0 is None or y1 is None:
        return
    ax.plot(
        [num(p.start), num(p.end)],
        [y0, y1],
        color=style.color,
        linestyle=UNKNOWN_DASH,
        linewidth=theme.UNKNOWN_WIDTH,
        zorder=theme.ZORDER["line"],
        gid=f"troops-story-unknown-{sid}-{i}",
    )
    frame.segment(frame.x(p.start), frame.y(y0), frame.x(p.end), frame.y(y1))
