"""Periods: the ISO 8601 subset troops uses for ``as_of``, event dates and publication dates.

A period is ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` or an interval ``A/B`` of two of those;
it resolves to the first and last day it may mean.  ``2021-03`` is 1--31 March 2021,
``2019-10/2020-03`` is 1 October 2019 to 31 March 2020.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Literal

Precision = Literal["day", "month", "year", "interval"]

#: ASCII digits only: ``\d`` would also take "٢٠٢١" (Arabic-Indic) or fullwidth digits.
_SINGLE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")
MIN_YEAR = 1900
MAX_YEAR = 2100


@dataclass(frozen=True)
class Period:
    """A span of calendar days a vague or exact date may mean."""

    text: str
    start: date
    end: date
    precision: Precision

    @property
    def exact(self) -> bool:
        """True when the period is a single day."""
        return self.start == self.end

    def __str__(self) -> str:
        return self.text


class PeriodError(ValueError):
    """Raised for text that is not a valid period."""


def _single(text: str) -> tuple[date, date, Precision]:
    m = _SINGLE.fullmatch(text)
    if not m:
        raise PeriodError(f"{text!r} is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD")
    year = int(m.group(1))
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise PeriodError(f"year {year} is outside {MIN_YEAR}-{MAX_YEAR}")
    if m.group(2) is None:
        return date(year, 1, 1), date(year, 12, 31), "year"
    month = int(m.group(2))
    if not 1 <= month <= 12:
        raise PeriodError(f"{text!r} has no month {month:02d}")
    last = calendar.monthrange(year, month)[1]
    if m.group(3) is None:
        return date(year, month, 1), date(year, month, last), "month"
    day = int(m.group(3))
    if not 1 <= day <= last:
        raise PeriodError(f"{text!r} is not a calendar date ({year}-{month:02d} has {last} days)")
    d = date(year, month, day)
    return d, d, "day"


@lru_cache(maxsize=65536)
def parse_period(text: str) -> Period:
    """Parse ``text`` into a :class:`Period`; raise :class:`PeriodError` when invalid."""
    if not isinstance(text, str):
        raise PeriodError(f"expected a date string, got {type(text).__name__}")
    if text != text.strip():
        raise PeriodError(f"{text!r} has surrounding spaces")
    if text.count("/") > 1:
        raise PeriodError(f"{text!r} has more than one '/'")
    if "/" in text:
        left, right = text.split("/")
        start, first_end, _ = _single(left)
        second_start, end, _ = _single(right)
        if second_start < start or end < first_end:
            raise PeriodError(f"interval {text!r} ends before it starts")
        if left == right:
            raise PeriodError(f"interval {text!r} names the same date twice")
        return Period(text, start, end, "interval")
    start, end, precision = _single(text)
    return Period(text, start, end, precision)


def period_or_none(text: str | None) -> Period | None:
    """Parse ``text`` when given; ``None`` stays ``None``."""
    return None if text is None else parse_period(text)


def format_period(p: Period) -> str:
    """Human form for notes: ``9 Dec 2021``, ``Mar 2021``, ``2017``, ``Jan-Mar 2020``."""
    if p.precision == "day":
        return f"{p.start.day} {p.start:%b %Y}"
    if p.precision == "month":
        return f"{p.start:%b %Y}"
    if p.precision == "year":
        return f"{p.start.year}"
    left, right = p.text.split("/")
    return f"{format_period(parse_period(left))}–{format_period(parse_period(right))}"
