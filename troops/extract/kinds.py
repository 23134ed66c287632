"""Which kind of figure a troop number is: count, cap, target or movement.

The first rule that applies decides:

1. *Movement* when a movement verb follows the troop noun ("1,000 troops withdrawing",
   "250 special operations forces will be sent", "200 Marines arrived"; not "troops
   deployed in Iraq", a presence, nor "asked the troops to leave", a request).
2. *Existing force* when a definite word stands before the number ("its 2,500 troops",
   "all 2,000", "the more than 2,000 U.S troops") or "already", "currently", "still" or
   "now" follows its noun: a *cap* when an authorisation word is in its clause ("the 300
   U.S. troops already authorized", "the 1,600 previously allowed"), else a *count*.
3. *Movement* when an adjective of movement is attached ("an additional 450", "200 more
   American troops") or a movement verb governs it ("send up to 1,500 troops",
   "deploying fewer than 50", "evacuate about 1,000"); but a pledged movement ("allies
   have committed to send about 1500 forces", "pledged to send", "agreed to send") is a
   plan, a *target*.
4. *Cap* when its clause names an authorised level before it or right after it
   ("authorized", "cap", "force management level", "allowed": "the number of authorized
   troops in Iraq to more than 5,000", "3100 troops US President Barack Obama has
   authorised").
5. *Target* when the number is a planned level: a future or planning word ("will",
   "would", "expected", "plans") before it in its sentence part with no finite verb in
   between ("will drop this month from about 5,200 to 3,000", "will reduce its presence
   ... to 2,500 troops and 2,500 troops in Iraq"), or right after its phrase ("600 US
   troops will remain"), or a progressive verb of change ("is keeping 200 American
   troops", "cutting ... to 3,000").  The "from" side of "from X to Y" is the level before
   the change, a count.
6. Otherwise a *count*.

A movement's direction is "out" for withdraw/evacuate/pull/remove/leave, else "in".  A
movement naming both "from <country>" and "to <country>" is two figures: out of the first
and into the second.
"""

from __future__ import annotations

from collections.abc import Sequence

from . import lexicon as lx
from .numbers import QUOTES, Reading
from .tokens import Token

_AUX = frozenset({"are", "is", "were", "was", "be", "being", "been", "will", "would", "to"})
_SKIP_BEFORE = frozenset({"of", "to", "the", "an", "a", "total"})


def _plan_word(w: str) -> bool:
    return w in lx.PLAN_MARKERS or w.endswith("'ll") or w == "won't"


class KindReader:
    """Decides the kind (and direction) of the numbers of one sentence."""

    def __init__(self, tokens: Sequence[Token]) -> None:
        self.tokens = tokens

    def word(self, i: int) -> str:
        """The lower-case word at ``i`` ('' for punctuation, numbers or out of range)."""
        if 0 <= i < len(self.tokens) and self.tokens[i].kind == "word":
            return self.tokens[i].low
        return ""

    def kind(self, r: Reading, readings: dict[int, Reading]) -> tuple[str, str | None, bool]:
        """(kind, direction, decided) of reading ``r``: direction only for movements;
        ``decided`` is false when no rule applied and the kind is a count by default."""
        moved = self._moved_after(r)
        if moved is not None:
            return "movement", moved, True
        if r.determiner is not None or any(
            self.word(k) in lx.EXISTING for k in range(r.end, r.end + 2)
        ):
            return ("cap" if self._cap(r) else "count"), None, True
        moved = self._moved_before(r)
        if moved is not None:
            if self._pledged(r):
                return "target", None, True
            return "movement", moved, True
        if self._cap(r):
            return "cap", None, True
        if self._from_side(r, readings):
            return "count", None, True
        if self._planned(r):
            return "target", None, True
        return "count", None, False

    # ------------------------------------------------------------ rules

    def _moved_after(self, r: Reading) -> str | None:
        if r.noun is None:
            return None
        k = r.end
        while self.word(k) in _AUX:
            k += 1
        aux = [self.word(j) for j in range(r.end, k)]
        w = self.word(k)
        if aux == ["to"] or w not in lx.MOVE_AFTER:
            return None  # "asked the 2,500 troops to leave" is a request
        if aux or w.endswith("ing") or w in lx.MOVE_FINITE:
            return "out" if w in lx.MOVE_OUT else "in"
        return None

    def _moved_before(self, r: Reading) -> str | None:
        for k in [r.start - 1, *r.np_words]:
            w = self.word(k)
            if w in lx.MOVE_ADJECTIVES and not (w == "more" and self.word(k + 1) == "than"):
                return "in"
        k = r.start - 1
        while k >= 0 and (self.tokens[k].text in QUOTES or self.word(k) in _SKIP_BEFORE):
            k -= 1
        w = self.word(k)
        if w in lx.MOVE_IN:
            return "in"
        return "out" if w in lx.MOVE_OUT else None

    def _pledged(self, r: Reading) -> bool:
        """True when "pledged/committed/agreed to" governs the movement verb."""
        for k in range(max(0, r.start - 6), r.start):
            if self.word(k) in lx.PLEDGES and self.word(k + 1) == "to":
                return True
        return False

    def _cap(self, r: Reading) -> bool:
        clause = self.tokens[r.index].clause
        for k, t in enumerate(self.tokens):
            if t.clause != clause or t.kind != "word":
                continue
            if t.low in lx.CAP_WORDS or (t.low, self.word(k + 1)) in lx.CAP_PHRASES:
                return True
        return False

    def _from_side(self, r: Reading, readings: dict[int, Reading]) -> bool:
        if "from" not in [self.word(k) for k in range(max(0, r.start - 4), r.start)]:
            return False
        clause = self.tokens[r.index].clause
        later = [i for i in sorted(readings) if i > r.index and self.tokens[i].clause == clause]
        return bool(later) and any(self.word(k) == "to" for k in range(r.end, later[0]))

    def _planned(self, r: Reading) -> bool:
        k = r.start - 1
        while k >= 0:
            t = self.tokens[k]
            if t.text in ";:":
                break
            w = self.word(k)
            if w in lx.FINITE:
                break
            if _plan_word(w) or w in lx.PLAN_PROGRESSIVE:
                return True
            k -= 1
        k = r.end
        clause = self.tokens[r.index].clause
        while k < len(self.tokens) and self.tokens[k].clause == clause:
            w = self.word(k)
            if w in lx.FINITE:
                return False
            if _plan_word(w):
                return True
            k += 1
        return False


def move_countries(tokens: Sequence[Token], r: Reading) -> tuple[str | None, str | None]:
    """Countries named as "from X" and "to X" in the clause of a movement (or ``None``)."""
    clause = tokens[r.index].clause
    origin = dest = None
    for k in range(r.end, len(tokens)):
        if tokens[k].clause != clause:
            break
        prep = tokens[k].low
        if prep not in ("from", "to", "into"):
            continue
        for j in (k + 1, k + 2):
            name = lx.COUNTRY_WORDS.get(tokens[j].low) if j < len(tokens) else None
            if name is not None:
                if prep == "from":
                    origin = origin or name
                else:
                    dest = dest or name
                break
    return origin, dest
