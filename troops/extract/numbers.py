"""Reading one number of a sentence: is it a troop number, and with which hedge?

Rules, in order:

1. *Not a head count*: a day of a date (up to 31, next to a month: "December 31", "24
   July"), a year (four digits 1900-2100 unless a hedge or a troop noun is attached,
   "less than 2000 troops", or a fall or rise comes before it, "down from 2000": one
   says "down since 2019" of a year), money ("$5"), a percentage ("50%", "50 percent"), a label
   ("Resolution 2249", "COVID-19", "mid-2025"), an age ("aged 25"), zero.
2. *Its noun*: the first word after the number that is not a modifier ("additional",
   "U.S.", "special", "operations"...; see lexicon.MODIFIERS) is its noun.  A troop noun
   (troops, forces, personnel, soldiers, advisers, ...) makes it a troop number, unless a
   foreign modifier ("Iraqi", "Kurdish", "security") shows the troops are someone else's;
   any other noun ("times", "Palestinians", "years", "languages") rules it out.  In
   "N of the X" the noun is X; in "N-member X" and "N-strong X" it is X and must be a
   troop noun or a unit ("a 4,000-strong mission", "contingent"; "an 80-member
   coalition" is not); "N-day" is a day.  "members" and "people" count only in a
   sentence that names troops, a mission or the military ("2,500 members of the US
   military"); "people" of a mission or the military only when it has them ("the mission
   has about 2,500 people", not "the military said 1,000 people fled").
3. *Bare numbers* ("about 900 in Syria", "to 3,000.", "the 1,600 previously allowed")
   have no noun of their own.  They count when a range partner counts ("from a high of
   5,300 to 2,500 personnel"), or when their sentence names troops (of a tracked force)
   or a force's presence ("the US presence in Syria stands at about 900"),
   or when the sentence says "there are N" / gives a level ("number", "total") with no
   noun at all right after a sentence that gave a troop figure.  A bare number written as
   a word below ten is a pronoun ("another one"), never a count.
4. *Casualties*: a number in a clause that speaks of killed, wounded or injured people is
   not a troop level; nor is a bare number in a clause of a vote ("voted 170 to 0").
5. *Hedge*: the longest phrase of the hedge table (data/hedges.yaml) just before the number
   (quotes may stand between: "“more than 900”").  Two stacked hedges ("up to approximately
   200") give the one-sided one.  After a verb of change in the clause ("bring ... up to
   approximately 3,550") "up to" is a direction, not a hedge.  A range hedge without
   widths ("between") takes the two numbers the text gives as low and high.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from troops.core.model import Hedge

from . import lexicon as lx
from .tokens import Token

QUOTES = frozenset({'"', "'"})
#: Largest troop number read (the whole US armed forces are about 1.3 million).
MAX_TROOPS = 5_000_000


@dataclass
class Reading:
    """What the rules make of one number token."""

    index: int
    value: int | None
    hedges: list[str] = field(default_factory=list)
    start: int = 0  # first token of the number phrase (determiner or hedge)
    determiner: str | None = None
    noun: int | None = None  # token index of the troop noun, when attached
    end: int = 0  # token index just after the noun phrase
    status: str = "bare"  # troop | weak | other | bare | skip
    np_words: list[int] = field(default_factory=list)  # modifier tokens inside the phrase
    partner: int | None = None  # the other number of a range ("between 800 and 900")
    low: int | None = None
    high: int | None = None
    strength: bool = False  # written as a unit's strength: "3,100-member", "4,000-strong"


class NumberReader:
    """Reads every number of one tokenised sentence against a hedge table."""

    def __init__(self, tokens: Sequence[Token], hedges: Mapping[str, Hedge]) -> None:
        self.tokens = tokens
        self.hedges = hedges
        self.phrases = _phrases(tuple(hedges))
        #: The phrases by their last word, longest first (what _hedge looks up).
        self.by_last = _by_last(self.phrases)
        self.names_troops = any(
            (t.low in _TROOP_FIRST and self.is_troop_noun(i))
            or (t.low in lx.PRESENCE_NOUNS and self.word(i - 1) in lx.PRESENCE_OWNERS)
            for i, t in enumerate(tokens)
        )

    # ------------------------------------------------------------ helpers

    def word(self, i: int) -> str:
        """The lower-case word at ``i`` ('' when it is not a word or out of range)."""
        if 0 <= i < len(self.tokens) and self.tokens[i].kind == "word":
            return self.tokens[i].low
        return ""

    def is_troop_noun(self, i: int) -> bool:
        """True when token ``i`` is a troop noun of a tracked force."""
        w = self.word(i)
        if not w:
            return False
        pair = (w, self.word(i + 1))
        if w not in lx.TROOP_NOUNS and pair not in lx.TROOP_COMPOUNDS:
            return False
        if self.word(i - 1) in lx.NOT_TROOPS_AFTER:
            return False
        return not any(self.word(j) in lx.FOREIGN for j in (i - 1, i - 2))

    def clause_has(self, i: int, words: frozenset[str]) -> bool:
        """True when the clause of token ``i`` holds one of ``words``."""
        clause = self.tokens[i].clause
        return any(t.clause == clause and t.low in words for t in self.tokens)

    # ------------------------------------------------------------ reading

    def read(self, i: int) -> Reading:
        """Apply rules 1-5 to the number at token ``i``."""
        tok = self.tokens[i]
        reading = Reading(i, tok.value, start=i, end=i + 1)
        self._hedge(reading)
        if self._not_a_count(reading):
            reading.status = "skip"
            return reading
        self._noun(reading)
        if reading.status in ("troop", "weak", "bare") and self.clause_has(i, lx.CASUALTY):
            reading.status = "skip"
        elif reading.status == "bare" and self.clause_has(i, lx.VOTES):
            reading.status = "skip"  # "voted 170 to 0": a tally
        return reading

    def _hedge(self, r: Reading) -> None:
        j = r.index - 1
        while j >= 0 and self.tokens[j].text in QUOTES:
            j -= 1
        found = True
        while found:
            found = False
            for words in self.by_last.get(self.word(j), ()):
                n = len(words)
                span = [self.word(k) for k in range(j - n + 1, j + 1)]
                if j - n + 1 >= 0 and tuple(span) == words:
                    if words == ("up", "to") and self._change_before(j - n + 1):
                        break  # "bring ... up to 3,550": a direction, not a hedge
                    r.hedges.append(" ".join(words))
                    j -= n
                    r.start = j + 1
                    found = True
                    break
        if self.word(j) in lx.MOVE_ADJECTIVES and self.word(j - 1) in lx.DEFINITE:
            j -= 1  # "the additional 1,100 troops"
        if self.word(j) in lx.DEFINITE:
            r.determiner = self.word(j)
            r.start = j
        elif (self.word(j) == "of" and self.word(j - 1) == "all") or self.word(j) in ("a", "an"):
            r.start = j
        if not r.hedges:
            r.hedges.extend(self._clause_hedge(r.index))

    def _clause_hedge(self, i: int) -> list[str]:
        """A clause-wide hedge of the table before token ``i``, in its clause or in an
        aside of no number before it ("as per unofficial estimates, a total of 2,500"), as
        a list of at most one phrase."""
        clause = self.tokens[i].clause
        for t in reversed(self.tokens[:i]):
            if t.clause != clause and t.value:
                break  # an earlier clause with a number of its own: the hedge is its own
            if t.low in lx.CLAUSE_HEDGES and t.low in self.hedges:
                return [t.low]
        return []

    def _change_before(self, i: int) -> bool:
        clause = self.tokens[i].clause
        return any(t.clause == clause and t.low in lx.CHANGE_VERBS for t in self.tokens[:i])

    def _not_a_count(self, r: Reading) -> bool:
        tok = self.tokens[r.index]
        if not tok.value or tok.value > MAX_TROOPS:
            return True  # zero, or more troops than any country has (an id, a run of digits)
        before = self.tokens[r.index - 1] if r.index > 0 else None
        after = self.tokens[r.index + 1] if r.index + 1 < len(self.tokens) else None
        prev_word = self.word(r.index - 1) or self.word(r.index - 2)
        day = tok.text.isdigit() and tok.value <= 31
        if day and (prev_word in lx.MONTHS or self.word(r.index + 1) in lx.MONTHS):
            return True  # "December 31", "Jan. 15", "24 July"
        if (before is not None and before.text in "$€£") or self.word(r.index - 1) == "aged":
            return True
        if after is not None and (after.text == "%" or after.low in ("percent", "per")):
            return True
        if before is not None and before.text == "-" and tok.joined:
            return True  # COVID-19, mid-2025, F-35
        if (
            tok.text.isdigit()
            and before is not None
            and before.kind == "word"
            and before.text[:1].isupper()
            and r.index - 1 > 0
            and not r.hedges
            and before.low not in lx.MODIFIERS
        ):
            return True  # a label: Resolution 2249, Article 5
        if tok.text.isdigit() and len(tok.text) == 4 and 1900 <= tok.value <= 2100:
            if r.hedges and self.word(r.start - 1) not in lx.YEAR_WORDS:
                return False
            if self.word(r.index - 1) == "from" and self.word(r.index - 2) in lx.CHANGE_FROM:
                return False  # "down from 2000": a level
            return not self._troop_noun_next(r.index)
        return False

    def _troop_noun_next(self, i: int) -> bool:
        j = i + 1
        while self.word(j) in lx.MODIFIERS:
            j += 1
        return self.is_troop_noun(j)

    def _noun(self, r: Reading) -> None:
        toks = self.tokens
        j = r.index + 1
        compound = False
        if j + 1 < len(toks) and toks[j].text == "-" and toks[j].joined and toks[j + 1].joined:
            if self.word(j + 1) not in lx.COMPOUND_PARTS:
                r.status = "other"  # two-day, one-third, nine-month
                return
            compound = r.strength = True  # "3,100-member contingent": a troop noun must follow
            j += 2
        first = True
        steps = 0
        while j < len(toks) and steps < 8:
            t = toks[j]
            if t.text in QUOTES:
                j += 1
                continue
            if t.kind != "word":
                break
            steps += 1
            w = t.low
            if w in lx.TROOP_NOUNS or (w, self.word(j + 1)) in lx.TROOP_COMPOUNDS:
                foreign = any(self.word(k) in lx.FOREIGN for k in r.np_words)
                if foreign or self.word(j - 1) in lx.NOT_TROOPS_AFTER:
                    r.status, r.end = "other", j + 1
                    return
                r.status, r.noun, r.end = "troop", j, j + 1
                if (w, self.word(j + 1)) in lx.TROOP_COMPOUNDS:
                    r.end = j + 2
                return
            if compound and w in lx.UNIT_NOUNS:
                r.status, r.noun, r.end = "troop", j, j + 1  # "a 4,000-strong mission"
                return
            if w in lx.WEAK_TROOP_NOUNS:
                r.noun, r.end = j, j + 1
                military = any(t.low in lx.MILITARY for t in toks) and (
                    w != "people" or self.word(r.start - 1) in lx.HAVING
                )  # "the mission has 2,500 people", not "the military said 1,000 people"
                r.status = "weak" if self.names_troops or military else "other"
                if self.word(j + 1) == "of":
                    r.np_words.append(j)
                    j += 2
                    continue
                return
            if w == "from" and first:
                if self._troop_noun_next(j):
                    r.np_words.append(j)
                    j += 1
                    continue
                break
            if w in lx.MODIFIERS or w in lx.FOREIGN:
                r.np_words.append(j)
                j += 1
                first = False
                continue
            if w in lx.FUNCTION_WORDS or w.endswith(("ing", "ed")) or w in lx.COUNTRY_WORDS:
                break
            r.status, r.end = "other", j + 1
            return
        if r.status == "weak" and r.noun is not None:
            return  # "2,500 members of the US military": the members are the troops
        r.status = "other" if compound else "bare"


#: First words of troop nouns (a quick no before NumberReader.is_troop_noun).
_TROOP_FIRST = lx.TROOP_NOUNS | {first for first, _ in lx.TROOP_COMPOUNDS}


@functools.lru_cache(maxsize=8)
def _phrases(keys: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    """The hedge phrases as word tuples, longest first (read once per hedge table)."""
    return tuple(sorted((tuple(k.split()) for k in keys), key=len, reverse=True))


@functools.lru_cache(maxsize=8)
def _by_last(phrases: tuple[tuple[str, ...], ...]) -> dict[str, list[tuple[str, ...]]]:
    """The phrases by their last word, longest first."""
    found: dict[str, list[tuple[str, ...]]] = {}
    for words in phrases:
        found.setdefault(words[-1], []).append(words)
    return found


def mark_ranges(reader: NumberReader, readings: dict[int, Reading]) -> None:
    """Join range partners: "between 800 and 900", "from 5,300 to 2,500 personnel"."""
    toks = reader.tokens
    for i, r in readings.items():
        if r.status == "skip":
            continue
        j = i + 1
        while j < len(toks) and toks[j].text in QUOTES:
            j += 1
        if reader.word(j) not in ("to", "and", "or"):
            continue
        k = j + 1
        while k < len(toks) and (toks[k].text in QUOTES or reader.word(k) in _hedge_words(reader)):
            k += 1
        partner = readings.get(k)
        if partner is None or partner.status == "skip":
            continue
        rows = [reader.hedges[h] for h in r.hedges]
        ranged = any(row.bound == "approx" and row.low is None and row.high is None for row in rows)
        if ranged or _span(reader, r, partner, j):
            r.partner, r.low, r.high = k, r.value, partner.value
            if r.status == "bare":
                r.status, r.noun, r.end = partner.status, partner.noun, partner.end
            partner.status = "skip"  # the range is one figure
        elif r.status == "bare" and partner.status != "bare":
            r.status = partner.status


def _span(reader: NumberReader, r: Reading, partner: Reading, j: int) -> bool:
    """True for "some 2,000 to 2,500 troops": two numbers joined by "to" (or "or") with no
    "from" before them and no verb of change in their clause, the second above the first,
    are one figure between them (notes/reading-rules.md, rule 6), not a change of level."""
    if reader.word(j) not in ("to", "or") or r.value is None or partner.value is None:
        return False
    if not r.value < partner.value <= 10 * r.value or reader.word(r.start - 1) == "from":
        return False
    clause = reader.tokens[r.index].clause
    return not any(
        t.clause == clause and (t.low in lx.CHANGE_FROM or t.low in lx.CHANGE_VERBS
                                or t.low in lx.FALL_VERBS or t.low in lx.RISE_VERBS
                                or t.low in lx.CHANGE_PRESENT or t.low == "from")
        for t in reader.tokens
    )  # fmt: skip


def _hedge_words(reader: NumberReader) -> frozenset[str]:
    return frozenset(w for words in reader.phrases for w in words)
