"""`troops table`: the figures (or step segments) of a selection, as rows in any format.

CSV and JSON carry the full contract columns with raw values, so they load into pandas, R
or a spreadsheet as they are.  The aligned text table, Markdown and LaTeX show a readable
selection: the reported number in the source's own hedge ("around 2,500"), the range it was
read as, the claimant and the source (a ``\\cite`` key in LaTeX, matching ``troops cite``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from troops.core.dates import DateLike, first_day, last_day
from troops.core.model import Figure
from troops.core.reading import bounds_text, number, reported
from troops.core.steps import Segment
from troops.dataset.api import FIGURE_COLUMNS, STEP_COLUMNS, Dataset
from troops.output.render import render

#: Formats that get the full contract columns; the others get the readable columns.
MACHINE_FORMATS = frozenset({"csv", "json"})
#: CSV/JSON figure columns: the contract's, then the source's publisher type (official,
#: wire, press, state-owned, blog, aggregator; empty when its publisher has no entry).
TABLE_COLUMNS = (*FIGURE_COLUMNS, "publisher_type")
DISPLAY_FIGURE_COLUMNS = ("as_of", "series", "kind", "reported", "range", "claimant", "source")
DISPLAY_STEP_COLUMNS = ("series", "start", "end", "level", "range", "sources")


def figure_table(
    ds: Dataset,
    fmt: str,
    *,
    series: Iterable[str] | None = None,
    known_on: DateLike = None,
    since: DateLike = None,
    until: DateLike = None,
) -> str:
    """Render the selected figures in ``fmt`` (those whose as_of reaches into since..until)."""
    figures = ds.select(list(series) if series else None, known_on, since=since, until=until)
    if fmt in MACHINE_FORMATS:
        rows = [
            {**ds.figure_row(f), "publisher_type": ds.publisher_type(f.source)} for f in figures
        ]
        return render(rows, TABLE_COLUMNS, fmt)
    columns: Sequence[str] = DISPLAY_FIGURE_COLUMNS
    rows = [display_figure(f) for f in figures]
    if fmt == "text":
        columns = ("id", *DISPLAY_FIGURE_COLUMNS)
    elif fmt == "markdown":
        columns = (*DISPLAY_FIGURE_COLUMNS, "quote")
    elif fmt == "latex":
        columns = tuple("cite" if c == "source" else c for c in DISPLAY_FIGURE_COLUMNS)
    return render(rows, columns, fmt)


def step_table(
    ds: Dataset,
    fmt: str,
    *,
    series: Iterable[str] | None = None,
    known_on: DateLike = None,
    since: DateLike = None,
    until: DateLike = None,
) -> str:
    """Render the step segments of the selected series in ``fmt``: those holding at some
    time in since..until, with their own start and end (not cut to the range)."""
    first, last = first_day(since), last_day(until)
    segments = [
        seg
        for s in ds.check_series(list(series) if series else None)
        for seg in ds.segments(s, known_on)
        if (last is None or seg.start <= last)
        and (first is None or seg.end is None or seg.end > first)
    ]
    if fmt in MACHINE_FORMATS:
        return render([ds.step_row(seg) for seg in segments], STEP_COLUMNS, fmt)
    rows = [display_step(seg) for seg in segments]
    columns: tuple[str, ...] = DISPLAY_STEP_COLUMNS
    if fmt == "latex":
        columns = tuple("cite" if c == "sources" else c for c in columns)
    return render(rows, columns, fmt)


def display_figure(fig: Figure) -> dict[str, Any]:
    """One figure as a readable row."""
    return {
        "id": fig.id, "as_of": fig.as_of, "series": fig.series, "kind": fig.kind,
        "reported": reported(fig), "range": bounds_text(fig.bound, fig.low, fig.high),
        "claimant": fig.claimant, "source": fig.source, "cite": f"\\cite{{{fig.source}}}",
        "quote": fig.quote,
    }  # fmt: skip


def display_step(seg: Segment) -> dict[str, Any]:
    """One step segment as a readable row."""
    return {
        "series": seg.series, "start": seg.start.isoformat(),
        "end": seg.end.isoformat() if seg.end else "",
        "level": "unknown" if seg.unknown else number(seg.value),
        "range": bounds_text(seg.bound, seg.low, seg.high),
        "sources": " ".join(seg.sources),
        "cite": f"\\cite{{{','.join(seg.sources)}}}",
    }  # fmt: skip
