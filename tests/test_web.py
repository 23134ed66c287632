"""The offline web page (`troops plot -o FILE.html`): self-contained, deterministic, escaped."""

from __future__ import annotations

import base64
import csv
import hashlib
import html
import io
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

pytest.importorskip("bokeh", reason="the web page needs bokeh (pip install 'troops[web]')")

from conftest import Root, add_source, figure_record
from test_cli_plot import _modules_after

import troops
from troops.chart.chartdata import Selection
from troops.chart.story import KEY_TEXT, story_data
from troops.web import escape, payload
from troops.web.page import MAX_BYTES, build_page
from troops.web.quotes import FoldedText
from troops.web.storylayers import ms

#: Payloads a hostile or careless record might carry (each must stay inert text).
SCRIPT = "</script><script>alert(1)</script>"
ATTR = '" onmouseover="alert(2)" x="'
JS_URL = "javascript:alert(3)"


@pytest.fixture(scope="module")
def bundled_page() -> str:
    """The page of the whole bundled record."""
    return build_page(troops.load(), Selection()).html.decode("utf-8")


def _scripts(page: str) -> list[tuple[str, str]]:
    """(attributes, body) of every <script> element."""
    return re.findall(r"<script([^>]*)>(.*?)</script>", page, flags=re.DOTALL)


def _data_url(page: str, name: str) -> str:
    m = re.search(rf'download="{name}" href="data:[^;]+;charset=utf-8;base64,([^"]+)"', page)
    assert m, name
    return base64.b64decode(m.group(1)).decode("utf-8")


def test_page_is_self_contained_and_small(bundled_page: str) -> None:
    """The page loads nothing: no src or stylesheet link, a CSP that forbids every remote
    load, and it stays under 3 MB for the bundled dataset."""
    assert len(bundled_page.encode()) <= MAX_BYTES
    assert not re.search(r"<(script|img|iframe|link|object|embed)[^>]*\ssrc=", bundled_page)
    assert "<link" not in bundled_page
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', bundled_page)
    assert csp
    policy = html.unescape(csp.group(1))
    assert "default-src 'none'" in policy
    assert "connect-src 'none'" in policy
    assert "unsafe-eval" not in policy
    assert "http" not in policy
    # 'unsafe-inline' only for BokehJS's run-time <style> elements (see troops.web.page),
    # never for scripts, and the page writes no style attribute of its own.
    script_src = re.search(r"script-src ([^;]+);", policy)
    assert script_src
    assert "unsafe-inline" not in script_src.group(1)
    assert not re.search(r"<[a-z]+ [^>]*\bstyle=", bundled_page)


def test_every_running_script_is_allowed_by_its_hash(bundled_page: str) -> None:
    """The policy allows exactly the page's own scripts, each by its sha256; the data
    travel in a JSON script element that never runs."""
    policy = re.search(r"script-src ([^;]+);", html.unescape(bundled_page))
    assert policy
    allowed = set(policy.group(1).split())
    running = [body for attrs, body in _scripts(bundled_page) if "application/json" not in attrs]
    hashes = {
        "'sha256-" + base64.b64encode(hashlib.sha256(b.encode()).digest()).decode() + "'"
        for b in running
    }
    assert len(running) == 2
    assert hashes == allowed
    assert [a for a, _ in _scripts(bundled_page) if "application/json" in a] == [
        ' type="application/json" id="troops-data"'
    ]


def test_same_data_give_the_same_bytes() -> None:
    """Two pages built in one process (Bokeh's id counter keeps running) are identical."""
    ds = troops.load()
    sel = Selection(series=("us-syria",))
    assert build_page(ds, sel).html == build_page(ds, sel).html


def test_table_holds_every_figure_of_troops_table(
    bundled_page: str, run: Callable[..., Result]
) -> None:
    """The table under the chart has one row per figure of `troops table --csv`, and the
    CSV download is exactly that table."""
    table = run("table", "--csv").output
    ids = [row["id"] for row in csv.DictReader(io.StringIO(table))]
    rows = re.findall(r'<tr data-id="([^"]+)">', bundled_page)
    assert rows == ids
    assert len(ids) > 100
    assert _data_url(bundled_page, "troops-figures.csv").splitlines() == table.splitlines()


