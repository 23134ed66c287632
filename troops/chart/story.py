"""What the story figure shows, as plain data: levels, bands, gaps, value labels, events.

The story figure is what a paper or an article prints: the count steps of a few series,
values written where they matter, uncertainty in at most five learnable marks, a few
events in words and a one-line footer; the per-point sources go to the caption.
:func:`story_data` works it out from a dataset and a :class:`~troops.chart.chartdata.Selection`
(through :func:`~troops.chart.assemble.chart_data`, so the range, the horizon and the
clipping rules are the evidence chart's); :mod:`troops.plot.story` draws it and
:mod:`troops.web` can render it in HTML.  No matplotlib here: everything is dates,
numbers and strings.

Rules:

* Series are grouped into panels by the country of their record (``Iraq``, ``Syria``):
  the non-US coalition in Iraq is a second line on the Iraq panel, drawn only where it
  has reports.  A panel appears only when one of its series has a level in the range.
* Each level is a :class:`Piece`: ``level`` (solid) from the day its date is certain;
  ``stale`` (drawn lighter) once no report has confirmed it for
  :data:`UNCONFIRMED_AFTER_DAYS`; ``vague`` (a sloped transition) over the days its date
  may fall on; ``range`` (a bar with no line and no point) for a range without a best
  value; ``unknown`` (a gap bridged by a dashed line) for "an unknown number".
* A hedged level gets a :class:`Band` from its low to its high (one-sided: from its bound
  to its value).
* Value labels (:class:`ValueLabel`) go on the first and the last level of a series, its
  peak, and every level that differs by more than :data:`CHANGE_SHARE` from the level
  before it; the drawing layer drops those it cannot place without a collision, the least
  important first (``priority``).
* Events: those marked ``headline: true`` in the data, at most :data:`MAX_EVENTS`, on the
  panel of the series they concern, written as ``Dec 2024: <label>``.  The drawing layer
  tries them in date order, each on one line, else wrapped into two or three, and leaves
  out those that find no room clear of every other text (a column-wide panel has room for
  about one); :meth:`Story.keep_events` then drops them from the footer, the captions and
  the sources cited, so these always name exactly what is drawn.
* The footer and the caption count the reports drawn by publisher type
  (data/publishers.yaml); the footer only when that keeps it to two lines.
* Targets and caps are left out unless ``targets`` is asked for.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING

from troops.chart.assemble import chart_data
from troops.chart.chartdata import Mark, Selection
from troops.chart.positions import mark_date
from troops.chart.storyparts import (
    Band,
    Piece,
    ValueLabel,
    pieces_of,
    value_labels,
)
from troops.core import hedges as hedge_table
from troops.core.model import PUBLISHER_TYPES, Event, Hedge, Source

if TYPE_CHECKING:
    from troops.dataset.api import Dataset

#: The series a story figure shows when none are named (those the dataset has).
STORY_SERIES = ("us-iraq", "us-syria", "coalition-iraq")
#: Most events a story figure writes out.
MAX_EVENTS = 6

#: The uncertainty marks of a story figure, in the order the key lists them.
MARK_ORDER: tuple[str, ...] = ("band", "range", "vague", "stale", "unknown", "target")
#: The key's words for each mark.
KEY_TEXT = {
    "band": "hedged number",
    "range": "range, no best value",
    "vague": "date known roughly",
    "stale": "unconfirmed 6+ months",
    "unknown": "number not reported",
    "target": "target or cap",
}


@dataclass(frozen=True)
class StoryEvent:
    """An event written in words on its panel."""

    id: str
    day: date
    text: str
    source: str


@dataclass(frozen=True)
class StoryMark:
    """A target or cap (only with ``targets``): a hollow marker, never on the line."""

    day: date
    value: float
    kind: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class StorySeries:
    """One series as the story figure draws it."""

    id: str
    label: str
    #: The label without the panel's country ("US" on the Iraq panel).
    name: str
    index: int
    pieces: tuple[Piece, ...]
    bands: tuple[Band, ...]
    labels: tuple[ValueLabel, ...]
    marks: tuple[StoryMark, ...]
    sources: tuple[str, ...]

    @property
    def values(self) -> list[float]:
        """Every count drawn (levels, band edges, range ends, targets when drawn)."""
        out = [v for p in self.pieces for v in (p.y0, p.y1) if v is not None]
        out += [v for b in self.bands for v in (b.low, b.high)]
        return out + [m.value for m in self.marks]


@dataclass(frozen=True)
class StoryPanel:
    """Series drawn on one Axes, with the events that concern them."""

    title: str
    series: tuple[StorySeries, ...]
    events: tuple[StoryEvent, ...]

    @property
    def peak(self) -> float:
        """The highest count drawn on the panel (what its y axis is scaled to)."""
        return max((v for s in self.series for v in s.values), default=1000.0)


@dataclass(frozen=True)
class Story:
    """Everything one story figure draws, and the sources and events behind it."""

    selection: Selection
    start: date
    end: date
    panels: tuple[StoryPanel, ...]
    sources: tuple[Source, ...]
    events: tuple[Event, ...]
    marks: tuple[str, ...] = field(default=())
    #: The hedge table rows of the hedged numbers drawn (for the caption).
    hedges: tuple[Hedge, ...] = ()
    #: The publisher type of each source (data/publishers.yaml; absent: no type known).
    types: dict[str, str] = field(default_factory=dict)

    def type_counts(self) -> tuple[tuple[str, int], ...]:
        """How many of the reports drawn each publisher type has, most first (ties in
        the order of :data:`troops.core.model.PUBLISHER_TYPES`); untyped ones are left out."""
        counts: dict[str, int] = {}
        for src in self.sources:
            kind = self.types.get(src.id)
            if kind is not None:
                counts[kind] = counts.get(kind, 0) + 1
        order: dict[str, int] = {t: i for i, t in enumerate(PUBLISHER_TYPES)}
        return tuple(sorted(counts.items(), key=lambda kv: (-kv[1], order.get(kv[0], 99))))

    def keep_events(self, ids: Collection[str]) -> Story:
        """The story with only the events ``ids`` (those the figure found room for) and
        the sources of what is then drawn: its levels' and those events'."""
        panels = tuple(
            replace(p, events=tuple(e for e in p.events if e.id in ids)) for p in self.panels
        )
        events = tuple(e for e in self.events if e.id in ids)
        used = {i for s in self.series for i in s.sources} | {e.source for e in events}
        sources = tuple(src for src in self.sources if src.id in used)
        return replace(self, panels=panels, events=events, sources=sources)

    @property
    def empty(self) -> bool:
        """True when nothing is drawn."""
        return not self.panels

    @property
    def series(self) -> tuple[StorySeries, ...]:
        """The drawn series, panel by panel."""
        return tuple(s for p in self.panels for s in p.series)

    def years(self) -> str:
        """``2014–2025``: the publication years of the sources drawn."""
        years = sorted(p.end.year for s in self.sources if (p := s.published_period) is not None)
        if not years:
            return ""
        return f"{years[0]}" if years[0] == years[-1] else f"{years[0]}–{years[-1]}"


def default_series(ds: Dataset) -> tuple[str, ...]:
    """:data:`STORY_SERIES` that ``ds`` defines (all its series when it has none of them)."""
    found = tuple(s for s in STORY_SERIES if s in ds.series_records)
    return found or tuple(ds.series_records)


def story_data(ds: Dataset, selection: Selection | None = None, *, targets: bool = False) -> Story:
    """What the story figure of ``selection`` (default: :func:`default_series`) shows."""
    sel = selection or Selection()
    if sel.series is None:
        sel = replace(sel, series=default_series(ds))
    chart = chart_data(ds, replace(sel, superseded=False, conflicts=False))
    drawn: list[StorySeries] = []
    for s in chart.series:
        pieces, bands = pieces_of(s.segments)
        if not pieces:
            continue
        marks = tuple(_mark(m) for m in s.marks) if targets else ()
        cited = dict.fromkeys(src for seg in s.segments for src in seg.sources)
        cited.update(dict.fromkeys(src for m in marks for src in m.sources))
        country = ds.series_records[s.id].country
        drawn.append(
            StorySeries(
                id=s.id,
                label=s.label,
                name=s.label.removesuffix(f" in {country}") or s.label,
                index=s.index,
                pieces=pieces,
                bands=bands,
                labels=value_labels(s.segments, pieces, bands),
                marks=marks,
                sources=tuple(cited),
            )
        )
    panels = _panels(ds, drawn, chart.events if sel.events else ())
    used = {src for s in drawn for src in s.sources}
    events = tuple(e for e in chart.events if any(e.id == x.id for p in panels for x in p.events))
    used.update(e.source for e in events)
    sources = tuple(
        sorted(
            (ds.source_records[i] for i in used),
            key=lambda src: (_published(src), src.id),
        )
    )
    kinds: set[str] = {p.kind for s in drawn for p in s.pieces}
    if any(s.bands for s in drawn):
        kinds.add("band")
    if any(s.marks for s in drawn):
        kinds.add("target")
    key = tuple(k for k in MARK_ORDER if k in kinds)
    drawn_figures = {f for s in chart.series for seg in s.segments for f in seg.figures}
    table = hedge_table.index(ds.hedge_records)
    phrases = dict.fromkeys(
        hedge_table.key(f.hedge) for f in chart.figures if f.id in drawn_figures and f.hedge
    )
    hedges = tuple(table[k] for k in phrases if k in table)
    types = {src.id: t for src in sources if (t := ds.publisher_type(src.id)) is not None}
    return Story(sel, chart.start, chart.end, tuple(panels), sources, events, key, hedges, types)


def _published(src: Source) -> date:
    p = src.published_period
    return p.start if p is not None else date.max


def _mark(m: Mark) -> StoryMark:
    return StoryMark(mark_date(m), float(m.value), m.kind, m.sources)


def _panels(ds: Dataset, drawn: Sequence[StorySeries], events: Sequence[Event]) -> list[StoryPanel]:
    """Panels by country, in the order of their first series; headline events on the
    panel of the series they concern (untagged ones on the first panel)."""
    groups: dict[str, list[StorySeries]] = {}
    for s in drawn:
        groups.setdefault(ds.series_records[s.id].country, []).append(s)
    headline = [e for e in events if e.headline][:MAX_EVENTS]
    placed: dict[str, list[StoryEvent]] = {title: [] for title in groups}
    for e in headline:
        for title, members in groups.items():
            ids = {s.id for s in members}
            if (not e.series and title == next(iter(groups))) or ids.intersection(e.series):
                placed[title].append(
                    StoryEvent(e.id, e.period.start, f"{_month(e)}: {e.label}", e.source)
                )
                break
    return [StoryPanel(t, tuple(m), tuple(placed[t])) for t, m in groups.items()]


def _month(e: Event) -> str:
    p = e.period
    return f"{p.start:%b %Y}" if p.precision in ("day", "month") else f"{p.start.year}"


def drawn_ids(story: Story) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The ids of the sources and of the events ``story`` draws (for citing them)."""
    return tuple(s.id for s in story.sources), tuple(e.id for e in story.events)


def type_summary(story: Story) -> str:
    """``9 official, 25 press, 10 wire``: the reports drawn by publisher type."""
    counts = story.type_counts()
    parts = [f"{n} {kind}" for kind, n in counts]
    rest = len(story.sources) - sum(n for _, n in counts)
    if parts and rest:
        parts.append(f"{rest} untyped")
    return ", ".join(parts)


def footer(story: Story, digest: str, version: str, *, types: bool = True) -> str:
    """The figure's footer, in the manner of Our World in Data: ``Reported troop levels.
    Source: troops 0.2 (dataset 82b7b1c), 62 reports 2014–2025 (9 official, 25 press,
    ...); each point's report: caption / `troops cite`.``  With ``types=False`` (no room)
    without the counts by publisher type."""
    n = len(story.sources)
    reports = f"{n} report{'s' if n != 1 else ''}"
    years = story.years()
    summary = type_summary(story) if types else ""
    return (
        f"Reported troop levels. Source: troops {version} (dataset {digest[:7]}), "
        f"{reports}{' ' + years if years else ''}{f' ({summary})' if summary else ''}; "
        "each point's report: caption / `troops cite`."
    )
