"""``troops cite``: the sources behind a chart, as a list, BibTeX or CSL-JSON."""

from __future__ import annotations

from datetime import date
from typing import Any

import click

from .common import chosen_format, data_option, echo_data, format_options, load_dataset
from .selection import check_range, make_selection, selection_options

FORMATS = (
    ("--bibtex", "bibtex", "BibTeX @misc entries; keys are source ids."),
    ("--csl-json", "csl_json", "CSL-JSON (Zotero, Pandoc citeproc)."),
)


@click.command()
@format_options(FORMATS, default="text")
@selection_options
@data_option
def cite(
    series: tuple[str, ...],
    since: date | None,
    until: date | None,
    known_on: date | None,
    no_events: bool,
    data: str | None,
    **formats: Any,
) -> None:
    """Print the sources behind the chart `troops plot` draws with the same options.

    Without a format flag: a numbered list matching the numbers on the chart.  The keys
    of --bibtex entries are the source ids, the same keys `troops plot --caption` cites.
    """
    from ..bib import RENDERERS, reference_list
    from ..chartdata import chart_data

    fmt = chosen_format(formats, "text")
    check_range(since, until)
    ds = load_dataset(data)
    chart = chart_data(ds, make_selection(ds, series, since, until, known_on, no_events))
    if fmt == "text":
        echo_data(reference_list(chart.sources, chart.numbers))
    else:
        echo_data(RENDERERS[fmt](chart.sources))
