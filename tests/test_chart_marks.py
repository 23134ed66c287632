"""What a chart adds to the steps: conflict marks, shared marks, run labels, event letters,
the grouped hedge note and panels, checked on chart data and on the drawn objects."""

from __future__ import annotations

from datetime import date
from typing import Any

import matplotlib.dates as mdates
import pytest
from conftest import Root, add_source
from conftest import figure_record as fig
from matplotlib.axes import Axes
from matplotlib.figure import Figure

import troops
from troops.chart.assemble import chart_data
from troops.chart.chartdata import Selection
from troops.chart.notes import hedge_note, note_lines
from troops.dataset.api import Dataset
from troops.plot import theme
from troops.plot.eventmarks import MERGE_PT, letter_groups
from troops.plot.figure import paper_figure
from troops.plot.legend import legend_entries
from troops.plot.stepchart import step_chart


@pytest.fixture(autouse=True)
def _clean(mpl_clean: None) -> None:
    """Every test here starts from matplotlib's defaults and leaves no figure open."""


def n(text: str) -> float:
    """A date as a matplotlib date number."""
    return float(mdates.date2num(date.fromisoformat(text)))


def chart(ds: Dataset, **options: Any) -> Axes:
    """Draw ``ds`` on a fresh 6 x 3 in Axes and return it."""
    figure = Figure(figsize=(6, 3))
    return step_chart(ds, ax=figure.add_subplot(), legend=False, kind="evidence", **options)


def by_gid(ax: Axes, prefix: str) -> list[Any]:
    """Lines, patches, texts and collections of ``ax`` whose gid starts with ``prefix``."""
    found = [*ax.lines, *ax.patches, *ax.texts, *ax.collections]
    return [a for a in found if (a.get_gid() or "").startswith(prefix)]


WITHDRAWN = {
    "id": "claim.done",
    "date": "2021-06-01",
    "kind": "withdrawal",
    "label": "Withdrawal done",
    "series": ["us-iraq"],
    "completed": True,
    "quote": "All the troops have left, the minister said.",
}


@pytest.fixture
def disputed(blank: Root) -> Dataset:
    """A cap of 5000 against a count of 6000 on 1 March 2021, and a claim that the troops
    had left on 1 June 2021 against a count of 2500 on 10 June."""
    add_source(
        blank,
        "caps-2021-03-02",
        published="2021-03-02",
        figures=[fig("caps.cap", "us-iraq", "2021-03-01", 5000, kind="cap")],
    )
    add_source(
        blank,
        "count-2021-03-05",
        published="2021-03-05",
        figures=[fig("count.more", "us-iraq", "2021-03-01", 6000)],
    )
    add_source(blank, "claim-2021-06-02", published="2021-06-02", events=[WITHDRAWN])
    add_source(
        blank,
        "later-2021-06-11",
        published="2021-06-11",
        figures=[fig("later.count", "us-iraq", "2021-06-10", 2500)],
    )
    return troops.load(blank.path)


def test_conflicts_join_the_two_points_that_disagree(disputed: Dataset) -> None:
    """A count above its cap is joined to the cap by a dotted line with a "≠" at its
    middle; a claimed withdrawal is joined from zero on its date to the count after it."""
    data = chart_data(disputed)
    assert [(c.rule, c.a, c.b) for c in data.conflicts] == [
        ("cap-count", (date(2021, 3, 1), 5000.0), (date(2021, 3, 1), 6000.0)),
        ("claim-count", (date(2021, 6, 1), 0.0), (date(2021, 6, 10), 2500.0)),
    ]
    ax = chart(disputed)
    first, second = by_gid(ax, "troops-conflict-us-iraq-")
    assert [float(x) for x in first.get_xdata()] == [n("2021-03-01")] * 2
    assert [float(y) for y in first.get_ydata()] == [5000, 6000]
    assert [float(x) for x in second.get_xdata()] == [n("2021-06-01"), n("2021-06-10")]
    assert [float(y) for y in second.get_ydata()] == [0, 2500]
    assert (first.get_color(), first.get_linewidth()) == (
        theme.CONFLICT_COLOR,
        theme.CONFLICT_WIDTH,
    )
    glyphs = by_gid(ax, "troops-conflictmark-us-iraq-")
    assert [(float(g.get_xdata()[0]), float(g.get_ydata()[0])) for g in glyphs] == [
        (n("2021-03-01"), 5500.0),
        ((n("2021-06-01") + n("2021-06-10")) / 2, 1250.0),
    ]
    assert legend_entries(data)[1][-2:] == ["reports disagree", "withdrawal claimed"]


