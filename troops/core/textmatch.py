"""Text rules shared by validation and extraction: quote normalisation and number reading.

A quote is verbatim when, after :func:`normalise` on both sides, each of its passages
(split at ``[...]``) occurs in the archived text *on token boundaries*: a passage may not
begin or end inside a word or a number of the archive (``500 US troops`` is not a quote of
"2,500 US troops").  Normalising folds whitespace, typographic quotes and dashes, invisible
format characters (zero-width space, soft hyphen, joiners, bidi marks: Unicode category Cf,
variation selectors), Unicode composition (NFC, so a decomposed "é" equals a composed one)
and the link/emphasis markup an HTML-to-text archiver leaves behind (``[words](#)`` and
``**words**``); it never changes a letter or a digit.  A figure's numbers are read from the
normalised quote, the same text that was matched (:func:`quote_text`).

Every pass here is linear in the length of the text: no pattern can backtrack over a run of
spaces or markup (tests time them by growth).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

#: Invisible characters folded away on both sides of a match: every format character
#: (Unicode category Cf, up to Unicode 15), the combining grapheme joiner and variation
#: selectors.
INVISIBLE_RANGES = (
    (0x00AD, 0x00AD), (0x034F, 0x034F), (0x0600, 0x0605), (0x061C, 0x061C),
    (0x06DD, 0x06DD), (0x070F, 0x070F), (0x0890, 0x0891), (0x08E2, 0x08E2),
    (0x180B, 0x180F), (0x200B, 0x200F), (0x202A, 0x202E), (0x2060, 0x2064),
    (0x2066, 0x206F), (0xFE00, 0xFE0F), (0xFEFF, 0xFEFF), (0xFFF9, 0xFFFB),
    (0x110BD, 0x110BD), (0x110CD, 0x110CD), (0x13430, 0x1343F), (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A), (0xE0001, 0xE0001), (0xE0020, 0xE007F), (0xE0100, 0xE01EF),
)  # fmt: skip
_CHAR_MAP: dict[int, str | None] = {
    code: None for low, high in INVISIBLE_RANGES for code in range(low, high + 1)
}
_TYPOGRAPHY: dict[str, str | None] = {
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": "'",
    "\u201b": "'",
    "\u2032": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u201f": '"',
    "\u2033": '"',
    "\u00ab": '"',
    "\u00bb": '"',
    "\u2010": "-",
    "\u2011": "-",
    "\u2012": "-",
    "\u2013": "-",
    "\u2014": "-",
    "\u2015": "-",
    "\u2212": "-",
    "\u00a0": " ",
    "\u2007": " ",
    "\u2009": " ",
    "\u202f": " ",
    "\u2026": "...",
}
_CHAR_MAP.update(str.maketrans(_TYPOGRAPHY))
_MD_LINK = re.compile(r"\[([^\[\]]*)\]\([^()\s]*\)")
#: A digit group space (``2\u202f500``) is kept as one narrow no-break space, so that the
#: number still reads as 2500 after the other spaces are folded.
GROUP_SPACE = "\u202f"
_GROUP_SPACE_RUN = re.compile("(?<=[0-9])[\u00a0\u2007\u2009\u202f](?=[0-9])")
_ELLIPSES = ("[...]", "[\u2026]")


def normalise(text: str) -> str:
    """Fold whitespace, typographic punctuation, invisible characters, Unicode composition
    and archiver markup for verbatim matching."""
    grouped = "\x00" not in text and _GROUP_SPACE_RUN.search(text) is not None
    if grouped:
        text = _GROUP_SPACE_RUN.sub("\x00", text)
    text = text.translate(_CHAR_MAP)
    if "](" in text:
        text = _MD_LINK.sub(r"\1", text)
    if "**" in text:
        text = _strip_strong(text)
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    text = " ".join(text.split())  # the same folding as re.sub(r"\s+", " ", text).strip()
    return text.replace("\x00", GROUP_SPACE) if grouped else text


def _strip_strong(text: str) -> str:
    """``**words**`` -> ``words`` in one left-to-right scan (no backtracking).

    An opening ``**`` is followed by a non-space; its closing one is the next ``**`` that
    follows a non-space.  When an opening ``**`` has no closing one, no later one has either.
    """
    out: list[str] = []
    done = 0
    start = text.find("**")
    while start >= 0:
        if start + 2 < len(text) and not text[start + 2].isspace():
            end = text.find("**", start + 3)
            while end >= 0 and text[end - 1].isspace():
                end = text.find("**", end + 1)
            if end < 0:
                break
            out.append(text[done:start])
            out.append(text[start + 2 : end])
            done = end + 2
            start = text.find("**", done)
        else:
            start = text.find("**", start + 1)
    out.append(text[done:])
    return "".join(out)


#: Characters :func:`normalise` may change (besides runs of spaces): text without them, with
#: single inner spaces and no outer ones is already normal.
_SPECIAL = re.compile(
    "["
    + re.escape("".join(_TYPOGRAPHY))
    + "".join(f"{re.escape(chr(low))}-{re.escape(chr(high))}" for low, high in INVISIBLE_RANGES)
    + "\\[\\]*\t\n\x0b\x0c\r\x1c-\x1f\x85\u1680\u2000-\u200a\u2028\u2029\u205f\u3000]"
)


def is_normal(text: str) -> bool:
    """True when :func:`normalise` would return ``text`` unchanged and it has no ``[...]``."""
    return (
        _SPECIAL.search(text) is None
        and "  " not in text
        and not text.startswith(" ")
        and not text.endswith(" ")
        and (text.isascii() or unicodedata.is_normalized("NFC", text))
    )


def quote_passages(quote: str) -> list[str]:
    """Split a quote at ``[...]`` into the verbatim passages it joins (empty ones dropped)."""
    for mark in _ELLIPSES[1:]:
        quote = quote.replace(mark, _ELLIPSES[0])
    return [part for part in (p.strip() for p in quote.split(_ELLIPSES[0])) if part]


def quote_text(quote: str) -> str:
    """The normalised text of a quote's passages, joined by `` [...] ``: what is matched
    against the archive, and where the figure's numbers must be found."""
    return " [...] ".join(normalise(p) for p in quote_passages(quote))


