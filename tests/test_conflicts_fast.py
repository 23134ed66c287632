"""The grouped conflict finder gives exactly the pairs, order and reasons of comparing every
two figures, and its work does not grow with the square of agreeing reports."""

from __future__ import annotations

import time
from collections.abc import Sequence
from itertools import combinations

from hypothesis import given, settings
from hypothesis import strategies as st

from troops.core.model import Figure
from troops.dataset import conflicts as C

AS_OF = ["2021", "2021-03", "2021-03-05", "2021-06", "2021-03/2021-07", "2022-01", "2020/2021"]
KINDS = ["count", "cap", "target", "movement"]


def pairwise(series: str, figures: Sequence[Figure]) -> list[C.Conflict]:
    """The reference: every two figures compared (the rule as the module states it)."""
    found = []
    for a, b in combinations(figures, 2):
        first, second = sorted((a, b), key=lambda f: C._KIND_ORDER.get(f.kind, 9))
        rule = C.RULES.get((first.kind, second.kind))
        if rule is None or first.bound == "unknown" or second.bound == "unknown":
            continue
        overlap = C._overlap(first.period, second.period)
        reason = None if overlap is None else C._disagreement(rule, first, second)
        if overlap is not None and reason is not None:
            found.append(C.Conflict(series, *overlap, rule, first.id, second.id, reason))
    return found


def ordered(found: list[C.Conflict]) -> list[C.Conflict]:
    """Conflicts in the module's output order."""
    return sorted(found, key=lambda c: (c.start, c.end, c.first, c.second))


@st.composite
def figure_sets(draw: st.DrawFn) -> list[Figure]:
    """Up to 30 figures of one series: mixed kinds, periods, bounds (open sides, unknown)."""
    n = draw(st.integers(0, 30))
    figures = []
    for i in range(n):
        low = draw(st.one_of(st.none(), st.integers(0, 12)))
        high = draw(st.one_of(st.none(), st.integers(0, 12)))
        if low is not None and high is not None and low > high:
            low, high = high, low
        bound = draw(st.sampled_from(["approx", "at_least", "at_most", "exact", "unknown"]))
        figures.append(
            Figure.model_validate(
                {
                    "id": f"f{i:02d}",
                    "series": "s",
                    "source": "src",
                    "kind": draw(st.sampled_from(KINDS)),
                    "as_of": draw(st.sampled_from(AS_OF)),
                    "value": None,
                    "bound": bound,
                    "low": low,
                    "high": high,
                    "claimant": "c",
                    "quote": "q",
                }
            )
        )
    return sorted(figures, key=lambda f: (f.period.start, f.period.end, f.id))


@given(figure_sets())
@settings(max_examples=150, deadline=None)
def test_same_pairs_as_comparing_every_two(figures: list[Figure]) -> None:
    """For random figures, the grouped finder lists the same conflicts as the pairwise one."""
    assert ordered(C._figure_pairs("s", figures)) == ordered(pairwise("s", figures))


def test_agreeing_reports_cost_linear_time() -> None:
    """20,000 agreeing reports of one date take about ten times what 2,000 take (pairwise:
    a hundred times); the ratio is measured in the same run."""

    def many(n: int) -> list[Figure]:
        base = {"series": "s", "source": "src", "kind": "count", "as_of": "2021-03",
                "value": 2500, "bound": "approx", "low": 2250, "high": 2750,
                "claimant": "c", "quote": "q"}  # fmt: skip
        return [Figure.model_validate({**base, "id": f"f{i:05d}"}) for i in range(n)]

    small, large = many(2_000), many(20_000)

    def best(figures: list[Figure]) -> float:
        times = []
        for _ in range(3):
            start = time.perf_counter()
            assert C._figure_pairs("s", figures) == []
            times.append(time.perf_counter() - start)
        return min(times)

    assert best(large) < 30 * best(small) + 0.05
