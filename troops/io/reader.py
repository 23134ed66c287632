"""Reading a dataset root (``data/`` + ``seeds/``) into validated records with positions.

Layout of a dataset root::

    data/series.yaml          series: [ {id, title, label, country, force, ...}, ... ]
    data/hedges.yaml          hedges: [ {phrase, bound, low, high, note}, ... ]
    data/publishers.yaml      publishers: [ {id, name, type, basis}, ... ]  (optional)
    data/sources/<id>.yaml    source: {...}   figures: [...]   events: [...]
    seeds/...                 the archived texts the sources point at

Figures and events inside a source file belong to that file's source.  This module checks
each record on its own (pydantic, ``extra="forbid"``); :mod:`troops.validate.checks` checks records
against each other and against the archive.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from pydantic import ValidationError

from troops.core.errors import ProblemLog
from troops.core.model import Event, Figure, Hedge, Publisher, Series, Source
from troops.io.fields import field_problems, type_name
from troops.io.records import (
    KIND_OF,
    SEEDS_DIR,
    SOURCE_FILE_KINDS,
    SOURCE_KEYS,
    Entry,
    Loc,
    R,
    Records,
)
from troops.io.trees import walk_files
from troops.io.yamlio import YamlList, YamlMap, load_yaml


def read_records(root: Path, log: ProblemLog) -> Records:
    """Read and schema-check every data file under ``root``; problems go to ``log``."""
    records = Records(root)
    data = records.data_dir
    if not records.seeds_dir.is_dir():
        log.add(root, 1, None, None, f"dataset root has no {SEEDS_DIR}/ directory")
    records.series.extend(_list_file(data / "series.yaml", "series", Series, records, log))
    records.hedges.extend(
        _list_file(data / "hedges.yaml", "hedges", Hedge, records, log, id_field="phrase")
    )
    if (data / "publishers.yaml").is_file():
        records.publishers = _list_file(
            data / "publishers.yaml", "publishers", Publisher, records, log
        )
    sources_dir = data / "sources"
    for path in sorted(sources_dir.glob("*.yaml")) if sources_dir.is_dir() else []:
        records.files.append(path)
        _read_source_file(path, records, log)
    if (data / "figures").is_dir():
        # deferred: imports pandas, needed only for datasets with CSV tables
        from troops.io.csvdata import read_tables

        read_tables(records, log)
    _report_strays(data, records, log)
    return records


def _list_file(
    path: Path, key: str, model: type[R], records: Records, log: ProblemLog, id_field: str = "id"
) -> list[Entry[R]]:
    """Read a file holding one top-level list of records (series.yaml, hedges.yaml)."""
    records.files.append(path)
    if not path.is_file():
        log.add(path, 1, None, None, "file is missing")
        records.unread.add(KIND_OF[model])
        return []
    doc = _top_mapping(path, log, (key,), required=(key,))
    if doc is None:  # the problem is logged
        records.unread.add(KIND_OF[model])
        return []
    return list(_records(path, doc, key, model, log, records, id_field=id_field))


def _report_strays(data: Path, records: Records, log: ProblemLog) -> None:
    """Files in data/ that troops would silently ignore are reported instead."""
    known = set(records.files)

    def unreadable(path: Path, exc: OSError) -> None:
        log.add(path, 1, None, None, f"cannot read: {exc.strerror or exc} (a link loop?)")

    files = walk_files(data, on_error=unreadable) if data.is_dir() else iter(())
    for path in files:  # no recursion, links to folders not followed
        if path not in known:
            log.add(
                path,
                1,
                None,
                None,
                "unexpected file in data/ (troops reads series.yaml, "
                "hedges.yaml, sources/*.yaml and figures/*.csv)",
            )


def _top_mapping(
    path: Path, log: ProblemLog, allowed: Iterable[str], *, required: Iterable[str]
) -> YamlMap | None:
    doc = load_yaml(path, log)
    if doc is None:
        return None
    if not isinstance(doc, YamlMap):
        log.add(
            path,
            getattr(doc, "line", 1),
            None,
            None,
            f"top level must be a mapping with keys {', '.join(allowed)}; found {type_name(doc)}",
        )
        return None
    allowed = tuple(allowed)
    unknown = [key for key in doc if key not in allowed]
    for key in unknown:
        log.add(
            path,
            doc.line_of(key),
            None,
            key,
            f"unknown top-level key (allowed: {', '.join(allowed)})",
        )
    missing = [key for key in required if key not in doc]
    if not unknown:  # a misspelt key is one problem, not also a missing one
        for key in missing:
            log.add(path, doc.line, None, key, "missing required top-level key")
    return None if unknown or missing else doc


def _read_source_file(path: Path, records: Records, log: ProblemLog) -> None:
    doc = _top_mapping(path, log, SOURCE_KEYS, required=("source",))
    if doc is None:  # the problem is logged
        records.unread.update(SOURCE_FILE_KINDS)
        return
    raw_source = doc["source"]
    if not isinstance(raw_source, YamlMap):
        records.unread.update(SOURCE_FILE_KINDS)
        log.add(
            path,
            doc.line_of("source"),
            None,
            "source",
            f"must be a mapping, found {type_name(raw_source)}",
        )
        return
    sources = list(_validate(path, raw_source, Source, log, "id", records))
    records.sources.extend(sources)
    source_id = raw_source.get("id") if isinstance(raw_source.get("id"), str) else None
    # When the source itself is broken (reported above), its records' source is not reported.
    ignore = frozenset() if sources else frozenset({"source"})

    def owned(raw: YamlMap) -> YamlMap:
        if "source" not in raw and source_id is not None:
            raw["source"] = source_id
            raw.key_lines["source"] = raw.line
        elif source_id is not None and raw.get("source") != source_id:
            log.add(
                path,
                raw.line_of("source"),
                _rid(raw),
                "source",
                f"is {raw.get('source')!r} but this file holds source {source_id!r}",
            )
            raw["source"] = source_id  # reported once here, not again as an unknown source
        return raw

    figures = _records(path, doc, "figures", Figure, log, records, prepare=owned, ignore=ignore)
    records.figures.extend(figures)
    events = _records(path, doc, "events", Event, log, records, prepare=owned, ignore=ignore)
    records.events.extend(events)


def _records(
    path: Path,
    doc: YamlMap,
    key: str,
    model: type[R],
    log: ProblemLog,
    records: Records,
    *,
    id_field: str = "id",
    prepare: Callable[[YamlMap], YamlMap] | None = None,
    ignore: frozenset[str] = frozenset(),
) -> Iterable[Entry[R]]:
    items = doc.get(key)
    if items is None:
        return
    if not isinstance(items, YamlList):
        records.unread.add(KIND_OF[model])  # whatever the list held is unknown
        log.add(path, doc.line_of(key), None, key, f"must be a list, found {type_name(items)}")
        return
    for raw, line in zip(items, items.item_lines, strict=True):
        if not isinstance(raw, YamlMap):
            records.unread.add(KIND_OF[model])
            log.add(path, line, None, key, f"each entry must be a mapping, found {type_name(raw)}")
            continue
        raw = prepare(raw) if prepare else raw
        yield from _validate(path, raw, model, log, id_field, records, ignore)


def _validate(
    path: Path,
    raw: YamlMap,
    model: type[R],
    log: ProblemLog,
    id_field: str,
    records: Records,
    ignore: frozenset[str] = frozenset(),
) -> Iterable[Entry[R]]:
    rid = _rid(raw, id_field)
    try:
        record = model.model_validate(dict(raw))
    except ValidationError as exc:
        if rid is None:
            records.unread.add(KIND_OF[model])  # a record without a usable id: may be meant
        else:
            records.broken_ids.add(rid)  # references to it are not reported again
        for line, field_name, message in field_problems(exc.errors(include_url=False), ignore):
            log.add(path, raw.line_of(line) if line else raw.line, rid, field_name, message)
        return
    yield Entry(record, Loc(path, raw.line, dict(raw.key_lines)))


def _rid(raw: YamlMap, id_field: str = "id") -> str | None:
    value = raw.get(id_field)
    return value if isinstance(value, str) else None
