"""The assembled paper figure: sizes, fonts, legend and lists under the chart, no overlaps."""

from __future__ import annotations

from itertools import combinations

import pytest
from conftest import MINI, REPO
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text
from matplotlib.transforms import Bbox

import troops
from troops.chartdata import Selection
from troops.figure import flow, legend_shape, paper_figure, paper_style
from troops.layout import COLUMN_WIDTH, PAGE_WIDTH, text_width
from troops.notes import Entry


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


@pytest.mark.parametrize(("data", "width"), CASES[:3])
def test_legend_sits_between_chart_and_sources(data: str | None, width: float) -> None:
    """The legend is inside the figure, below the tick labels and above the source list."""
    fig = paper_figure(troops.load(data), width=width)
    texts = drawn_texts(fig)
    (legend,) = fig.legends
    box = legend.get_window_extent(FigureCanvasAgg(fig).get_renderer())
    assert fig.bbox.x0 <= box.x0
    assert box.x1 <= fig.bbox.x1
    ticks = [b for t, b in texts if t in fig.axes[0].xaxis.get_majorticklabels()]
    notes = [b for t, b in texts if t in fig.texts]
    assert box.y1 <= min(b.y0 for b in ticks)
    assert box.y0 >= max(b.y1 for b in notes)


def test_width_is_exact_and_fonts_are_print_sizes() -> None:
    """Column figures are 3.5 in wide, page figures 7.16 in; text is 8 pt (axis label,
    ticks, legend) and 7.5 pt (notes) at both widths."""
    ds = troops.load(MINI)
    for width in (COLUMN_WIDTH, PAGE_WIDTH):
        fig = paper_figure(ds, width=width)
        assert fig.get_figwidth() == width
        ax = fig.axes[0]
        assert ax.yaxis.label.get_fontsize() == 8
        assert {t.get_fontsize() for t in ax.xaxis.get_majorticklabels()} == {8}
        assert {t.get_fontsize() for t in fig.legends[0].get_texts()} == {8}
        assert {t.get_fontsize() for t in fig.texts} == {7.5}


def test_source_list_links_and_note_line() -> None:
    """Entries link to their source's URL when known; the note says how hedges were read."""
    fig = paper_figure(troops.load(MINI), width=COLUMN_WIDTH)
    urls = {t.get_text(): t.get_url() for t in fig.texts}
    assert urls["[1] Mini Gazette, 5\xa0Mar\xa02021"] == "https://example.org/mini"
    assert urls["[2] Second Courier, 1\xa0Jun\xa02021"] is None
    words = " ".join(t.get_text() for t in fig.texts)
    assert (
        "Bands: 'about' read as ±10 %; 'more than' read as a lower bound; 'unknown number'"
        " read as unknown." in words
    )
    assert "Events: a: Agreement signed, 1\xa0Mar\xa02021\xa0[1]" in words


def test_known_on_is_said_under_the_chart() -> None:
    """A chart as known on a day says so in its note."""
    fig = paper_figure(
        troops.load(MINI), Selection(known_on=troops.dataset.as_date("2021-04-01")), width=5.0
    )
    assert "As known on 1 Apr 2021." in " ".join(t.get_text() for t in fig.texts)


def test_flow_wraps_long_entries_with_a_hanging_indent() -> None:
    """Short entries share a line; one wider than the line wraps, indented past its number,
    and the next entry starts a new line."""
    long = "[2] " + " ".join(["word"] * 30)
    placed = flow(
        "Sources:", [Entry("[1] A"), Entry(long, "https://x.org"), Entry("[3] C")], 150, 7
    )
    lines = [(p.line, p.text) for p in placed]
    assert lines[:2] == [(0, "Sources:"), (0, "[1] A")]
    pieces = [p for p in placed if p.url == "https://x.org"]
    assert len(pieces) > 2
    assert " ".join(p.text for p in pieces) == long
    indent = text_width("[2] ", 7)
    assert all(p.x == indent for p in pieces[1:])
    assert all(p.x + text_width(p.text, 7) <= 150 for p in placed)
    assert placed[-1].text == "[3] C"
    assert placed[-1].line == pieces[-1].line + 1
    assert placed[-1].x == 0


def test_legend_shape_fills_columns_like_matplotlib() -> None:
    """Six entries in four columns fill 2, 2, 1, 1 as matplotlib does; a wide label forces
    fewer columns."""
    labels = ["a", "b", "c", "d", "e", "f"]
    assert legend_shape(labels, 1000, 7.5) == (6, 1)
    assert legend_shape(["x" * 40, *labels], 250, 7.5)[0] < 3


def test_bundled_figure_shows_what_the_issue_asks_for() -> None:
    """The default figure has every series, bands, timing zones, the unknown span after
    2021, events and the numbered source list."""
    fig = paper_figure(troops.load(REPO), width=COLUMN_WIDTH)
    ax = fig.axes[0]
    gids = {a.get_gid() or "" for a in [*ax.lines, *ax.patches, *ax.texts]}
    for series in troops.load(REPO).series_records:
        assert f"troops-line-{series}" in gids
    for kind in ("troops-band-", "troops-zone-", "troops-unknown-us-iraq", "troops-event-"):
        assert any(g.startswith(kind) for g in gids), kind
    assert any(t.get_text().startswith("[1] ") for t in fig.texts)


def test_paper_style_is_usable_by_name() -> None:
    """plt.style.use("troops.paper") gives 8 pt text and TrueType fonts in PDF and PS."""
    import matplotlib.pyplot as plt

    plt.style.use("troops.paper")
    assert plt.rcParams["font.size"] == 8
    assert plt.rcParams["pdf.fonttype"] == 42
    assert plt.rcParams["ps.fonttype"] == 42
    assert plt.rcParams["svg.hashsalt"] == "troops"
