"""Figures in CSV tables (data/figures/*.csv): same rules and error format as YAML figures."""

from __future__ import annotations

import json
import re
from collections.abc import Callable

import numpy as np
import pytest
from click.testing import Result
from conftest import Root
from hypothesis import given, settings
from hypothesis import strategies as st
from test_bad_input import reword_second

from troops.core import hedges as hedge_table
from troops.core.errors import short
from troops.core.model import Hedge
from troops.io.csvquotes import AFTER_CLOSING, INSIDE_UNQUOTED, UNCLOSED, misplaced_quote
from troops.validate.csvbounds import resolve

SECOND = "data/sources/second-2021-06-01.yaml"
TABLE = "data/figures/bulk.csv"
T = f"mini/{TABLE}"
HEADER = "id,series,source,kind,as_of,value,claimant,quote,revises"
ROW_QUOTE = (
    "The Pentagon said 3,000 US troops were in Iraq in March, not the 2,500 it reported then."
)
ROW = (
    f'second.us-iraq,us-iraq,second-2021-06-01,count,2021-03,3000,Pentagon,"{ROW_QUOTE}",'
    "mini.us-iraq"
)
GAZETTE_ROW = (
    "bulk.syria,us-syria,mini-2021-03-05,count,2021-03,900,Mini Gazette,"
    "More than nine hundred troops are in Syria.,"
)


def to_csv(root: Root, body: str = f"{HEADER}\n{ROW}\n") -> None:
    """Move the second source's figure out of its YAML file into a CSV table."""
    text = root.file(SECOND).read_text(encoding="utf-8")
    root.write(SECOND, text.split("figures:")[0])
    root.write(TABLE, body)


def test_csv_figures_match_yaml_figures(mini: Root, run: Callable[..., Result]) -> None:
    """A figure moved from YAML into a CSV table gives byte-identical tables and steps."""
    before = [run("table", *args, "--data", "mini").stdout_bytes for args in ((), ("--csv",))]
    steps = run("table", "--steps", "--csv", "--data", "mini").stdout_bytes
    to_csv(mini)
    after = [run("table", *args, "--data", "mini").stdout_bytes for args in ((), ("--csv",))]
    assert after == before
    assert run("table", "--steps", "--csv", "--data", "mini").stdout_bytes == steps
    result = run("validate", "--data", "mini")
    assert result.exit_code == 0
    assert result.stderr.startswith("ok: 2 series, 2 sources, 4 figures, 1 events")


def test_csv_extra_columns_optional_and_any_order(mini: Root, run: Callable[..., Result]) -> None:
    """Columns may come in any order, optional ones may be left out or empty."""
    to_csv(
        mini,
        "quote,id,hedge,value,series,source,kind,as_of,claimant,note\n"
        '"More than nine hundred troops are in Syria.",bulk.syria,more than,900,us-syria,'
        "mini-2021-03-05,count,2021-03,Mini Gazette,\n",
    )
    result = run("table", "--csv", "--series", "us-syria", "--data", "mini")
    assert result.exit_code == 0, result.stderr
    assert "bulk.syria,us-syria,count,2021-03,2021-03-01,2021-03-31,900,900,,at_least," in (
        result.stdout
    )


def test_csv_multiline_cells_keep_line_numbers(mini: Root, run: Callable[..., Result]) -> None:
    """A quoted cell spanning lines and blank lines do not shift the reported line."""
    to_csv(
        mini,
        f'{HEADER},note\n{ROW},"first line\nsecond line"\n\n'
        + GAZETTE_ROW.replace(",900,", ",9000,")
        + ",\n",
    )
    result = run("validate", "--data", "mini")
    assert result.stderr.splitlines() == [
        f"{T}:5: bulk.syria value: 9000 does not occur in the quote (as digits or words)"
    ]


def test_csv_header_only_is_an_empty_table(mini: Root, run: Callable[..., Result]) -> None:
    """A table with a header and no rows (with or without a final newline) holds no figures."""
    for body in (HEADER, HEADER + "\n"):
        to_csv(mini, body)
        result = run("validate", "--data", "mini")
        assert result.exit_code == 0, result.stderr
        assert result.stderr.startswith("ok: 2 series, 2 sources, 3 figures, 1 events")


