"""A number given for each of several things ("N each"): per place, per owner or per item.

A distributive "each" ("apiece", "both") makes a number the size of each of several
things, not their total.  What they are decides what the number is:

* *Places*: each of a pair of tracked countries ("2,500 troops each in Iraq and Syria",
  "Iraq and Syria each host about 900 US troops", "both Iraq and Syria have 2,000"):
  one figure per country.
* *Owners*: each of several countries or forces ("Britain and France each have 500
  soldiers in Iraq"): the number is no level of a tracked series (the coalition's level
  is the sum of its members'), so nothing is proposed, unless US forces are among them
  ("the US and Britain each keep 1,000"): then it is the US level, read as usual.
* *Items*: each of several bases, units or rotations ("two bases in Syria each hold 300
  troops", "300 troops each"): a size per item, never a level: nothing is proposed.

"each" as a determiner ("each year", "each of the 2,500 troops") distributes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence

from . import lexicon as lx
from .numbers import NumberReader, Reading
from .series import Mention

EACH = frozenset({"each", "apiece"})
#: Words after a floating "each" that show it is one ("France each have 500"): verbs
#: and the words that stand before them.
_AFTER_EACH = lx.OWNER_VERBS | lx.words(
    """host hosts hosted hold holds held will would now also still provide provides
    provided number numbered field fields fielded"""
)


def shared_places(
    reader: NumberReader, r: Reading, countries: Sequence[Mention]
) -> list[str] | None:
    """The countries a number is given for each of ([] when it is not distributed), or
    ``None`` when it is a size per owner or per item and no figure at all."""
    word, tokens = reader.word, reader.tokens
    if word(r.end) in EACH or word(r.index + 1) in EACH:
        # "N troops each in Iraq and Syria": the pair after it, else a size per item
        clause = tokens[r.index].clause
        pair = [m.name for m in countries if m.paired and m.index > r.index]
        near = [m for m in countries if m.paired and m.index > r.index and m.clause <= clause + 1]
        return list(dict.fromkeys(pair)) if len(near) >= 2 else None
    clause = tokens[r.index].clause
    for k in range(r.start - 1, -1, -1):
        w = word(k)
        if w == "both":
            pair = _pair_at(countries, k + 1)
            return pair if pair and _tracked(pair) else []
        if tokens[k].clause != clause:
            if tokens[k].kind == "num":
                return []
            continue  # "both" may open an earlier clause ("Both Iraq and Syria have ...")
        if w == "each" and word(k + 1) == "of":
            # "each of the two bases ... 200": per item; "each of the 2,500 troops": the set
            return None if any(t.kind == "num" for t in tokens[k : r.start]) else []
        if w in EACH and (word(k + 1) in _AFTER_EACH or word(k + 1).endswith(("ed", "s"))):
            return _per_subject(reader, k, countries)
    return []


def _per_subject(reader: NumberReader, k: int, countries: Sequence[Mention]) -> list[str] | None:
    """What "<subject> each <verb> N" gives the number for (``k`` is the "each")."""
    pair = _pair_at(countries, k - 3)
    if pair and _tracked(pair):
        return pair  # "Iraq and Syria each host 900 US troops"
    subject = [reader.tokens[j].low for j in range(max(0, k - 4), k)]
    if any(w in lx.US_WORDS for w in subject) and ("and" in subject or "," in subject):
        return []  # "the US and Britain each keep 1,000": the US level, read as usual
    return None  # per owner ("Britain and France each have 500") or per item


def _pair_at(countries: Sequence[Mention], index: int) -> list[str]:
    """The pair of countries whose first is named at token ``index`` ("Iraq and Syria")."""
    first = [m for m in countries if m.index == index and m.paired]
    if not first:
        return []
    after = [m for m in countries if m.paired and m.index > index]
    return [first[0].name, after[0].name] if after else []


def _tracked(names: Sequence[str]) -> bool:
    return all(n in ("Iraq", "Syria") for n in names)
