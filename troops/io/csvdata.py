"""Figures kept in CSV tables (``data/figures/*.csv``), read and schema-checked by column.

For bulk imported data a dataset may hold figures in CSV files, one row per figure, with the
same fields as a figure in a source file.  The header names the columns, in any order;
``id, series, source, kind, as_of, value, claimant, quote`` are required, the other figure
fields (``hedge, bound, low, high, direction, revises, inferred, note, review``) optional.
Cells follow these conventions:

* an empty cell is an empty field (``value`` empty: the number is unknown);
* ``revises`` holds figure ids separated by spaces;
* ``inferred`` holds ``field=reason`` pairs separated by `` | `` (space, bar, space);
* RFC 4180 quoting; a row may span lines inside a quoted cell.

Every rule of :class:`troops.core.model.Figure` is applied to whole columns (pandas string
operations, ``isin``, one parse per distinct ``as_of``).  Only rows that break a rule are
turned into dicts and handed to the pydantic model, so their messages are exactly those of
the YAML path; problems are reported at ``path:line`` with the CSV line where the row
starts.  Rules across records live in :mod:`troops.validate.csvchecks`.
"""

from __future__ import annotations

import csv
import difflib
import io
import re
import warnings
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import numpy as np
import pandas as pd
from pydantic import TypeAdapter, ValidationError

from troops.core.errors import ProblemLog
from troops.core.model import Figure
from troops.io.csvquotes import misplaced_quote
from troops.io.fields import field_problems
from troops.io.yamlio import decode_text, plain_int, read_bytes

if TYPE_CHECKING:
    from troops.io.records import Records

FIGURES_DIR = "figures"
#: Largest CSV table troops reads (bytes); bigger files are refused unread.
MAX_CSV_BYTES = 256 * 1024 * 1024
COLUMNS: tuple[str, ...] = tuple(Figure.model_fields)
REQUIRED = ("id", "series", "source", "kind", "as_of", "value", "claimant", "quote")
INT_COLUMNS = ("value", "low", "high")
INFERRED_SEPARATOR = " | "

_INFERRED_ITEM = re.compile(r"([a-z_]+)=(.*)", re.DOTALL)
#: Control characters a CSV cell may not hold (tab, line feed and carriage return may).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_NOT_CONTROL = bytes(b for b in range(256) if not _CONTROL.match(chr(b)))
_VISIBLE = re.compile(r"\S")
_PARSER_LINE = re.compile(r"(line|row) ([0-9]+)")


@dataclass
class FigureTable:
    """One CSV table: its cells (text), the line of each row and which rows are usable.

    ``ok`` starts as "passed the schema" and is narrowed by the cross-record checks;
    ``bound``, ``low`` and ``high`` hold the bounds resolved from the hedge table.
    """

    path: Path
    frame: pd.DataFrame
    lines: np.ndarray[Any, np.dtype[np.int64]]
    ok: np.ndarray[Any, np.dtype[np.bool_]]
    resolved: dict[str, Any] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.frame)

    @property
    def valid(self) -> pd.DataFrame:
        """The rows that passed every rule."""
        valid: pd.DataFrame = self.frame[self.ok]
        return valid


def table_paths(data_dir: Path) -> list[Path]:
    """The CSV figure tables of a ``data/`` directory, in name order."""
    folder = data_dir / FIGURES_DIR
    return sorted(folder.glob("*.csv")) if folder.is_dir() else []


def read_tables(records: Records, log: ProblemLog) -> None:
    """Read every CSV figure table of the root into ``records.tables``."""
    for path in table_paths(records.data_dir):
        records.files.append(path)
        table = read_table(path, log)
        if table is None:
            records.unread.add("figure")  # its ids are unknown: references to them are not reported
            continue
        records.tables.append(table)
        _note_broken(table, records)


def _note_broken(table: FigureTable, records: Records) -> None:
    bad_ids = table.frame["id"][~table.ok]
    if (bad_ids == "").any():
        records.unread.add("figure")
    records.broken_ids.update(bad_ids[bad_ids != ""].tolist())