def test_bibtex_download_cites_every_source_of_the_table(
    bundled_page: str, run: Callable[..., Result]
) -> None:
    """The BibTeX download holds an entry for the source of every figure in the table,
    each as `troops cite --table --bibtex` prints it."""
    bib = _data_url(bundled_page, "troops-sources.bib")
    cite = run("cite", "--table", "--bibtex").output
    keys = re.findall(r"^@misc\{([^,]+),", bib, flags=re.MULTILINE)
    sources = {row["source"] for row in csv.DictReader(io.StringIO(run("table", "--csv").output))}
    assert set(keys) == sources
    for entry in bib.split("\n@"):
        assert entry.strip().lstrip("@") in cite


def test_known_on_snapshots_follow_the_step_rules() -> None:
    """The page's snapshot for a day is the record as `troops table --steps --known-on`
    gives it: Syria at 900 on 19 Dec 2024 and at 2,000 from the correction of 20 Dec."""
    ds = troops.load()
    snaps = payload.build(ds, Selection()).data["snapshots"]

    def on(day: str) -> dict[str, Any]:
        """The snapshot the page shows for ``day``: the last one published by then."""
        return [s for s in snaps if s["on"] is not None and s["on"] <= day][-1]

    assert on("2024-12-19")["latest"]["us-syria"] == "900 (810–990) from 2024-09-27"
    assert on("2024-12-20")["latest"]["us-syria"].startswith("2,000 (1,800–2,200) from")
    days = [s["on"] for s in snaps[:-1]]
    assert days == sorted(days)
    assert snaps[-1]["on"] is None
    last = ds.segments("us-syria", "2024-12-19")[-1]
    assert last.value == 900


@pytest.fixture(scope="module")
def story_page() -> tuple[Any, dict[str, Any]]:
    """The paper story figure's data and the page's data, for the whole bundled record."""
    ds = troops.load()
    return story_data(ds), payload.build(ds, Selection()).data


def test_page_panels_are_the_story_panels(story_page: tuple[Any, dict[str, Any]]) -> None:
    """The page draws the story figure's panels: the other coalition is a second line on
    the Iraq panel, US troops in Syria on their own."""
    story, data = story_page
    assert [(p["title"], p["series"]) for p in data["panels"]] == [
        (p.title, [s.id for s in p.series]) for p in story.panels
    ]
    assert data["panels"][0]["series"] == ["us-iraq", "coalition-iraq"]
    assert data["key"] == list(story.marks)


def test_layers_are_the_story_pieces(story_page: tuple[Any, dict[str, Any]]) -> None:
    """Bands, stale stretches, vague shading, ranges and unknown bridges are the story
    figure's, series by series, and a range has no point inside it."""
    story, data = story_page
    layers = data["snapshots"][-1]["layers"]

    def boxes(name: str) -> set[tuple[int, int, float, float]]:
        """The boxes of one layer as (left, right, bottom, top)."""
        got = layers.get(name, {"left": [], "right": [], "bottom": [], "top": []})
        return set(zip(got["left"], got["right"], got["bottom"], got["top"], strict=True))

    def lines(name: str) -> set[tuple[int, float, int, float]]:
        """The segments of one layer as (x0, y0, x1, y1)."""
        got = layers.get(name, {"x0": [], "y0": [], "x1": [], "y1": []})
        return set(zip(got["x0"], got["y0"], got["x1"], got["y1"], strict=True))

    kinds: set[str] = set()
    for s in story.series:
        assert boxes(f"band:{s.id}") == {(ms(b.start), ms(b.end), b.low, b.high) for b in s.bands}
        by_kind: dict[str, list[Any]] = {}
        for piece in s.pieces:
            by_kind.setdefault(piece.kind, []).append(piece)
        kinds |= set(by_kind)
        stale = {(ms(q.start), q.y0, ms(q.end), q.y1) for q in by_kind.get("stale", [])}
        assert lines(f"stale:{s.id}") == stale
        assert boxes(f"range:{s.id}") == {
            (ms(q.start), ms(q.end), q.y0, q.y1) for q in by_kind.get("range", [])
        }
        assert len(boxes(f"vague:{s.id}")) == len(by_kind.get("vague", []))
        level = {(ms(q.start), q.y0, ms(q.end), q.y1) for q in by_kind.get("level", [])}
        assert level <= lines(f"line:{s.id}")
        assert not lines(f"line:{s.id}") & stale
        unknown = [q for q in by_kind.get("unknown", []) if q.y0 is not None or q.y1 is not None]
        assert len(lines(f"unknown:{s.id}")) == len(unknown)
        points = layers[f"point:{s.id}"]
        for left, right, bottom, top in boxes(f"range:{s.id}"):
            assert not [
                (x, y)
                for x, y in zip(points["x"], points["y"], strict=True)
                if left < x < right and bottom <= y <= top
            ]
    assert {"level", "stale", "vague", "range", "unknown"} <= kinds


