"""Splitting an article into sentences, each a verbatim slice of the text.

Rules:

* A sentence ends at ``.``, ``!`` or ``?`` (with any closing quotes or brackets after it)
  when whitespace and then a capital letter or a digit follow, possibly after up to two
  opening quotes or brackets ('"[However,] ...'), except after a known abbreviation
  ("Lt.", "Gen.", "Jan."), a single capital initial ("James L. Terry") or a dotted
  acronym ("U.S.").
* A line break ends a sentence, unless the next line starts with a lower-case letter and
  the line before does not end with sentence punctuation (a sentence wrapped by the archiver).
* ``[...]`` (or ``[…]``), which joins non-adjacent passages in an excerpt, always ends one.
* Leading bullets and dashes are trimmed, so that no sentence starts with a character a
  spreadsheet would read as a formula.
* A run-on "sentence" longer than :data:`MAX_CHARS` is cut after the last comma (else space)
  before the limit, so that no quote is unreadably long and work stays linear.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from .lexicon import words

#: Words that end with a period without ending a sentence (compared in lower case).
ABBREVIATIONS = words(
    """mr mrs ms dr prof gen lt col maj capt cpt sgt cpl pvt adm cmdr brig sen rep gov
    pres st mt ft no nos vs approx est dept jr sr inc co corp ltd rev ret jan feb mar apr
    jun jul aug sep sept oct nov dec"""
)

# Linear time: each pattern below that starts with a run ("...", spaces) starts only at
# the first character of its run (the lookbehind), so a long run is read once, not once
# per character of it (Python 3.10 has no possessive quantifiers).
_END = re.compile(r"(?<![.!?])[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]{0,2}[A-Z0-9])")
_LINE_BREAK = re.compile(r"(?<![ \t])[ \t]*\n\s*")
_ELLIPSIS = re.compile(r"(?<!\s)\s*\[(?:\.\.\.|…)\]\s*")
_LEAD = re.compile(r"^[\s\-–—*•#>=+@|]+")
#: Longest sentence kept whole (characters).
MAX_CHARS = 1000
_WORD_BEFORE = re.compile(r"([A-Za-z](?:\.[A-Za-z])*|[A-Za-z]+)$")


@dataclass(frozen=True)
class Sentence:
    """One sentence: its text (a slice of the article) and where it starts."""

    text: str
    start: int

    @property
    def end(self) -> int:
        """Offset just after the sentence in the article."""
        return self.start + len(self.text)


def split_sentences(text: str) -> list[Sentence]:
    """Split ``text`` into sentences following the rules of this module."""
    cuts = {0, len(text)}
    hard: set[int] = set()
    for m in _ELLIPSIS.finditer(text):
        hard.update((m.start(), m.end()))
    for m in _LINE_BREAK.finditer(text):
        after = text[m.end() : m.end() + 1]
        before = _last_char(text, m.start())
        if after.islower() and before and before not in ".!?:\"”'’":
            continue  # a sentence wrapped over two lines
        cuts.update((m.start(), m.end()))
    for m in _END.finditer(text):
        if not _abbreviation(text, m.start()):
            cuts.add(m.end())
    sentences = []
    bounds = sorted(cuts | hard)
    for left, right in itertools.pairwise(bounds):
        piece = text[left:right]
        if _ELLIPSIS.fullmatch(piece):
            continue
        for start, part in _cut(left, piece):
            lead = _LEAD.match(part)
            offset = lead.end() if lead else 0
            body = part[offset:].rstrip()
            if any(ch.isalnum() for ch in body):
                sentences.append(Sentence(body, start + offset))
    return sentences


def _cut(start: int, piece: str) -> list[tuple[int, str]]:
    """``piece`` in parts of at most MAX_CHARS, cut after a comma or at a space."""
    parts = []
    left = 0
    while len(piece) - left > MAX_CHARS:
        end = left + MAX_CHARS
        at = piece.rfind(", ", left, end) + 1 or piece.rfind(" ", left, end) + 1 or end
        if at <= left:
            at = end
        parts.append((start + left, piece[left:at]))
        left = at
    parts.append((start + left, piece[left:]))
    return parts


def _last_char(text: str, end: int) -> str:
    """The last non-blank character before ``end`` ('' when there is none).

    Scans back at most :data:`MAX_CHARS` characters, so that a text of many line breaks
    is read in linear time (a line break that far from any text ends a sentence anyway).
    """
    k = end - 1
    stop = max(0, end - MAX_CHARS)
    while k >= stop and text[k].isspace():
        k -= 1
    return text[k] if k >= stop else ""


def _abbreviation(text: str, dot: int) -> bool:
    """True when the period at ``dot`` closes an abbreviation, an initial or an acronym."""
    if text[dot] != ".":
        return False
    m = _WORD_BEFORE.search(text[max(0, dot - 20) : dot])
    if m is None:
        return False
    word = m.group(1)
    if "." in word:  # U.S, a.m
        return True
    if len(word) == 1 and word.isupper():
        return True
    return word.lower() in ABBREVIATIONS
