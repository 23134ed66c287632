"""The story figure as drawn: sizes, text that collides with nothing (renderer extents),
a key that names exactly the marks drawn, value labels at their levels, honest unknowns
and ranges, for the default figure and five selections at column and page width."""

from __future__ import annotations

from datetime import date
from functools import cache
from itertools import combinations, pairwise
from typing import Any

import matplotlib.dates as mdates
import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.text import Text
from matplotlib.transforms import Bbox

import troops
from troops.chart.chartdata import Selection
from troops.chart.story import Story, story_data
from troops.plot.layout import COLUMN_WIDTH, PAGE_WIDTH
from troops.plot.storyfig import COLUMN_MAX_HEIGHT, PAGE_MAX_HEIGHT, story_figure

SELECTIONS = {
    "default": Selection(),
    "us-iraq": Selection(series=("us-iraq",)),
    "us-syria": Selection(series=("us-syria",)),
    "all-series": Selection(series=tuple(troops.load().series_records)),
    "iraq-since-2020": Selection(series=("us-iraq", "coalition-iraq"), since=date(2020, 1, 1)),
    "known-on-2021": Selection(known_on=date(2021, 12, 31)),
}
WIDTHS = {"column": COLUMN_WIDTH, "page": PAGE_WIDTH}
CASES = [(s, w) for s in SELECTIONS for w in WIDTHS]


@pytest.fixture(autouse=True)
def _clean(mpl_clean: None) -> None:
    """Every test here starts from matplotlib's defaults and leaves no figure open."""


@cache
def drawn(selection: str, width: str) -> tuple[Story, Figure, Any]:
    """The story, its figure (drawn by Agg) and the renderer, for one case (built once)."""
    ds = troops.load()
    story = story_data(ds, SELECTIONS[selection])
    fig = story_figure(story, width=WIDTHS[width], digest=ds.digest)
    fig.set_dpi(300)  # the PNG's resolution: text extents as printed
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    return story, fig, canvas.get_renderer()


def texts(fig: Figure) -> list[Text]:
    """Every visible non-empty text of the figure: in the axes, tick labels, figure texts."""
    found: list[Text] = list(fig.texts)
    for ax in fig.axes:
        found += ax.texts
        found += [t for t in ax.get_xticklabels() + ax.get_yticklabels() if t.get_visible()]
    return [t for t in found if t.get_text() and t.get_visible()]


def gids(fig: Figure, prefix: str) -> list[Any]:
    """Artists of the figure (axes and figure level) whose gid starts with ``prefix``."""
    found: list[Any] = [*fig.artists, *fig.lines, *fig.patches, *fig.texts]
    for ax in fig.axes:
        found += [*ax.lines, *ax.patches, *ax.texts]
    return [a for a in found if (a.get_gid() or "").startswith(prefix)]


def segments_px(line: Line2D) -> list[tuple[np.ndarray, np.ndarray]]:
    """The straight pieces of a drawn line, in display pixels (NaN breaks skipped)."""
    xy = line.get_transform().transform(np.column_stack([line.get_xdata(), line.get_ydata()]))
    return [(a, b) for a, b in pairwise(xy) if np.isfinite(a).all() and np.isfinite(b).all()]


def crosses(box: Bbox, a: np.ndarray, b: np.ndarray) -> bool:
    """True when the segment a-b passes through ``box`` (sampled finely)."""
    for t in np.linspace(0.0, 1.0, 60):
        x, y = a + (b - a) * t
        if box.x0 < x < box.x1 and box.y0 < y < box.y1:
            return True
    return False


@pytest.mark.parametrize(("selection", "width"), CASES)
def test_story_figure_size_stays_within_the_limits(selection: str, width: str) -> None:
    """A column figure is 3.5 in wide and at most 3 in tall, a page figure 7.16 in wide and
    at most 4.5 in tall, whatever is selected."""
    _, fig, _ = drawn(selection, width)
    w, h = fig.get_size_inches()
    assert w == WIDTHS[width]
    assert h <= (COLUMN_MAX_HEIGHT if width == "column" else PAGE_MAX_HEIGHT) + 1e-9
    assert h > 1.5


@pytest.mark.parametrize(("selection", "width"), CASES)
def test_no_text_overlaps_another_or_sits_on_a_line(selection: str, width: str) -> None:
    """No two texts' renderer boxes overlap, and no step line, stale or unknown stretch,
    range outline or event line runs through a text, and every text lies on the canvas."""
    _, fig, renderer = drawn(selection, width)
    found = texts(fig)
    boxes = [t.get_window_extent(renderer).expanded(0.98, 0.9) for t in found]
    canvas = fig.bbox
    for t, box in zip(found, boxes, strict=True):
        inside = Bbox.intersection(box, canvas)
        assert inside is not None, t.get_text()
        assert np.allclose(inside.bounds, box.bounds), t.get_text()
    for (ta, a), (tb, b) in combinations(zip(found, boxes, strict=True), 2):
        assert not a.overlaps(b), (ta.get_text(), tb.get_text())
    for ax in fig.axes:
        lines = [ln for ln in ax.lines if (ln.get_gid() or "").startswith("troops-story-")]
        for ln in lines:
            for a, b in segments_px(ln):
                for t, box in zip(found, boxes, strict=True):
                    assert not crosses(box, a, b), (ln.get_gid(), t.get_text())
        for patch in ax.patches:
            if not (patch.get_gid() or "").startswith("troops-story-range"):
                continue
            outline = patch.get_window_extent(renderer)
            for t, box in zip(found, boxes, strict=True):
                assert not box.overlaps(outline), t.get_text()


