"""The HTML document: one self-contained file, offline, with a strict Content-Security-Policy.

The only scripts are BokehJS (inlined from the installed bokeh wheel) and the page script
(``static/app.js``), each allowed by its sha256 in the policy; the data travel as JSON in a
``<script type="application/json">`` element, which never runs.  Nothing may be loaded from
anywhere (``default-src 'none'``).

Styles need ``style-src 'unsafe-inline'``: BokehJS lays out every plot by writing
``<style>`` elements into its shadow roots at run time, with sizes it computes in the
browser (``:host { width: 1240px; ... }``), so their hashes cannot be known when the page
is written, and it gives them no nonce (a nonce fixed in a file on disk would protect
nothing anyway).  Without it Chromium refuses thousands of those elements and the chart
collapses (tried with the page's own stylesheet allowed by its hash: 4,594 violations and
a canvas 33 million pixels high).  The page itself writes no ``style`` attribute (series
colours are classes in its one stylesheet), and text from data never lands as markup,
so a record's text cannot use the allowance.  Text from data is escaped where it lands
(:mod:`troops.web.escape`); the table, the quotes and the footer are in the page's text, so
it reads and searches without the script.  No timestamp is written: the same data and
library versions give the same bytes.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.util
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import metadata, resources
from pathlib import Path
from typing import TYPE_CHECKING

from troops import __version__
from troops.chart.story import KEY_TEXT
from troops.io.fsio import atomic_write
from troops.output.bib import bibtex
from troops.output.table import display_figure, figure_table
from troops.web import payload as payload_data
from troops.web.escape import attr, script_json, text

if TYPE_CHECKING:
    from troops.chart.chartdata import Selection
    from troops.core.model import Figure
    from troops.dataset.api import Dataset

#: Columns of the table under the chart, in this order.
TABLE_COLUMNS = (
    "id", "series", "kind", "as_of", "reported", "range", "claimant", "source", "quote",
)  # fmt: skip
#: The files of the bokeh wheel the page inlines: BokehJS and its plotting API.
BOKEH_FILES = ("bokeh.min.js", "bokeh-api.min.js")
#: The page's size limit for the bundled dataset (checked by the tests).
MAX_BYTES = 3_000_000


class PageError(Exception):
    """The page could not be built (bokeh missing or unusable); the message says why."""


@dataclass(frozen=True)
class Page:
    """A built page: its bytes and what it shows."""

    html: bytes
    figures: int
    sources: int


def _static(name: str) -> str:
    return (resources.files("troops.web") / "static" / name).read_text(encoding="utf-8")


def _bokeh_js() -> tuple[str, str]:
    """BokehJS and its plotting API as shipped in the installed bokeh wheel, and bokeh's
    version.  The files are read, not imported: bokeh's Python side (models, documents,
    serialisation) is never loaded, since the page script builds the chart in the browser."""
    spec = importlib.util.find_spec("bokeh")
    if spec is None or spec.origin is None:
        raise PageError("the HTML page needs bokeh (pip install 'troops[web]')")
    where = Path(spec.origin).parent / "server" / "static" / "js"
    parts = []
    for name in BOKEH_FILES:
        try:
            js = (where / name).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise PageError(f"bokeh's {name} cannot be read: {exc}") from None
        parts.append(f"/* BEGIN {name} */\n{js}\n/* END {name} */")
    joined = "\n".join(parts)
    if "</script" in joined.lower():
        raise PageError("this BokehJS cannot be inlined (it contains '</script')")
    return joined, metadata.version("bokeh")


def _sha256(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode() + "'"


def csp(scripts: list[str]) -> str:
    """The Content-Security-Policy: nothing from anywhere, scripts only by their hash."""
    hashes = " ".join(_sha256(s) for s in scripts)
    return (
        "default-src 'none'; "
        f"script-src {hashes}; "
        "style-src 'unsafe-inline'; "
        "img-src data:; "
        "connect-src 'none'; font-src 'none'; object-src 'none'; "
        "base-uri 'none'; form-action 'none'"
    )


def data_url(content: str, mime: str) -> str:
    """``content`` as a base64 ``data:`` URL (the download needs no network and no script)."""
    encoded = base64.b64encode(content.encode("utf-8")).decode("ascii")
    return f"data:{mime};charset=utf-8;base64,{encoded}"


def build_page(ds: Dataset, selection: Selection) -> Page:
    """The page of ``selection`` drawn from ``ds``."""
    js, bokeh_version = _bokeh_js()
    pay = payload_data.build(ds, selection)
    data = dict(pay.data)
    data["meta"] = {"version": __version__, "digest": ds.digest, "bokeh": bokeh_version}
    app = _static("app.js")
    series_text = ", ".join(s["label"] for s in pay.data["series"])
    title = f"Reported troop levels: {series_text}" if series_text else "Reported troop levels"
    figs = pay.figures
    cited = ds.cited_sources(figs)
    wanted = list(selection.series) if selection.series else None
    csv = figure_table(
        ds, "csv", series=wanted, known_on=selection.known_on,
        since=selection.since, until=selection.until,
    )  # fmt: skip
    css = _static("page.css") + _series_css(pay)
    generator = f"troops {__version__}, bokeh {bokeh_version}"
    parts = [
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n',
        f'<meta http-equiv="Content-Security-Policy" content="{attr(csp([js, app]))}">\n',
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
        f'<meta name="generator" content="{attr(generator)}">\n',
        f"<title>{text(title)}</title>\n<style>{css}</style>\n",
        f"<script>{js}</script>\n</head>\n<body>\n",
        _header(title, len(figs), len(cited)),
        _controls(pay),
        _chart(pay),
        _table(figs, csv, bibtex(cited)),
        _footer(ds.digest),
        f'<script type="application/json" id="troops-data">{script_json(data)}</script>\n',
        f"<script>{app}</script>\n</body>\n</html>\n",
    ]
    return Page("".join(parts).encode("utf-8"), len(figs), len(cited))


def write_page(ds: Dataset, selection: Selection, path: Path) -> Page:
    """Build the page of ``selection`` and write it to ``path`` atomically."""
    page = build_page(ds, selection)
    atomic_write(path, page.html)
    return page


def _series_css(pay: payload_data.Payload) -> str:
    """Each series' colour as a class (no style attribute: see :func:`csp`)."""
    return "".join(f"\n.s-{k} {{ --c: {s['color']}; }}" for k, s in enumerate(pay.data["series"]))


