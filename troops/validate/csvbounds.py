"""The hedge table applied to whole columns: :func:`troops.core.hedges.resolve`, vectorised.

Same rules, same order, same messages as the per-figure function; the first rule a row
breaks is its problem and the row is dropped (as a YAML figure whose bounds do not resolve).
Numbers are float arrays with NaN for "not given"; widths are rounded half to even, as
Python's ``round`` does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from troops.core import hedges as hedge_table
from troops.core.model import Hedge

if TYPE_CHECKING:
    from troops.io.reader import Records
    from troops.validate.csvchecks import _Problems

Array = np.ndarray[Any, Any]


def resolve(
    cells: dict[str, Array],
    numbers: dict[str, Array],
    rows: Array,
    table: dict[str, Hedge],
    records: Records,
    out: _Problems,
) -> tuple[Array, Array, Array, Array]:
    """Resolve bound, low and high for ``rows``; return them and the rows that failed."""
    n = len(cells["id"])
    dead = np.zeros(n, dtype=bool)
    live = np.zeros(n, dtype=bool)
    live[rows] = True
    value, low, high = numbers["value"].copy(), numbers["low"].copy(), numbers["high"].copy()

    def fail(mask: Array, field: str, message: Any) -> None:
        hit = np.flatnonzero(mask & live & ~dead)
        dead[hit] = True
        for i in hit:
            out.add(int(i), field, message(int(i)) if callable(message) else message)

    hedge = cells["hedge"]
    given_hedge = hedge != ""
    keys = {h: hedge_table.key(h) for h in set(hedge[given_hedge & live])}
    row_of = {h: table.get(k) for h, k in keys.items()}
    unknown = np.zeros(n, dtype=bool)
    hedged_rows = np.flatnonzero(given_hedge & live)
    unknown[hedged_rows] = [row_of[hedge[i]] is None for i in hedged_rows]
    if unknown.any():
        broken = {hedge_table.key(b) for b in records.broken_ids}
        table_read = "hedge" not in records.unread
        reported = np.array(
            [bool(u) and keys[hedge[i]] not in broken and table_read for i, u in
             enumerate(unknown)]
        )  # fmt: skip
        fail(
            unknown & reported,
            "hedge",
            lambda i: hedge_table.not_in_table(str(hedge[i])),
        )
        dead |= unknown & live
    bound = cells["bound"].copy()
    lo_frac = np.full(n, np.nan)
    hi_frac = np.full(n, np.nan)
    hedged = np.flatnonzero(given_hedge & live & ~dead)
    for i in hedged:
        row = row_of[hedge[i]]
        assert row is not None
        if bound[i] != "" and bound[i] != row.bound:
            fail(
                _one(n, int(i)),
                "bound",
                f"is {bound[i]} but the hedge {hedge[i]!r} means {row.bound} in the hedge table",
            )
        bound[i] = row.bound
        lo_frac[i] = np.nan if row.low is None else row.low
        hi_frac[i] = np.nan if row.high is None else row.high
    has_v, has_lo, has_hi = ~np.isnan(value), ~np.isnan(low), ~np.isnan(high)
    bound[(bound == "") & has_v] = "exact"
    bound[(bound == "") & ~has_v] = "unknown"

    unknown_bound = bound == "unknown"
    for name, has in (("value", has_v), ("low", has_lo), ("high", has_hi)):
        fail(unknown_bound & has, name, "must be empty when the number is unknown")
    low[unknown_bound] = high[unknown_bound] = np.nan

    exact = bound == "exact"
    fail(exact & ~has_v, "value", "is empty; an exact figure needs a value")
    with np.errstate(invalid="ignore"):
        differ = (has_lo & (low != value)) | (has_hi & (high != value))
    fail(exact & differ, "bound", "is exact but low/high differ from the value")
    low[exact] = high[exact] = value[exact]

    ranged = ~(exact | unknown_bound)
    fail(ranged & (bound == "at_least") & has_hi, "high",
         "must be empty: an 'at least' bound is open above")  # fmt: skip
    fail(ranged & (bound == "at_most") & has_lo, "low",
         "must be empty: an 'at most' bound is open below")  # fmt: skip
    fail(
        ranged & ~has_v & (~has_lo | ~has_hi | (bound != "approx")),
        "value",
        lambda i: f"is empty; a bound of {bound[i]} needs a value",
    )
    for name, limits, fracs, kinds in (
        ("low", low, lo_frac, ("approx", "at_least")),
        ("high", high, hi_frac, ("approx", "at_most")),
    ):
        needed = ranged & np.isnan(limits) & np.isin(bound, kinds)
        fail(
            needed & (np.isnan(fracs) | ~has_v),
            name,
            "is not set and no hedge phrase from the table gives a width",
        )
        fill = needed & ~dead
        limits[fill] = np.rint(value[fill] * (1 + fracs[fill]))
    return bound, low, high, dead


def _one(n: int, i: int) -> Array:
    mask = np.zeros(n, dtype=bool)
    mask[i] = True
    return mask
