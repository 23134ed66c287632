"""Axis-aligned boxes: what the label placers of both figures measure texts and marks with."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Box:
    """An axis-aligned rectangle, in the units of its user (display pixels for the evidence
    figure's labels, points from the axes' corner for the story figure's)."""

    x0: float
    y0: float
    x1: float
    y1: float

    def overlap(self, other: Box) -> float:
        """Area shared with ``other``."""
        w = min(self.x1, other.x1) - max(self.x0, other.x0)
        h = min(self.y1, other.y1) - max(self.y0, other.y0)
        return w * h if w > 0 and h > 0 else 0.0

    def hits(self, other: Box) -> bool:
        """True when the two boxes overlap (share more than an edge)."""
        return (
            self.x0 < other.x1 and other.x0 < self.x1 and self.y0 < other.y1 and other.y0 < self.y1
        )

    def outside(self, bounds: Box) -> float:
        """Area of this box that lies outside ``bounds``."""
        return (self.x1 - self.x0) * (self.y1 - self.y0) - self.overlap(bounds)

    def padded(self, pad: float) -> Box:
        """This box grown by ``pad`` on every side."""
        return Box(self.x0 - pad, self.y0 - pad, self.x1 + pad, self.y1 + pad)
