"""The label placer: labels beside their points, never on another text, with leaders when
they must stand off."""

from __future__ import annotations

from itertools import combinations

import pytest

from troops.plot.boxes import Box
from troops.plot.labels import RINGS, Label, leader_end, marker_box, place

BOUNDS = Box(0.0, 0.0, 400.0, 300.0)


def test_a_lone_label_sits_above_right_of_its_point() -> None:
    """With room all around, a label touches its marker above and to the right."""
    ((spot, box),) = place([Label(100.0, 100.0, 10.0, 8.0)], [], [], BOUNDS, 1.0)
    assert (spot.ha, spot.va, spot.leader) == ("left", "bottom", False)
    assert box.x0 > 100.0 + 1.8
    assert box.y0 > 100.0
    assert box.x0 - 100.0 < 4.0


def test_a_label_keeps_off_a_line_when_a_free_spot_does() -> None:
    """A line running up and to the right of the point (a conflict mark, say) makes the
    label take the spot above left instead of the first choice, above right."""
    line = Box(101.0, 101.0, 120.0, 112.0)
    ((spot, box),) = place([Label(100.0, 100.0, 10.0, 8.0)], [], [line], BOUNDS, 1.0)
    assert (spot.ha, spot.va, spot.leader) == ("right", "bottom", False)
    assert box.overlap(line) == 0
    ((first, _),) = place([Label(100.0, 100.0, 10.0, 8.0)], [], [], BOUNDS, 1.0)
    assert (first.ha, first.va) == ("left", "bottom")


def test_crowded_labels_never_overlap_and_stand_off_with_leaders() -> None:
    """Twenty labels on almost one point (and a text beside it) all find a spot touching
    no other label, marker or text, inside the bounds; those placed off the first ring get
    a leader, none further out than the last ring."""
    labels = [Label(200.0 + k % 3, 150.0 + k % 2, 8.0 + k % 4, 8.0, rank=k % 2) for k in range(20)]
    text = Box(205.0, 140.0, 260.0, 150.0)
    placed = place(labels, [text], [], BOUNDS, 1.0)
    boxes = [box for _, box in placed]
    assert all(a.overlap(b) == 0 for a, b in combinations(boxes, 2))
    assert all(b.overlap(text) == 0 for b in boxes)
    assert all(b.outside(BOUNDS) == 0 for b in boxes)
    markers = [marker_box(lab, 1.0) for lab in labels]
    assert all(b.overlap(m) == 0 for b in boxes for m in markers)
    leaders = [spot.leader for spot, _ in placed]
    assert 0 < leaders.count(False) < 8
    reach = max(
        abs(complex(*leader_end(lab.x, lab.y, box)) - complex(lab.x, lab.y))
        for lab, box in zip(labels, boxes, strict=True)
    )
    assert reach <= labels[0].radius + RINGS[-1] + 1


def test_placement_is_the_same_every_time() -> None:
    """The same labels and obstacles give the same spots (greedy, no randomness)."""
    labels = [Label(50.0 + 3 * k, 60.0, 9.0, 8.0) for k in range(12)]
    assert place(labels, [], [], BOUNDS, 2.0) == place(labels, [], [], BOUNDS, 2.0)


def test_labels_side_by_side_keep_a_space_between_them() -> None:
    """A label never stands beside another closer than a space's width, so that two
    numbers ("1" and "1") cannot read as one ("11"): the second label leaves the spot
    1 pt beside the first for one below its line."""
    first = Label(100.0, 100.0, 4.0, 8.0)
    second = Label(113.7, 100.0, 4.0, 8.0)
    wall = Box(115.5, 90.0, 140.0, 120.0)  # keeps the second label off its right side
    (_, a), (spot, b) = place([first, second], [wall], [], BOUNDS, 1.0)
    assert (spot.ha, spot.va) == ("right", "top")
    assert b.x0 - a.x1 == pytest.approx(1.0)
    assert b.y1 < a.y0