def test_csv_review_is_a_warning(mini: Root, run: Callable[..., Result]) -> None:
    """A CSV row marked for review is a warning and left out of the tables."""
    to_csv(mini, f"{HEADER},review\n{ROW},\n{GAZETTE_ROW},check the date\n")
    result = run("validate", "--data", "mini")
    assert result.exit_code == 0
    assert result.stderr.splitlines()[0] == (
        f"{T}:3: bulk.syria review: warning: marked for review (check the date); left out of "
        "tables and charts"
    )
    assert "1 marked for review" in result.stderr
    assert "bulk.syria" not in run("table", "--csv", "--data", "mini").stdout


def row(**cells: str) -> str:
    """The second source's row with some cells replaced (columns of HEADER)."""
    values = dict(
        zip(
            HEADER.split(","),
            [
                "second.us-iraq",
                "us-iraq",
                "second-2021-06-01",
                "count",
                "2021-03",
                "3000",
                "Pentagon",
                "The Pentagon said 3,000 US troops were in Iraq in March, not the "
                "2,500 it reported then.",
                "mini.us-iraq",
            ],
            strict=True,
        )
    )
    values.update(cells)
    return ",".join(
        '"' + v.replace('"', '""') + '"' if any(c in v for c in ',"\r\n') else v
        for v in values.values()
    )


def change(**cells: str) -> dict[str, str]:
    """The cells a case changes in the second source's figure."""
    return cells


