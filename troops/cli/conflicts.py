"""``troops conflicts``: pairs of reports for one series and time that cannot both hold."""

from __future__ import annotations

from datetime import date
from typing import Any

import click

from troops.cli.common import (
    check_series,
    chosen_format,
    data_option,
    echo_data,
    format_options,
    known_on_option,
    load_dataset,
    publisher_type_option,
    series_option,
)

FORMATS = (
    ("--csv", "csv", "CSV (RFC 4180, UTF-8), one row per pair, both sides' columns."),
    ("--json", "json", "JSON array, one object per pair, with the CSV's columns."),
)


@click.command()
@format_options(FORMATS, default="text")
@series_option
@publisher_type_option
@known_on_option
@data_option
def conflicts(
    series: tuple[str, ...], known_on: date | None, data: str | None, **formats: Any
) -> None:
    """List pairs of reports of one series and overlapping time that cannot both hold.

    Compared: count with count and cap with cap when their bounds do not overlap; a cap
    with a count that lies above it; two targets that disagree; and a withdrawal event
    marked completed with counts of troops present within 31 days after it.  Movements,
    unknown numbers and figures replaced by a revision are not compared.  One block (or
    CSV/JSON row) per pair, ordered by series, time and ids; the count goes to stderr.
    """
    # deferred: the library loads only when the command runs (keeps --help fast)
    from troops.dataset.conflicts import find_conflicts
    from troops.output.conflict_report import conflict_report

    fmt = chosen_format(formats, "text")
    ds = load_dataset(data)
    wanted = check_series(ds, series)
    found = find_conflicts(ds, wanted, known_on)
    echo_data(conflict_report(ds, found, fmt))
    click.echo(f"{len(found)} conflicting pair{'' if len(found) == 1 else 's'}", err=True)
