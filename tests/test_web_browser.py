"""The web page in a real browser: Debian's Chromium driven by playwright, offline.

Playwright never downloads a browser here: it launches the system Chromium by its path.
Every request that is not for the page's own file is blocked and recorded.  Without
Chromium (or playwright) the tests skip, saying why; with TROOPS_REQUIRE_BROWSER=1 (set by
.ci/run) or CI set, they fail instead.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

import troops
from troops.chart.chartdata import Selection

CHROMIUM = os.environ.get("TROOPS_CHROMIUM", "/usr/bin/chromium")
SEED_FIGURE = "iraq-denies-2021-11-21.us-iraq"
SEED_QUOTE = "Around 2,500 US troops are fighting in Iraq"


def _require(reason: str) -> None:
    if os.environ.get("TROOPS_REQUIRE_BROWSER") == "1" or os.environ.get("CI"):
        pytest.fail(f"{reason}, but TROOPS_REQUIRE_BROWSER=1 or CI is set")
    pytest.skip(reason)


@dataclass
class Visit:
    """A loaded page and what happened while it ran."""

    page: Any
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's Chromium, headless, through playwright (never a downloaded browser)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _require("playwright is not installed (pip install 'troops[test]')")
    if shutil.which(CHROMIUM) is None:
        _require(f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)")
    pytest.importorskip("bokeh", reason="the web page needs bokeh")
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield chromium
        chromium.close()


def _visit(browser: Any, path: Path) -> Visit:
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    visit = Visit(page)
    page.on("console", lambda m: m.type == "error" and visit.errors.append(m.text))
    page.on("pageerror", lambda e: visit.errors.append(str(e)))

    def dialog(d: Any) -> None:
        visit.dialogs.append(d.message)
        d.dismiss()

    page.on("dialog", dialog)
    url = path.resolve().as_uri()

    def route(r: Any) -> None:
        if r.request.url == url:
            r.continue_()
        else:
            visit.requests.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.goto(url)
    page.wait_for_selector("body[data-ready]", timeout=20_000)
    return visit


@pytest.fixture(scope="module")
def record(browser: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Visit]:
    """The page of the whole bundled record, loaded from a file URL."""
    from troops.web.page import write_page

    path = tmp_path_factory.mktemp("web") / "record.html"
    write_page(troops.load(), Selection(), path)
    visit = _visit(browser, path)
    yield visit
    visit.page.close()


def _hover(visit: Visit, figure: str) -> None:
    """Move the pointer onto ``figure``'s point; on a busy machine BokehJS may still be
    settling its layout (a scroll bar appearing narrows the plots), so the position is
    asked for again until the tooltip shows (at most three tries)."""
    from playwright.sync_api import TimeoutError as Timeout

    for _ in range(3):
        pos = visit.page.evaluate("id => troopsPage.locate(id)", figure)
        assert pos is not None, f"{figure} is not drawn"
        visit.page.mouse.move(pos["x"] - 30, pos["y"] - 30)
        visit.page.mouse.move(pos["x"], pos["y"])
        try:
            visit.page.locator("#tip").wait_for(state="visible", timeout=3_000)
            return
        except Timeout:  # try again from the settled layout
            continue


def test_page_runs_offline_without_errors(record: Visit) -> None:
    """The page runs with no console or page error and no request leaving the file."""
    page = record.page
    page.wait_for_timeout(200)
    assert record.errors == []
    assert record.requests == []
    assert record.dialogs == []


def test_chart_is_drawn_at_real_size(record: Visit) -> None:
    """The story's two panels (Iraq with the other coalition as a second line, Syria) each
    have a canvas at least 700 x 200 px."""
    canvases = record.page.locator(".panel canvas")
    assert canvases.count() >= 2
    for i in range(2):
        box = record.page.locator(f"#panel-{i} canvas").first.bounding_box()
        assert box is not None
        assert box["width"] >= 700
        assert box["height"] >= 200


def test_hover_shows_the_verbatim_quote(record: Visit, tmp_path: Path) -> None:
    """Hovering the seed article's point shows its quote, value as written, range (drawn as
    a hedged number), claimant and publication date; a screenshot is saved (to
    $TROOPS_WEB_SCREENSHOT when set: that is how docs/troops-web.png is made)."""
    _hover(record, SEED_FIGURE)
    tip = record.page.locator("#tip")
    tip.wait_for(state="visible")
    text = tip.inner_text()
    assert SEED_QUOTE in text
    assert "around 2,500" in text
    assert "2,250–2,750" in text
    assert "drawn as: hedged number" in text
    assert "article text (unattributed)" in text
    assert "2021-11-21" in text
    shot = Path(os.environ.get("TROOPS_WEB_SCREENSHOT") or tmp_path / "hover.png")
    record.page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000


def test_click_opens_the_archived_text_with_the_quote_highlighted(record: Visit) -> None:
    """Clicking the point pins the side panel: the archived text with the quote marked and
    scrolled into view, the report's other figures and the reports that disagree."""
    pos = record.page.evaluate("id => troopsPage.locate(id)", SEED_FIGURE)
    record.page.mouse.click(pos["x"], pos["y"])
    side = record.page.locator("#side")
    side.wait_for(state="visible")
    mark = side.locator(".archive mark").first
    assert " ".join(mark.inner_text().split()).startswith(SEED_QUOTE)
    box = side.locator(".archive").bounding_box()
    spot = mark.bounding_box()
    assert box is not None
    assert spot is not None
    assert box["y"] <= spot["y"] <= box["y"] + box["height"] - spot["height"]
    assert "Iraq denies extending date" in side.locator("h2").inner_text()
    assert "Other figures in this report" in side.inner_text()
    assert "Reports that disagree" in side.inner_text()
    record.page.keyboard.press("Escape")
    assert not side.is_visible()


