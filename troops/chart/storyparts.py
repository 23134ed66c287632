"""The pieces of a story figure's line and its value labels, as plain data.

:func:`pieces_of` turns a series' clipped step segments into :class:`Piece` s (``level``,
``stale``, ``vague``, ``range``, ``unknown``) and :class:`Band` s; :func:`value_labels`
chooses which levels get their value written (first, last, peak, every change of more
than :data:`CHANGE_SHARE`) and how (:func:`value_text`).  See :mod:`troops.chart.story`
for the rules; no matplotlib here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Literal

from troops.core.steps import Segment

PieceKind = Literal["level", "stale", "vague", "range", "unknown"]
LabelReason = Literal["first", "last", "peak", "change", "unknown"]
#: The short label of an unknown gap.
UNKNOWN_TEXT = "unknown"

#: A level no report has confirmed for longer than this is drawn lighter ("stale").
UNCONFIRMED_AFTER_DAYS = 183
#: A level that differs from the one before by more than this share gets a value label.
CHANGE_SHARE = 0.3


@dataclass(frozen=True)
class Piece:
    """One stretch of a series' line: from ``start`` to ``end`` (dates), from ``y0`` to
    ``y1`` (equal for a level; the low and high of a ``range``; ``None`` where an unknown
    gap has no known level on that side)."""

    kind: PieceKind
    start: date
    end: date
    y0: float | None
    y1: float | None
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class Band:
    """The range a hedged level was read as, from ``start`` to ``end``."""

    start: date
    end: date
    low: float
    high: float


@dataclass(frozen=True)
class ValueLabel:
    """A value written at a level: ``text`` at the level ``value`` held from ``start`` to
    ``end``; lower ``priority`` is kept first when labels collide."""

    start: date
    end: date
    value: float
    text: str
    reason: LabelReason
    priority: int
    #: The extent of what is labelled (a band or a range without a value): the label goes
    #: above ``high`` or below ``low``.
    low: float
    high: float
    #: True for a range without a best value ("900–2,000"): ``value`` is its middle.
    bare: bool = False
    #: The sources of the level labelled (its label links to the first with a URL).
    sources: tuple[str, ...] = ()


def pieces_of(segs: Sequence[Segment]) -> tuple[tuple[Piece, ...], tuple[Band, ...]]:
    """The pieces and bands of a series' (clipped) segments."""
    pieces: list[Piece] = []
    bands: list[Band] = []
    stale = timedelta(days=UNCONFIRMED_AFTER_DAYS)
    for i, seg in enumerate(segs):
        end = seg.end if seg.end is not None else seg.start_latest
        if seg.unknown:
            before = level(segs[i - 1]) if i > 0 and segs[i - 1].end == seg.start else None
            after = level(segs[i + 1]) if i + 1 < len(segs) else None
            pieces.append(Piece("unknown", seg.start, end, before, after, seg.sources))
            continue
        if seg.value is None:  # a range without a best value: a bar over all its days
            low = seg.low if seg.low is not None else seg.high
            high = seg.high if seg.high is not None else seg.low
            pieces.append(
                Piece("range", seg.start, max(end, seg.start_latest), low, high, seg.sources)
            )
            continue
        here = level(seg)
        solid = seg.start_latest
        if seg.start < seg.start_latest:
            prev = segs[i - 1] if i > 0 and segs[i - 1].end == seg.start else None
            y0 = level(prev) if prev is not None and not prev.unknown else here
            if y0 != here:  # a sloped step over the days it may fall on
                pieces.append(Piece("vague", seg.start, seg.start_latest, y0, here, seg.sources))
            else:  # the same level either way: nothing to slope
                solid = seg.start
        if end <= solid:
            continue
        fresh = min(end, seg.start_latest + stale)
        pieces.append(Piece("level", solid, fresh, seg.value, seg.value, seg.sources))
        if fresh < end:
            pieces.append(Piece("stale", fresh, end, seg.value, seg.value, seg.sources))
        low = seg.low if seg.low is not None else seg.value
        high = seg.high if seg.high is not None else seg.value
        if low < high:
            bands.append(Band(solid, end, low, high))
    return tuple(pieces), tuple(_merge_bands(bands))


