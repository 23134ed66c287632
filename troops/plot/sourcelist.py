"""Laying out the lists under a chart (sources, events, note) in lines of a given width.

A list is its heading, then one entry per line, as a reference list is set: an entry too
long for its column continues on the next line, indented by :data:`HANGING_PT`, and the
no-break spaces of dates hold them together (:func:`entry_lines`).  Where the width holds
several columns of at least :data:`MIN_COLUMN_PT` points (a page: two), the entries are
set in that many balanced columns, top to bottom then left to right, and an entry is never
split across two columns (:func:`entry_block`).  Everything is measured from font
metrics, so the figure's height is known before drawing.  Every line of an entry is its
own text and keeps the entry's link.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from troops.chart.notes import Entry
from troops.plot.layout import wrap

#: Room between columns, in points.
COLUMN_GAP = 10.0
#: Narrowest column of running text, in points.
MIN_COLUMN_PT = 230.0
#: Indent of an entry's continuation lines, in points.
HANGING_PT = 8.0


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


def column_count(width: float) -> int:
    """How many columns a list ``width`` points wide gets."""
    return max(1, int((width + COLUMN_GAP) // (MIN_COLUMN_PT + COLUMN_GAP)))


def column_width(width: float) -> float:
    """Width in points of each column of a list ``width`` points wide."""
    n = column_count(width)
    return (width - COLUMN_GAP * (n - 1)) / n


def entry_lines(entry: Entry, width: float, size: float) -> list[Placed]:
    """One entry in lines ``width`` points wide (continuation lines indented), from line 0."""
    first, *rest = wrap(entry.text, width, size) or [""]
    more = wrap(" ".join(rest), width - HANGING_PT, size) if rest else []
    return [Placed(first, 0.0, 0, entry.url)] + [
        Placed(t, HANGING_PT, k, entry.url) for k, t in enumerate(more, start=1)
    ]


def entry_block(heading: str, entries: Sequence[Entry], width: float, size: float) -> list[Placed]:
    """``heading`` on the first line, then one entry per line in as many balanced columns
    as fit ``width``; an entry stays in one column."""
    n = column_count(width)
    col_w = column_width(width)
    items = [[Placed(heading, 0.0, 0)], *(entry_lines(e, col_w, size) for e in entries)]
    sizes = [len(item) for item in items]
    rows = max(-(-sum(sizes) // n), max(sizes))
    while True:  # the fewest rows that hold every entry whole in n columns
        cols: list[list[list[Placed]]] = [[]]
        used = 0
        for item in items:
            if used + len(item) > rows and cols[-1]:
                cols.append([])
                used = 0
            cols[-1].append(item)
            used += len(item)
        if len(cols) <= n:
            break
        rows += 1
    step = col_w + COLUMN_GAP
    placed = []
    for c, col in enumerate(cols):
        line = 0
        for item in col:
            placed += [Placed(p.text, p.x + c * step, line + p.line, p.url) for p in item]
            line += len(item)
    return placed


def text_block(text: str, width: float, size: float) -> list[Placed]:
    """Plain text (a note) wrapped into lines ``width`` points wide."""
    return [Placed(line, 0.0, i) for i, line in enumerate(wrap(text, width, size))]
