"""Text rules shared by validation and extraction: quote normalisation and number reading.

A quote is verbatim when, after :func:`normalise` on both sides, each of its passages
(split at ``[...]``) occurs in the archived text.  Normalising folds whitespace, typographic
quotes and dashes, and the link/emphasis markup an HTML-to-text archiver leaves behind
(``[words](#)`` and ``**words**``); it never changes a letter or a digit.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

_CHAR_MAP = str.maketrans(
    {
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
        "\u200b": "",
        "\u00ad": "",
        "\u2026": "...",
    }
)
_MD_LINK = re.compile(r"\[([^\[\]]*)\]\([^()\s]*\)")
_MD_STRONG = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*", re.DOTALL)
_SPACES = re.compile(r"\s+")
ELLIPSIS = re.compile(r"\s*\[(?:\.\.\.|…)\]\s*")


def normalise(text: str) -> str:
    """Fold whitespace, typographic punctuation and archiver markup for verbatim matching."""
    text = text.translate(_CHAR_MAP)
    if "](" in text:
        text = _MD_LINK.sub(r"\1", text)
    if "**" in text:
        text = _MD_STRONG.sub(r"\1", text)
    return " ".join(text.split())  # the same folding as re.sub(r"\s+", " ", text).strip()


#: Characters :func:`normalise` may change (besides runs of spaces): text without them, with
#: single inner spaces and no outer ones is already normal.
_SPECIAL = re.compile(
    "["
    + re.escape("".join(chr(c) for c in _CHAR_MAP))
    + "\\[\\]*\t\n\x0b\x0c\r\x1c-\x1f\x85\u1680\u2000-\u200a\u2028\u2029\u205f\u3000]"
)


def is_normal(text: str) -> bool:
    """True when :func:`normalise` would return ``text`` unchanged and it has no ``[...]``."""
    return (
        _SPECIAL.search(text) is None
        and "  " not in text
        and not text.startswith(" ")
        and not text.endswith(" ")
    )


def quote_passages(quote: str) -> list[str]:
    """Split a quote at ``[...]`` into the verbatim passages it joins (empty ones dropped)."""
    return [part for part in (p.strip() for p in ELLIPSIS.split(quote)) if part]


def missing_passages(quote: str, archive_normalised: str) -> list[str]:
    """Return the passages of ``quote`` that do not occur in the (normalised) archive text."""
    return [p for p in quote_passages(quote) if normalise(p) not in archive_normalised]


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


#: Longest digit run read as a number: longer ones are no head count, and converting an
#: unbounded run would hit Python's int() digit limit (4,300) or cost quadratic time.
MAX_DIGITS = 15


def _digits_value(m: re.Match[str]) -> int | None:
    digits, frac = re.sub(r"[^0-9]", "", m.group(1)), m.group(2)
    if len(digits) > MAX_DIGITS or len(frac or "") > MAX_DIGITS:
        return None
    whole = int(digits)
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
