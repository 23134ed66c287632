"""The hedge table turns hedge words into bounds; one-sided hedges stay one-sided."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from troops.core import hedges
from troops.core.model import Hedge

TABLE = hedges.index(
    [
        Hedge(phrase="around", bound="approx", low=-0.10, high=0.10),
        Hedge(phrase="more than", bound="at_least", low=0.0),
        Hedge(phrase="nearly", bound="at_most", high=0.0),
        Hedge(phrase="between", bound="approx"),
        Hedge(phrase="unknown number", bound="unknown"),
    ]
)
values = st.integers(min_value=1, max_value=1_000_000)


@given(values)
def test_around_is_ten_percent_either_side(value: int) -> None:
    """'around N' reads as N-10 % to N+10 %, rounded to whole troops, containing N."""
    b = hedges.resolve(TABLE, value=value, hedge="Around", bound=None, low=None, high=None)
    assert b.bound == "approx"
    assert b.low == round(value * 0.9)
    assert b.high == round(value * 1.1)
    assert b.low is not None
    assert b.high is not None
    assert b.low <= value <= b.high


@given(values)
def test_more_than_is_open_above(value: int) -> None:
    """'more than N' has low N and no upper limit."""
    b = hedges.resolve(TABLE, value=value, hedge="more than", bound=None, low=None, high=None)
    assert (b.bound, b.low, b.high) == ("at_least", value, None)


@given(values)
def test_nearly_is_open_below(value: int) -> None:
    """'nearly N' has high N and no lower limit."""
    b = hedges.resolve(TABLE, value=value, hedge="nearly", bound=None, low=None, high=None)
    assert (b.bound, b.low, b.high) == ("at_most", None, value)


@given(values)
def test_no_hedge_is_exact(value: int) -> None:
    """Without a hedge phrase the number is exact: low = value = high."""
    b = hedges.resolve(TABLE, value=value, hedge=None, bound=None, low=None, high=None)
    assert (b.bound, b.low, b.high) == ("exact", value, value)


@given(values, values)
def test_one_sided_rejects_other_side(value: int, other: int) -> None:
    """An upper limit on an 'at least' figure is refused, whatever its number."""
    with pytest.raises(hedges.HedgeError) as info:
        hedges.resolve(TABLE, value=value, hedge="more than", bound=None, low=None, high=other)
    assert info.value.field == "high"


@given(values, values)
def test_between_takes_explicit_limits(a: int, b: int) -> None:
    """'between A and B' keeps the limits the text gives, and no value is required."""
    low, high = sorted((a, b))
    r = hedges.resolve(TABLE, value=None, hedge="between", bound=None, low=low, high=high)
    assert (r.bound, r.low, r.high) == ("approx", low, high)


def test_unknown_number_has_no_value() -> None:
    """'an unknown number' has no value and no limits; a value is refused."""
    r = hedges.resolve(TABLE, value=None, hedge="unknown number", bound=None, low=None, high=None)
    assert (r.bound, r.low, r.high) == ("unknown", None, None)
    with pytest.raises(hedges.HedgeError):
        hedges.resolve(TABLE, value=5, hedge="unknown number", bound=None, low=None, high=None)


def test_bound_must_agree_with_hedge() -> None:
    """A figure's bound that contradicts its hedge phrase is an error on 'bound'."""
    with pytest.raises(hedges.HedgeError) as info:
        hedges.resolve(TABLE, value=10, hedge="around", bound="exact", low=None, high=None)
    assert info.value.field == "bound"


def test_describe_for_chart_notes() -> None:
    """Each row describes itself for the note under a chart."""
    assert hedges.describe(TABLE["around"]) == "'around' read as ±10 %"
    assert hedges.describe(TABLE["more than"]) == "'more than' read as a lower bound"


def test_a_bound_set_off_the_number_says_how_far_and_which_way() -> None:
    """A one-sided bound with a margin reads as '10 % above the number' (or below), not '+10 %'."""
    up = Hedge(phrase="up to approximately", bound="at_most", high=0.10)
    down = Hedge(phrase="well over", bound="at_least", low=-0.05)
    assert hedges.describe(up) == (
        "'up to approximately' read as an upper bound 10 % above the number"
    )
    assert hedges.reading(down) == "a lower bound 5 % below the number"


def test_bundled_table_rows_are_consistent() -> None:
    """Every row of the bundled hedge table yields ordered bounds containing the value."""
    import troops

    ds = troops.load()
    for row in ds.hedge_records:
        if row.bound in ("unknown",) or (row.bound == "approx" and row.low is None):
            continue
        b = hedges.resolve(
            hedges.index([row]), value=1000, hedge=row.phrase, bound=None, low=None, high=None
        )
        assert b.low is None or b.low <= 1000
        assert b.high is None or b.high >= 1000


@pytest.mark.parametrize(
    ("phrase", "quote", "found"),
    [
        ("over", "Over 2,500 troops", True),
        ("over", "American forces overseas will be reduced to 2,500", False),
        ("over", "the government said 2,500", False),
        ("some", "an awesome 300 troops", False),
        ("some", "some 300 troops", True),
        ("about", "roundabout 2,500", False),
        ("More  than", "more\nthan 900 troops", True),
        ("up to", "up to\u00a0300 troops", True),
        ("c.", "c. 300 troops", True),
        ("nearly", "nearly-2,000", True),
    ],
)
def test_hedge_in_quote_as_whole_words(phrase: str, quote: str, found: bool) -> None:
    """A hedge phrase occurs in a quote only as whole words, compared normalised."""
    assert hedges.in_quote(phrase, quote) is found