def _merge_bands(bands: Sequence[Band]) -> list[Band]:
    """Touching bands with the same limits become one."""
    out: list[Band] = []
    for b in bands:
        if out and out[-1].end == b.start and (out[-1].low, out[-1].high) == (b.low, b.high):
            out[-1] = replace(out[-1], end=b.end)
        else:
            out.append(b)
    return out


def level(seg: Segment) -> float | None:
    """Where a segment's line sits: its value, or the middle of a range without one."""
    if seg.value is not None:
        return float(seg.value)
    if seg.low is not None and seg.high is not None:
        return (seg.low + seg.high) / 2
    return seg.low if seg.low is not None else seg.high


@dataclass(frozen=True)
class _Level:
    start: date
    end: date
    value: float
    text: str
    bare: bool = False
    sources: tuple[str, ...] = ()


def levels(segs: Sequence[Segment]) -> list[_Level]:
    """Runs of touching segments that show one number, with the text that writes it."""
    out: list[_Level] = []
    for seg in segs:
        if seg.unknown:
            continue
        value = level(seg)
        assert value is not None
        end = seg.end if seg.end is not None else seg.start_latest
        text = value_text(seg)
        bare = seg.value is None
        if out and out[-1].end == seg.start and (out[-1].value, out[-1].bare) == (value, bare):
            prev = out[-1]
            keep = prev.text if prev.text == text or "≈" not in text else text
            cited = tuple(dict.fromkeys((*prev.sources, *seg.sources)))
            out[-1] = _Level(prev.start, end, value, keep, bare, cited)
        else:
            first = seg.start if bare else seg.start_latest
            out.append(_Level(first, max(end, first), value, text, bare, seg.sources))
    return out


def value_text(seg: Segment) -> str:
    """``8,892``; ``≈5,200`` for a hedged number; ``≥2,000`` / ``≤900`` where the number
    is the bound; ``900–2,000`` for a range without a best value."""
    if seg.value is None:
        lo = f"{seg.low:,.0f}" if seg.low is not None else ""
        hi = f"{seg.high:,.0f}" if seg.high is not None else ""
        return f"{lo}–{hi}" if lo and hi else (f"≥{lo}" if lo else f"≤{hi}")
    number = f"{seg.value:,.0f}"
    if seg.bound == "at_least" and seg.low == seg.value:
        return f"≥{number}"
    if seg.bound == "at_most" and seg.high == seg.value:
        return f"≤{number}"
    hedged = seg.low is not None or seg.high is not None
    if hedged and (seg.low != seg.value or seg.high != seg.value):
        return f"≈{number}"
    return number


def value_labels(
    segs: Sequence[Segment], pieces: Sequence[Piece] = (), bands: Sequence[Band] = ()
) -> tuple[ValueLabel, ...]:
    """The value labels of a series: first, last, peak and big changes, and the short
    label of each unknown gap (``pieces`` and ``bands``: what the labels must clear)."""
    runs = levels(segs)
    if not runs:
        return ()
    reasons: dict[int, tuple[LabelReason, int]] = {}

    def add(k: int, reason: LabelReason, rank: int) -> None:
        if k not in reasons or reasons[k][1] > rank:
            reasons[k] = (reason, rank)

    add(0, "first", 0)
    add(len(runs) - 1, "last", 0)
    peak = max(range(len(runs)), key=lambda k: (runs[k].value, -k))
    add(peak, "peak", 1)
    for k in range(1, len(runs)):
        before = runs[k - 1].value
        if before > 0 and abs(runs[k].value - before) / before > CHANGE_SHARE:
            add(k, "change", 2)
    out = []
    for k, r in enumerate(runs):
        if k not in reasons:
            continue
        ends = [r.value]
        for b in bands:
            if b.start < r.end and r.start < b.end:
                ends += [b.low, b.high]
        for p in pieces:
            if p.kind == "range" and p.start < r.end and r.start < p.end:
                ends += [v for v in (p.y0, p.y1) if v is not None]
        out.append(
            ValueLabel(
                r.start,
                r.end,
                r.value,
                r.text,
                *reasons[k],
                min(ends),
                max(ends),
                r.bare,
                r.sources,
            )
        )
    for p in pieces:
        if p.kind != "unknown" or (p.y0 is None and p.y1 is None):
            continue
        y = max(v for v in (p.y0, p.y1) if v is not None)
        out.append(
            ValueLabel(p.start, p.end, y, UNKNOWN_TEXT, "unknown", 1, y, y, sources=p.sources)
        )
    return tuple(out)
