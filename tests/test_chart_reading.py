"""What a first-time reader of a chart must not misread: time ticks, levels carried in from
before the range, empty selections, conflict marks, number labels, the legend and captions;
checked on the drawn objects and texts."""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import date
from typing import Any

import matplotlib.dates as mdates
import pytest
from click.testing import Result
from conftest import Root, add_source
from conftest import figure_record as fig
from matplotlib.axes import Axes
from matplotlib.figure import Figure

import troops
from troops.chart.assemble import chart_data
from troops.chart.chartdata import Selection
from troops.chart.notes import caption_text
from troops.dataset.api import Dataset
from troops.plot import theme
from troops.plot.figure import paper_figure
from troops.plot.legend import legend_entries
from troops.plot.stepchart import step_chart
from troops.plot.style import NOTHING

Run = Callable[..., Result]


@pytest.fixture(autouse=True)
def _clean(mpl_clean: None) -> None:
    """Every test here starts from matplotlib's defaults and leaves no figure open."""


def n(text: str) -> float:
    """A date as a matplotlib date number."""
    return float(mdates.date2num(date.fromisoformat(text)))


def chart(ds: Dataset, size: tuple[float, float] = (6, 3), **options: Any) -> Axes:
    """Draw ``ds`` on a fresh Axes of a figure ``size`` inches and return it."""
    figure = Figure(figsize=size)
    options.setdefault("legend", False)
    return step_chart(ds, ax=figure.add_subplot(), kind="evidence", **options)


def by_gid(ax: Axes, prefix: str) -> list[Any]:
    """Lines, patches, texts and collections of ``ax`` whose gid starts with ``prefix``."""
    found = [*ax.lines, *ax.patches, *ax.texts, *ax.collections]
    return [a for a in found if (a.get_gid() or "").startswith(prefix)]


COMMA_SERIES = """\
series:
  - {id: us-iraq, title: "All coalition troops in Iraq, US included", label: Coalition,
     country: Iraq, force: coalition}
  - {id: us-syria, title: US troops in Syria, label: US in Syria, country: Syria, force: US}
"""


def test_caption_separates_series_titles_by_semicolons(blank: Root) -> None:
    """A series title holding a comma cannot run into the next one: the caption lists the
    titles separated by semicolons, after the dates shown."""
    blank.write("data/series.yaml", COMMA_SERIES)
    figures = [fig("w.a", "us-iraq", "2021-01-01", 3000), fig("w.b", "us-syria", "2021-01-01", 900)]
    add_source(blank, "wire-2021-06-01", published="2021-06-01", figures=figures)
    ds = troops.load(blank.path)
    titles = {sid: s.title for sid, s in ds.series_records.items()}
    text = caption_text(chart_data(ds), titles)
    assert text.startswith(
        "Reported troop levels, Jan 2021–Dec 2021: All coalition troops in Iraq, US included; "
        "US troops in Syria. "
    )


@pytest.fixture
def levels(blank: Root) -> Dataset:
    """US in Iraq at 3,000 from 10 Jan 2021 and 2,500 from 20 Apr 2021; US in Syria at 900
    from 15 Jun 2021; all from one report published on 1 June 2022."""
    add_source(
        blank,
        "wire-2022-06-01",
        published="2022-06-01",
        figures=[
            fig("w.a", "us-iraq", "2021-01-10", 3000),
            fig("w.b", "us-iraq", "2021-04-20", 2500),
            fig("w.c", "us-syria", "2021-06-15", 900),
        ],
    )
    return troops.load(blank.path)


def tick_texts(ax: Axes) -> list[str]:
    """The x tick labels of ``ax`` as they are drawn."""
    axis = ax.xaxis
    return list(axis.get_major_formatter().format_ticks(list(axis.get_majorticklocs())))


