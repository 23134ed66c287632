"""`troops conflicts` output: one block (text) or one row (CSV, JSON) per conflicting pair.

Each row carries the pair's series, rule, overlap and reason, then the same columns for
each side (``first_*`` and ``second_*``): id, kind, as_of, the number as reported, the
claimant, the source with its publisher, date and url, and the verbatim quote.  For the
``claim-count`` rule the first side is the withdrawal event: its kind is ``claim``, its
``as_of`` the event's date and its ``reported`` text ``withdrawal completed``.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import Any

from troops.core.model import Event, Figure
from troops.dataset.api import Dataset
from troops.dataset.conflicts import Conflict, reading
from troops.output.render import render

SIDE_FIELDS = (
    "id", "kind", "as_of", "reported", "claimant", "source", "publisher", "published",
    "url", "quote",
)  # fmt: skip
#: Columns of one conflict row, in order.
CONFLICT_COLUMNS = (
    "series", "rule", "start", "end", "reason",
    *(f"first_{f}" for f in SIDE_FIELDS), *(f"second_{f}" for f in SIDE_FIELDS),
)  # fmt: skip
#: Width the text blocks wrap quotes at.
TEXT_WIDTH = 96


def conflict_report(ds: Dataset, conflicts: Sequence[Conflict], fmt: str) -> str:
    """Render ``conflicts`` as text blocks, CSV or JSON."""
    records = _records(ds)
    rows = [conflict_row(ds, c, records) for c in conflicts]
    if fmt == "text":
        return "\n".join(_block(row) for row in rows)
    return render(rows, CONFLICT_COLUMNS, fmt)


def conflict_row(
    ds: Dataset, conflict: Conflict, records: dict[str, Figure | Event] | None = None
) -> dict[str, Any]:
    """One conflict as a flat row with :data:`CONFLICT_COLUMNS`."""
    records = _records(ds) if records is None else records
    row: dict[str, Any] = {
        "series": conflict.series,
        "rule": conflict.rule,
        "start": conflict.start.isoformat(),
        "end": conflict.end.isoformat(),
        "reason": conflict.reason,
    }
    for side, rid in (("first", conflict.first), ("second", conflict.second)):
        for name, value in _side(ds, records[rid]).items():
            row[f"{side}_{name}"] = value
    return row


def _records(ds: Dataset) -> dict[str, Figure | Event]:
    records: dict[str, Figure | Event] = {f.id: f for f in ds.figure_records}
    records.update((e.id, e) for e in ds.event_records)
    return records


def _side(ds: Dataset, record: Figure | Event) -> dict[str, Any]:
    src = ds.source_records[record.source]
    common = {
        "id": record.id, "source": src.id, "publisher": src.publisher,
        "published": src.published, "url": src.url, "quote": record.quote,
    }  # fmt: skip
    if isinstance(record, Event):
        return {
            **common, "kind": "claim", "as_of": record.date,
            "reported": "withdrawal completed", "claimant": record.claimant,
        }  # fmt: skip
    return {
        **common, "kind": record.kind, "as_of": record.as_of, "reported": reading(record),
        "claimant": record.claimant,
    }  # fmt: skip


def _block(row: dict[str, Any]) -> str:
    when = row["start"] if row["start"] == row["end"] else f"{row['start']}..{row['end']}"
    lines = [f"{row['series']}  {when}  {row['rule']}: {row['reason']}"]
    for side in ("first", "second"):
        get = {f: row[f"{side}_{f}"] for f in SIDE_FIELDS}
        published = get["published"] or "undated"
        lines.append(f"  {get['kind']} {get['reported']}, as of {get['as_of']}: {get['id']}")
        lines.append(f"    {get['claimant'] or 'claimant not given'}")
        lines.append(f"    {get['publisher'] or 'publisher not given'}, {published}")
        quote = " ".join(get["quote"].split())
        lines.extend(
            textwrap.wrap(
                f"“{quote}”",
                TEXT_WIDTH,
                initial_indent="    ",
                subsequent_indent="    ",
                break_on_hyphens=False,
            )
        )
    return "\n".join(lines) + "\n"
