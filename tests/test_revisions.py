"""Revisions on the bundled data: the Syria correction of December 2024 and known-on views."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import date

from click.testing import Result

import troops
from troops.core import steps

#: Steps of us-syria from the summer of 2024 on: (start, end, value, low, high, sources).
BEFORE = [
    ("2024-07-23", "2024-09-27", "900", "810", "990", "lbci-2024-07-23"),
    ("2024-09-27", "", "900", "810", "990", "menafn-2024-09-27"),
]
AFTER = [
    ("2024-07-23", "2024-09-27", "900", "810", "990", "lbci-2024-07-23"),
    ("2024-09-27", "", "2000", "1800", "2200", "jpost-2024-12-20 townhall-2024-12-20"),
]


def syria_steps(run: Callable[..., Result], *extra: str) -> list[tuple[str, ...]]:
    """`troops table --steps --series us-syria --csv` rows starting in or after July 2024."""
    result = run("table", "--steps", "--series", "us-syria", "--csv", *extra)
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    keys = ("start", "end", "value", "low", "high", "sources")
    return [tuple(r[k] for k in keys) for r in rows if r["start"] >= "2024-07"]


def test_known_on_before_the_syria_revision(run: Callable[..., Result]) -> None:
    """Known on 19 Dec 2024, the day the Pentagon spoke, the series still shows the 900."""
    assert syria_steps(run, "--known-on", "2024-12-19") == BEFORE


def test_known_on_after_the_syria_revision(run: Callable[..., Result]) -> None:
    """Known on 20 Dec 2024, when the correction was published, 2,000 replaces the 900."""
    assert syria_steps(run, "--known-on", "2024-12-20") == AFTER


def test_revision_holds_in_the_full_series(run: Callable[..., Result]) -> None:
    """With everything known, 2,000 holds from the revised report until April 2025, backed by
    the two press reports and the (undated) briefing transcript."""
    assert syria_steps(run)[1:3] == [
        (
            "2024-09-27",
            "2025-04-18",
            "2000",
            "1800",
            "2200",
            "jpost-2024-12-20 townhall-2024-12-20 worldofsoftware-ryder-press-briefing",
        ),
        ("2025-04-18", "2025-10-01", "2000", "1800", "2200", "dailypost-2025-04-19"),
    ]


def test_revision_step_has_a_timing_zone() -> None:
    """The corrected level starts somewhere between the last report of 900 and the correction."""
    seg = next(s for s in troops.load().segments("us-syria") if s.start == date(2024, 9, 27))
    assert seg.start_latest == date(2024, 12, 19)
    assert seg.figures == (
        "jpost-2024-12-20.us-syria-count-2000",
        "townhall-2024-12-20.us-syria-count-2000",
        "worldofsoftware-ryder-press-briefing.us-syria-count-2000",
    )


def test_revised_figure_stays_in_the_table_and_is_superseded() -> None:
    """The revised 900 is still a reported figure, and is listed as superseded once known."""
    ds = troops.load()
    revised = "menafn-2024-09-27.us-syria-count-900"
    assert revised in {f.id for f in ds.select("us-syria")}
    gone = steps.superseded_figures(ds.figure_records, ds.source_records, date(2024, 12, 20))
    assert [f.id for f in gone if f.series == "us-syria"] == [
        "japantimes-2017-11-25.us-syria-count-500",
        revised,
    ]
    early = steps.superseded_figures(ds.figure_records, ds.source_records, date(2024, 12, 19))
    assert revised not in {f.id for f in early}


def test_earlier_900_reports_are_not_revised() -> None:
    """Only the report the correction covers is replaced; the 900 of July 2024 stands."""
    ds = troops.load()
    revised = {r for f in ds.figure_records for r in f.revises}
    assert {r for r in revised if r.endswith("us-syria-count-900")} == {
        "menafn-2024-09-27.us-syria-count-900"
    }
    july = next(s for s in ds.segments("us-syria") if s.start == date(2024, 7, 23))
    assert (july.value, july.sources) == (900, ("lbci-2024-07-23",))


def test_november_2017_underreporting() -> None:
    """The officials' 2,000 of Nov 2017 replaces the military's public 500 in the same report."""
    segs = troops.load().segments("us-syria", known_on="2017-11-30")
    assert [(s.start.isoformat(), s.value, s.figures) for s in segs[-2:]] == [
        ("2017-09-30", 1720, ("pakistantoday-2017-11-28.us-syria-count-1720",)),
        ("2017-11-24", 2000, ("japantimes-2017-11-25.us-syria-count-2000",)),
    ]
