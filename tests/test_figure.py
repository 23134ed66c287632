"""The assembled paper figure: sizes, fonts, legend and lists under the chart, no overlaps."""

from __future__ import annotations

from datetime import date
from itertools import combinations

import pytest
from conftest import MINI, REPO
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text
from matplotlib.transforms import Bbox

import troops
from troops.chart.assemble import chart_data
from troops.chart.chartdata import Selection
from troops.chart.notes import Entry
from troops.plot import theme
from troops.plot.figure import assemble, paper_figure
from troops.plot.layout import COLUMN_WIDTH, PAGE_WIDTH, text_width
from troops.plot.legend import legend_shape
from troops.plot.sourcelist import (
    COLUMN_GAP,
    HANGING_PT,
    column_width,
    entry_block,
    entry_lines,
)
from troops.plot.style import paper_style


@pytest.fixture(autouse=True)
def _clean(mpl_clean: None) -> None:
    """Every test here starts from matplotlib's defaults and leaves no figure open."""


def drawn_texts(fig: Figure) -> list[tuple[Text, Bbox]]:
    """Every non-empty text the renderer draws, with its box in pixels."""
    canvas = FigureCanvasAgg(fig)
    with paper_style():
        canvas.draw()
    renderer = canvas.get_renderer()
    texts: list[Text] = list(fig.texts)
    for legend in fig.legends:
        texts += legend.get_texts()
    for ax in fig.axes:
        texts += [*ax.texts, ax.yaxis.label, ax.xaxis.label]
        (x0, x1), (y0, y1) = sorted(ax.get_xlim()), sorted(ax.get_ylim())
        texts += [t for t in ax.xaxis.get_majorticklabels() if x0 <= t.get_position()[0] <= x1]
        texts += [t for t in ax.yaxis.get_majorticklabels() if y0 <= t.get_position()[1] <= y1]
    shown = [t for t in texts if t.get_visible() and t.get_text().strip()]
    return [(t, t.get_window_extent(renderer)) for t in shown]


CASES = [
    pytest.param(None, COLUMN_WIDTH, id="bundled-column"),
    pytest.param(None, PAGE_WIDTH, id="bundled-page"),
    pytest.param(MINI, COLUMN_WIDTH, id="mini-column"),
    pytest.param(MINI, PAGE_WIDTH, id="mini-page"),
    pytest.param(MINI, 2.5, id="mini-narrowest"),
]


@pytest.mark.parametrize(("data", "width"), CASES)
def test_no_text_overlaps_or_leaves_the_canvas(data: str | None, width: float) -> None:
    """Every text (ticks, labels, numbers, letters, legend, source list) lies inside the
    figure and no two texts overlap, at column, page and the narrowest width."""
    fig = paper_figure(troops.load(data), width=width)
    texts = drawn_texts(fig)
    canvas = fig.bbox
    outside = [
        t.get_text()
        for t, box in texts
        if box.x0 < canvas.x0 - 0.5
        or box.y0 < canvas.y0 - 0.5
        or box.x1 > canvas.x1 + 0.5
        or box.y1 > canvas.y1 + 0.5
    ]
    assert outside == []
    overlapping = [
        (a.get_text(), b.get_text())
        for (a, box_a), (b, box_b) in combinations(texts, 2)
        if box_a.overlaps(box_b)
        and min(box_a.x1, box_b.x1) - max(box_a.x0, box_b.x0) > 0.5
        and min(box_a.y1, box_b.y1) - max(box_a.y0, box_b.y0) > 0.5
    ]
    assert overlapping == []


@pytest.mark.parametrize(("data", "width"), CASES[:2])
def test_legend_sits_between_chart_and_sources(data: str | None, width: float) -> None:
    """The legend is inside the figure, below the tick labels and above the source list."""
    fig = paper_figure(troops.load(data), width=width)
    texts = drawn_texts(fig)
    (legend,) = fig.legends
    box = legend.get_window_extent(FigureCanvasAgg(fig).get_renderer())
    assert fig.bbox.x0 <= box.x0
    assert box.x1 <= fig.bbox.x1
    ticks = [b for t, b in texts if t in fig.axes[-1].xaxis.get_majorticklabels()]
    notes = [b for t, b in texts if t in fig.texts]
    assert box.y1 <= min(b.y0 for b in ticks)
    assert box.y0 >= max(b.y1 for b in notes)