@pytest.mark.parametrize(
    ("since", "until", "width", "ticks"),
    [
        ("2021-06-15", "2021-06-20", 6, ["15 Jun 2021", "16 Jun", "17 Jun", "18 Jun", "19 Jun",
                                         "20 Jun", "21 Jun"]),
        ("2021-05-20", "2021-06-30", 9, ["24 May 2021", "31 May", "7 Jun", "14 Jun", "21 Jun",
                                         "28 Jun"]),
        ("2021-05-20", "2021-06-30", 6, ["31 May 2021", "14 Jun", "28 Jun"]),
        ("2021-03", "2021-05", 6, ["Mar 2021", "Apr 2021", "May 2021", "Jun 2021"]),
        ("2019", "2022", 6, ["2019", "2020", "2021", "2022", "2023"]),
    ],
)  # fmt: skip
def test_ticks_follow_the_length_of_the_range(
    levels: Dataset, since: str, until: str, width: float, ticks: list[str]
) -> None:
    """Days are labelled for a range of days (weekly on Mondays, or every other Monday on
    narrower axes, for some weeks), with the year on the first label; months for months and
    years for years, never one label twice."""
    ax = chart(levels, size=(width, 3), since=since, until=until, events=False)
    assert tick_texts(ax) == ticks


def test_tick_labels_never_run_into_each_other_on_narrow_axes(levels: Dataset) -> None:
    """On a 2.5 in wide chart of six days every third day is labelled."""
    ax = chart(levels, size=(2.5, 2), since="2021-06-15", until="2021-06-20", events=False)
    assert tick_texts(ax) == ["15 Jun 2021", "18 Jun", "21 Jun"]


def test_a_level_that_holds_past_until_reaches_the_right_edge(levels: Dataset) -> None:
    """A level still holding on the last day shown is drawn to the right edge of the axes
    (the end of that day), not to its start."""
    ax = chart(levels, since="2021-06-15", until="2021-06-20", events=False)
    right = ax.get_xlim()[1]
    assert right == n("2021-06-21")
    for sid in ("us-iraq", "us-syria"):
        (line,) = by_gid(ax, f"troops-line-{sid}")
        assert max(float(x) for x in line.get_xdata()) == right


@pytest.fixture
def carried(blank: Root) -> Dataset:
    """US in Iraq: 3,000 as of 10 Jan 2021 (an old report), 2,500 as of 1 Jun 2021 (a new
    one); US in Syria: 900 in March 2021 (a month) from the new report."""
    add_source(
        blank,
        "old-2021-01-15",
        published="2021-01-15",
        publisher="Old Post",
        figures=[fig("old.c", "us-iraq", "2021-01-10", 3000)],
    )
    add_source(
        blank,
        "new-2021-06-02",
        published="2021-06-02",
        publisher="New Wire",
        figures=[
            fig("new.c", "us-iraq", "2021-06-01", 2500),
            fig("new.s", "us-syria", "2021-03", 900),
        ],
    )
    return troops.load(blank.path)


def test_a_level_carried_in_is_drawn_from_the_edge_with_its_number_in_brackets(
    carried: Dataset,
) -> None:
    """A level whose report is dated before --since is a line from the left edge with no
    point there and its source number in brackets at the edge (still listed); a level
    whose month straddles --since keeps its point."""
    ax = chart(carried, since="2021-03-15", events=False)
    (line,) = by_gid(ax, "troops-line-us-iraq")
    assert float(line.get_xdata()[0]) == n("2021-03-15")
    (points,) = by_gid(ax, "troops-points-us-iraq")
    assert [float(x) for x in points.get_xdata()] == [n("2021-06-01")]
    labels = {t.get_gid(): (t.get_text(), *map(float, t.xy)) for t in by_gid(ax, "troops-ref-")}
    assert labels == {
        "troops-ref-point-us-iraq-0-carried": ("[1]", n("2021-03-15"), 3000.0),
        "troops-ref-point-us-iraq-1": ("2", n("2021-06-01"), 2500.0),
        "troops-ref-point-us-syria-0": ("2", n("2021-03-23"), 900.0),
    }
    (syria,) = by_gid(ax, "troops-points-us-syria")
    assert [float(x) for x in syria.get_xdata()] == [n("2021-03-23")]
    data = chart_data(carried, Selection(since=date(2021, 3, 15)))
    assert [s.id for s in data.sources] == ["old-2021-01-15", "new-2021-06-02"]


