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

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import combinations
from typing import TYPE_CHECKING

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


def _figure_pairs(series: str, figures: Sequence[Figure]) -> list[Conflict]:
    found = []
    for a, b in combinations(figures, 2):
        first, second = sorted((a, b), key=lambda f: _KIND_ORDER.get(f.kind, 9))
        rule = RULES.get((first.kind, second.kind))
        if rule is None or first.bound == "unknown" or second.bound == "unknown":
            continue
        overlap = _overlap(first.period, second.period)
        if overlap is None:
            continue
        reason = _disagreement(rule, first, second)
        if reason is not None:
            found.append(Conflict(series, *overlap, rule, first.id, second.id, reason))
    return found


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
