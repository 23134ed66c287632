"""What the page shows, as plain data ready for JSON: no bokeh, no HTML.

* ``snapshots``: the chart as known on each day the record changed (every publication date
  of a source, then the whole record).  Each holds the column data of every chart layer and
  the *hits* (levels and marks a pointer or the keyboard can reach, with their figures).
  The step rules run here, in Python (:func:`troops.chart.assemble.chart_data`); the page only
  picks the snapshot of the day asked for.
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
from troops.chart.chartdata import ChartData, Mark, Selection, SeriesData
from troops.chart.positions import mark_date, point_date
from troops.core.reading import bounds_text, number, reported
from troops.core.steps import Segment
from troops.dataset.conflicts import Conflict, find_conflicts
from troops.web.escape import safe_url
from troops.web.quotes import FoldedText

if TYPE_CHECKING:
    from troops.core.model import Event, Figure, Source
    from troops.dataset.api import Dataset

EPOCH = date(1970, 1, 1)
DAY_MS = 86_400_000
#: Series colours (Okabe-Ito, colour-blind safe), by the series' place in data/series.yaml.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9")
DASHES = ("solid", "dashed", "dashdot", "dotted")
#: Where event markers sit, as a share of the panel's height.
EVENT_HEIGHT = 0.97
#: Head room above the highest value drawn in a panel.
HEADROOM = 1.12
#: The chart layers of one series, each a Bokeh data source with these columns.
LAYERS: dict[str, tuple[str, ...]] = {
    "band": ("left", "right", "bottom", "top"),
    "line": ("x0", "y0", "x1", "y1"),
    "point": ("x", "y"),
    "old": ("x0", "y0", "x1", "y1"),
    "unknown": ("x0", "y0", "x1", "y1"),
    "unknowntext": ("x", "y", "text"),
    "mark": ("x", "y", "marker"),
    "conflict": ("x0", "y0", "x1", "y1"),
}


def ms(day: date) -> int:
    """``day`` as milliseconds since 1970-01-01."""
    return (day - EPOCH).days * DAY_MS


@dataclass(frozen=True)
class Payload:
    """The page's data: the JSON-ready ``data``, the charts and the table's figures."""

    data: dict[str, Any]
    chart: ChartData
    figures: tuple[Figure, ...]
    y_max: tuple[float, ...]


def knowledge_days(ds: Dataset, known_on: date | None) -> list[date]:
    """The days the record changed: every source's last possible publication day (up to
    ``known_on``), sorted."""
    days = {p.end for s in ds.source_records.values() if (p := s.published_period) is not None}
    return sorted(d for d in days if known_on is None or d <= known_on)


def build(ds: Dataset, selection: Selection) -> Payload:
    """Everything the page of ``selection`` shows."""
    final = chart_data(ds, selection)
    days = knowledge_days(ds, selection.known_on)
    charts = [chart_data(ds, replace(selection, known_on=d)) for d in days]
    if selection.known_on is None or not days or days[-1] != selection.known_on:
        charts.append(final)
    place = {sid: k for k, p in enumerate(final.panels) for sid in p.series}
    y_max = _y_max(charts, len(final.panels), place)
    figs = ds.select(
        list(selection.series) if selection.series else None,
        selection.known_on,
        since=selection.since,
        until=selection.until,
    )
    shown = {f.id: f for f in figs}
    for chart in charts:
        for f in chart.figures:
            shown.setdefault(f.id, f)
    wanted = list(selection.series) if selection.series else None
    conflicts = [
        c
        for c in find_conflicts(ds, wanted, selection.known_on)
        if c.second in shown or c.first in shown
    ]
    drawn = {e.id for chart in charts for e in chart.events}
    listed = [
        e for e in ds.event_records if e.id in drawn or any(c.first == e.id for c in conflicts)
    ]
    events = {
        e.id: {"id": e.id, "date": e.date, "label": e.label, "quote": e.quote,
               "source": e.source, "claimant": e.claimant, "description": e.description}
        for e in listed
    }  # fmt: skip
    sources = _sources(ds, shown.values(), listed)
    snapshots = [_snapshot(c, place, y_max) for c in charts]
    data: dict[str, Any] = {
        "series": [_series(ds, s) for s in final.series],
        "panels": [
            {"title": p.title, "series": list(p.series), "y_max": y_max[k]}
            for k, p in enumerate(final.panels)
        ],
        "x_range": [ms(final.start), ms(final.end + timedelta(days=1))],
        "snapshots": snapshots,
        "layers": {
            f"{name}:{s.id}": list(LAYERS[name])
            for s in final.series
            for name in LAYERS
            if any(f"{name}:{s.id}" in snap["layers"] for snap in snapshots)
        }
        | {f"event:{k}": ["x", "y"] for k in range(len(final.panels))},
        "figures": {f.id: _figure(f) for f in sorted(shown.values(), key=lambda f: f.id)},
        "sources": sources,
        "conflicts": [_conflict(c) for c in conflicts],
        "events": events,
    }
    return Payload(data, final, tuple(figs), tuple(y_max))


def _conflict(c: Conflict) -> dict[str, Any]:
    return {
        "series": c.series, "rule": c.rule, "first": c.first, "second": c.second,
        "reason": c.reason, "start": c.start.isoformat(), "end": c.end.isoformat(),
    }  # fmt: skip


def _series(ds: Dataset, s: SeriesData) -> dict[str, Any]:
    rec = ds.series_records[s.id]
    return {
        "id": s.id,
        "label": s.label,
        "title": rec.title,
        "color": PALETTE[s.index % len(PALETTE)],
        "dash": DASHES[s.index % len(DASHES)],
    }


def _y_max(charts: Sequence[ChartData], panels: int, place: dict[str, int]) -> list[float]:
    """The top of each panel: the highest number any snapshot draws there, with headroom."""
    top = [0.0] * panels
    for chart in charts:
        for s in chart.series:
            k = place[s.id]
            values = [
                v
                for seg in (*s.segments, *s.superseded)
                for v in (seg.value, seg.low, seg.high)
                if v is not None
            ]
            values += [v for m in s.marks for v in (m.value, m.low, m.high) if v is not None]
            top[k] = max([top[k], *values])
    return [round(t * HEADROOM) if t else 100.0 for t in top]


def _snapshot(chart: ChartData, place: dict[str, int], y_max: Sequence[float]) -> dict[str, Any]:
    layers: dict[str, dict[str, list[Any]]] = {}
    hits: list[dict[str, Any]] = []
    latest: dict[str, str] = {}
    for s in chart.series:
        k = place[s.id]
        cols: dict[str, dict[str, list[Any]]] = {
            name: {c: [] for c in columns} for name, columns in LAYERS.items()
        }
        _levels(s.segments, cols, y_max[k])
        _old(s.superseded, cols)
        _marks(s.marks, cols)
        for seg in s.segments:
            hits.append(_hit(k, s.id, "level", seg))
        for seg in s.superseded:
            hits.append(_hit(k, s.id, "old", seg))
        for m in s.marks:
            hits.append(_mark_hit(k, s.id, m))
        for c in chart.conflicts:
            if c.series == s.id:
                _add(cols["conflict"], x0=ms(c.a[0]), y0=c.a[1], x1=ms(c.b[0]), y1=c.b[1])
        for name, columns in cols.items():
            if any(columns.values()):  # empty layers are left out (the page clears them)
                layers[f"{name}:{s.id}"] = columns
        latest[s.id] = _latest(s.segments)
    for k, panel in enumerate(chart.panels):
        marks: dict[str, list[Any]] = {"x": [], "y": []}
        for e in chart.events:
            if e.series and set(e.series).isdisjoint(panel.series):
                continue
            x, y = ms(e.period.start), y_max[k] * EVENT_HEIGHT
            _add(marks, x=x, y=y)
            hits.append({
                "p": k, "s": None, "k": "event", "x0": x, "x1": x, "x": x, "y": y, "figs": [],
                "ev": e.id, "level": e.label, "range": "", "start": e.date, "end": None,
            })  # fmt: skip
        layers[f"event:{k}"] = marks
    on = chart.selection.known_on
    return {"on": on.isoformat() if on else None, "layers": layers, "hits": hits, "latest": latest}


def _add(columns: dict[str, list[Any]], **row: Any) -> None:
    for key, value in row.items():
        columns[key].append(value)


def _levels(segs: Sequence[Segment], cols: dict[str, dict[str, list[Any]]], top: float) -> None:
    """Steps: a horizontal line per known level, a sloped transition over a vague start
    date, a band for a hedged level, a point per level with a number, and a dotted
    continuation labelled "unknown" where the number is unknown."""
    prev: Segment | None = None
    for seg in segs:
        end = seg.end if seg.end is not None else seg.start_latest
        x0, xl, x1 = ms(seg.start), ms(seg.start_latest), ms(end)
        touching = prev is not None and prev.end == seg.start
        if seg.unknown:
            if touching and prev is not None and prev.value is not None:
                _add(cols["unknown"], x0=x0, y0=prev.value, x1=x1, y1=prev.value)
                _add(cols["unknowntext"], x=x0, y=prev.value, text="unknown")
            else:
                _add(cols["unknowntext"], x=x0, y=0, text="unknown")
            prev = seg
            continue
        if seg.low is not None or seg.high is not None:
            low = seg.low if seg.low is not None else 0
            high = seg.high if seg.high is not None else top
            if low != high:
                _add(cols["band"], left=x0, right=x1, bottom=low, top=high)
        if seg.value is not None:
            y = seg.value
            if touching and prev is not None and prev.value is not None:
                _add(cols["line"], x0=x0, y0=prev.value, x1=xl, y1=y)
            elif xl > x0:
                _add(cols["line"], x0=x0, y0=y, x1=xl, y1=y)
            _add(cols["line"], x0=xl, y0=y, x1=x1, y1=y)
            _add(cols["point"], x=ms(point_date(seg)), y=y)
        prev = seg


def _old(segs: Sequence[Segment], cols: dict[str, dict[str, list[Any]]]) -> None:
    for seg in segs:
        if seg.value is not None and seg.end is not None:
            _add(cols["old"], x0=ms(seg.start), y0=seg.value, x1=ms(seg.end), y1=seg.value)


def _marks(marks: Sequence[Mark], cols: dict[str, dict[str, list[Any]]]) -> None:
    for m in marks:
        marker = "triangle" if m.kind == "target" else "square"
        _add(cols["mark"], x=ms(mark_date(m)), y=m.value, marker=marker)


def _level_y(seg: Segment) -> float:
    """Where a level is drawn: its value, else the middle of its range, else 0."""
    if seg.value is not None:
        return float(seg.value)
    if seg.low is not None and seg.high is not None:
        return (seg.low + seg.high) / 2
    return float(seg.low or seg.high or 0)


def _hit(panel: int, sid: str, kind: str, seg: Segment) -> dict[str, Any]:
    end = seg.end if seg.end is not None else seg.start_latest
    return {
        "p": panel, "s": sid, "k": kind, "x0": ms(seg.start), "x1": ms(end),
        "x": ms(point_date(seg)), "y": _level_y(seg), "figs": list(seg.figures),
        "level": "unknown" if seg.unknown else number(seg.value),
        "range": bounds_text(seg.bound, seg.low, seg.high),
        "start": seg.start.isoformat(), "end": seg.end.isoformat() if seg.end else None,
    }  # fmt: skip


def _mark_hit(panel: int, sid: str, m: Mark) -> dict[str, Any]:
    x = ms(mark_date(m))
    return {
        "p": panel, "s": sid, "k": "mark", "x0": x, "x1": x, "x": x, "y": float(m.value),
        "figs": list(m.figures), "level": number(m.value),
        "range": bounds_text(None, m.low, m.high), "start": m.period.start.isoformat(),
        "end": m.period.end.isoformat(),
    }  # fmt: skip


def _latest(segs: Sequence[Segment]) -> str:
    """The last level of a series in words: ``900 (810–990) from 2024-09-27``."""
    if not segs:
        return "no report yet"
    seg = segs[-1]
    if seg.unknown:
        said = "unknown number"
    else:
        band = bounds_text(seg.bound, seg.low, seg.high)
        said = number(seg.value) if seg.value is not None else band
        if seg.value is not None and band:
            said = f"{said} ({band})"
    return f"{said} from {seg.start.isoformat()}"


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