def test_width_is_exact_and_fonts_are_print_sizes() -> None:
    """Column figures are 3.5 in wide, page figures 7.16 in; text is 8 pt (panel titles,
    ticks, legend), 7.5 pt (notes) and 6.8 pt (source numbers, event letters) at both
    widths."""
    ds = troops.load(REPO)
    for width in (COLUMN_WIDTH, PAGE_WIDTH):
        fig = paper_figure(ds, width=width)
        assert fig.get_figwidth() == width
        for ax in fig.axes:
            sizes = {(t.get_gid() or "").split("-")[1]: t.get_fontsize() for t in ax.texts}
            assert sizes["paneltitle"] == 8
            assert {t.get_fontsize() for t in ax.texts if "-ref-" in t.get_gid()} == {6.8}
            assert {t.get_fontsize() for t in ax.yaxis.get_majorticklabels()} == {8}
        assert {t.get_fontsize() for t in fig.axes[-1].xaxis.get_majorticklabels()} == {8}
        assert {t.get_fontsize() for t in fig.legends[0].get_texts()} == {8}
        assert {t.get_fontsize() for t in fig.texts} == {7.5}


def test_source_list_links_and_note_line() -> None:
    """Entries stand one per line and link to their source's URL when known; the note
    says how hedges were read."""
    fig = paper_figure(troops.load(MINI), width=COLUMN_WIDTH)
    pieces = [(t.get_text(), t.get_url()) for t in fig.texts]
    assert pieces[:3] == [
        ("Sources:", None),
        ("[1] Mini Gazette, 5\xa0Mar\xa02021", "https://example.org/mini"),
        ("[2] Second Courier, 1\xa0Jun\xa02021", None),
    ]
    ys = [t.get_position()[1] for t in fig.texts[:3]]
    assert ys[0] > ys[1] > ys[2]
    words = " ".join(t.get_text() for t in fig.texts)
    assert "Events: a: Agreement signed, 1\xa0Mar\xa02021\xa0[1]" in words
    assert words.endswith(
        "Bands: 'about' read as ±10\xa0%; 'unknown number' as unknown; 'more than' as a lower"
        " bound."
    )


def test_known_on_is_said_under_the_chart() -> None:
    """A chart as known on a day says so in its note."""
    fig = paper_figure(troops.load(MINI), Selection(known_on=date(2021, 4, 1)), width=5.0)
    assert "As known on 1 Apr 2021." in " ".join(t.get_text() for t in fig.texts)


def test_entries_stand_one_per_line_and_continue_indented() -> None:
    """Each entry starts a line; one too long for the width continues on the next line,
    indented, keeping its link; no line is wider than the width."""
    entries = [Entry("[1] Alpha Post, 1\xa0May\xa02021", "https://a.org"),
               Entry("[2] Beta Broadcasting Corporation of the World, 2\xa0Jun\xa02021", "u"),
               Entry("[3] Gamma, 3\xa0Jul\xa02021")]  # fmt: skip
    size, width = 7.5, 160.0
    placed = entry_block("Sources:", entries, width, size)
    assert [(p.line, p.x, p.text) for p in placed] == [
        (0, 0.0, "Sources:"),
        (1, 0.0, "[1] Alpha Post, 1\xa0May\xa02021"),
        (2, 0.0, "[2] Beta Broadcasting Corporation of the"),
        (3, HANGING_PT, "World, 2\xa0Jun\xa02021"),
        (4, 0.0, "[3] Gamma, 3\xa0Jul\xa02021"),
    ]
    assert [p.url for p in placed] == [None, "https://a.org", "u", "u", None]
    assert all(p.x + text_width(p.text, size) <= width for p in placed)