SHARED = """\
series:
  - {id: us-iraq, title: US troops in Iraq, label: US in Iraq, country: Iraq, force: US,
     panel: Troops}
  - {id: us-syria, title: US troops in Syria, label: US in Syria, country: Syria, force: US,
     panel: Troops}
"""


def test_a_legend_names_only_the_series_drawn(carried: Dataset, blank: Root) -> None:
    """When the selection leaves a series of a shared panel empty, neither the figure's
    legend nor step_chart's names it; an Axes with nothing drawn says so in its middle."""
    blank.write("data/series.yaml", SHARED)
    ds = troops.load(blank.path)
    early = Selection(until=date(2021, 2, 28))
    fig_legend = paper_figure(ds, early, width=3.5).legends[0]
    assert [t.get_text() for t in fig_legend.get_texts()] == ["US in Iraq"]
    ax = chart(ds, until="2021-02-28", legend=True)
    legend = ax.get_legend()
    assert legend is not None
    assert [t.get_text() for t in legend.get_texts()] == ["US in Iraq"]
    assert by_gid(ax, "troops-nothing") == []
    quiet = chart(ds, series="us-syria", until="2021-02-28")
    assert [t.get_text() for t in by_gid(quiet, "troops-nothing")] == [NOTHING]
    assert quiet.get_legend() is None


@pytest.mark.parametrize(
    ("args", "which"),
    [
        (["--known-on", "1999"], "any series"),
        (["--series", "us-syria", "--since", "2030"], "us-syria"),
    ],
)
def test_an_empty_selection_is_a_note_on_stderr(
    mini: Root, run: Run, args: list[str], which: str
) -> None:
    """A selection in which no figure falls still writes the figure (exit 0, as table and
    cite print an empty result) but says on stderr that there was nothing to draw."""
    result = run("plot", "--data", "mini", "-o", "empty.png", *args)
    assert result.exit_code == 0
    assert result.stdout == "empty.png\n"
    assert result.stderr == (
        f"troops plot: note: nothing to draw: no figure of {which} falls in the selection\n"
    )
    assert run("plot", "--data", "mini", "-o", "full.png").stderr == ""


@pytest.fixture
def twice(blank: Root) -> Dataset:
    """Report 1 gives a count of 3,000 and a target of 3,100 for 10 Jan 2021; reports 2-4
    give 3,000 on 10 Feb, 10 Mar and 10 Apr, report 3 also a target of 1,000 for 2022."""
    add_source(
        blank,
        "r1-2021-01-11",
        published="2021-01-11",
        figures=[
            fig("r1.c", "us-iraq", "2021-01-10", 3000),
            fig("r1.t", "us-iraq", "2021-01-10", 3100, kind="target"),
        ],
    )
    for k, day in enumerate(("2021-02-10", "2021-03-10", "2021-04-10"), start=2):
        more = [fig(f"r{k}.t", "us-iraq", "2022", 1000, kind="target")] if k == 3 else []
        add_source(
            blank,
            f"r{k}-{day}",
            published=day,
            figures=[fig(f"r{k}.c", "us-iraq", day, 3000), *more],
        )
    return troops.load(blank.path)


def test_each_point_is_numbered_once_and_a_number_once_per_spot(twice: Dataset) -> None:
    """A count and a target of one report at one spot share one label "1" (two would read
    as "11"); a number that also labels a target elsewhere is never inside a run label, so
    2, 3 and 4 keep their own labels."""
    ax = chart(twice, events=False)
    labels = sorted((t.get_gid(), t.get_text()) for t in by_gid(ax, "troops-ref-"))
    assert labels == [
        ("troops-ref-mark-us-iraq-1", "3"),
        ("troops-ref-point-us-iraq-0+mark-us-iraq-0", "1"),
        ("troops-ref-point-us-iraq-1", "2"),
        ("troops-ref-point-us-iraq-2", "3"),
        ("troops-ref-point-us-iraq-3", "4"),
    ]