FORMULA = "(spreadsheets would read it as a formula)"
FIGURE_CASES: list[tuple[str, dict[str, str], str]] = [
    ("bad-id", change(id="Second"), "Second id: string should match pattern "
     "'^[a-z0-9][a-z0-9._-]{0,119}$' (got 'Second')"),
    ("empty-id", change(id=""), "- id: missing required field"),
    ("unknown-series", change(series="us-irak"),
     "second.us-iraq series: unknown series 'us-irak' (not in data/series.yaml)"),
    ("unknown-source", change(source="third-2021"), "second.us-iraq source: unknown source "
     "'third-2021'"),
    ("duplicate-yaml-id", change(id="mini.us-syria"),
     "mini.us-syria id: duplicate id; first used at mini/data/sources/mini-2021-03-05.yaml:19"),
    ("bad-kind", change(kind="estimate"), "second.us-iraq kind: input should be 'count', 'cap', "
     "'target' or 'movement'"),
    ("february-30", change(as_of="2021-02-30"), "second.us-iraq as_of: '2021-02-30' is not a "
     "calendar date (2021-02 has 28 days)"),
    ("arabic-indic-digits", change(as_of="\u0662\u0660\u0662\u0661-\u0660\u0663"),
     "second.us-iraq as_of: '\u0662\u0660\u0662\u0661-\u0660\u0663' is not a date of the form "
     "YYYY, YYYY-MM or YYYY-MM-DD"),
    ("reversed-interval", change(as_of="2021-03/2021-01"),
     "second.us-iraq as_of: interval '2021-03/2021-01' ends before it starts"),
    ("after-publication", change(as_of="2021-07"), "second.us-iraq as_of: 2021-07 is after the "
     "source's publication (2021-06-01); only a target may describe a later time"),
    ("value-text", change(value="3,000"), "second.us-iraq value: input should be a valid "
     "integer, got text '3,000'"),
    ("value-negative", change(value="-3000"), "second.us-iraq value: input should be greater "
     "than or equal to 0"),
    ("value-huge", change(value="30000000"), "second.us-iraq value: input should be less than or "
     "equal to 10000000"),
    ("number-not-in-quote", change(value="3500"),
     "second.us-iraq value: 3500 does not occur in the quote (as digits or words)"),
    ("quote-not-in-archive", change(quote="The Pentagon said 3,000 US troops left."),
     "second.us-iraq quote: not found verbatim in seeds/second-courier.txt: "
     "'The Pentagon said 3,000 US troops left.'"),
    ("formula-equals", change(claimant="=Pentagon"),
     f"second.us-iraq claimant: must not begin with '=' {FORMULA}"),
    ("formula-plus", change(claimant="+Pentagon"),
     f"second.us-iraq claimant: must not begin with '+' {FORMULA}"),
    ("formula-minus", change(quote="-The Pentagon said 3,000"),
     f"second.us-iraq quote: must not begin with '-' {FORMULA}"),
    ("formula-at", change(claimant="@Pentagon"),
     f"second.us-iraq claimant: must not begin with '@' {FORMULA}"),
    ("formula-after-space", change(claimant=" =Pentagon"),
     f"second.us-iraq claimant: must not begin with '=' after blank space {FORMULA}"),
    ("formula-after-no-break-space", change(quote="\u00a0-The Pentagon said 3,000"),
     f"second.us-iraq quote: must not begin with '-' after blank space {FORMULA}"),
    ("blank-claimant", change(claimant="  "), "second.us-iraq claimant: must not be empty"),
    ("revises-unknown", change(revises="mini.nothing"),
     "second.us-iraq revises.0: unknown figure 'mini.nothing'"),
    ("revises-other-series", change(revises="mini.us-syria"),
     "second.us-iraq revises.0: 'mini.us-syria' is in series us-syria, not us-iraq"),
    ("revises-bad-id", change(revises="mini.us-iraq Bad"), "second.us-iraq revises.1: string "
     "should match pattern '^[a-z0-9][a-z0-9._-]{0,119}$' (got 'Bad')"),
    # issue 14: wrong numbers that validated, controls, numbers YAML 1.1 reads differently
    ("quote-starts-mid-number", change(value="500", quote="500 it reported then."),
     "second.us-iraq quote: found in seeds/second-courier.txt only inside a longer word or "
     "number (a quote starts and ends where the archive's words do): '500 it reported then.'"),
    ("quote-ends-mid-word", change(value="3000", quote="The Pentagon said 3,000 US tro"),
     "second.us-iraq quote: found in seeds/second-courier.txt only inside a longer word or "
     "number (a quote starts and ends where the archive's words do): 'The Pentagon said "
     "3,000 US tro'"),
    ("link-target-number", change(value="9000", quote="The Pentagon said [3,000](9000) US troops"),
     "second.us-iraq value: 9000 does not occur in the quote (as digits or words)"),
    ("zero-width-space-number", change(value="0", quote="The Pentagon said 3,\u200b000 US"),
     "second.us-iraq value: 0 does not occur in the quote (as digits or words)"),
    ("soft-hyphen-number", change(value="0", quote="The Pentagon said 3,\u00ad000 US"),
     "second.us-iraq value: 0 does not occur in the quote (as digits or words)"),
    ("c1-control-in-quote", change(quote="The Pentagon said 3,000\x9b US troops"),
     "second.us-iraq quote: must not contain a control character (U+009B)"),
    ("bidi-override-in-quote", change(quote="The Pentagon said \u202e3,000 US troops"),
     "second.us-iraq quote: must not contain a bidi override (U+202E)"),
    ("isolate-in-claimant", change(claimant="Penta\u2067gon"),
     "second.us-iraq claimant: must not contain a bidi override (U+2067)"),
    ("tab-in-claimant", change(claimant="Penta\tgon"),
     "second.us-iraq claimant: must be one line (holds U+0009, a tab or line break)"),
    ("hex-value", change(value="0xBB8"), "second.us-iraq value: input should be a valid "
     "integer, got text '0xBB8'"),
    ("octal-looking-value", change(value="03000"), "second.us-iraq value: input should be a "
     "valid integer, got text '03000'"),
    ("sexagesimal-value", change(value="50:00"), "second.us-iraq value: input should be a "
     "valid integer, got text '50:00'"),
    ("plus-value", change(value="+3000"), "second.us-iraq value: input should be a valid "
     "integer, got text '+3000'"),
    ("underscore-value", change(value="3_000"), "second.us-iraq value: input should be a valid "
     "integer, got text '3_000'"),
    ("5000-digit-value", change(value="3" * 5000), "second.us-iraq value: input should be a "
     f"valid integer, got text {short('3' * 5000)}"),
    ("claimant-too-long-for-a-one-line-field", change(claimant="Pentagon\nspokesman"),
     "second.us-iraq claimant: must be one line (holds U+000A, a tab or line break)"),
    # issue 12: a claimant name the texts do not give needs an inferred.claimant reason
    ("claimant-not-in-the-texts", change(claimant="Pentagon spokesman John Kirby"),
     "second.us-iraq claimant: John, Kirby not in the quote, the archived text, the title or "
     "the publisher: mark it with an inferred.claimant reason"),
]  # fmt: skip
CSV_CASES = [(name, row(**cells), line) for name, cells, line in FIGURE_CASES]


