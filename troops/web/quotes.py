"""Where a figure's quote sits in its archived text, so the page can highlight it.

A quote is verbatim after :func:`troops.core.textmatch.normalise` (folded whitespace,
typographic quotes and dashes); its passages (split at ``[...]``) are found in the archive
the same way and mapped back to character offsets of the raw text.
"""

from __future__ import annotations

from functools import lru_cache

from troops.core.textmatch import normalise, quote_passages


@lru_cache(maxsize=4096)
def _fold(ch: str) -> str:
    """What ``ch`` becomes inside normalised text (a blank becomes one space)."""
    return normalise(f"x{ch}x")[1:-1]


class FoldedText:
    """A raw text and its normalised form, with each normalised character's raw offset."""

    def __init__(self, raw: str) -> None:
        out: list[str] = []
        where: list[int] = []
        for i, ch in enumerate(raw):
            folded = ch if ch.isalnum() else _fold(ch)
            if folded == " " and (not out or out[-1] == " "):
                continue
            for c in folded:
                out.append(c)
                where.append(i)
        self.raw = raw
        self.folded = "".join(out)
        self.where = where

    def spans(self, quote: str) -> list[tuple[int, int]]:
        """Raw ``(start, end)`` offsets of each passage of ``quote`` found in the text, in
        quote order (a passage not found is left out)."""
        found = []
        pos = 0
        for passage in quote_passages(quote):
            needle = normalise(passage)
            if not needle:
                continue
            at = self.folded.find(needle, pos)
            if at < 0:
                at = self.folded.find(needle)
            if at < 0:
                continue
            start = self.where[at]
            end = self.where[at + len(needle) - 1] + 1
            found.append((start, end))
            pos = at + len(needle)
        return found
