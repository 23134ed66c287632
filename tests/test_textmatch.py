"""Quote normalisation and number reading shared by validation and extraction."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from troops.core.textmatch import missing_passages, normalise, numbers_in, quote_passages


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
