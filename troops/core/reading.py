"""How records read as text: ``2,500``, ``around 2,500``, ``2,250–2,750``, ``Reuters, 9 Dec 2021``.

One wording for tables, conflict reports, source lists, bibliographies and the web page.
"""

from __future__ import annotations

from troops.core.model import Figure, Source
from troops.core.periods import format_period

DAGGER = "†"
NBSP = "\u00a0"


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


def source_name(src: Source) -> str:
    """``Sputnik International``; ``“Title”`` when the publisher is not known; the outlet a
    repost came from in brackets: ``Global Research (from Peoples Dispatch)``."""
    if src.publisher is not None:
        name = src.publisher
    elif src.title is not None:
        name = f"“{src.title}”"
    else:
        name = src.id
    if src.via:
        name += f" (from {src.via[0].name})"
    return name


def source_date(src: Source) -> str:
    """``9 Dec 2021``, with a dagger when the date is inferred; ``n.d.`` when unknown."""
    period = src.published_period
    if period is None:
        return "n.d."
    return keep_together(format_period(period)) + (DAGGER if "published" in src.inferred else "")


def keep_together(text: str) -> str:
    """Hold a date together when a line is wrapped."""
    return text.replace(" ", NBSP)
