"""Options and error handling shared by the subcommands (imports click only)."""

from __future__ import annotations

import os.path
import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

import click

if TYPE_CHECKING:
    from datetime import date

    from troops.core.errors import Problem
    from troops.dataset.api import Dataset
    from troops.dataset.discover import Found

F = TypeVar("F", bound=Callable[..., Any])


class DataProblems(click.ClickException):
    """Data or input errors: one ``path:line: id field: message`` line each, exit status 1."""

    exit_code = 1

    def __init__(self, problems: Sequence[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))

    def show(self, file: Any = None) -> None:
        click.echo(self.message, err=True)


def _check_root(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """A ``--data`` directory that is no dataset root is a usage error, not a data error."""
    if value is None:
        return None
    if not os.path.lexists(value):
        raise click.BadParameter(f"Directory {value!r} does not exist.")
    if not os.path.isdir(value):
        raise click.BadParameter(f"Directory {value!r} is a file.")
    # deferred: the library loads only when the command runs (keeps --help fast)
    from troops.core.errors import DataError
    from troops.io.records import find_root

    try:
        find_root(value)
    except DataError:
        raise click.BadParameter(
            f"{value!r} is not a dataset root (a directory holding data/ and seeds/)"
        ) from None
    return value


def _remember_verbose(ctx: click.Context, param: click.Parameter, value: bool) -> bool:
    if value:
        ctx.meta["troops_verbose"] = True
    return value


def data_option(fn: F) -> F:
    """``--data DIR`` (the dataset root to read) and ``-v`` (say which dataset was read)."""
    fn = click.option(
        "-v", "--verbose", is_flag=True, expose_value=False, callback=_remember_verbose,
        help="Say on stderr which dataset is read when it is not the bundled one.",
    )(fn)  # fmt: skip
    return click.option(
        "--data", "data", metavar="DIR",
        callback=_check_root,
        help="Dataset root holding data/ and seeds/ (default: $TROOPS_DATA, else the nearest "
        "folder at or above the working directory holding data/ and seeds/, else the "
        "bundled dataset).",
    )(fn)  # fmt: skip


def say_dataset(found: Found) -> None:
    """With ``-v``, one line on stderr naming the dataset read, unless it is the bundled one."""
    ctx = click.get_current_context(silent=True)
    if ctx is not None and ctx.meta.get("troops_verbose") and found.how != "bundled":
        click.echo(f"troops: {found.describe()}", err=True)


def _parse_date(ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
    return _parse_day(value, first=False)


def _parse_first_day(ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
    return _parse_day(value, first=True)


def _parse_day(value: str | None, *, first: bool) -> date | None:
    if value is None:
        return None
    # deferred: the library loads only when the command runs (keeps --help fast)
    from troops.core.dates import to_day
    from troops.core.periods import PeriodError

    try:
        return to_day(value, "since" if first else "until")
    except PeriodError as exc:
        raise click.BadParameter(str(exc)) from None


def date_option(*names: str, help: str, first_day: bool = False) -> Callable[[F], F]:
    """An option taking YYYY, YYYY-MM or YYYY-MM-DD (a month or year means its last day,
    or its first day with ``first_day``)."""
    callback = _parse_first_day if first_day else _parse_date
    return click.option(*names, metavar="DATE", callback=callback, help=help)


def range_options(fn: F) -> F:
    """``--since DATE`` and ``--until DATE``: the time a command looks at."""
    fn = date_option("--until", help="Last day shown (a year or month means its last day).")(fn)
    return date_option(
        "--since", first_day=True, help="First day shown (a year or month means its first day)."
    )(fn)


def check_range(since: date | None, until: date | None) -> None:
    """``--since`` after ``--until`` is a usage error."""
    if since is not None and until is not None and since > until:
        raise click.UsageError(f"--since {since} is after --until {until}")


def _date_text(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    # deferred: the library loads only when the command runs (keeps --help fast)
    from troops.core.periods import PeriodError, parse_period

    try:
        if parse_period(value).precision == "interval":
            raise click.BadParameter(f"{value!r} must be a single date, not an interval")
    except PeriodError as exc:
        raise click.BadParameter(str(exc)) from None
    return value


def period_text_option(*names: str, help: str, required: bool = False) -> Callable[[F], F]:
    """An option taking YYYY, YYYY-MM or YYYY-MM-DD, kept as written (a record's date)."""
    return click.option(*names, metavar="DATE", callback=_date_text, required=required, help=help)


def source_id_check(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """A source id option: lower-case letters, digits, '.', '_' or '-', at most 120."""
    if value is None:
        return None

    # deferred: the library loads only when the command runs (keeps --help fast)
    from troops.core.model import ID_PATTERN

    if not re.fullmatch(ID_PATTERN, value):
        raise click.BadParameter(
            f"must be lower-case letters, digits, '.', '_' or '-' (at most 120) (got {value!r})"
        )
    return value


def output_dir_check(ctx: click.Context, param: click.Parameter, value: str) -> str:
    """An output directory that cannot be made or written into is a usage error."""
    # deferred: the library loads only when the command runs (keeps --help fast)
    from troops.io.fsio import directory_problem

    problem = directory_problem(value)
    if problem is not None:
        raise click.BadParameter(problem)
    return value


def known_on_option(fn: F) -> F:
    """``--known-on DATE``: only reports published by that day."""
    return date_option(
        "--known-on",
        help="Show what was known on DATE: only sources "
        "published by then, revisions applied as of then.",
    )(fn)


#: The publisher types --publisher-type accepts, as its help names them (a test checks they
#: are troops.core.model.PUBLISHER_TYPES; importing the model here would slow --help).
PUBLISHER_TYPE_HELP = "official, wire, press, state-owned, blog, aggregator"
_PUBLISHER_TYPES = "troops_publisher_types"


def _remember_types(
    ctx: click.Context, param: click.Parameter, value: tuple[str, ...]
) -> tuple[str, ...]:
    if value:
        from troops.core.model import PUBLISHER_TYPES  # deferred: pydantic, only when used

        unknown = [v for v in value if v not in PUBLISHER_TYPES]
        if unknown:
            raise click.BadParameter(
                f"{', '.join(map(repr, unknown))} is not a publisher type "
                f"(choose from {PUBLISHER_TYPE_HELP})"
            )
        ctx.meta[_PUBLISHER_TYPES] = tuple(dict.fromkeys(value))
    return value


def publisher_type_option(fn: F) -> F:
    """``--publisher-type TYPE`` (repeatable): only figures and events whose source has one of
    these publisher types (read by :func:`load_dataset`)."""
    return click.option(
        "--publisher-type", metavar="TYPE", multiple=True, expose_value=False,
        callback=_remember_types,
        help=f"Only reports whose source has this publisher type ({PUBLISHER_TYPE_HELP}; "
        "see data/publishers.yaml); repeat for several.",
    )(fn)  # fmt: skip


def publisher_types() -> tuple[str, ...]:
    """The --publisher-type values of the running command (empty: no restriction)."""
    ctx = click.get_current_context(silent=True)
    types: tuple[str, ...] = () if ctx is None else ctx.meta.get(_PUBLISHER_TYPES, ())
    return types


def series_option(fn: F) -> F:
    """``--series ID`` (repeatable): restrict to these series."""
    return click.option(
        "--series",
        "series",
        metavar="ID",
        multiple=True,
        help="Only this series (repeat for several).",
    )(fn)


def format_options(formats: Sequence[tuple[str, str, str]], default: str) -> Callable[[F], F]:
    """One ``fmt`` parameter fed by several flags (``--csv``, ``--json``, ...); two is an error."""

    def remember(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
        if value:
            given = ctx.meta.setdefault("troops_formats", [])
            given.append(param.opts[0])
            if len(given) > 1:
                raise click.UsageError(f"{' and '.join(given)} cannot be used together")
        return value

    def decorate(fn: F) -> F:
        for flag, value, text in reversed(formats):
            fn = click.option(
                flag, f"fmt_{value}", is_flag=True, help=text, callback=remember, expose_value=True
            )(fn)
        return fn

    return decorate


def chosen_format(kwargs: dict[str, Any], default: str) -> str:
    """Pop the ``fmt_*`` flags click passed and return the one chosen (or the default)."""
    chosen = [key[4:] for key in list(kwargs) if key.startswith("fmt_") and kwargs.pop(key)]
    return chosen[0] if chosen else default


def load_dataset(data: str | None) -> Dataset:
    """Load and validate a dataset; data errors become exit status 1 with one line each.
    With ``--publisher-type``, the dataset keeps only the reports of those types."""
    # deferred: the library loads only when the command runs (keeps --help fast)
    from troops.core.errors import DataError
    from troops.dataset.api import load

    try:
        ds = load(data)
    except DataError as exc:
        raise DataProblems(exc.problems) from None
    say_dataset(ds.found)
    types = publisher_types()
    return ds.by_publisher_type(types) if types else ds


def check_series(ds: Dataset, series: Sequence[str]) -> list[str] | None:
    """Validate ``--series`` values against the dataset; unknown ids are a usage error."""
    if not series:
        return None
    try:
        return ds.check_series(series)
    except KeyError as exc:
        raise click.BadParameter(str(exc.args[0]), param_hint="'--series'") from None


def echo_data(text: str) -> None:
    """Write data to stdout exactly as given (no extra newline)."""
    click.echo(text, nl=False)


class Failure(click.ClickException):
    """A failure that is no data problem (a file that cannot be written): one line, exit 1."""

    exit_code = 1

    def show(self, file: Any = None) -> None:
        click.echo(self.message, err=True)
