"""The hedge table applied to the rows of a CSV table: :func:`troops.core.hedges.resolve`.

The rule is the one a YAML figure goes through, called once per row (it costs a few
microseconds); the first rule a row breaks is its problem and the row is dropped (as a YAML
figure whose bounds do not resolve).  Numbers are float arrays with NaN for "not given".
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

import numpy as np

from troops.core import hedges as hedge_table
from troops.core.model import Bound, Hedge
from troops.validate.rules import hedge_reported

if TYPE_CHECKING:
    from troops.io.records import Records
    from troops.validate.tableproblems import TableProblems

Array = np.ndarray[Any, Any]


def resolve(
    cells: dict[str, Array],
    numbers: dict[str, Array],
    rows: Array,
    table: dict[str, Hedge],
    records: Records,
    out: TableProblems,
) -> tuple[Array, Array, Array, Array]:
    """Resolve bound, low and high for ``rows``; return them and the rows that failed."""
    n = len(cells["id"])
    dead = np.zeros(n, dtype=bool)
    bound = cells["bound"].copy()
    low, high = np.full(n, np.nan), np.full(n, np.nan)
    given = {name: numbers[name].tolist() for name in ("value", "low", "high")}
    hedges, bounds = cells["hedge"].tolist(), cells["bound"].tolist()

    def number(name: str, i: int) -> int | None:
        x = given[name][i]
        return None if x != x else int(x)  # NaN: not given

    for i in rows.tolist():
        hedge = hedges[i] or None
        try:
            resolved = hedge_table.resolve(
                table,
                value=number("value", i),
                hedge=hedge,
                bound=cast(Bound, bounds[i]) if bounds[i] else None,
                low=number("low", i),
                high=number("high", i),
            )
        except hedge_table.HedgeError as exc:
            dead[i] = True
            if exc.field != "hedge" or hedge is None or hedge_reported(records, hedge):
                out.add(i, exc.field, str(exc))
            continue
        bound[i] = resolved.bound
        low[i] = np.nan if resolved.low is None else resolved.low
        high[i] = np.nan if resolved.high is None else resolved.high
    return bound, low, high, dead
