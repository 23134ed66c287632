"""``troops table``: figures or step segments as a table, CSV, JSON, Markdown or LaTeX."""

from __future__ import annotations

from datetime import date
from typing import Any

import click

from troops.cli.common import (
    check_range,
    check_series,
    chosen_format,
    data_option,
    echo_data,
    format_options,
    known_on_option,
    load_dataset,
    publisher_type_option,
    range_options,
    series_option,
)

FORMATS = (
    ("--csv", "csv", "CSV (RFC 4180, UTF-8) with the full columns."),
    ("--json", "json", "JSON array of objects with the full columns."),
    ("--markdown", "markdown", "Markdown table of the readable columns and quotes."),
    ("--latex", "latex", "LaTeX tabular (booktabs) with \\cite keys."),
)


@click.command()
@format_options(FORMATS, default="text")
@series_option
@publisher_type_option
@known_on_option
@click.option(
    "--steps",
    is_flag=True,
    help="Step segments (series, start, end, value, low, high, sources) instead of figures.",
)
@range_options
@data_option
def table(
    series: tuple[str, ...],
    known_on: date | None,
    steps: bool,
    since: date | None,
    until: date | None,
    data: str | None,
    **formats: Any,
) -> None:
    """Print the reported figures (or, with --steps, the step series) on stdout.

    Without a format flag the output is an aligned table for reading.  CSV columns:
    id, series, kind, as_of, as_of_start, as_of_end, value, low, high, bound, claimant,
    source, publisher, published, url, quote.  Empty cells mean "not given".  No text cell
    begins with =, +, - or @: validation rejects such text, so CSV is safe to open in a
    spreadsheet.
    """
    # deferred: the library loads only when the command runs (keeps --help fast)
    from troops.output.table import figure_table, step_table

    fmt = chosen_format(formats, "text")
    check_range(since, until)
    ds = load_dataset(data)
    wanted = check_series(ds, series)
    make = step_table if steps else figure_table
    echo_data(make(ds, fmt, series=wanted, known_on=known_on, since=since, until=until))
