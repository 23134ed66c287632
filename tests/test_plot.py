"""The plotting API: what step_chart draws on an Axes, checked on the drawn objects."""

from __future__ import annotations

import math
from datetime import date
from typing import Any

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pytest
from conftest import Root, add_source
from conftest import figure_record as fig
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch, Polygon
from matplotlib.text import Annotation

import troops
from troops.chart.assemble import chart_data
from troops.chart.chartdata import Selection
from troops.chart.notes import source_entries
from troops.dataset.api import Dataset
from troops.plot import theme
from troops.plot.stepchart import step_chart


@pytest.fixture(autouse=True)
def _clean(mpl_clean: None) -> None:
    """Every test here starts from matplotlib's defaults and leaves no figure open."""


def n(text: str) -> float:
    """A date as a matplotlib date number."""
    return float(mdates.date2num(date.fromisoformat(text)))


@pytest.fixture
def steps(blank: Root) -> Dataset:
    """Levels with sharp and vague dates, hedges of every kind, a target, an unknown span
    and two events, all from one report published on 1 June 2022."""
    add_source(
        blank,
        "wire-2022-06-01",
        published="2022-06-01",
        figures=[
            fig("w.a", "us-iraq", "2021-01-10", 3000),
            fig("w.b", "us-iraq", "2021-04-20", 2500),
            fig("w.c", "us-iraq", "2021-09", 2000, hedge="about"),
            fig("w.d", "us-iraq", "2022-03", None, hedge="unknown number", kind="target"),
            fig("w.g", "us-iraq", "2022", 1500, kind="target"),
            fig("w.e", "us-syria", "2021-06-15", 900, hedge="more than"),
            fig("w.f", "us-syria", "2021-11-01", 800, hedge="fewer than"),
        ],
        events=[
            {
                "id": "w.deal",
                "date": "2021-04-20",
                "kind": "agreement",
                "label": "Deal signed",
                "quote": "The deal was signed.",
            },
            {
                "id": "w.talks",
                "date": "2021-07",
                "kind": "announcement",
                "label": "Talks",
                "quote": "Talks were held in July.",
            },
        ],
    )
    return troops.load(blank.path)


@pytest.fixture
def numbered(blank: Root) -> Dataset:
    """Three reports, one without a publisher, whose numbers follow first use left to right."""
    add_source(
        blank,
        "alpha-2021-05-01",
        published="2021-05-01",
        publisher="Alpha Post",
        figures=[fig("alpha.x", "us-iraq", "2021-04-01", 3000)],
    )
    add_source(
        blank,
        "beta-2021-03-01",
        published="2021-03-01",
        publisher=None,
        title="Beta report on troops",
        figures=[fig("beta.x", "us-iraq", "2021-02-01", 2800)],
    )
    add_source(
        blank,
        "gamma-2021-08-01",
        published="2021-08-01",
        publisher="Gamma",
        figures=[fig("gamma.x", "us-syria", "2021-07-01", 900)],
        events=[
            {
                "id": "gamma.vote",
                "date": "2021-01-15",
                "kind": "resolution",
                "label": "Vote",
                "quote": "Parliament voted in January.",
            }
        ],
    )
    return troops.load(blank.path)


def chart(ds: Dataset, **options: Any) -> Axes:
    """Draw ``ds`` on a fresh 5 x 3 in Axes and return it."""
    figure = Figure(figsize=(5, 3))
    ax = figure.add_subplot()
    return step_chart(ds, ax=ax, legend=False, kind="evidence", **options)


def gid(ax: Axes, prefix: str) -> list[Any]:
    """Artists of ``ax`` whose gid starts with ``prefix``, in drawing order."""
    found: list[Artist] = [*ax.lines, *ax.patches, *ax.texts, *ax.collections]
    return [a for a in found if (a.get_gid() or "").startswith(prefix)]


