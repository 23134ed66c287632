"""Conflicts: pairs of reports about one series and one time that cannot both be right.

A figure says the level of a series lay within its bounds (``low``..``high``; an open side
is unbounded) at some time within its ``as_of`` period.  Two figures of the same series
whose periods overlap may describe the same time; when no single number satisfies both,
the pair is a conflict.  Which kinds are compared with which:

* ``count-count`` -- two counts whose bounds do not overlap ("about 7,000" against 5,200).
* ``cap-count`` -- a count whose lower bound lies above the cap's upper bound: more troops
  reported present than authorised (8,892 counted against a cap of 5,262).  A count below
  its cap is no conflict.
* ``cap-cap`` -- two statements of the authorised level whose bounds do not overlap
  (3,000 committed against 3,100 authorised).
* ``target-target`` -- two plans for the same time whose bounds do not overlap.  Targets
  are never compared with counts or caps: a plan that is missed is not a disagreement
  between sources.
* ``claim-count`` -- an event of kind ``withdrawal`` marked ``completed`` claims that the
  troops of its ``series`` have left.  No number is invented for it: it is compared with
  every count of those series that describes a time from the claim's date up to
  :data:`CLAIM_WINDOW_DAYS` days after it and reports troops present (a lower bound, or a
  value, above zero).  Counts before the claim do not contradict it.
* Movements are changes, not levels, and are never compared.  Figures with an unknown
  number have no bounds and are never compared.

A figure that a known revision replaced takes no part (the revision settles it; see
:mod:`troops.core.steps`), and ``known_on`` keeps only reports published by that day, as
everywhere else.  Each pair is listed once, in a fixed order: by series (data order), by
the start and end of the overlap, then by the ids.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, NamedTuple

from troops.core.dates import DateLike, last_day
from troops.core.model import Event, Figure
from troops.core.periods import Period
from troops.core.reading import bounds_text, number
from troops.core.steps import known_figures, published_by

if TYPE_CHECKING:
    from troops.dataset.api import Dataset

#: How long after a claimed completed withdrawal a count of troops present contradicts it.
CLAIM_WINDOW_DAYS = 31
#: Rules in the order their first side is listed; a pair of kinds maps to its rule name.
RULES = {
    ("count", "count"): "count-count",
    ("cap", "count"): "cap-count",
    ("cap", "cap"): "cap-cap",
    ("target", "target"): "target-target",
}
_KIND_ORDER = {"cap": 0, "count": 1, "target": 2}


@dataclass(frozen=True)
class Conflict:
    """Two reports of one series for overlapping times that cannot both hold.

    ``first`` and ``second`` are figure ids, except that for the ``claim-count`` rule
    ``first`` is the id of the withdrawal event.  ``start``..``end`` is the time both may
    describe.
    """

    series: str
    start: date
    end: date
    rule: str
    first: str
    second: str
    reason: str


def find_conflicts(
    dataset: Dataset,
    series: str | Iterable[str] | None = None,
    known_on: DateLike = None,
) -> list[Conflict]:
    """Every conflict in ``dataset`` (of ``series``, as known on ``known_on``), in order."""
    wanted = dataset.check_series([series] if isinstance(series, str) else series)
    day = last_day(known_on)
    figures = known_figures(dataset.figure_records, dataset.source_records, day)
    found: list[Conflict] = []
    for sid in wanted:
        mine = sorted(
            (f for f in figures if f.series == sid),
            key=lambda f: (f.period.start, f.period.end, f.id),
        )
        found.extend(_figure_pairs(sid, mine))
        claims = [
            e
            for e in dataset.event_records
            if e.kind == "withdrawal"
            and e.completed
            and sid in e.series
            and published_by(dataset.source_records[e.source], day)
        ]
        for claim in claims:
            found.extend(_claim_pairs(sid, claim, mine))
    order = {s: i for i, s in enumerate(dataset.series_records)}
    return sorted(found, key=lambda c: (order[c.series], c.start, c.end, c.first, c.second))


class _Group(NamedTuple):
    """Figures of one kind, period and bounds: they never disagree with each other."""

    low: float  # -inf for an open lower side
    high: float  # +inf for an open upper side
    figures: list[Figure]


#: Kind -> its groups sorted by ``low``, and those lows (for bisecting), in one period.
_Shelf = dict[str, tuple[list[_Group], list[float]]]


def _figure_pairs(series: str, figures: Sequence[Figure]) -> list[Conflict]:
    """The disagreeing pairs among ``figures`` (sorted by start, end, id), near-linearly.

    Figures with the same kind, period and bounds form one group (they agree with each
    other); groups are compared only between periods that overlap (a sweep over the
    periods sorted by start), and within such a pair of periods, for each group, only the
    groups lying wholly above it are visited (bisected by their lower bound).  The cost is
    the number of figures and of overlapping periods plus the conflicts found, not the
    square of the figures: ten thousand agreeing reports of one date are one group.
    """
    rank = {f.id: i for i, f in enumerate(figures)}
    groups: dict[tuple[date, date], dict[tuple[str, float, float], list[Figure]]] = {}
    for f in figures:
        if f.kind not in _KIND_ORDER or f.bound == "unknown":
            continue
        low = -math.inf if f.low is None else float(f.low)
        high = math.inf if f.high is None else float(f.high)
        key = (f.period.start, f.period.end)
        groups.setdefault(key, {}).setdefault((f.kind, low, high), []).append(f)
    periods = sorted(groups)
    shelves: dict[tuple[date, date], _Shelf] = {}
    for key in periods:
        by_kind: dict[str, list[_Group]] = {}
        for (kind, low, high), members in groups[key].items():
            by_kind.setdefault(kind, []).append(_Group(low, high, members))
        shelves[key] = {}
        for kind, found_groups in by_kind.items():
            found_groups.sort(key=lambda g: (g.low, g.high))
            shelves[key][kind] = (found_groups, [g.low for g in found_groups])
    found: list[Conflict] = []
    for i, p in enumerate(periods):
        for q in periods[i:]:
            if q[0] > p[1]:
                break  # sorted by start: no later period overlaps p
            for k1, k2 in RULES:
                for lower, upper in ((p, q), (q, p)) if (k1 == k2 and p != q) else ((p, q),):
                    found.extend(_above(series, shelves[lower], shelves[upper], k1, k2, rank))
                if k1 != k2 and p != q:
                    found.extend(_above(series, shelves[q], shelves[p], k1, k2, rank))
    return found


def _above(
    series: str, lower: _Shelf, upper: _Shelf, k1: str, k2: str, rank: dict[str, int]
) -> Iterator[Conflict]:
    """Pairs of a ``k1`` figure of ``lower`` and a ``k2`` figure of ``upper`` whose whole
    range lies above the first's (the only way two such figures disagree)."""
    if k1 not in lower or k2 not in upper:
        return
    rule = RULES[(k1, k2)]
    candidates, lows = upper[k2]
    for group in lower[k1][0]:
        for other in candidates[bisect.bisect_right(lows, group.high) :]:
            for a in group.figures:
                for b in other.figures:
                    # Of two figures of one kind the earlier (start, end, id) is listed first.
                    swap = k1 == k2 and rank[b.id] < rank[a.id]
                    first, second = (b, a) if swap else (a, b)
                    overlap = _overlap(first.period, second.period)
                    reason = _disagreement(rule, first, second)
                    if overlap is not None and reason is not None:
                        yield Conflict(series, *overlap, rule, first.id, second.id, reason)


