"""The story figure's chart data (troops.chart.story): selection, panels, pieces, labels,
events and sources, as plain data, on the bundled record and on small datasets."""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

import pytest
from conftest import Root, add_source
from conftest import figure_record as fig
from pydantic import ValidationError

import troops
from troops.chart.chartdata import Selection
from troops.chart.story import MAX_EVENTS, Story, default_series, story_data
from troops.chart.storyparts import UNCONFIRMED_AFTER_DAYS, UNKNOWN_TEXT, Piece
from troops.core.model import Event


@lru_cache(maxsize=1)
def record() -> Story:
    """The default story of the bundled record (built once)."""
    return story_data(troops.load())


def pieces(story: Story, sid: str) -> tuple[Piece, ...]:
    """The pieces of series ``sid``."""
    return next(s for s in story.series if s.id == sid).pieces


def test_default_selection_is_us_iraq_us_syria_and_the_other_coalition_in_iraq() -> None:
    """Without --series the story shows US troops in Iraq and Syria and the non-US
    coalition in Iraq, the coalition as a second line on the Iraq panel."""
    story = record()
    assert default_series(troops.load()) == ("us-iraq", "us-syria", "coalition-iraq")
    assert [(p.title, [s.id for s in p.series]) for p in story.panels] == [
        ("Iraq", ["us-iraq", "coalition-iraq"]),
        ("Syria", ["us-syria"]),
    ]
    names = {s.id: s.name for s in story.series}
    assert names == {"us-iraq": "US", "coalition-iraq": "Other coalition", "us-syria": "US"}


def test_coalition_is_drawn_only_where_it_has_reports() -> None:
    """The non-US coalition line starts at its first report, not at the start of the
    range (2014) with the US line."""
    first = pieces(record(), "coalition-iraq")[0]
    segments = troops.load().segments("coalition-iraq")
    assert first.start == segments[0].start
    assert first.start > record().start


def test_a_panel_appears_only_for_series_with_data_in_range(blank: Root) -> None:
    """A series with no level in the range gets no panel (and no empty axes)."""
    add_source(
        blank,
        "a",
        published="2021-06-01",
        figures=[fig("a.f", "us-iraq", "2021-05", 2500)],
    )
    story = story_data(troops.load(blank.path), Selection(series=("us-iraq", "us-syria")))
    assert [p.title for p in story.panels] == ["Iraq"]


def test_range_without_value_is_a_range_piece_and_never_a_level() -> None:
    """The nzherald report ("more than 900", "down from 2,000") is a range from 900 to
    2,000 with no level (no point, no line) over its days."""
    syria = pieces(record(), "us-syria")
    last = syria[-1]
    assert (last.kind, last.start, last.y0, last.y1) == ("range", date(2025, 10, 1), 900, 2000)
    assert not [p for p in syria if p.kind == "level" and p.end > last.start]


def test_unknown_number_is_a_gap_between_the_levels_either_side() -> None:
    """ "An unknown number" in Iraq 2022 is a gap bridged from 2,500 to 2,500, not a
    block from zero to the top."""
    gaps = [p for p in pieces(record(), "us-iraq") if p.kind == "unknown"]
    assert [(g.start, g.end, g.y0, g.y1) for g in gaps] == [
        (date(2022, 1, 1), date(2022, 8, 11), 2500, 2500)
    ]
    labels = [lab for s in record().series for lab in s.labels if lab.reason == "unknown"]
    assert [(lab.text, lab.start) for lab in labels] == [(UNKNOWN_TEXT, date(2022, 1, 1))]


def test_level_unconfirmed_for_six_months_turns_stale() -> None:
    """The Syria 2,000 of December 2018 is solid for UNCONFIRMED_AFTER_DAYS and lighter
    from then until the next report (August 2020)."""
    syria = pieces(record(), "us-syria")
    held = next(p for p in syria if p.kind == "level" and p.start == date(2018, 12, 19))
    assert held.end == date(2018, 12, 19) + timedelta(days=UNCONFIRMED_AFTER_DAYS)
    after = syria[syria.index(held) + 1]
    assert (after.kind, after.start, after.end, after.y0) == (
        "stale",
        held.end,
        date(2020, 8, 26),
        2000,
    )