def test_entries_fill_balanced_columns_and_never_split_across_them() -> None:
    """At page width the entries fill two columns top to bottom; an entry of two lines
    stays whole in one column; at column width they stay in one column."""
    size = 7.5
    width = PAGE_WIDTH * 72 - 7
    long = "[3] " + "word " * 40 + "end"
    entries = [Entry("[1] a"), Entry("[2] b"), Entry(long), Entry("[4] d"), Entry("[5] e")]
    placed = entry_block("Sources:", entries, width, size)
    step = column_width(width) + COLUMN_GAP
    sizes = [1] + [len(entry_lines(e, column_width(width), size)) for e in entries]
    assert sizes[3] > 1
    k = 0
    for n in sizes:  # the lines of one entry (or the heading) stand in one column
        assert len({p.x >= step for p in placed[k : k + n]}) == 1
        k += n
    assert {p.x >= step for p in placed} == {False, True}
    narrow = entry_block("Sources:", entries, COLUMN_WIDTH * 72 - 7, size)
    assert all(p.x <= HANGING_PT for p in narrow)


def test_legend_shape_fills_columns_like_matplotlib() -> None:
    """Six entries in four columns fill 2, 2, 1, 1 as matplotlib does; a wide label forces
    fewer columns."""
    labels = ["a", "b", "c", "d", "e", "f"]
    assert legend_shape(labels, 1000, 7.5) == (6, 1)
    assert legend_shape(["x" * 40, *labels], 250, 7.5)[0] < 3


def test_bundled_figure_shows_what_the_issue_asks_for() -> None:
    """The evidence figure has one panel per group of series (own y scale, shared time
    axis, titles), every series, bands, timing zones, the unknown span after 2021, events
    lettered on the panels of the series they concern, conflict marks, the Syria revision (a
    faint superseded 900 and the revised 2,000) and the numbered source list."""
    ds = troops.load(REPO)
    fig = paper_figure(ds, width=COLUMN_WIDTH)
    titles = [t.get_text() for ax in fig.axes for t in ax.texts if "paneltitle" in t.get_gid()]
    assert titles == [
        "US troops in Iraq",
        "Coalition and NATO troops in Iraq",
        "US troops in Syria",
    ]
    assert len({ax.get_xlim() for ax in fig.axes}) == 1
    assert len({ax.get_ylim() for ax in fig.axes}) == 3
    shown = [any(t.get_visible() for t in ax.xaxis.get_majorticklabels()) for ax in fig.axes]
    assert shown == [False, False, True]
    gids = {
        (k, a.get_gid() or "")
        for k, ax in enumerate(fig.axes)
        for a in [*ax.lines, *ax.patches, *ax.texts, *ax.collections]
    }
    names = {g for _, g in gids}
    for series in ds.series_records:
        assert f"troops-line-{series}" in names
    for kind in ("troops-band-", "troops-zone-", "troops-unknown-us-iraq", "troops-conflict-"):
        assert any(g.startswith(kind) for g in names), kind
    for k in range(3):
        assert (k, "troops-events") in gids
    by_id = {e.id: e for e in ds.event_records}
    panels = chart_data(ds).panels
    for k, g in gids:
        if g.startswith("troops-eventlabel-"):  # letters only on the panels they concern
            event = by_id[g.removeprefix("troops-eventlabel-")]
            assert set(event.series) & set(panels[k].series), g
    assert {j for j, g in gids if g.startswith("troops-eventlabel-")} == {0, 1, 2}
    syria = fig.axes[2]
    old = [ln for ln in syria.lines if (ln.get_gid() or "").startswith("troops-superseded-us-sy")]
    assert [list(ln.get_ydata()) for ln in old] == [[500, 500], [900, 900]]
    assert {ln.get_alpha() for ln in old} == {theme.FAINT_ALPHA}
    (line,) = [ln for ln in syria.lines if ln.get_gid() == "troops-line-us-syria"]
    assert list(line.get_ydata()[-4:]) == [2000, 2000, 2000, 2000]
    first = min(chart_data(ds).numbers.values())
    assert any(t.get_text().startswith(f"[{first}] ") for t in fig.texts)


