"""Troop numbers that are not figures of the report: asides a curator does not record.

Extraction dates every candidate by its report (as_of = the publication date), so a
number that does not describe the troops at that time, or that the text does not assert,
would be a wrong record.  A troop number is such an aside, and is not proposed, when:

1. *Speculation*: "whether" stands before it in its clause ("it is not known whether
   their number will reach 2,800"): a possibility the text does not assert.
2. *Superseded statement*: it is the value of a level marked as former — a word of
   lexicon.FORMER up to three words before a level noun ("number", "figure", "total",
   "cap", ...), the number right after "of" or a copula, in the same clause (a passage
   between dashes is skipped): "the previously public number of 900", "the former
   official U.S. number — a figure that ... — was 5,262".  The text replaces it.
3. *Level before a change*: "from N" with no "to M" after it in its clause ("ordered a
   reduction from 3,000", "up from 2,000 in May"): the level of an earlier time.  It is
   marked here, and :mod:`.figures` proposes it as a count (notes/reading-rules.md,
   rule 8: "a reduction from 3,000" gives 3,000 troops present when the cut was
   ordered), unless it closes a band: after a fall ("down", "reduction", "cut", ...) it
   is a ceiling of the present level, after a rise ("up", "increase", ...) a floor
   ("down from 2000" but "more than 900").  A year-like "from 2019" is never proposed.
   ("from 500 to around 4,000" is a change of level: the 500 is a count.)
4. *Increment*: "the additional N troops", "the extra N" — a definite number of added
   troops that no movement verb follows ("The additional 1,100 troops are temporary
   forces") refers back to a rise already given as two levels or a movement; it is the
   part of a level beyond another one, not a level.  ("An additional 450 troops" is a
   movement, and "the additional 300 troops will arrive" too.)
5. *Corrected statement*: the number is what someone has been saying or had said ("we
   have been briefing that there are about 900", "officials had said 700", "the 700 they
   previously reported") and its sentence or the next one corrects it ("those numbers
   are higher", "in fact", "revised"): the report replaces it (notes/reading-rules.md,
   rule 10), so it is no new figure.
6. *Component*: a part of a force named with it ("about 500 of the 2,500 troops", "some
   300 of its troops", "Of the 2,500 troops in Iraq, about 800 are in Erbil": the 800),
   unless it moves ("withdraw 1,000 of its 2,000 troops" is a movement): a component is
   not a total (notes/reading-rules.md, rule 11).
7. *Cumulative*: troops counted over a span rather than at one time ("more than 200,000
   troops have served in Iraq since 2003", "rotated through Iraq during the war").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from . import lexicon as lx
from .numbers import QUOTES, Reading
from .tokens import CLAUSE_WORDS, Token

SPECULATION, SUPERSEDED, BEFORE_CHANGE, INCREMENT = "whether", "former", "from", "increment"
CORRECTED, COMPONENT, CUMULATIVE = "corrected", "component", "cumulative"
#: Verbs of troops passing through a country over time, and the words of a span.
_OVER_TIME = frozenset({"served", "serve", "rotated", "cycled", "passed"})
_SPAN = frozenset({"since", "during", "over", "throughout"})
#: Words that may stand between "from" and the number ("from a high of 5,300").
_FROM_FILLER = frozenset({"a", "an", "the", "high", "peak", "level", "of"})
#: Words right before the value of a level ("number of 900", "was 5,262").
_VALUE_OF = frozenset({"of", "is", "was", "were", "are", "be", "been", "stood", "at"})


def aside(
    tokens: Sequence[Token],
    r: Reading,
    readings: Mapping[int, Reading],
    kind: str,
    corrected: bool = False,
) -> str | None:
    """The rule (SPECULATION, SUPERSEDED, CORRECTED, BEFORE_CHANGE, INCREMENT, COMPONENT,
    CUMULATIVE) that makes reading ``r`` (of kind ``kind``) an aside, or ``None`` when it
    may be a figure; ``corrected`` says that the sentence or the next one has a word of
    correction."""
    if _speculation(tokens, r):
        return SPECULATION
    if _superseded(tokens, r):
        return SUPERSEDED
    if corrected and said_before(tokens, r):
        return CORRECTED
    if _before_change(tokens, r, readings):
        return BEFORE_CHANGE
    if kind != "movement" and _increment(tokens, r):
        return INCREMENT
    if kind != "movement" and _component(tokens, r):
        return COMPONENT
    if _cumulative(tokens, r):
        return CUMULATIVE
    return None


def _component(tokens: Sequence[Token], r: Reading) -> bool:
    """True for "N of the (M) troops" and for the bare number after "Of the N troops,"."""
    if _word(tokens, r.index + 1) == "of" and _word(tokens, r.index + 2) in lx.DEFINITE:
        return True
    opens = _word(tokens, 0) == "of" and _word(tokens, 1) in lx.DEFINITE
    return opens and r.noun is None and tokens[r.index].clause > tokens[0].clause


def _cumulative(tokens: Sequence[Token], r: Reading) -> bool:
    """True for troops that "have served" or "rotated through" a place since or over a span."""
    clause = tokens[r.index].clause
    verbs = {t.low for t in tokens[r.end :] if t.clause == clause}
    return bool(_OVER_TIME & verbs) and any(t.low in _SPAN for t in tokens[r.end :])


def change_side(tokens: Sequence[Token], r: Reading) -> str | None:
    """For a level before a change: "ceiling" after a fall, "floor" after a rise."""
    k = _skip_back(tokens, r.start - 1, _FROM_FILLER) - 1  # the word before "from"
    w = _word(tokens, k)
    if w in lx.FALL_WORDS:
        return "ceiling"
    return "floor" if w in lx.RISE_WORDS else None


def _increment(tokens: Sequence[Token], r: Reading) -> bool:
    """True for "the additional N (troops)", "the N extra troops"."""
    if r.determiner not in lx.DEFINITE:
        return False
    words = {_word(tokens, k) for k in [*range(r.start, r.index), *r.np_words]}
    return bool(words & lx.NEW_TROOPS)


def _word(tokens: Sequence[Token], k: int) -> str:
    if 0 <= k < len(tokens) and tokens[k].kind == "word":
        return tokens[k].low
    return ""


def _skip_back(tokens: Sequence[Token], k: int, skip: frozenset[str]) -> int:
    """The index at or before ``k`` that is neither a quote nor a word of ``skip``."""
    while k >= 0 and (tokens[k].text in QUOTES or _word(tokens, k) in skip):
        k -= 1
    return k


def said_before(tokens: Sequence[Token], r: Reading) -> bool:
    """True when reading ``r`` is what someone has been saying or had said: "have been
    briefing", "had said", "previously reported" before it (no other number, correction
    or ";" in between) or after its noun in its clause ("the 450 troops they previously
    reported")."""
    clause = tokens[r.index].clause
    after = range(r.end, len(tokens))
    for k in [*range(r.start - 1, -1, -1), *after]:
        t = tokens[k]
        if k < r.start and (t.kind == "num" or t.text == ";" or t.low in lx.CORRECTION):
            break
        if k >= r.end and t.clause != clause:
            break
        if _statement_before_now(tokens, k):
            return True
    return False


def _statement_before_now(tokens: Sequence[Token], k: int) -> bool:
    """True for a verb of saying at ``k`` in a form of before now ("have been briefing",
    "had said", "previously reported")."""
    w, before = _word(tokens, k), _word(tokens, k - 1)
    if w in lx.SAYING_ING and before == "been":
        have = _word(tokens, k - 2)
        return have in ("has", "have", "had") or have.endswith(("'ve", "'s", "'d"))
    return w in lx.SAID and (before in lx.BEFORE_NOW or before == "had" or before.endswith("'d"))


def corrects(tokens: Sequence[Token], names_troops: bool) -> bool:
    """True when a sentence corrects a troop number: it has a word of correction
    ("higher", "revised", "in fact") and a number, a level noun ("numbers") or troops
    (``names_troops``); "the cost was higher" corrects nothing of ours."""
    if not any(
        t.low in lx.CORRECTION or (t.low == "fact" and _word(tokens, k - 1) == "in")
        for k, t in enumerate(tokens)
    ):
        return False
    return names_troops or any(t.kind == "num" or t.low in lx.LEVEL_NOUNS for t in tokens)


def _speculation(tokens: Sequence[Token], r: Reading) -> bool:
    clause = tokens[r.index].clause
    return any(t.clause == clause and t.low == "whether" for t in tokens[: r.start])


def _superseded(tokens: Sequence[Token], r: Reading) -> bool:
    k = _skip_back(tokens, r.start - 1, frozenset())
    if _word(tokens, k) not in _VALUE_OF:
        return False
    dashes = [i for i in range(k) if _dash(tokens[i])]
    while k >= 0:
        t = tokens[k]
        if t.kind == "num":
            return False
        if _dash(t):
            # a passage between dashes (an apposition) is skipped
            earlier = [i for i in dashes if i < k]
            k = earlier[-1] - 1 if earlier else k - 1
            continue
        if t.text in ",;:" or t.low in CLAUSE_WORDS:
            return False  # the level is in another clause ("Unlike the former figure, ...")
        if t.low in lx.LEVEL_NOUNS:
            return any(_word(tokens, j) in lx.FORMER for j in range(k - 3, k))
        k -= 1
    return False


def _dash(t: Token) -> bool:
    """A dash: an en or em dash, or a hyphen with no word joined to it."""
    return t.text in ("—", "–") or (t.text == "-" and not t.joined)


def _before_change(tokens: Sequence[Token], r: Reading, readings: Mapping[int, Reading]) -> bool:
    if r.partner is not None:
        return False
    k = _skip_back(tokens, r.start - 1, _FROM_FILLER)
    if _word(tokens, k) != "from":
        return False
    clause = tokens[r.index].clause
    later = [i for i in sorted(readings) if i > r.index and tokens[i].clause == clause]
    return not (later and any(_word(tokens, j) == "to" for j in range(r.end, later[0])))