def test_evidence_layers_come_from_the_evidence_chart(
    story_page: tuple[Any, dict[str, Any]],
) -> None:
    """Targets, caps and conflict lines are in the page (for the toggle) though the story
    leaves them out, and every hit names figures the page carries."""
    _, data = story_page
    snap = data["snapshots"][-1]
    assert snap["layers"]["mark:us-iraq"]["x"]
    assert snap["layers"]["conflict:us-syria"]["x0"]
    assert {h["k"] for h in snap["hits"]} == {"level", "mark", "event"}
    for h in snap["hits"]:
        assert all(f in data["figures"] for f in h["figs"])
        assert h["lo"] <= h["y"] <= h["hi"]


def test_hits_say_how_their_level_is_drawn(story_page: tuple[Any, dict[str, Any]]) -> None:
    """A level's tooltip names the story key's marks it is drawn with: together the levels
    name every mark of the key, and an unknown number says so."""
    story, data = story_page
    levels = [h for h in data["snapshots"][-1]["hits"] if h["k"] == "level"]
    said = {m for h in levels for m in h["marks"]}
    assert said == {KEY_TEXT[k] for k in story.marks}
    for h in levels:
        if h["level"] == "unknown":
            assert h["marks"] == [KEY_TEXT["unknown"]]


def test_footer_says_version_digest_and_how_to_cite(bundled_page: str) -> None:
    """The footer names the troops version and the dataset digest and says how to cite."""
    foot = bundled_page.split('<footer class="foot">', 1)[1]
    assert f"troops {troops.__version__}" in foot
    assert troops.load().digest in foot
    assert "How to cite the dataset" in foot


def test_quotes_are_in_the_page_text(bundled_page: str) -> None:
    """The seed article's quote is in the table as text (find and screen readers see it)."""
    assert '<td class="c-quote">Around 2,500 US troops are fighting in Iraq' in bundled_page


@pytest.mark.parametrize(
    ("url", "linked"),
    [
        ("https://example.org/a?b=1", True),
        ("http://example.org", True),
        ("HTTPS://EXAMPLE.ORG/x", True),
        (JS_URL, False),
        ("data:text/html,<script>alert(1)</script>", False),
        ("//example.org/x", False),
        ("https://", False),
        ("https://exa mple.org", False),
        (None, False),
    ],
)
def test_only_http_urls_are_linked(url: str | None, linked: bool) -> None:
    """A URL is linked only when it is http(s) with a host; anything else is plain text."""
    html = escape.link(url, "the source")
    assert html.startswith("<a href=") is linked
    assert (escape.safe_url(url) is not None) is linked


def test_script_json_cannot_end_its_script_element() -> None:
    """JSON inside a script element carries no '<', '>' or '&' that could close it."""
    dumped = escape.script_json({"t": SCRIPT + "<!-- & \u2028"})
    for ch in "<>&\u2028":
        assert ch not in dumped


def test_quote_spans_follow_the_verbatim_rule() -> None:
    """A quote is found in its archive across folded blanks and typographic quotes, and
    each passage of a `[...]` quote is found on its own."""
    raw = "Intro.\n\nThe  “top” general said\nabout 2,500 troops – stay. Later: 900 left."
    text = FoldedText(raw)
    [(a, b)] = text.spans('The "top" general said about 2,500 troops - stay.')
    assert raw[a:b] == "The  “top” general said\nabout 2,500 troops – stay."
    spans = text.spans("about 2,500 troops [...] 900 left.")
    assert [raw[a:b] for a, b in spans] == ["about 2,500 troops", "900 left."]
    assert text.spans("not in the text") == []


def payload_root(blank: Root) -> Root:
    """A dataset whose title, publisher, claimant, quote and url carry injection payloads."""
    fig = figure_record("evil-2024-01-02.us-syria", "us-syria", "2024-01-02", 900)
    fig["claimant"] = f"{ATTR} {SCRIPT}"
    fig["quote"] = f"{SCRIPT} officials said {ATTR} 900 troops remain."
    add_source(
        blank,
        "evil-2024-01-02",
        published="2024-01-02",
        figures=[fig],
        title=f"{SCRIPT} {JS_URL}",
        publisher=f"{ATTR}Wire",
        url='https://example.org/"onmouseover="alert(4)"><script>alert(5)</script>',
    )
    return blank