def test_step_chart_draws_on_the_given_axes_and_returns_it(steps: Dataset) -> None:
    """step_chart draws (the story chart by default) on the Axes it is given, returns it,
    and opens no figure."""
    _, (left, right) = plt.subplots(1, 2)
    before = plt.get_fignums()
    assert troops.step_chart(steps, ax=right, series="us-syria") is right
    assert plt.get_fignums() == before
    assert list(left.lines) == []
    assert [a.get_gid() for a in right.lines if a.get_gid() == "troops-story-line-us-syria"]


def test_step_chart_uses_the_current_axes_by_default(steps: Dataset) -> None:
    """Without ax, step_chart draws on (and returns) pyplot's current Axes."""
    plt.figure()
    current = plt.gca()
    assert step_chart(steps) is current
    assert gid(current, "troops-story-line-us-iraq")


def test_levels_hold_until_the_next_report_with_sharp_steps_joined(steps: Dataset) -> None:
    """Each level runs from its certain start to the next level; sharp dates join by a
    vertical step, a vague date breaks the line for its timing zone."""
    (line,) = gid(chart(steps), "troops-line-us-iraq")
    assert isinstance(line, Line2D)
    xs = [float(x) for x in line.get_xdata()]
    ys = [float(y) for y in line.get_ydata()]
    want_x = ["2021-01-10", "2021-04-20", "2021-04-20", "2021-09-01", None, "2021-09-30"]
    assert [x if not math.isnan(x) else None for x in xs[:6]] == [
        n(d) if d else None for d in want_x
    ]
    assert xs[6] == n("2022-03-01")
    assert [y if not math.isnan(y) else None for y in ys] == [
        3000, 3000, 2500, 2500, None, 2000, 2000,
    ]  # fmt: skip


def test_band_is_drawn_on_the_same_step(steps: Dataset) -> None:
    """'about 2000' is a closed band 1800-2200 over exactly the span of its level."""
    (band,) = gid(chart(steps), "troops-band-us-iraq")
    assert isinstance(band, Polygon)
    corners = [tuple(float(v) for v in xy) for xy in band.get_xy()[:4]]
    x0, x1 = n("2021-09-30"), n("2022-03-01")
    assert corners == [(x0, 1800), (x1, 1800), (x1, 2200), (x0, 2200)]


def test_vague_date_is_a_shaded_zone_not_a_sharp_edge(steps: Dataset) -> None:
    """A month-dated level starts with a zone spanning the month and both levels, a box
    with a dotted outline and no hatching."""
    (zone,) = gid(chart(steps), "troops-zone-us-iraq")
    xy = zone.get_xy()
    assert (float(xy[:, 0].min()), float(xy[:, 0].max())) == (n("2021-09-01"), n("2021-09-30"))
    assert (float(xy[:, 1].min()), float(xy[:, 1].max())) == (1800, 2500)
    assert zone.get_hatch() is None
    assert zone.get_linestyle() == theme.ZONE_EDGE
    assert zone.get_linewidth() == theme.ZONE_EDGE_WIDTH


def test_one_sided_bounds_stay_open(steps: Dataset) -> None:
    """'more than 900' fades upward from 900 and 'fewer than 800' downward from 800, each
    with an arrow to the open side and no closed band."""
    ax = chart(steps)
    assert gid(ax, "troops-band-us-syria") == []
    for i, edge, sign in ((0, 900, 1), (1, 800, -1)):
        strips = gid(ax, f"troops-open-us-syria-{i}-")
        assert len(strips) == theme.FADE_STEPS
        alphas = [s.get_alpha() for s in strips]
        assert alphas == sorted(alphas, reverse=True)
        assert alphas[-1] <= theme.BAND_ALPHA / theme.FADE_STEPS + 1e-9
        assert all(s.get_linewidth() == 0 for s in strips)
        ys = [sorted(float(y) for y in s.get_xy()[:, 1]) for s in strips]
        assert ys[0][0 if sign > 0 else -1] == edge
        steps_away = [y[0] for y in ys] if sign > 0 else [y[-1] for y in ys]
        assert steps_away == sorted(steps_away, reverse=sign < 0)
        (arrow,) = gid(ax, f"troops-arrow-us-syria-{i}")
        assert isinstance(arrow, FancyArrowPatch)
        (_, ay0), (_, ay1) = arrow.get_path().vertices[[0, 1]]
        assert (ay1 - ay0) * sign > 0


