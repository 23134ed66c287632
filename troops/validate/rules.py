"""The figure rules and their messages, written once for YAML figures and CSV rows (and the
one-line-per-unknown-series rule, which looks at both).

:mod:`troops.validate.checks` applies them to a figure of a source file and
:mod:`troops.validate.csvchecks` to the rows of a CSV table (grouped by archive, in the
same order); both report exactly these words.  The hedge rules live in
:func:`troops.core.hedges.resolve`, which both paths call.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from pathlib import Path

from troops.core import hedges as hedge_table
from troops.core.errors import ProblemLog, display_path
from troops.core.textmatch import Miss, find_passage, quote_misses, quote_text, writes_number
from troops.io.records import Records

#: At most this many characters of a passage are shown in a problem line.
SHOWN = 60


def unknown_series(series: str, uses: int = 1) -> str:
    """A reference to a series ``data/series.yaml`` does not define (``uses`` records name it)."""
    more = f"; {uses} records name it" if uses > 1 else ""
    return f"unknown series {series!r} (not in data/series.yaml{more})"


def misspelt_series(used: str, uses: int) -> str:
    """A series entry whose id is probably a misspelling of one the records use."""
    records = "1 record names" if uses == 1 else f"{uses} records name"
    return (
        f"no record uses this series, but {records} series {used!r}, which is not defined"
        " (is this id misspelt?)"
    )


def unknown_source(source: str) -> str:
    """A reference to a source no source file defines."""
    return f"unknown source {source!r}"


def out_of_order(lower: int, upper: int) -> str:
    """Two of low, value and high in the wrong order."""
    return f"bounds out of order: {lower} > {upper} (low <= value <= high)"


def late_figure(as_of: str, published: str | None) -> str:
    """A figure describing a time after its source was published."""
    return (
        f"{as_of} is after the source's publication ({published});"
        " only a target may describe a later time"
    )


def not_in_quote(number: int) -> str:
    """A figure's value, low or high that its quote does not write."""
    return f"{number} does not occur in the quote (as digits or words)"


def duplicate_id(path: Path, line: int) -> str:
    """An id used before, at ``path:line``."""
    return f"duplicate id; first used at {display_path(path)}:{line}"


def marked_for_review(reason: str) -> str:
    """The warning for a record a curator has not cleared yet."""
    return f"marked for review ({reason}); left out of tables and charts"


def inferred_names_nothing() -> str:
    """An ``inferred`` entry naming no field of the record."""
    return "names no field of this record"


def inferred_but_empty(name: str) -> str:
    """An ``inferred`` entry for a field that is empty."""
    return f"says {name} is inferred, but {name} is empty"


def miss_message(miss: Miss, archive: str) -> str:
    """The problem of one passage the archive does not hold on token boundaries."""
    passage = miss.passage
    shown = passage if len(passage) <= SHOWN else passage[: SHOWN - 3] + "..."
    if miss.reason == "inside":
        return (
            f"found in seeds/{archive} only inside a longer word or number (a quote starts"
            f" and ends where the archive's words do): {shown!r}"
        )
    return f"not found verbatim in seeds/{archive}: {shown!r}"


def quote_problems(
    quote: str, archive_normalised: str, archive: str, *, normal: bool = False
) -> list[str]:
    """The quote rule: every passage in the archive on token boundaries (one message per
    passage that is not).  ``normal`` vouches that ``quote`` is already normal text
    without ``[...]`` (:func:`troops.core.textmatch.is_normal`), which saves normalising."""
    if normal:
        reason = find_passage(quote, archive_normalised)
        misses = [] if reason is None else [Miss(quote, reason)]
    else:
        misses = quote_misses(quote, archive_normalised)
    return [miss_message(m, archive) for m in misses]


def number_problems(
    quote: str, numbers: Iterable[tuple[str, int | None]], *, normal: bool = False
) -> list[tuple[str, str]]:
    """The number rule: each given number written as a whole number in the normalised quote
    (the text that was matched against the archive); ``(field, message)`` per number not."""
    text = quote if normal else quote_text(quote)
    return [
        (name, not_in_quote(number))
        for name, number in numbers
        if number is not None and not writes_number(text, number)
    ]


def hedge_reported(records: Records, phrase: str) -> bool:
    """True when an unknown hedge phrase is not explained by a broken or unread hedge row
    (a problem already reported), so that it is a problem of its own."""
    key = hedge_table.key(phrase)
    broken = {hedge_table.key(b) for b in records.broken_ids}
    return key not in broken and "hedge" not in records.unread


def unknown_series_once(records: Records, series: set[str], log: ProblemLog) -> None:
    """One line per unknown series id, however many records name it: when several do, at
    the series.yaml entry it was most likely meant to be (a defined id close to it that
    nothing uses), else at its first use, with the count.  The other uses are then not
    reported again."""
    uses: dict[str, list[tuple[Path, int, str, str]]] = {}
    for fig in records.figures:
        uses.setdefault(fig.record.series, []).append(
            (fig.loc.path, fig.loc.of("series"), fig.record.id, "series")
        )
    for ev in records.events:
        for i, sid in enumerate(ev.record.series):
            uses.setdefault(sid, []).append((ev.loc.path, ev.loc.of("series"), ev.record.id,
                                             f"series.{i}"))  # fmt: skip
    for table in records.tables:
        frame = table.frame
        cells = zip(table.ok.tolist(), frame["series"].tolist(), frame["id"].tolist(),
                    table.lines.tolist(), strict=True)  # fmt: skip
        for ok, sid, rid, line in cells:
            if ok:
                uses.setdefault(sid, []).append((table.path, line, rid, "series"))
    unknown = {sid: at for sid, at in uses.items() if sid not in series}
    unused = sorted(series - set(uses))
    for sid, at in unknown.items():
        if not records.dangling(sid, "series"):
            continue
        records.broken_ids.add(sid)  # its uses are reported here, once
        # Several records agreeing on a spelling make the definition the odd one out.
        meant = difflib.get_close_matches(sid, unused, n=1) if len(at) > 1 else []
        if meant:
            entry = next(e for e in records.series if e.record.id == meant[0])
            log.add(entry.loc.path, entry.loc.of("id"), meant[0], "id",
                    misspelt_series(sid, len(at)))  # fmt: skip
            continue
        path, line, rid, field = at[0]
        log.add(path, line, rid, field, unknown_series(sid, len(at)))