def drawn_numbers(fig: Figure) -> set[int]:
    """Every source number the labels of ``fig`` show (``42–48`` counts 42 to 48, ``[7]``
    at the edge counts 7)."""
    found: set[int] = set()
    for ax in fig.axes:
        for t in ax.texts:
            if "-ref-" not in (t.get_gid() or ""):
                continue
            for part in t.get_text().strip("[]").split(","):
                first, _, last = part.partition("–")
                found.update(range(int(first), int(last or first) + 1))
    return found


@pytest.mark.parametrize("width", [COLUMN_WIDTH, PAGE_WIDTH])
def test_numbers_drawn_are_exactly_the_numbered_sources(width: float) -> None:
    """On the bundled figure every source of a drawn figure is numbered at a point, every
    number drawn is in the list (in number order), and the rest of the list are the
    sources of events."""
    ds = troops.load(REPO)
    chart = chart_data(ds)
    fig = assemble(chart, width=width)
    drawn = drawn_numbers(fig)
    cited = {chart.numbers[f.source] for f in chart.figures}
    assert drawn == cited
    rest = set(chart.numbers.values()) - drawn
    assert rest == {chart.numbers[e.source] for e in chart.events} - drawn
    assert [chart.numbers[s.id] for s in chart.sources] == sorted(chart.numbers.values())


def test_paper_style_is_usable_by_name() -> None:
    """plt.style.use("troops.paper") gives 8 pt text and TrueType fonts in PDF and PS."""
    import matplotlib.pyplot as plt

    plt.style.use("troops.paper")
    assert plt.rcParams["font.size"] == 8
    assert plt.rcParams["pdf.fonttype"] == 42
    assert plt.rcParams["ps.fonttype"] == 42
    assert plt.rcParams["svg.hashsalt"] == "troops"


@pytest.mark.parametrize("width", [COLUMN_WIDTH, PAGE_WIDTH])
def test_evidence_unknown_span_is_a_gap_not_a_full_height_block(width: float) -> None:
    """In the evidence figure the Iraq 2022 "unknown number" is a dashed bridge from 2,500
    to 2,500 over the gap with a short label just above it: no patch or line of the span
    reaches over the panel's height, and the solid step line is broken there."""
    fig = paper_figure(troops.load(REPO), width=width)
    FigureCanvasAgg(fig)
    with paper_style():
        fig.canvas.draw()
    iraq = fig.axes[0]
    spans = [
        a
        for a in [*iraq.lines, *iraq.patches, *iraq.collections]
        if (a.get_gid() or "").startswith("troops-unknown-us-iraq")
    ]
    assert spans
    assert all(a.get_gid().startswith("troops-unknown-us-iraq-") for a in spans)
    panel = iraq.get_window_extent()
    for a in spans:
        assert a.get_window_extent().height < 0.1 * panel.height
    (bridge,) = spans
    assert [float(y) for y in bridge.get_ydata()] == [2500.0, 2500.0]
    x0, x1 = (float(x) for x in bridge.get_xdata())
    (line,) = [ln for ln in iraq.lines if ln.get_gid() == "troops-line-us-iraq"]
    inside = [
        (float(x), float(y))
        for x, y in zip(line.get_xdata(), line.get_ydata(), strict=True)
        if x0 < float(x) < x1
    ]
    assert all(y != y for _, y in inside)  # only the NaN that breaks the line
    (label,) = [t for t in iraq.texts if t.get_gid().startswith("troops-unknownlabel-us-iraq")]
    box = label.get_window_extent()
    _, y_line = iraq.transData.transform(((x0 + x1) / 2, 2500.0))
    assert y_line <= box.y0 < y_line + 12
    assert box.height < 0.25 * panel.height
