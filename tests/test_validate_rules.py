"""Each validation rule, fed a broken copy of the mini dataset, gives one exact error line."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable

import pytest
from click.testing import Result
from conftest import Root

SRC = "data/sources/mini-2021-03-05.yaml"
SECOND = "data/sources/second-2021-06-01.yaml"
MINI_SRC = f"mini/{SRC}"


def expect_one(run: Callable[..., Result], line: str) -> None:
    """Validate the mini copy and require exactly ``line`` on stderr and exit status 1."""
    result = run("validate", "--data", "mini")
    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    assert result.stderr.splitlines() == [line]
    assert "Traceback" not in result.stderr


def test_valid_dataset_exits_zero_with_summary(mini: Root, run: Callable[..., Result]) -> None:
    """A valid dataset validates with exit 0 and a one-line summary on stderr."""
    result = run("validate", "--data", "mini")
    assert result.exit_code == 0
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("ok: 2 series, 2 sources, 4 figures, 1 events (digest ")


def test_duplicate_id_across_files(mini: Root, run: Callable[..., Result]) -> None:
    """An id used twice, even in different files, names the second place and the first."""
    mini.edit(SECOND, "id: second.us-iraq", "id: mini.us-iraq")
    expect_one(run, f"mini/{SECOND}:9: mini.us-iraq id: duplicate id; first used at {MINI_SRC}:11")


def test_unknown_series(mini: Root, run: Callable[..., Result]) -> None:
    """A figure whose series is not in series.yaml is reported at its series line."""
    mini.edit(SRC, "series: us-syria", "series: uk-syria")
    expect_one(
        run,
        f"{MINI_SRC}:20: mini.us-syria series: unknown series 'uk-syria' (not in data/series.yaml)",
    )


def test_figure_source_mismatch_in_source_file(mini: Root, run: Callable[..., Result]) -> None:
    """A figure inside a source file may not claim another source."""
    mini.edit(SRC, "    series: us-syria\n", "    series: us-syria\n    source: elsewhere\n")
    expect_one(
        run,
        f"{MINI_SRC}:21: mini.us-syria source: is 'elsewhere' but this file "
        "holds source 'mini-2021-03-05'",
    )


def test_revises_unknown_figure(mini: Root, run: Callable[..., Result]) -> None:
    """``revises`` must name an existing figure."""
    mini.edit(SECOND, "revises: [mini.us-iraq]", "revises: [mini.nothing]")
    expect_one(run, f"mini/{SECOND}:16: second.us-iraq revises.0: unknown figure 'mini.nothing'")


def test_revises_other_series(mini: Root, run: Callable[..., Result]) -> None:
    """A revision must stay within one series."""
    mini.edit(SECOND, "revises: [mini.us-iraq]", "revises: [mini.us-syria]")
    expect_one(
        run,
        f"mini/{SECOND}:16: second.us-iraq revises.0: 'mini.us-syria' is in series "
        "us-syria, not us-iraq",
    )


def test_quote_not_in_archive(mini: Root, run: Callable[..., Result]) -> None:
    """Changing one character of a quote breaks the verbatim rule."""
    mini.edit(SRC, "officials said on Friday.", "officials said on Friday!")
    expect_one(
        run,
        f"{MINI_SRC}:18: mini.us-iraq quote: not found verbatim in "
        "seeds/mini-gazette.txt: 'About 2,500 US troops remain in Iraq, officials "
        "said on F...'",
    )


def test_quote_passages_each_checked(mini: Root, run: Callable[..., Result]) -> None:
    """A quote joining passages with [...] has each passage checked on its own."""
    mini.edit(
        SRC,
        "quote: More than nine hundred troops are in Syria.",
        "quote: More than nine hundred troops [...] in Syria, and more.",
    )
    expect_one(
        run,
        f"{MINI_SRC}:26: mini.us-syria quote: not found verbatim in "
        "seeds/mini-gazette.txt: 'in Syria, and more.'",
    )


def test_quote_typography_is_normalised(mini: Root, run: Callable[..., Result]) -> None:
    """Typographic quotes, dashes and line breaks in a quote do not break the verbatim rule."""
    mini.edit(
        SRC,
        "quote: About 2,500 US troops remain in Iraq, officials said on Friday.",
        "quote: >-\n      About 2,500 US troops\n      remain in Iraq,\u00a0officials said "
        "on Friday.",
    )
    assert run("validate", "--data", "mini").exit_code == 0


def test_number_not_in_quote(mini: Root, run: Callable[..., Result]) -> None:
    """The figure's value must be written in its quote (digits or words)."""
    mini.edit(SRC, "value: 2500", "value: 2600")
    expect_one(
        run,
        f"{MINI_SRC}:15: mini.us-iraq value: 2600 does not occur in the quote (as digits or words)",
    )


