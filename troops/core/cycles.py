"""Cycles in the graph of revisions (figure ``a`` revises ``b`` ... revises ``a``).

A cycle would make each figure replace the other, so the level both describe would vanish
from the steps; validation reports every figure on one.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import overload


def revision_cycles(
    revises: Mapping[str, Sequence[tuple[int, str]]],
) -> dict[str, tuple[int, Sequence[str]]]:
    """Find the figures that lie on a cycle of revisions.

    ``revises`` maps a figure id to its revisions as ``(index in revises, revised id)``.
    For each figure on a cycle returns the index of its first revision that leads back to it
    and the cycle itself, from the figure back to it (``[a, b, a]``).
    """
    found: dict[str, tuple[int, Sequence[str]]] = {}
    for group in _strong_components(revises):
        if len(group) < 2:
            continue  # a figure revising itself is reported on its own
        members = set(group)
        inside = {rid: [(i, t) for i, t in revises[rid] if t in members] for rid in group}
        if all(len(edges) == 1 for edges in inside.values()):
            # A plain ring (the usual cycle): one walk round it gives every member's cycle
            # as a rotation, instead of one search per member (quadratic in the ring).
            ring = _ring(group[0], inside)
            at = {rid: k for k, rid in enumerate(ring)}
            for rid in group:
                found[rid] = (inside[rid][0][0], Rotation(ring, at[rid]))
            continue
        for rid in group:
            i, first = inside[rid][0]
            found[rid] = (i, [rid, *_path(revises, first, rid, members)])
    return found


def _ring(start: str, inside: Mapping[str, Sequence[tuple[int, str]]]) -> list[str]:
    """The members of a ring in revision order, from ``start``."""
    ring, node = [start], inside[start][0][1]
    while node != start:
        ring.append(node)
        node = inside[node][0][1]
    return ring


class Rotation(Sequence[str]):
    """A ring's cycle from one member back to it (``[a, b, c, a]``) without copying the
    ring: a 5,000-figure ring costs one list, not 5,000 lists of 5,000 ids."""

    def __init__(self, ring: list[str], start: int) -> None:
        self._ring, self._start = ring, start

    def __len__(self) -> int:
        return len(self._ring) + 1

    @overload
    def __getitem__(self, k: int) -> str: ...
    @overload
    def __getitem__(self, k: slice) -> list[str]: ...
    def __getitem__(self, k: int | slice) -> str | list[str]:
        if isinstance(k, slice):
            return [self[j] for j in range(*k.indices(len(self)))]
        if k < 0:
            k += len(self)
        if not 0 <= k < len(self):
            raise IndexError(k)
        return self._ring[(self._start + k) % len(self._ring)]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return repr(list(self))


def _strong_components(graph: Mapping[str, Sequence[tuple[int, str]]]) -> list[list[str]]:
    """Tarjan's strongly connected components, without recursion (deterministic order)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []
    for start in graph:
        if start in index:
            continue
        work = [(start, 0)]
        while work:
            node, k = work.pop()
            if k == 0:
                index[node] = low[node] = len(index)
                stack.append(node)
                on_stack.add(node)
            edges = graph.get(node, ())
            while k < len(edges):
                nxt = edges[k][1]
                k += 1
                if nxt not in graph:
                    continue
                if nxt not in index:
                    work.append((node, k))
                    work.append((nxt, 0))
                    break
                if nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
            else:
                if low[node] == index[node]:
                    group = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        group.append(member)
                        if member == node:
                            break
                    groups.append(sorted(group))
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
    return groups


def _path(
    graph: Mapping[str, Sequence[tuple[int, str]]], start: str, goal: str, members: set[str]
) -> list[str]:
    """The shortest chain of revisions from ``start`` to ``goal`` within ``members``."""
    before: dict[str, str | None] = {start: None}
    queue = [start]
    for node in queue:
        if node == goal:
            break
        for _, nxt in graph[node]:
            if nxt in members and nxt not in before:
                before[nxt] = node
                queue.append(nxt)
    path: list[str] = []
    step: str | None = goal
    while step is not None:
        path.append(step)
        step = before[step]
    return path[::-1]


def chain(ids: Sequence[str]) -> str:
    """``a -> b -> a``; a long cycle is shortened in the middle."""
    if len(ids) > 6:
        return " -> ".join([*ids[:3], f"... ({len(ids) - 5} more)", *ids[-2:]])
    return " -> ".join(ids)
