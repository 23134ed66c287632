"""Tokens of one sentence: numbers (read by troops.textmatch), words and punctuation.

Each token knows its clause.  Clauses are separated by ``, ; : ( ) – —``, a spaced hyphen
and the conjunctions "and", "but", "while", "whereas" and "or"; extraction uses them to
keep a number's country, force and verb close to it.
"""

from __future__ import annotations

import re
from typing import Literal, NamedTuple

from troops.core.textmatch import number_mentions

#: One-to-one character folding for analysis (the quote itself keeps the original text).
_FOLD = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"', "\u00bb": '"',
        "\u2010": "-", "\u2011": "-", "\u2012": "–", "\u2013": "–", "\u2014": "—",
        "\u2015": "—", "\u2212": "-", "\u00a0": " ", "\u2007": " ", "\u2009": " ",
        "\u202f": " ", "\u2026": ".",
    }
)  # fmt: skip
_TOKEN = re.compile(
    r"(?P<acronym>[A-Za-z](?:\.[A-Za-z])+\.?)"
    r"|(?P<word>[A-Za-z]+(?:'[A-Za-z]+)?)"
    r"|(?P<punct>\S)"
)
CLAUSE_PUNCT = frozenset(",;:()–—[]")
CLAUSE_WORDS = frozenset({"and", "but", "while", "whereas", "or"})

Kind = Literal["num", "word", "punct"]


class Token(NamedTuple):
    """One token: what it is, its lower-case text, where it is, and its clause (a named
    tuple: a sentence makes many, and a tuple is made several times faster than a frozen
    dataclass)."""

    kind: Kind
    text: str
    low: str
    start: int
    end: int
    clause: int = 0
    value: int = 0
    joined: bool = False  # no space before it (a hyphen compound: "US-led", "3,100-member")
    base: str = ""  # the word without a possessive ending ("iraq's" -> "iraq")

    def is_word(self, *words: str) -> bool:
        """True for a word token whose lower-case text is one of ``words``."""
        return self.kind == "word" and self.low in words


def fold(text: str) -> str:
    """Fold typographic quotes, dashes and spaces one character for one."""
    return text.translate(_FOLD)


def tokenize(sentence: str) -> list[Token]:
    """Split a sentence into tokens and number them by clause."""
    folded = fold(sentence)
    # (start, end, kind, text, low, value), made into Tokens once the clauses are known
    spans: list[tuple[int, int, Kind, str, str, int]] = []
    taken: list[tuple[int, int]] = []
    for num in sorted(number_mentions(sentence), key=lambda n: (n.start, -n.end)):
        if taken and num.start < taken[-1][1]:
            continue  # inside the number before (sorted by start, so only that one)
        taken.append((num.start, num.end))
        spans.append((num.start, num.end, "num", num.text, num.text.lower(), num.value))
    cursor = 0
    for s, e in [*taken, (len(folded), len(folded))]:
        for m in _TOKEN.finditer(folded, cursor, s):
            group = m.lastgroup or "punct"
            kind: Kind = "punct" if group == "punct" else "word"
            low = m.group(0).lower()
            if group == "acronym":
                low = low.rstrip(".")
            spans.append((m.start(), m.end(), kind, m.group(0), low, 0))
        cursor = e
    spans.sort(key=lambda t: t[0])
    tokens = []
    clause = 0
    previous_end = -1
    for start, end, kind, text, low, value in spans:
        if _breaks_clause(kind, text, low, start, end, folded):
            clause += 1
        base = low[:-2] if low.endswith("'s") else low
        joined = previous_end == start
        tokens.append(Token(kind, text, low, start, end, clause, value, joined, base))
        previous_end = end
    return tokens


def _breaks_clause(kind: Kind, text: str, low: str, start: int, end: int, folded: str) -> bool:
    if kind == "word":
        return low in CLAUSE_WORDS
    if kind != "punct":
        return False
    if text in CLAUSE_PUNCT:
        return True
    if text == "-":  # a spaced hyphen is a dash; "US-led" is a compound
        before = folded[start - 1 : start]
        after = folded[end : end + 1]
        return before.isspace() and after.isspace()
    return False