def test_unknown_span_is_a_dashed_gap_labelled_never_zero_or_carried(steps: Dataset) -> None:
    """An unknown number is a gap in the step line bridged by a thin dashed line at the
    level before it (no level after), labelled 'unknown' just above; no line at zero, no
    solid line carried into it and nothing over the axes' height."""
    ax = chart(steps)
    (bridge,) = gid(ax, "troops-unknown-us-iraq")
    assert isinstance(bridge, Line2D)
    assert [float(x) for x in bridge.get_xdata()] == [n("2022-03-01"), n("2022-06-01")]
    assert [float(y) for y in bridge.get_ydata()] == [2000.0, 2000.0]
    assert bridge.get_linestyle() == "--"
    assert not [p for p in ax.patches if (p.get_gid() or "").startswith("troops-unknown")]
    (label,) = gid(ax, "troops-unknownlabel-us-iraq")
    assert " ".join(label.get_text().split()) == "US in Iraq: unknown"
    ax.figure.canvas.draw()
    box = label.get_window_extent()
    _, line_y = ax.transData.transform((n("2022-04-01"), 2000.0))
    assert line_y < box.y0 < line_y + 10  # just above the bridge, not at mid-height
    iraq = [a for a in ax.lines if a.get_gid().endswith("-us-iraq") or "-us-iraq-" in a.get_gid()]
    assert iraq
    for line in iraq:
        if line.get_gid().startswith(("troops-target", "troops-unknown")):
            continue
        xs = [float(x) for x in line.get_xdata()]
        assert all(x <= n("2022-03-01") for x in xs if not math.isnan(x)), line.get_gid()


def test_targets_are_hollow_marks_not_joined_to_the_line(steps: Dataset) -> None:
    """A target is a hollow marker with a dashed mark over its year, outside the line."""
    ax = chart(steps)
    (mark,) = gid(ax, "troops-target-us-iraq-")
    assert mark.get_markerfacecolor() == "white"
    assert mark.get_linestyle() == "None"
    assert list(mark.get_ydata()) == [1500]
    (dash,) = gid(ax, "troops-targetdash-us-iraq-")
    assert [float(x) for x in dash.get_xdata()] == [n("2022-01-01"), n("2022-12-31")]
    assert dash.get_linestyle() == "--"
    (line,) = gid(ax, "troops-line-us-iraq")
    assert 1500 not in list(line.get_ydata())


def test_series_differ_in_line_style_and_marker_for_greyscale(steps: Dataset) -> None:
    """Two series differ in colour, line style and point marker."""
    ax = chart(steps)
    iraq, syria = gid(ax, "troops-line-us-iraq")[0], gid(ax, "troops-line-us-syria")[0]
    assert iraq.get_color() != syria.get_color()
    assert iraq.get_linestyle() != syria.get_linestyle()
    markers = {gid(ax, f"troops-points-{s}")[0].get_marker() for s in ("us-iraq", "us-syria")}
    assert len(markers) == 2


def test_events_are_thin_lines_with_letters_and_can_be_switched_off(steps: Dataset) -> None:
    """A dated event is one thin line; a month-dated one a span between two lines; each
    gets a letter; events=False draws none."""
    ax = chart(steps)
    (lines,) = [c for c in ax.collections if c.get_gid() == "troops-events"]
    assert [float(seg[0][0]) for seg in lines.get_segments()] == [
        n("2021-04-20"),
        n("2021-07-01"),
        n("2021-08-01"),
    ]
    assert list(lines.get_linewidths()) == [theme.EVENT_LINEWIDTH]
    assert lines.get_transform() == ax.get_xaxis_transform()
    (span,) = gid(ax, "troops-eventspans")
    (xy,) = span.get_paths()
    assert sorted({float(x) for x in xy.vertices[:, 0]}) == [n("2021-07-01"), n("2021-08-01")]
    letters = [t.get_text() for t in gid(ax, "troops-eventlabel-")]
    assert letters == ["a", "b"]
    quiet = chart(steps, events=False)
    assert gid(quiet, "troops-event") == []


