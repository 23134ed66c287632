"""From the numbers of one sentence to candidate figures (series, kind, bound, quote).

Besides the rules of :mod:`.numbers`, :mod:`.series` and :mod:`.kinds`, two rules join
numbers of one sentence:

* *Ellipsis*: a bare number coordinated with an earlier troop number ("about 5,200 troops
  in Iraq and 2,000 in Syria", "5,262 in Iraq and 503 in Syria") takes that number's
  kind (and direction), and its hedge when it has none, unless rules of its own decide.
* *Governing phrase*: a bare number takes the force of the troop noun phrase that governs
  it ("the average number of American troops ... amounts to 5,200 members").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..model import Hedge
from . import lexicon as lx
from .kinds import KindReader, move_countries
from .numbers import NumberReader, Reading, mark_ranges
from .series import (
    Context,
    Mention,
    country_mentions,
    force_mentions,
    pick_country,
    pick_force,
    series_id,
)
from .tokens import Token, tokenize

#: Words before a bare number that make it the object of a level, not an ellipsis.
_NOT_ELLIPSIS = frozenset({"to", "from", "of", "at", "is", "was", "be", "are", "were", "than"})


@dataclass(frozen=True)
class Candidate:
    """One proposed figure, with the sentence it was read from."""

    series: str
    kind: str
    value: int | None
    hedge: str | None
    bound: str
    low: int | None
    high: int | None
    direction: str | None
    quote: str
    sentence: int

    @property
    def key(self) -> tuple[str, int | None, str, str]:
        """(series, value, bound, kind): what evaluation compares."""
        return (self.series, self.value, self.bound, self.kind)


@dataclass
class Parsed:
    """One tokenised sentence with its number readings and the words that place them."""

    number: int
    text: str
    tokens: list[Token]
    reader: NumberReader
    readings: dict[int, Reading]

    @classmethod
    def of(cls, number: int, text: str, table: dict[str, Hedge]) -> Parsed:
        """Tokenise and read every number of ``text``."""
        tokens = tokenize(text)
        reader = NumberReader(tokens, table)
        readings = {i: reader.read(i) for i, t in enumerate(tokens) if t.kind == "num"}
        mark_ranges(reader, readings)
        return cls(number, text, tokens, reader, readings)

    def counted(self, previous_troops: bool) -> list[Reading]:
        """The readings that count as troop numbers (rule 3 of .numbers), in text order."""
        found = [r for r in self.readings.values() if self._counts(r, previous_troops)]
        found.extend(self._unknown_numbers(previous_troops))
        return sorted(found, key=lambda r: r.index)

    def _counts(self, r: Reading, previous: bool) -> bool:
        if r.status in ("troop", "weak"):
            return True
        if r.status != "bare":
            return False
        tok = self.tokens[r.index]
        if not any(ch.isdigit() for ch in tok.text) and (r.value or 0) < 10:
            return False  # "another one", "the two"
        if self.reader.names_troops:
            return True
        if not previous:
            return False
        before = [t.low for t in self.tokens[: r.start]]
        return "there" in before or any(w in lx.LEVEL_NOUNS for w in before)

    def _unknown_numbers(self, previous: bool) -> list[Reading]:
        """Readings for hedge phrases of bound 'unknown' ("an unknown number of them")."""
        word = self.reader.word
        found = []
        for phrase, row in self.reader.hedges.items():
            if row.bound != "unknown":
                continue
            words = phrase.split()
            for i in range(len(self.tokens) - len(words) + 1):
                if [word(i + k) for k in range(len(words))] != words:
                    continue
                end = i + len(words)
                if word(end) == "of":
                    j = end + 1
                    while word(j) in lx.MODIFIERS:
                        j += 1
                    pronoun = word(j) in ("them", "those", "these")
                    if not (self.reader.is_troop_noun(j) or (pronoun and previous)):
                        continue
                    end = j + 1
                elif not (self.reader.names_troops or previous):
                    continue
                found.append(Reading(end - 1, None, [phrase], start=i, end=end, status="troop"))
        return found


def read_sentence(
    parsed: Parsed, table: dict[str, Hedge], context: Context, previous_troops: bool
) -> list[Candidate]:
    """Candidate figures of one parsed sentence; ``context`` holds earlier sentences."""
    tokens = parsed.tokens
    counted = parsed.counted(previous_troops)
    np_positions = frozenset(k for r in counted for k in [*r.np_words, *range(r.start, r.end)])
    forces = force_mentions(tokens, np_positions)
    countries = country_mentions(tokens)
    kinds = KindReader(tokens)
    quote = " ".join(parsed.text.split())
    out: list[Candidate] = []
    placed: list[tuple[str, str]] = []
    last: Reading | None = None
    last_kind: tuple[str, str | None] = ("count", None)
    combined = None
    if any(t.low in lx.COMBINING for t in tokens):
        combined = {m.name for m in forces} | context.last_forces
    for r in counted:
        clause = tokens[r.index].clause
        force = _force(r, forces, tokens, combined) or context.force()
        country = pick_country(countries, r.index, r.end, clause) or context.country()
        kind, direction, decided = kinds.kind(r, parsed.readings)
        if last is not None and _elliptic(r, parsed):
            if not decided:
                kind, direction = last_kind
            if not r.hedges:
                r.hedges = list(last.hedges)
        last, last_kind = r, (kind, direction)
        places: list[tuple[str | None, str | None]] = [(country, direction)]
        if kind == "movement":
            origin, dest = move_countries(tokens, r)
            if origin and dest and origin != dest:
                places = [(origin, "out"), (dest, "in")]
        hedge, bound, low, high = bound_of(r, table)
        value = None if r.partner is not None else r.value  # a range gives no single value
        for place, way in places:
            if place is not None:
                placed.append((force, place))
            sid = series_id(force, place)
            if sid is not None:
                out.append(
                    Candidate(sid, kind, value, hedge, bound, low, high, way, quote, parsed.number)
                )
    context.add_sentence(forces, countries)
    context.figures.extend(placed)
    return out


def _force(
    r: Reading, forces: Sequence[Mention], tokens: Sequence[Token], combined: set[str] | None
) -> str | None:
    clause = tokens[r.index].clause
    np = frozenset(r.np_words)
    if r.noun is None or r.status == "weak":
        governing = _governing_force(r, forces, tokens)
        inside = [m for m in forces if m.index in np or r.start <= m.index < r.end]
        if governing is not None and not inside:
            return governing
    return pick_force(forces, r.start, r.end, clause, np, combined)


def _governing_force(r: Reading, forces: Sequence[Mention], tokens: Sequence[Token]) -> str | None:
    """The force word right before the last troop noun before a bare number, in its clause."""
    clause = tokens[r.index].clause
    nouns = [
        k for k in range(r.start) if tokens[k].clause == clause and tokens[k].low in lx.TROOP_NOUNS
    ]
    if not nouns:
        return None
    noun = nouns[-1]
    near = [m for m in forces if noun - 3 <= m.index < noun]
    return near[-1].name if near else None


def _elliptic(r: Reading, parsed: Parsed) -> bool:
    """True for a bare number standing for "N <troops of the number before>"."""
    if r.noun is not None or r.value is None:
        return False
    word = parsed.reader.word(r.start - 1)
    return word not in _NOT_ELLIPSIS


def bound_of(r: Reading, table: dict[str, Hedge]) -> tuple[str | None, str, int | None, int | None]:
    """(hedge phrase, bound, low, high) of a reading; low/high only for a range."""
    rows = [(h, table[h]) for h in r.hedges if h in table]
    if r.partner is not None:
        ranged = [h for h, row in rows if _range_hedge(row)]
        return ranged[0], "approx", r.low, r.high
    rows = [(h, row) for h, row in rows if not _range_hedge(row)]
    one_sided = [(h, row) for h, row in rows if row.bound in ("at_least", "at_most")]
    chosen = one_sided[0] if one_sided else rows[0] if rows else None
    if chosen is None:
        return None, "exact", None, None
    return chosen[0], chosen[1].bound, None, None


def _range_hedge(row: Hedge) -> bool:
    """A hedge of two numbers ("between"): approximate with no widths of its own."""
    return row.bound == "approx" and row.low is None and row.high is None
