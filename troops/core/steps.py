"""From figures to steps: the level of one series over time, as reported.

Rules (see the design card, "From figures to steps"):

* Only ``count`` figures make the step line.  A figure with no number ("an unknown number
  will remain past the end of the year") marks the level as *unknown* from its ``as_of``
  on, whether it is a count or a target: holding the previous value there would claim a
  knowledge the sources do not have.  Other targets, caps and movements never join the line.
* Each level holds from the start of its ``as_of`` period until the next level starts; the
  last level stays open (``end`` is ``None``).  ``start_latest`` is the end of the ``as_of``
  period: the step's edge lies somewhere between ``start`` and ``start_latest``.
* Figures that start on the same day are combined: value = median of the known values,
  band = union of the bounds (open if any side is open), sources = all of them.
* A figure that ``revises`` others replaces them once the revising report is published;
  ``known_on`` keeps only reports published by that day (a report whose publication date is
  unknown is never counted as known on a given day).
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from troops.core.model import Figure, Source
from troops.core.periods import Period


@dataclass(frozen=True)
class Segment:
    """One level of a step series."""

    series: str
    start: date
    start_latest: date
    end: date | None
    value: float | None
    low: float | None
    high: float | None
    bound: str
    figures: tuple[str, ...]
    sources: tuple[str, ...]

    @property
    def unknown(self) -> bool:
        """True when the sources say troops are there but not how many."""
        return self.value is None and self.low is None and self.high is None


def known_figures(
    figures: Iterable[Figure],
    sources: Mapping[str, Source],
    known_on: date | None,
    *,
    drop_revised: bool = True,
) -> list[Figure]:
    """Figures whose source was published by ``known_on`` (all when ``None``); unless
    ``drop_revised`` is false, without those a known revision replaced."""
    known = [f for f in figures if published_by(sources[f.source], known_on)]
    if not drop_revised:
        return known
    revised = {rid for f in known for rid in f.revises}
    return [f for f in known if f.id not in revised]


def superseded_figures(
    figures: Iterable[Figure], sources: Mapping[str, Source], known_on: date | None
) -> list[Figure]:
    """Figures that were believed at some point but that a known revision has replaced."""
    known = known_figures(figures, sources, known_on, drop_revised=False)
    revised = {rid for f in known for rid in f.revises}
    return [f for f in known if f.id in revised]


def published_by(source: Source, known_on: date | None) -> bool:
    """True when ``source`` was surely out by ``known_on`` (always when ``None``)."""
    if known_on is None:
        return True
    published = source.published_period
    return published is not None and published.end <= known_on


def on_step_line(fig: Figure) -> bool:
    """True for figures that shape the step line (counts, and unknown numbers of any plan)."""
    return fig.kind == "count" or (
        fig.value is None and fig.bound == "unknown" and fig.kind == "target"
    )


def build(
    series: str,
    figures: Sequence[Figure],
    sources: Mapping[str, Source],
    known_on: date | None = None,
) -> list[Segment]:
    """The step segments of ``series`` from ``figures`` as known on ``known_on``."""
    mine = [
        f
        for f in known_figures(figures, sources, known_on)
        if f.series == series and on_step_line(f) and f.review is None
    ]
    groups: dict[date, list[tuple[Figure, Period]]] = {}
    for fig in sorted(mine, key=lambda f: (f.period.start, f.period.end, f.id)):
        groups.setdefault(fig.period.start, []).append((fig, fig.period))
    starts = sorted(groups)
    segments = []
    for i, start in enumerate(starts):
        end = starts[i + 1] if i + 1 < len(starts) else None
        segments.append(_combine(series, start, end, groups[start]))
    return segments


def _combine(
    series: str, start: date, end: date | None, group: list[tuple[Figure, Period]]
) -> Segment:
    figs = [f for f, _ in group]
    known = [f for f in figs if f.bound != "unknown"]
    values = [f.value for f in known if f.value is not None]
    value = _number(statistics.median(values)) if values else None
    if known:
        lows = [f.low for f in known]
        highs = [f.high for f in known]
        low = (
            None if any(v is None for v in lows) else _number(min(v for v in lows if v is not None))
        )
        high = (
            None
            if any(v is None for v in highs)
            else _number(max(v for v in highs if v is not None))
        )
    else:
        low = high = None
    bound = _bound(value, low, high, {f.bound or "exact" for f in known})
    start_latest = min(p.end for _, p in group)
    if end is not None and start_latest > end:
        start_latest = end
    sources = tuple(dict.fromkeys(f.source for f in figs))
    return Segment(
        series,
        start,
        start_latest,
        end,
        value,
        low,
        high,
        bound,
        tuple(f.id for f in figs),
        sources,
    )


def _bound(value: float | None, low: float | None, high: float | None, bounds: set[str]) -> str:
    """The bound of a combined level: the figures' own bound when they share one and the
    combined limits still fit it (exact figures that disagree make a range, not an exact
    number); otherwise the shape of the limits."""
    if value is None and low is None and high is None:
        return "unknown"
    if low is not None and high is None:
        return "at_least"
    if high is not None and low is None:
        return "at_most"
    if bounds == {"exact"} and low == high:
        return "exact"
    if len(bounds) == 1 and bounds != {"exact"}:
        return next(iter(bounds))
    return "approx"


def _number(x: float) -> float:
    """Keep whole numbers whole (2500, not 2500.0); a median of two may be fractional."""
    return int(x) if float(x).is_integer() else float(x)
