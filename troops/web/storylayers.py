"""The story view of one snapshot, as the column data of the page's chart layers.

The levels, bands and uncertainty are the paper story figure's
(:func:`troops.chart.story.story_data`): a solid step per ``level`` and a sloped one over a
``vague`` date (its days shaded), a lighter line where a level is ``stale``, a tinted bar
with no line and no point for a ``range`` without a best value, a dotted bridge over an
``unknown`` number, a band where a number is hedged.  A point marks each reported level
(hover and focus find it); targets and caps (hollow) and the pairs of reports that
disagree (dotted) come from the evidence chart of the same selection and are shown only
when the reader asks.

Dates are milliseconds since 1970-01-01 (the unit of Bokeh's datetime axis).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from troops.chart.chartdata import ChartData, Mark, SeriesData
from troops.chart.positions import mark_date, point_date
from troops.chart.story import KEY_TEXT, MARK_ORDER, Story, StorySeries
from troops.chart.storyparts import UNKNOWN_TEXT, ValueLabel
from troops.core.reading import bounds_text, number
from troops.core.steps import Segment

EPOCH = date(1970, 1, 1)
DAY_MS = 86_400_000
#: Where event markers sit, as a share of the panel's height.
EVENT_HEIGHT = 0.97
#: The chart layers of one series, each a Bokeh data source with these columns (in the
#: order they are drawn, bottom first).
LAYERS: dict[str, tuple[str, ...]] = {
    "band": ("left", "right", "bottom", "top"),
    "vague": ("left", "right", "bottom", "top"),
    "range": ("left", "right", "bottom", "top"),
    "stale": ("x0", "y0", "x1", "y1"),
    "line": ("x0", "y0", "x1", "y1"),
    "unknown": ("x0", "y0", "x1", "y1"),
    "unknowntext": ("x", "y", "text"),
    "point": ("x", "y"),
    "mark": ("x", "y", "marker"),
    "conflict": ("x0", "y0", "x1", "y1"),
}
Columns = dict[str, list[Any]]


def ms(day: date) -> int:
    """``day`` as milliseconds since 1970-01-01."""
    return (day - EPOCH).days * DAY_MS


def top_values(story: Story, chart: ChartData) -> dict[str, list[float]]:
    """Every count a snapshot draws, by series (what the panels' y axes must hold)."""
    out: dict[str, list[float]] = {s.id: list(s.values) for s in story.series}
    for s in chart.series:
        out.setdefault(s.id, []).extend(float(m.value) for m in s.marks)
    for c in chart.conflicts:
        out.setdefault(c.series, []).extend((c.a[1], c.b[1]))
    return out


def snapshot(
    story: Story, chart: ChartData, place: dict[str, int], y_max: Sequence[float]
) -> dict[str, Any]:
    """The layers and hits of one snapshot (``place``: each drawn series' panel)."""
    layers: dict[str, Columns] = {}
    hits: list[dict[str, Any]] = []
    latest: dict[str, str] = {}
    drawn = {s.id: s for s in story.series}
    for s in chart.series:
        if s.id not in place:
            continue
        k = place[s.id]
        cols: dict[str, Columns] = {name: {c: [] for c in cs} for name, cs in LAYERS.items()}
        story_series = drawn.get(s.id)
        if story_series is not None:
            _pieces(story_series, cols)
            hits += [_hit(k, s.id, seg, story_series) for seg in s.segments]
            for seg in s.segments:
                if seg.value is not None:
                    _add(cols["point"], x=ms(point_date(seg)), y=seg.value)
        for m in s.marks:
            _add(cols["mark"], x=ms(mark_date(m)), y=m.value,
                 marker="triangle" if m.kind == "target" else "square")  # fmt: skip
            hits.append(_mark_hit(k, s.id, m))
        for c in chart.conflicts:
            if c.series == s.id:
                _add(cols["conflict"], x0=ms(c.a[0]), y0=c.a[1], x1=ms(c.b[0]), y1=c.b[1])
        for name, columns in cols.items():
            if any(columns.values()):  # empty layers are left out (the page clears them)
                layers[f"{name}:{s.id}"] = columns
        latest[s.id] = _latest(s)
    for k in range(len(y_max)):
        layers[f"event:{k}"] = {"x": [], "y": []}
    told = {e.id: e for e in story.events}
    for panel in story.panels:
        ks = {place[s.id] for s in panel.series if s.id in place}
        if not ks:
            continue
        k = min(ks)
        for e in panel.events:
            x, y = ms(e.day), y_max[k] * EVENT_HEIGHT
            _add(layers[f"event:{k}"], x=x, y=y)
            hits.append({
                "p": k, "s": None, "k": "event", "x0": x, "x1": x, "x": x, "y": y, "lo": y,
                "hi": y, "figs": [], "ev": e.id, "level": told[e.id].label, "range": "",
                "start": told[e.id].date, "end": None,
            })  # fmt: skip
    on = chart.selection.known_on
    return {
        "on": on.isoformat() if on else None,
        "layers": layers,
        "hits": hits,
        "latest": latest,
        "labels": _labels(story, place),
    }


def _labels(story: Story, place: dict[str, int]) -> list[dict[str, Any]]:
    """The story figure's value labels (first, last, peak, big changes; the unknown gaps
    have their own), the most important first: the page places those it can without a
    collision, as the paper figure does."""
    out = [
        _label(place[s.id], s.id, lab)
        for s in story.series
        if s.id in place
        for lab in s.labels
        if lab.reason != "unknown"
    ]
    return sorted(out, key=lambda lab: lab["rank"])


def _label(panel: int, sid: str, lab: ValueLabel) -> dict[str, Any]:
    return {
        "p": panel, "s": sid, "x0": ms(lab.start), "x1": ms(lab.end), "y": lab.value,
        "lo": lab.low, "hi": lab.high, "text": lab.text, "bare": lab.bare, "rank": lab.priority,
    }  # fmt: skip


def _add(columns: Columns, **row: Any) -> None:
    for key, value in row.items():
        columns[key].append(value)


def _pieces(s: StorySeries, cols: dict[str, Columns]) -> None:
    """The story figure's pieces of ``s`` as segments and boxes (the rules of
    :func:`troops.plot.story.draw_story`: a riser joins a piece to the one before it
    where they touch, a stale stretch is drawn apart and lighter)."""
    for b in s.bands:
        _add(cols["band"], left=ms(b.start), right=ms(b.end), bottom=b.low, top=b.high)
    last: tuple[date, float] | None = None
    for p in s.pieces:
        x0, x1 = ms(p.start), ms(p.end)
        if p.kind in ("range", "unknown"):
            last = None
            if p.kind == "range" and p.y0 is not None and p.y1 is not None:
                _add(cols["range"], left=x0, right=x1, bottom=p.y0, top=p.y1)
                continue
            y0 = p.y0 if p.y0 is not None else p.y1
            y1 = p.y1 if p.y1 is not None else p.y0
            if y0 is not None and y1 is not None:
                _add(cols["unknown"], x0=x0, y0=y0, x1=x1, y1=y1)
                _add(cols["unknowntext"], x=x0, y=max(y0, y1), text=UNKNOWN_TEXT)
            continue
        assert p.y0 is not None
        assert p.y1 is not None
        layer = "stale" if p.kind == "stale" else "line"
        if last is not None and last[0] == p.start and p.kind != "stale" and last[1] != p.y0:
            _add(cols["line"], x0=x0, y0=last[1], x1=x0, y1=p.y0)
        _add(cols[layer], x0=x0, y0=p.y0, x1=x1, y1=p.y1)
        if p.kind == "vague":
            lo, hi = min(p.y0, p.y1), max(p.y0, p.y1)
            _add(cols["vague"], left=x0, right=x1, bottom=lo, top=hi)
        last = (p.end, p.y1)


def _extent(seg: Segment, s: StorySeries) -> tuple[float, float, float]:
    """Where a level's hit sits: its value (or the middle of its range, or the level an
    unknown gap is bridged at), and the low and high a pointer may touch."""
    if seg.unknown:
        bridge = [
            v
            for p in s.pieces
            if p.kind == "unknown" and p.start == seg.start
            for v in (p.y0, p.y1)
            if v is not None
        ]
        y = max(bridge, default=0.0)
        return y, y, y
    ends = [float(v) for v in (seg.low, seg.high, seg.value) if v is not None]
    y = float(seg.value) if seg.value is not None else (min(ends) + max(ends)) / 2
    return y, min(ends), max(ends)


def _marks_of(seg: Segment, s: StorySeries) -> list[str]:
    """The story key's words for how ``seg`` is drawn (hedged, date known roughly,
    unconfirmed 6+ months, range without a best value, number not reported)."""
    end = max(seg.end or seg.start_latest, seg.start_latest)
    kinds: set[str] = {
        p.kind
        for p in s.pieces
        if p.sources == seg.sources and seg.start <= p.start and p.end <= end
    }
    if seg.value is not None:  # the story's band rule (troops.chart.storyparts.pieces_of)
        low = seg.low if seg.low is not None else seg.value
        high = seg.high if seg.high is not None else seg.value
        if low < high:
            kinds.add("band")
    return [KEY_TEXT[k] for k in MARK_ORDER if k in kinds]


def _hit(panel: int, sid: str, seg: Segment, s: StorySeries) -> dict[str, Any]:
    end = seg.end if seg.end is not None else seg.start_latest
    y, lo, hi = _extent(seg, s)
    return {
        "marks": _marks_of(seg, s),
        "p": panel, "s": sid, "k": "level", "x0": ms(seg.start), "x1": ms(end),
        "x": ms(point_date(seg)), "y": y, "lo": lo, "hi": hi, "figs": list(seg.figures),
        "level": "unknown" if seg.unknown else number(seg.value),
        "range": bounds_text(seg.bound, seg.low, seg.high),
        "start": seg.start.isoformat(), "end": seg.end.isoformat() if seg.end else None,
    }  # fmt: skip


def _mark_hit(panel: int, sid: str, m: Mark) -> dict[str, Any]:
    x = ms(mark_date(m))
    return {
        "p": panel, "s": sid, "k": "mark", "x0": x, "x1": x, "x": x, "y": float(m.value),
        "lo": float(m.value), "hi": float(m.value), "figs": list(m.figures),
        "level": number(m.value), "range": bounds_text(None, m.low, m.high),
        "start": m.period.start.isoformat(), "end": m.period.end.isoformat(),
    }  # fmt: skip


def _latest(s: SeriesData) -> str:
    """The last level of a series in words: ``900 (810–990) from 2024-09-27``."""
    if not s.segments:
        return "no report yet"
    seg = s.segments[-1]
    if seg.unknown:
        said = "unknown number"
    else:
        band = bounds_text(seg.bound, seg.low, seg.high)
        said = number(seg.value) if seg.value is not None else band
        if seg.value is not None and band:
            said = f"{said} ({band})"
    return f"{said} from {seg.start.isoformat()}"
