"""How a reported figure reads as text: ``2,500``, ``around 2,500``, ``2,250–2,750``.

One wording for tables, conflict reports, captions and the web page.
"""

from __future__ import annotations

from troops.core.model import Figure


def number(x: float | None) -> str:
    """``2500`` as ``2,500``; fractional medians keep one decimal."""
    if x is None:
        return ""
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:,.1f}"


def reported(fig: Figure) -> str:
    """The number as the source put it: ``around 2,500``, ``unknown number``, ``900``."""
    if fig.value is None:
        return fig.hedge or "unknown"
    return f"{fig.hedge} {number(fig.value)}" if fig.hedge else number(fig.value)


def bounds_text(bound: str | None, low: float | None, high: float | None) -> str:
    """The range a figure was read as: ``2,250–2,750``, ``≥ 2,000``, ``≤ 1,000``."""
    if bound == "unknown":
        return "unknown"
    if low is not None and high is not None:
        return "" if low == high else f"{number(low)}–{number(high)}"
    if low is not None:
        return f"≥ {number(low)}"
    if high is not None:
        return f"≤ {number(high)}"
    return ""
