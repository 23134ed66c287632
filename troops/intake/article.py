"""Taking in a new article: read its text safely and turn it into candidate figure records.

The text must be UTF-8 without byte-order mark or NUL bytes (the same rules as every file
troops reads, :func:`troops.io.yamlio.decode_text`); anything else is one clean error.  The
hedge table and the series come from the dataset the candidates are meant for.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from troops.core.errors import DataError, ProblemLog
from troops.core.model import UNSAFE, Hedge, unsafe_character
from troops.extract import Candidate, extract
from troops.extract.records import figure_records, slug
from troops.io.reader import read_records
from troops.io.yamlio import decode_text, read_bytes

#: Largest article troops reads (bytes), the same limit as for archived texts.
MAX_ARTICLE_BYTES = 10 * 1024 * 1024
#: The review mark `troops add` puts on every candidate.
#: Short enough to stay one plain YAML line, so "delete this line" removes all of it.
REVIEW = "check every field against the quote, then delete this line"


@dataclass(frozen=True)
class Vocabulary:
    """What extraction needs from a dataset: its hedge table and its series ids."""

    hedges: list[Hedge]
    series: list[str]


def vocabulary(root: Path) -> Vocabulary:
    """Read the hedge table and series of the dataset at ``root``.

    Only problems in ``series.yaml`` and ``hedges.yaml`` stop extraction; the source
    files do not concern it.
    """
    log = ProblemLog()
    records = read_records(root, log)
    own = {(records.data_dir / name).resolve() for name in ("series.yaml", "hedges.yaml")}
    mine = [p for p in log.errors if Path(p.path).resolve() in own]
    if mine:
        raise DataError(mine)
    return Vocabulary([e.record for e in records.hedges], [e.record.id for e in records.series])


def read_article(path: Path) -> tuple[str, bytes]:
    """The text and raw bytes of an article file (read once); a :class:`DataError` when
    it is missing, no regular file (a directory, a device), too big or not clean UTF-8."""
    log = ProblemLog()
    raw = read_bytes(path, log, limit=MAX_ARTICLE_BYTES)
    text = None if raw is None else decode_text(raw, path, log)
    if raw is None or text is None:
        raise DataError(log.problems)
    _refuse_unsafe(text, path)
    return text, raw


def _refuse_unsafe(text: str, where: Path) -> None:
    """An article holding a control character (but tab, line breaks and form feed) or a bidi
    override is refused: its text would be archived and quoted, and shown in terminals."""
    bad = UNSAFE.search(text.replace("\x0c", "\n"))
    if bad is not None:
        line = text.count("\n", 0, bad.start()) + 1
        raise DataError.single(where, unsafe_character(bad.group()), line=line)


def read_stdin(stream: BinaryIO) -> str:
    """The text of an article piped to standard input (at most the size limit)."""
    log = ProblemLog()
    where = Path("<stdin>")
    raw = stream.read(MAX_ARTICLE_BYTES + 1)
    if len(raw) > MAX_ARTICLE_BYTES:
        raise DataError.single(where, f"input is over the limit of {MAX_ARTICLE_BYTES:,} bytes")
    text = decode_text(raw, where, log)
    if text is None:
        raise DataError(log.problems)
    _refuse_unsafe(text, where)
    return text


@dataclass(frozen=True)
class Extraction:
    """Candidate records of one article, and the candidates left out for their series."""

    records: list[dict[str, Any]]
    unknown_series: list[str]


def candidate_records(
    text: str,
    vocab: Vocabulary,
    *,
    source_id: str,
    published: str | None,
    title: str | None = None,
    url: str | None = None,
    review: str | None = None,
) -> Extraction:
    """Figure records for the candidates of ``text`` whose series the dataset has
    (``title`` and ``url`` give context only)."""
    found: list[Candidate] = extract(text, vocab.hedges, title=title, url=url)
    known = [c for c in found if c.series in vocab.series]
    unknown = sorted({c.series for c in found if c.series not in vocab.series})
    records = figure_records(known, source_id=source_id, published=published, review=review)
    return Extraction(records, unknown)


def default_source_id(stem: str) -> str:
    """A source id made of a file name or of publisher and date."""
    return slug(stem)