#: Why a passage is not in the archive: not at all, or only inside a longer word or number.
Reason = Literal["absent", "inside"]


@dataclass(frozen=True)
class Miss:
    """A passage of a quote the archive does not hold on token boundaries."""

    passage: str
    reason: Reason


#: Scripts written without spaces between words (Thai, Lao, Myanmar, Khmer, CJK, kana,
#: Hangul): there a quote may start or end at any letter.
_UNSPACED = ((0x0E00, 0x0EFF), (0x1000, 0x109F), (0x1780, 0x17FF), (0x2E80, 0xD7FF),
             (0xF900, 0xFAFF), (0xFF66, 0xFFDC), (0x20000, 0x3FFFF))  # fmt: skip
_NUMBER_JOINS = ",." + GROUP_SPACE


def _wordish(ch: str) -> bool:
    if not (ch.isalnum() or unicodedata.combining(ch)):
        return False
    code = ord(ch)
    return not any(low <= code <= high for low, high in _UNSPACED)


def inside_token(text: str, i: int) -> bool:
    """True when position ``i`` of ``text`` (between ``text[i-1]`` and ``text[i]``) lies
    inside a word or a number: two letters or digits, or a digit and a separator of a
    number written with one (``2,500``, ``2.5``)."""
    if i <= 0 or i >= len(text):
        return False
    before, after = text[i - 1], text[i]
    if before == " " or after == " ":
        return False  # the usual case, decided at once
    if _wordish(before) and (_wordish(after) or unicodedata.combining(after)):
        return True
    if _digit(before) and after in _NUMBER_JOINS:
        return _digit(text[i + 1 : i + 2])
    if before in _NUMBER_JOINS and _digit(after):
        return i >= 2 and _digit(text[i - 2])
    return False


def _digit(ch: str) -> bool:
    return len(ch) == 1 and "0" <= ch <= "9"


def find_passage(passage: str, text: str) -> Reason | None:
    """``None`` when normalised ``passage`` occurs in normalised ``text`` on token boundaries,
    else why not."""
    start = text.find(passage)
    if start < 0:
        return "absent"
    while start >= 0:
        if not inside_token(text, start) and not inside_token(text, start + len(passage)):
            return None
        start = text.find(passage, start + 1)
    return "inside"


def quote_misses(quote: str, archive_normalised: str) -> list[Miss]:
    """The passages of ``quote`` that the (normalised) archive does not hold on token
    boundaries, each with the reason."""
    out = []
    for passage in quote_passages(quote):
        reason = find_passage(normalise(passage), archive_normalised)
        if reason is not None:
            out.append(Miss(passage, reason))
    return out