def test_conflict_marks_can_be_switched_off_and_need_both_ends(disputed: Dataset) -> None:
    """conflicts=False draws none and drops the legend entry; without events the claim
    is not drawn, so only the cap against the count is marked."""
    quiet = chart(disputed, conflicts=False)
    assert by_gid(quiet, "troops-conflict") == []
    data = chart_data(disputed, Selection(conflicts=False))
    assert "reports disagree" not in legend_entries(data)[1]
    no_events = chart_data(disputed, Selection(events=False))
    assert [c.rule for c in no_events.conflicts] == ["cap-count"]
    cut = chart_data(disputed, Selection(since=date(2021, 4, 1)))
    assert [c.rule for c in cut.conflicts] == ["claim-count"]


def test_targets_saying_the_same_are_one_mark_with_both_numbers(blank: Root) -> None:
    """Two reports of the same target share one hollow marker labelled with both source
    numbers; a different value keeps its own marker."""
    for k, value in enumerate((1500, 1500, 1200)):
        add_source(
            blank,
            f"plan{k}-2021-05-0{k + 1}",
            published=f"2021-05-0{k + 1}",
            figures=[fig(f"plan{k}.t", "us-iraq", "2022", value, kind="target")],
        )
    ds = troops.load(blank.path)
    (same, other) = chart_data(ds).series[0].marks
    assert (same.value, same.figures) == (1500, ("plan0.t", "plan1.t"))
    assert other.figures == ("plan2.t",)
    ax = chart(ds)
    assert len(by_gid(ax, "troops-target-us-iraq-")) == 2
    labels = sorted(t.get_text() for t in by_gid(ax, "troops-ref-mark-"))
    assert labels == ["1,2", "3"]


def test_a_run_of_points_at_one_level_shares_one_label(blank: Root) -> None:
    """Three levels of 3000 in a row, each from one report numbered one more than the
    last, get one label "1–3" at the run's first point; the next level keeps its own label
    and the note explains the run."""
    for k, (day, value) in enumerate(
        (("2021-01-10", 3000), ("2021-02-10", 3000), ("2021-03-10", 3000), ("2021-04-10", 2000))
    ):
        add_source(
            blank,
            f"r{k}-{day}",
            published=day,
            figures=[fig(f"r{k}.c", "us-iraq", day, value)],
        )
    ds = troops.load(blank.path)
    ax = chart(ds)
    labels = {t.get_gid(): (t.get_text(), float(t.xy[0])) for t in by_gid(ax, "troops-ref-")}
    assert labels == {
        "troops-ref-point-us-iraq-0-2": ("1–3", n("2021-01-10")),
        "troops-ref-point-us-iraq-3": ("4", n("2021-04-10")),
    }
    (points,) = by_gid(ax, "troops-points-us-iraq")
    assert len(points.get_xdata()) == 4
    assert "A label such as 1–3 numbers a run of points at one level, left to right." in note_lines(
        chart_data(ds)
    )


def test_two_points_in_a_row_keep_their_own_labels(blank: Root) -> None:
    """A run needs three points: two levels of 3000 in a row are labelled 1 and 2."""
    for k, day in enumerate(("2021-01-10", "2021-02-10")):
        add_source(
            blank, f"r{k}-{day}", published=day, figures=[fig(f"r{k}.c", "us-iraq", day, 3000)]
        )
    ds = troops.load(blank.path)
    assert sorted(t.get_text() for t in by_gid(chart(ds), "troops-ref-")) == ["1", "2"]
    assert not any("run of points" in line for line in note_lines(chart_data(ds)))


def event(eid: str, day: str) -> dict[str, Any]:
    """An announcement on ``day``."""
    return {
        "id": eid,
        "date": day,
        "kind": "announcement",
        "label": eid,
        "quote": f"It was announced: {eid}.",
    }


def test_events_too_close_to_tell_apart_share_one_letter_label(blank: Root) -> None:
    """Three events on one day are labelled "a–c", two on the next day but one "d,e";
    an event a little later gets its own label on a lower row, one far off the top row."""
    days = ["2021-05-01"] * 3 + ["2021-05-02"] * 2 + ["2021-05-10", "2021-12-01"]
    add_source(
        blank,
        "news-2021-12-31",
        published="2021-12-31",
        figures=[fig("news.c", "us-iraq", "2021-01-01", 3000)],
        events=[event(f"e{k}", day) for k, day in enumerate(days)],
    )
    data = chart_data(troops.load(blank.path))
    groups = letter_groups(data, 300.0, 6.8)
    assert [(g.text, g.events, g.row) for g in groups] == [
        ("a–e", (0, 1, 2, 3, 4), 0),
        ("f", (5,), 1),
        ("g", (6,), 0),
    ]
    day_pt = 300.0 / 365
    assert (data.start, data.end) == (date(2021, 1, 1), date(2021, 12, 31))
    assert day_pt < MERGE_PT < 9 * day_pt