def test_keyboard_focus_shows_a_report(record: Visit) -> None:
    """Focusing a panel and pressing the arrow keys shows a report's quote; Enter pins it."""
    record.page.focus("#panel-1")
    record.page.keyboard.press("End")
    tip = record.page.locator("#tip")
    tip.wait_for(state="visible")
    assert "US in Syria" in tip.inner_text()
    record.page.keyboard.press("ArrowLeft")
    assert tip.locator(".quote").count() >= 1
    record.page.keyboard.press("Enter")
    assert record.page.locator("#side").is_visible()
    record.page.keyboard.press("Escape")


def test_events_show_their_words(record: Visit) -> None:
    """An event marker shows its label and quote on hover; a click opens its report with
    the quote highlighted."""
    event = "jpost-2024-12-20.syria-2000-disclosed"
    _hover(record, event)
    tip = record.page.locator("#tip")
    tip.wait_for(state="visible")
    assert "Event, 2024-12-19: Pentagon: 2,000 troops in Syria, not 900" in tip.inner_text()
    pos = record.page.evaluate("id => troopsPage.locate(id)", event)
    record.page.mouse.click(pos["x"], pos["y"])
    mark = record.page.locator("#side .archive mark").first
    assert " ".join(mark.inner_text().split()).startswith("The Pentagon on Thursday said")
    record.page.keyboard.press("Escape")


def test_known_on_redraws_the_record(record: Visit) -> None:
    """Known on 19 Dec 2024 US troops in Syria stand at 900; on 20 Dec at 2,000 (the
    Pentagon's correction), and the chart's last Syria point follows."""
    page = record.page
    latest = page.locator('[data-latest="us-syria"]')
    last_y = (
        "() => { const d = troopsPage.model('point:us-syria').data; return d.y[d.y.length - 1]; }"
    )
    page.fill("#known-on", "2024-12-19")
    assert latest.inner_text().startswith("900 ")
    assert page.evaluate(last_y) == 900
    assert "2024-12-19" in page.locator("#known-text").inner_text()
    page.fill("#known-on", "2024-12-20")
    assert latest.inner_text().startswith("2,000 ")
    assert page.evaluate(last_y) == 2000
    page.click("#known-latest")
    assert page.locator("#known-text").inner_text() == "the whole record"


def test_series_toggle_hides_a_series(record: Visit) -> None:
    """Unticking a series hides its layers; ticking it shows them again."""
    page = record.page
    visible = "() => troopsPage.model('r-line:us-syria').visible"
    page.uncheck('input[data-series="us-syria"]')
    assert page.evaluate(visible) is False
    page.check('input[data-series="us-syria"]')
    assert page.evaluate(visible) is True


def test_value_labels_are_the_story_labels(record: Visit) -> None:
    """The story figure's value labels are written on the chart where they fit: the peak
    of US troops in Iraq is, every label written is one of the story's, and a hidden series
    loses its labels."""
    from troops.chart.story import story_data

    story = story_data(troops.load())
    iraq = next(s for s in story.series if s.id == "us-iraq")
    peak = next(lab.text for lab in iraq.labels if lab.reason == "peak")
    texts = "k => troopsPage.model('values-' + k).data.text"
    written = record.page.evaluate(texts, 0)
    assert peak in written
    assert set(written) <= {lab.text for s in story.panels[0].series for lab in s.labels}
    record.page.uncheck('input[data-series="us-iraq"]')
    others = {lab.text for s in story.panels[0].series if s.id != "us-iraq" for lab in s.labels}
    assert set(record.page.evaluate(texts, 0)) <= others
    record.page.check('input[data-series="us-iraq"]')
    assert peak in record.page.evaluate(texts, 0)