def test_numbers_at_points_match_the_source_list(numbered: Dataset) -> None:
    """Each point is labelled with its source's number, numbered in reading order: panel
    by panel (US in Iraq before US in Syria), left to right, sources only events cite
    last; the list names the publisher, or the title when there is none."""
    ax = chart(numbered)
    labels = {(float(t.xy[0]), float(t.xy[1])): t.get_text() for t in gid(ax, "troops-ref-")}
    assert all(isinstance(t, Annotation) for t in gid(ax, "troops-ref-"))
    assert labels == {
        (n("2021-02-01"), 2800.0): "1",
        (n("2021-04-01"), 3000.0): "2",
        (n("2021-07-01"), 900.0): "3",
    }
    entries = [e.text for e in source_entries(chart_data(numbered))]
    assert entries == [
        "[1] “Beta report on troops”, 1\xa0Mar\xa02021",
        "[2] Alpha Post, 1\xa0May\xa02021",
        "[3] Gamma, 1\xa0Aug\xa02021",
    ]
    quiet = chart_data(numbered, Selection(series=("us-iraq",)))
    assert [s.id for s in quiet.sources] == [
        "beta-2021-03-01",
        "alpha-2021-05-01",
        "gamma-2021-08-01",
    ]


def test_source_list_holds_exactly_what_is_drawn(numbered: Dataset) -> None:
    """Without events and with Syria left out, Gamma is neither drawn nor listed."""
    data = chart_data(numbered, Selection(series=("us-iraq",), events=False))
    assert [s.id for s in data.sources] == ["beta-2021-03-01", "alpha-2021-05-01"]
    ax = chart(numbered, series=["us-iraq"], events=False)
    assert sorted(t.get_text() for t in gid(ax, "troops-ref-")) == ["1", "2"]


def test_since_and_until_clip_levels_but_keep_their_sources(numbered: Dataset) -> None:
    """A level that began before --since is drawn from since on and still cited."""
    ax = chart(numbered, series="us-iraq", since="2021-03", until="2021-12", events=False)
    assert ax.get_xlim() == (n("2021-03-01"), n("2021-12-31") + 1)
    (line,) = gid(ax, "troops-line-us-iraq")
    assert float(line.get_xdata()[0]) == n("2021-03-01")
    data = chart_data(
        numbered, Selection(series=("us-iraq",), since=date(2021, 3, 1), events=False)
    )
    assert [s.id for s in data.sources] == ["beta-2021-03-01", "alpha-2021-05-01"]


def test_superseded_levels_are_faint_and_follow_known_on(mini: Root) -> None:
    """A revised level is drawn faint with a faint band; before the revision was
    published it is the current level, with its full band."""
    ds = troops.load(mini.path)
    ax = chart(ds)
    (old,) = gid(ax, "troops-superseded-us-iraq-")
    assert old.get_alpha() == theme.FAINT_ALPHA
    assert [float(x) for x in old.get_xdata()] == [n("2021-03-05"), n("2022-01-01")]
    assert list(old.get_ydata()) == [2500, 2500]
    (faint,) = gid(ax, "troops-superseded-band-us-iraq-")
    assert faint.get_alpha() == pytest.approx(theme.BAND_ALPHA / 3)
    assert sorted({float(y) for y in faint.get_xy()[:, 1]}) == [2250, 2750]
    assert list(gid(ax, "troops-line-us-iraq")[0].get_ydata()) == [3000, 3000]
    then = chart(ds, known_on="2021-04-01")
    assert gid(then, "troops-superseded") == []
    assert list(gid(then, "troops-line-us-iraq")[0].get_ydata()) == [2500, 2500]
    assert sorted({float(y) for y in gid(then, "troops-band-us-iraq")[0].get_xy()[:, 1]}) == [
        2250,
        2750,
    ]
    assert gid(chart(ds, superseded=False), "troops-superseded") == []


def test_step_chart_rejects_since_after_until(steps: Dataset) -> None:
    """since after until is an error, not an empty chart."""
    with pytest.raises(ValueError, match="after until"):
        chart(steps, since="2022", until="2021")