CLAIM = {
    "id": "claim.done",
    "date": "2021-06-01",
    "kind": "withdrawal",
    "label": "Withdrawal done",
    "series": ["us-iraq"],
    "completed": True,
    "quote": "All the troops have left, the minister said.",
}


def test_a_claimed_withdrawal_is_a_lettered_cross_at_zero(blank: Root) -> None:
    """A claim that the troops had left, disputed by a later count, is drawn where it puts
    the level: a "×" at zero on its event's line, labelled with the letters of the two
    claims made that day, so that the dotted line has a visible end; the legend and
    caption explain it."""
    add_source(blank, "claim-2021-06-02", published="2021-06-02", events=[CLAIM])
    again = {**CLAIM, "id": "wire.done", "quote": "The troops are gone, officials said."}
    add_source(blank, "wire-2021-06-03", published="2021-06-03", events=[again])
    add_source(
        blank,
        "count-2021-06-11",
        published="2021-06-11",
        figures=[fig("count.c", "us-iraq", "2021-06-10", 2500)],
    )
    ds = troops.load(blank.path)
    ax = chart(ds)
    (line,) = by_gid(ax, "troops-conflict-us-iraq-")
    assert [float(y) for y in line.get_ydata()] == [0.0, 2500.0]
    (cross,) = by_gid(ax, "troops-claim-us-iraq-")
    assert (cross.get_marker(), cross.get_clip_on()) == ("x", False)
    assert [(float(x), float(y)) for x, y in cross.get_xydata()] == [(n("2021-06-01"), 0.0)]
    (letter,) = by_gid(ax, "troops-claimlabel-us-iraq-")
    assert (letter.get_text(), tuple(map(float, letter.xy))) == ("a,b", (n("2021-06-01"), 0.0))
    data = chart_data(ds)
    assert legend_entries(data)[1][-2:] == ["reports disagree", "withdrawal claimed"]
    titles = {sid: s.title for sid, s in ds.series_records.items()}
    assert "a × at zero, lettered as its event, is a claim that the troops had left" in (
        caption_text(data, titles)
    )


def glyph_clearance(ax: Axes) -> float:
    """The least distance in points between a drawn "≠" and a marker's edge."""
    scale = ax.figure.dpi / 72
    glyphs = [ax.transData.transform(g.get_xydata()[0]) for g in by_gid(ax, "troops-conflictmark")]
    markers = [
        (ax.transData.transform(xy), line.get_markersize() / 2)
        for line in ax.lines
        if not (line.get_gid() or "").startswith("troops-conflict")
        and line.get_linestyle() == "None"
        for xy in line.get_xydata()
    ]
    assert glyphs
    assert markers
    return min(math.dist(g, m) / scale - r for g in glyphs for m, r in markers)


def test_the_unequal_sign_never_covers_a_marker(blank: Root) -> None:
    """Two caps of 3,100 and 3,000 for one day are a few points apart: their "≠" moves
    beside the line, clear of both hollow markers, instead of sitting on them."""
    add_source(
        blank,
        "caps-2021-03-02",
        published="2021-03-02",
        figures=[
            fig("caps.a", "us-iraq", "2021-03-01", 3100, kind="cap"),
            fig("caps.b", "us-iraq", "2021-03-01", 3000, kind="cap"),
            fig("caps.c", "us-iraq", "2021-01-01", 1000),
        ],
    )
    ax = chart(troops.load(blank.path))
    (glyph,) = by_gid(ax, "troops-conflictmark-us-iraq-")
    assert float(glyph.get_xdata()[0]) > n("2021-03-01")
    assert glyph_clearance(ax) >= theme.CONFLICT_MARKER_SIZE / 2


