"""Work out what a chart shows: :func:`chart_data` builds a :class:`~.chartdata.ChartData`.

The rules are written in :mod:`troops.chart.chartdata` (what is drawn, the range, the
horizon, clipping, carried-in levels, merged marks, panels, numbering); this module applies
them to a dataset and a :class:`~troops.chart.chartdata.Selection`.  It does not import
matplotlib.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta
from typing import TYPE_CHECKING

from troops.chart.chartdata import (
    MARK_KINDS,
    ChartData,
    Mark,
    Panel,
    Selection,
    SeriesData,
    event_order,
    source_numbers,
)
from troops.chart.conflictmarks import conflict_marks
from troops.chart.positions import mark_date, point_date
from troops.core import hedges as hedge_table
from troops.core import steps as step_rules
from troops.core.model import Event, Figure

if TYPE_CHECKING:
    from troops.dataset.api import Dataset


def chart_data(ds: Dataset, selection: Selection | None = None) -> ChartData:
    """Work out what a chart of ``ds`` with ``selection`` shows."""
    sel = selection or Selection()
    wanted = ds.check_series(sel.series)
    horizon = _horizon(ds, sel.known_on)
    raw = {sid: _series_parts(ds, sid, sel) for sid in wanted}
    start, end = _range(sel, horizon, [d for parts in raw.values() for d in _dates(parts)])
    order = list(ds.series_records)
    series = []
    for sid in wanted:
        segs, old, marks = raw[sid]
        (now, now_in), (then, then_in) = (_clip(g, start, end, horizon) for g in (segs, old))
        series.append(
            SeriesData(
                id=sid,
                label=ds.series_records[sid].label,
                index=order.index(sid),
                segments=now,
                superseded=then,
                marks=tuple(m for m in marks if start <= mark_date(m) <= end),
                carried=now_in + then_in,
            )
        )
    events = (
        tuple(
            sorted(
                (
                    e
                    for e in ds.event_records
                    if _event_concerns(e, wanted) and _event_known(ds, e, sel.known_on, start, end)
                ),
                key=lambda e: (e.period.start, e.period.end, e.id),
            )
        )
        if sel.events
        else ()
    )
    panels = _panels(ds, wanted)
    by_id = {f.id: f for f in ds.figure_records}
    drawn = _drawn_items(panels, series, events)
    figures = tuple(by_id[fid] for fid in dict.fromkeys(f for _, fids, _ in drawn for f in fids))
    catalogue = source_numbers(ds)
    used_ids = {sid for _, _, sources in drawn for sid in sources}
    numbers = {sid: n for sid, n in catalogue.items() if sid in used_ids}
    table = hedge_table.index(ds.hedge_records)
    used = dict.fromkeys(hedge_table.key(f.hedge) for f in figures if f.hedge)
    chart = ChartData(
        selection=sel,
        start=start,
        end=end,
        horizon=horizon,
        series=tuple(series),
        events=events,
        figures=figures,
        sources=tuple(ds.source_records[s] for s in numbers),
        hedges=tuple(table[k] for k in used if k in table),
        numbers=numbers,
        panels=panels,
        catalogue=catalogue,
        event_order=event_order(ds),
    )
    if sel.conflicts:
        chart = replace(chart, conflicts=conflict_marks(ds, chart))
    return chart


def _panels(ds: Dataset, wanted: Sequence[str]) -> tuple[Panel, ...]:
    """The panels of the ``wanted`` series, in data order."""
    groups: dict[str, list[str]] = {}
    for sid, rec in ds.series_records.items():
        if sid in wanted:
            groups.setdefault(rec.panel or rec.title, []).append(sid)
    return tuple(Panel(title, tuple(ids)) for title, ids in groups.items())


Parts = tuple[list[step_rules.Segment], list[step_rules.Segment], list[Mark]]


def _series_parts(ds: Dataset, sid: str, sel: Selection) -> Parts:
    """Current segments, superseded segments and marks of one series (unclipped)."""
    figs = ds.figure_records
    segs = step_rules.build(sid, figs, ds.source_records, sel.known_on)
    old: list[step_rules.Segment] = []
    if sel.superseded:
        gone = {
            f.id
            for f in step_rules.superseded_figures(figs, ds.source_records, sel.known_on)
            if f.series == sid
        }
        if gone:
            revisers = {f.id for f in figs if gone.intersection(f.revises)}
            before = [f for f in figs if f.id not in revisers]
            old_line = step_rules.build(sid, before, ds.source_records, sel.known_on)
            old = [s for s in old_line if gone.intersection(s.figures)]
    known = step_rules.known_figures(figs, ds.source_records, sel.known_on)
    figs_marked = [
        f
        for f in known
        if f.series == sid and f.kind in MARK_KINDS and f.value is not None and f.review is None
    ]
    figs_marked.sort(key=lambda f: (f.period.start, f.id))
    return segs, old, _merge_marks(figs_marked)


def _merge_marks(figs: Sequence[Figure]) -> list[Mark]:
    """One mark per distinct (kind, period, value, bounds), in the order of first use."""
    groups: dict[tuple[object, ...], list[Figure]] = {}
    for f in figs:
        groups.setdefault((f.kind, f.as_of, f.value, f.low, f.high), []).append(f)
    marks = []
    for same in groups.values():
        f = same[0]
        assert f.value is not None
        marks.append(
            Mark(
                series=f.series,
                kind=f.kind,
                period=f.period,
                value=f.value,
                low=f.low,
                high=f.high,
                figures=tuple(g.id for g in same),
                sources=tuple(dict.fromkeys(g.source for g in same)),
            )
        )
    return marks


def _dates(parts: Parts) -> list[date]:
    segs, old, marks = parts
    return (
        [s.start for s in (*segs, *old)]
        + [s.start_latest for s in (*segs, *old)]
        + [mark_date(m) for m in marks]
    )


def _horizon(ds: Dataset, known_on: date | None) -> date:
    """How far the last levels are drawn: the publication date of the latest report, or
    the day of knowledge when that is earlier (on that day the last level still held, as
    far as anyone knew).  A dataset without any dated report ends on 1 January 2000."""
    days = [p.end for s in ds.source_records.values() if (p := s.published_period) is not None]
    latest = max(days) if days else date(2000, 1, 1)
    return min(latest, known_on) if known_on is not None else latest


def _range(sel: Selection, horizon: date, dates: list[date]) -> tuple[date, date]:
    """The dates shown: ``since``..``until``, by default whole years around the data up to
    the horizon; a lone ``since`` or ``until`` outside the data keeps its own year."""
    first = min(dates) if dates else horizon
    start = sel.since or date(first.year, 1, 1)
    end = sel.until or date(max([horizon, *dates]).year, 12, 31)
    if start > end and sel.until is None:
        end = date(start.year, 12, 31)
    elif start > end and sel.since is None:
        start = date(end.year, 1, 1)
    return start, end


def _clip(
    segs: Sequence[step_rules.Segment], start: date, end: date, horizon: date
) -> tuple[tuple[step_rules.Segment, ...], tuple[step_rules.Segment, ...]]:
    """Give open levels their end (the horizon) and cut every level to ``start``..``end``;
    returns the levels drawn and those of them carried in from before ``start``."""
    out = []
    carried = []
    for seg in segs:
        seg_end = seg.end if seg.end is not None else max(horizon, seg.start_latest)
        if seg_end <= seg.start:  # a plan reported ahead of its time: its own year
            seg_end = date(seg.start.year, 12, 31)
        if seg_end < start or seg.start > end or (seg_end == start and seg.start < start):
            continue
        lo = max(seg.start, start)
        hi = min(seg_end, end + timedelta(days=1))  # past ``until``: to the right edge
        out.append(replace(seg, start=lo, start_latest=min(max(seg.start_latest, lo), hi), end=hi))
        if seg.start_latest < start and not seg.unknown:
            carried.append(out[-1])
    return tuple(out), tuple(carried)


def _event_concerns(e: Event, wanted: Sequence[str]) -> bool:
    """An event tagged with series is drawn only on a chart of one of them; untagged, on all."""
    return not e.series or not set(e.series).isdisjoint(wanted)


def _event_known(ds: Dataset, e: Event, known_on: date | None, start: date, end: date) -> bool:
    src = ds.source_records[e.source]
    published = src.published_period
    if known_on is not None and (published is None or published.end > known_on):
        return False
    return start <= e.period.start and e.period.end <= end


DrawnItem = tuple[tuple[int, date, int], tuple[str, ...], tuple[str, ...]]


def _drawn_items(
    panels: Sequence[Panel], series: Sequence[SeriesData], events: Sequence[Event]
) -> list[DrawnItem]:
    """((panel, date, series order), figure ids, source ids) of everything drawn, in
    reading order: panel by panel, left to right; events last."""
    place = {sid: k for k, p in enumerate(panels) for sid in p.series}
    items: list[DrawnItem] = []
    for s in series:
        k = place[s.id]
        for seg in (*s.segments, *s.superseded):
            items.append(((k, point_date(seg), s.index), seg.figures, seg.sources))
        for m in s.marks:
            items.append(((k, mark_date(m), s.index), m.figures, m.sources))
    for e in events:
        cited = (e.source, *(c.source for c in e.also))  # further sources are cited too
        items.append(((len(panels), e.period.start, 0), (), cited))
    items.sort(key=lambda item: item[0])
    return items
