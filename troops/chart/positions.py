"""Where a chart puts a reported point or a mark on the time axis (for marks and conflicts)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from troops.core import steps as step_rules

if TYPE_CHECKING:
    from troops.chart.chartdata import Mark
    from troops.core.model import Figure


def midpoint(a: date, b: date) -> date:
    """The day halfway between ``a`` and ``b`` (rounded down)."""
    return a + timedelta(days=(b - a).days // 2)


def point_date(seg: step_rules.Segment) -> date:
    """Where a level's numbered marker sits: the middle of its timing zone."""
    return midpoint(seg.start, seg.start_latest)


def mark_date(mark: Mark | Figure) -> date:
    """Where a target or cap is drawn: the middle of its ``as_of`` period."""
    return midpoint(mark.period.start, mark.period.end)