def test_a_count_combined_into_a_level_ends_its_line_at_a_bar(blank: Root) -> None:
    """Two counts of one day that disagree are one level (one marker at their median);
    the dotted line joins their own values, each end marked by a short bar."""
    add_source(
        blank,
        "twin-2021-03-02",
        published="2021-03-02",
        figures=[
            fig("twin.a", "us-iraq", "2021-03-01", 4450, hedge="about"),
            fig("twin.b", "us-iraq", "2021-03-01", 3850),
        ],
    )
    ax = chart(troops.load(blank.path))
    (bars,) = by_gid(ax, "troops-conflictends")
    assert bars.get_marker() == "_"
    assert [(float(x), float(y)) for x, y in bars.get_xydata()] == [
        (n("2021-03-01"), 4450.0),
        (n("2021-03-01"), 3850.0),
    ]


def test_a_cluster_of_conflicts_joins_each_report_to_its_nearest_partner_only(
    blank: Root,
) -> None:
    """Two caps (500 for 2017, 503 on 24 Nov) and two counts (850 for 2017, 2,000 on
    24 Nov) disagree in six pairs; the chart draws each report's line to its nearest
    partner only: three lines, every report at an end of one."""
    add_source(
        blank,
        "dt-2018-01-01",
        published="2018-01-01",
        figures=[
            fig("dt.cap", "us-syria", "2017", 500, kind="cap"),
            fig("dt.count", "us-syria", "2017", 850),
        ],
    )
    add_source(
        blank,
        "jt-2017-11-25",
        published="2017-11-25",
        figures=[
            fig("jt.cap", "us-syria", "2017-11-24", 503, kind="cap"),
            fig("jt.count", "us-syria", "2017-11-24", 2000),
        ],
    )
    ds = troops.load(blank.path)
    pairs = chart_data(ds).conflicts
    assert len(pairs) == 6
    reports = {(n(p[0].isoformat()), p[1]) for c in pairs for p in (c.a, c.b)}
    assert len(reports) == 4
    lines = by_gid(chart(ds, series="us-syria"), "troops-conflict-us-syria-")
    assert len(lines) == 3
    assert {(float(x), float(y)) for line in lines for x, y in line.get_xydata()} == reports


def test_the_legend_inside_a_chart_hides_no_letter_and_no_number() -> None:
    """step_chart's legend (the README's right panel) is opaque and drawn above event lines
    and labels, inside the axes, below the event letters, and no source number sits under
    it: its texts are not crossed by lines or covered by labels."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from troops.plot.style import paper_style

    with paper_style():
        figure = Figure(figsize=(7.16, 2.4), layout="constrained")
        _, right = figure.subplots(1, 2)
        step_chart(
            troops.load(),
            series=["coalition-iraq", "us-syria"],
            since="2021",
            ax=right,
            kind="evidence",
        )
        canvas = FigureCanvasAgg(figure)
        canvas.draw()
        renderer = canvas.get_renderer()
        legend = right.get_legend()
        assert legend is not None
        box = legend.get_window_extent(renderer)
        frame = legend.get_frame()
        assert (legend.get_frame_on(), frame.get_alpha(), frame.get_facecolor()[:3]) == (
            True,
            1.0,
            (1.0, 1.0, 1.0),
        )
        above = [a.get_zorder() for a in [*right.texts, *right.collections, *right.lines]]
        assert legend.get_zorder() > max(above)
        axes = right.get_window_extent(renderer)
        assert (axes.x0 <= box.x0, box.x1 <= axes.x1, axes.y0 <= box.y0) == (True,) * 3
        letters = by_gid(right, "troops-eventlabel-")
        assert letters
        assert all(box.y1 <= t.get_window_extent(renderer).y0 for t in letters)
        covered = [
            t.get_text()
            for t in right.texts
            if t.get_visible() and box.overlaps(t.get_window_extent(renderer))
        ]
        assert covered == []