def read_table(path: Path, log: ProblemLog) -> FigureTable | None:
    """Read one CSV table and check each row against the figure schema."""
    raw = read_bytes(path, log, limit=MAX_CSV_BYTES)
    text = None if raw is None else decode_text(raw, path, log)
    if raw is None or text is None:
        return None
    if _VISIBLE.search(text) is None:
        log.add(path, 1, None, None, "file is empty")
        return None
    bad = _CONTROL.search(text) if raw.translate(None, _NOT_CONTROL) else None
    if bad is not None:
        line = text.count("\n", 0, bad.start()) + 1
        log.add(path, line, None, None, f"contains control character U+{ord(bad.group()):04X}")
        return None
    try:
        header = next(csv.reader(io.StringIO(text, newline=""), strict=True))
    except (csv.Error, StopIteration):
        log.add(path, 1, None, None, "CSV error: the header row is malformed")
        return None
    if not _header_ok(path, header, log):
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # the shape is checked below, row by row
            frame = pd.read_csv(
                io.BytesIO(raw),
                header=None,  # the header is a row: a row with more fields is an error
                dtype=object,
                na_filter=False,
                skip_blank_lines=False,
                index_col=False,
                engine="c",
                encoding="utf-8",
            )
    except (pd.errors.ParserError, ValueError, csv.Error) as exc:
        message = " ".join(str(exc).split()).removeprefix("Error tokenizing data. C error: ")
        found = _PARSER_LINE.search(message)  # "line N" counts from 1, "row N" from 0
        fields = re.search(r"saw ([0-9]+)", message)
        if fields:
            message = f"row has {fields.group(1)} fields; the header has {len(header)}"
        line = int(found.group(2)) + (found.group(1) == "row") if found else 1
        log.add(path, line, None, None, f"CSV error: {message}")
        return None
    if len(frame.columns) != len(header):  # the header was cut short by a quote
        log.add(path, 1, None, None, "CSV error: the header row is malformed")
        return None
    misplaced = misplaced_quote(raw)  # pandas reads '"NA"TO' as 'NATO': quoting is checked here
    if misplaced is not None:
        log.add(path, misplaced[0], None, None, f"CSV error: {misplaced[1]}")
        return None
    frame = frame.iloc[1:].reset_index(drop=True)
    frame.columns = pd.Index(header)
    lines = _row_lines(text, frame, header)
    for name in COLUMNS:
        if name not in frame.columns:
            frame[name] = ""
    frame = frame.loc[:, list(COLUMNS)]
    blank = _cells_matching(frame["id"], _BLANK)  # rows of blank cells are blank lines
    if blank.any():
        spaces = frame[blank].apply(lambda cells: cells.str.strip() == "")
        blank[blank] = spaces.all(axis=1).to_numpy(dtype=bool)
    if blank.any():
        frame, lines = frame[~blank].reset_index(drop=True), lines[~blank]
    table = FigureTable(path, frame, lines, np.ones(len(frame), dtype=bool))
    _check_schema(table, log)
    return table