def missing_passages(quote: str, archive_normalised: str) -> list[str]:
    """Return the passages of ``quote`` that do not occur in the (normalised) archive text
    on token boundaries."""
    return [m.passage for m in quote_misses(quote, archive_normalised)]


# ---------------------------------------------------------------- numbers

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000}
_NUMBER_WORD = "|".join(sorted([*_UNITS, *_TENS, *_SCALES], key=len, reverse=True))
_WORD_RUN = re.compile(
    rf"\b(?:(?:a|an)\s+(?=(?:hundred|thousand|million)\b))?"
    rf"(?:{_NUMBER_WORD})(?:(?:\s+|-|\s+and\s+)(?:{_NUMBER_WORD}))*\b",
    re.IGNORECASE,
)
#: Numbers in digits: ASCII digits only, as in the figures' values (``\d`` would also read
#: Arabic-Indic or fullwidth digits).
_DIGITS = re.compile(
    r"(?<![0-9.,])([0-9]{1,3}(?:,[0-9]{3})+|[0-9]{1,3}(?:[\u00a0\u202f\u2009][0-9]{3})+|[0-9]+)"
    r"(?:\.([0-9]+))?"
    r"(?:\s*(thousand|million))?(?![0-9])",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class NumberMention:
    """One number written in a text: its value, where it is, and how it was written."""

    value: int
    start: int
    end: int
    text: str


def _words_value(words: str) -> int | None:
    tokens = re.split(r"[\s-]+", words.lower())
    if tokens[0] in _SCALES:
        return None  # "million" after digits ("1.5 million") or on its own is no number
    total = 0
    current = 0
    seen = False
    for tok in tokens:
        if tok in ("and", ""):
            continue
        if tok in ("a", "an"):
            current = max(current, 1)
            continue
        seen = True
        if tok in _UNITS:
            current += _UNITS[tok]
        elif tok in _TENS:
            current += _TENS[tok]
        elif tok == "hundred":
            current = max(current, 1) * 100
        elif tok in _SCALES:
            total += max(current, 1) * _SCALES[tok]
            current = 0
    return total + current if seen else None


#: Longest run of digits read as a number: far above any head count, far below the length
#: ``int()`` refuses (4,300 digits), so a 5,000-digit run is no number rather than a crash.
MAX_DIGITS = 18


def _digits_value(m: re.Match[str]) -> int | None:
    digits = re.sub(r"[^0-9]", "", m.group(1))
    if len(digits) > MAX_DIGITS or len(m.group(2) or "") > MAX_DIGITS:
        return None
    whole = int(digits)
    frac = m.group(2)
    scale = m.group(3)
    if scale:
        factor = _SCALES[scale.lower()]
        return whole * factor + (int(frac) * factor // 10 ** len(frac) if frac else 0)
    if frac:
        return None  # a decimal fraction is not a head count
    return whole


def number_mentions(text: str) -> Iterator[NumberMention]:
    """Yield every whole number ``text`` writes, in digits ("2,500") or words ("nine hundred")."""
    for m in _DIGITS.finditer(text):
        value = _digits_value(m)
        if value is not None:
            yield NumberMention(value, m.start(), m.end(), m.group(0))
    for m in _WORD_RUN.finditer(text):
        words_value = _words_value(m.group(0))
        if words_value is not None:
            yield NumberMention(words_value, m.start(), m.end(), m.group(0))


def numbers_in(text: str) -> set[int]:
    """The set of whole numbers ``text`` writes, in any form :func:`number_mentions` reads."""
    return {m.value for m in number_mentions(text)}


_GROUP_SPACES = "\u00a0\u202f\u2009"
_ASCII = frozenset("0123456789")


def writes_number(text: str, value: int) -> bool:
    """True when ``value`` is in :func:`numbers_in` of ``text``; fast when it is in digits.

    The digit forms of ``value`` are looked up with ``str.find`` and confirmed by reading the
    number that starts there exactly as :func:`number_mentions` would; only when neither
    form is found is the whole text read (number words, "2.5 thousand").
    """
    for form in (f"{value:,}", str(value)):
        start = text.find(form)
        while start >= 0:
            inside = start >= 2 and text[start - 1] in _GROUP_SPACES and text[start - 2] in _ASCII
            m = None if inside else _DIGITS.match(text, start)
            if m is not None and m.group(1) == form and m.lastindex == 1:
                return True  # the number read there is exactly this form, with no fraction/scale
            start = text.find(form, start + 1)
    return value in numbers_in(text)
