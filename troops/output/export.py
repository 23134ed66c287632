"""``troops export``: the dataset as a Frictionless data package anyone can load.

The package holds one CSV per table of :mod:`troops.output.package` (figures, sources, events,
event_sources, steps, series, hedges, publishers; RFC 4180, UTF-8, empty cell for null),
a ``datapackage.json`` (Frictionless Data Package v1: table schemas with types,
required/enum/pattern constraints, primary and foreign keys, and the list of sources) and a
README describing the fields and the hedge rules (from ``data/hedges.yaml``).  Figures
marked for review are left out, as in tables and charts.  Every file is written
atomically; the output depends on the data and the troops version only.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from troops import __version__
from troops.core import hedges as hedge_table
from troops.core.model import Event
from troops.dataset.api import Dataset
from troops.io.fsio import atomic_write, refuse_dataset_area
from troops.io.trees import replace_directory
from troops.output.package import (
    EVENT_SOURCES,
    EVENTS,
    FIGURES,
    HEDGES,
    PUBLISHERS,
    SERIES,
    SOURCES,
    STEPS,
    TABLES,
    Table,
)
from troops.output.render import render_csv

Rows = list[dict[str, Any]]
TITLE = "Reported US and coalition troop levels in Iraq and Syria"


def _joined(mapping: Mapping[str, str]) -> str | None:
    return "; ".join(f"{k}: {' '.join(v.split())}" for k, v in mapping.items()) or None


def _figure_rows(ds: Dataset) -> Rows:
    table = hedge_table.index(ds.hedge_records)
    rows = []
    for fig in ds.select():
        row = {k: v for k, v in ds.figure_row(fig).items() if k in FIGURES.names()}
        row["hedge"] = table[hedge_table.key(fig.hedge)].phrase if fig.hedge else None
        row["direction"] = fig.direction
        row["revises"] = " ".join(fig.revises) or None
        row["inferred"] = _joined(fig.inferred)
        row["note"] = fig.note
        rows.append(row)
    return rows


def _source_rows(ds: Dataset) -> Rows:
    rows = []
    for s in sorted(ds.source_records.values(), key=lambda s: s.id):
        row = s.model_dump(exclude={"via", "inferred"})
        row["via"] = "; ".join(v.name for v in s.via) or None
        row["publisher_type"] = ds.publisher_type(s.id)
        row["inferred"] = _joined(s.inferred)
        rows.append(row)
    return rows


def _events(ds: Dataset) -> list[Event]:
    return sorted(ds.event_records, key=lambda e: (e.period.start, e.id))


def _event_rows(ds: Dataset) -> Rows:
    rows = []
    for e in _events(ds):
        row = e.model_dump(exclude={"inferred"})
        row.update(
            date_start=e.period.start.isoformat(),
            date_end=e.period.end.isoformat(),
            series=" ".join(e.series) or None,
            also=" ".join(c.source for c in e.also) or None,
            inferred=_joined(e.inferred),
        )
        rows.append(row)
    return rows


def _event_source_rows(ds: Dataset) -> Rows:
    rows: Rows = []
    for e in _events(ds):
        rows.append({"event": e.id, "source": e.source, "role": "source", "quote": e.quote})
        rows += [
            {"event": e.id, "source": c.source, "role": "also", "quote": c.quote, "note": c.note}
            for c in e.also
        ]
    return rows


def _step_rows(ds: Dataset) -> Rows:
    rows = []
    for series in ds.series_records:
        for seg in ds.segments(series):
            row = ds.step_row(seg)
            row.update(
                start_latest=seg.start_latest.isoformat(),
                bound=seg.bound,
                figures=" ".join(seg.figures),
            )
            rows.append(row)
    return rows


def _series_rows(ds: Dataset) -> Rows:
    return [s.model_dump() for s in ds.series_records.values()]


def _hedge_rows(ds: Dataset) -> Rows:
    return [{**h.model_dump(), "reading": hedge_table.describe(h)} for h in ds.hedge_records]


ROWS: dict[str, Callable[[Dataset], Rows]] = {
    FIGURES.name: _figure_rows,
    SOURCES.name: _source_rows,
    EVENTS.name: _event_rows,
    EVENT_SOURCES.name: _event_source_rows,
    STEPS.name: _step_rows,
    SERIES.name: _series_rows,
    HEDGES.name: _hedge_rows,
    PUBLISHERS.name: lambda ds: [p.model_dump() for p in ds.publisher_records.values()],
}


def descriptor(ds: Dataset, counts: Mapping[str, int]) -> dict[str, Any]:
    """The ``datapackage.json`` descriptor (Frictionless Data Package v1)."""
    sources = []
    for s in sorted(ds.source_records.values(), key=lambda s: s.id):
        entry: dict[str, Any] = {"title": _source_title(s.publisher, s.title, s.published)}
        if s.url:
            entry["path"] = s.url
        sources.append(entry)
    return {
        "profile": "tabular-data-package",
        "name": "troops",
        "title": TITLE,
        "description": (
            "Every reported US and coalition troop figure for Iraq and Syria in the troops "
            f"dataset (digest {ds.digest[:12]}), each tied to its source and the exact "
            f"words it used. Exported by troops {__version__}."
        ),
        "version": __version__,
        "keywords": ["Iraq", "Syria", "troops", "military", "coalition"],
        "sources": sources,
        "resources": [
            {
                "name": t.name,
                "path": t.path,
                "profile": "tabular-data-resource",
                "title": t.description,
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "dialect": {"delimiter": ",", "lineTerminator": "\r\n", "header": True},
                "schema": t.schema(),
                "x-rows": counts[t.name],
            }
            for t in TABLES
        ],
    }


def _source_title(publisher: str | None, title: str | None, published: str | None) -> str:
    parts = [publisher or "publisher not named", title or "untitled"]
    return ": ".join(parts) + (f" ({published})" if published else "")


def readme(ds: Dataset, counts: Mapping[str, int]) -> str:
    """The package README: what the files hold, every field, and the hedge rules."""
    lines = [
        f"# {TITLE}",
        "",
        "Every figure is one number one published report gives, with the exact words it",
        "used (`quote`) and the source it came from (`source`, see `sources.csv`).",
        f"Exported by troops {__version__} from the dataset with digest {ds.digest[:12]}.",
        "Load `datapackage.json` with any Frictionless tool, or read the CSV files directly",
        "(UTF-8, RFC 4180, an empty cell means no value).",
        "",
        "## Files",
        "",
    ]
    lines += [
        f"- `{t.path}` ({counts[t.name]} row{'s' * (counts[t.name] != 1)}): {t.description}"
        for t in TABLES
    ]
    for t in TABLES:
        lines += ["", f"## {t.path}", "", "| field | type | description |", "|---|---|---|"]
        for c in t.columns:
            extra = " One of: " + ", ".join(c.enum) + "." if c.enum else ""
            need = " Required." if c.required else ""
            lines.append(f"| `{c.name}` | {c.type} | {c.description}{extra}{need} |")
        keys = ", ".join(t.primary_key)
        lines.append(f"\nPrimary key: {keys}." + "".join(
            f" `{a}` refers to `{b}.{c}`." for a, b, c in t.foreign_keys
        ))  # fmt: skip
    lines += [
        "",
        "## Hedge rules",
        "",
        "A hedge word in a quote sets the figure's `bound` and, where the table gives widths,",
        "its `low`/`high` around `value` (rounded to whole troops). One-sided hedges stay",
        "one-sided. A figure without a hedge is exact (or unknown when it has no value).",
        "",
    ]
    lines += [f"- {hedge_table.describe(h)} ({h.bound})" for h in ds.hedge_records]
    return "\n".join(lines) + "\n"


#: The files of a package; a directory holding only these can be replaced by a new export.
PACKAGE_FILES = frozenset({*(t.path for t in TABLES), "datapackage.json", "README.md"})


def export(ds: Dataset, directory: Path | str) -> list[Path]:
    """Write the data package of ``ds`` as ``directory``; return the files written.

    The package is built in a new directory beside ``directory`` and swapped in with one
    rename (:func:`troops.fsio.replace_directory`), so a reader, or a kill, never meets new
    figures beside old sources.  An existing ``directory`` is replaced only when it holds
    nothing but package files (an earlier export); one inside a dataset's ``data/`` or
    ``seeds/`` is refused.
    """
    out = Path(directory)
    refuse_dataset_area(out, [ds.root])
    tables = {t.name: ROWS[t.name](ds) for t in TABLES}
    counts = {name: len(rows) for name, rows in tables.items()}
    text = json.dumps(descriptor(ds, counts), indent=2, ensure_ascii=False) + "\n"
    with replace_directory(out, keep=PACKAGE_FILES) as staging:
        for t in TABLES:
            _write_csv(staging, t, tables[t.name])
        atomic_write(staging / "datapackage.json", text)
        atomic_write(staging / "README.md", readme(ds, counts))
    names = [*(t.path for t in TABLES), "datapackage.json", "README.md"]
    return [out / name for name in names]


def _write_csv(out: Path, table: Table, rows: Iterable[Mapping[str, Any]]) -> Path:
    return atomic_write(out / table.path, render_csv(list(rows), table.names()))
