"""Cycles in the graph of revisions (figure ``a`` revises ``b`` ... revises ``a``).

A cycle would make each figure replace the other, so the level both describe would vanish
from the steps; validation reports every figure on one.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence


def revision_cycles(
    revises: Mapping[str, Sequence[tuple[int, str]]],
) -> dict[str, tuple[int, list[str]]]:
    """Find the figures that lie on a cycle of revisions.

    ``revises`` maps a figure id to its revisions as ``(index in revises, revised id)``.
    For each figure on a cycle returns the index of its first revision that leads back to it
    and the cycle itself, from the figure back to it (``[a, b, a]``).
    """
    found: dict[str, tuple[int, list[str]]] = {}
    for group in _strong_components(revises):
        if len(group) < 2:
            continue  # a figure revising itself is reported on its own
        members = set(group)
        for rid in group:
            i, first = next((i, t) for i, t in revises[rid] if t in members)
            found[rid] = (i, [rid, *_path(revises, first, rid, members)])
    return found


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


def chain(ids: list[str]) -> str:
    """``a -> b -> a``; a long cycle is shortened in the middle."""
    if len(ids) > 6:
        ids = [*ids[:3], f"... ({len(ids) - 5} more)", *ids[-2:]]
    return " -> ".join(ids)
