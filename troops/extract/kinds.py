"""Which kind of figure a troop number is: count, cap, target or movement.

The first rule that applies decides:

1. *Movement* when a movement verb follows the troop noun ("1,000 troops withdrawing",
   "250 special operations forces will be sent", "200 Marines arrived"; not "troops
   deployed in Iraq", a presence, nor "asked the troops to leave", a request).
2. *Existing force* when a definite word stands before the number ("its 2,500 troops",
   "all 2,000", "the more than 2,000 U.S troops") or "already", "currently", "still" or
   "now" follows its noun: a *cap* when an authorisation word is in its clause ("the 300
   U.S. troops already authorized", "the 1,600 previously allowed") or a pledge follows
   its noun ("the 3,000 troops the United States has committed to send": the troops a
   government has undertaken to deploy, its authorised level) or the number is the
   strength written into the name of a definite force ("the 3,100-member contingent",
   "its 500-strong task force": the size the force is set at, its authorised level),
   else a *count*.
3. *Movement* when an adjective of movement is attached ("an additional 450", "200 more
   American troops"), or a movement verb or noun governs it ("send up to 1,500 troops",
   "deploying fewer than 50", "evacuate about 1,000", "a request for another 600"; a
   pledge does not change that: "allies have committed to send about 1500 forces" are
   troops to be sent), or, for a bare number, the troops it gives the number of are
   new ("the number of new troops would be 615", "additional", "extra", "fresh").
4. *Cap* when its clause names an authorised level ("authorized", "cap", "force
   management level", "allowed": "the number of authorized U.S. personnel will rise to
   4,647", "3100 troops US President Barack Obama has authorised") — but a *target*
   when "would" and a verb of change govern the number with no finite verb in between:
   a change of the authorised level that would happen is proposed, not in force ("would
   bring the number of authorized troops to more than 5,000").
5. *Target* when the number is a planned level: a future or planning word ("will",
   "would", "expected", "plans") before it in its sentence part with no finite verb in
   between ("will drop this month from about 5,200 to 3,000", "will reduce its presence
   ... to 2,500 troops and 2,500 troops in Iraq"), or right after its phrase ("600 US
   troops will remain"), or a progressive verb of change ("is keeping 200 American
   troops", "cutting ... to 3,000"; a participle after a comma gives the result of its
   sentence's verb: after a move done with no plan or decision, "sent 200, bringing the
   total to 1,100", the level reached, a count), or a verb of change
   in the present that brings a
   level "to" the number ("deployments that bring the total to more than 5,000": the
   level the change leads to; in the past, "brought ... to", it is a count).  The "from"
   side of "from X to Y" is the level before the change, a count.
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

_AUX = lx.words(
    """are is were was be being been will would to had have has could may might should can
    must also soon due scheduled slated poised set expected"""
)
_SKIP_BEFORE = frozenset({"of", "to", "the", "an", "a", "total", "for", "another"})


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
        changed = self._changed_by(r)
        if changed is not None:
            return "movement", changed, True
        if self._presence(r) or self._force_of(r):
            return "count", None, True
        moved = self._moved_after(r)
        if moved is not None:
            return "movement", moved, True
        if r.determiner is not None or any(
            self.word(k) in lx.EXISTING for k in range(r.end, r.end + 2)
        ):
            established = r.strength and r.determiner is not None
            cap = established or self._cap(r) or self._committed(r)
            return ("cap" if cap else "count"), None, True
        moved = self._moved_before(r)
        if moved is not None:
            return "movement", moved, True
        if self._cap(r):
            return ("target" if self._would(r) else "cap"), None, True
        if self._from_side(r, readings):
            return "count", None, True
        if self._planned(r) or self._brought_to(r):
            return "target", None, True
        return "count", None, False

    # ------------------------------------------------------------ rules

    def _changed_by(self, r: Reading) -> str | None:
        """Rule 0a: "<change> ... by N" (reduce, cut, increase, boost the troops by N) is
        the size of the change, a movement: "out" for a fall, "in" for a rise."""
        if self.word(r.start - 1) != "by":
            return None
        clause = self.tokens[r.index].clause
        for k in range(r.start - 2, -1, -1):
            if self.tokens[k].clause != clause:
                break
            w = self.word(k)
            if w in lx.FALL_VERBS:
                return "out"
            if w in lx.RISE_VERBS:
                return "in"
        return None

    def _presence(self, r: Reading) -> bool:
        """Rule 0b: troops "deployed in" / "stationed in" a place, or that a country "has
        deployed", are present: a count ("900 soldiers are deployed in Syria", "has deployed
        3,100 personnel to advise"), unless a movement adjective is attached."""
        if any(self.word(k) in lx.MOVE_ADJECTIVES for k in [r.start - 1, *r.np_words]):
            return False
        if r.noun is not None:
            k = r.end
            while self.word(k) in lx.PRESENT_AUX:
                k += 1
            if self.word(k) in lx.PRESENCE_VERBS and self.word(k + 1) in lx.PRESENCE_PLACES:
                return True
        k = r.start - 1
        while k >= 0 and self.word(k) in _SKIP_BEFORE:
            k -= 1
        return self.word(k) in lx.PRESENCE_VERBS and self.word(k - 1) in ("has", "have", "had")

    def _force_of(self, r: Reading) -> bool:
        """Rule 0c: "the force of N troops", "its force of N" names the level of an existing
        force, a count, whatever is said of it ("no plans to draw down the force of
        approximately 1,000 troops"; "pulling all 2,000 troops out" is rule 2)."""
        k = r.start - 1
        if self.word(k) != "of" or self.word(k - 1) not in ("force", "forces", "presence"):
            return False
        return self.word(k - 2) in lx.DEFINITE or self.word(k - 3) in lx.DEFINITE

    def _moved_after(self, r: Reading) -> str | None:
        if r.noun is None:
            return None
        start = r.end
        placed = self.word(start) in ("in", "inside") and self.word(start + 1) in lx.COUNTRY_WORDS
        if placed and r.determiner is None:
            start += 2  # "200 US troops in Iraq could be cut" (only a move out, below); "the
            # 2,500 troops in Iraq will leave" is the level of a whole force (rule 2)
        k = start
        while self.word(k) in _AUX:
            k += 1
        aux = [self.word(j) for j in range(start, k)]
        w = self.word(k)
        if aux == ["to"] or w not in lx.MOVE_AFTER:
            return None  # "asked the 2,500 troops to leave" is a request
        if w in lx.CUT_AFTER and self.word(k + 1) in ("to", "by", "from"):
            return None  # "the 5,200 troops will be reduced to 3,000": a change of level
        if aux or w.endswith("ing") or w in lx.MOVE_FINITE:
            out = w in lx.MOVE_OUT or w in lx.CUT_AFTER or w in lx.LEFT_AFTER
            out = out or self.word(k + 1) == "home"
            if start > r.end and not out:
                return None  # "900 troops in Syria are deployed": troops there, present
            return "out" if out else "in"
        return None

    def _moved_before(self, r: Reading) -> str | None:
        for k in [r.start - 1, *r.np_words]:
            w = self.word(k)
            if w in lx.MOVE_ADJECTIVES and not (w == "more" and self.word(k + 1) == "than"):
                return "in"
        if self.word(r.start - 1) in lx.CUT_OBJECT:
            return "out"  # "will cut 500 troops"
        k = r.start - 1
        while k >= 0 and (self.tokens[k].text in QUOTES or self.word(k) in _SKIP_BEFORE):
            k -= 1
        w = self.word(k)
        if w in lx.REMAINDER:
            return None  # "withdraw 2,200, leaving 3,000": the level that stays, not a move
        if w in lx.MOVE_IN:
            return "in"
        if w in lx.MOVE_OUT:
            return "out"
        return "in" if self._new_troops(r) else None

    def _new_troops(self, r: Reading) -> bool:
        """True for a bare number whose troops, named before it in its clause, are new."""
        if r.noun is not None:
            return False
        clause = self.tokens[r.index].clause
        nouns = [
            k
            for k in range(r.start)
            if self.tokens[k].clause == clause and self.word(k) in lx.TROOP_NOUNS
        ]
        if not nouns:
            return False
        k = nouns[-1] - 1
        while self.word(k) in lx.MODIFIERS and self.word(k) not in lx.NEW_TROOPS:
            k -= 1
        return self.word(k) in lx.NEW_TROOPS

    def _committed(self, r: Reading) -> bool:
        """True when a pledge ("has committed to send") follows the noun in its clause."""
        if r.noun is None:
            return False
        clause = self.tokens[r.index].clause
        k = r.end
        while k < len(self.tokens) and self.tokens[k].clause == clause:
            if self.word(k) in lx.PLEDGES and self.word(k + 1) == "to":
                return True
            k += 1
        return False

    def _would(self, r: Reading) -> bool:
        """True for "would <verb of change> ... N" with no finite verb in between."""
        k = r.start - 1
        change = False
        while k >= 0 and self.tokens[k].text not in ";:":
            w = self.word(k)
            if w in lx.FINITE:
                return False
            if w == "would":
                return change
            change = change or w in lx.CHANGE_VERBS or w in lx.CHANGE_PRESENT
            k -= 1
        return False

    def _brought_to(self, r: Reading) -> bool:
        """True for "<change verb in the present> ... to N" in the number's clause."""
        if self.word(r.start - 1) != "to":
            return False
        clause = self.tokens[r.index].clause
        k = r.start - 2
        while k >= 0 and self.tokens[k].clause == clause:
            w = self.word(k)
            if w in lx.FINITE:
                return False
            if w in lx.CHANGE_PRESENT:
                return True
            k -= 1
        return False

    def _cap(self, r: Reading) -> bool:
        clause = self.tokens[r.index].clause
        for k, t in enumerate(self.tokens):
            if t.clause != clause or t.kind != "word":
                continue
            if t.low in lx.CAP_WORDS or (t.low, self.word(k + 1)) in lx.CAP_PHRASES:
                return True
        return False

    def _done_before(self, k: int) -> bool:
        """True when the sentence before a participle of change at ``k`` reports a move
        done ("sent", "withdrew") and no plan or decision ("will", "ordered")."""
        words = [self.word(j) for j in range(k)]
        if any(_plan_word(w) or w in lx.DECISIONS for w in words):
            return False
        return any(w in lx.MOVES_DONE for w in words)

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
            if w in lx.PLAN_PROGRESSIVE and k > 0 and self.tokens[k - 1].text == ",":
                if self._done_before(k):
                    break  # "sent 200, bringing the total to 1,100": the level reached
                return True
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


def moved_troops(tokens: Sequence[Token]) -> str | None:
    """The direction of troops a sentence names as sent or withdrawn without a number
    ("White House to send special forces into Syria"), else ``None``."""
    reader = KindReader(tokens)
    for k, t in enumerate(tokens):
        if t.low not in lx.MOVE_IN and t.low not in lx.MOVE_OUT:
            continue
        j = k + 1
        while reader.word(j) in lx.MODIFIERS:
            j += 1
        if reader.word(j) in lx.TROOP_NOUNS:
            return "out" if t.low in lx.MOVE_OUT else "in"
    return None


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
