"""What a chart shows, as plain data: segments, marks, events and numbered sources.

Everything :func:`troops.plot.stepchart.step_chart` draws, the source list under the figure, the
caption and ``troops cite`` come from one :class:`ChartData`, so the numbered source list is
generated from exactly the figures and events that are drawn.  This module does not import
matplotlib.

Rules beyond :mod:`troops.core.steps`:

* The x range is ``since``..``until``; by default 1 January of the first year with a drawn
  figure to 31 December of the year of the data *horizon*.
* The horizon is the publication date of the latest report (or ``known_on`` when that is
  earlier): the last, open level of a series is drawn up to it and no further, since no
  report says what happened after it.  A last level that starts after the horizon (a plan
  reported ahead, "an unknown number will remain next year") is drawn to the end of its
  year.
* Levels are clipped to the x range (a level still holding on the last day shown runs to
  the end of that day, the right edge).  A level *carried in* (its whole ``as_of`` lies
  before ``since``) is drawn from the left edge without a point, since no report in the
  range dates it; its figures are still drawn and cited, and its source number stands in
  brackets at the edge (``[19]``, see :mod:`troops.plot.annotate`).
* Superseded levels are the steps the series had before a known revision replaced them
  (built from the figures without the revising ones).
* Targets and caps that say the same thing (same series, kind, period, value and bounds)
  are one mark with all their sources.
* Series are grouped into *panels*: series whose record names the same ``panel`` share
  one, any other series has a panel of its own (titled with the series' title); panels
  follow the order of their first series in ``data/series.yaml``.
* Sources are numbered once for the whole dataset, in order of publication (ties and
  undated sources: by id; undated sources last), so a report has the same number in every
  figure; a figure lists the numbers of what it draws, in that order.  Events are lettered
  likewise, once for the dataset, by date (ties: by id).
* Conflicts (:mod:`troops.dataset.conflicts`) are drawn between the two points that disagree,
  when both are drawn (see :mod:`troops.chart.conflictmarks`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import TYPE_CHECKING

from troops.chart.conflictmarks import ConflictMark, conflict_marks
from troops.chart.positions import mark_date, point_date
from troops.core import hedges as hedge_table
from troops.core import steps as step_rules
from troops.core.model import Event, Figure, Hedge, Source
from troops.core.periods import Period

if TYPE_CHECKING:
    from troops.dataset.api import Dataset

#: Figure kinds drawn as separate marks (hollow markers), never joined into the step line.
MARK_KINDS = ("target", "cap")


@dataclass(frozen=True)
class Selection:
    """The options that choose what a chart shows (the same for plot, caption and cite)."""

    series: tuple[str, ...] | None = None
    since: date | None = None
    until: date | None = None
    known_on: date | None = None
    events: bool = True
    superseded: bool = True
    conflicts: bool = True


@dataclass(frozen=True)
class Mark:
    """A target or cap as drawn: one or more figures saying the same thing."""

    series: str
    kind: str
    period: Period
    value: int
    low: int | None
    high: int | None
    figures: tuple[str, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True)
class SeriesData:
    """One series as drawn: current levels, superseded levels and targets/caps."""

    id: str
    label: str
    index: int
    segments: tuple[step_rules.Segment, ...]
    superseded: tuple[step_rules.Segment, ...]
    marks: tuple[Mark, ...]
    #: Levels (of ``segments`` or ``superseded``) carried in from before the range.
    carried: tuple[step_rules.Segment, ...] = ()

    @property
    def drawn(self) -> bool:
        """True when anything of the series is drawn (a level, a revised level or a mark)."""
        return bool(self.segments or self.superseded or self.marks)


@dataclass(frozen=True)
class Panel:
    """Series drawn together on one Axes of the figure, under one title."""

    title: str
    series: tuple[str, ...]


@dataclass(frozen=True)
class ChartData:
    """Everything one chart draws, and the sources behind it, numbered."""

    selection: Selection
    start: date
    end: date
    horizon: date
    series: tuple[SeriesData, ...]
    events: tuple[Event, ...]
    figures: tuple[Figure, ...]
    sources: tuple[Source, ...]
    hedges: tuple[Hedge, ...]
    numbers: dict[str, int] = field(default_factory=dict)
    panels: tuple[Panel, ...] = ()
    conflicts: tuple[ConflictMark, ...] = ()
    #: The number of every source of the dataset (what ``numbers`` is a part of).
    catalogue: dict[str, int] = field(default_factory=dict)
    #: The place of every event of the dataset in date order (its letter: event_letter).
    event_order: dict[str, int] = field(default_factory=dict)

    def letter(self, event: Event) -> str:
        """The event's letter, the same in every figure of the dataset."""
        return event_letter(self.event_order.get(event.id, 0))

    def refs(self, source_ids: Iterable[str]) -> tuple[int, ...]:
        """The source numbers of ``source_ids``, sorted."""
        return tuple(sorted({self.numbers[s] for s in source_ids}))

    def carried(self, seg: step_rules.Segment) -> bool:
        """True when ``seg`` is a level carried in from before the range."""
        return any(seg in s.carried for s in self.series)

    @property
    def empty(self) -> bool:
        """True when no figure of any series falls in the selection (nothing is drawn)."""
        return not any(s.drawn for s in self.series)

    def panel_series(self, panel: Panel) -> tuple[SeriesData, ...]:
        """The drawn series of ``panel``, in data order."""
        return tuple(s for s in self.series if s.id in panel.series)

    @property
    def inferred_dates(self) -> bool:
        """True when a listed source's publication date is inferred, not printed in it."""
        return any("published" in s.inferred for s in self.sources)


def event_letter(i: int) -> str:
    """``a``..``z``, then ``aa``, ``ab``, ...: the short label of the i-th event."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    return letters[i] if i < 26 else event_letter(i // 26 - 1) + letters[i % 26]


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


def source_numbers(ds: Dataset) -> dict[str, int]:
    """Every source's number: 1, 2, ... in order of publication (ties by id), undated
    sources last; the same in every figure of the dataset."""

    def key(src: Source) -> tuple[date, str]:
        p = src.published_period
        return (p.start if p is not None else date.max, src.id)

    ordered = sorted(ds.source_records.values(), key=key)
    return {src.id: k for k, src in enumerate(ordered, start=1)}


def event_order(ds: Dataset) -> dict[str, int]:
    """Every event's place in date order (ties by id), from 0: its letter's index."""
    ordered = sorted(ds.event_records, key=lambda e: (e.period.start, e.period.end, e.id))
    return {e.id: k for k, e in enumerate(ordered)}


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
