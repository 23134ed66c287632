"""Rules across records for CSV figure tables, applied to whole columns.

The same rules as :func:`troops.validate.checks.check` applies to a figure in a source file, in the
same order and with the same messages: ids unique across the dataset, known series and
source, bounds resolved from the hedge table, low <= value <= high, the quote verbatim in the
source's archive (checked per archive, with a fast substring test for quotes that need no
normalising), ``as_of`` not after publication, the numbers written in the quote, the hedge
phrase in the quote, the claimant's words in the texts of the record or an
``inferred.claimant`` reason (:mod:`troops.validate.provenance`).  As in the YAML path a row
gets at most one problem per field.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from troops.core import hedges as hedge_table
from troops.core.errors import ProblemLog
from troops.core.model import FORWARD_FIGURE_KINDS, Figure, Hedge, Source
from troops.core.periods import parse_period
from troops.core.textmatch import is_normal
from troops.io.archives import Archive
from troops.io.csvdata import FigureTable, parse_inferred
from troops.io.records import Entry, Records
from troops.validate import rules
from troops.validate.csvbounds import resolve
from troops.validate.provenance import claimant_problem, page_words
from troops.validate.revision import Revision
from troops.validate.tableproblems import TableProblems

Where = tuple[Path, int]
Array = np.ndarray[Any, Any]


def check_tables(
    records: Records,
    sources: Mapping[str, Entry[Source]],
    series: set[str],
    archives: Mapping[str, Archive | None],
    seen: dict[str, Where],
    log: ProblemLog,
) -> None:
    """Check every table of ``records`` against the rest of the dataset; ``seen`` maps ids
    already used to where they were first used, and grows with each table's ids."""
    hedges = hedge_table.index(h.record for h in records.hedges)
    for table in records.tables:
        _check_table(table, records, sources, series, archives, hedges, seen, log)


def _check_table(
    table: FigureTable,
    records: Records,
    sources: Mapping[str, Entry[Source]],
    series: set[str],
    archives: Mapping[str, Archive | None],
    hedges: dict[str, Hedge],
    seen: dict[str, Where],
    log: ProblemLog,
) -> None:
    f, out = table.frame, TableProblems(table, log)
    _unique(table, records, seen, out)
    rows = np.flatnonzero(table.ok)
    cells = {name: f[name].to_numpy(dtype=object) for name in f.columns}
    bad_series = rows[~pd.Series(cells["series"][rows]).isin(series).to_numpy()]
    table.ok[bad_series] = False  # reported below, or once for all its uses by checks.py
    out.each(
        bad_series[[records.dangling(cells["series"][i], "series") for i in bad_series]],
        "series",
        lambda i: rules.unknown_series(cells["series"][i]),
    )
    has_source = pd.Series(cells["source"]).isin(list(sources)).to_numpy()
    missing = rows[~has_source[rows]]
    out.each(
        missing[[records.dangling(cells["source"][i], "source") for i in missing]],
        "source",
        lambda i: rules.unknown_source(cells["source"][i]),
    )
    numbers = {name: _numbers(cells[name], rows) for name in ("value", "low", "high")}
    bound, low, high, dead = resolve(cells, numbers, rows, hedges, records, out)
    table.resolved = {"bound": bound, "low": low, "high": high}
    table.ok[dead] = False
    rows = rows[~dead[rows]]
    _order(rows, numbers["value"], low, high, out)
    normal = np.zeros(len(f), dtype=bool)
    normal[rows] = np.fromiter(map(is_normal, cells["quote"][rows]), dtype=bool, count=len(rows))
    cells["normal"] = normal
    _quotes(rows[has_source[rows]], cells, sources, archives, out)
    _published(rows[has_source[rows]], cells, sources, out)
    _numbers_in_quotes(rows, cells, numbers, out)
    _hedge_in_quote(rows, cells, out)
    _inferred(rows, cells, out)
    _claimants(rows[has_source[rows]], cells, sources, archives, out)
    _review(table, cells, log)


def _numbers(cells: Array, rows: Array) -> Array:
    """The numbers of ``rows`` (which passed the schema: digits or empty) as floats, NaN for
    empty cells and for other rows."""
    out = np.full(len(cells), np.nan)
    given = rows[cells[rows] != ""]
    if len(given):
        out[given] = cells[given].astype(np.int64)
    return out