def test_payloads_stay_text(blank: Root) -> None:
    """Every payload lands escaped: the page still has its three script elements only, no
    injected attribute, and the texts appear in the table as written."""
    root = payload_root(blank)
    page = build_page(troops.load(root.path), Selection()).html.decode("utf-8")
    assert len(_scripts(page)) == 3
    assert "<script>alert" not in page
    assert 'onmouseover="alert' not in page
    assert escape.text(f"{SCRIPT} officials said {ATTR} 900 troops remain.") in page
    assert 'href="javascript:' not in page


def test_cli_writes_the_page(mini: Root, run: Callable[..., Result]) -> None:
    """`troops plot -o FILE.html` writes the page and prints its path; `--format html`
    without -o writes figures/troops-web.html."""
    result = run("plot", "--data", str(mini.path), "-o", "page.html")
    assert (result.exit_code, result.stdout) == (0, "page.html\n")
    assert Path("page.html").read_bytes().startswith(b"<!DOCTYPE html>")
    result = run("plot", "--data", str(mini.path), "--format", "html")
    assert (result.exit_code, result.stdout) == (0, "figures/troops-web.html\n")
    assert Path("figures/troops-web.html").is_file()


def test_cli_html_misuse_is_a_usage_error(mini: Root, run: Callable[..., Result]) -> None:
    """`--format html -o x.pdf` and an unwritable -o are usage errors (exit 2)."""
    result = run("plot", "--data", str(mini.path), "--format", "html", "-o", "x.pdf")
    assert result.exit_code == 2
    assert "contradicts" in result.stderr
    result = run("plot", "--data", str(mini.path), "-o", "nowhere/x.html")
    assert result.exit_code == 2
    assert "does not exist" in result.stderr


def test_missing_bokeh_is_one_error_line(
    mini: Root, run: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without bokeh's files the page is not written: one line saying what to install,
    exit 1, no file."""
    from troops.web import page

    monkeypatch.setattr(page, "BOKEH_FILES", ("no-such-bokeh.min.js",))
    result = run("plot", "--data", str(mini.path), "-o", "page.html")
    assert result.exit_code == 1
    (line,) = result.stderr.splitlines()
    assert "no-such-bokeh.min.js cannot be read" in line
    assert not Path("page.html").exists()
    monkeypatch.setattr(page.importlib.util, "find_spec", lambda name: None)
    result = run("plot", "--data", str(mini.path), "-o", "page.html")
    assert result.exit_code == 1
    assert "pip install 'troops[web]'" in result.stderr
    assert not Path("page.html").exists()


def test_unknown_extension_names_html(mini: Root, run: Callable[..., Result]) -> None:
    """An unknown -o extension is a usage error whose list of formats includes .html."""
    result = run("plot", "--data", str(mini.path), "-o", "f.jpg")
    assert result.exit_code == 2
    assert "unknown extension '.jpg' (use .pdf, .svg, .png, .pgf, .html)" in result.stderr


def test_the_page_never_imports_matplotlib(tmp_path: Path) -> None:
    """`troops plot -o FILE.html` loads neither matplotlib nor bokeh's
    Python side: BokehJS is read from the wheel's files and the chart is built in the
    browser, yet the page holds it."""
    mods = _modules_after(["plot", "-o", str(tmp_path / "p.html")])
    assert "bokeh" not in mods
    assert "matplotlib" not in mods
    page = (tmp_path / "p.html").read_text(encoding="utf-8")
    assert "/* BEGIN bokeh.min.js */" in page
    assert "/* BEGIN bokeh-api.min.js */" in page


def test_table_and_help_never_import_bokeh() -> None:
    """`troops table`, `troops --help` and `troops plot --help` do not load bokeh (it is
    deferred to building a page)."""
    for args in (["--help"], ["table", "--csv"], ["plot", "--help"]):
        assert "bokeh" not in _modules_after(args), args


def test_readme_screenshot_ships_in_the_sdist() -> None:
    """The README's screenshot of the page exists and lies in a folder the sdist includes."""
    tomllib = pytest.importorskip("tomllib", reason="tomllib needs Python 3.11")
    repo = Path(__file__).resolve().parents[1]
    readme = (repo / "README.md").read_text(encoding="utf-8")
    images = re.findall(r"!\[[^\]]*\]\((docs/[^)]+)\)", readme)
    assert "docs/troops-web.png" in images
    config = tomllib.loads((repo / "pyproject.toml").read_text(encoding="utf-8"))
    included = config["tool"]["hatch"]["build"]["targets"]["sdist"]["include"]
    for image in images:
        assert (repo / image).is_file(), image
        assert image.split("/")[0] in included, image
