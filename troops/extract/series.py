"""Which series a troop number belongs to: a force (US, coalition, NATO) and a country.

Force words (lexicon.US_WORDS, COALITION_WORDS, NATO_WORDS): "US", "U.S.", "American",
"United States", "Pentagon", "White House" name US forces; "coalition", "allies",
"partners", "nations" name the non-US coalition ("other" and "international" only inside
the number's own phrase: "1,000 from other international forces"; "nations", "countries"
and "partners" only in the number's own clause); "NATO" names NATO.
"X-led coalition" ("US-led", "Washington-led") names the whole coalition, US included.
A country named as the owner of troops ("Russia has 4,000 troops", "Turkey deployed",
"France's forces"; not after a preposition: "in Iraq") names its own forces: coalition
members (France, Britain, ...) the coalition, others (Russia, Iran, Turkey, Iraq, ...) no
tracked force, so their numbers belong to no series.
Adjacent force words form one phrase whose last word counts ("US allies" are allies),
except after "X-led" ("the US-led international coalition" is the whole coalition); US
forces joined by "and" to coalition forces ("the United States and its allies",
"American and coalition troops") are the whole coalition.

A number's force is, in this order: a force word inside its own phrase ("2,500 US
troops"); the first force phrase of its clause before it (the subject: "Several nations
have pledged to send 1,500 troops"); the first one after it in its clause ("3100 troops
US President Obama has authorised"); the whole coalition when a summing word
("combined", "together", "altogether") joins US and coalition forces named in the sentence
or the one before ("When combined with the 3,000 troops the United States has committed
..., that would bring the number of military advisers ... to 4,500"); the nearest other
clause of the sentence; the
force of the last troop figure of the preceding sentences; the last force phrase of the
preceding sentences; the force the whole text names most; else US troops, the default
(other countries' troops are named as such and ruled out).

A number's country is, in this order: the first country named after it in its clause
("2,500 troops in Iraq"), the last one before it in its clause, the nearest other clause
naming one (a pair such as "Iraq and Syria" gives no evidence here), then the same with
weak hints ("Iraqi", "Syrian"), then the country of the last troop figure of the
preceding sentences, then the country the preceding sentences name most, then the one
the whole text names most (ties: the one named first).  Baghdad, Anbar, Erbil and the
like name Iraq; Raqqa and al-Tanf Syria.  A number placed in another country ("4,500
troops in Afghanistan") belongs to no series.

Series: (US, Iraq) us-iraq, (US, Syria) us-syria, (coalition, Iraq) coalition-iraq,
(whole coalition, Iraq) coalition-iraq-total, (NATO, Iraq) nato-iraq.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from . import lexicon as lx
from .tokens import Token

US, COALITION, TOTAL, NATO = "US", "coalition", "coalition-total", "NATO"
SERIES = {
    (US, "Iraq"): "us-iraq",
    (US, "Syria"): "us-syria",
    (COALITION, "Iraq"): "coalition-iraq",
    (TOTAL, "Iraq"): "coalition-iraq-total",
    (NATO, "Iraq"): "nato-iraq",
}
NP_ONLY = frozenset({"other", "international"})
#: Every word a force phrase may start with (but "X-led", which any word may start).
_FORCE_STARTS = (
    lx.US_WORDS
    | {first for first, _ in lx.US_PHRASES}
    | lx.NATO_WORDS
    | lx.COALITION_WORDS
    | lx.OTHER_COUNTRIES
    | lx.COALITION_COUNTRIES
)
#: Words between "US and" and a coalition word that still join them into the whole
#: coalition ("the United States and its allies", "American and other coalition troops").
_JOINED_BY = frozenset({"its", "their", "the", "other"})
#: Coalition words that name a force only inside their own clause, never as context.
CLAUSE_ONLY = frozenset({"nations", "countries", "partners", "partner"})


def series_id(force: str | None, country: str | None) -> str | None:
    """The series id of a force in a country, or ``None`` when troops track no such series."""
    if force is None or country is None:
        return None
    return SERIES.get((force, country))


@dataclass(frozen=True)
class Mention:
    """A force or country named at token ``index`` (``paired`` for "Iraq and Syria")."""

    index: int
    clause: int
    name: str
    weak: bool = False
    paired: bool = False
    subject: bool = False  # a foreign army, which names a force only as the subject


@dataclass
class Context:
    """What earlier sentences said (figures' forces/countries, force and country words),
    and what the whole text names, for numbers whose own sentence does not say."""

    figures: list[tuple[str, str]] = field(default_factory=list)
    forces: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    document_forces: list[str] = field(default_factory=list)
    document_countries: list[str] = field(default_factory=list)
    weak: list[str] = field(default_factory=list)
    last_forces: set[str] = field(default_factory=set)
    moved: str | None = None  # direction of troops last named as sent or withdrawn

    def add_sentence(self, forces: Sequence[Mention], countries: Sequence[Mention]) -> None:
        """Remember the force and country words of one sentence."""
        self.last_forces = {m.name for m in forces}
        self.forces.extend(m.name for m in forces if not m.weak)
        self.countries.extend(m.name for m in countries if not m.weak)
        self.weak.extend(m.name for m in countries if m.weak)

    def named_last(self) -> str | None:
        """The country the preceding sentences named last (what "there" refers back to)."""
        return self.countries[-1] if self.countries else self.country()

    def country(self) -> str | None:
        """The country of the last figure; else the one the preceding sentences name most,
        then the whole text (ties: the one named first); else a weak hint."""
        if self.figures:
            return self.figures[-1][1]
        return _most(self.countries) or _most(self.document_countries) or _most(self.weak)

    def force(self) -> str:
        """The force of the last figure; else the last force named before; else the one
        the whole text names most; else US (lexicon.DEFAULT_FORCE)."""
        if self.figures:
            return self.figures[-1][0]
        if self.forces:
            return self.forces[-1]
        return _most(self.document_forces) or lx.DEFAULT_FORCE


def _most(names: Sequence[str]) -> str | None:
    """The most frequent name (ties: the one that came first)."""
    if not names:
        return None
    counts = Counter(names)
    best = max(counts.values())
    return next(n for n in names if counts[n] == best)


def force_mentions(tokens: Sequence[Token], np_words: frozenset[int]) -> list[Mention]:
    """Force phrases of a sentence; NP-only words count only at ``np_words`` positions."""
    found: list[Mention] = []
    i = 0
    n = len(tokens)

    def word(k: int) -> str:
        return tokens[k].base if 0 <= k < n and tokens[k].kind == "word" else ""

    while i < n:
        force, width = _force_at(tokens, i, word, np_words)
        if force is None:
            i += 1
            continue
        # adjacent force words form one phrase; the last one counts ("US allies")
        j = i + width
        while True:
            nxt, w2 = _force_at(tokens, j, word, np_words)
            if nxt is None:
                break
            if not (force == TOTAL and nxt == COALITION):  # "the US-led coalition"
                force = nxt
            j += w2
        if force == US:
            k = j + 1 if word(j) == "and" else j
            k += word(k) in _JOINED_BY
            nxt, w2 = _force_at(tokens, k, word, np_words) if k > j else (None, 1)
            if nxt == COALITION and word(k) not in CLAUSE_ONLY:
                force, j = TOTAL, k + w2  # "the United States and its allies"
        weak = word(j - 1) in CLAUSE_ONLY
        found.append(Mention(i, tokens[i].clause, force, weak=weak))
        i = j
    armies = _foreign_armies(tokens, word, {m.index for m in found})
    return sorted(found + armies, key=lambda m: m.index) if armies else found


def _foreign_armies(
    tokens: Sequence[Token], word: Callable[[int], str], taken: set[int]
) -> list[Mention]:
    """ "the Iraqi army", "Turkish forces": a foreign army, which names the force of the
    numbers after it in its clause when it is their subject ("Turkish forces sent 2,000
    troops"), never as context or after the number ("to train Iraqi forces")."""
    return [
        Mention(k, tokens[k].clause, lx.OTHER_FORCE, weak=True, subject=True)
        for k in range(len(tokens) - 1)
        if k not in taken and word(k) in lx.FOREIGN_NATIONS and word(k + 1) in lx.ARMY_NOUNS
    ]


def _force_at(
    tokens: Sequence[Token], i: int, word: Callable[[int], str], np_words: frozenset[int]
) -> tuple[str | None, int]:
    w = word(i)
    if not w or (w not in _FORCE_STARTS and not (i + 1 < len(tokens) and tokens[i + 1].joined)):
        return None, 1  # a quick no: most words name no force and start no "X-led"
    if (
        i + 2 < len(tokens)
        and tokens[i + 1].text == "-"
        and tokens[i + 1].joined
        and word(i + 2) == lx.LED
    ):
        return TOTAL, 3
    if (w, word(i + 1)) in lx.US_PHRASES:
        return US, 2
    if w in lx.US_WORDS:
        return US, 1
    if w in lx.NATO_WORDS:
        return NATO, 1
    if w in lx.COALITION_WORDS and (w not in NP_ONLY or i in np_words):
        return COALITION, 1
    if (w in lx.OTHER_COUNTRIES or w in lx.COALITION_COUNTRIES) and _owner(tokens, i, word):
        return (COALITION if w in lx.COALITION_COUNTRIES else lx.OTHER_FORCE), 1
    return None, 1


def _owner(tokens: Sequence[Token], i: int, word: Callable[[int], str]) -> bool:
    """True when the country named at ``i`` owns troops ("Russia has", "France's forces")."""
    if word(i - 1) in lx.PREPOSITIONS:
        return False
    if tokens[i].low.endswith("'s"):
        j = i + 1
        if j < len(tokens) and tokens[j].kind == "num":  # "Canada's 200-strong contingent"
            j += 1
            if j + 1 < len(tokens) and tokens[j].text == "-" and tokens[j].joined:
                j += 2
        nxt = word(j)
        return nxt in lx.TROOP_NOUNS or nxt in lx.UNIT_NOUNS or nxt in ("military", "army")
    nxt, after = word(i + 1), word(i + 2)
    if nxt in ("will", "would", "also", "now", "currently", "still", "already"):
        nxt, after = after, word(i + 3)
    if nxt in ("has", "have", "had") and after.endswith("ed"):
        return after in lx.OWNER_VERBS  # "has deployed", not "has asked"
    return nxt in lx.OWNER_VERBS


def country_mentions(tokens: Sequence[Token]) -> list[Mention]:
    """Countries named in a sentence, with weak hints and "Iraq and Syria" pairs marked."""
    found = []
    for i, t in enumerate(tokens):
        if t.kind != "word":
            continue
        name = lx.COUNTRY_WORDS.get(t.low) or lx.COUNTRY_WORDS.get(t.base)
        weak = False
        if name is None:
            name = lx.WEAK_COUNTRY_WORDS.get(t.low)
            weak = True
        if name is not None and not _compared(tokens, i):
            found.append(Mention(i, t.clause, name, weak))
    paired: set[int] = set()
    for a, b in itertools.pairwise(found):
        if a.weak or b.weak or a.name == b.name:
            continue
        between = [tokens[k].low for k in range(a.index + 1, b.index)]
        if between in (["and"], ["or"], [","]):
            paired.update((a.index, b.index))
    return [Mention(m.index, m.clause, m.name, m.weak, m.index in paired) for m in found]


def _compared(tokens: Sequence[Token], i: int) -> bool:
    """True for a country named as a term of comparison ("than in Iraq", "unlike Syria")."""
    before = [tokens[k].low for k in range(max(0, i - 2), i)]
    return bool(before) and (
        before[-1] in lx.COMPARING or (before[-1] == "in" and before[0] in lx.COMPARING)
    )


def pick_force(
    mentions: Sequence[Mention],
    start: int,
    end: int,
    clause: int,
    np: frozenset[int],
    combined: set[str] | None = None,
) -> str | None:
    """The force of the number phrase spanning tokens [start, end) in ``clause``;
    ``combined`` holds the forces a summing word joins ("combined with")."""
    inside = [m for m in mentions if m.index in np or start <= m.index < end]
    if inside:
        return inside[-1].name
    left = [m for m in mentions if m.clause == clause and m.index < start]
    if left:
        return left[0].name
    right = [m for m in mentions if m.clause == clause and m.index >= end and not m.subject]
    if right:
        return right[0].name
    if combined is not None and {US, COALITION} <= combined:
        return TOTAL
    return _nearest_clause([m for m in mentions if not m.weak], clause)


def pick_country(mentions: Sequence[Mention], index: int, end: int, clause: int) -> str | None:
    """The country of the number at token ``index`` (its phrase ends at ``end``)."""
    for weak in (False, True):
        own = [m for m in mentions if m.clause == clause and m.weak == weak]
        after = [m for m in own if m.index >= index]
        if after:
            return after[0].name
        before = [m for m in own if m.index < index]
        if before:
            return before[-1].name
        others = [m for m in mentions if m.weak == weak and not m.paired]
        found = _nearest_clause(others, clause)
        if found is not None:
            return found
    paired = [m for m in mentions if m.paired]
    return _nearest_clause(paired, clause)


def _nearest_clause(mentions: Sequence[Mention], clause: int) -> str | None:
    """The mention in the clause nearest to ``clause`` (left before right at equal distance;
    in a clause to the left its last mention, to the right its first)."""
    best: tuple[int, int, int] | None = None
    name = None
    for m in mentions:
        distance = abs(m.clause - clause)
        side = 0 if m.clause <= clause else 1
        order = -m.index if side == 0 else m.index
        key = (distance, side, order)
        if best is None or key < best:
            best, name = key, m.name
    return name
