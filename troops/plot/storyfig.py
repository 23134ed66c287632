"""The story figure as a whole: panels on a shared time axis, a one-line key, a footer.

:func:`story_figure` lays the figure out in inches before drawing: a column figure is
3.5 in wide and at most :data:`COLUMN_MAX_HEIGHT` tall, a page figure 7.16 in wide and at
most :data:`PAGE_MAX_HEIGHT`, whatever is selected; the panels share the room left by the
titles, the time axis, the key and the footer.  The key names only the uncertainty marks
drawn (at most five, plus targets when asked for), one entry each; the footer
(:func:`troops.chart.story.footer`) says what the data is, how many reports it draws on,
the troops version and dataset digest, and where each point's source is.  No list of
sources under the chart: they go to the caption.  The figure is a plain
:class:`matplotlib.figure.Figure` (no pyplot); :mod:`troops.plot.figfile` writes it.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from troops import __version__
from troops.chart.story import KEY_TEXT, Story, StorySeries, footer
from troops.plot import theme, timeaxis
from troops.plot.draw import tint
from troops.plot.layout import COLUMN_WIDTH, PAGE_WIDTH, text_width, wrap
from troops.plot.story import (
    BAND_SHARE,
    LINE_WIDTH,
    RANGE_SHARE,
    STALE_SHARE,
    UNKNOWN_DASH,
    VAGUE_SHARE,
    draw_story,
    y_top,
)
from troops.plot.storylabels import placed_events, placed_names
from troops.plot.style import paper_style, say_nothing
from troops.plot.theme import series_style

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

COLUMN_MAX_HEIGHT = 3.0
PAGE_MAX_HEIGHT = 4.5
#: A panel is never taller than this share of the width (nor than PANEL_MAX inches).
PANEL_ASPECT = 0.42
PANEL_MAX = 2.6
KEY_SIZE = 6.5
FOOTER_SIZE = 6.0
#: Most lines the footer takes (the counts by publisher type are left out to keep it so).
FOOTER_LINES = 2
TITLE_SIZE = 7.5
TICK_SIZE = 7.0
#: Inches: above the top title, per title, between panels, the time axis labels, ...
TOP = 0.03
TITLE = 0.14
GAP = 0.05
TICKS = 0.17
KEY_GAP = 0.03
BOTTOM = 0.03
EDGE = 0.04
RIGHT = 0.1
#: Width of a key swatch and the room after it and after its words, in points.
SWATCH_PT = 12.0
SWATCH_GAP = 2.5
ENTRY_GAP = 8.0
LINE_STEP = 1.3
KEY_COLOR = "0.35"


def max_height(width: float) -> float:
    """The tallest a figure ``width`` inches wide may be (the column and page limits; in
    between, in proportion)."""
    if width <= COLUMN_WIDTH:
        return COLUMN_MAX_HEIGHT
    if width >= PAGE_WIDTH:
        return PAGE_MAX_HEIGHT
    share = (width - COLUMN_WIDTH) / (PAGE_WIDTH - COLUMN_WIDTH)
    return COLUMN_MAX_HEIGHT + share * (PAGE_MAX_HEIGHT - COLUMN_MAX_HEIGHT)


#: Prefix of a key entry that names a series (one whose name found no room at its line).
SERIES_ENTRY = "series:"


def key_rows(story: Story, width_pt: float, named: tuple[str, ...] = ()) -> list[list[str]]:
    """The key's entries (mark kinds, then ``SERIES_ENTRY`` + id of each series in
    ``named``) in rows that fit ``width_pt`` points."""
    rows: list[list[str]] = [[]]
    used = 0.0
    for kind in (*story.marks, *(SERIES_ENTRY + sid for sid in named)):
        w = SWATCH_PT + SWATCH_GAP + text_width(_key_text(story, kind), KEY_SIZE) + ENTRY_GAP
        if rows[-1] and used + w - ENTRY_GAP > width_pt:
            rows.append([])
            used = 0.0
        rows[-1].append(kind)
        used += w
    return [r for r in rows if r]


def story_figure(story: Story, *, width: float, digest: str) -> Figure:
    """Lay out and draw ``story`` ``width`` inches wide (see the module docstring).  A
    series whose name finds no room next to its line is named in the key instead (the
    figure is then laid out again with that key)."""
    fig = _story_figure(story, width, digest, ())
    named = placed_names(t for ax in fig.axes for t in ax.texts)
    unnamed = tuple(s.id for s in story.series if s.pieces and s.id not in named)
    return _story_figure(story, width, digest, unnamed) if unnamed else fig


def _key_text(story: Story, entry: str) -> str:
    """The words of a key entry: a mark kind's, or the name of a series."""
    if entry.startswith(SERIES_ENTRY):
        return _series(story, entry.removeprefix(SERIES_ENTRY)).name
    return KEY_TEXT[entry]


