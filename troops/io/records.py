"""The records read from a dataset root, each with its location: the one shape the YAML
reader and the CSV table reader both fill and validation reads."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel

from troops.core.errors import DataError
from troops.core.model import Event, Figure, Hedge, Publisher, Series, Source

R = TypeVar("R", bound=BaseModel)
DATA_DIR = "data"
SEEDS_DIR = "seeds"
SOURCE_KEYS = ("source", "figures", "events")
#: The kinds of record; references name a series, a source, a hedge phrase or a figure.
RecordKind = Literal["series", "hedge", "source", "figure", "event", "publisher"]
KIND_OF: dict[type[BaseModel], RecordKind] = {
    Series: "series",
    Hedge: "hedge",
    Source: "source",
    Figure: "figure",
    Event: "event",
    Publisher: "publisher",
}
#: What a source file may hold: a file that cannot be read may have held any of these.
SOURCE_FILE_KINDS: tuple[RecordKind, ...] = ("source", "figure", "event")


@dataclass(frozen=True)
class Loc:
    """Where a record was written: file, line of the record, line of each field."""

    path: Path
    line: int
    lines: Mapping[str, int] = field(default_factory=dict)

    def of(self, name: str | None) -> int:
        """The line of field ``name`` (the record's own line when absent)."""
        return self.lines.get(name, self.line) if name else self.line


@dataclass(frozen=True)
class Entry(Generic[R]):
    """A validated record together with its location."""

    record: R
    loc: Loc


@dataclass
class Records:
    """Everything read from a dataset root, each record with its location."""

    root: Path
    series: list[Entry[Series]] = field(default_factory=list)
    hedges: list[Entry[Hedge]] = field(default_factory=list)
    sources: list[Entry[Source]] = field(default_factory=list)
    figures: list[Entry[Figure]] = field(default_factory=list)
    events: list[Entry[Event]] = field(default_factory=list)
    #: data/publishers.yaml, when the dataset has one (``None`` when it has none).
    publishers: list[Entry[Publisher]] | None = None
    files: list[Path] = field(default_factory=list)
    broken_ids: set[str] = field(default_factory=set)
    #: Figure tables read from data/figures/*.csv (:class:`troops.io.csvdata.FigureTable`).
    tables: list[Any] = field(default_factory=list)
    #: Kinds of record that may be missing because a file, list or record that could hold
    #: them could not be read (a problem already reported): a reference to a record of such
    #: a kind is then not reported as unknown.  References to other kinds still are.
    unread: set[RecordKind] = field(default_factory=set)

    def dangling(self, ref: str, kind: RecordKind) -> bool:
        """True when ``ref``, a reference to a record of ``kind``, is missing for a reason
        not already reported."""
        return ref not in self.broken_ids and kind not in self.unread

    @property
    def data_dir(self) -> Path:
        """The ``data/`` directory of the root."""
        return self.root / DATA_DIR

    @property
    def seeds_dir(self) -> Path:
        """The ``seeds/`` directory of the root."""
        return self.root / SEEDS_DIR


def find_root(path: Path | str) -> Path:
    """Check that ``path`` is a dataset root and return it (``data/`` itself names its root).

    Which root a command reads when none is named is decided by
    :func:`troops.dataset.discover.discover`.
    """
    root = Path(path)
    if (root / DATA_DIR).is_dir():
        return root
    if root.name == DATA_DIR and (root.parent / SEEDS_DIR).is_dir():
        return root.parent  # the user named data/ itself
    raise DataError.single(root, f"is not a dataset root (no {DATA_DIR}/ directory in it)")
