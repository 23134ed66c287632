"""Quote normalisation and number reading shared by validation and extraction."""

from __future__ import annotations

import sys
import time
import unicodedata
from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from troops.core.textmatch import (
    is_normal,
    missing_passages,
    normalise,
    numbers_in,
    quote_misses,
    quote_passages,
    quote_text,
    writes_number,
)


def test_normalise_folds_typography_and_markup() -> None:
    """Curly quotes, dashes, NBSP, line breaks and archiver markup fold away."""
    raw = "“The date,” said **John Kirby** [tweeted](#) \u2013 at\u00a0once\n  now"
    assert normalise(raw) == '"The date," said John Kirby tweeted - at once now'


def test_passages_split_at_ellipsis() -> None:
    """[...] joins separate verbatim passages."""
    assert quote_passages("A b. [...] C d.") == ["A b.", "C d."]
    assert missing_passages("A b. [...] C e.", normalise("A b. x C d.")) == ["C e."]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("about 2,500 troops", {2500}),
        ("a presence of 900 troops", {900}),
        ("nine hundred troops", {900}),
        ("less than a thousand U.S. forces", {1000}),
        ("two thousand five hundred", {2500}),
        ("1.5 million people", {1_500_000}),
        ("the 3,100-member contingent", {3100}),
        ("2,500 US troops and around 1,000 from other forces", {2500, 1000}),
        ("in 2014, 15,298 troops", {2014, 15298}),
        ("\u0662\u0665\u0660\u0660 troops", set()),  # Arabic-Indic digits are not read
        ("\uff12\uff15\uff10\uff10 troops and 900", {900}),  # nor fullwidth ones
        ("\u0662500 troops", {500}),
    ],
)
def test_numbers_in(text: str, expected: set[int]) -> None:
    """Numbers are read in digits with separators and in words."""
    assert numbers_in(text) == expected


@given(st.integers(min_value=0, max_value=10_000_000))
def test_formatted_numbers_are_found(n: int) -> None:
    """Any whole number written with or without thousands separators is read back."""
    assert n in numbers_in(f"some {n:,} troops")
    assert n in numbers_in(f"some {n} troops")


ARCHIVE = normalise(
    "There are a total of 2,500 US troops and around 1,000 from other forces, "
    "**officials** said in [Baghdad](https://x.example/b). Caf\u00e9 owners agreed."
)


@pytest.mark.parametrize(
    ("quote", "reason"),
    [
        ("500 US troops and around 1,000", "inside"),  # starts inside "2,500"
        ("a total of 2,5", "inside"),  # ends inside "2,500"
        (",500 US troops", "inside"),  # starts at the separator of "2,500"
        ("tal of 2,500", "inside"),  # starts inside a word
        ("a total of 2,500 US troop", "inside"),  # ends inside a word
        ("a total of 2,500 US troops", None),
        ("officials said in Baghdad.", None),
        ("a total of 2,\u200b500 US troops", None),  # a zero-width space folds away
        ("a total of 2,\u00ad500 US troops", None),  # so does a soft hyphen
        ("a total of 2,\u2060500 US\ufe0f troops", None),  # a word joiner, a variation selector
        ("Cafe\u0301 owners agreed.", None),  # NFD against NFC
        ("a total of 3,500 US troops", "absent"),
    ],
)
def test_quotes_match_on_token_boundaries(quote: str, reason: str | None) -> None:
    """A passage matches only where the archive's words and numbers begin and end."""
    misses = quote_misses(quote, ARCHIVE)
    assert [m.reason for m in misses] == ([] if reason is None else [reason])


@pytest.mark.parametrize(
    ("quote", "value", "found"),
    [
        ("a total of [2,500](9000) US troops", 9000, False),  # a link target is not text
        ("a total of [2,500](9000) US troops", 2500, True),
        ("a total of 2,\u200b500 US troops", 500, False),  # not the tail of 2,500
        ("a total of 2,\u200b500 US troops", 2500, True),
        ("2\u00a0500 troops", 2500, True),  # a group space still groups digits
        ("2\u00a0500 troops", 500, False),
        ("nine [...] hundred troops", 900, False),  # passages do not join into one number
    ],
)
def test_numbers_are_read_from_the_matched_text(quote: str, value: int, found: bool) -> None:
    """The figure's number must be a whole number of the normalised quote that was matched."""
    assert writes_number(quote_text(quote), value) is found


def test_every_format_character_folds() -> None:
    """Every Unicode format character (category Cf) of this Python is folded by normalise."""
    cf = [chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Cf"]
    assert cf
    assert all(normalise(f"a{ch}b") == "ab" for ch in cf)
    assert not any(is_normal(f"a{ch}b") for ch in cf)


def test_long_digit_runs_are_no_number() -> None:
    """A 5,000-digit run is not read as a number (and does not hit int()'s digit limit)."""
    assert numbers_in("1" * 5000 + " troops and 900") == {900}
    assert not writes_number("1" * 5000, 1)


def _best_time(func: Callable[[str], object], text: str) -> float:
    start = time.perf_counter()
    func(text)
    return time.perf_counter() - start


GROWTH = {
    "spaces in a quote": lambda n: "a" + " " * n + "b",
    "spaces before an ellipsis": lambda n: " " * n + "[...]" + " " * n,
    "unclosed bold": lambda n: "**a " * (n // 4),
    "open link brackets": lambda n: "[a](" * (n // 4),
    "number words and spaces": lambda n: ("nine" + " " * 46) * (n // 50),
    "a before spaces": lambda n: ("a" + " " * 49) * (n // 50),
    "digit groups": lambda n: "1,000" * (n // 5),
    "digits and spaces": lambda n: ("5" + " " * 49) * (n // 50),
    "format characters": lambda n: "2,\u200b500 " * (n // 7),
}
PASSES: dict[str, Callable[[str], object]] = {
    "normalise": normalise,
    "quote_passages": quote_passages,
    "quote_misses": lambda text: quote_misses(text, ARCHIVE),
    "numbers_in": lambda text: numbers_in(normalise(text)),
    "numbers_in (raw)": numbers_in,
    "is_normal": is_normal,
}


def _growth(func: Callable[[str], object], small: str, big: str) -> float:
    """Best-of-five time on ``big`` over best-of-five on ``small``, measured interleaved."""
    best_small = best_big = float("inf")
    for _ in range(5):
        best_small = min(best_small, _best_time(func, small))
        best_big = min(best_big, _best_time(func, big))
    return best_big / max(best_small, 2e-4)  # below 0.2 ms the clock is mostly noise


#: Largest accepted growth of the time for 16x the text: linear is 16x (measured 9x-20x on
#: a busy machine, the larger text falling out of the CPU caches); quadratic would be 256x.
GROWTH_LIMIT = 32


@pytest.mark.slow
@pytest.mark.parametrize("shape", list(GROWTH))
@pytest.mark.parametrize("name", list(PASSES))
def test_text_passes_grow_linearly(name: str, shape: str) -> None:
    """Each text pass on 16x the text takes under 32x the time (linear, not quadratic).

    A busy machine only makes a measurement slower, so up to three measurements are taken
    and the best counts; a quadratic pass (about 256x) fails every one of them.
    """
    small, big = GROWTH[shape](100_000), GROWTH[shape](1_600_000)
    ratios = []
    for _ in range(3):
        ratios.append(_growth(PASSES[name], small, big))
        if ratios[-1] < GROWTH_LIMIT:
            return
    pytest.fail(f"{name} on {shape}: 16x the text took {min(ratios):.1f}x the time")