def _series(story: Story, sid: str) -> StorySeries:
    """The series ``sid`` of ``story``."""
    return next(s for s in story.series if s.id == sid)


def _story_figure(story: Story, width: float, digest: str, named: tuple[str, ...]) -> Figure:
    # deferred: matplotlib loads only when something is drawn
    from matplotlib.figure import Figure

    with paper_style():
        text_w = (width - 2 * EDGE) * 72
        rows = key_rows(story, text_w, named)
        lines = footer_lines(story, digest, text_w)
        key_h = len(rows) * KEY_SIZE * LINE_STEP / 72
        foot_h = len(lines) * FOOTER_SIZE * LINE_STEP / 72
        n = max(len(story.panels), 1)
        fixed = TOP + n * TITLE + (n - 1) * GAP + TICKS + key_h + KEY_GAP + foot_h + BOTTOM
        panel_h = min((max_height(width) - fixed) / n, PANEL_ASPECT * width, PANEL_MAX)
        height = round(fixed + n * panel_h, 3)
        unit = timeaxis.unit_for(story.start, story.end + timedelta(days=1))
        right = max(RIGHT, (timeaxis.widest_label(unit, TICK_SIZE) / 2 + 2) / 72)
        left = EDGE + (_widest_tick(story) + 6.0) / 72
        axes_w = width - left - right
        fig = Figure(figsize=(width, height))
        y = height - TOP
        for k in range(n):
            y -= TITLE + panel_h
            ax = fig.add_axes((left / width, y / height, axes_w / width, panel_h / height))
            _ticks(ax, story, axes_w * 72)
            if story.panels:
                panel = story.panels[k]
                draw_story(ax, story, panel)
                _title(ax, panel.title, k)
            else:
                say_nothing(ax, KEY_SIZE)
            if k < n - 1:
                ax.tick_params(labelbottom=False)
                y -= GAP
        y -= TICKS
        _key(fig, story, rows, EDGE, y)
        y -= key_h + KEY_GAP
        placed = footer_lines(drawn_story(story, fig), digest, text_w)
        if len(placed) <= len(lines):  # the events that found no room take their reports
            lines = placed
        for i, line in enumerate(lines):
            fig.text(
                EDGE,
                y - (FOOTER_SIZE + i * FOOTER_SIZE * LINE_STEP) / 72,
                line,
                transform=fig.dpi_scale_trans,
                fontsize=FOOTER_SIZE,
                color="0.3",
                va="baseline",
                parse_math=False,
                gid=f"troops-story-footer-{i}",
            )
    return fig


def footer_lines(story: Story, digest: str, width_pt: float) -> list[str]:
    """The footer wrapped to ``width_pt``: with the reports by publisher type when that
    still takes at most :data:`FOOTER_LINES` lines, else without them."""
    lines = wrap(footer(story, digest, __version__), width_pt, FOOTER_SIZE)
    if len(lines) > FOOTER_LINES:
        lines = wrap(footer(story, digest, __version__, types=False), width_pt, FOOTER_SIZE)
    return lines


def drawn_story(story: Story, fig: Figure) -> Story:
    """``story`` with only the events ``fig`` (drawn by :func:`story_figure`) found room
    for, and the sources of what it drew (for its footer, captions and citations)."""
    return story.keep_events(placed_events(t for ax in fig.axes for t in ax.texts))


def _title(ax: Axes, title: str, k: int) -> None:
    ax.annotate(
        title,
        (0, 1),
        xycoords="axes fraction",
        xytext=(0, 2.5),
        textcoords="offset points",
        ha="left",
        va="bottom",
        fontsize=TITLE_SIZE,
        fontweight="bold",
        color=theme.TITLE_COLOR,
        annotation_clip=False,
        parse_math=False,
        gid=f"troops-story-title-{k}",
    )


def _widest_tick(story: Story) -> float:
    """The widest y tick label of any panel, in points."""
    widths = [text_width(f"{t:,.0f}", TICK_SIZE) for p in story.panels for t in y_top(p.peak)[1]]
    return max(widths, default=text_width("1,000", TICK_SIZE))


