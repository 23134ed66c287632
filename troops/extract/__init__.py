"""Candidate troop figures from the plain text of an article.

``extract(text, hedges)`` splits the text into sentences and reads every number in each
one; a number becomes a candidate figure only when it is a troop number of a tracked
series.  The rules, each documented in the module that applies it:

* :mod:`.sentences` — where sentences end (abbreviations, line breaks, ``[...]``).
* :mod:`.numbers` — which numbers are troop numbers: a troop noun (troops, forces,
  personnel, soldiers, advisers, service members, ...) attached to the number or
  governing it; never years, dates, durations, casualties, attack counts, money,
  percentages, ages or labels; and the number's hedge from ``data/hedges.yaml``.
* :mod:`.series` — the force (US, coalition, NATO) and the country (Iraq, Syria) of each
  number, hence its series.
* :mod:`.kinds` — count, cap, target or movement, and a movement's direction.
* :mod:`.asides` — troop numbers that are not figures of the report: speculation
  ("whether"), superseded statements ("the former official number"), corrected ones
  ("we have been briefing ... 900", then "those numbers are higher"), increments ("the
  additional 1,100 troops"), components ("500 of the 2,500 troops") and totals over a
  span ("have served in Iraq since 2003"); the level before a change ("a reduction from
  3,000") is a count, or one side of a band.
* :mod:`.each` — a number given for each of several places, owners or items.
* :mod:`.figures` — numbers joined within a sentence (ellipsis, governing phrase,
  apposition, bands), and an "unknown number" hedge phrase ("an unknown number of them
  will remain"), which is a figure without a value when its troops are named in the
  sentence or the one before.
* The same number read twice for one series and kind is proposed once, quoting the
  longer sentence (a headline repeats a number of the text, often without its hedge).

Every candidate quotes its sentence verbatim (whitespace folded to single spaces), so it
validates against the archived text.  A headline given as ``title`` only serves as
context for the sentences, and so do the words of a ``url``'s path, which news sites
make of the headline ("/2021/02/18/nato-boosts-iraq-mission-with-thousands-of-personnel/"
names NATO and Iraq; parts with digits, such as ids and dates, and file endings are left
out).  Candidates are proposals: a curator checks each one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from troops.core.hedges import index as hedge_index
from troops.core.model import Hedge

from .asides import corrects
from .figures import Candidate, Parsed, read_sentence
from .kinds import moved_troops
from .sentences import MAX_CHARS, split_sentences
from .series import Context, country_mentions, force_mentions
from .tokens import tokenize


def extract(
    text: str,
    hedges: Iterable[Hedge],
    *,
    title: str | None = None,
    url: str | None = None,
    series: Iterable[str] | None = None,
) -> list[Candidate]:
    """Candidate figures of ``text``; ``title`` (a headline) and ``url`` only give context,
    and ``series`` (when given) keeps candidates of those series only."""
    table = hedge_index(hedges)
    wanted = None if series is None else set(series)
    parsed = [Parsed.of(n, s.text, table) for n, s in enumerate(split_sentences(text))]
    context = Context()
    for words in (url_words(url) if url else "", title or ""):
        toks = tokenize(words[:MAX_CHARS])  # context words only: a long one is cut
        context.add_sentence(force_mentions(toks, frozenset()), country_mentions(toks))
        context.moved = moved_troops(toks) or context.moved
    for p in parsed:
        context.document_forces.extend(m.name for m in p.forces if not m.weak)
        context.document_countries.extend(m.name for m in p.countries if not m.weak)
    found: list[Candidate] = []
    previous_troops = False
    corrections = [corrects(p.tokens, p.reader.names_troops) for p in parsed] + [False]
    for n, p in enumerate(parsed):
        corrected = corrections[n] or corrections[n + 1]
        figures = read_sentence(p, table, context, previous_troops, corrected)
        previous_troops = bool(figures) or p.reader.names_troops
        found.extend(f for f in figures if wanted is None or f.series in wanted)
    return _unique(found)


def url_words(url: str) -> str:
    """The words of a URL's path: "https://x.com/2021/02/nato-boosts-iraq-mission.html" ->
    "nato boosts iraq mission" (parts with digits and file endings left out)."""
    path = re.sub(r"^[a-z][a-z0-9+.-]*://[^/]*", "", url.strip(), flags=re.I)
    path = re.split(r"[?#]", path, maxsplit=1)[0]
    path = re.sub(r"\.(?:html?|php|aspx?|jsp|cms|shtml)$", "", path, flags=re.I)
    parts = re.split(r"[/_.+-]+", path)
    return " ".join(p for p in parts if p.isalpha())


def _unique(found: list[Candidate]) -> list[Candidate]:
    """One candidate per (series, kind, value, low, high, direction): a hedged reading wins
    over an unhedged one, then the longest quote (a headline or a later sentence repeats a
    number of the text, often without its hedge)."""
    best: dict[tuple[object, ...], Candidate] = {}

    def rank(c: Candidate) -> tuple[bool, int]:
        return (c.hedge is not None, len(c.quote))

    for c in found:
        k = (c.series, c.kind, c.value, c.low, c.high, c.direction)
        if k not in best or rank(c) > rank(best[k]):
            best[k] = c
    keep = {id(c) for c in best.values()}
    return [c for c in found if id(c) in keep]


__all__ = ["Candidate", "extract", "split_sentences", "url_words"]
