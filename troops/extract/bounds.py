"""The bound of a number read: its hedge phrase, or the hedge of the number it is
coordinated with (notes/reading-rules.md, rules 1 and 6)."""

from __future__ import annotations

from dataclasses import replace

from troops.core.model import Hedge

from .numbers import Reading

#: Words that join a number to the one before it so that the first one's hedge governs it.
_COORDINATORS = frozenset({"and", "or"})


def coordinated(r: Reading, first: Reading | None, word_before: str | None) -> Reading:
    """``r`` with the hedges of ``first`` when it is a bare number coordinated with it by
    ``word_before`` ("about 5,200 troops in Iraq and 2,000 in Syria"), else ``r`` itself."""
    if first is None or not first.hedges or r.hedges or r.determiner is not None:
        return r
    if first.partner is not None or word_before not in _COORDINATORS:
        return r
    return replace(r, hedges=list(first.hedges))


def bound_of(r: Reading, table: dict[str, Hedge]) -> tuple[str | None, str, int | None, int | None]:
    """(hedge phrase, bound, low, high) of a reading; low/high only for a range."""
    rows = [(h, table[h]) for h in r.hedges if h in table]
    if r.partner is not None:
        # "between 800 and 900"; "some 2,000 to 2,500" keeps an approximate hedge of its own
        ranged = [h for h, row in rows if _range_hedge(row)]
        ranged += [h for h, row in rows if row.bound == "approx"]
        return (ranged[0] if ranged else None), "approx", r.low, r.high
    rows = [(h, row) for h, row in rows if not _range_hedge(row)]
    one_sided = [(h, row) for h, row in rows if row.bound in ("at_least", "at_most")]
    chosen = one_sided[0] if one_sided else rows[0] if rows else None
    if chosen is None:
        return None, "exact", None, None
    return chosen[0], chosen[1].bound, None, None


def _range_hedge(row: Hedge) -> bool:
    """A hedge of two numbers ("between"): approximate with no widths of its own."""
    return row.bound == "approx" and row.low is None and row.high is None
