"""Period parsing: the ISO 8601 subset used for as_of, event dates and publication dates."""

from __future__ import annotations

import calendar
from collections.abc import Callable
from datetime import date

import pytest
from click.testing import Result
from conftest import Root
from hypothesis import given
from hypothesis import strategies as st

from troops.core.periods import PeriodError, format_period, parse_period

days = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))


@given(days)
def test_day_round_trips(d: date) -> None:
    """Every real calendar day parses to a one-day period starting and ending on it."""
    p = parse_period(d.isoformat())
    assert (p.start, p.end, p.precision) == (d, d, "day")


@given(st.integers(1900, 2100), st.integers(1, 12))
def test_month_spans_whole_month(year: int, month: int) -> None:
    """YYYY-MM spans the first to the last day of that month."""
    p = parse_period(f"{year}-{month:02d}")
    assert p.start == date(year, month, 1)
    assert p.end == date(year, month, calendar.monthrange(year, month)[1])
    assert p.precision == "month"


@given(st.integers(1900, 2100))
def test_year_spans_whole_year(year: int) -> None:
    """YYYY spans 1 January to 31 December."""
    p = parse_period(str(year))
    assert (p.start, p.end) == (date(year, 1, 1), date(year, 12, 31))


@given(days, days)
def test_interval_ordering(a: date, b: date) -> None:
    """An interval parses exactly when it does not end before it starts."""
    text = f"{a.isoformat()}/{b.isoformat()}"
    if a < b:
        p = parse_period(text)
        assert (p.start, p.end, p.precision) == (a, b, "interval")
    else:
        with pytest.raises(PeriodError):
            parse_period(text)


@given(st.integers(1900, 2100), st.integers(1, 12), st.integers(29, 40))
def test_impossible_days_rejected(year: int, month: int, day: int) -> None:
    """A day past the end of its month is never accepted."""
    text = f"{year}-{month:02d}-{day:02d}"
    if day <= calendar.monthrange(year, month)[1]:
        assert parse_period(text).start.day == day
    else:
        with pytest.raises(PeriodError, match="is not a calendar date"):
            parse_period(text)


@given(st.text(max_size=25))
def test_arbitrary_text_never_crashes(text: str) -> None:
    """Any text either parses to an ordered period or raises PeriodError, nothing else."""
    try:
        p = parse_period(text)
    except PeriodError:
        return
    assert p.start <= p.end


@pytest.mark.parametrize(
    "text",
    [
        "2021-13",
        "2021-00",
        "2021-02-29",
        "21-03",
        "2021/03",
        "2021-3",
        " 2021",
        "1899",
        "2021-03/2021-03",
        "2021-03/2021-02",
        "2021-01/2021-02/2021-03",
        "2021-03-01T00:00",
        "\u0662\u0660\u0662\u0661-\u0660\u0662-\u0661\u0668",  # Arabic-Indic digits
        "\uff12\uff10\uff12\uff11",  # fullwidth digits
        "2021-\u0660\u0663",
        "\u0968\u0966\u0968\u0967/2022",  # Devanagari digits
    ],
)
def test_rejected_examples(text: str) -> None:
    """Malformed, impossible, degenerate and reversed periods are rejected."""
    with pytest.raises(PeriodError):
        parse_period(text)


def test_format_for_notes() -> None:
    """Periods print in the short human form used under charts."""
    assert format_period(parse_period("2021-12-09")) == "9 Dec 2021"
    assert format_period(parse_period("2021-03")) == "Mar 2021"
    assert format_period(parse_period("2017")) == "2017"
    assert format_period(parse_period("2020-01/2020-03")) == "Jan 2020–Mar 2020"


@pytest.mark.parametrize(("command", "option"), [("table", "--known-on"), ("plot", "--since"),
                                              ("plot", "--until")])  # fmt: skip
def test_cli_dates_take_ascii_digits_only(
    mini: Root, run: Callable[..., Result], command: str, option: str
) -> None:
    """A command-line date written in Arabic-Indic digits is a usage error (exit 2)."""
    result = run(command, "--data", "mini", option, "\u0662\u0660\u0662\u0661")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.splitlines() == [
        f"troops {command}: Invalid value for '{option}': '\u0662\u0660\u0662\u0661' is not a "
        f"date of the form YYYY, YYYY-MM or YYYY-MM-DD (see 'troops {command} --help')"
    ]
