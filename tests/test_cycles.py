"""Cycles of revisions are found whatever their length, each figure on one named once."""

from __future__ import annotations

from troops.core.cycles import chain, revision_cycles


def test_three_figure_cycle_and_a_tail() -> None:
    """Each figure of a three-figure cycle is found with the cycle from it; a tail is not."""
    found = revision_cycles(
        {
            "a": [(0, "b")],
            "b": [(0, "x"), (1, "c")],
            "c": [(0, "a")],
            "d": [(0, "a")],  # revises into the cycle, but is not on it
        }
    )
    assert found == {
        "a": (0, ["a", "b", "c", "a"]),
        "b": (1, ["b", "c", "a", "b"]),
        "c": (0, ["c", "a", "b", "c"]),
    }


def test_no_cycle_in_a_chain_of_revisions() -> None:
    """A chain a -> b -> c, or revisions of figures that revise nothing, holds no cycle."""
    assert revision_cycles({"a": [(0, "b")], "b": [(0, "c")], "c": []}) == {}


def test_two_cycles_sharing_a_figure() -> None:
    """A figure on two cycles is reported once, through its first revision that leads back."""
    found = revision_cycles({"a": [(0, "b"), (1, "c")], "b": [(0, "a")], "c": [(0, "a")]})
    assert found == {
        "a": (0, ["a", "b", "a"]),
        "b": (0, ["b", "a", "b"]),
        "c": (0, ["c", "a", "c"]),
    }


def test_long_cycle_without_recursion() -> None:
    """A cycle of 5,000 figures is found without deep recursion, and shown shortened."""
    n = 5000
    graph = {f"f{i}": [(0, f"f{(i + 1) % n}")] for i in range(n)}
    found = revision_cycles(graph)
    assert len(found) == n
    assert chain(found["f0"][1]) == "f0 -> f1 -> f2 -> ... (4996 more) -> f4999 -> f0"
