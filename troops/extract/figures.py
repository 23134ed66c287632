"""From the numbers of one sentence to candidate figures (series, kind, bound, quote).

Besides the rules of :mod:`.numbers`, :mod:`.series`, :mod:`.kinds` and :mod:`.asides`,
these rules join numbers of one sentence, or a number and the text before it:

* *Ellipsis*: a bare number coordinated with an earlier troop number ("about 5,200 troops
  in Iraq and 2,000 in Syria", "5,262 in Iraq and 503 in Syria") takes that number's
  kind (and direction) unless rules of its own decide, and its hedge when it follows "and"
  or "or" with no hedge or determiner of its own: a hedge before the first of coordinated
  numbers governs each, so the 2,000 above is approximate, while "along with another 900"
  opens a phrase of its own (notes/reading-rules.md, rule 1).
* *Governing phrase*: a bare number takes the force of the troop noun phrase that governs
  it ("the average number of American troops ... amounts to 5,200 members").
* *Apposition*: a number set off after a definite troop noun ("the forces – fewer than 50
  –") sizes troops the text named before; when no rule of its own decides its kind and
  the headline or an earlier sentence named troops as sent or withdrawn without a number
  ("White House to send special forces into Syria"), it is that movement.
* *Each*: a number given for each of several places, owners or items (:mod:`.each`):
  one figure per tracked country, or none.
* *Back-reference*: troops placed "there" or "in the country" right after their number
  are in the country named last before them, not in one named later in the sentence.
* *Other ellipsis*: a bare number right after a number of something else ("3 bases,
  down from 12") stands for that noun and is not a troop number.
* *Bands*: a lower and an upper bound of one level in one sentence ("more than 900 but
  fewer than 1,000"; "down from 2000" but "more than 900", see :mod:`.asides`) are one
  figure with low and high from the two numbers, no single value and bound approx (two
  one-sided figures would leave the band open on each side).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from troops.core.model import Hedge

from . import lexicon as lx
from .asides import BEFORE_CHANGE, aside, change_side
from .bounds import bound_of, coordinated
from .each import shared_places
from .kinds import KindReader, move_countries, moved_troops
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
#: Marks that set a number off after its troops ("the forces – fewer than 50 –").
_APPOSITION = frozenset({"–", "—", "-", ",", "("})
_NOT_ELLIPSIS = frozenset({"to", "from", "of", "at", "is", "was", "be", "are", "were", "than"})
#: A level before a change: (series, kind, "floor" | "ceiling", value, its own candidate).
Limit = tuple[str, str, str, int, "Candidate | None"]


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
    earlier: bool = False  # a level before a change ("a reduction from 3,000"): not dated now

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
    forces: list[Mention]  # the force phrases, read with no number phrase in mind
    countries: list[Mention]

    @classmethod
    def of(cls, number: int, text: str, table: dict[str, Hedge]) -> Parsed:
        """Tokenise and read every number of ``text``."""
        tokens = tokenize(text)
        reader = NumberReader(tokens, table)
        readings = {i: reader.read(i) for i, t in enumerate(tokens) if t.kind == "num"}
        mark_ranges(reader, readings)
        forces = force_mentions(tokens, frozenset())
        return cls(number, text, tokens, reader, readings, forces, country_mentions(tokens))

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
        if self._other_ellipsis(r):
            return False  # "3 bases, down from 12": the 12 are bases
        if self.reader.names_troops:
            return True
        if not previous:
            return False
        before = [t.low for t in self.tokens[: r.start]]
        if "there" in before or any(w in lx.LEVEL_NOUNS for w in before):
            return True
        return self._placed(r)

    def _other_ellipsis(self, r: Reading) -> bool:
        """True for a bare number whose nearest number before it counts something else
        with no troop noun in between ("operate from 3 bases, down from 12", "85 targets
        and 40 more"): it stands for that noun (the ellipsis rule of this module)."""
        before = [i for i in self.readings if i < r.index]
        if not before:
            return False
        last = self.readings[max(before)]
        if last.status != "other" or last.noun is not None:
            return False
        return not any(self.reader.is_troop_noun(k) for k in range(last.end, r.start))

    def _placed(self, r: Reading) -> bool:
        """True for a bare number placed in a tracked country right after it in its clause
        ("Another 900 are in Syria.", "It also has 900 in Syria.") in a sentence that
        follows a troop figure: the troops of that figure, in another place."""
        word = self.reader.word
        k = r.end
        while word(k) in ("are", "is", "were", "was", "remain", "remained", "stay", "still"):
            k += 1
        if word(k) not in ("in", "inside"):
            return False
        name = lx.COUNTRY_WORDS.get(word(k + 1))
        return name in ("Iraq", "Syria")

    def _unknown_numbers(self, previous: bool) -> list[Reading]:
        """Readings for hedge phrases of bound 'unknown' ("an unknown number of them")."""
        word = self.reader.word
        found: list[Reading] = []
        lows = {t.low for t in self.tokens}
        for phrase, row in self.reader.hedges.items():
            if row.bound != "unknown":
                continue
            words = phrase.split()
            if not lows.issuperset(words):
                continue  # a quick no: a word of the phrase is not in the sentence
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
    parsed: Parsed,
    table: dict[str, Hedge],
    context: Context,
    previous_troops: bool,
    corrected: bool = False,
) -> list[Candidate]:
    """Candidate figures of one parsed sentence; ``context`` holds earlier sentences and
    ``corrected`` says that this sentence or the next has a word of correction."""
    tokens = parsed.tokens
    counted = parsed.counted(previous_troops)
    np_positions = frozenset(k for r in counted for k in [*r.np_words, *range(r.start, r.end)])
    forces = force_mentions(tokens, np_positions) if np_positions else parsed.forces
    countries = parsed.countries
    kinds = KindReader(tokens)
    quote = " ".join(parsed.text.split())
    out: list[Candidate] = []
    placed: list[tuple[str, str]] = []
    limits: list[Limit] = []
    last: Reading | None = None
    last_kind: tuple[str, str | None] = ("count", None)
    combined = None
    if any(t.low in lx.COMBINING for t in tokens):
        combined = {m.name for m in forces} | context.last_forces
    for r in counted:
        clause = tokens[r.index].clause
        force = _force(r, forces, tokens, combined) or context.force()
        if _back_reference(r, parsed):
            named = [m.name for m in countries if m.index < r.start and not m.weak]
            country = named[-1] if named else context.named_last()
        else:
            country = pick_country(countries, r.index, r.end, clause) or context.country()
        kind, direction, decided = kinds.kind(r, parsed.readings)
        # the troop number a bare one stands in ellipsis with ("about 5,200 troops ... and 2,000")
        first = last if last is not None and _elliptic(r, parsed) else None
        if first is not None:
            if not decided:
                kind, direction = last_kind
        elif not decided and context.moved and _apposition(r, parsed):
            kind, direction = "movement", context.moved
        why = aside(tokens, r, parsed.readings, kind, corrected)
        before: tuple[str, str] | None = None  # (kind, side) of a level before a change
        earlier = why == BEFORE_CHANGE
        if earlier:
            side = change_side(tokens, r)
            if side is not None and r.value is not None:
                before = (kind, side)
            if not _year_like(tokens[r.index], r):
                why, kind, direction = None, "count", None  # rule 8: "from N" alone
        if why is not None:
            sid = series_id(force, country)
            if before is not None and sid is not None and r.value is not None:
                limits.append((sid, before[0], before[1], r.value, None))
            continue
        last, last_kind = r, (kind, direction)
        places: list[tuple[str | None, str | None]] = [(country, direction)]
        shared = shared_places(parsed.reader, r, countries)
        if shared is None:
            continue  # a size per owner or per item (.each)
        if shared:
            places = [(name, direction) for name in shared]
        if kind == "movement":
            origin, dest = move_countries(tokens, r)
            if origin and dest and origin != dest:
                places = [(origin, "out"), (dest, "in")]
        joined = coordinated(r, first, parsed.reader.word(r.start - 1))
        hedge, bound, low, high = bound_of(joined, table)
        value = None if r.partner is not None else r.value  # a range gives no single value
        for place, way in places:
            if place is not None:
                placed.append((force, place))
            sid = series_id(force, place)
            if sid is not None:
                c = Candidate(
                    sid, kind, value, hedge, bound, low, high, way, quote, parsed.number,
                    earlier=earlier,
                )  # fmt: skip
                out.append(c)
                if before is not None and value is not None:
                    limits.append((sid, before[0], before[1], value, c))
    context.add_sentence(forces, countries)
    context.figures.extend(placed)
    context.moved = moved_troops(tokens) or context.moved
    return close_bands(out, limits)


