"""Tokens of one sentence: numbers (read by troops.textmatch), words and punctuation.

Each token knows its clause.  Clauses are separated by ``, ; : ( ) – —``, a spaced hyphen
and the conjunctions "and", "but", "while", "whereas" and "or"; extraction uses them to
keep a number's country, force and verb close to it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

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


@dataclass(frozen=True)
class Token:
    """One token: what it is, its lower-case text, where it is, and its clause."""

    kind: Kind
    text: str
    low: str
    start: int
    end: int
    clause: int = 0
    value: int = 0
    joined: bool = False  # no space before it (a hyphen compound: "US-led", "3,100-member")

    def is_word(self, *words: str) -> bool:
        """True for a word token whose lower-case text is one of ``words``."""
        return self.kind == "word" and self.low in words

    @property
    def base(self) -> str:
        """The word without a possessive ending ("iraq's" -> "iraq")."""
        return self.low[:-2] if self.low.endswith("'s") else self.low


def fold(text: str) -> str:
    """Fold typographic quotes, dashes and spaces one character for one."""
    return text.translate(_FOLD)


def tokenize(sentence: str) -> list[Token]:
    """Split a sentence into tokens and number them by clause."""
    folded = fold(sentence)
    spans: list[Token] = []
    taken: list[tuple[int, int]] = []
    for num in sorted(number_mentions(sentence), key=lambda n: (n.start, -n.end)):
        if any(num.start < e and s < num.end for s, e in taken):
            continue
        taken.append((num.start, num.end))
        spans.append(Token("num", num.text, num.text.lower(), num.start, num.end, value=num.value))
    cursor = 0
    for s, e in [*sorted(taken), (len(folded), len(folded))]:
        for m in _TOKEN.finditer(folded, cursor, s):
            group = m.lastgroup or "punct"
            kind: Kind = "punct" if group == "punct" else "word"
            low = m.group(0).lower()
            if group == "acronym":
                low = low.rstrip(".")
            spans.append(Token(kind, m.group(0), low, m.start(), m.end()))
        cursor = e
    spans.sort(key=lambda t: t.start)
    tokens = []
    clause = 0
    for i, tok in enumerate(spans):
        joined = i > 0 and spans[i - 1].end == tok.start
        if _breaks_clause(tok, folded):
            clause += 1
        tokens.append(
            Token(tok.kind, tok.text, tok.low, tok.start, tok.end, clause, tok.value, joined)
        )
    return tokens


def _breaks_clause(tok: Token, text: str) -> bool:
    if tok.kind == "word":
        return tok.low in CLAUSE_WORDS
    if tok.kind != "punct":
        return False
    if tok.text in CLAUSE_PUNCT:
        return True
    if tok.text == "-":  # a spaced hyphen is a dash; "US-led" is a compound
        before = text[tok.start - 1 : tok.start]
        after = text[tok.end : tok.end + 1]
        return before.isspace() and after.isspace()
    return False
