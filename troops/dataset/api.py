"""The Python API: ``troops.load()`` returns a validated :class:`Dataset`.

>>> import troops
>>> ds = troops.load()                       # the bundled dataset
>>> ds.figures[["id", "series", "as_of", "value", "bound"]]   # pandas DataFrame
>>> ds.steps("us-iraq", known_on="2022-01-01")                 # step segments

Records (pydantic objects) stay available for code that wants them: ``ds.series_records``,
``ds.source_records``, ``ds.figure_records`` and ``ds.event_records``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from troops.core import steps as step_rules
from troops.core.dates import DateLike, first_day, last_day
from troops.core.errors import DataError, Problem, ProblemLog
from troops.core.model import PUBLISHER_TYPES, Event, Figure, Hedge, Publisher, Series, Source
from troops.dataset import cache
from troops.dataset.discover import Found, discover
from troops.io.records import Entry, Loc, Records
from troops.validate.provenance import publisher_type

if TYPE_CHECKING:
    import pandas as pd

#: Columns of one figure row, in the order of the command-line contract.
FIGURE_COLUMNS = (
    "id", "series", "kind", "as_of", "as_of_start", "as_of_end", "value", "low", "high",
    "bound", "claimant", "source", "publisher", "published", "url", "quote",
)  # fmt: skip
#: Columns of one step row, in the order of the command-line contract.
STEP_COLUMNS = ("series", "start", "end", "value", "low", "high", "sources")


def load(path: Path | str | None = None) -> Dataset:
    """Read and validate the dataset at ``path`` (a root holding ``data/`` and ``seeds/``).

    Without ``path`` the dataset is found by the one discovery rule of
    :mod:`troops.dataset.discover` (``TROOPS_DATA``, the nearest dataset root above the
    working directory, the bundled copy).  Raises :class:`troops.DataError` listing every
    problem when the data breaks a rule.  A dataset validated before with the same
    content and the same troops is taken from the cache (:mod:`troops.dataset.cache`).
    """
    found = discover(path)
    key, stored = cache.read(found.root)
    if isinstance(stored, Dataset):
        ds = stored
    else:
        # deferred: YAML and the checks load only when the dataset is not in the cache
        from troops.io.reader import read_records
        from troops.validate.checks import check

        log = ProblemLog()
        records = read_records(found.root, log)
        figures = check(records, log)
        log.raise_if_errors()
        ds = Dataset(found.root, records, [e.record for e in figures], log.warnings)
        if key is not None:
            ds.digest  # noqa: B018 - computed once, stored with the dataset
            cache.write(key, ds)
    ds.found = found
    return ds


class Dataset:
    """A validated troops dataset: series, sources, figures (bounds resolved) and events."""

    def __init__(
        self,
        root: Path,
        records: Records,
        figures: Sequence[Figure],
        warnings: Sequence[Problem] = (),
    ) -> None:
        self.root = root
        #: How the root was found (see :mod:`troops.dataset.discover`).
        self.found = Found(root, "option")
        self.series_records: dict[str, Series] = {e.record.id: e.record for e in records.series}
        self.source_records: dict[str, Source] = {e.record.id: e.record for e in records.sources}
        self.hedge_records: list[Hedge] = [e.record for e in records.hedges]
        #: data/publishers.yaml by id (empty when the dataset has no publisher table).
        self.publisher_records: dict[str, Publisher] = {
            e.record.id: e.record for e in records.publishers or []
        }
        self._yaml_figures: list[Figure] = list(figures)
        self._tables = list(records.tables)
        self.event_records: list[Event] = [e.record for e in records.events]
        self.warnings: list[Problem] = list(warnings)
        located: list[Entry[Any]] = [*records.sources, *records.figures, *records.events]
        self.locations: dict[str, Loc] = {e.record.id: e.loc for e in located}
        self._files = list(records.files)

    @cached_property
    def all_figure_records(self) -> list[Figure]:
        """Every valid figure, those marked for review included (built on first use)."""
        if not self._tables:
            return list(self._yaml_figures)
        # deferred: imports pandas, needed only for datasets with CSV tables
        from troops.io.csvdata import to_figures

        return [*self._yaml_figures, *(f for t in self._tables for f in to_figures(t))]

    @cached_property
    def figure_records(self) -> list[Figure]:
        """The figures tables and charts use (not those marked for review)."""
        return [f for f in self.all_figure_records if f.review is None]

    @property
    def figure_counts(self) -> tuple[int, int]:
        """(figures in use, figures marked for review), without building CSV figure records."""
        review = sum(f.review is not None for f in self._yaml_figures)
        total = len(self._yaml_figures)
        for t in self._tables:
            valid = t.valid
            total += len(valid)
            review += int((valid["review"] != "").sum())
        return total - review, review

    def __repr__(self) -> str:
        return (
            f"<troops.Dataset {self.root}: {len(self.series_records)} series, "
            f"{len(self.source_records)} sources, {self.figure_counts[0]} figures, "
            f"{len(self.event_records)} events>"
        )

    # ------------------------------------------------------------ identity

    @cached_property
    def digest(self) -> str:
        """sha256 over every data file (archives are pinned by their own sha256 in the data)."""
        h = hashlib.sha256()
        for path in sorted(self._files, key=lambda p: p.relative_to(self.root).as_posix()):
            h.update(path.relative_to(self.root).as_posix().encode())
            h.update(b"\0")
            h.update(path.read_bytes())
            h.update(b"\0")
        return h.hexdigest()

    # ------------------------------------------------------------ selection

    def check_series(self, series: Iterable[str] | None) -> list[str]:
        """The series ids asked for (all, in data order, when ``None``); unknown ids raise."""
        if series is None:
            return list(self.series_records)
        wanted = list(dict.fromkeys(series))
        unknown = [s for s in wanted if s not in self.series_records]
        if unknown:
            known = ", ".join(self.series_records)
            raise KeyError(f"unknown series {', '.join(unknown)} (known: {known})")
        return wanted

    def select(
        self,
        series: Iterable[str] | str | None = None,
        known_on: DateLike = None,
        *,
        since: DateLike = None,
        until: DateLike = None,
    ) -> list[Figure]:
        """Every figure of the given series reported by ``known_on`` (revised ones included:
        they were reported; only the steps replace them) whose ``as_of`` reaches into
        ``since``..``until``, sorted by series (data order), ``as_of`` and id."""
        wanted = self.check_series([series] if isinstance(series, str) else series)
        order = {s: i for i, s in enumerate(self.series_records)}
        figs = step_rules.known_figures(
            self.figure_records, self.source_records, last_day(known_on), drop_revised=False
        )
        first, last = first_day(since), last_day(until)
        figs = [
            f
            for f in figs
            if f.series in wanted
            and (first is None or f.period.end >= first)
            and (last is None or f.period.start <= last)
        ]
        return sorted(figs, key=lambda f: (order[f.series], f.period.start, f.period.end, f.id))

    def segments(self, series: str, known_on: DateLike = None) -> list[step_rules.Segment]:
        """The step segments of one series (plain Python objects)."""
        self.check_series([series])
        return step_rules.build(
            series, self.figure_records, self.source_records, last_day(known_on)
        )

    def publisher_type(self, source_id: str) -> str | None:
        """The publisher type of a source: ``official`` when it carries an official body's
        words (its publisher or a via body is official), else its publisher's type; ``None``
        when its publisher has no entry in data/publishers.yaml."""
        return publisher_type(self.source_records[source_id], self.publisher_records)

    def by_publisher_type(self, types: Iterable[str]) -> Dataset:
        """A view of the dataset with only the figures and events whose source has one of
        ``types`` (an event also counts when one of its further sources has); sources,
        series and hedges stay.  Unknown types raise ``ValueError``.

        >>> official = troops.load().by_publisher_type(["official"])
        """
        wanted = set(types)
        unknown = sorted(wanted - set(PUBLISHER_TYPES))
        if unknown:
            raise ValueError(
                f"unknown publisher type {', '.join(unknown)} (known: {', '.join(PUBLISHER_TYPES)})"
            )
        view = object.__new__(Dataset)  # a shallow view sharing the records
        view.__dict__.update(self.__dict__)
        view.__dict__.pop("figure_records", None)  # cached on the full dataset
        view._yaml_figures = [
            f for f in self.all_figure_records if self.publisher_type(f.source) in wanted
        ]
        view._tables = []  # CSV figures are in _yaml_figures now
        view.__dict__["all_figure_records"] = list(view._yaml_figures)
        view.event_records = [
            e
            for e in self.event_records
            if any(
                self.publisher_type(s) in wanted for s in (e.source, *(c.source for c in e.also))
            )
        ]
        return view

    def cited_sources(self, figures: Iterable[Figure]) -> list[Source]:
        """The sources behind ``figures``, in order of first use."""
        ids = dict.fromkeys(f.source for f in figures)
        return [self.source_records[i] for i in ids]

    # ------------------------------------------------------------ rows

    def figure_row(self, fig: Figure) -> dict[str, Any]:
        """One figure as a flat row with the contract's columns (dates as ISO text)."""
        src = self.source_records[fig.source]
        period = fig.period
        return {
            "id": fig.id, "series": fig.series, "kind": fig.kind, "as_of": fig.as_of,
            "as_of_start": period.start.isoformat(), "as_of_end": period.end.isoformat(),
            "value": fig.value, "low": fig.low, "high": fig.high, "bound": fig.bound,
            "claimant": fig.claimant, "source": fig.source, "publisher": src.publisher,
            "published": src.published, "url": src.url, "quote": fig.quote,
        }  # fmt: skip

    @staticmethod
    def step_row(seg: step_rules.Segment) -> dict[str, Any]:
        """One step segment as a flat row with the contract's columns."""
        return {
            "series": seg.series, "start": seg.start.isoformat(),
            "end": seg.end.isoformat() if seg.end else None,
            "value": seg.value, "low": seg.low, "high": seg.high,
            "sources": " ".join(seg.sources),
        }  # fmt: skip

    # ------------------------------------------------------------ pandas views

    @property
    def figures(self) -> pd.DataFrame:
        """All figures (not those marked for review) as a DataFrame, contract columns first."""
        return self.figures_frame()

    def figures_frame(
        self, series: Iterable[str] | str | None = None, known_on: DateLike = None
    ) -> pd.DataFrame:
        """Figures of a selection as a DataFrame with typed columns."""
        # deferred: pandas loads only when a frame is asked for
        import pandas as pd

        rows = [self.figure_row(f) for f in self.select(series, known_on)]
        frame: pd.DataFrame = pd.DataFrame(rows, columns=list(FIGURE_COLUMNS))
        for col in ("as_of_start", "as_of_end"):
            frame[col] = pd.to_datetime(frame[col])
        for col in ("value", "low", "high"):
            frame[col] = frame[col].astype("Int64")
        return frame

    @property
    def sources(self) -> pd.DataFrame:
        """One row per source."""
        # deferred: pandas loads only when a frame is asked for
        import pandas as pd

        rows = []
        for s in self.source_records.values():
            row = s.model_dump(exclude={"via", "inferred"})
            row["publisher_type"] = self.publisher_type(s.id)
            row["via"] = "; ".join(v.name for v in s.via) or None
            row["inferred"] = "; ".join(f"{k}: {v}" for k, v in s.inferred.items()) or None
            rows.append(row)
        frame: pd.DataFrame = pd.DataFrame(rows)
        return frame

    @property
    def events(self) -> pd.DataFrame:
        """One row per event, with the first and last day its date may mean."""
        # deferred: pandas loads only when a frame is asked for
        import pandas as pd

        rows = []
        for e in sorted(self.event_records, key=lambda e: (e.period.start, e.id)):
            row = e.model_dump(exclude={"inferred"})
            row["date_start"] = e.period.start.isoformat()
            row["date_end"] = e.period.end.isoformat()
            rows.append(row)
        frame: pd.DataFrame = pd.DataFrame(rows)
        if len(frame):
            frame["date_start"] = pd.to_datetime(frame["date_start"])
            frame["date_end"] = pd.to_datetime(frame["date_end"])
        return frame

    def steps(self, series: str, known_on: DateLike = None) -> pd.DataFrame:
        """Step segments of one series: start, end, value, low, high, sources, and for plotting
        ``start_latest`` (end of the timing zone), ``bound``, ``figures`` and ``unknown``."""
        # deferred: pandas loads only when a frame is asked for
        import pandas as pd

        segs = self.segments(series, known_on)
        rows = []
        for seg in segs:
            row = self.step_row(seg)
            row.update(
                start_latest=seg.start_latest.isoformat(),
                bound=seg.bound,
                figures=" ".join(seg.figures),
                unknown=seg.unknown,
            )
            rows.append(row)
        columns = [*STEP_COLUMNS, "start_latest", "bound", "figures", "unknown"]
        frame: pd.DataFrame = pd.DataFrame(rows, columns=columns)
        for col in ("start", "end", "start_latest"):
            frame[col] = pd.to_datetime(frame[col])
        for col in ("value", "low", "high"):
            frame[col] = frame[col].astype("Float64")
        return frame


__all__ = ["FIGURE_COLUMNS", "STEP_COLUMNS", "DataError", "Dataset", "load"]