def _ticks(ax: Axes, story: Story, width_pt: float) -> None:
    """Time ticks that suit the range and the width (:mod:`troops.plot.timeaxis`)."""
    ticks = timeaxis.choose(story.start, story.end + timedelta(days=1), width_pt, TICK_SIZE)
    locator, formatter = timeaxis.axis_ticks(ticks)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(formatter)
    ax.tick_params(axis="both", labelsize=TICK_SIZE)


def _key(fig: Figure, story: Story, rows: list[list[str]], left: float, top: float) -> None:
    """The key: a swatch and a few words for each mark drawn (and each series named
    there), row by row."""
    for r, row in enumerate(rows):
        y = top - (KEY_SIZE * 0.6 + r * KEY_SIZE * LINE_STEP) / 72
        x = left
        for kind in row:
            words = _key_text(story, kind)
            if kind.startswith(SERIES_ENTRY):
                _series_swatch(fig, story, kind.removeprefix(SERIES_ENTRY), x, y)
            else:
                _swatch(fig, kind, x, x + SWATCH_PT / 72, y)
            fig.text(
                x + (SWATCH_PT + SWATCH_GAP) / 72,
                y,
                words,
                transform=fig.dpi_scale_trans,
                fontsize=KEY_SIZE,
                va="center",
                color="0.2",
                parse_math=False,
                gid=(
                    f"troops-story-keyname-{kind.removeprefix(SERIES_ENTRY)}"
                    if kind.startswith(SERIES_ENTRY)
                    else f"troops-story-keytext-{kind}"
                ),
            )
            x += (SWATCH_PT + SWATCH_GAP + text_width(words, KEY_SIZE) + ENTRY_GAP) / 72


def _series_swatch(fig: Figure, story: Story, sid: str, x0: float, y: float) -> None:
    """The key's picture of a series: a short stretch of its line, in its colour and style."""
    # deferred: matplotlib loads only when something is drawn
    from matplotlib.lines import Line2D

    style = series_style(_series(story, sid).index)
    line = Line2D(
        [x0, x0 + SWATCH_PT / 72],
        [y, y],
        transform=fig.dpi_scale_trans,
        color=style.color,
        linestyle=style.linestyle,
        linewidth=LINE_WIDTH,
        gid=f"troops-story-keyseries-{sid}",
    )
    fig.add_artist(line)


def _swatch(fig: Figure, kind: str, x0: float, x1: float, y: float) -> None:
    """The key's picture of one mark, in grey, between x0 and x1 inches at height y."""
    # deferred: matplotlib loads only when something is drawn
    from matplotlib.lines import Line2D
    from matplotlib.patches import Rectangle

    tr = fig.dpi_scale_trans
    h = 2.4 / 72
    gid = f"troops-story-key-{kind}"

    def line(xs: list[float], ys: list[float], *, color: object = KEY_COLOR, **kw: object) -> None:
        kw.setdefault("linewidth", LINE_WIDTH)
        fig.add_artist(Line2D(xs, ys, transform=tr, color=color, **kw))  # type: ignore[arg-type]

    if kind in ("band", "range"):
        fig.add_artist(
            Rectangle(
                (x0, y - h),
                x1 - x0,
                2 * h,
                transform=tr,
                facecolor=tint(KEY_COLOR, BAND_SHARE if kind == "band" else RANGE_SHARE),
                edgecolor=KEY_COLOR,
                linewidth=0 if kind == "band" else 0.6,
                gid=gid,
            )
        )
        if kind == "band":
            line([x0, x1], [y, y])
    elif kind == "vague":
        m0, m1 = x0 + (x1 - x0) / 3, x0 + 2 * (x1 - x0) / 3
        fig.add_artist(
            Rectangle(
                (m0, y - h),
                m1 - m0,
                2 * h,
                transform=tr,
                facecolor=tint(KEY_COLOR, VAGUE_SHARE),
                linewidth=0,
                gid=gid,
            )
        )
        line([x0, m0, m1, x1], [y - h, y - h, y + h, y + h])
    elif kind == "stale":
        line([x0, x1], [y, y], color=tint(KEY_COLOR, STALE_SHARE), gid=gid)
    elif kind == "unknown":
        line([x0, x1], [y, y], linewidth=0.7, linestyle=UNKNOWN_DASH, gid=gid)
    else:
        line(
            [(x0 + x1) / 2],
            [y],
            marker="o",
            markerfacecolor="white",
            markersize=theme.MARK_SIZE,
            linestyle="none",
            gid=gid,
        )
