"""Image baselines: the mini figure and a bare step chart look as they did when approved.

The baselines in tests/baseline/ were drawn with the matplotlib version named in
tests/baseline/VERSION; other versions render text and antialiasing differently, so the
comparison skips there (the many assertions on drawn objects still run).  To redraw them
after an intended change, look at the new images and run
``TROOPS_UPDATE_BASELINES=1 pytest tests/test_baseline.py``.
"""

from __future__ import annotations

import os
from pathlib import Path

import matplotlib
import pytest
from conftest import HERE, MINI
from matplotlib.figure import Figure
from matplotlib.testing.compare import compare_images

import troops
from troops.plot.figure import paper_figure
from troops.plot.stepchart import step_chart
from troops.plot.style import paper_style

BASELINE = HERE / "baseline"
VERSION = BASELINE / "VERSION"
#: Largest RMS difference (0-255 scale) still counted as the same picture.
TOLERANCE = 2.0
DPI = 80


@pytest.fixture(autouse=True)
def _clean(mpl_clean: None) -> None:
    """Every test here starts from matplotlib's defaults and leaves no figure open."""


def check(fig: Figure, name: str, tmp_path: Path) -> None:
    """Compare ``fig`` drawn at a low resolution with ``tests/baseline/<name>.png``."""
    actual = tmp_path / f"{name}.png"
    with paper_style():
        fig.savefig(actual, dpi=DPI)
    expected = BASELINE / f"{name}.png"
    if os.environ.get("TROOPS_UPDATE_BASELINES") == "1":
        expected.write_bytes(actual.read_bytes())
        VERSION.write_text(f"matplotlib {matplotlib.__version__}\n", encoding="utf-8")
        pytest.skip(f"baseline {expected.name} rewritten")
    made_with = VERSION.read_text(encoding="utf-8").split()[1]
    if made_with != matplotlib.__version__:
        pytest.skip(
            f"baselines were drawn with matplotlib {made_with}, not {matplotlib.__version__}"
        )
    result = compare_images(str(expected), str(actual), tol=TOLERANCE)
    assert result is None, result


def test_mini_figure_matches_baseline(tmp_path: Path) -> None:
    """The mini dataset's evidence figure at column width (chart, legend, sources)
    matches its baseline."""
    check(paper_figure(troops.load(MINI), width=3.5), "mini-column", tmp_path)


def test_mini_story_figure_matches_baseline(tmp_path: Path) -> None:
    """The mini dataset's story figure at column width (lines, values, key, footer)
    matches its baseline."""
    from troops.chart.story import story_data
    from troops.plot.storyfig import story_figure

    ds = troops.load(MINI)
    check(story_figure(story_data(ds), width=3.5, digest=ds.digest), "mini-story-column", tmp_path)


def test_step_chart_on_plain_axes_matches_baseline(tmp_path: Path) -> None:
    """step_chart on a plain 4 x 2.5 in Axes, as known before the correction, matches."""
    fig = Figure(figsize=(4, 2.5))
    ax = fig.add_axes((0.15, 0.15, 0.8, 0.8))
    step_chart(troops.load(MINI), ax=ax, known_on="2021-04-01", legend=False, kind="evidence")
    check(fig, "mini-axes-known-on", tmp_path)