def test_evidence_toggle_shows_targets_and_conflicts(record: Visit) -> None:
    """Targets and caps (hollow) and the conflict lines are hidden in the story view and
    shown by the evidence toggle; the keyboard then reaches a target or cap."""
    page = record.page
    shown = "name => troopsPage.model(name).visible"
    assert page.evaluate(shown, "r-mark:us-iraq") is False
    assert page.evaluate(shown, "r-conflict:us-syria") is False
    assert page.evaluate(shown, "r-range:us-syria") is True
    page.check("#evidence")
    assert page.evaluate(shown, "r-mark:us-iraq") is True
    assert page.evaluate(shown, "r-conflict:us-syria") is True
    page.focus("#panel-0")
    page.keyboard.press("Home")
    tip = page.locator("#tip")
    heads = []
    for _ in range(80):
        heads.append(tip.locator(".tip-head").inner_text())
        page.keyboard.press("ArrowRight")
    assert any("target or cap" in h for h in heads)
    page.uncheck("#evidence")
    assert page.evaluate(shown, "r-mark:us-iraq") is False
    page.keyboard.press("Escape")


def test_table_holds_every_figure(record: Visit, run: Callable[..., Result]) -> None:
    """The table in the page lists every figure of `troops table --csv`, and sorts."""
    ids = [row["id"] for row in csv.DictReader(io.StringIO(run("table", "--csv").output))]
    rows = record.page.eval_on_selector_all(
        "#figure-table tbody tr", "rs => rs.map(r => r.dataset.id)"
    )
    assert rows == ids
    record.page.click('#figure-table th button[data-col="0"]')
    ordered = record.page.eval_on_selector_all(
        "#figure-table tbody tr", "rs => rs.map(r => r.dataset.id)"
    )
    assert sorted(ordered) == sorted(ids)
    assert ordered != ids
    assert record.errors == []
    assert record.requests == []


def test_payloads_do_nothing(browser: Any, blank: Any, tmp_path: Path) -> None:
    """A dataset whose title, publisher, claimant, quote and url carry script and attribute
    payloads runs no injected script and shows the payloads as text."""
    from test_web import SCRIPT, payload_root

    from troops.web.page import write_page

    root = payload_root(blank)
    path = tmp_path / "evil.html"
    write_page(troops.load(root.path), Selection(), path)
    visit = _visit(browser, path)
    page = visit.page
    _hover(visit, "evil-2024-01-02.us-syria")
    page.locator("#tip").wait_for(state="visible")
    assert SCRIPT in page.locator("#tip").inner_text()
    pos = page.evaluate("id => troopsPage.locate(id)", "evil-2024-01-02.us-syria")
    page.mouse.click(pos["x"], pos["y"])
    side = page.locator("#side")
    side.wait_for(state="visible")
    assert side.locator("h2").inner_text().startswith(SCRIPT)
    link = side.locator("a.link").first
    assert link.get_attribute("href") == (
        'https://example.org/"onmouseover="alert(4)"><script>alert(5)</script>'
    )
    page.hover("#side h2")
    page.wait_for_timeout(200)
    assert visit.dialogs == []
    assert page.evaluate("document.querySelectorAll('script').length") == 3
    assert page.evaluate("document.querySelectorAll('[onmouseover]').length") == 0
    assert visit.errors == []
    assert visit.requests == []
    page.close()


@pytest.mark.parametrize(
    "selection",
    [
        Selection(known_on=troops.load().segments("us-iraq")[0].start),
        Selection(series=("us-syria",), since=date(2023, 1, 1)),
        Selection(series=("coalition-iraq-total",)),
        Selection(known_on=date(2020, 6, 30), events=False, conflicts=False),
    ],
    ids=["known-on-first-report", "syria-since-2023", "no-levels", "known-on-2020"],
)
def test_selections_run_cleanly(browser: Any, tmp_path: Path, selection: Selection) -> None:
    """Pages of narrow, early and empty selections load with no error, one panel per
    group of series, and every hit reachable with the keyboard."""
    from troops.web.page import write_page

    path = tmp_path / "sel.html"
    write_page(troops.load(), selection, path)
    visit = _visit(browser, path)
    panels = visit.page.locator(".panel").count()
    assert panels >= 1
    for k in range(panels):
        box = visit.page.locator(f"#panel-{k} canvas").first.bounding_box()
        assert box is not None
        assert box["width"] >= 700
    visit.page.focus("#panel-0")
    visit.page.keyboard.press("ArrowRight")
    visit.page.keyboard.press("Enter")
    visit.page.keyboard.press("Escape")
    assert visit.errors == []
    assert visit.requests == []
    visit.page.close()