def test_archive_sha256_mismatch(mini: Root, run: Callable[..., Result]) -> None:
    """Changing one byte of an archive is caught by its sha256."""
    archive = mini.file("seeds/mini-gazette.txt")
    data = archive.read_bytes().replace(b"Gazette", b"Gazettf")
    archive.write_bytes(data)
    digest = hashlib.sha256(data).hexdigest()
    expect_one(
        run,
        f"{MINI_SRC}:9: mini-2021-03-05 sha256: does not match seeds/mini-gazette.txt "
        f"(the file's sha256 is {digest}); archives are immutable: restore the file "
        "or re-archive it as a new source",
    )


def test_as_of_after_publication(mini: Root, run: Callable[..., Result]) -> None:
    """A count may not describe a time after its source was published."""
    mini.edit(SRC, 'as_of: "2021-03-05"', 'as_of: "2021-04"')
    expect_one(
        run,
        f"{MINI_SRC}:14: mini.us-iraq as_of: 2021-04 is after the source's "
        "publication (2021-03-05); only a target may describe a later time",
    )


def test_target_may_lie_in_future(mini: Root, run: Callable[..., Result]) -> None:
    """A target describing a later time is allowed (the mini dataset has one for 2022)."""
    assert run("validate", "--data", "mini").exit_code == 0


def test_explicit_limits_must_be_in_quote(mini: Root, run: Callable[..., Result]) -> None:
    """A low or high set by hand must be a number the quote writes."""
    mini.edit(SRC, "hedge: about\n", "hedge: about\n    low: 2400\n")
    expect_one(
        run,
        f"{MINI_SRC}:17: mini.us-iraq low: 2400 does not occur in the quote (as digits or words)",
    )


def test_one_sided_bound_stays_one_sided(mini: Root, run: Callable[..., Result]) -> None:
    """A 'more than' figure may not be given an upper limit."""
    mini.edit(SRC, "hedge: more than\n", "hedge: more than\n    high: 950\n")
    expect_one(
        run, f"{MINI_SRC}:25: mini.us-syria high: must be empty: an 'at least' bound is open above"
    )


def test_low_above_value(mini: Root, run: Callable[..., Result]) -> None:
    """low <= value is enforced when the number is in the quote."""
    mini.edit(
        SECOND, "value: 3000\n", "value: 2500\n    low: 3000\n    high: 3000\n    bound: approx\n"
    )
    expect_one(
        run,
        f"mini/{SECOND}:14: second.us-iraq low: bounds out of order: 3000 > 2500 "
        "(low <= value <= high)",
    )


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ('"2021-02-30"', "'2021-02-30' is not a calendar date (2021-02 has 28 days)"),
        ('"2021-13"', "'2021-13' has no month 13"),
        ('"2021-03/2020-01"', "interval '2021-03/2020-01' ends before it starts"),
        ('"March 2021"', "'March 2021' is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD"),
    ],
)
def test_bad_periods(mini: Root, run: Callable[..., Result], value: str, message: str) -> None:
    """Impossible dates, bad months, reversed intervals and free text are rejected."""
    mini.edit(SRC, 'as_of: "2021-03"', f"as_of: {value}")
    expect_one(run, f"{MINI_SRC}:22: mini.us-syria as_of: {message}")