@pytest.mark.parametrize(
    ("body", "line"), [c[1:] for c in CSV_CASES], ids=[c[0] for c in CSV_CASES]
)
def test_broken_csv_row_gives_one_line(
    mini: Root, run: Callable[..., Result], body: str, line: str
) -> None:
    """Each broken CSV row gives exactly one problem line at the row's CSV line, exit 1."""
    to_csv(mini, f"{HEADER}\n{body}\n")
    result = run("validate", "--data", "mini")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.splitlines() == [f"{T}:2: {line}"]


OPEN_ROW = ROW.replace(",mini.us-iraq", ',"mini.us-iraq')
QUOTED_THEN_TEXT = ROW.replace(",Pentagon,", ',"Penta"gon,')  # pandas alone reads "Pentagon"
QUOTE_INSIDE = ROW.replace(",Pentagon,", ',Penta"gon,')
FILE_CASES = [
    ("empty", "", f"{T}:1: - -: file is empty"),
    ("header-cut", HEADER[:20], f"{T}:1: - kin: unknown column (did you mean 'kind'?)"),
    ("unknown-column", f"{HEADER},confidence\n{ROW},high\n",
     f"{T}:1: - confidence: unknown column"),
    ("misspelt-column", HEADER.replace("claimant", "claimnt") + f"\n{ROW}\n",
     f"{T}:1: - claimnt: unknown column (did you mean 'claimant'?)"),
    ("missing-column", HEADER.replace(",revises", "").replace("kind,", "") + "\n",
     f"{T}:1: - kind: missing required column"),
    ("duplicate-column", f"{HEADER},note,note\n{ROW},a,b\n", f"{T}:1: - note: duplicate column"),
    ("too-many-fields", f"{HEADER}\n{ROW},extra\n",
     f"{T}:2: - -: CSV error: row has 10 fields; the header has 9"),
    ("far-too-many-fields", f"{HEADER}\n{ROW}\n{ROW},a,b\n",
     f"{T}:3: - -: CSV error: row has 11 fields; the header has 9"),
    ("unclosed-quote", f"{HEADER}\n{ROW}\n{OPEN_ROW}\n",
     f"{T}:3: - -: CSV error: EOF inside string starting at row 2"),
    ("quote-in-header", '"id,series\n', f"{T}:1: - -: CSV error: the header row is malformed"),
    ("text-after-closing-quote", f"{HEADER}\n{QUOTED_THEN_TEXT}\n",
     f"{T}:2: - -: CSV error: text after the closing '\"' of a quoted cell (write '\"\"' for a "
     "'\"' inside it)"),
    ("space-after-closing-quote", f"{HEADER},note\n{ROW},\n{ROW},\"first\nsecond\" \n",
     f"{T}:4: - -: CSV error: text after the closing '\"' of a quoted cell (write '\"\"' for a "
     "'\"' inside it)"),
    ("quote-inside-unquoted-cell", f"{HEADER}\n{QUOTE_INSIDE}\n",
     f"{T}:2: - -: CSV error: '\"' inside an unquoted cell (quote the whole cell and double "
     "each '\"')"),
    ("not-a-figure-table", "age\n3\n", f"{T}:1: - age: unknown column"),
    ("duplicate-row-id",
     f"{HEADER}\n{ROW}\n{GAZETTE_ROW.replace('bulk.syria', 'second.us-iraq')}\n",
     f"{T}:3: second.us-iraq id: duplicate id; first used at {T}:2"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("body", "line"), [c[1:] for c in FILE_CASES], ids=[c[0] for c in FILE_CASES]
)
def test_broken_csv_file_gives_one_line(
    mini: Root, run: Callable[..., Result], body: str, line: str
) -> None:
    """A broken CSV table (header, shape, ids) gives exactly one problem line, exit 1."""
    to_csv(mini, body)
    result = run("validate", "--data", "mini")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.splitlines() == [line]


@pytest.mark.parametrize(
    ("data", "line"),
    [
        (b"\xef\xbb\xbf" + HEADER.encode(), "1: - -: starts with a byte-order mark; save it as "
         "UTF-8 without BOM"),
        (f"{HEADER}\n{ROW}\n".encode().replace(b"Pentagon,", b"Pent\x00agon,"),
         "2: - -: contains a NUL byte"),
        (f"{HEADER}\n{ROW}\n".encode().replace(b"Pentagon,", b"Pent\xe4gon,"),
         "2: - -: is not valid UTF-8 (byte 0xe4)"),
        (f"{HEADER}\n{ROW}\n".encode().replace(b"Pentagon,", b"Pent\x1bgon,"),
         "2: - -: contains control character U+001B"),
    ],
)  # fmt: skip
def test_csv_bytes_checked(mini: Root, run: Callable[..., Result], data: bytes, line: str) -> None:
    """CSV tables must be UTF-8 without BOM, NUL or control characters."""
    to_csv(mini)
    mini.write(TABLE, data)
    result = run("validate", "--data", "mini")
    assert (result.exit_code, result.stderr.splitlines()) == (1, [f"{T}:{line}"])


HEDGES = hedge_table.index(
    [
        Hedge(phrase="about", bound="approx", low=-0.1, high=0.1),
        Hedge(phrase="more than", bound="at_least", low=0.0),
        Hedge(phrase="nearly", bound="at_most", high=0.0),
        Hedge(phrase="unknown number", bound="unknown"),
    ]
)
NUMBER = st.one_of(st.none(), st.integers(0, 20_000))


class _Collect:
    """Stands in for the problem collector: remembers the first problem per row."""

    def __init__(self) -> None:
        self.first: dict[int, tuple[str, str]] = {}

    def add(self, i: int, field: str, message: str) -> None:
        self.first.setdefault(i, (field, message))


class _NoRecords:
    broken_ids: set[str] = set()  # noqa: RUF012 - a read-only stand-in
    unread: set[str] = set()  # noqa: RUF012 - a read-only stand-in


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(
            NUMBER,
            st.sampled_from(["", "about", "More  than", "nearly", "unknown number", "circa"]),
            st.sampled_from(["", "exact", "approx", "at_least", "at_most", "unknown"]),
            NUMBER,
            NUMBER,
        ),
        min_size=1,
        max_size=30,
    )
)
def test_vectorised_bounds_match_per_figure_rules(rows: list[tuple[object, ...]]) -> None:
    """Column-wise hedge resolution gives the same bounds and first problem as hedges.resolve."""
    n = len(rows)
    cells = {
        "id": np.array([f"f{i}" for i in range(n)], dtype=object),
        "hedge": np.array([r[1] for r in rows], dtype=object),
        "bound": np.array([r[2] for r in rows], dtype=object),
    }
    numbers = {
        name: np.array([np.nan if r[k] is None else r[k] for r in rows], dtype=float)
        for k, name in ((0, "value"), (3, "low"), (4, "high"))
    }
    out = _Collect()
    bound, low, high, dead = resolve(cells, numbers, np.arange(n), HEDGES, _NoRecords(), out)  # type: ignore[arg-type]
    for i, (value, hedge, given_bound, lo, hi) in enumerate(rows):
        try:
            want = hedge_table.resolve(
                HEDGES, value=value, hedge=hedge or None, bound=given_bound or None, low=lo, high=hi
            )  # type: ignore[arg-type]
        except hedge_table.HedgeError as exc:
            problem = (exc.field, str(exc))
        else:
            problem = None
        if problem is not None:
            assert dead[i]
            assert out.first[i] == problem
            continue
        assert not dead[i]
        got_low = None if np.isnan(low[i]) else int(low[i])
        got_high = None if np.isnan(high[i]) else int(high[i])
        assert (bound[i], got_low, got_high) == (want.bound, want.low, want.high)


