"""Placing small labels (source numbers) next to points so that no two texts overlap.

A greedy placer in display coordinates: each label tries a fixed list of spots around its
anchor (above right first) and takes the first whose box touches neither an obstacle nor a
label already placed and stays inside the bounds; when none is free it takes the spot with
the least overlap.  Boxes come from :func:`troops.layout.text_width`, so placement needs no
renderer and gives the same result for every output format.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

#: Height of a one-line text box as a share of the font size.
TEXT_BOX_HEIGHT = 1.15


@dataclass(frozen=True)
class Box:
    """An axis-aligned box in display units."""

    x0: float
    y0: float
    x1: float
    y1: float

    def overlap(self, other: Box) -> float:
        """Area shared with ``other``."""
        w = min(self.x1, other.x1) - max(self.x0, other.x0)
        h = min(self.y1, other.y1) - max(self.y0, other.y0)
        return w * h if w > 0 and h > 0 else 0.0

    def outside(self, bounds: Box) -> float:
        """Area of this box that lies outside ``bounds``."""
        return (self.x1 - self.x0) * (self.y1 - self.y0) - self.overlap(bounds)

    def padded(self, pad: float) -> Box:
        """This box grown by ``pad`` on every side."""
        return Box(self.x0 - pad, self.y0 - pad, self.x1 + pad, self.y1 + pad)


@dataclass(frozen=True)
class Spot:
    """Where a label sits: offset from its anchor in points, and its alignment."""

    dx: float
    dy: float
    ha: str
    va: str


#: Spots tried in order: beside the point first, then further up or down.
SPOTS = (
    Spot(2.5, 1.5, "left", "bottom"),
    Spot(-2.5, 1.5, "right", "bottom"),
    Spot(2.5, -1.5, "left", "top"),
    Spot(-2.5, -1.5, "right", "top"),
    Spot(0.0, 3.5, "center", "bottom"),
    Spot(0.0, -3.5, "center", "top"),
    Spot(2.5, 8.0, "left", "bottom"),
    Spot(-2.5, 8.0, "right", "bottom"),
    Spot(2.5, -8.0, "left", "top"),
    Spot(-2.5, -8.0, "right", "top"),
    Spot(0.0, 14.0, "center", "bottom"),
    Spot(0.0, -14.0, "center", "top"),
)


def box_at(x: float, y: float, spot: Spot, width: float, height: float, scale: float) -> Box:
    """The box of a ``width`` x ``height`` point label at ``spot`` from anchor (x, y).

    ``scale`` is display units per point.
    """
    w, h = width * scale, height * scale
    left = x + spot.dx * scale
    if spot.ha == "right":
        left -= w
    elif spot.ha == "center":
        left -= w / 2
    bottom = y + spot.dy * scale
    if spot.va == "top":
        bottom -= h
    elif spot.va == "center":
        bottom -= h / 2
    return Box(left, bottom, left + w, bottom + h)


def place(
    anchors: Sequence[tuple[float, float, float, float]],
    obstacles: Sequence[Box],
    bounds: Box,
    scale: float,
    pad: float = 0.5,
) -> list[tuple[Spot, Box]]:
    """Choose a spot for each ``(x, y, width_pt, height_pt)`` anchor, in order."""
    taken = list(obstacles)
    chosen: list[tuple[Spot, Box]] = []
    for x, y, width, height in anchors:
        best: tuple[float, Spot, Box] | None = None
        for spot in SPOTS:
            box = box_at(x, y, spot, width, height, scale)
            grown = box.padded(pad * scale)
            cost = sum(grown.overlap(t) for t in taken) + 10 * box.outside(bounds)
            if best is None or cost < best[0]:
                best = (cost, spot, box)
            if cost == 0:
                break
        assert best is not None
        chosen.append((best[1], best[2]))
        taken.append(best[2])
    return chosen