@pytest.mark.parametrize(
    ("archive", "message"),
    [
        ("../data/series.yaml", "'../data/series.yaml' leaves seeds/ ('..' is not allowed)"),
        ("/etc/passwd", "'/etc/passwd' must be a path relative to seeds/, not an absolute path"),
        ("missing.txt", "archive file seeds/missing.txt does not exist"),
    ],
)
def test_archive_path_confined(
    mini: Root, run: Callable[..., Result], archive: str, message: str
) -> None:
    """Archive paths must stay inside seeds/."""
    mini.edit(SRC, "archive: mini-gazette.txt", f"archive: {archive}")
    expect_one(run, f"{MINI_SRC}:8: mini-2021-03-05 archive: {message}")


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks on this platform")
def test_archive_symlink_outside(mini: Root, run: Callable[..., Result]) -> None:
    """A symlink inside seeds/ that points outside it is refused."""
    outside = mini.path.parent / "outside.txt"
    outside.write_bytes(mini.file("seeds/mini-gazette.txt").read_bytes())
    (mini.file("seeds/link.txt")).symlink_to(outside)
    mini.edit(SRC, "archive: mini-gazette.txt", "archive: link.txt")
    expect_one(
        run,
        f"{MINI_SRC}:8: mini-2021-03-05 archive: seeds/link.txt resolves outside "
        "seeds/ (a link pointing elsewhere)",
    )


def test_unknown_field(mini: Root, run: Callable[..., Result]) -> None:
    """Models forbid unknown fields."""
    mini.edit(SRC, "    claimant: officials\n", "    claimant: officials\n    confidence: high\n")
    expect_one(run, f"{MINI_SRC}:18: mini.us-iraq confidence: unknown field")


def test_missing_field(mini: Root, run: Callable[..., Result]) -> None:
    """A figure without a claimant is reported at the figure's first line."""
    mini.edit(SRC, "    claimant: officials\n", "")
    expect_one(run, f"{MINI_SRC}:11: mini.us-iraq claimant: missing required field")


def test_wrong_type(mini: Root, run: Callable[..., Result]) -> None:
    """A value written as text is not silently converted."""
    mini.edit(SRC, "value: 2500", 'value: "2,500"')
    expect_one(
        run, f"{MINI_SRC}:15: mini.us-iraq value: input should be a valid integer, got text '2,500'"
    )


@pytest.mark.parametrize("prefix", ["=", "+", "-", "@"])
def test_formula_prefix_rejected(mini: Root, run: Callable[..., Result], prefix: str) -> None:
    """Text that a spreadsheet would run as a formula is rejected at validation."""
    mini.edit(SRC, "claimant: officials", f"claimant: '{prefix}officials'")
    expect_one(
        run,
        f"{MINI_SRC}:17: mini.us-iraq claimant: must not begin with {prefix!r} "
        "(spreadsheets would read it as a formula)",
    )


def test_hedge_not_in_table(mini: Root, run: Callable[..., Result]) -> None:
    """A hedge phrase must come from data/hedges.yaml."""
    mini.edit(SRC, "hedge: about", "hedge: circa")
    expect_one(
        run,
        f"{MINI_SRC}:16: mini.us-iraq hedge: 'circa' is not in the hedge table (data/hedges.yaml)",
    )


def test_hedge_not_in_quote(mini: Root, run: Callable[..., Result]) -> None:
    """A hedge phrase must be the words the quote uses."""
    mini.edit(SRC, "value: 900\n    hedge: more than", "value: 900\n    hedge: about")
    expect_one(run, f"{MINI_SRC}:24: mini.us-syria hedge: 'about' does not occur in the quote")


def test_event_source_and_date(mini: Root, run: Callable[..., Result]) -> None:
    """An event may not be dated after its source unless it is a deadline."""
    mini.edit(SRC, 'date: "2021-03-01"', 'date: "2021-04-01"')
    expect_one(
        run,
        f"{MINI_SRC}:37: mini.agreement date: 2021-04-01 is after the source's "
        "publication (2021-03-05); only a deadline may lie in the future",
    )


def test_inferred_names_a_field(mini: Root, run: Callable[..., Result]) -> None:
    """``inferred`` keys must name fields the record sets."""
    mini.edit(
        SRC,
        "    claimant: officials\n",
        "    claimant: officials\n    inferred:\n      asof: guessed\n",
    )
    expect_one(run, f"{MINI_SRC}:18: mini.us-iraq inferred.asof: names no field of this record")