def test_csv_revision_cycle(mini: Root, run: Callable[..., Result]) -> None:
    """A CSV row and a YAML figure revising each other are both reported as a cycle."""
    mini.edit(SECOND, 'published: "2021-06-01"', 'published: "2021-03-05"')
    mini.reword_archive(SECOND, "seeds/second-courier.txt", "1 June 2021", "5 March 2021")
    to_csv(mini)
    src = "data/sources/mini-2021-03-05.yaml"
    mini.edit(src, "    hedge: about\n", "    hedge: about\n    revises: [second.us-iraq]\n")
    result = run("validate", "--data", "mini")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.splitlines() == [
        f"{T}:2: second.us-iraq revises.0: revision cycle: second.us-iraq -> mini.us-iraq -> "
        "second.us-iraq",
        f"mini/{src}:17: mini.us-iraq revises.0: revision cycle: mini.us-iraq -> second.us-iraq "
        "-> mini.us-iraq",
    ]


def test_csv_hedge_inside_a_word(mini: Root, run: Callable[..., Result]) -> None:
    """A CSV row's hedge must be whole words of its quote, as in YAML ('over' is not in
    'government')."""
    reword_second(mini, "The Pentagon said", "The government said")
    mini.edit(
        "data/hedges.yaml", "hedges:\n", "hedges:\n  - {phrase: over, bound: at_least, low: 0}\n"
    )
    to_csv(mini, f"{HEADER},hedge\n{row(quote=ROW_QUOTE.replace('Pentagon', 'government'))},over\n")
    result = run("validate", "--data", "mini")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.splitlines() == [
        f"{T}:2: second.us-iraq hedge: 'over' does not occur in the quote"
    ]


