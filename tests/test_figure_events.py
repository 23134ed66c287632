"""Headline events in the story figure at column width, and the counts of reports by
publisher type in its footer and captions: they name exactly what is drawn."""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from itertools import combinations
from pathlib import Path

import pytest
from conftest import REPO
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

import troops
from troops.chart.chartdata import Selection
from troops.chart.story import Story, story_data
from troops.dataset.api import Dataset
from troops.plot.figfile import plot_file
from troops.plot.layout import COLUMN_WIDTH, PAGE_WIDTH
from troops.plot.storyfig import FOOTER_LINES, drawn_story, story_figure
from troops.plot.storylabels import EVENT_GID, event_wordings
from troops.plot.style import paper_style


@pytest.fixture(autouse=True)
def _clean(mpl_clean: None) -> None:
    """Every test here starts from matplotlib's defaults and leaves no figure open."""


@cache
def record() -> Dataset:
    """The bundled record, read once."""
    return troops.load(REPO)


def drawn(width: float, series: tuple[str, ...] | None = None) -> tuple[Story, Figure]:
    """The story and its figure at ``width``, drawn (renderer extents are final)."""
    story = story_data(record(), Selection(series=series))
    fig = story_figure(story, width=width, digest=record().digest)
    FigureCanvasAgg(fig)
    with paper_style():
        fig.canvas.draw()
    return story, fig


def test_wordings_keep_the_date_whole_and_the_words_in_order() -> None:
    """An event's words wrap into two or three lines, never splitting "Jan 2020:", and
    every wording says exactly the same words."""
    text = "Jan 2020: Iraqi parliament votes to expel troops"
    wordings = event_wordings(text)
    assert wordings[0] == text
    assert [w.count("\n") for w in wordings] == [0, 1, 2]
    for w in wordings:
        assert w.split("\n")[0].startswith("Jan 2020:")
        assert " ".join(w.split()) == text


def test_column_figure_writes_iraq_headline_events_without_collisions() -> None:
    """At column width the Iraq panel writes a headline event in words (wrapped when one
    line finds no room), inside its axes and clear of every other text on the figure."""
    story, fig = drawn(COLUMN_WIDTH)
    iraq = fig.axes[[p.title for p in story.panels].index("Iraq")]
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    events = [t for t in iraq.texts if (t.get_gid() or "").startswith(EVENT_GID)]
    assert events
    headline = {e.id: e.text for p in story.panels for e in p.events}
    panel_box = iraq.get_window_extent(renderer)
    others = [t for ax in fig.axes for t in ax.texts if t.get_text()] + list(fig.texts)
    for t in events:
        eid = t.get_gid().removeprefix(EVENT_GID)
        assert " ".join(t.get_text().split()) == headline[eid]
        box = t.get_window_extent(renderer)
        assert panel_box.x0 <= box.x0
        assert box.x1 <= panel_box.x1 + 0.5
        assert panel_box.y0 <= box.y0
        assert box.y1 <= panel_box.y1 + 0.5
    boxes = [(t, t.get_window_extent(renderer).expanded(0.98, 0.9)) for t in others]
    for (ta, a), (tb, b) in combinations(boxes, 2):
        assert not a.overlaps(b), (ta.get_text(), tb.get_text())
    written = [t for ax in fig.axes for t in ax.texts if (t.get_gid() or "").startswith(EVENT_GID)]
    assert len(written) <= 6


def test_drawn_story_keeps_only_the_events_written_and_their_sources() -> None:
    """The story after drawing holds exactly the events whose words are on the figure, and
    its sources are exactly those of the levels drawn and of those events."""
    story, fig = drawn(COLUMN_WIDTH)
    kept = drawn_story(story, fig)
    on_figure = {
        t.get_gid().removeprefix(EVENT_GID)
        for ax in fig.axes
        for t in ax.texts
        if (t.get_gid() or "").startswith(EVENT_GID)
    }
    assert {e.id for e in kept.events} == on_figure
    assert {e.id for p in kept.panels for e in p.events} == on_figure
    expected = {i for s in kept.series for i in s.sources} | {e.source for e in kept.events}
    assert {s.id for s in kept.sources} == expected


def expected_counts(ds: Dataset, ids: set[str]) -> Counter[str]:
    """Reports among ``ids`` by publisher type (untyped ones under "untyped")."""
    return Counter(ds.publisher_type(i) or "untyped" for i in ids)


def said_counts(text: str) -> Counter[str]:
    """The counts a "(33 press, 7 official, ...)" list says."""
    return Counter({kind: int(n) for n, kind in re.findall(r"(\d+) ([a-z-]+)", text)})


@pytest.mark.parametrize("width", ["column", "page"])
def test_captions_count_exactly_the_reports_drawn_by_type(width: str, tmp_path: Path) -> None:
    """The .txt and .tex captions count the reports behind what is drawn by publisher type,
    and the counts are those of exactly the sources cited (and no others)."""
    ds = record()
    inches = COLUMN_WIDTH if width == "column" else PAGE_WIDTH
    out = tmp_path / "fig.pdf"
    done = plot_file(ds, Selection(), width=inches, path=out, fmt="pdf", caption=True)
    tex = Path(f"{out}.caption.tex").read_text(encoding="utf-8")
    txt = Path(f"{out}.caption.txt").read_text(encoding="utf-8")
    (keys,) = re.findall(r"\\cite\{([^}]*)\}", tex)
    cited = set(keys.split(","))
    assert isinstance(done.chart, Story)
    assert cited == {s.id for s in done.chart.sources}
    want = expected_counts(ds, cited)
    for caption in (tex, txt):
        (sentence,) = re.findall(r"The (\d+) reports drawn, by publisher: ([^.]*)\.", caption)
        assert int(sentence[0]) == len(cited)
        assert said_counts(sentence[1]) == want


def test_footer_counts_by_type_when_it_fits_in_two_lines() -> None:
    """The footer keeps to two lines: at page width it counts the reports drawn by
    publisher type (exactly the sources drawn), at column width it leaves them out."""
    for width in (COLUMN_WIDTH, PAGE_WIDTH):
        story, fig = drawn(width)
        kept = drawn_story(story, fig)
        footer = [t for t in fig.texts if (t.get_gid() or "").startswith("troops-story-footer-")]
        assert 1 <= len(footer) <= FOOTER_LINES
        text = " ".join(t.get_text() for t in footer)
        assert f"{len(kept.sources)} reports" in text
        if width == PAGE_WIDTH:
            (counts,) = re.findall(r"reports [0-9–]+ \(([^)]*)\)", text)
            want = expected_counts(record(), {s.id for s in kept.sources})
            assert said_counts(counts) == want


def test_one_series_story_counts_only_its_reports() -> None:
    """A one-series figure counts the reports of that series (and its events) only."""
    story, fig = drawn(PAGE_WIDTH, ("us-syria",))
    kept = drawn_story(story, fig)
    ids = {s.id for s in kept.sources}
    assert ids == {i for s in kept.series for i in s.sources} | {e.source for e in kept.events}
    total = sum(n for _, n in kept.type_counts())
    assert total == sum(1 for i in ids if record().publisher_type(i) is not None)