def _header(title: str, figures: int, sources: int) -> str:
    return (
        '<header class="top">\n'
        f"<h1>{text(title)}</h1>\n"
        f'<p class="lede">{figures} reported figures from {sources} archived reports. Every '
        "level is drawn as the reports put it, as in the paper's story figure. Hover over a "
        "step or point (or focus the chart and use the arrow keys) to read the words it came "
        "from; click (or press Enter) to open the report.</p>\n</header>\n"
    )


def _key(pay: payload_data.Payload) -> str:
    """The story figure's key: the uncertainty marks this chart draws."""
    items = "".join(
        f'<li class="key-{attr(k)}"><span class="mark"></span>{text(KEY_TEXT[k])}</li>'
        for k in pay.data["key"]
    )
    return f'<ul class="key" aria-label="Key">{items}</ul>\n' if items else ""


def _controls(pay: payload_data.Payload) -> str:
    days = [s["on"] for s in pay.data["snapshots"] if s["on"]]
    first, last = (days[0], days[-1]) if days else ("", "")
    rows = []
    latest = pay.data["snapshots"][-1]["latest"]
    for k, s in enumerate(pay.data["series"]):
        sid = s["id"]
        rows.append(
            f'<label class="series s-{k}">'
            f'<input type="checkbox" checked data-series="{attr(sid)}"> '
            f'<span class="swatch"></span>{text(s["label"])} '
            f'<span class="latest" data-latest="{attr(sid)}">{text(latest.get(sid, ""))}</span>'
            "</label>"
        )
    return (
        '<section class="controls" aria-label="Chart controls">\n'
        '<div class="known"><label for="known-on">Known on</label> '
        f'<input type="date" id="known-on" min="{attr(first)}" max="{attr(last)}"> '
        '<button type="button" id="known-latest">whole record</button> '
        '<span id="known-text" aria-live="polite">the whole record</span></div>\n'
        '<div class="toggles">' + "".join(rows) + "</div>\n"
        '<label class="evidence"><input type="checkbox" id="evidence"> '
        "show targets and caps (hollow) and reports that disagree (dotted)</label>\n"
        + _key(pay)
        + "</section>\n"
    )


def _chart(pay: payload_data.Payload) -> str:
    panels = "".join(
        f'<div class="panel" id="panel-{k}" tabindex="0" role="group" '
        f'aria-label="{attr(p["title"])}: chart; arrow keys move between reports, Enter opens one">'
        "</div>\n"
        for k, p in enumerate(pay.data["panels"])
    )
    return (
        '<div class="stage">\n<div class="chart" id="chart">\n' + panels
        + '<div id="tip" class="tip" role="tooltip" hidden></div>\n</div>\n'
        '<aside id="side" class="side" hidden aria-live="polite" aria-label="The report">'
        "</aside>\n</div>\n"
    )  # fmt: skip


def _table(figures: Sequence[Figure], csv: str, bib: str) -> str:
    head = "".join(
        f'<th scope="col"><button type="button" data-col="{i}">{text(c)}</button></th>'
        for i, c in enumerate(TABLE_COLUMNS)
    )
    rows = []
    for f in figures:
        row = display_figure(f)
        cells = "".join(f'<td class="c-{c}">{text(row[c])}</td>' for c in TABLE_COLUMNS)
        rows.append(f'<tr data-id="{attr(f.id)}">{cells}</tr>')
    return (
        '<section class="figures" id="figures">\n<h2>Every figure</h2>\n'
        "<p>The figures of this page, one row each, with the words of the report they came "
        "from. Click a column to sort. Download: "
        f'<a download="troops-figures.csv" href="{attr(data_url(csv, "text/csv"))}">CSV</a> '
        "(the columns of <code>troops table --csv</code>), "
        f'<a download="troops-sources.bib" href="{attr(data_url(bib, "application/x-bibtex"))}">'
        "BibTeX</a> of their sources.</p>\n"
        f'<div class="scroll"><table id="figure-table">\n<thead><tr>{head}</tr></thead>\n<tbody>\n'
        + "\n".join(rows)
        + "\n</tbody>\n</table></div>\n</section>\n"
    )


def _footer(digest: str) -> str:
    cite = (
        f"troops dataset, version {__version__} (sha256 {digest}): reported US and coalition "
        "troop figures for Iraq and Syria, each tied to the verbatim quote of an archived report."
    )
    return (
        '<footer class="foot">\n'
        f"<p>Made by troops {text(__version__)} from the dataset with sha256 digest "
        f"<code>{text(digest)}</code>.</p>\n"
        f"<p>How to cite the dataset: <q>{text(cite)}</q> Cite the reports themselves with "
        "the BibTeX above or <code>troops cite --bibtex</code>.</p>\n"
        "<p>Chart drawn with BokehJS, inlined: this page loads nothing from the network.</p>\n"
        "</footer>\n"
    )