@pytest.mark.parametrize(("selection", "width"), CASES)
def test_the_key_names_exactly_the_marks_drawn(selection: str, width: str) -> None:
    """Each kind of uncertainty mark drawn (band, range, sloped step, stale level, unknown
    gap, target) has one key entry, and the key names nothing that is not drawn; at most
    five of them without targets."""
    story, fig, _ = drawn(selection, width)
    kinds = {"band", "range", "vague", "stale", "unknown", "target"}
    on_axes = {
        kind
        for kind in kinds
        for ax in fig.axes
        for a in [*ax.lines, *ax.patches]
        if (a.get_gid() or "").startswith(f"troops-story-{kind}-")
    }
    keyed = {a.get_gid().removeprefix("troops-story-key-") for a in gids(fig, "troops-story-key-")}
    assert keyed == on_axes
    assert len(keyed) <= 5
    texts_ = [t.get_text() for t in gids(fig, "troops-story-keytext-")]
    assert len(texts_) == len(keyed)
    assert set(story.marks) == keyed


@pytest.mark.parametrize(("selection", "width"), CASES)
def test_every_value_label_is_the_level_it_labels(selection: str, width: str) -> None:
    """Each value written is the text of one of its series' value labels, in the series'
    colour, and stands next to that level (its line, band or range), not elsewhere."""
    story, fig, renderer = drawn(selection, width)
    by_series = {s.id: s for s in story.series}
    placed = gids(fig, "troops-story-value-")
    assert placed
    for t in placed:
        sid, _, k = t.get_gid().removeprefix("troops-story-value-").rpartition("-")
        lab = by_series[sid].labels[int(k)]
        assert t.get_text() == lab.text
        if lab.reason != "unknown":
            number = lab.text.split("–")[0].lstrip("≈≥≤").replace(",", "")
            assert float(number) == (lab.low if lab.bare else lab.value)
        ax = t.axes
        box = t.get_window_extent(renderer)
        lo = ax.transData.transform((0, lab.low))[1]
        hi = ax.transData.transform((0, lab.high))[1]
        assert lo - 2.5 * box.height <= (box.y0 + box.y1) / 2 <= hi + 2.5 * box.height


def test_default_figure_writes_the_values_the_issue_names() -> None:
    """The default page figure writes the Iraq peak 8,892, the plateau ≈2,500 and the
    last Syria range 900–2,000, and names every series at its line (the other coalition,
    with its value after its name when it has one level only)."""
    _, fig, _ = drawn("default", "page")
    written = {t.get_text() for t in gids(fig, "troops-story-value-")}
    assert {"8,892", "≈2,500", "900–2,000"} <= written
    names = {t.get_text() for t in gids(fig, "troops-story-name-")}
    assert {n.split(" ≈")[0] for n in names} == {"US", "Other coalition"}
    assert len(gids(fig, "troops-story-name-")) == 3


@pytest.mark.parametrize(("selection", "width"), CASES)
def test_every_series_is_named_at_its_line_or_in_the_key(selection: str, width: str) -> None:
    """Each series drawn is named once: next to its line or, when no spot there is free, by a
    key entry with a stretch of its line in its colour."""
    story, fig, _ = drawn(selection, width)
    at_line = {
        t.get_gid().removeprefix("troops-story-name-") for t in gids(fig, "troops-story-name-")
    }
    keyed = {
        a.get_gid().removeprefix("troops-story-keyseries-")
        for a in gids(fig, "troops-story-keyseries-")
    }
    drawn_ids = [s.id for p in story.panels for s in p.series if s.pieces]
    assert sorted(at_line | keyed) == sorted(set(drawn_ids))
    assert not at_line & keyed
    for sid in keyed:
        (words,) = gids(fig, f"troops-story-keyname-{sid}")
        name = next(s.name for p in story.panels for s in p.series if s.id == sid)
        assert words.get_text() == name


def test_default_column_figure_names_the_other_coalition_in_the_key() -> None:
    """At column width the other coalition's line has no free spot for its name, so the
    key names it."""
    _, fig, _ = drawn("default", "column")
    assert gids(fig, "troops-story-keyseries-coalition-iraq")


