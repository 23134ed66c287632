"""Placing small labels (source numbers) next to points so that no two texts overlap.

A greedy placer in display coordinates. Labels are placed one at a time, the most
important first (current levels, then targets and caps, then the rest; crowded points
before lonely ones, which have room anyway). Each label tries spots on rings around its
point: on the first ring the label touches its marker (beside, above or below it); on the
outer rings it stands further off and a thin leader line joins it to its point. A spot is
*free* when its box touches no other text, no marker and no label already placed (and
keeps a space's width beside one, so that two numbers never read as one), stays
inside the bounds and its leader crosses no text (it may pass a marker); among the free
spots the label takes the one that covers least of the lines drawn (step lines, conflict
marks, leaders already drawn) and whose leader crosses fewest leaders, plus a small cost
per ring outward. When no spot is free it takes one that touches nothing though its leader
crosses a text, and only when there is none the one with the least overlap. Boxes come
from :func:`troops.plot.layout.text_width`, so the placement needs no renderer and is the same
for every output format.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from troops.plot.boxes import Box

#: Height of a one-line text box as a share of the font size.
TEXT_BOX_HEIGHT = 1.15
#: Gap between a label and its marker on the first ring, in points.
NEAR = 1.0
#: Distances (points) of the outer rings from the marker; labels there get a leader.
RINGS = (4.5, 9.0, 14.0, 20.0, 27.0, 35.0, 44.0)
#: Directions tried on each outer ring, in order of preference (degrees, 0 = right).
ANGLES = (
    90, 270, 45, 135, 315, 225, 0, 180, 67.5, 112.5, 292.5, 247.5, 22.5, 157.5, 337.5, 202.5,
)  # fmt: skip
#: Largest marker radius (points): obstacles no wider than a marker are markers, which a
#: leader may cross (texts it may not).
MARKER_MAX = 3.0
#: Among free spots: cost of covering lines (per share of the label's area covered) and of
#: each ring further out.
LINE_WEIGHT = 1.0
RING_COST = 0.06
#: Cost of a new leader crossing one already drawn.
CROSS_COST = 0.3
#: Room kept beside a placed label for the next one, in points, on top of the pad: two
#: numbers side by side must not read as one ("1" "1" as "11").
GAP_X = 1.6


@dataclass(frozen=True)
class Label:
    """A label to place: anchor (display units), size and marker radius (points)."""

    x: float
    y: float
    width: float
    height: float
    radius: float = 1.8
    rank: int = 0


@dataclass(frozen=True)
class Spot:
    """Where a label sits: offset of its text anchor from its point in points, the text
    alignment, and whether a leader line joins it to the point."""

    dx: float
    dy: float
    ha: str
    va: str
    leader: bool = False


def _near_spots(r: float) -> tuple[Spot, ...]:
    """First-ring spots around a marker of radius ``r``, in order of preference: above
    and below it to the right and left, then straight above and below, then level."""
    d = r * 0.75 + NEAR
    return (
        Spot(d, d * 0.6, "left", "bottom"),
        Spot(-d, d * 0.6, "right", "bottom"),
        Spot(d, -d * 0.6, "left", "top"),
        Spot(-d, -d * 0.6, "right", "top"),
        Spot(0.0, r + NEAR, "center", "bottom"),
        Spot(0.0, -r - NEAR, "center", "top"),
        Spot(r + NEAR, 0.0, "left", "center"),
        Spot(-r - NEAR, 0.0, "right", "center"),
    )


def leader_end(x: float, y: float, box: Box) -> tuple[float, float]:
    """The point of ``box`` nearest to (x, y): where a leader from the point ends."""
    return min(max(x, box.x0), box.x1), min(max(y, box.y0), box.y1)


def _areas(cands: np.ndarray, boxes: np.ndarray) -> np.ndarray:
    """Overlap area of every candidate box (rows of ``cands``) with all ``boxes``."""
    if not len(boxes):
        return np.zeros(len(cands))
    w = np.minimum(cands[:, None, 2], boxes[None, :, 2]) - np.maximum(
        cands[:, None, 0], boxes[None, :, 0]
    )
    h = np.minimum(cands[:, None, 3], boxes[None, :, 3]) - np.maximum(
        cands[:, None, 1], boxes[None, :, 1]
    )
    return np.asarray((np.clip(w, 0, None) * np.clip(h, 0, None)).sum(axis=1))


def _crossings(lab: Label, cands: np.ndarray, boxes: np.ndarray, scale: float) -> np.ndarray:
    """How many sample points of each candidate's leader (from the marker's edge to the
    label) lie inside ``boxes``."""
    if not len(boxes):
        return np.zeros(len(cands))
    ex = np.clip(lab.x, cands[:, 0], cands[:, 2]) - lab.x
    ey = np.clip(lab.y, cands[:, 1], cands[:, 3]) - lab.y
    length = np.maximum(np.hypot(ex, ey), 1e-9)
    skip = np.minimum((lab.radius + 0.8) * scale / length, 1.0)
    count = np.zeros(len(cands))
    for t in (0.0, 0.25, 0.5, 0.75, 0.95):
        share = skip + (1.0 - skip) * t
        px = (lab.x + ex * share)[:, None]
        py = (lab.y + ey * share)[:, None]
        inside = (px > boxes[None, :, 0]) & (px < boxes[None, :, 2])
        inside &= (py > boxes[None, :, 1]) & (py < boxes[None, :, 3])
        count += inside.sum(axis=1)
    return count


def _choose(hard: np.ndarray, through: np.ndarray, soft: np.ndarray, tiny: float) -> int:
    """The spot to take: the cheapest free one; failing that, the cheapest that touches
    no text although its leader crosses one; failing that, the least overlap."""
    clear = hard <= tiny
    for ok in (clear & (through == 0), clear):
        if ok.any():
            return int(np.argmin(np.where(ok, soft + through, np.inf)))
    return int(np.argmin(hard + soft))


def _leader_crossings(lab: Label, cands: np.ndarray, leaders: np.ndarray) -> np.ndarray:
    """How many leaders already drawn each candidate's leader would cross."""
    if not len(leaders):
        return np.zeros(len(cands))
    px, py = lab.x, lab.y
    ex = np.clip(px, cands[:, 0], cands[:, 2])[:, None]
    ey = np.clip(py, cands[:, 1], cands[:, 3])[:, None]
    ax0, ay0, ax1, ay1 = (leaders[None, :, k] for k in range(4))

    def side(x0: Any, y0: Any, x1: Any, y1: Any, x: Any, y: Any) -> Any:
        return (x1 - x0) * (y - y0) - (y1 - y0) * (x - x0)

    d1 = side(ax0, ay0, ax1, ay1, px, py)
    d2 = side(ax0, ay0, ax1, ay1, ex, ey)
    d3 = side(px, py, ex, ey, ax0, ay0)
    d4 = side(px, py, ex, ey, ax1, ay1)
    return np.asarray(((d1 * d2 < 0) & (d3 * d4 < 0)).sum(axis=1), dtype=float)


