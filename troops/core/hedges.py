"""The hedge table: how words such as "around" or "more than" turn into bounds.

The table lives in ``data/hedges.yaml``.  Each row names a phrase, the kind of bound it
implies and, for two-sided hedges, the relative width (``around`` reads as -10 %/+10 %).
A figure names its hedge phrase; its ``bound``, ``low`` and ``high`` follow from the row
unless the figure sets ``low``/``high`` itself.  One-sided bounds stay one-sided.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from troops.core.model import Bound, Hedge
from troops.core.textmatch import normalise


@dataclass(frozen=True)
class Bounds:
    """The resolved reading of one figure's number."""

    bound: Bound
    low: int | None
    high: int | None


class HedgeError(ValueError):
    """A figure's hedge, bound and limits do not fit together; ``field`` names the culprit."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def index(hedges: Iterable[Hedge]) -> dict[str, Hedge]:
    """Map each phrase (lower case, single-spaced) to its row."""
    return {key(h.phrase): h for h in hedges}


def key(phrase: str) -> str:
    """The lookup key of a hedge phrase: lower case with single spaces."""
    return " ".join(phrase.lower().split())


def not_in_table(phrase: str) -> str:
    """The problem of a figure whose hedge phrase is not a row of the table."""
    return f"{phrase!r} is not in the hedge table (data/hedges.yaml)"


def not_in_quote(phrase: str) -> str:
    """The problem of a figure whose hedge phrase is not words of its quote."""
    return f"{phrase!r} does not occur in the quote"


def in_quote(phrase: str, quote: str, *, normal: bool = False) -> bool:
    """True when the hedge ``phrase`` occurs in ``quote`` as whole words.

    Both are compared normalised (:func:`troops.core.textmatch.normalise`), in lower case with
    single spaces; ``over`` is not in "overseas" and ``some`` not in "awesome".  With
    ``normal=True`` the caller vouches that ``quote`` is already normal
    (:func:`troops.core.textmatch.is_normal`), which saves normalising it.
    """
    said = quote.lower() if normal else key(normalise(quote))
    wanted = _phrase_key(phrase)
    return wanted in said and _phrase_pattern(wanted).search(said) is not None


@lru_cache(maxsize=4096)
def _phrase_key(phrase: str) -> str:
    return key(normalise(phrase))


_WORD = re.compile(r"\w")


@lru_cache(maxsize=4096)
def _phrase_pattern(wanted: str) -> re.Pattern[str]:
    """``wanted`` not joined to a letter or digit at either end that is itself one."""
    head = r"(?<!\w)" if _WORD.match(wanted[:1]) else ""
    tail = r"(?!\w)" if _WORD.match(wanted[-1:]) else ""
    return re.compile(head + re.escape(wanted) + tail)


def resolve(
    table: dict[str, Hedge],
    *,
    value: int | None,
    hedge: str | None,
    bound: Bound | None,
    low: int | None,
    high: int | None,
) -> Bounds:
    """Resolve a figure's bound and limits from its hedge phrase and any explicit overrides."""
    row = None
    if hedge is not None:
        row = table.get(key(hedge))
        if row is None:
            raise HedgeError("hedge", not_in_table(hedge))
        if bound is not None and bound != row.bound:
            raise HedgeError(
                "bound", f"is {bound} but the hedge {hedge!r} means {row.bound} in the hedge table"
            )
        bound = row.bound
    if bound is None:
        bound = "exact" if value is not None else "unknown"
    return _limits(bound, value, row, low, high)


def _limits(
    bound: Bound, value: int | None, row: Hedge | None, low: int | None, high: int | None
) -> Bounds:
    if bound == "unknown":
        for name, given in (("value", value), ("low", low), ("high", high)):
            if given is not None:
                raise HedgeError(name, "must be empty when the number is unknown")
        return Bounds(bound, None, None)
    if bound == "exact":
        if value is None:
            raise HedgeError("value", "is empty; an exact figure needs a value")
        if (low is not None and low != value) or (high is not None and high != value):
            raise HedgeError("bound", "is exact but low/high differ from the value")
        return Bounds(bound, value, value)
    if bound == "at_least" and high is not None:
        raise HedgeError("high", "must be empty: an 'at least' bound is open above")
    if bound == "at_most" and low is not None:
        raise HedgeError("low", "must be empty: an 'at most' bound is open below")
    if value is None and (low is None or high is None or bound != "approx"):
        raise HedgeError("value", f"is empty; a bound of {bound} needs a value")
    lo_frac = row.low if row is not None else None
    hi_frac = row.high if row is not None else None
    if low is None and bound in ("approx", "at_least"):
        if lo_frac is None or value is None:
            raise HedgeError("low", "is not set and no hedge phrase from the table gives a width")
        low = round(value * (1 + lo_frac))
    if high is None and bound in ("approx", "at_most"):
        if hi_frac is None or value is None:
            raise HedgeError("high", "is not set and no hedge phrase from the table gives a width")
        high = round(value * (1 + hi_frac))
    return Bounds(bound, low, high)


def describe(row: Hedge) -> str:
    """One short phrase for notes under a chart: ``'around' read as ±10 %``."""
    return f"'{row.phrase}' read as {reading(row)}"


def reading(row: Hedge) -> str:
    """How a row reads its number: ``±10 %``, ``a lower bound``, ``an upper bound 10 %
    above the number``, ``unknown``, ``the range the text gives`` or ``exact``."""
    if row.bound == "approx" and row.low is not None and row.high is not None:
        if -row.low == row.high:
            return f"±{_pct(row.high)}"
        return f"{_pct(row.low)} to +{_pct(row.high)}"
    if row.bound == "at_least":
        return f"a lower bound{_shift(row.low)}"
    if row.bound == "at_most":
        return f"an upper bound{_shift(row.high)}"
    if row.bound == "unknown":
        return "unknown"
    if row.bound == "approx":
        return "the range the text gives"
    return "exact"


def _shift(fraction: float | None) -> str:
    """`` 10 % above the number`` (or below) for a bound set off the number; empty for none."""
    if not fraction:
        return ""
    return f" {_pct(abs(fraction))} {'above' if fraction > 0 else 'below'} the number"


def _pct(fraction: float) -> str:
    return (
        f"{round(abs(fraction) * 100):d} %" if fraction >= 0 else f"-{round(-fraction * 100):d} %"
    )
