"""The time axis of a chart: ticks and labels that suit the range shown.

The unit follows the length of the range: years (``2021``) from :data:`YEARS_FROM_DAYS`
days on, months (``Mar 2021``) from :data:`MONTHS_FROM_DAYS` days on, days (``15 Jun``)
below that, with the year on the first day label and wherever the year changes
(``15 Jun 2021``, ``16 Jun``, ...).  The step between ticks is the smallest of the unit's
steps whose labels fit the width of the axes side by side, so labels never run into each
other; ticks sit on round dates (years divisible by the step, the first of a month, every
day or every Monday), whatever the range.  Everything is plain data measured from font
metrics (:func:`troops.plot.layout.text_width`); :func:`axis_ticks` gives the matplotlib locator
and formatter, which also follow the view when a user zooms.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from troops.plot.layout import text_width

if TYPE_CHECKING:
    from matplotlib.ticker import Formatter, Locator

#: Ranges this many days long or longer get year ticks; shorter ones from
#: :data:`MONTHS_FROM_DAYS` on month ticks, the rest day ticks.
YEARS_FROM_DAYS = 913  # two and a half years
MONTHS_FROM_DAYS = 60
#: Steps between ticks, in units, tried from the smallest.
STEPS = {
    "year": (1, 2, 5, 10, 20, 50, 100),
    "month": (1, 2, 3, 4, 6, 12),
    "day": (1, 2, 3, 7, 14, 28),
}
#: Room kept between two tick labels, in points.
LABEL_GAP_PT = 8.0


@dataclass(frozen=True)
class TimeTicks:
    """Ticks every ``step`` ``unit`` (``"year"``, ``"month"`` or ``"day"``)."""

    unit: str
    step: int


def unit_for(left: date, right: date) -> str:
    """The tick unit of axes from the start of ``left`` to the start of ``right``."""
    days = (right - left).days
    if days >= YEARS_FROM_DAYS:
        return "year"
    return "month" if days >= MONTHS_FROM_DAYS else "day"


def label(unit: str, day: date, *, year: bool = True) -> str:
    """The label of a tick on ``day``: ``2021``, ``Jun 2021``, ``15 Jun 2021`` (or
    ``15 Jun`` without ``year``)."""
    if unit == "year":
        return f"{day.year}"
    if unit == "month":
        return f"{day:%b} {day.year}"
    return f"{day.day} {day:%b}" + (f" {day.year}" if year else "")


def widest_label(unit: str, size: float) -> float:
    """Width in points of the widest label ``unit`` ticks may get at ``size`` points."""
    samples = [date(2000 + k, m, 28) for k in range(10) for m in range(1, 13)]
    return max(text_width(label(unit, d), size) for d in samples)


def tick_dates(ticks: TimeTicks, start: date, end: date) -> list[date]:
    """The tick dates from ``start`` to ``end`` (both included)."""
    step = ticks.step
    if ticks.unit == "year":
        first = start.year + (-start.year) % step
        years = range(first if date(first, 1, 1) >= start else first + step, end.year + 1, step)
        return [date(y, 1, 1) for y in years]
    if ticks.unit == "month":
        found = []
        y, m = start.year, start.month
        while date(y, m, 1) <= end:
            if (m - 1) % step == 0 and date(y, m, 1) >= start:
                found.append(date(y, m, 1))
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        return found
    day = start + timedelta(days=(-(start.toordinal() - 1)) % step)  # Mondays for weeks
    return [day + timedelta(days=k) for k in range(0, (end - day).days + 1, step)]


def labels(ticks: TimeTicks, days: list[date]) -> list[str]:
    """Tick labels of ``days``: day labels name the year only on the first tick and where
    it changes."""
    return [
        label(ticks.unit, d, year=k == 0 or d.year != days[k - 1].year) for k, d in enumerate(days)
    ]


def choose(left: date, right: date, width_pt: float, size: float) -> TimeTicks:
    """Ticks for axes from the start of ``left`` to the start of ``right``, ``width_pt``
    points wide, with labels of ``size`` points: the smallest step whose labels fit side
    by side."""
    unit = unit_for(left, right)
    span = max((right - left).days, 1)
    for step in STEPS[unit]:
        ticks = TimeTicks(unit, step)
        days = tick_dates(ticks, left, right)
        if len(days) < 2 or _fits(ticks, days, span, width_pt, size):
            return ticks
    return TimeTicks(unit, STEPS[unit][-1])


def _fits(ticks: TimeTicks, days: list[date], span: int, width_pt: float, size: float) -> bool:
    """True when neighbouring labels of ``days`` leave :data:`LABEL_GAP_PT` between them."""
    widths = [text_width(t, size) for t in labels(ticks, days)]
    for k in range(1, len(days)):
        room = (days[k] - days[k - 1]).days / span * width_pt
        if room < (widths[k - 1] + widths[k]) / 2 + LABEL_GAP_PT:
            return False
    return True


def axis_ticks(ticks: TimeTicks) -> tuple[Locator, Formatter]:
    """The matplotlib locator and formatter of ``ticks``."""
    # deferred: matplotlib loads only when something is drawn
    import matplotlib.dates as mdates
    from matplotlib.ticker import Formatter, Locator

    def as_date(x: float) -> date:
        return mdates.num2date(x).date()  # type: ignore[no-untyped-call,no-any-return]

    class DateTicks(Locator):
        def __call__(self) -> list[float]:
            assert self.axis is not None
            lo, hi = self.axis.get_view_interval()
            return self.tick_values(float(lo), float(hi))

        def tick_values(self, vmin: float, vmax: float) -> list[float]:
            lo, hi = sorted((vmin, vmax))
            first, last = math.ceil(lo - 1e-6), math.floor(hi + 1e-6)
            if last < first:
                return []
            days = tick_dates(ticks, as_date(first), as_date(last))
            return [float(mdates.date2num(d)) for d in days]  # type: ignore[no-untyped-call]

    class DateLabels(Formatter):
        def __call__(self, x: float, pos: int | None = None) -> str:
            return label(ticks.unit, as_date(x))

        def format_ticks(self, values: list[float]) -> list[str]:
            return labels(ticks, [as_date(x) for x in values])

    return DateTicks(), DateLabels()
