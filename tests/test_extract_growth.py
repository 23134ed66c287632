"""Every pattern of troops.extract that reads user text runs in linear time.

Each test times one function on an input and on the same input 16 times as long and
checks that the time grows at most 32 times: linear work grows about 16 times, a quadratic
pattern 256 times, and the margin keeps cache and allocator effects from failing a linear pass
(the same limit as the text passes of validation, tests/test_textmatch.py).
Times are CPU times of this process (``time.process_time``), the fastest of a few runs,
so that other jobs on the machine disturb them little; no test compares against a wall
clock.  Every text here is made up for the test.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from functools import cache

import pytest

import troops
from troops.core.model import Hedge
from troops.extract import extract, split_sentences, url_words
from troops.extract.records import claimant, slug

pytestmark = pytest.mark.slow

#: Allowed growth of the time when the input grows 16 times.
MAX_GROWTH = 32.0
#: Shortest time a measurement must take for the ratio to mean something (seconds).
MIN_TIME = 0.004
#: Largest small input (characters).
MAX_N = 1 << 18


@cache
def hedges() -> list[Hedge]:
    """The bundled hedge table, loaded once."""
    return troops.load().hedge_records


def fastest(run: Callable[[str], object], text: str, repeat: int = 3) -> float:
    """The fastest CPU time of ``run(text)`` over ``repeat`` runs."""
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        gc.disable()  # the collector's passes grow with the live objects, not the input
        try:
            start = time.process_time()
            run(text)
            best = min(best, time.process_time() - start)
        finally:
            gc.enable()
    return best


def growth(run: Callable[[str], object], make: Callable[[int], str], n: int) -> float:
    """Time at 16n over time at n, the lowest of three tries (a busy machine slows one run,
    not all); n doubles until the small input takes long enough to time."""
    small = fastest(run, make(n))
    while small < MIN_TIME and n < MAX_N:
        n *= 2
        small = fastest(run, make(n))
    if small < MIN_TIME:
        return 1.0  # under MIN_TIME for MAX_N characters: too fast to be quadratic there
    tries = []
    for _ in range(3):
        tries.append(fastest(run, make(16 * n), repeat=2) / fastest(run, make(n)))
        if tries[-1] < MAX_GROWTH:
            break
    return min(tries)


def repeat_to(unit: str) -> Callable[[int], str]:
    """A maker of texts of ``unit`` repeated n times."""
    return lambda n: unit * n


SENTENCE_INPUTS = {
    "spaces": lambda n: "About 900 US troops" + " " * n + "are in Syria.",
    "tabs": lambda n: "About 900 US troops" + "\t" * n + "are in Syria.",
    "line breaks": lambda n: "About 900 US troops" + "\n" * n + "are in Syria.",
    "spaces then text": lambda n: " " * n + "x",
    "blank lines of spaces": repeat_to(" \t \n"),
    "mixed blanks": repeat_to("a \t\n "),
    "dots": lambda n: "troops" + "." * n + "x",
    "marks": repeat_to("!?"),
    "closers": lambda n: "troops." + ")" * n + "x",
    "ellipses": repeat_to("a [...] "),
    "blanks before a bracket": lambda n: " " * n + "[x",
    "short lines": repeat_to("x\n"),
    "abbreviations": repeat_to("Gen. Lt. U.S. "),
    "one long word": lambda n: "a" * n,
}


@pytest.mark.parametrize("name", sorted(SENTENCE_INPUTS))
def test_sentence_split_is_linear(name: str) -> None:
    """split_sentences reads runs of blanks, dots, brackets and lines in linear time."""
    assert growth(split_sentences, SENTENCE_INPUTS[name], 4000) < MAX_GROWTH


CLAIMANT_INPUTS = {
    "according to a long word": lambda n: "according to " + "a" * n + "!",
    "according to many words": repeat_to("according to a b c d e f g h i "),
    "commas and words": repeat_to("x, a b c d e f g h "),
    "spaced hyphens": repeat_to(" - aaaaaaaa"),
    "said after long words": lambda n: ("a" * 50 + " ") * (n // 50) + "said",
}


@pytest.mark.parametrize("name", sorted(CLAIMANT_INPUTS))
def test_claimant_is_linear(name: str) -> None:
    """The speaker patterns ("according to X", "X said") read a quote in linear time."""
    assert growth(claimant, CLAIMANT_INPUTS[name], 2000) < MAX_GROWTH


@pytest.mark.parametrize(
    "make",
    [
        lambda n: "https://example.org/" + "a-" * n + ".html",
        lambda n: "https://example.org/" + "." * n,
        lambda n: "https://" + "a" * n,
        lambda n: "https://example.org/" + "/a" * n + "?" + "b" * n,
    ],
    ids=["hyphens", "dots", "host", "path and query"],
)
def test_url_words_is_linear(make: Callable[[int], str]) -> None:
    """url_words reads a long address in linear time."""
    assert growth(url_words, make, 2000) < MAX_GROWTH


def test_slug_is_linear() -> None:
    """slug reads a long source name in linear time."""
    assert growth(slug, repeat_to("A b--c "), 2000) < MAX_GROWTH


PROSE = (
    "The Pentagon said about 2,500 US troops remain in Iraq, down from 5,200 last year. "
    "Officials in Baghdad, who spoke on condition of anonymity, said talks would go on.\n"
    "Some 900 American soldiers are deployed in Syria, according to a defense official. "
    "The weather in the capital was mild and the markets were busy on Tuesday morning.\n"
)


@pytest.mark.parametrize(
    "make",
    [
        lambda n: PROSE * (n // len(PROSE) + 1),
        lambda n: ("A " + " " * n + "troops." + "\t" * n + "\n") * 4,
        lambda n: ("2,500 troops " * (n // 13)) + ".",
        lambda n: "US troops: " + "nine hundred and " * (n // 17) + "one.",
        lambda n: "a." * (n // 2),
        lambda n: "a'" * (n // 2) + " - " * (n // 3),
        lambda n: "9" * n + " troops.",
    ],
    ids=[
        "prose",
        "blank runs",
        "a run-on sentence of numbers",
        "a run of number words",
        "an acronym run",
        "apostrophes and dashes",
        "a long number",
    ],
)
def test_extract_is_linear(make: Callable[[int], str]) -> None:
    """extract reads prose, blank runs, run-on sentences and long tokens in linear time
    (this also times the tokenizer, which reads one sentence of at most MAX_CHARS)."""
    assert growth(lambda text: extract(text, hedges()), make, 4000) < MAX_GROWTH