def close_bands(out: list[Candidate], limits: Sequence[Limit]) -> list[Candidate]:
    """Join two one-sided readings of one level in one sentence into a band.

    A lower bound ("more than 900") and an upper one ("fewer than 1,000", or a fall
    "down from 2,000") of the same series and kind are one figure: low and high from the
    two numbers, no single value, bound approx.  So are an upper bound and a rise ("up
    from 500").  ``limits`` holds the levels before a change: (series, kind, side, value,
    the candidate proposed for it or ``None``); one that bounds a band is not proposed
    on its own.
    """
    found = list(out)
    sides = {"at_least": "floor", "at_most": "ceiling"}
    edges: list[tuple[str, str, str, int, Candidate | None]] = [
        (c.series, c.kind, sides[c.bound], c.value, c)
        for c in out
        if c.bound in sides and c.value is not None
    ]
    edges.extend(limits)
    for sid, kind, side, value, own in edges:
        if own is not None and not _holds(found, own):
            continue  # already part of a band
        wanted = "at_most" if side == "floor" else "at_least"
        for n, c in enumerate(found):
            if c is own or (c.series, c.kind, c.bound) != (sid, kind, wanted) or c.value is None:
                continue
            low, high = (value, c.value) if side == "floor" else (c.value, value)
            if low < high:
                found[n] = replace(c, value=None, hedge=None, bound="approx", low=low, high=high)
                found = [f for f in found if f is not own]
                break
    return found


