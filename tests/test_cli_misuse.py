"""Command-line misuse is a usage error: exactly one line on stderr, nothing on stdout, exit 2."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from click.testing import Result
from conftest import Root

MISUSE = [
    (
        ("table", "--series", "us-irak", "--data", "mini"),
        "troops table: Invalid value for '--series': unknown series us-irak "
        "(known: us-iraq, us-syria) (see 'troops table --help')",
    ),
    (
        ("table", "--steps", "--series", "us-iraq", "--series", "nato", "--data", "mini"),
        "troops table: Invalid value for '--series': unknown series nato "
        "(known: us-iraq, us-syria) (see 'troops table --help')",
    ),
    (
        ("table", "--known-on", "2021-02-30", "--data", "mini"),
        "troops table: Invalid value for '--known-on': '2021-02-30' is not a calendar date "
        "(2021-02 has 28 days) (see 'troops table --help')",
    ),
    (
        ("table", "--known-on", "2021-13", "--data", "mini"),
        "troops table: Invalid value for '--known-on': '2021-13' has no month 13 "
        "(see 'troops table --help')",
    ),
    (
        ("table", "--known-on", "yesterday", "--data", "mini"),
        "troops table: Invalid value for '--known-on': 'yesterday' is not a date of the form "
        "YYYY, YYYY-MM or YYYY-MM-DD (see 'troops table --help')",
    ),
    (
        ("table", "--known-on", "2021-06/2021-01", "--data", "mini"),
        "troops table: Invalid value for '--known-on': interval '2021-06/2021-01' ends before "
        "it starts (see 'troops table --help')",
    ),
    (
        ("table", "--csv", "--json", "--data", "mini"),
        "troops table: --csv and --json cannot be used together (see 'troops table --help')",
    ),
    (
        ("table", "--latex", "--steps", "--markdown", "--data", "mini"),
        "troops table: --latex and --markdown cannot be used together (see 'troops table --help')",
    ),
    (
        ("table", "--xlsx", "--data", "mini"),
        "troops table: No such option '--xlsx'. Did you mean '--latex'? "
        "(see 'troops table --help')",
    ),
    (
        ("validate", "--strict", "--data", "mini"),
        "troops validate: No such option '--strict'. (see 'troops validate --help')",
    ),
    (
        ("validate", "mini"),
        "troops validate: Got unexpected extra argument (mini) (see 'troops validate --help')",
    ),
    (("tabel",), "troops: No such command 'tabel'. (see 'troops --help')"),
    (("--colour",), "troops: No such option '--colour'. (see 'troops --help')"),
    (
        ("table", "--data", "mini/data/series.yaml"),
        "troops table: Invalid value for '--data': Directory 'mini/data/series.yaml' is a "
        "file. (see 'troops table --help')",
    ),
    (
        ("validate", "--data", "mini/seeds"),
        "troops validate: Invalid value for '--data': 'mini/seeds' is not a dataset root "
        "(a directory holding data/ and seeds/) (see 'troops validate --help')",
    ),
    (
        ("validate", "--data", "no-such-dir"),
        "troops validate: Invalid value for '--data': Directory 'no-such-dir' does not "
        "exist. (see 'troops validate --help')",
    ),
]


@pytest.mark.parametrize(("args", "line"), MISUSE, ids=[" ".join(a) for a, _ in MISUSE])
def test_misuse_is_one_usage_line(
    mini: Root, run: Callable[..., Result], args: tuple[str, ...], line: str
) -> None:
    """Each misuse exits 2 with exactly its one usage line on stderr and nothing on stdout."""
    result = run(*args)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.splitlines() == [line]


def test_missing_option_value_is_one_line(mini: Root, run: Callable[..., Result]) -> None:
    """An option given without its value is one usage line with exit 2."""
    result = run("table", "--data", "mini", "--series")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.splitlines() == ["troops: Option '--series' requires an argument."]


def test_data_naming_data_dir_still_works(mini: Root, run: Callable[..., Result]) -> None:
    """Naming the root's data/ directory itself is accepted, not a usage error."""
    result = run("validate", "--data", "mini/data")
    assert result.exit_code == 0, result.stderr