def test_unknown_span_is_a_gap_not_a_full_height_block() -> None:
    """The Iraq 2022 "unknown number" is a dotted line from 2,500 to 2,500 over the gap,
    no patch covers the axes' height there, and the step line is broken over it."""
    _, fig, _ = drawn("default", "column")
    iraq = fig.axes[0]
    (gap,) = [ln for ln in iraq.lines if (ln.get_gid() or "").startswith("troops-story-unknown-")]
    assert list(gap.get_ydata()) == [2500, 2500]
    x0, x1 = (mdates.date2num(date(2022, 1, 1)), mdates.date2num(date(2022, 8, 11)))
    assert list(gap.get_xdata()) == [x0, x1]
    top = iraq.get_ylim()[1]
    for patch in iraq.patches:
        if (
            isinstance(patch, Rectangle)
            and patch.get_x() < x1
            and patch.get_x() + patch.get_width() > x0
        ):
            assert patch.get_height() < 0.5 * top, patch.get_gid()
    (line,) = [ln for ln in iraq.lines if ln.get_gid() == "troops-story-line-us-iraq"]
    xs = np.asarray(line.get_xdata(), dtype=float)
    assert not ((xs > x0 + 1) & (xs < x1 - 1)).any()


def test_the_nzherald_range_draws_no_point() -> None:
    """The range without a value ("more than 900", "down from 2,000", Oct 2025) is a bar
    from 900 to 2,000 with no marker and no line through it."""
    _, fig, _ = drawn("default", "column")
    syria = fig.axes[1]
    (bar,) = [p for p in syria.patches if (p.get_gid() or "").startswith("troops-story-range-")
              and p.get_x() >= mdates.date2num(date(2025, 10, 1))]  # fmt: skip
    assert (bar.get_y(), bar.get_y() + bar.get_height()) == (900, 2000)
    assert not [ln for ln in syria.lines if ln.get_marker() not in ("None", "none", None, "")]
    (line,) = [ln for ln in syria.lines if ln.get_gid() == "troops-story-line-us-syria"]
    xs = np.asarray(line.get_xdata(), dtype=float)
    assert not (xs > bar.get_x() + 1).any()


def test_panels_appear_only_for_series_with_data_and_share_the_time_axis() -> None:
    """The default figure has an Iraq and a Syria panel with one time range; a selection
    of Iraq series has one panel."""
    _, fig, _ = drawn("default", "page")
    assert [t.get_text() for t in gids(fig, "troops-story-title-")] == ["Iraq", "Syria"]
    assert len({ax.get_xlim() for ax in fig.axes}) == 1
    _, iraq_only, _ = drawn("iraq-since-2020", "column")
    assert len(iraq_only.axes) == 1


def test_y_ticks_are_round_and_the_scale_follows_the_counts() -> None:
    """The Iraq panel runs to 10,000 in steps of 2,500, Syria to 2,500 (counts drawn, not
    targets or headroom for letters)."""
    _, fig, _ = drawn("default", "column")
    iraq, syria = fig.axes
    assert list(iraq.get_yticks()) == [0, 2500, 5000, 7500, 10000]
    assert iraq.get_ylim() == (0, 10000)
    assert syria.get_ylim() == (0, 2500)


def test_footer_says_what_how_many_reports_version_and_digest() -> None:
    """The footer names the data, the number of reports and their years, the troops
    version, the dataset digest and where the per-point sources are."""
    story, fig, _ = drawn("default", "column")
    footer = " ".join(t.get_text() for t in gids(fig, "troops-story-footer-"))
    digest = troops.load().digest[:7]
    assert f"troops {troops.__version__} (dataset {digest})" in footer
    assert f"{len(story.sources)} reports {story.years()}" in footer
    assert "`troops cite`" in footer
    assert len(gids(fig, "troops-story-footer-")) <= 2


def test_targets_are_drawn_only_when_asked_and_never_joined() -> None:
    """With targets=True the story draws hollow markers and keys them; they are separate
    artists, not vertices of the step line."""
    ds = troops.load()
    story = story_data(ds, targets=True)
    fig = story_figure(story, width=PAGE_WIDTH, digest=ds.digest)
    marks = gids(fig, "troops-story-target-")
    assert marks
    assert all(m.get_markerfacecolor() in ("white", (1.0, 1.0, 1.0, 1.0)) for m in marks)
    assert gids(fig, "troops-story-key-target")


def test_step_chart_story_on_user_axes_and_drawn_sources() -> None:
    """step_chart(kind="story") draws on the user's Axes; drawn_sources gives exactly the
    events whose words are on the Axes and the sources of the levels and those events; an
    Axes step_chart never drew raises KeyError."""
    ds = troops.load()
    fig = Figure(figsize=(6, 3))
    ax = fig.add_subplot()
    assert troops.step_chart(ds, series="us-syria", ax=ax, kind="story") is ax
    got = troops.drawn_sources(ax)
    story = story_data(ds, Selection(series=("us-syria",)))
    written = {
        t.get_gid().removeprefix("troops-story-event-")
        for t in ax.texts
        if (t.get_gid() or "").startswith("troops-story-event-")
    }
    assert written
    assert [e.id for e in got.events] == [e.id for e in story.events if e.id in written]
    used = {i for s in story.series for i in s.sources} | {e.source for e in got.events}
    assert [s.id for s in got.sources] == [s.id for s in story.sources if s.id in used]
    with pytest.raises(KeyError):
        troops.drawn_sources(fig.add_subplot(212))
    with pytest.raises(ValueError, match="kind"):
        troops.step_chart(ds, ax=ax, kind="pretty")  # type: ignore[arg-type]
