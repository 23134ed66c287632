"""What a first-time reader of a chart must not misread: time ticks, levels carried in from
before the range, empty selections, conflict marks, number labels, the legend and captions;
checked on the drawn objects and texts."""

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
from troops.chartdata import chart_data
from troops.dataset import Dataset
from troops.notes import caption_text
from troops.plot import step_chart


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
    return step_chart(ds, ax=figure.add_subplot(), **options)


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
