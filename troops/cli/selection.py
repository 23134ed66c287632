"""Options that choose what a chart shows, shared by ``troops plot`` and ``troops cite``."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar

import click

from troops.cli.common import (
    check_series,
    known_on_option,
    publisher_type_option,
    range_options,
    series_option,
)

if TYPE_CHECKING:
    from troops.chart.chartdata import Selection
    from troops.dataset.api import Dataset

F = TypeVar("F", bound=Callable[..., Any])


def selection_options(fn: F) -> F:
    """``--series``, ``--since``, ``--until``, ``--known-on``, ``--publisher-type`` and
    ``--no-events``."""
    fn = click.option(
        "--no-events", "no_events", is_flag=True, help="Leave out the event lines and list."
    )(fn)
    fn = publisher_type_option(fn)
    fn = known_on_option(fn)
    fn = range_options(fn)
    return series_option(fn)


def make_selection(
    ds: Dataset,
    series: tuple[str, ...],
    since: date | None,
    until: date | None,
    known_on: date | None,
    no_events: bool,
) -> Selection:
    """The chart selection the options describe; unknown series are a usage error."""
    # deferred: the library loads only when the command runs (keeps --help fast)
    from troops.chart.chartdata import Selection

    wanted = check_series(ds, series)
    return Selection(
        series=tuple(wanted) if wanted else None,
        since=since,
        until=until,
        known_on=known_on,
        events=not no_events,
    )