@pytest.mark.parametrize("blank", ["   ", "\t", " , ,\t,", ""])
def test_csv_whitespace_line_is_a_blank_line(
    mini: Root, run: Callable[..., Result], blank: str
) -> None:
    """A line of blanks (or of blank cells) is skipped like an empty line; line numbers hold."""
    to_csv(mini, f"{HEADER}\n{blank}\n{GAZETTE_ROW.replace(',900,', ',9000,')}\n{blank}\n")
    result = run("validate", "--data", "mini")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.splitlines() == [
        f"{T}:3: bulk.syria value: 9000 does not occur in the quote (as digits or words)"
    ]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        (b'a,b\n"x","y"\n', None),
        (b'a,b\n"x ""y""",""\r\n"",z', None),
        (b'a,b\n"x\n""y"""\n"NA"TO,z\n', (4, AFTER_CLOSING)),
        (b'a,b\r"x"\r\ny"z,w\n', (3, INSIDE_UNQUOTED)),
        (b'"a",b\n"x,y\n', (2, UNCLOSED)),
        (b'a,b\n"x"', None),
        (b'"a"b', (1, AFTER_CLOSING)),
    ],
)
def test_misplaced_quote_found_in_raw_bytes(text: bytes, found: tuple[int, str] | None) -> None:
    """Quotes RFC 4180 forbids are found with their line; well-quoted text passes."""
    assert misplaced_quote(text) == found


YAML_FIGURE = """  - id: second.us-iraq
    series: us-iraq
    kind: count
    as_of: "2021-03"
    value: 3000
    claimant: Pentagon
    quote: The Pentagon said 3,000 US troops were in Iraq in March, not the 2,500 it reported then.
    revises: [mini.us-iraq]
"""
_PLAIN = re.compile(r"[0-9A-Za-z_:+.-]+")