def test_all_problems_in_one_run(mini: Root, run: Callable[..., Result]) -> None:
    """Several problems in several files are all reported, sorted by file and line."""
    mini.edit(SRC, "value: 2500", "value: 2600")
    mini.edit(SRC, 'as_of: "2021-03"', 'as_of: "2021-02-30"')
    mini.edit(SECOND, "claimant: Pentagon", "claimant: '=Pentagon'")
    result = run("validate", "--data", "mini")
    assert result.exit_code == 1
    assert [line.split(": ")[0] for line in result.stderr.splitlines()] == [
        f"{MINI_SRC}:15",
        f"{MINI_SRC}:22",
        f"mini/{SECOND}:14",
    ]


def test_review_mark_is_a_warning(mini: Root, run: Callable[..., Result]) -> None:
    """A figure marked for review is a warning, not an error, and is left out of tables."""
    mini.edit(
        SRC,
        "    claimant: officials\n",
        "    claimant: officials\n    review: extracted automatically\n",
    )
    result = run("validate", "--data", "mini")
    assert result.exit_code == 0
    assert result.stderr.splitlines()[0] == (
        f"{MINI_SRC}:18: mini.us-iraq review: warning: marked for review (extracted "
        "automatically); left out of tables and charts"
    )
    table = run("table", "--csv", "--data", "mini", "--known-on", "2021-04")
    assert "mini.us-iraq," not in table.stdout


def test_yaml_syntax_error(mini: Root, run: Callable[..., Result]) -> None:
    """A YAML syntax error is one line with the file and line, no traceback."""
    mini.edit(SRC, "    kind: count\n", "    kind: [count\n", 1)
    result = run("validate", "--data", "mini")
    assert result.exit_code == 1
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"{MINI_SRC}:14: - -: YAML syntax error: ")


@pytest.mark.parametrize(
    ("rel", "text"),
    [("data/hedges.yaml", "~\n"), (SRC, "--- null\n"), (SRC, "# all figures moved\n")],
)
def test_file_without_data_leaves_other_references_checked(
    mini: Root, run: Callable[..., Result], rel: str, text: str
) -> None:
    """A file holding no data is one problem, and references to other files are still checked."""
    mini.write(rel, text)
    mini.edit(SECOND, "series: us-iraq", "series: us-irak")
    result = run("validate", "--data", "mini")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"mini/{rel}:1: - -: file holds no data",
        f"mini/{SECOND}:10: second.us-iraq series: unknown series 'us-irak' (not in "
        "data/series.yaml)",
    ]


def test_unreadable_series_file_hides_only_series_references(
    mini: Root, run: Callable[..., Result]
) -> None:
    """With series.yaml unreadable, unknown series go unreported but unknown hedges do not."""
    mini.write("data/series.yaml", "null\n")
    mini.edit(SRC, "hedge: about", "hedge: circa")
    result = run("validate", "--data", "mini")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "mini/data/series.yaml:1: - -: file holds no data",
        f"{MINI_SRC}:16: mini.us-iraq hedge: 'circa' is not in the hedge table (data/hedges.yaml)",
    ]


def test_revision_cycle(mini: Root, run: Callable[..., Result]) -> None:
    """Two figures revising each other are each reported at their revises field."""
    mini.edit(SECOND, 'published: "2021-06-01"', 'published: "2021-03-05"')
    mini.reword_archive(SECOND, "seeds/second-courier.txt", "1 June 2021", "5 March 2021")
    mini.edit(SRC, "    hedge: about\n", "    hedge: about\n    revises: [second.us-iraq]\n")
    result = run("validate", "--data", "mini")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{MINI_SRC}:17: mini.us-iraq revises.0: revision cycle: mini.us-iraq -> second.us-iraq "
        "-> mini.us-iraq",
        f"mini/{SECOND}:16: second.us-iraq revises.0: revision cycle: second.us-iraq -> "
        "mini.us-iraq -> second.us-iraq",
    ]


def test_revision_against_publication_order_is_not_also_a_cycle(
    mini: Root, run: Callable[..., Result]
) -> None:
    """A back-revision already reported for its date does not also count as a cycle."""
    mini.edit(SRC, "    hedge: about\n", "    hedge: about\n    revises: [second.us-iraq]\n")
    expect_one(
        run,
        f"{MINI_SRC}:17: mini.us-iraq revises.0: revises 'second.us-iraq', which was published "
        "later",
    )
