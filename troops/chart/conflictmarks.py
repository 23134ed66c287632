"""Where a chart marks a conflict: the two drawn points of reports that disagree.

:func:`troops.dataset.conflicts.find_conflicts` names pairs of figures (or a withdrawal claim and
a figure) that cannot both be right.  A chart joins the two *drawn* positions:

* a count is drawn at its level's numbered point (a level carried in from before the
  range has none, so its conflicts are not marked) (:func:`troops.chart.positions.point_date`),
  at its own value (so two counts combined into one level, "about 4,450" and 3,850, are
  joined across their band) or, without a value, where the point is drawn;
* a target or cap at its hollow mark;
* a claim that a withdrawal is complete at the claim's date, at zero (the number it
  claims), and only when events are drawn.

A conflict is marked only when both ends are drawn (``since``/``until`` may cut one off),
and pairs that join the same two positions are marked once (``a`` is where the first
report is drawn, ``b`` the second).  Which of them a chart draws, and how, is
:mod:`troops.plot.conflictdraw`'s business.  This module does not import matplotlib.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from troops.chart.chartdata import ChartData, ConflictMark, Position
from troops.chart.positions import mark_date, point_date
from troops.dataset.conflicts import find_conflicts

if TYPE_CHECKING:
    from troops.dataset.api import Dataset


def positions(ds: Dataset, chart: ChartData) -> dict[tuple[str, str], Position]:
    """(series, figure or event id) -> where it is drawn, for everything a conflict may name."""
    found: dict[tuple[str, str], Position] = {}
    figures = ds.figure_records
    by_id = {f.id: f for f in figures}
    for s in chart.series:
        for seg in s.segments:
            if seg.unknown or chart.carried(seg):
                continue
            drawn = seg.value if seg.value is not None else (seg.low or seg.high or 0)
            for fid in seg.figures:
                value = by_id[fid].value
                found[(s.id, fid)] = (point_date(seg), float(value if value is not None else drawn))
        for m in s.marks:
            for fid in m.figures:
                found[(s.id, fid)] = (mark_date(m), float(m.value))
        for e in chart.events:
            if s.id in e.series:
                found[(s.id, e.id)] = (e.period.start, 0.0)
    return found


def conflict_marks(ds: Dataset, chart: ChartData) -> tuple[ConflictMark, ...]:
    """The conflicts of the chart's series whose two ends are both drawn, each pair of
    positions once, in the order :func:`troops.dataset.conflicts.find_conflicts` gives."""
    if not chart.series:
        return ()
    where = positions(ds, chart)
    marks: list[ConflictMark] = []
    seen: set[tuple[str, Position, Position]] = set()
    ids = [s.id for s in chart.series]
    for c in find_conflicts(ds, ids, chart.selection.known_on):
        a, b = where.get((c.series, c.first)), where.get((c.series, c.second))
        if a is None or b is None or a == b:
            continue
        lo, hi = sorted((a, b))
        if (c.series, lo, hi) in seen:
            continue
        seen.add((c.series, lo, hi))
        marks.append(ConflictMark(c.series, c.rule, c.first, c.second, a, b))
    return tuple(marks)