def _year_like(tok: Token, r: Reading) -> bool:
    """True for a four-digit number 1900-2100 with no hedge or noun ("down from 2019"): it
    may bound a band, but is not proposed as a level of its own."""
    return tok.text.isdigit() and 1900 <= tok.value <= 2100 and not r.hedges and r.noun is None


def _holds(found: Sequence[Candidate], c: Candidate) -> bool:
    return any(f is c for f in found)


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


def _apposition(r: Reading, parsed: Parsed) -> bool:
    """True for a number set off after a definite troop noun ("the forces – fewer than 50
    –", "the troops, about 200,"): it sizes troops the text named before."""
    tokens, reader = parsed.tokens, parsed.reader
    k = r.start - 1
    if r.noun is not None or k < 1 or tokens[k].text not in _APPOSITION:
        return False
    k -= 1
    if not reader.is_troop_noun(k):
        return False
    k -= 1
    while reader.word(k) in lx.MODIFIERS and reader.word(k) not in lx.DEFINITE:
        k -= 1
    return reader.word(k) in lx.DEFINITE


def _back_reference(r: Reading, parsed: Parsed) -> bool:
    """True for troops placed "there" or "in the country" right after their number, in
    its clause ("has 2,500 troops there, and 900 in Syria"): the place is the country
    named last before them, in the sentence or in an earlier one, not one named after."""
    word, tokens = parsed.reader.word, parsed.tokens
    clause = tokens[r.index].clause
    for k in range(r.end, min(r.end + 4, len(tokens))):
        if tokens[k].clause != clause or word(k) in lx.COUNTRY_WORDS:
            return False
        if word(k) == "there":
            return word(k + 1) not in ("in", "inside")  # "already there in Iraq"
        if word(k) in ("in", "inside") and word(k + 1) in ("the", "that", "this"):
            return word(k + 2) == "country"
    return False


def _elliptic(r: Reading, parsed: Parsed) -> bool:
    """True for a bare number standing for "N <troops of the number before>"."""
    if r.noun is not None or r.value is None:
        return False
    word = parsed.reader.word(r.start - 1)
    return word not in _NOT_ELLIPSIS