def _unique(
    table: FigureTable, records: Records, seen: dict[str, Where], out: TableProblems
) -> None:
    """Report ids used before (in YAML, an earlier table or an earlier row); the first use
    keeps the id.  ``seen`` holds the YAML ids; earlier tables are looked up in ``records``."""
    ids = table.frame["id"]
    rows = np.flatnonzero(table.ok)
    mine = ids.iloc[rows]
    earlier = records.tables[: records.tables.index(table)]
    again = mine.duplicated(keep="first") | mine.isin(list(seen))
    for other in earlier:
        again |= mine.isin(other.frame["id"][other.ok])
    for i in rows[again.to_numpy()]:
        rid = str(ids.iat[i])
        path, line = seen.get(rid) or _first_row(rid, [*earlier, table])
        out.add(int(i), "id", rules.duplicate_id(path, line))
        records.broken_ids.add(rid)
        records.unread.add("figure")


def _first_row(rid: str, tables: list[FigureTable]) -> Where:
    for t in tables:
        hit = np.flatnonzero((t.frame["id"] == rid).to_numpy(dtype=bool) & t.ok)
        if len(hit):
            return t.path, int(t.lines[hit[0]])
    raise AssertionError(rid)  # pragma: no cover - a duplicate has a first use


def _order(rows: Array, value: Array, low: Array, high: Array, out: TableProblems) -> None:
    checks = (("low", low, value), ("high", value, high), ("low", low, high))
    done = np.zeros(len(value), dtype=bool)
    for name, lower, upper in checks:
        with np.errstate(invalid="ignore"):
            wrong = rows[(lower[rows] > upper[rows]) & ~done[rows]]
        done[wrong] = True
        for i in wrong:
            out.add(int(i), name, rules.out_of_order(int(lower[i]), int(upper[i])))


def _quotes(
    rows: Array,
    cells: dict[str, Array],
    sources: Mapping[str, Entry[Source]],
    archives: Mapping[str, Archive | None],
    out: TableProblems,
) -> None:
    """Each quote must occur in its source's archive: one pass per archive."""
    by_source = pd.Series(rows).groupby(cells["source"][rows], sort=False)
    for source_id, group in by_source:
        archive = archives.get(str(source_id))
        if archive is None:
            continue  # the archive's own problem is already reported
        text, name = archive.normalised, sources[str(source_id)].record.archive
        idx = group.to_numpy()
        quotes = cells["quote"][idx].tolist()
        normal = cells["normal"][idx].tolist()
        for i, quote, is_normal_ in zip(idx.tolist(), quotes, normal, strict=True):
            problems = rules.quote_problems(quote, text, name, normal=is_normal_)
            if problems:
                out.add(i, "quote", problems[0])


def _published(
    rows: Array, cells: dict[str, Array], sources: Mapping[str, Entry[Source]], out: TableProblems
) -> None:
    """``as_of`` may not start after the source's publication, except for a target."""
    ends = {
        sid: float(p.end.toordinal()) if (p := e.record.published_period) else np.nan
        for sid, e in sources.items()
    }
    as_of = cells["as_of"][rows]
    first_day = {t: float(parse_period(t).start.toordinal()) for t in set(as_of)}
    starts = np.array([first_day[t] for t in as_of], dtype=float)
    published = np.array([ends[s] for s in cells["source"][rows]], dtype=float)
    forward = np.isin(cells["kind"][rows], list(FORWARD_FIGURE_KINDS))
    with np.errstate(invalid="ignore"):
        late = (starts > published) & ~forward
    out.each(
        rows[late],
        "as_of",
        lambda i: rules.late_figure(
            cells["as_of"][i], sources[cells["source"][i]].record.published
        ),
    )


def _numbers_in_quotes(
    rows: Array, cells: dict[str, Array], numbers: dict[str, Array], out: TableProblems
) -> None:
    """Each given number written in the normalised quote (:func:`rules.number_problems`)."""
    given = rows[~np.all([np.isnan(numbers[n][rows]) for n in _NUMBERS], axis=0)]
    for i in given.tolist():
        said = [(n, None if np.isnan(numbers[n][i]) else int(numbers[n][i])) for n in _NUMBERS]
        for name, message in rules.number_problems(
            cells["quote"][i], said, normal=bool(cells["normal"][i])
        ):
            out.add(i, name, message)


