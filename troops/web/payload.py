"""What the page shows, as plain data ready for JSON: no bokeh, no HTML.

* ``snapshots``: the story view (:func:`troops.chart.story.story_data`, the paper story
  figure's panels, levels, bands and uncertainty) as known on each day the record changed
  (every publication date of a source, then the whole record).  Each holds the column data
  of every chart layer (:mod:`troops.web.storylayers`) and the *hits* (levels, targets,
  caps and events a pointer or the keyboard can reach, with their figures).  The step rules
  run here, in Python; the page only picks the snapshot of the day asked for.
* ``figures``, ``sources`` (with the archived text and where each quote sits in it),
  ``conflicts`` (the pairs of ``troops conflicts``) and ``events`` the side panel needs.

Dates on the chart are milliseconds since 1970-01-01 (the unit of Bokeh's datetime axis).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from troops.chart.assemble import chart_data
from troops.chart.chartdata import ChartData, Selection
from troops.chart.story import Story, default_series, story_data
from troops.core.reading import bounds_text, reported
from troops.dataset.conflicts import Conflict, find_conflicts
from troops.plot.theme import PALETTE  # the paper figures' series colours (no matplotlib)
from troops.web.escape import safe_url
from troops.web.quotes import FoldedText
from troops.web.storylayers import LAYERS, ms, snapshot, top_values

if TYPE_CHECKING:
    from troops.core.model import Event, Figure, Source
    from troops.dataset.api import Dataset

#: The paper figures' line styles (troops.plot.theme.LINESTYLES) in pixels at the page's
#: line width.
DASHES = ("solid", "8 3", "8 2 2 2", "2 2")
#: Head room above the highest value drawn in a panel.
HEADROOM = 1.12


@dataclass(frozen=True)
class Payload:
    """The page's data: the JSON-ready ``data``, the story drawn and the table's figures."""

    data: dict[str, Any]
    story: Story
    figures: tuple[Figure, ...]
    y_max: tuple[float, ...]


def knowledge_days(ds: Dataset, known_on: date | None) -> list[date]:
    """The days the record changed: every source's last possible publication day (up to
    ``known_on``), sorted."""
    days = {p.end for s in ds.source_records.values() if (p := s.published_period) is not None}
    return sorted(d for d in days if known_on is None or d <= known_on)


def _views(ds: Dataset, sel: Selection) -> tuple[Story, ChartData]:
    """The story of ``sel`` and its evidence chart (for targets, caps and conflicts; its
    segments are the ones the story was drawn from)."""
    return story_data(ds, sel), chart_data(ds, replace(sel, superseded=False))


def build(ds: Dataset, selection: Selection) -> Payload:
    """Everything the page of ``selection`` shows (the story's series when it names none)."""
    sel = selection
    if sel.series is None:
        sel = replace(sel, series=default_series(ds))
    days = knowledge_days(ds, sel.known_on)
    views = [_views(ds, replace(sel, known_on=d)) for d in days]
    if sel.known_on is None or not days or days[-1] != sel.known_on:
        views.append(_views(ds, sel))
    final, final_chart = views[-1]
    panels = [(p.title, [s.id for s in p.series]) for p in final.panels]
    if not panels:  # nothing has a level: one empty panel, so targets and caps can show
        panels = [(", ".join(s.label for s in final_chart.series), list(sel.series or ()))]
    place = {sid: k for k, (_, ids) in enumerate(panels) for sid in ids}
    y_max = _y_max(views, len(panels), place)
    figs = ds.select(
        list(selection.series) if selection.series else None,
        selection.known_on,
        since=selection.since,
        until=selection.until,
    )
    shown = {f.id: f for f in figs}
    by_id = {f.id: f for f in ds.figure_records}
    for _, chart in views:
        for s in chart.series:
            for fid in (*(f for g in s.segments for f in g.figures),
                        *(f for m in s.marks for f in m.figures)):  # fmt: skip
                shown.setdefault(fid, by_id[fid])
    wanted = list(selection.series) if selection.series else None
    conflicts = [
        c
        for c in find_conflicts(ds, wanted, selection.known_on)
        if c.second in shown or c.first in shown
    ]
    drawn = {e.id for story, _ in views for e in story.events}
    listed = [
        e for e in ds.event_records if e.id in drawn or any(c.first == e.id for c in conflicts)
    ]
    events = {
        e.id: {"id": e.id, "date": e.date, "label": e.label, "quote": e.quote,
               "source": e.source, "claimant": e.claimant, "description": e.description}
        for e in listed
    }  # fmt: skip
    snapshots = [snapshot(story, chart, place, y_max) for story, chart in views]
    series = [s for s in final_chart.series if s.id in place]
    data: dict[str, Any] = {
        "series": [_series(ds, s.id, s.label, s.index) for s in series],
        "panels": [
            {"title": title, "series": ids, "y_max": y_max[k]}
            for k, (title, ids) in enumerate(panels)
        ],
        "x_range": [ms(final.start), ms(final.end + timedelta(days=1))],
        "snapshots": snapshots,
        "layers": {
            f"{name}:{s.id}": list(LAYERS[name])
            for s in series
            for name in LAYERS
            if any(f"{name}:{s.id}" in snap["layers"] for snap in snapshots)
        }
        | {f"event:{k}": ["x", "y"] for k in range(len(panels))},
        "layer_names": list(LAYERS),
        "key": list(final.marks),
        "figures": {f.id: _figure(f) for f in sorted(shown.values(), key=lambda f: f.id)},
        "sources": _sources(ds, shown.values(), listed),
        "conflicts": [_conflict(c) for c in conflicts],
        "events": events,
    }
    return Payload(data, final, tuple(figs), tuple(y_max))


def _conflict(c: Conflict) -> dict[str, Any]:
    return {
        "series": c.series, "rule": c.rule, "first": c.first, "second": c.second,
        "reason": c.reason, "start": c.start.isoformat(), "end": c.end.isoformat(),
    }  # fmt: skip


def _series(ds: Dataset, sid: str, label: str, index: int) -> dict[str, Any]:
    return {
        "id": sid,
        "label": label,
        "title": ds.series_records[sid].title,
        "color": PALETTE[index % len(PALETTE)],
        "dash": DASHES[index % len(DASHES)],
    }


def _y_max(
    views: Sequence[tuple[Story, ChartData]], panels: int, place: dict[str, int]
) -> list[float]:
    """The top of each panel: the highest count any snapshot draws there, with headroom
    (the same in every snapshot, so "known on" never rescales the chart)."""
    top = [0.0] * panels
    for story, chart in views:
        for sid, values in top_values(story, chart).items():
            if sid in place:
                top[place[sid]] = max([top[place[sid]], *values])
    return [round(t * HEADROOM) if t else 100.0 for t in top]


def _figure(f: Figure) -> dict[str, Any]:
    return {
        "id": f.id, "series": f.series, "kind": f.kind, "as_of": f.as_of,
        "reported": reported(f), "range": bounds_text(f.bound, f.low, f.high),
        "claimant": f.claimant, "quote": f.quote, "source": f.source, "note": f.note,
        "revises": list(f.revises),
    }  # fmt: skip


def _sources(ds: Dataset, figures: Iterable[Figure], events: Iterable[Event]) -> dict[str, Any]:
    """Each source behind ``figures`` and ``events``, with its archived text and where
    their quotes sit in it."""
    by_source: dict[str, list[Figure]] = {}
    for f in sorted(figures, key=lambda f: (f.period.start, f.id)):
        by_source.setdefault(f.source, []).append(f)
    told: dict[str, list[Event]] = {}
    for e in events:
        told.setdefault(e.source, []).append(e)
        by_source.setdefault(e.source, [])
    return {
        sid: _source(ds, ds.source_records[sid], figs, told.get(sid, ()))
        for sid, figs in sorted(by_source.items())
    }


def _source(
    ds: Dataset, src: Source, figs: Sequence[Figure], events: Sequence[Event] = ()
) -> dict[str, Any]:
    path = ds.root / "seeds" / src.archive
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        raw = ""
    folded = FoldedText(raw)
    return {
        "id": src.id,
        "title": src.title,
        "publisher": src.publisher,
        "author": src.author,
        "published": src.published,
        "url": safe_url(src.url),
        "url_text": src.url,
        "via": [v.name for v in src.via],
        "text": raw,
        "figures": [f.id for f in figs],
        "spans": {
            **{f.id: folded.spans(f.quote) for f in figs},
            **{e.id: folded.spans(e.quote) for e in events},
        },
    }
