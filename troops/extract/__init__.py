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
* :mod:`.figures` — numbers joined within a sentence (ellipsis, governing phrase), and an
  "unknown number" hedge phrase ("an unknown number of them will remain"), which is a
  figure without a value when its troops are named in the sentence or the one before.
* The same number read twice for one series and kind is proposed once, quoting the
  longer sentence (a headline repeats a number of the text, often without its hedge).

Every candidate quotes its sentence verbatim (whitespace folded to single spaces), so it
validates against the archived text.  A headline given as ``title`` only serves as
context for the sentences.  Candidates are proposals: a curator checks each one.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..hedges import index as hedge_index
from ..model import Hedge
from .figures import Candidate, Parsed, read_sentence
from .sentences import split_sentences
from .series import Context, country_mentions, force_mentions
from .tokens import tokenize


def extract(
    text: str,
    hedges: Iterable[Hedge],
    *,
    title: str | None = None,
    series: Iterable[str] | None = None,
) -> list[Candidate]:
    """Candidate figures of ``text``; ``title`` (a headline) only gives context, and
    ``series`` (when given) keeps candidates of those series only."""
    table = hedge_index(hedges)
    wanted = None if series is None else set(series)
    parsed = [Parsed.of(n, s.text, table) for n, s in enumerate(split_sentences(text))]
    context = Context()
    if title:
        toks = tokenize(title)
        context.add_sentence(force_mentions(toks, frozenset()), country_mentions(toks))
    for p in parsed:
        context.document_forces.extend(
            m.name for m in force_mentions(p.tokens, frozenset()) if not m.weak
        )
        context.document_countries.extend(m.name for m in country_mentions(p.tokens) if not m.weak)
    found: list[Candidate] = []
    previous_troops = False
    for p in parsed:
        figures = read_sentence(p, table, context, previous_troops)
        previous_troops = bool(figures) or p.reader.names_troops
        found.extend(f for f in figures if wanted is None or f.series in wanted)
    return _unique(found)


def _unique(found: list[Candidate]) -> list[Candidate]:
    """One candidate per (series, kind, value, low, high, direction): the longest quote
    wins (a headline repeats a number of the text, often without its hedge)."""
    best: dict[tuple[object, ...], Candidate] = {}
    for c in found:
        k = (c.series, c.kind, c.value, c.low, c.high, c.direction)
        if k not in best or len(c.quote) > len(best[k].quote):
            best[k] = c
    keep = {id(c) for c in best.values()}
    return [c for c in found if id(c) in keep]


__all__ = ["Candidate", "extract", "split_sentences"]