def _header_ok(path: Path, header: list[str], log: ProblemLog) -> bool:
    ok = True
    seen: set[str] = set()
    for name in header:
        if name in seen:
            log.add(path, 1, None, name, "duplicate column")
            ok = False
        seen.add(name)
    missing = [c for c in REQUIRED if c not in seen]
    for name in header:
        if name not in COLUMNS:
            close = difflib.get_close_matches(name, missing, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            if close:
                missing.remove(close[0])
            log.add(path, 1, None, name, f"unknown column{hint}")
            ok = False
    for name in missing if ok else []:  # after unknown columns, missing ones are no news
        log.add(path, 1, None, name, "missing required column")
        ok = False
    return ok


def _row_lines(text: str, frame: pd.DataFrame, header: list[str]) -> np.ndarray[Any, Any]:
    """The line on which each row starts (cells may hold line breaks inside quotes)."""
    breaks = text.count("\n") + text.count("\r") - text.count("\r\n")
    physical = breaks + (0 if text.endswith(("\n", "\r")) else 1)
    first = 2 + sum(_breaks_in(cell) for cell in header)
    rows = np.arange(first, first + len(frame), dtype=np.int64)
    if physical == len(frame) + first - 1 or not len(frame):
        return rows
    extra = np.zeros(len(frame), dtype=np.int64)
    for name in frame.columns:
        column = frame[name]
        has = column.str.contains("[\r\n]", regex=True).to_numpy(dtype=bool)
        if has.any():
            extra[has] += [_breaks_in(cell) for cell in column[has]]
    return rows + np.concatenate([[0], np.cumsum(extra)[:-1]]).astype(np.int64)


def _breaks_in(cell: str) -> int:
    return cell.count("\n") + cell.count("\r") - cell.count("\r\n")


# ---------------------------------------------------------------- the figure schema


def _check_schema(table: FigureTable, log: ProblemLog) -> None:
    """Find rows that break a field rule; report them through the pydantic model.

    Every field rule is the model's own: each distinct cell of a column is decoded as
    :func:`row_input` decodes it and validated against the annotation of that field of
    :class:`Figure` (one validation per distinct value, so a column of 100,000 identical
    claimants costs one).  A rule added to the model therefore applies to CSV rows too.
    Rows holding a failing cell, and rows with an ``inferred`` cell, are then validated
    whole, so their messages are exactly those of the YAML path.
    """
    frame = table.frame
    suspect = np.zeros(len(frame), dtype=bool)
    for name in COLUMNS:
        if name == "inferred":
            suspect |= (frame[name] != "").to_numpy(dtype=bool)  # rare: checked row by row
            continue
        cells = frame[name]
        adapter = _field_adapter(name)
        bad = []
        for cell in cells.unique().tolist():
            if cell == "":
                if name in REQUIRED and name != "value":
                    bad.append(cell)
                continue
            try:
                adapter.validate_python(decode_cell(name, cell))
            except ValidationError:
                bad.append(cell)
        if bad:
            suspect |= cells.isin(bad).to_numpy(dtype=bool)
    which = np.flatnonzero(suspect)
    # One conversion for all suspect rows: per-row Series indexing cost 0.5 ms a row.
    rows = table.frame.iloc[which].to_dict("records")
    for i, row in zip(which, rows, strict=True):
        if not _row_valid(table, int(i), log, row):
            table.ok[i] = False


@cache
def _field_adapter(name: str) -> TypeAdapter[Any]:
    """A validator for one field of :class:`Figure`, with all its constraints."""
    info = Figure.model_fields[name]
    annotation: Any = info.annotation
    if info.metadata:
        annotation = Annotated.__class_getitem__((annotation, *info.metadata))  # type: ignore[attr-defined]
    return TypeAdapter(annotation)


#: Patterns run once over a whole column joined as "\0cell\0cell...": each match starts at
#: the NUL before a cell that breaks the rule (cells cannot hold NUL: files with one are
#: refused before this point).
_BLANK = re.compile("\x00(?=[^\\S\x00]*(?:\x00|\\Z))")


def _cells_matching(cells: pd.Series, pattern: re.Pattern[str]) -> np.ndarray[Any, Any]:
    """Rows whose cell matches ``pattern`` in the joined column (one regex pass)."""
    values = cells.to_numpy(dtype=object)
    if not len(values):
        return np.zeros(0, dtype=bool)
    lengths = np.fromiter(map(len, values), dtype=np.int64, count=len(values))
    starts = np.concatenate([[0], np.cumsum(lengths + 1)[:-1]])
    hits = [m.start() for m in pattern.finditer("\x00" + "\x00".join(values))]
    mask = np.zeros(len(values), dtype=bool)
    if hits:
        mask[np.searchsorted(starts, hits, side="right") - 1] = True
    return mask


def _row_valid(table: FigureTable, i: int, log: ProblemLog, row: Mapping[str, Any]) -> bool:
    """Validate one suspect row with the pydantic model; log its problems; True when fine."""
    line = int(table.lines[i])
    rid = row["id"] or None
    data, problems = row_input(row)
    try:
        Figure.model_validate(data)
    except ValidationError as exc:
        for _, where, message in field_problems(exc.errors()):
            problems.append((where or "-", message))
    for where, message in problems:
        log.add(table.path, line, rid, where, message)
    return not problems


def row_input(row: Mapping[str, Any]) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """One row's cells as model input (empty cells left out, numbers and lists decoded),
    with the problems of cells the model cannot see (a malformed ``inferred``)."""
    data: dict[str, Any] = {}
    problems: list[tuple[str, str]] = []
    for name in COLUMNS:
        cell = row[name]
        if cell == "":
            if name == "value":
                data[name] = None
            continue
        if name == "inferred":
            inferred = parse_inferred(cell)
            if inferred is None:
                problems.append(
                    (name, f"expected field=reason pairs separated by {INFERRED_SEPARATOR!r}")
                )
            else:
                data[name] = inferred
        else:
            data[name] = decode_cell(name, cell)
    return data, problems


def decode_cell(name: str, cell: str) -> Any:
    """A non-empty cell as model input: a number written as YAML would read it
    (:func:`troops.io.yamlio.plain_int`) as an int, ``revises`` as a list of ids; anything
    else as the text it is (the model then says what is wrong with it)."""
    if name in INT_COLUMNS:
        number = plain_int(cell)
        return cell if number is None else number
    if name == "revises":
        return cell.split()
    return cell


def parse_inferred(cell: str) -> dict[str, str] | None:
    """Decode ``field=reason | field=reason``; ``None`` when the cell is not in that form."""
    out: dict[str, str] = {}
    for item in cell.split(INFERRED_SEPARATOR):
        m = _INFERRED_ITEM.fullmatch(item.strip())
        if m is None or m.group(1) in out:
            return None
        out[m.group(1)] = m.group(2)
    return out


def to_figures(table: FigureTable) -> list[Figure]:
    """The valid rows of a checked table as :class:`Figure` records (bounds resolved)."""
    idx = np.flatnonzero(table.ok)
    frame = table.frame.iloc[idx]
    bound = table.resolved["bound"][idx]
    low = table.resolved["low"][idx]
    high = table.resolved["high"][idx]
    figures = []
    for j, row in enumerate(frame.itertuples(index=False)):
        cells = row._asdict()
        data = {k: (v if v != "" else None) for k, v in cells.items()}
        data["value"] = int(cells["value"]) if cells["value"] else None
        data["bound"] = bound[j]
        data["low"] = None if np.isnan(low[j]) else int(low[j])
        data["high"] = None if np.isnan(high[j]) else int(high[j])
        data["revises"] = cells["revises"].split()
        data["inferred"] = parse_inferred(cells["inferred"]) if cells["inferred"] else {}
        figures.append(Figure.model_construct(**data))
    return figures
