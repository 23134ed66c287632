"""Laying out the lists under a chart (sources, events, note) in lines of a given width.

The lists are running text, the most compact form a long list can take under a chart:
the heading, then the entries one after another with a gap between them, wrapped at
spaces like a paragraph (:func:`paragraph`).  An entry may continue on the next line, but
its first two words (``[12] AOL``, ``a: US``) and the no-break spaces of dates stay
together.  Where the width holds several columns of at least :data:`MIN_COLUMN_PT` points
(a page: two), the text is set in that many balanced columns, like a newspaper, so lines
stay short enough to read (:func:`in_columns`).  Everything is measured from font metrics,
so the figure's height is known before drawing.  Every piece of an entry is its own text
and keeps the entry's link.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from troops.chart.notes import Entry
from troops.plot.layout import text_width, wrap

#: Room kept between entries on one line of running text, in points.
ENTRY_GAP = 6.0
#: Room between columns, in points.
COLUMN_GAP = 10.0
#: Narrowest column of running text, in points.
MIN_COLUMN_PT = 230.0


@dataclass(frozen=True)
class Placed:
    """One text of a list under the chart: position (points from the block's top left)."""

    text: str
    x: float
    line: int
    url: str | None = None


def lines_of(block: Sequence[Placed]) -> int:
    """How many lines ``block`` takes."""
    return 1 + max((p.line for p in block), default=0)


def paragraph(heading: str, entries: Sequence[Entry], width: float, size: float) -> list[Placed]:
    """``heading`` and ``entries`` as running text in lines ``width`` points wide."""
    space = text_width(" ", size)
    placed = [Placed(heading, 0.0, 0)]
    x = text_width(heading, size)
    line = 0
    for entry in entries:
        x += ENTRY_GAP if x > 0 else 0.0
        words = [w for w in entry.text.split(" ") if w]
        if len(words) > 1:  # "[12] AOL": the number never ends a line alone
            words[:2] = [f"{words[0]} {words[1]}"]
        piece: list[str] = []
        start = x
        for word in words:
            lead = space if piece else 0.0
            w = text_width(word, size)
            if x > 0 and x + lead + w > width:
                if piece:
                    placed.append(Placed(" ".join(piece), start, line, entry.url))
                line, x, piece, lead = line + 1, 0.0, [], 0.0
            if w > width:  # a word wider than a whole line (a long URL) is cut
                cuts = wrap(word, width, size)
                for cut in cuts[:-1]:
                    placed.append(Placed(cut, 0.0, line, entry.url))
                    line += 1
                word = cuts[-1]
                w = text_width(word, size)
            if not piece:
                start = x
            piece.append(word)
            x += lead + w
        if piece:
            placed.append(Placed(" ".join(piece), start, line, entry.url))
    return placed


def column_count(width: float) -> int:
    """How many columns a list ``width`` points wide gets."""
    return max(1, int((width + COLUMN_GAP) // (MIN_COLUMN_PT + COLUMN_GAP)))


def column_width(width: float) -> float:
    """Width in points of each column of a list ``width`` points wide."""
    n = column_count(width)
    return (width - COLUMN_GAP * (n - 1)) / n


def in_columns(lines: Sequence[Placed], width: float) -> list[Placed]:
    """Running text laid out for :func:`column_width` moved into balanced columns,
    top to bottom then left to right, like a newspaper."""
    n = column_count(width)
    rows = -(-lines_of(lines) // n)
    step = column_width(width) + COLUMN_GAP
    return [Placed(p.text, p.x + (p.line // rows) * step, p.line % rows, p.url) for p in lines]


def entry_block(heading: str, entries: Sequence[Entry], width: float, size: float) -> list[Placed]:
    """``heading`` and ``entries`` as running text in as many columns as fit ``width``."""
    return in_columns(paragraph(heading, entries, column_width(width), size), width)


def text_block(text: str, width: float, size: float) -> list[Placed]:
    """Plain text (a note) wrapped into lines ``width`` points wide."""
    return [Placed(line, 0.0, i) for i, line in enumerate(wrap(text, width, size))]
