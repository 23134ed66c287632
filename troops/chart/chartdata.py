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

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

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


#: Where a report is drawn: its date and value on the chart.
Position = tuple[date, float]


@dataclass(frozen=True)
class ConflictMark:
    """One conflict as drawn: the series, the rule, both ids and both positions."""

    series: str
    rule: str
    first: str
    second: str
    a: Position
    b: Position


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
