"""Texts of the story figure, placed where they collide with nothing: series names,
value labels, headline events.

Everything is measured in points on the Axes (:class:`Frame`) from font metrics
(:func:`troops.plot.layout.text_width`), so placement needs no renderer and is the same in
every format.  Each text tries its spots nearest first and takes the first that lies inside
the Axes and clear of every line, bar and text already there; a text with no free spot is
left out (names first, then the first and last values, then the events, then the peaks,
the "unknown" labels and the other changes).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING

from matplotlib.figure import Figure

from troops.chart.story import StoryPanel
from troops.plot import theme
from troops.plot.boxes import Box
from troops.plot.draw import num
from troops.plot.layout import text_width, wrap
from troops.plot.theme import series_style

if TYPE_CHECKING:
    from matplotlib.artist import Artist
    from matplotlib.axes import Axes
    from matplotlib.text import Text

#: Text sizes of the story figure, in points.
VALUE_SIZE = 6.5
SERIES_SIZE = 7.0
EVENT_SIZE = 6.2
#: Text box height as a share of the font size (DejaVu Sans ascent + descent, rounded up).
BOX_HEIGHT = 1.3
#: Drawn text may be a little wider than its advance widths (hinting in PNG): room for it.
WIDTH_SLACK = 1.03
#: Distance between the baselines of a text's lines, as a share of the font size
#: (matplotlib's default ``linespacing``).
LINE_SPACING = 1.2
#: Most lines an event's words are wrapped into when one line finds no room.
EVENT_LINES = 3
#: Room kept around every text, in points.
PAD = 1.0
#: Half the thickness kept free around a drawn line, in points.
LINE_ROOM = 1.3
EVENT_COLOR = "0.3"
NBSP = "\u00a0"
#: The gid of an event's words is this and the event id.
EVENT_GID = "troops-story-event-"
#: The gid of a series' name next to its line is this and the series id.
NAME_GID = "troops-story-name-"


class Frame:
    """Data to points on one Axes (its x and y limits and size), and the boxes taken."""

    def __init__(self, ax: Axes, xlim: tuple[float, float], top: float) -> None:
        fig = ax.figure
        while not isinstance(fig, Figure):  # a SubFigure: up to the root (matplotlib 3.8+)
            fig = fig.figure
        box = ax.get_position()
        w_in, h_in = fig.get_size_inches()
        self.w = float(box.width * w_in * 72)
        self.h = float(box.height * h_in * 72)
        self.xlim = xlim
        self.top = top
        self.taken: list[Box] = []
        #: The boxes of the texts placed (lines drawn later must keep off them too).
        self.texts: list[Box] = []
        #: Series whose one value is written with their name ("Other coalition ≈1,000").
        self.named_value: set[str] = set()

    def x(self, day: date | float) -> float:
        """Points from the left edge of the axes."""
        xn = num(day) if isinstance(day, date) else day
        return float((xn - self.xlim[0]) / (self.xlim[1] - self.xlim[0]) * self.w)

    def y(self, value: float) -> float:
        """Points from the bottom of the axes."""
        return float(value / self.top * self.h)

    def data(self, x: float, y: float) -> tuple[float, float]:
        """Points back to data coordinates."""
        return (
            self.xlim[0] + x / self.w * (self.xlim[1] - self.xlim[0]),
            y / self.h * self.top,
        )

    def free(self, box: Box) -> bool:
        """True when ``box`` lies inside the axes and clear of everything taken."""
        inside = box.x0 >= 0 and box.y0 >= 0 and box.x1 <= self.w and box.y1 <= self.h
        return inside and not any(box.hits(t) for t in self.taken)

    def segment(self, x0: float, y0: float, x1: float, y1: float, room: float = LINE_ROOM) -> None:
        """Take the strip around a straight line from (x0, y0) to (x1, y1), in points."""
        steps = max(1, int(max(abs(x1 - x0), abs(y1 - y0)) // 3) if x0 != x1 and y0 != y1 else 1)
        for k in range(steps):
            a, b = k / steps, (k + 1) / steps
            xa, xb = x0 + (x1 - x0) * a, x0 + (x1 - x0) * b
            ya, yb = y0 + (y1 - y0) * a, y0 + (y1 - y0) * b
            self.taken.append(
                Box(min(xa, xb) - room, min(ya, yb) - room, max(xa, xb) + room, max(ya, yb) + room)
            )


def text_box(x: float, y: float, text: str, size: float, ha: str, *, bold: bool = False) -> Box:
    """The box of ``text`` (one line or more) drawn at (x, y) points, vertically centred,
    aligned ``ha``."""
    lines = text.split("\n")
    wide = max(text_width(line, size, bold) for line in lines) * WIDTH_SLACK
    h = (BOX_HEIGHT + LINE_SPACING * (len(lines) - 1)) * size / 2
    left = {"left": x, "center": x - wide / 2, "right": x - wide}[ha]
    return Box(left - PAD, y - h - PAD, left + wide + PAD, y + h + PAD)


def _place(
    ax: Axes,
    frame: Frame,
    text: str,
    spots: Sequence[tuple[float, float, str]],
    size: float,
    gid: str,
    *,
    color: str | tuple[float, float, float] = "0.2",
    bold: bool = False,
    url: str | None = None,
) -> Text | None:
    """Draw ``text`` at the first of ``spots`` ((x, y) points, ha) that is free; none when
    no spot is."""
    for x, y, ha in spots:
        box = text_box(x, y, text, size, ha, bold=bold)
        if frame.free(box):
            frame.taken.append(box)
            frame.texts.append(box)
            xd, yd = frame.data(x, y)
            return ax.text(
                xd,
                yd,
                text,
                ha=ha,
                va="center",
                fontsize=size,
                fontweight="bold" if bold else "normal",
                color=color,
                parse_math=False,
                zorder=theme.ZORDER["label"],
                gid=gid,
                url=url,
            )
    return None


def _around(
    x0: float, x1: float, above: float, below: float, half: float
) -> list[tuple[float, float, str]]:
    """Spots above ``above`` and below ``below`` (points), centred on x0..x1 or flush
    with either end, nearest first."""
    spots = []
    for yy in (above + half, below - half, above + 2.2 * half, below - 2.2 * half):
        spots += [((x0 + x1) / 2, yy, "center"), (x0 + 1, yy, "left"), (x1 - 1, yy, "right")]
    return spots


def values_text(
    ax: Axes,
    frame: Frame,
    panel: StoryPanel,
    urls: dict[str, str | None],
    *,
    least: int = 0,
    most: int = 99,
) -> list[Text]:
    """Value labels (of priority ``least``..``most``) of every series of ``panel``, the
    most important first: above or below what they label (the level, its band or its
    range), else beside it; each links to the ``urls`` of the first source of its level
    that has one."""
    todo = [
        (lab.priority, k, s, lab)
        for s in panel.series
        for k, lab in enumerate(s.labels)
        if least <= lab.priority <= most
        and not (s.id in frame.named_value and lab.reason != "unknown")
    ]
    todo.sort(key=lambda t: (t[0], panel.series.index(t[2]), t[1]))
    placed = []
    half = BOX_HEIGHT * VALUE_SIZE / 2 + PAD + LINE_ROOM + 0.3
    for _, k, s, lab in todo:
        x0, x1 = frame.x(lab.start), frame.x(lab.end)
        y = frame.y(lab.value)
        beside = [(x1 + 3, y, "left"), (x0 - 3, y, "right")]
        outside = _around(x0, x1, frame.y(lab.high), frame.y(lab.low), half)
        if lab.bare:  # a range without a value: beside it or under it, never on a line
            spots = beside + outside[3:6] + outside[:3]
        else:
            spots = _around(x0, x1, y, y, half) + outside + beside
        text = _place(
            ax,
            frame,
            lab.text,
            spots,
            VALUE_SIZE,
            f"troops-story-value-{s.id}-{k}",
            color=series_style(s.index).color,
            url=next((urls[i] for i in lab.sources if urls.get(i)), None),
        )
        if text is not None:
            placed.append(text)
    return placed


def names_text(ax: Axes, frame: Frame, panel: StoryPanel) -> list[Text]:
    """Each series' name once, in its colour next to its line (the longest stretch
    first), so the figure needs no legend for its series; a series with a single value to
    write has it written after its name."""
    placed = []
    half = BOX_HEIGHT * SERIES_SIZE / 2 + PAD + LINE_ROOM + 0.3
    for s in panel.series:
        stretches = sorted(
            (p for p in s.pieces if p.y0 is not None and p.kind in ("level", "stale", "range")),
            key=lambda p: -(p.end - p.start).days,
        )
        spots = []
        for p in stretches:
            assert p.y0 is not None
            assert p.y1 is not None
            top, low = frame.y(max(p.y0, p.y1)), frame.y(min(p.y0, p.y1))
            spots += _around(frame.x(p.start), frame.x(p.end), top, low, half)
        first = s.pieces[0]
        if first.y0 is not None:
            spots.append((frame.x(first.start) - 3, frame.y(first.y0), "right"))
        values = [lab for lab in s.labels if lab.reason != "unknown"]
        name = f"{s.name} {values[0].text}" if len(values) == 1 else s.name
        text = _place(
            ax,
            frame,
            name,
            spots,
            SERIES_SIZE,
            NAME_GID + s.id,
            color=series_style(s.index).color,
            bold=True,
        )
        if text is not None:
            placed.append(text)
            if name != s.name:
                frame.named_value.add(s.id)
    return placed


def placed_events(texts: Iterable[Artist]) -> set[str]:
    """The ids of the events whose words are among ``texts``."""
    return _placed(texts, EVENT_GID)


def placed_names(texts: Iterable[Artist]) -> set[str]:
    """The ids of the series whose names are among ``texts`` (written next to their line)."""
    return _placed(texts, NAME_GID)


def _placed(texts: Iterable[Artist], prefix: str) -> set[str]:
    """The ids of ``texts`` whose gid is ``prefix`` and an id."""
    return {
        gid.removeprefix(prefix) for t in texts if (gid := t.get_gid() or "").startswith(prefix)
    }


def event_wordings(text: str) -> list[str]:
    """``text`` on one line, then wrapped into two and three lines of about equal width
    (its date, "Dec 2024:", always stays on one line), the fewest lines first."""
    date, _, rest = text.partition(": ")
    held = f"{date.replace(' ', NBSP)}: {rest}" if rest else text
    whole = text_width(held, EVENT_SIZE)
    out = [text]
    for n in range(2, EVENT_LINES + 1):
        lines = wrap(held, whole / n + EVENT_SIZE * 2, EVENT_SIZE)
        wording = "\n".join(lines).replace(NBSP, " ")
        if len(lines) <= n and wording not in out:
            out.append(wording)
    return out


def events_text(
    ax: Axes, frame: Frame, panel: StoryPanel, urls: dict[str, str | None]
) -> list[Text]:
    """Headline events: the event's words in the highest free row of the panel, beside
    a thin dotted line from the bottom of the axes up to them; words that find no room on
    one line are wrapped into two, then three (a column-wide panel has little room).  An
    event whose words or line find no free place in any wording is left out."""
    placed: list[Text] = []
    row = BOX_HEIGHT * EVENT_SIZE + 2 * PAD
    for e in panel.events:
        x = frame.x(e.day)
        found = None
        for wording in event_wordings(e.text):
            y = frame.h - row / 2
            while y - row / 2 >= 0 and found is None:
                for xx, ha in ((x + 2, "left"), (x - 2, "right")):
                    box = text_box(xx, y, wording, EVENT_SIZE, ha)
                    line = Box(x - 0.8, 0, x + 0.8, box.y1)
                    if frame.free(box) and not any(line.hits(t) for t in frame.texts):
                        found = (xx, y, ha, wording)
                        break
                y -= row
            if found is not None:
                break
        if found is None:
            continue
        xx, y, ha, wording = found
        text = _place(
            ax,
            frame,
            wording,
            [(xx, y, ha)],
            EVENT_SIZE,
            f"{EVENT_GID}{e.id}",
            color=EVENT_COLOR,
            url=urls.get(e.source),
        )
        assert text is not None
        placed.append(text)
        top = frame.taken[-1].y1
        ax.plot(
            [num(e.day)] * 2,
            [0, frame.data(0, top)[1]],
            color=EVENT_COLOR,
            linewidth=0.5,
            linestyle=(0, (1, 1.5)),
            zorder=theme.ZORDER["event"],
            gid=f"troops-story-eventline-{e.id}",
        )
        frame.segment(x, 0, x, top, room=0.8)
    return placed
