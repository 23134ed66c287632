"""The one rule that turns a user's date into a day, for the CLI, the API and the chart.

A date a user gives (``--since``, ``--until``, ``--known-on``, or the same keyword arguments
of :meth:`troops.Dataset.select`, :meth:`troops.Dataset.steps` and :func:`troops.step_chart`)
may be a :class:`datetime.date` or any period text (``2021``, ``2021-03``, ``2021-03-15``,
``2019-10/2020-03``).  ``since`` takes the period's first day; ``until`` and ``known_on``
take its last day, so ``since="2021", until="2021"`` is the whole of 2021 and
``known_on="2024-12"`` is what was known at the end of December 2024.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from troops.core.periods import parse_period

#: What the API accepts for a date: a day, a period text, or nothing.
DateLike = date | str | None
#: Which end of a period a date option means.
Role = Literal["since", "until", "known_on"]


def to_day(value: DateLike, role: Role) -> date | None:
    """The day ``value`` means as ``role``: first day for ``since``, last day otherwise.

    Raises :class:`troops.core.periods.PeriodError` for text that is no period.
    """
    if value is None or isinstance(value, date):
        return value
    period = parse_period(value)
    return period.start if role == "since" else period.end


def first_day(value: DateLike) -> date | None:
    """``value`` read as a ``since`` date: the first day of its period."""
    return to_day(value, "since")


def last_day(value: DateLike) -> date | None:
    """``value`` read as an ``until`` or ``known_on`` date: the last day of its period."""
    return to_day(value, "until")