def _disagreement(rule: str, first: Figure, second: Figure) -> str | None:
    """Why the two cannot both hold, or ``None`` when some number satisfies both."""
    if rule == "cap-count":
        if first.high is not None and second.low is not None and second.low > first.high:
            return f"count {reading(second)} exceeds the cap {reading(first)}"
        return None
    if _below(first, second) or _below(second, first):
        return f"{first.kind} {reading(first)} and {second.kind} {reading(second)} do not overlap"
    return None


def _below(a: Figure, b: Figure) -> bool:
    """True when every reading of ``a`` lies below every reading of ``b``."""
    return a.high is not None and b.low is not None and a.high < b.low


def _claim_pairs(series: str, claim: Event, counts: Sequence[Figure]) -> list[Conflict]:
    window = (claim.period.start, claim.period.end + timedelta(days=CLAIM_WINDOW_DAYS))
    found = []
    for fig in counts:
        present = fig.low  # the fewest troops the count allows; none for 'fewer than'
        if fig.kind != "count" or present is None or present <= 0:
            continue
        start = max(window[0], fig.period.start)
        end = min(window[1], fig.period.end)
        if start > end:
            continue
        reason = (
            f"claims the withdrawal completed ({claim.date}); count {reading(fig)} "
            f"reports troops present ({fig.as_of})"
        )
        found.append(Conflict(series, start, end, "claim-count", claim.id, fig.id, reason))
    return found


def _overlap(a: Period, b: Period) -> tuple[date, date] | None:
    start, end = max(a.start, b.start), min(a.end, b.end)
    return (start, end) if start <= end else None


def reading(fig: Figure) -> str:
    """The number as reported, with the range it was read as when that is a two-sided band:
    ``about 4,450 (4,005–4,895)``, ``more than 3,000``, ``800–900``."""
    band = bounds_text(fig.bound, fig.low, fig.high)
    if fig.value is None:
        return band
    said = f"{fig.hedge} {number(fig.value)}" if fig.hedge else number(fig.value)
    two_sided = fig.low is not None and fig.high is not None and fig.low != fig.high
    return f"{said} ({band})" if two_sided else said


__all__ = ["CLAIM_WINDOW_DAYS", "RULES", "Conflict", "find_conflicts", "reading"]
