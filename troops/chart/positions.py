"""Where a chart puts a reported point or a mark on the time axis (for marks and conflicts)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Protocol

from troops.core import steps as step_rules

if TYPE_CHECKING:
    from troops.core.periods import Period


class Dated(Protocol):
    """Anything drawn over a period: a target or cap mark, or a figure."""

    @property
    def period(self) -> Period: ...


def midpoint(a: date, b: date) -> date:
    """The day halfway between ``a`` and ``b`` (rounded down)."""
    return a + timedelta(days=(b - a).days // 2)


def point_date(seg: step_rules.Segment) -> date:
    """Where a level's numbered marker sits: the middle of its timing zone."""
    return midpoint(seg.start, seg.start_latest)


def mark_date(mark: Dated) -> date:
    """Where a target or cap is drawn: the middle of its ``as_of`` period."""
    return midpoint(mark.period.start, mark.period.end)