def _order(labels: Sequence[Label], scale: float) -> list[int]:
    """Placing order: by rank, then crowded points first, then left to right."""
    xy = np.array([(lab.x, lab.y) for lab in labels]) if labels else np.zeros((0, 2))
    reach = 12.0 * scale
    crowd = [
        int(((np.abs(xy[:, 0] - lab.x) < reach) & (np.abs(xy[:, 1] - lab.y) < reach)).sum())
        for lab in labels
    ]
    return sorted(range(len(labels)), key=lambda i: (labels[i].rank, -crowd[i], labels[i].x))


def marker_box(lab: Label, scale: float) -> Box:
    """The box of a label's own marker (display units)."""
    half = (lab.radius + 0.3) * scale
    return Box(lab.x - half, lab.y - half, lab.x + half, lab.y + half)


def place(
    labels: Sequence[Label],
    obstacles: Sequence[Box],
    lines: Sequence[Box],
    bounds: Box,
    scale: float,
    pad: float = 0.6,
) -> list[tuple[Spot, Box]]:
    """Choose a spot for each label; returns them in the order of ``labels``.

    ``obstacles`` are texts and markers no label may touch (each label's own marker is
    added here: no other label touches it, its own label stands beside it), ``lines``
    what a label should rather not cover; ``scale`` is display units per point and
    ``pad`` the clearance kept around each label, in points.
    """
    own = [marker_box(lab, scale) for lab in labels]
    taken = np.array([(b.x0, b.y0, b.x1, b.y1) for b in [*obstacles, *own]]).reshape(-1, 4)
    texts = np.array([(b.x0, b.y0, b.x1, b.y1) for b in obstacles]).reshape(-1, 4)
    texts = texts[(texts[:, 2] - texts[:, 0]) > 2 * (MARKER_MAX + 0.3) * scale]
    soft = np.array([(b.x0, b.y0, b.x1, b.y1) for b in lines]).reshape(-1, 4)
    leaders = np.zeros((0, 4))  # x0, y0, x1, y1 of each leader drawn
    limits = np.array([bounds.x0, bounds.y0, bounds.x1, bounds.y1])
    chosen: dict[int, tuple[Spot, Box]] = {}
    for i in _order(labels, scale):
        lab = labels[i]
        mine = len(obstacles) + i
        others = np.delete(taken, mine, axis=0)
        spots = _candidates(lab)
        w, h = lab.width * scale, lab.height * scale
        left = lab.x + spots[:, 0] * scale - spots[:, 2] * w
        bottom = lab.y + spots[:, 1] * scale - spots[:, 3] * h
        cands = np.stack([left, bottom, left + w, bottom + h], axis=1)
        grown = cands + np.array([-pad, -pad, pad, pad]) * scale
        hard = _areas(grown, others) + _areas(cands, taken[mine : mine + 1])
        inside = _areas(cands, limits[None, :])
        hard += 50 * (w * h - inside)
        leader = spots[:, 5] > 0
        through = np.where(leader, _crossings(lab, cands, texts, scale), 0)
        soft_cost = LINE_WEIGHT * _areas(cands, soft) / (w * h) + RING_COST * spots[:, 4]
        soft_cost += np.where(leader, CROSS_COST * _leader_crossings(lab, cands, leaders), 0)
        k = _choose(hard, through, soft_cost, 1e-9 * w * h)
        box = Box(*(float(v) for v in cands[k]))
        dx, dy, fx, fy, _, lead = (float(v) for v in spots[k])
        spot = Spot(dx, dy, _HA[fx], _VA[fy], leader=lead > 0)
        chosen[i] = (spot, box)
        taken = np.vstack([taken, cands[k : k + 1] + np.array([-GAP_X, 0, GAP_X, 0]) * scale])
        texts = np.vstack([texts, cands[k : k + 1]])
        if spot.leader:
            soft = np.vstack([soft, _leader_boxes(lab, box, scale)])
            ex, ey = leader_end(lab.x, lab.y, box)
            leaders = np.vstack([leaders, [(lab.x, lab.y, ex, ey)]])
    return [chosen[i] for i in range(len(labels))]


