"""Provenance rules: who published a source, and whether every inference is marked.

- **Publishers.**  When a dataset has ``data/publishers.yaml``, every ``publisher_id`` of a
  source or a ``via`` names an entry of it and every entry is used; a source that names a
  publisher without its ``publisher_id`` is a warning (``troops add`` writes sources before
  their publisher has an entry).  A source without a publisher names no ``publisher_id``.
- **Publication dates.**  A source's ``published`` that its archived text does not show
  needs an ``inferred.published`` reason; when the date is read from the URL the reason
  says so (it names the URL).
- **Claimants.**  Each capitalised word of a claimant outside parentheses (a name, a title,
  a body) must occur in the words the record holds from the page: the quote, the archived
  text, the source's title (its headline) or the names of its publisher and via bodies;
  otherwise the record needs an ``inferred.claimant`` reason.  The rule covers figures and
  events of source files here and the rows of CSV tables (:mod:`troops.validate.csvchecks`,
  with :func:`claimant_problem`).
  Words in parentheses are the curator's description and are not checked.
- **Further event sources** (``also``): each names a known source other than the event's
  own, its quote occurs verbatim in that source's archive, and the event is not dated
  after that source's publication (deadlines excepted).

The conventions behind these rules, with examples, are in ``notes/reading-rules.md``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from troops.core.errors import ProblemLog
from troops.core.model import FORWARD_EVENT_KINDS, Event, Figure, Publisher, Source
from troops.core.periods import parse_period
from troops.core.textmatch import missing_passages, normalise
from troops.io.records import Entry, Records

if TYPE_CHECKING:
    from troops.io.archives import Archive

MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
#: Title abbreviations a claimant may write out or shorten ("Col." for "Colonel").
_ABBREVIATIONS = {
    "col": "colonel",
    "gen": "general",
    "lt": "lieutenant",
    "maj": "major",
    "capt": "captain",
    "sgt": "sergeant",
    "adm": "admiral",
    "sec": "secretary",
}
#: Capitalised words that name nobody ("The Associated Press" is checked as "Associated").
_FUNCTION_WORDS = frozenset({"the", "a", "an", "of", "and", "in", "on", "for", "to", "as", "by"})
_WORD = re.compile(r"[A-Za-z][A-Za-z.'-]*")
_PARENTHESES = re.compile(r"\([^()]*\)")
_POSSESSIVE = re.compile(r"'s?$")


def check_provenance(
    records: Records, archives: Mapping[str, Archive | None], log: ProblemLog
) -> None:
    """Add a problem line for every broken provenance rule (see the module docstring)."""
    sources = {e.record.id: e for e in records.sources}
    _publishers(records, log)
    for entry in records.sources:
        archive = archives.get(entry.record.id)
        if archive is not None:
            _published(entry, archive.normalised, log)
    for fig in records.figures:
        _claimant(fig, sources, archives, log)
    for ev in records.events:
        _claimant(ev, sources, archives, log)
        _also(ev, sources, archives, records, log)


# ---------------------------------------------------------------- publishers


def _publishers(records: Records, log: ProblemLog) -> None:
    table: dict[str, Entry[Publisher]] = {}
    for pub in records.publishers or []:
        first = table.setdefault(pub.record.id, pub)
        if first is not pub:
            log.add(
                pub.loc.path,
                pub.loc.of("id"),
                pub.record.id,
                "id",
                f"duplicate publisher id; first used at line {first.loc.of('id')}",
            )
    used: set[str] = set()

    def ref(entry: Entry[Source], pid: str, field: str, line: int) -> None:
        used.add(pid)
        # without a table (a dataset cut from a bigger one) references are not checked
        known = records.publishers is None or pid in table
        if not known and records.dangling(pid, "publisher"):
            log.add(
                entry.loc.path,
                line,
                entry.record.id,
                field,
                f"unknown publisher {pid!r} (not in data/publishers.yaml)",
            )

    for entry in records.sources:
        src, loc = entry.record, entry.loc
        if src.publisher_id is not None:
            ref(entry, src.publisher_id, "publisher_id", loc.of("publisher_id"))
            if src.publisher is None:
                log.add(
                    loc.path,
                    loc.of("publisher_id"),
                    src.id,
                    "publisher_id",
                    "set, but publisher is null (a source without a publisher names none)",
                )
        elif src.publisher is not None and records.publishers is not None:
            # a warning: `troops add` writes sources before their publisher has an entry
            log.add(
                loc.path,
                loc.of("publisher"),
                src.id,
                "publisher_id",
                f"missing: publisher {src.publisher!r} has no entry in data/publishers.yaml"
                " (the source has no publisher type)",
                warning=True,
            )
        for i, via in enumerate(src.via):
            if via.publisher_id is not None:
                ref(entry, via.publisher_id, f"via.{i}.publisher_id", loc.of("via"))
    for pid, pub in table.items():
        if pid not in used:
            log.add(
                pub.loc.path,
                pub.loc.of("id"),
                pid,
                "id",
                "publisher is not used by any source or via",
            )


def publisher_type(src: Source, publishers: Mapping[str, Publisher]) -> str | None:
    """The source's publisher type: ``official`` when a via body is official, else the type
    of its publisher (``None`` when it names none)."""
    for via in src.via:
        body = publishers.get(via.publisher_id or "")
        if body is not None and body.type == "official":
            return "official"
    pub = publishers.get(src.publisher_id or "")
    return None if pub is None else pub.type


# ---------------------------------------------------------------- dates


def _date_patterns(published: str, *, in_url: bool) -> list[str]:
    period = parse_period(published)
    day = period.start
    y, m, d = day.year, day.month, day.day
    full = MONTHS[m - 1]
    names = {full, full[:3], "sept"} if m == 9 else {full, full[:3]}
    if not in_url:
        names |= {n + "." for n in names}
    month = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    if period.precision == "year":
        return [rf"/{y}/"] if in_url else [rf"\b{y}\b"]
    if period.precision == "month":
        if in_url:
            return [rf"(?<!\d){y}/{m:02d}(?!\d)", rf"/{y}/(?:{month})/"]
        return [rf"\b(?:{month}),?\s+{y}\b", rf"\b{y}-{m:02d}\b"]
    if in_url:
        return [
            rf"(?<!\d){y}[/-]?{m:02d}[/-]?{d:02d}(?!\d)",  # 2016/04/25, 20141107, 2019-11-25
            rf"/{y}/(?:{month})/0?{d}/",  # /2022/oct/6/
            rf"(?<!\d){d:02d}{m:02d}{y}",  # Rudaw's DDMMYYYY
        ]
    return [
        rf"\b(?:{month})\s+0?{d}(?:st|nd|rd|th)?,?\s+{y}\b",  # June 22, 2015
        rf"\b0?{d}(?:st|nd|rd|th)?\s+(?:{month}),?\s+{y}\b",  # 22 June 2015
        rf"\b{y}-{m:02d}-{d:02d}\b",
        rf"\b{d:02d}\.{m:02d}\.{y}\b",  # 09.12.2021
    ]


def shows_date(published: str, text: str | None, *, in_url: bool = False) -> bool:
    """True when ``text`` (an archived text, or a URL with ``in_url``) writes the date."""
    if not text:
        return False
    folded = text.lower() if in_url else normalise(text).lower()
    return any(re.search(p, folded) for p in _date_patterns(published, in_url=in_url))


def _published(entry: Entry[Source], archive: str, log: ProblemLog) -> None:
    src, loc = entry.record, entry.loc
    if src.published is None or shows_date(src.published, archive):
        return
    reason = src.inferred.get("published")
    from_url = shows_date(src.published, src.url, in_url=True)
    if reason is None:
        where = (
            "is read from the URL"
            if from_url
            else "is shown neither by the archived text nor by the URL"
        )
        log.add(
            loc.path,
            loc.of("published"),
            src.id,
            "published",
            f"{src.published} {where}: mark it with an inferred.published reason",
        )
    elif from_url and "url" not in reason.lower():
        log.add(
            loc.path,
            loc.of("inferred"),
            src.id,
            "inferred.published",
            f"{src.published} is read from the URL, but the reason does not say so",
        )


# ---------------------------------------------------------------- claimants


def _key(word: str) -> str:
    word = word.lower().replace(".", "").replace("'", "")
    return word[:-1] if word.endswith("s") and word[:-1] in _ABBREVIATIONS else word


def _vocabulary(texts: Iterable[str]) -> set[str]:
    words: set[str] = set()
    found = {w for text in texts for w in _WORD.findall(normalise(text))}  # each word once
    for w in found:
        k = w.lower().replace(".", "")
        k = _POSSESSIVE.sub("", k)
        words.add(k.replace("'", ""))
        words.update(k.split("-"))
    words |= {_ABBREVIATIONS[w] for w in words if w in _ABBREVIATIONS}
    words |= {short for short, full in _ABBREVIATIONS.items() if full in words}
    return words


def unsupported_words(claimant: str, texts: Iterable[str]) -> list[str]:
    """The capitalised words of ``claimant`` (outside parentheses) that no text writes."""
    return _unsupported(claimant, _vocabulary(texts))


def _unsupported(claimant: str, known: set[str]) -> list[str]:
    missing = []
    for word in _WORD.findall(_PARENTHESES.sub(" ", normalise(claimant))):
        if not word[0].isupper():
            continue
        k = re.sub(r"'s?$", "", word.lower().replace(".", "")).replace("'", "")
        if k in _FUNCTION_WORDS:
            continue
        if not all(part in known for part in k.split("-") if part):
            missing.append(word)
    return missing


def page_words(src: Source, archive: Archive) -> set[str]:
    """The words a claimant of ``src`` may use besides its quote's: the archived text, the
    title and the names of the publisher and via bodies (computed once per source)."""
    page = [src.title or "", src.publisher or "", *(v.name for v in src.via)]
    return _vocabulary([archive.normalised, *page])


def claimant_problem(claimant: str, quote: str, page: set[str]) -> str | None:
    """The problem of a claimant with words neither its quote nor ``page`` (see
    :func:`page_words`) supports, ``None`` when there is none.  Used for figures and events
    of source files and for the rows of CSV tables alike."""
    missing = _unsupported(claimant, page | _vocabulary([quote]))
    if not missing:
        return None
    return (
        f"{', '.join(missing)} not in the quote, the archived text, the title or the "
        "publisher: mark it with an inferred.claimant reason"
    )


def _claimant(
    entry: Entry[Figure] | Entry[Event],
    sources: Mapping[str, Entry[Source]],
    archives: Mapping[str, Archive | None],
    log: ProblemLog,
) -> None:
    record: Any = entry.record
    src = sources.get(record.source)
    archive = archives.get(record.source)
    if record.claimant is None or src is None or archive is None:
        return  # a missing source or archive is reported by the reference rules
    if "claimant" in record.inferred:
        return
    problem = claimant_problem(record.claimant, record.quote, page_words(src.record, archive))
    if problem is not None:
        log.add(entry.loc.path, entry.loc.of("claimant"), record.id, "claimant", problem)


# ---------------------------------------------------------------- further event sources


def _also(
    entry: Entry[Event],
    sources: Mapping[str, Entry[Source]],
    archives: Mapping[str, Archive | None],
    records: Records,
    log: ProblemLog,
) -> None:
    ev, loc = entry.record, entry.loc
    seen = {ev.source}
    for i, cite in enumerate(ev.also):
        field = f"also.{i}.source"

        def bad(name: str, message: str) -> None:
            log.add(loc.path, loc.of("also"), ev.id, name, message)

        if cite.source in seen:
            bad(field, f"{cite.source!r} is already a source of this event")
            continue
        seen.add(cite.source)
        src = sources.get(cite.source)
        if src is None:
            if records.dangling(cite.source, "source"):
                bad(field, f"unknown source {cite.source!r}")
            continue
        archive = archives.get(cite.source)
        if archive is not None:
            for passage in missing_passages(cite.quote, archive.normalised):
                shown = passage if len(passage) <= 60 else passage[:57] + "..."
                bad(
                    f"also.{i}.quote",
                    f"not found verbatim in seeds/{src.record.archive}: {shown!r}",
                )
        published = src.record.published_period
        if (
            ev.kind not in FORWARD_EVENT_KINDS
            and published is not None
            and ev.period.start > published.end
        ):
            bad(
                field,
                f"the event ({ev.date}) is after this source's publication "
                f"({src.record.published})",
            )