def test_vague_date_is_a_sloped_transition_between_levels() -> None:
    """The Syria revision (900 to 2,000 somewhere from Sep to Dec 2024) slopes over the
    days the step may fall on."""
    slope = next(p for p in pieces(record(), "us-syria") if p.kind == "vague" and p.y1 == 2000)
    assert (slope.start, slope.end, slope.y0) == (date(2024, 9, 27), date(2024, 12, 19), 900)


def test_value_labels_are_first_last_peak_and_big_changes() -> None:
    """Iraq is labelled at its first level, its peak 8,892, the 30 %+ changes and its last
    level; every label's number is the level it labels."""
    iraq = next(s for s in record().series if s.id == "us-iraq")
    texts = [(lab.text, lab.reason) for lab in iraq.labels if lab.reason != "unknown"]
    assert texts[0] == ("≈1,400", "first")
    assert ("8,892", "peak") in texts
    assert ("≈3,000", "change") in texts
    assert texts[-1] == ("≈2,500", "last")
    for lab in iraq.labels:
        if lab.reason == "unknown":
            continue
        number = float(lab.text.lstrip("≈≥≤").replace(",", ""))
        assert number == lab.value
        assert any(
            p.y0 == lab.value and p.start <= lab.start < max(p.end, lab.start + timedelta(1))
            for p in iraq.pieces
            if p.kind in ("level", "stale")
        )


def test_range_label_is_written_low_to_high() -> None:
    """The last Syria level is written "900–2,000"."""
    syria = next(s for s in record().series if s.id == "us-syria")
    assert [lab.text for lab in syria.labels if lab.reason == "last"] == ["900–2,000"]


def test_headline_events_go_on_the_panel_of_their_series() -> None:
    """Only events marked headline are written, at most MAX_EVENTS, each on its series'
    panel, as "Mon YYYY: label"."""
    story = record()
    ds = troops.load()
    by_id = {e.id: e for e in ds.event_records}
    placed = [(p.title, e) for p in story.panels for e in p.events]
    assert 0 < len(placed) <= MAX_EVENTS
    for title, e in placed:
        record_ = by_id[e.id]
        assert record_.headline
        panel = next(p for p in story.panels if p.title == title)
        assert {s.id for s in panel.series} & set(record_.series)
        assert e.text.endswith(f": {record_.label}")
    assert "Dec 2024: Pentagon: 2,000 troops in Syria, not 900" in [e.text for _, e in placed]


def test_sources_are_those_drawn_in_publication_order() -> None:
    """The story's sources are exactly those of its pieces and events, by publication date."""
    story = record()
    used = {src for s in story.series for p in s.pieces for src in p.sources}
    used |= {e.source for e in story.events}
    assert {s.id for s in story.sources} == used
    days = [s.published_period.start for s in story.sources if s.published_period]
    assert days == sorted(days)


def test_targets_are_off_unless_asked_for() -> None:
    """Targets and caps are left out of the story unless targets=True."""
    ds = troops.load()
    assert "target" not in record().marks
    with_targets = story_data(ds, targets=True)
    assert "target" in with_targets.marks
    assert any(s.marks for s in with_targets.series)


def test_event_label_is_at_most_40_characters_and_headline_is_a_boolean() -> None:
    """An event label over 40 characters, or a headline that is not true/false, is refused."""
    base = {"id": "e", "source": "s", "date": "2021", "kind": "other", "quote": "q"}
    assert Event(**base, label="x" * 40, headline=True).headline
    with pytest.raises(ValidationError, match="at most 40"):
        Event(**base, label="x" * 41)
    with pytest.raises(ValidationError, match="boolean"):
        Event(**base, label="ok", headline="yes")  # type: ignore[arg-type]
