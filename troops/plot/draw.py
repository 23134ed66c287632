"""Drawing the parts of a step chart on an Axes: levels, bands, zones, unknown spans, marks.

Each function draws one kind of element for one series and gives every artist a ``gid``
naming what it is (``troops-line-us-iraq``, ``troops-band-us-iraq-2``, ...), which SVG
output keeps as element ids and tests use to find them.  Dates become matplotlib date
numbers; a level ending on day D is drawn up to the start of D.  The y limits must be set
before drawing: fades and minimum zone heights are a share of them.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import matplotlib.dates as mdates
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch, Polygon

from troops.chart.chartdata import Mark
from troops.chart.storyparts import level
from troops.core.steps import Segment
from troops.plot import theme
from troops.plot.theme import SeriesStyle

NAN = float("nan")


def num(d: date) -> float:
    """A date as a matplotlib date number."""
    return float(mdates.date2num(d))  # type: ignore[no-untyped-call]


def _rect(x0: float, x1: float, y0: float, y1: float) -> list[tuple[float, float]]:
    return [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]


def tint(color: str, share: float) -> tuple[float, float, float]:
    """``color`` mixed with white (opaque, so that what lies under it stays crisp)."""
    # deferred: matplotlib loads only when something is drawn
    from matplotlib.colors import to_rgb

    r, g, b = to_rgb(color)
    return (1 - share * (1 - r), 1 - share * (1 - g), 1 - share * (1 - b))


def _adjacent(prev: Segment | None, seg: Segment) -> bool:
    return prev is not None and prev.end == seg.start and not prev.unknown


def draw_levels(ax: Axes, sid: str, segs: Sequence[Segment], style: SeriesStyle) -> Line2D:
    """The step line: one polyline, broken (NaN) at unknown spans and timing zones.

    A level starts where its date is certain (``start_latest``); a sharp edge joins the
    previous level with a vertical step, a vague one leaves the gap to the timing zone.
    """
    xs: list[float] = []
    ys: list[float] = []
    prev: Segment | None = None
    for seg in segs:
        if seg.value is None:
            prev = seg
            continue
        sharp = seg.start == seg.start_latest
        joined = sharp and _adjacent(prev, seg) and prev is not None and prev.value is not None
        if not joined and xs:
            xs.append(NAN)
            ys.append(NAN)
        xs += [num(seg.start_latest), num(seg.end or seg.start_latest)]
        ys += [seg.value, seg.value]
        prev = seg
    (line,) = ax.plot(
        xs,
        ys,
        color=style.color,
        linestyle=style.linestyle,
        linewidth=1.2,
        solid_capstyle="butt",
        zorder=theme.ZORDER["line"],
        gid=f"troops-line-{sid}",
    )
    return line


def draw_zones(
    ax: Axes, sid: str, segs: Sequence[Segment], style: SeriesStyle, top: float
) -> list[Polygon]:
    """Timing zones: where a level's date is a month, year or interval, a shaded box spans
    the possible days and the levels before and after, with the level drawn faint across."""
    zones: list[Polygon] = []
    prev: Segment | None = None
    for seg in segs:
        if seg.start < seg.start_latest and not seg.unknown:
            ys = [v for v in (seg.value, seg.low, seg.high) if v is not None]
            if _adjacent(prev, seg) and prev is not None and prev.value is not None:
                ys.append(prev.value)
            lo, hi = min(ys), max(ys)
            pad = 0.015 * top
            if hi - lo < 2 * pad:
                lo, hi = max(lo - pad, 0.0), hi + pad
            x0, x1 = num(seg.start), num(seg.start_latest)
            zone = Polygon(
                _rect(x0, x1, lo, hi),
                closed=True,
                facecolor=tint(style.color, theme.ZONE_ALPHA),
                edgecolor=style.color,
                linestyle=theme.ZONE_EDGE,
                linewidth=theme.ZONE_EDGE_WIDTH,
                zorder=theme.ZORDER["zone"],
                gid=f"troops-zone-{sid}-{len(zones)}",
            )
            ax.add_patch(zone)
            zones.append(zone)
            if seg.value is not None:
                ax.plot(
                    [x0, x1],
                    [seg.value, seg.value],
                    color=style.color,
                    linestyle=style.linestyle,
                    linewidth=0.8,
                    alpha=theme.FAINT_ALPHA,
                    zorder=theme.ZORDER["zone"],
                    gid=f"troops-zoneline-{sid}-{len(zones) - 1}",
                )
        prev = seg
    return zones


def draw_bands(
    ax: Axes,
    sid: str,
    segs: Sequence[Segment],
    style: SeriesStyle,
    top: float,
    *,
    alpha: float = theme.BAND_ALPHA,
    prefix: str = "troops",
) -> list[Polygon]:
    """Bands for the bounds of each level: closed where both sides are known, fading out
    (with an arrow) on the open side of a one-sided bound, absent for exact levels."""
    patches: list[Polygon] = []
    for i, seg in enumerate(segs):
        if seg.unknown or seg.end is None or seg.end <= seg.start_latest:
            continue
        x0, x1 = num(seg.start_latest), num(seg.end)
        if seg.low is not None and seg.high is not None:
            if seg.low == seg.high:
                continue
            band = Polygon(
                _rect(x0, x1, seg.low, seg.high),
                closed=True,
                facecolor=style.color,
                alpha=alpha,
                linewidth=0,
                zorder=theme.ZORDER["band"],
                gid=f"{prefix}-band-{sid}-{i}",
            )
            ax.add_patch(band)
            patches.append(band)
        elif seg.low is not None or seg.high is not None:
            patches += _open_band(ax, sid, i, seg, style, top, alpha, prefix)
    return patches


def _open_band(
    ax: Axes,
    sid: str,
    i: int,
    seg: Segment,
    style: SeriesStyle,
    top: float,
    alpha: float,
    prefix: str,
) -> list[Polygon]:
    """A one-sided band: strips fading away from the known bound, and an arrow pointing
    to the open side.  ``at_least`` opens upward, ``at_most`` downward (not below 0)."""
    up = seg.low is not None
    edge = seg.low if up else seg.high
    assert edge is not None
    assert seg.end is not None
    height = theme.FADE_HEIGHT * top if up else min(theme.FADE_HEIGHT * top, edge)
    sign = 1.0 if up else -1.0
    x0, x1 = num(seg.start_latest), num(seg.end)
    strips = []
    n = theme.FADE_STEPS
    for k in range(n):
        y0 = edge + sign * height * k / n
        y1 = edge + sign * height * (k + 1) / n
        strip = Polygon(
            _rect(x0, x1, min(y0, y1), max(y0, y1)),
            closed=True,
            facecolor=style.color,
            alpha=alpha * (n - k) / n,
            linewidth=0,
            zorder=theme.ZORDER["band"],
            gid=f"{prefix}-open-{sid}-{i}-{k}",
        )
        ax.add_patch(strip)
        strips.append(strip)
    mid = (x0 + x1) / 2
    arrow = FancyArrowPatch(
        (mid, edge),
        (mid, edge + sign * height),
        arrowstyle="-|>,head_length=2.5,head_width=1.2",
        color=style.color,
        linewidth=0.6,
        alpha=min(1.0, alpha * 4),
        shrinkA=0,
        shrinkB=0,
        zorder=theme.ZORDER["band"],
        gid=f"{prefix}-arrow-{sid}-{i}",
    )
    ax.add_patch(arrow)
    return strips


def unknown_ends(segs: Sequence[Segment], i: int) -> tuple[float, float] | None:
    """The levels an unknown span ``segs[i]`` is bridged between: the level before it and
    the one after (either one for both when the other is missing; ``None`` for neither)."""
    prev = segs[i - 1] if i > 0 and segs[i - 1].end == segs[i].start else None
    after = segs[i + 1] if i + 1 < len(segs) else None
    y0 = level(prev) if prev is not None and not prev.unknown else None
    y1 = level(after) if after is not None and not after.unknown else None
    if y0 is None and y1 is None:
        return None
    return (y0 if y0 is not None else y1, y1 if y1 is not None else y0)  # type: ignore[return-value]


def draw_unknown(ax: Axes, sid: str, segs: Sequence[Segment], style: SeriesStyle) -> list[Line2D]:
    """Unknown spans: a gap in the step line, bridged by a thin dashed line from the level
    before to the level after, as in the story figure; never a full-height block, a line at
    zero or the previous level carried on."""
    bridges: list[Line2D] = []
    for i, seg in enumerate(segs):
        ends = unknown_ends(segs, i) if seg.unknown and seg.end is not None else None
        if ends is None or seg.end is None:
            continue
        bridge = Line2D(
            [num(seg.start), num(seg.end)],
            list(ends),
            color=style.color,
            linestyle=theme.UNKNOWN_DASH,
            linewidth=theme.UNKNOWN_WIDTH,
            zorder=theme.ZORDER["line"],
            gid=f"troops-unknown-{sid}-{len(bridges)}",
        )
        ax.add_line(bridge)
        bridges.append(bridge)
    return bridges


def draw_superseded(
    ax: Axes, sid: str, segs: Sequence[Segment], style: SeriesStyle, top: float
) -> list[Line2D]:
    """Levels a later report revised: a thin faint line and a faint band."""
    lines = []
    for i, seg in enumerate(segs):
        if seg.value is None or seg.end is None:
            continue
        (line,) = ax.plot(
            [num(seg.start_latest), num(seg.end)],
            [seg.value, seg.value],
            color=style.color,
            linestyle=style.linestyle,
            linewidth=0.8,
            alpha=theme.FAINT_ALPHA,
            zorder=theme.ZORDER["superseded"],
            gid=f"troops-superseded-{sid}-{i}",
        )
        lines.append(line)
    draw_bands(ax, sid, segs, style, top, alpha=theme.BAND_ALPHA / 3, prefix="troops-superseded")
    return lines


def hollow_marker(ax: Axes, x: float, value: float, style: SeriesStyle, gid: str) -> Line2D:
    """The hollow marker of a target or cap (both figures draw it alike)."""
    (marker,) = ax.plot(
        [x],
        [value],
        linestyle="none",
        marker=style.marker,
        markersize=theme.MARK_SIZE,
        markerfacecolor="white",
        markeredgecolor=style.color,
        markeredgewidth=0.9,
        zorder=theme.ZORDER["mark"],
        gid=gid,
    )
    return marker


def draw_marks(ax: Axes, sid: str, marks: Sequence[Mark], style: SeriesStyle) -> list[Line2D]:
    """Targets and caps: a hollow marker, a dashed mark across their period and dashed
    bounds, never joined to the step line."""
    drawn = []
    for i, fig in enumerate(marks):
        assert fig.value is not None
        p = fig.period
        x = num(p.start) + (num(p.end) - num(p.start)) / 2
        drawn.append(hollow_marker(ax, x, fig.value, style, f"troops-{fig.kind}-{sid}-{i}"))
        lo = fig.low if fig.low is not None else fig.value
        hi = fig.high if fig.high is not None else fig.value
        ticks = [([num(p.start), num(p.end)], [fig.value] * 2)] if p.start != p.end else []
        ticks += [([x, x], [lo, hi])] if lo != hi else []
        for xs, ys in ticks:
            ax.plot(
                xs,
                ys,
                color=style.color,
                linewidth=0.7,
                linestyle=(0, (2.0, 1.5)),
                zorder=theme.ZORDER["mark"] - 1,
                gid=f"troops-{fig.kind}dash-{sid}-{i}",
            )
    return drawn