def yaml_figure(cells: dict[str, str]) -> str:
    """The second source's figure as YAML with some fields replaced; a number-like value is
    written plain (so YAML's own number reading applies), other text double-quoted."""
    lines = ["  - "]
    values = dict(zip(HEADER.split(","), row_cells(), strict=True))
    values.update(cells)
    for name, value in values.items():
        if value == "":
            if name == "value":
                lines.append("    value: null\n")
            continue
        if name == "revises":
            text = "[" + ", ".join(value.split()) + "]"
        elif name in ("value", "low", "high") and _PLAIN.fullmatch(value):
            text = value
        else:
            text = json.dumps(value)
        lines.append(f"    {name}: {text}\n")
    return lines[0] + "".join(lines[1:]).removeprefix("    ")


def row_cells() -> list[str]:
    """The cells of the second source's figure, in HEADER order."""
    return [
        "second.us-iraq", "us-iraq", "second-2021-06-01", "count", "2021-03", "3000",
        "Pentagon", ROW_QUOTE, "mini.us-iraq",
    ]  # fmt: skip


def _problem(line: str) -> str:
    """A problem line without its ``path:line: `` part."""
    return re.sub(r"^\S+?:[0-9]+: ", "", line)


@pytest.mark.parametrize(
    ("cells", "line"), [c[1:] for c in FIGURE_CASES], ids=[c[0] for c in FIGURE_CASES]
)
def test_yaml_and_csv_figures_break_alike(
    mini: Root, run: Callable[..., Result], cells: dict[str, str], line: str
) -> None:
    """Every broken-figure case gives the same one problem from a YAML file as from a CSV row
    (but an unknown source: in a source file a figure's source is the file's own)."""
    yaml_line = line
    if cells.get("source", "second-2021-06-01") != "second-2021-06-01":
        yaml_line = f"second.us-iraq source: is {cells['source']!r} but this file holds source " + (
            "'second-2021-06-01'"
        )
    text = mini.file(SECOND).read_text(encoding="utf-8")
    assert YAML_FIGURE in text
    mini.write(SECOND, text.replace(YAML_FIGURE, yaml_figure(cells)))
    from_yaml = run("validate", "--data", "mini")
    assert from_yaml.exit_code == 1
    assert [_problem(p) for p in from_yaml.stderr.splitlines()] == [yaml_line]
    mini.write(SECOND, text)
    to_csv(mini, f"{HEADER}\n{row(**cells)}\n")
    from_csv = run("validate", "--data", "mini")
    assert [_problem(p) for p in from_csv.stderr.splitlines()] == [line]


def test_a_model_rule_applies_to_csv_rows(mini: Root, run: Callable[..., Result]) -> None:
    """A rule added to the Figure model (here at most 40 characters of claimant) is applied
    to CSV rows too, with the YAML path's words: the CSV path takes its rules from the model."""
    import annotated_types

    from troops.core.model import Figure
    from troops.io import csvdata

    info = Figure.model_fields["claimant"]
    original = list(info.metadata)
    info.metadata.append(annotated_types.MaxLen(40))
    Figure.model_rebuild(force=True)
    csvdata._field_adapter.cache_clear()
    text = mini.file(SECOND).read_text(encoding="utf-8")
    try:
        mini.write(SECOND, text.replace("claimant: Pentagon", f"claimant: {'P' * 41}"))
        from_yaml = run("validate", "--data", "mini").stderr.splitlines()
        mini.write(SECOND, text)
        to_csv(mini, f"{HEADER}\n{row(claimant='P' * 41)}\n")
        from_csv = run("validate", "--data", "mini").stderr.splitlines()
    finally:
        info.metadata[:] = original
        Figure.model_rebuild(force=True)
        csvdata._field_adapter.cache_clear()
    assert len(from_yaml) == len(from_csv) == 1
    assert "claimant: " in from_csv[0]
    assert "at most 40" in from_csv[0]
    assert _problem(from_csv[0]) == _problem(from_yaml[0])
