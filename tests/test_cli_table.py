"""`troops table` prints exact, documented output for every format on the mini dataset."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from click.testing import Result
from conftest import Root

CSV = (
    "id,series,kind,as_of,as_of_start,as_of_end,value,low,high,bound,claimant,source,publisher,"
    "published,url,quote,publisher_type\r\n"
    "second.us-iraq,us-iraq,count,2021-03,2021-03-01,2021-03-31,3000,3000,3000,exact,Pentagon,"
    'second-2021-06-01,Second Courier,2021-06-01,,"The Pentagon said 3,000 US troops were in '
    'Iraq in March, not the 2,500 it reported then.",\r\n'
    "mini.us-iraq,us-iraq,count,2021-03-05,2021-03-05,2021-03-05,2500,2250,2750,approx,officials,"
    'mini-2021-03-05,Mini Gazette,2021-03-05,https://example.org/mini,"About 2,500 US troops '
    'remain in Iraq, officials said on Friday.",\r\n'
    "mini.us-iraq-after,us-iraq,target,2022,2022-01-01,2022-12-31,,,,unknown,Mini Gazette,"
    "mini-2021-03-05,Mini Gazette,2021-03-05,https://example.org/mini,An unknown number will "
    "stay after 2021.,\r\n"
    "mini.us-syria,us-syria,count,2021-03,2021-03-01,2021-03-31,900,900,,at_least,Mini Gazette,"
    "mini-2021-03-05,Mini Gazette,2021-03-05,https://example.org/mini,More than nine hundred "
    "troops are in Syria.,\r\n"
)

TEXT = """\
id                  as_of       series    kind    reported        range        claimant      source
------------------  ----------  --------  ------  --------------  -----------  ------------  -----------------
second.us-iraq      2021-03     us-iraq   count   3,000                        Pentagon      second-2021-06-01
mini.us-iraq        2021-03-05  us-iraq   count   about 2,500     2,250–2,750  officials     mini-2021-03-05
mini.us-iraq-after  2022        us-iraq   target  unknown number  unknown      Mini Gazette  mini-2021-03-05
mini.us-syria       2021-03     us-syria  count   more than 900   ≥ 900        Mini Gazette  mini-2021-03-05
"""  # noqa: E501

MARKDOWN = """\
| as_of | series | kind | reported | range | claimant | source | quote |
|---|---|---|---|---|---|---|---|
| 2021-03 | us-syria | count | more than 900 | ≥ 900 | Mini Gazette | mini-2021-03-05 | More than nine hundred troops are in Syria. |
"""  # noqa: E501

LATEX = r"""% troops table; requires \usepackage{booktabs,array}
\begin{tabular}{lllll>{\raggedright\arraybackslash}p{9em}l}
\toprule
as of & series & kind & reported & range & claimant & cite \\
\midrule
2021-03 & us-syria & count & more than 900 & $\geq$ 900 & Mini Gazette & \cite{mini-2021-03-05} \\
\bottomrule
\end{tabular}
"""

STEPS_CSV = (
    "series,start,end,value,low,high,sources\r\n"
    "us-iraq,2021-03-01,2022-01-01,3000,3000,3000,second-2021-06-01\r\n"
    "us-iraq,2022-01-01,,,,,mini-2021-03-05\r\n"
    "us-syria,2021-03-01,,900,900,,mini-2021-03-05\r\n"
)

STEPS_KNOWN_ON_TEXT = """\
series   start       end         level    range        sources
-------  ----------  ----------  -------  -----------  ---------------
us-iraq  2021-03-05  2022-01-01  2,500    2,250–2,750  mini-2021-03-05
us-iraq  2022-01-01              unknown  unknown      mini-2021-03-05
"""

Run = Callable[..., Result]


def ok(run: Run, *args: str) -> str:
    """Run a table command that must succeed with nothing on stderr; return stdout as written
    (click's ``Result.stdout`` would fold CRLF line ends)."""
    result = run("table", "--data", "mini", *args)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    return result.stdout_bytes.decode("utf-8")


def test_csv_exact(mini: Root, run: Run) -> None:
    """--csv prints RFC 4180 CSV with the contract's columns then publisher_type (empty: the
    fixture has no publisher table), CRLF and empty cells for null."""
    assert ok(run, "--csv") == CSV


def test_text_is_default(mini: Root, run: Run) -> None:
    """Without a flag the table is aligned for reading, with hedges shown as written."""
    assert ok(run) == TEXT


def test_json_matches_csv_rows(mini: Root, run: Run) -> None:
    """--json gives the same rows as objects, with real nulls and numbers."""
    rows = json.loads(ok(run, "--json"))
    assert [r["id"] for r in rows] == [
        "second.us-iraq",
        "mini.us-iraq",
        "mini.us-iraq-after",
        "mini.us-syria",
    ]
    assert list(rows[3]) == CSV.split("\r\n")[0].split(",")
    assert rows[2]["value"] is None
    assert rows[3]["high"] is None
    assert rows[3]["low"] == 900


def test_markdown_exact(mini: Root, run: Run) -> None:
    """--markdown prints a pipe table of the readable columns and the quote."""
    assert ok(run, "--markdown", "--series", "us-syria") == MARKDOWN


def test_latex_exact(mini: Root, run: Run) -> None:
    """--latex prints a booktabs tabular with escaped text and \\cite keys."""
    assert ok(run, "--latex", "--series", "us-syria") == LATEX


def test_latex_escapes_every_special_character() -> None:
    """LaTeX cells escape the characters pdflatex would misprint or choke on (|, <, > included)
    and fold line breaks, so a cell can never end its row."""
    from troops.output.render import latex_escape

    assert latex_escape("a|b <c> 10% $5 #1 x_y {z} ~ ^\\") == (
        r"a\textbar{}b \textless{}c\textgreater{} 10\% \$5 \#1 x\_y \{z\} \textasciitilde{} "
        r"\textasciicircum{}\textbackslash{}"
    )
    assert latex_escape("one\n\ntwo") == "one two"


def test_steps_csv_apply_revision(mini: Root, run: Run) -> None:
    """--steps uses the revised figure and keeps the unknown span unknown (empty cells)."""
    assert ok(run, "--steps", "--csv") == STEPS_CSV


def test_known_on_before_revision(mini: Root, run: Run) -> None:
    """--known-on before the correcting report shows what was believed then."""
    assert ok(run, "--steps", "--series", "us-iraq", "--known-on", "2021-05-31") == (
        STEPS_KNOWN_ON_TEXT
    )


def test_known_on_hides_later_reports(mini: Root, run: Run) -> None:
    """Figures from reports published after --known-on are left out of the figure table."""
    out = ok(run, "--csv", "--known-on", "2021-03-04")
    assert out.splitlines() == [CSV.split("\r\n")[0]]


def ids(csv_text: str) -> list[str]:
    """The first column (figure id or series) of each data row of CSV output."""
    return [line.split(",")[0] for line in csv_text.split("\r\n")[1:] if line]


def test_since_until_keep_figures_whose_time_reaches_in(mini: Root, run: Run) -> None:
    """--since/--until keep the figures whose as_of overlaps the range (a month counts when
    any of its days is inside), and the step segments holding at some time in it."""
    inside = ok(run, "--csv", "--since", "2021-03-05", "--until", "2021-12")
    assert ids(inside) == ["second.us-iraq", "mini.us-iraq", "mini.us-syria"]
    assert ids(ok(run, "--csv", "--since", "2021-03-31")) == [
        "second.us-iraq",
        "mini.us-iraq-after",
        "mini.us-syria",
    ]
    assert ids(ok(run, "--csv", "--since", "2022")) == ["mini.us-iraq-after"]
    assert ids(ok(run, "--csv", "--until", "2021-03-04")) == ["second.us-iraq", "mini.us-syria"]
    steps = ok(run, "--steps", "--csv", "--since", "2022-01-01")
    assert [line.split(",")[:3] for line in steps.split("\r\n")[1:] if line] == [
        ["us-iraq", "2022-01-01", ""],
        ["us-syria", "2021-03-01", ""],
    ]


def test_cite_table_covers_every_table_citation(run: Run) -> None:
    """`troops cite --table` defines every key `troops table --latex` cites for the same
    selection (movements included, which the chart's own list leaves out) on top of the
    chart's."""
    import re

    args = ("--series", "us-syria", "--since", "2019")
    cited = set(re.findall(r"\\cite\{([^}]*)\}", run("table", "--latex", *args).stdout))
    table_bib = run("cite", "--table", "--bibtex", *args)
    chart_bib = run("cite", "--bibtex", *args)
    assert table_bib.exit_code == chart_bib.exit_code == 0
    keys = set(re.findall(r"^@misc\{([^,]+),", table_bib.stdout, re.M))
    chart_keys = set(re.findall(r"^@misc\{([^,]+),", chart_bib.stdout, re.M))
    assert cited
    assert cited - chart_keys
    assert keys == cited | chart_keys


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--csv", "--json"],
            "troops table: --csv and --json cannot be used together (see 'troops table --help')",
        ),
        (
            ["--series", "nope"],
            "troops table: Invalid value for '--series': unknown series nope "
            "(known: us-iraq, us-syria) (see 'troops table --help')",
        ),
        (
            ["--known-on", "2021-02-30"],
            "troops table: Invalid value for '--known-on': "
            "'2021-02-30' is not a calendar date (2021-02 has 28 days) "
            "(see 'troops table --help')",
        ),
    ],
)
def test_usage_errors_one_line(mini: Root, run: Run, args: list[str], message: str) -> None:
    """Bad flags give one line on stderr, nothing on stdout, and exit status 2."""
    result = run("table", "--data", "mini", *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [message]


def test_data_error_exit_one(mini: Root, run: Run) -> None:
    """A broken dataset makes `troops table` print the problems and exit 1, no stdout."""
    mini.edit("data/sources/mini-2021-03-05.yaml", "value: 2500", "value: 2600")
    result = run("table", "--csv", "--data", "mini")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1


def test_version(run: Run) -> None:
    """--version prints the package version."""
    import troops

    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout == f"troops, version {troops.__version__}\n"