_HA = {0.0: "left", 0.5: "center", 1.0: "right"}
_VA = {0.0: "bottom", 0.5: "center", 1.0: "top"}
_SHARE = {"left": 0.0, "center": 0.5, "right": 1.0, "bottom": 0.0, "top": 1.0}
_COS = np.round(np.cos(np.radians(ANGLES)), 12)
_SIN = np.round(np.sin(np.radians(ANGLES)), 12)


def _candidates(lab: Label) -> np.ndarray:
    """Every spot of ``lab``, one row each: dx, dy (points), horizontal and vertical
    alignment (share of the box left/below the anchor), ring, leader (1/0)."""
    near = [(s.dx, s.dy, _SHARE[s.ha], _SHARE[s.va], 0.0, 0.0) for s in _near_spots(lab.radius)]
    reach = lab.radius + np.repeat(np.array(RINGS), len(ANGLES))
    cos, sin = np.tile(_COS, len(RINGS)), np.tile(_SIN, len(RINGS))
    ring = np.repeat(np.arange(1, len(RINGS) + 1, dtype=float), len(ANGLES))
    dx = np.round(cos * (reach + lab.width / 2), 2)
    dy = np.round(sin * (reach + lab.height / 2), 2)
    half = np.full_like(dx, 0.5)
    outer = np.stack([dx, dy, half, half, ring, np.ones_like(dx)], axis=1)
    return np.vstack([np.array(near), outer])


def _leader_boxes(lab: Label, box: Box, scale: float) -> np.ndarray:
    """Small boxes along a leader line, for later labels to keep off it."""
    ex, ey = leader_end(lab.x, lab.y, box)
    n = max(2, int(math.hypot(ex - lab.x, ey - lab.y) / (2.5 * scale)))
    t = np.linspace(0.0, 1.0, n + 1)
    px, py = lab.x + (ex - lab.x) * t, lab.y + (ey - lab.y) * t
    half = 0.7 * scale
    return np.stack([px - half, py - half, px + half, py + half], axis=1)
