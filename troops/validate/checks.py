"""Rules across records: ids, references, quotes against archives, dates, bounds.

Each rule adds ``path:line: <id> <field>: <message>`` problems to a log and keeps going, so
a single run reports everything that is wrong.  :func:`check` also resolves every figure's
bound and limits from the hedge table and returns the figures as they will be used.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from troops.core import hedges as hedge_table
from troops.core.cycles import chain, revision_cycles
from troops.core.errors import ProblemLog, display_path
from troops.core.model import FORWARD_EVENT_KINDS, FORWARD_FIGURE_KINDS, Event, Figure, Source
from troops.core.periods import Period, parse_period
from troops.io.archives import MAX_ARCHIVE_BYTES, Archive, load_archive, orphan_archives
from troops.io.records import KIND_OF, Entry, Records
from troops.validate import rules
from troops.validate.provenance import check_provenance
from troops.validate.revision import Revision

_Bad = Callable[[str, str], None]
__all__ = ["MAX_ARCHIVE_BYTES", "Archive", "Revision", "check"]


def check(records: Records, log: ProblemLog) -> list[Entry[Figure]]:
    """Run every cross-record rule; return figures with bounds resolved from the hedge table."""
    duplicated = _unique_ids(records, log)
    # A duplicated id is one problem: what refers to it (or to the id the copy was meant to
    # have: a reference to a record of the copy's kind) is not reported again, and no record
    # is checked against the wrong twin.
    records.broken_ids.update(duplicated)
    sources = {e.record.id: e for e in records.sources if e.record.id not in duplicated}
    series = {e.record.id for e in records.series}
    rules.unknown_series_once(records, series, log)
    archives = {sid: load_archive(e, records.seeds_dir, log) for sid, e in sources.items()}
    orphan_archives(records.seeds_dir, (e.record for e in records.sources), log)
    for src in records.sources:
        _source_dates(src, log)
    check_provenance(records, archives, log)
    resolved = [_figure(e, records, sources, series, archives, log) for e in records.figures]
    figures = [e for e in resolved if e is not None]
    checked = [e for e in figures if e.record.id not in duplicated]
    claims = [_claim(e) for e in checked if e.record.revises]
    targets = {e.record.id: (e.record.series, e.record.source) for e in checked}
    written = {e.record.id for e in records.figures}
    if records.tables:
        # deferred: csvchecks imports pandas, needed only for datasets with CSV tables
        from troops.validate.csvchecks import check_tables, revision_claims

        seen = {rid: (e.loc.path, e.loc.of("id")) for rid, e in reversed(_first_ids(records))}
        check_tables(records, sources, series, archives, seen, log)
        revising, known, ids = revision_claims(records.tables)
        claims += revising
        targets.update(known)
        written |= ids
    _revisions(claims, targets, written, sources, records, log)
    for ev in records.events:
        _event(ev, sources, series, archives, records, log)
    located: list[Entry[Any]] = [*records.sources, *records.figures, *records.events]
    for entry in located:
        _inferred_fields(entry, log)
    for fig in records.figures:
        if fig.record.review is not None:
            log.add(
                fig.loc.path,
                fig.loc.of("review"),
                fig.record.id,
                "review",
                rules.marked_for_review(fig.record.review),
                warning=True,
            )
    return figures


# ---------------------------------------------------------------- ids


def _first_ids(records: Records) -> list[tuple[str, Entry[Any]]]:
    everything: list[Entry[Any]] = [
        *records.series,
        *records.sources,
        *records.figures,
        *records.events,
    ]
    return [(e.record.id, e) for e in everything]


def _unique_ids(records: Records, log: ProblemLog) -> set[str]:
    """Report ids used more than once; return them (rules that follow ids skip them)."""
    duplicated: set[str] = set()
    seen: dict[str, Entry[Any]] = {}
    for _, entry in _first_ids(records):
        rid = entry.record.id
        first = seen.get(rid)
        if first is None:
            seen[rid] = entry
            continue
        duplicated.add(rid)
        records.unread.update((KIND_OF[type(entry.record)], KIND_OF[type(first.record)]))
        log.add(
            entry.loc.path,
            entry.loc.of("id"),
            rid,
            "id",
            rules.duplicate_id(first.loc.path, first.loc.of("id")),
        )
    phrases: dict[str, Entry[Any]] = {}
    for h in records.hedges:
        k = hedge_table.key(h.record.phrase)
        if k in phrases:
            duplicated.add(k)
            records.unread.add("hedge")
            log.add(
                h.loc.path,
                h.loc.of("phrase"),
                h.record.phrase,
                "phrase",
                f"duplicate hedge phrase; first at {_where(phrases[k])}",
            )
        phrases.setdefault(k, h)
    return duplicated


def _where(entry: Entry[Any]) -> str:

    return f"{display_path(entry.loc.path)}:{entry.loc.of('id')}"


def _source_dates(entry: Entry[Source], log: ProblemLog) -> None:
    src, loc = entry.record, entry.loc
    published = src.published_period
    if published is None:
        return
    if src.retrieved is not None and parse_period(src.retrieved).end < published.start:
        log.add(
            loc.path,
            loc.of("retrieved"),
            src.id,
            "retrieved",
            f"{src.retrieved} is before the publication date {src.published}",
        )
    for i, via in enumerate(src.via):
        if via.published is not None and parse_period(via.published).start > published.end:
            log.add(
                loc.path,
                loc.of("via"),
                src.id,
                f"via.{i}.published",
                f"{via.published} is after this republication ({src.published})",
            )


# ---------------------------------------------------------------- figures


def _figure(
    entry: Entry[Figure],
    records: Records,
    sources: dict[str, Entry[Source]],
    series: set[str],
    archives: dict[str, Archive | None],
    log: ProblemLog,
) -> Entry[Figure] | None:
    fig, loc = entry.record, entry.loc

    said: set[str] = set()

    def bad(field: str, message: str) -> None:
        if field not in said:  # one problem per field: a bad number is not also out of order
            said.add(field)
            log.add(loc.path, loc.of(field.split(".")[0]), fig.id, field, message)

    ok = True
    if fig.series not in series:
        if records.dangling(fig.series, "series"):
            bad("series", rules.unknown_series(fig.series))
        ok = False
    src = sources.get(fig.source)
    if src is None:
        if records.dangling(fig.source, "source"):
            bad("source", rules.unknown_source(fig.source))
        ok = False
    try:
        bounds = hedge_table.resolve(
            hedge_table.index(h.record for h in records.hedges),
            value=fig.value,
            hedge=fig.hedge,
            bound=fig.bound,
            low=fig.low,
            high=fig.high,
        )
    except hedge_table.HedgeError as exc:
        if exc.field != "hedge" or fig.hedge is None or rules.hedge_reported(records, fig.hedge):
            bad(exc.field, str(exc))
        return None
    for name, lower, upper in (
        ("low", bounds.low, fig.value),
        ("high", fig.value, bounds.high),
        ("low", bounds.low, bounds.high),
    ):
        if lower is not None and upper is not None and lower > upper:
            bad(name, rules.out_of_order(lower, upper))
            ok = False
            break
    if src is not None:
        ok &= _quote(fig.quote, archives.get(fig.source), src.record, bad)
        if _late(fig.period, src.record, fig.kind in FORWARD_FIGURE_KINDS):
            bad("as_of", rules.late_figure(fig.as_of, src.record.published))
            ok = False
    ok &= _numbers(fig, bad)
    if fig.hedge is not None and not hedge_table.in_quote(fig.hedge, fig.quote):
        bad("hedge", hedge_table.not_in_quote(fig.hedge))
        ok = False
    if not ok:
        return None
    resolved = fig.model_copy(
        update={"bound": bounds.bound, "low": bounds.low, "high": bounds.high}
    )
    return Entry(resolved, loc)


def _quote(quote: str, archive: Archive | None, src: Source, bad: _Bad) -> bool:
    if archive is None:
        return True  # the archive's own problem is already reported
    problems = rules.quote_problems(quote, archive.normalised, src.archive)
    for message in problems:
        bad("quote", message)
    return not problems


def _numbers(fig: Figure, bad: _Bad) -> bool:
    given = [(name, getattr(fig, name)) for name in ("value", "low", "high")]
    problems = rules.number_problems(fig.quote, given)
    for name, message in problems:
        bad(name, message)
    return not problems


def _claim(entry: Entry[Figure]) -> Revision:
    fig = entry.record
    return Revision(entry.loc.path, entry.loc.of("revises"), fig.id, fig.series, fig.source,
                    tuple(fig.revises))  # fmt: skip


def _revisions(
    claims: Sequence[Revision],
    targets: Mapping[str, tuple[str, str]],
    written: set[str],
    sources: dict[str, Entry[Source]],
    records: Records,
    log: ProblemLog,
) -> None:
    """Each revised id must be a figure of the same series published no later than its
    revision; ``targets`` maps valid figure ids to (series, source), ``written`` holds every
    figure id written (one that failed another rule is not reported again).  Revisions may
    not form a cycle: each figure on one gets a problem at its revision that leads back."""
    sound: dict[str, list[tuple[int, str]]] = {}  # id -> revisions that broke no other rule
    for claim in claims:
        kept = sound.setdefault(claim.id, [])
        for i, target_id in enumerate(claim.revises):
            target = targets.get(target_id)
            message = None
            if target_id == claim.id:
                message = "a figure cannot revise itself"
            elif target is None and (
                target_id in written or not records.dangling(target_id, "figure")
            ):
                continue
            elif target is None:
                message = f"unknown figure {target_id!r}"
            elif target[0] != claim.series:
                message = f"{target_id!r} is in series {target[0]}, not {claim.series}"
            else:
                mine = sources[claim.source].record.published_period
                theirs = sources[target[1]].record.published_period
                if mine is not None and theirs is not None and mine.end < theirs.start:
                    message = f"revises {target_id!r}, which was published later"
            if message is not None:
                log.add(claim.path, claim.line, claim.id, f"revises.{i}", message)
            elif target is not None:
                kept.append((i, target_id))
    where = {claim.id: claim for claim in claims}
    for rid, (i, path) in revision_cycles(sound).items():
        claim = where[rid]
        log.add(claim.path, claim.line, rid, f"revises.{i}", f"revision cycle: {chain(path)}")


# ---------------------------------------------------------------- events and inferences


def _event(
    entry: Entry[Event],
    sources: dict[str, Entry[Source]],
    series: set[str],
    archives: dict[str, Archive | None],
    records: Records,
    log: ProblemLog,
) -> None:
    ev, loc = entry.record, entry.loc

    def bad(field: str, message: str) -> None:
        log.add(loc.path, loc.of(field.split(".")[0]), ev.id, field, message)

    for i, sid in enumerate(ev.series):
        if sid not in series and records.dangling(sid, "series"):
            bad(f"series.{i}", rules.unknown_series(sid))
    if ev.completed and (ev.kind != "withdrawal" or not ev.series):
        bad("completed", "only a withdrawal event naming its series can claim completion")

    src = sources.get(ev.source)
    if src is None:
        if records.dangling(ev.source, "source"):
            bad("source", rules.unknown_source(ev.source))
        return
    _quote(ev.quote, archives.get(ev.source), src.record, bad)
    if _late(ev.period, src.record, ev.kind in FORWARD_EVENT_KINDS):
        bad(
            "date",
            f"{ev.date} is after the source's publication ({src.record.published});"
            " only a deadline may lie in the future",
        )


def _late(period: Period, src: Source, may_lie_ahead: bool) -> bool:
    """True when ``period`` starts after ``src`` was published and its kind may not."""
    published = src.published_period
    return not may_lie_ahead and published is not None and period.start > published.end


def _inferred_fields(entry: Entry[Any], log: ProblemLog) -> None:
    record = entry.record
    for name in record.inferred:
        if name in ("inferred", "id") or name not in type(record).model_fields:
            log.add(
                entry.loc.path,
                entry.loc.of("inferred"),
                record.id,
                f"inferred.{name}",
                rules.inferred_names_nothing(),
            )
        elif getattr(record, name) is None:
            log.add(
                entry.loc.path,
                entry.loc.of("inferred"),
                record.id,
                f"inferred.{name}",
                rules.inferred_but_empty(name),
            )
