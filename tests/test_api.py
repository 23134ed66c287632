"""The Python API: troops.load() gives DataFrames, and steps follow the design's rules."""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd
import pytest
from conftest import Root

import troops
from troops.core import steps
from troops.core.model import Figure, Source


def src(sid: str, published: str) -> Source:
    """A minimal source record."""
    return Source(
        id=sid, title="t", publisher="p", published=published, archive="a.txt", sha256="0" * 64
    )


def fig(
    fid: str,
    as_of: str,
    value: int | None,
    low: int | None,
    high: int | None,
    bound: str,
    source: str = "s1",
    **extra: Any,
) -> Figure:
    """A figure with its bounds already resolved, as the loader hands them to steps."""
    return Figure(
        id=fid,
        series="x",
        source=source,
        kind=extra.pop("kind", "count"),
        as_of=as_of,
        value=value,
        low=low,
        high=high,
        bound=bound,  # type: ignore[arg-type]
        claimant="c",
        quote="q",
        **extra,
    )


SOURCES = {"s1": src("s1", "2021-06-01"), "s2": src("s2", "2022-06-01")}


def test_same_time_figures_combine() -> None:
    """Figures starting the same day combine: median value, union of bounds, all sources."""
    figs = [
        fig("a", "2021-03-01", 2000, 1800, 2200, "approx"),
        fig("b", "2021-03-01", 2500, 2500, 2500, "exact", source="s2"),
        fig("c", "2021-03-01", 3000, 3000, None, "at_least"),
    ]
    (seg,) = steps.build("x", figs, SOURCES)
    assert seg.value == 2500
    assert (seg.low, seg.high) == (1800, None)  # one open side keeps the band open
    assert seg.sources == ("s1", "s2")
    assert seg.figures == ("a", "b", "c")


def test_median_of_two_may_be_fractional() -> None:
    """The median of two values is their mean."""
    figs = [
        fig("a", "2021-03-01", 2000, 2000, 2000, "exact"),
        fig("b", "2021-03-01", 2501, 2501, 2501, "exact"),
    ]
    assert steps.build("x", figs, SOURCES)[0].value == 2250.5


def test_disagreeing_exact_figures_make_a_range() -> None:
    """Two exact figures of different values on one day combine to a range, not 'exact'."""
    figs = [
        fig("a", "2021-03-01", 2500, 2500, 2500, "exact"),
        fig("b", "2021-03-01", 3000, 3000, 3000, "exact"),
        fig("c", "2021-04-01", 2000, 2000, 2000, "exact"),
        fig("d", "2021-04-01", 2000, 2000, 2000, "exact", source="s2"),
    ]
    segs = steps.build("x", figs, SOURCES)
    assert [(s.value, s.low, s.high, s.bound) for s in segs] == [
        (2750, 2500, 3000, "approx"),
        (2000, 2000, 2000, "exact"),
    ]


def test_levels_hold_until_next_and_last_is_open() -> None:
    """Each level holds from its as_of start to the next level; the last has no end."""
    figs = [
        fig("b", "2021-05", 2000, 2000, 2000, "exact"),
        fig("a", "2021-01-10", 3000, 3000, 3000, "exact"),
    ]
    segs = steps.build("x", figs, SOURCES)
    assert [(s.start, s.end, s.value) for s in segs] == [
        (date(2021, 1, 10), date(2021, 5, 1), 3000),
        (date(2021, 5, 1), None, 2000),
    ]
    assert segs[1].start_latest == date(2021, 5, 31)  # the month is a timing zone


def test_unknown_target_breaks_the_line() -> None:
    """An unknown number, even announced as a plan, is an unknown span, not the last value."""
    figs = [
        fig("a", "2021-03-01", 2500, 2500, 2500, "exact"),
        fig("u", "2022-01-01", None, None, None, "unknown", kind="target"),
        fig("t", "2021-06-01", 1000, 1000, 1000, "exact", kind="target"),
    ]
    segs = steps.build("x", figs, SOURCES)
    assert [(s.start, s.value, s.unknown) for s in segs] == [
        (date(2021, 3, 1), 2500, False),
        (date(2022, 1, 1), None, True),
    ]


def test_revision_and_known_on() -> None:
    """A revision replaces the revised figure once published; known_on shows the earlier belief."""
    figs = [
        fig("old", "2021-03", 900, 900, 900, "exact"),
        fig("new", "2021-03", 2000, 2000, 2000, "exact", source="s2", revises=["old"]),
    ]
    assert [s.value for s in steps.build("x", figs, SOURCES)] == [2000]
    assert [s.value for s in steps.build("x", figs, SOURCES, date(2022, 5, 31))] == [900]
    assert [s.value for s in steps.build("x", figs, SOURCES, date(2021, 5, 31))] == []


def test_load_gives_typed_frames(mini: Root) -> None:
    """troops.load returns DataFrames with contract columns and real dtypes."""
    ds = troops.load("mini")
    frame = ds.figures
    assert list(frame.columns) == list(troops.dataset.api.FIGURE_COLUMNS)  # type: ignore[attr-defined]
    assert str(frame["value"].dtype) == "Int64"
    assert pd.api.types.is_datetime64_any_dtype(frame["as_of_start"])
    assert len(ds.sources) == 2
    assert ds.events["date_start"].tolist() == [pd.Timestamp("2021-03-01")]


def test_steps_frame(mini: Root) -> None:
    """Dataset.steps returns segments with the timing zone and unknown flag."""
    frame = troops.load("mini").steps("us-iraq")
    assert frame["unknown"].tolist() == [False, True]
    assert frame["start"].tolist() == [pd.Timestamp("2021-03-01"), pd.Timestamp("2022-01-01")]
    assert frame["start_latest"].tolist()[0] == pd.Timestamp("2021-03-31")
    assert pd.isna(frame["value"].iloc[1])


def test_load_raises_data_error(mini: Root) -> None:
    """An invalid dataset raises troops.DataError carrying every problem."""
    mini.edit("data/sources/mini-2021-03-05.yaml", "value: 2500", "value: 2600")
    with pytest.raises(troops.DataError) as info:
        troops.load("mini")
    assert len(info.value.problems) == 1
    assert info.value.problems[0].field == "value"


def test_unknown_series_in_api(mini: Root) -> None:
    """Asking the API for an unknown series raises KeyError naming the known ones."""
    with pytest.raises(KeyError, match="known: us-iraq, us-syria"):
        troops.load("mini").steps("nato-iraq")