HEDGES = """\
hedges:
  - {phrase: about, bound: approx, low: -0.10, high: 0.10}
  - {phrase: around, bound: approx, low: -0.10, high: 0.10}
  - {phrase: more than, bound: at_least, low: 0.0}
  - {phrase: up to approximately, bound: at_most, high: 0.10}
"""


def test_hedge_note_groups_the_phrases_drawn_by_reading(blank: Root) -> None:
    """The note names only the phrases of the figures drawn, grouped by how they are
    read, in order of first use; an upper bound with a margin says so."""
    blank.write("data/hedges.yaml", HEDGES)
    add_source(
        blank,
        "wire-2021-06-01",
        published="2021-06-01",
        figures=[
            fig("w.a", "us-iraq", "2021-01-01", 3000, hedge="about"),
            fig("w.b", "us-iraq", "2021-02-01", 3100, hedge="more than"),
            fig("w.c", "us-iraq", "2021-03-01", 3200, hedge="around"),
            fig("w.d", "us-syria", "2021-03-01", 200, hedge="up to approximately"),
        ],
    )
    ds = troops.load(blank.path)
    assert hedge_note(chart_data(ds)) == (
        "Bands: 'about', 'around' read as ±10\xa0%; 'more than' as a lower bound; "
        "'up to approximately' as an upper bound 10\xa0% above the number."
    )
    iraq = chart_data(ds, Selection(series=("us-iraq",)))
    assert hedge_note(iraq) == (
        "Bands: 'about', 'around' read as ±10\xa0%; 'more than' as a lower bound."
    )


SHARED = """\
series:
  - {id: us-iraq, title: US troops in Iraq, label: US in Iraq, country: Iraq, force: US,
     panel: Troops in Iraq and Syria}
  - {id: us-syria, title: US troops in Syria, label: US in Syria, country: Syria, force: US,
     panel: Troops in Iraq and Syria}
"""


def test_series_naming_one_panel_share_it(blank: Root) -> None:
    """Series whose records name the same panel are drawn on one Axes under its title,
    with both in the legend; otherwise each series has a panel titled with its title."""
    figures = [fig("w.a", "us-iraq", "2021-01-01", 3000), fig("w.b", "us-syria", "2021-01-01", 900)]
    add_source(blank, "wire-2021-06-01", published="2021-06-01", figures=figures)
    apart = paper_figure(troops.load(blank.path), width=3.5)
    titles = [t.get_text() for ax in apart.axes for t in ax.texts if "paneltitle" in t.get_gid()]
    assert titles == ["US troops in Iraq", "US troops in Syria"]
    assert apart.legends == []
    blank.write("data/series.yaml", SHARED)
    ds = troops.load(blank.path)
    assert [(p.title, p.series) for p in chart_data(ds).panels] == [
        ("Troops in Iraq and Syria", ("us-iraq", "us-syria"))
    ]
    shared = paper_figure(ds, width=3.5)
    (ax,) = shared.axes
    assert {ln.get_gid() for ln in ax.lines} >= {"troops-line-us-iraq", "troops-line-us-syria"}
    assert [t.get_text() for t in shared.legends[0].get_texts()] == ["US in Iraq", "US in Syria"]


def test_events_tagged_with_series_show_only_on_their_charts() -> None:
    """An event tagged with series is drawn only on a chart of one of them."""
    ds = troops.load()
    syria = [e.id for e in chart_data(ds, Selection(series=("us-syria",))).events]
    iraq = [e.id for e in chart_data(ds, Selection(series=("us-iraq",))).events]
    assert syria == [
        "militarytimes-2017-12-06.new-tally",
        "kgw-2018-12-19.syria-withdrawal-order",
        "jpost-2024-12-20.syria-2000-disclosed",
        "dailypost-2025-04-19.syria-consolidation",
    ]
    assert "russia-islamic-world-2024-07-24.parliament-resolution" in iraq
    assert "militarytimes-2017-12-06.new-tally" in iraq  # tagged with both series
    assert not set(iraq) & {syria[1], syria[2], syria[3]}
