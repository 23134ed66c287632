"""``troops cite``: the sources behind a chart, as a list, BibTeX or CSL-JSON."""

from __future__ import annotations

from datetime import date
from typing import Any

import click

from troops.cli.common import (
    check_range,
    chosen_format,
    data_option,
    echo_data,
    format_options,
    load_dataset,
)
from troops.cli.selection import make_selection, selection_options

FORMATS = (
    ("--bibtex", "bibtex", "BibTeX @misc entries; keys are source ids."),
    ("--csl-json", "csl_json", "CSL-JSON (Zotero, Pandoc citeproc)."),
)


@click.command()
@format_options(FORMATS, default="text")
@selection_options
@click.option(
    "--table",
    "of_table",
    is_flag=True,
    help="Also cite every figure `troops table` lists with the same --series, --since, "
    "--until and --known-on (movements the chart leaves out, too): one .bib for the chart "
    "and the table.",
)
@data_option
def cite(
    series: tuple[str, ...],
    since: date | None,
    until: date | None,
    known_on: date | None,
    no_events: bool,
    of_table: bool,
    data: str | None,
    **formats: Any,
) -> None:
    """Print the sources behind the chart `troops plot` draws with the same options (with
    --table, also those behind the figures `troops table` lists).

    Without a format flag: a numbered list matching the numbers on the chart (sources only
    the table cites continue the numbering).  The keys of --bibtex entries are the source
    ids, the same keys `troops plot --caption` and `troops table --latex` cite.
    """
    # deferred: the library loads only when the command runs (keeps --help fast)
    from troops.chart.assemble import chart_data
    from troops.output.bib import RENDERERS, reference_list

    fmt = chosen_format(formats, "text")
    check_range(since, until)
    ds = load_dataset(data)
    selection = make_selection(ds, series, since, until, known_on, no_events)
    chart = chart_data(ds, selection)
    sources, numbers = list(chart.sources), dict(chart.numbers)
    if of_table:
        listed = ds.select(selection.series, known_on, since=since, until=until)
        for src in ds.cited_sources(listed):
            if src.id not in numbers:
                numbers[src.id] = chart.catalogue[src.id]
                sources.append(src)
        sources.sort(key=lambda src: numbers[src.id])
    if fmt == "text":
        echo_data(reference_list(sources, numbers))
    else:
        echo_data(RENDERERS[fmt](sources))
