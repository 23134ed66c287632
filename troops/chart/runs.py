"""Runs of points that share one number label on a chart.

A run is three or more reported points of one series in a row, at one level, each level
following the last without a gap, each from a single source whose number is one more
than the last: ``42``, ``43``, ..., ``48``.  Such a run gets one label, ``42–48``, at its
first point; since the points are numbered left to right the list under the chart still
says which report each point comes from.  A point is numbered exactly once, so a run
holds only points whose number labels nothing else on the chart (a source that also
reports a target, or a level of another series, keeps its own labels), and a level
carried in from before the range (labelled at the edge) is never part of one.  This
module does not import matplotlib.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from troops.chart.chartdata import ChartData
from troops.core.steps import Segment

#: Fewest points that share one label.
RUN_MIN = 3


def label_uses(chart: ChartData) -> Counter[int]:
    """How many labelled things (levels, revised levels, marks) each source number labels."""
    uses: Counter[int] = Counter()
    for s in chart.series:
        for seg in (*s.segments, *s.superseded):
            uses.update(chart.refs(seg.sources))
        for m in s.marks:
            uses.update(chart.refs(m.sources))
    return uses


def runs(chart: ChartData, segs: Sequence[Segment]) -> list[list[int]]:
    """Indices of the known levels of ``segs``, grouped: runs (see above) and single points."""
    uses = label_uses(chart)
    groups: list[list[int]] = []
    prev: Segment | None = None
    for i, seg in enumerate(segs):
        if seg.unknown:
            prev = None
            continue
        refs = chart.refs(seg.sources)
        alone = len(refs) == 1 and uses[refs[0]] == 1 and not chart.carried(seg)
        follows = (
            alone
            and prev is not None
            and prev.end == seg.start
            and prev.value == seg.value
            and chart.refs(prev.sources) == (refs[0] - 1,)
        )
        if groups and follows:
            groups[-1].append(i)
        else:
            groups.append([i])
        prev = seg if alone else None
    return [g for run in groups for g in ([run] if len(run) >= RUN_MIN else [[i] for i in run])]


def run_text(chart: ChartData, segs: Sequence[Segment], run: Sequence[int]) -> str:
    """The label of a group: ``42–48`` for a run, the point's numbers (``3,5``) otherwise."""
    if len(run) >= RUN_MIN:
        first = chart.refs(segs[run[0]].sources)[0]
        return f"{first}–{first + len(run) - 1}"
    return ",".join(str(n) for n in chart.refs(segs[run[0]].sources))


def first_run(chart: ChartData) -> str | None:
    """The label of the first run drawn (for the note that explains runs), if any."""
    for s in chart.series:
        for segs in (s.segments, s.superseded):
            for run in runs(chart, segs):
                if len(run) >= RUN_MIN:
                    return run_text(chart, segs, run)
    return None