_NUMBERS = ("value", "low", "high")


def _hedge_in_quote(rows: Array, cells: dict[str, Array], out: TableProblems) -> None:
    hedged = rows[cells["hedge"][rows] != ""]
    hedges, quotes = cells["hedge"][hedged].tolist(), cells["quote"][hedged].tolist()
    normal = cells["normal"][hedged].tolist()
    for i, hedge, quote, is_normal_ in zip(hedged.tolist(), hedges, quotes, normal, strict=True):
        if not hedge_table.in_quote(hedge, quote, normal=is_normal_):
            out.add(i, "hedge", hedge_table.not_in_quote(hedge))


def _inferred(rows: Array, cells: dict[str, Array], out: TableProblems) -> None:
    for i in rows[cells["inferred"][rows] != ""]:
        for name in parse_inferred(cells["inferred"][i]) or {}:
            if name in ("inferred", "id") or name not in Figure.model_fields:
                out.add(int(i), f"inferred.{name}", rules.inferred_names_nothing())
            elif name in cells and name != "revises" and cells[name][i] == "":
                out.add(int(i), f"inferred.{name}", rules.inferred_but_empty(name))


def _claimants(
    rows: Array,
    cells: dict[str, Array],
    sources: Mapping[str, Entry[Source]],
    archives: Mapping[str, Archive | None],
    out: TableProblems,
) -> None:
    """The claimant rule of source files (:func:`claimant_problem`) for each row whose
    ``inferred`` cell gives no claimant reason.  Each distinct (source, claimant) pair is
    checked once against the source's page words; only rows of a pair the page does not
    support are checked with their quote (a quote found in the archive adds no word)."""
    inferred = pd.Series(cells["inferred"][rows], dtype=object)
    marked = inferred.str.contains(_CLAIMANT_MARK, regex=True).to_numpy(dtype=bool)
    rows = rows[~marked]
    pairs = pd.DataFrame({"source": cells["source"][rows], "claimant": cells["claimant"][rows]})
    pages: dict[str, set[str]] = {}
    unsupported = set()
    for sid, claimant in pairs.drop_duplicates().itertuples(index=False):
        archive = archives.get(sid)
        if archive is None:
            continue  # the archive's own problem is already reported
        if sid not in pages:
            pages[sid] = page_words(sources[sid].record, archive)
        if claimant_problem(claimant, "", pages[sid]) is not None:
            unsupported.add((sid, claimant))
    if not unsupported:
        return
    hit = [pair in unsupported for pair in zip(pairs["source"], pairs["claimant"], strict=True)]
    for i in rows[np.array(hit, dtype=bool)].tolist():
        problem = claimant_problem(
            cells["claimant"][i], cells["quote"][i], pages[cells["source"][i]]
        )
        if problem is not None:
            out.add(i, "claimant", problem)


#: An ``inferred`` cell holding a claimant reason (``claimant=...`` as its first or a later pair).
_CLAIMANT_MARK = r"(?:^|\s\|\s)\s*claimant="


def _review(table: FigureTable, cells: dict[str, Array], log: ProblemLog) -> None:
    for i in np.flatnonzero(table.ok & (cells["review"] != "")):
        log.add(
            table.path,
            int(table.lines[i]),
            cells["id"][i],
            "review",
            rules.marked_for_review(cells["review"][i]),
            warning=True,
        )


def revision_claims(
    tables: list[FigureTable],
) -> tuple[list[Revision], dict[str, tuple[str, str]], set[str]]:
    """From checked tables: the rows that revise others, the valid figures (id -> series,
    source) and every figure id written."""
    claims: list[Revision] = []
    targets: dict[str, tuple[str, str]] = {}
    written: set[str] = set()
    for table in tables:
        f = table.frame
        written.update(f["id"].tolist())
        valid = f[table.ok]
        pairs = zip(valid["series"].tolist(), valid["source"].tolist(), strict=True)
        targets.update(zip(valid["id"].tolist(), pairs, strict=True))
        for i in np.flatnonzero(table.ok & (f["revises"] != "").to_numpy()):
            row = f.iloc[i]
            claims.append(Revision(table.path, int(table.lines[i]), row["id"], row["series"],
                                   row["source"], tuple(row["revises"].split())))  # fmt: skip
    return claims, targets, written
