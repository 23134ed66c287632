"""`troops extract` prints exact candidate records and refuses unreadable text cleanly."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from click.testing import CliRunner, Result
from conftest import Root

from troops.cli import cli

YAML = """\
- id: gazette.us-iraq
  series: us-iraq
  kind: count
  as_of: '2021-03-05'
  value: 2500
  hedge: about
  bound: approx
  claimant: Officials
  quote: >-
    About 2,500 US troops remain in Iraq, officials said on Friday.
  inferred:
    as_of: >-
      the publication date (troops extract dates each figure by its report)
- id: gazette.us-syria
  series: us-syria
  kind: count
  as_of: '2021-03-05'
  value: 900
  hedge: more than
  bound: at_least
  claimant: article text (unattributed)
  quote: More than nine hundred troops are in Syria.
  inferred:
    as_of: >-
      the publication date (troops extract dates each figure by its report)
- id: gazette.us-syria-target-unknown
  series: us-syria
  kind: target
  as_of: '2021-03-05'
  value: null
  hedge: unknown number
  bound: unknown
  claimant: article text (unattributed)
  quote: An unknown number will stay after 2021.
  inferred:
    as_of: >-
      the publication date (troops extract dates each figure by its report)
"""
ARTICLE = "mini/seeds/mini-gazette.txt"


def test_yaml_records(mini: Root, run: Callable[..., Result]) -> None:
    """The records of the mini article, dated by --published, are printed as YAML."""
    result = run(
        "extract", ARTICLE, "--published", "2021-03-05", "--source-id", "gazette", "--data", "mini"
    )
    assert result.exit_code == 0
    assert result.stdout == YAML
    assert result.stderr == (
        f"troops extract: 3 candidate figures from {ARTICLE}; check each against the text\n"
    )


def test_json_is_the_same_records(mini: Root, run: Callable[..., Result]) -> None:
    """--json prints the same records as a JSON array."""
    import yaml

    args = ("extract", ARTICLE, "--published", "2021-03-05", "--source-id", "gazette")
    result = run(*args, "--json", "--data", "mini")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == yaml.safe_load(YAML)


def test_default_id_and_no_date(mini: Root, run: Callable[..., Result]) -> None:
    """Without options the ids come from the file name and as_of stays empty."""
    result = run("extract", "mini/seeds/second-courier.txt", "--json", "--data", "mini")
    assert result.exit_code == 0
    records = json.loads(result.stdout)
    assert [(r["id"], r["as_of"], r["value"]) for r in records] == [
        ("second-courier.us-iraq", None, 3000),
        ("second-courier.us-iraq-count-2500", None, 2500),
    ]
    assert "troops extract: no --published date, so as_of is empty" in result.stderr


def test_stdin_and_unknown_series(mini: Root) -> None:
    """ "-" reads the article from stdin; series the dataset lacks are left out with a note."""
    runner = CliRunner()
    text = "NATO has about 500 personnel in Iraq. About 900 US troops are in Syria."
    result = runner.invoke(cli, ["extract", "-", "--json", "--data", "mini"], input=text)
    assert result.exit_code == 0
    assert [r["id"] for r in json.loads(result.stdout)] == ["stdin.us-syria"]
    assert result.stderr.splitlines()[0] == (
        "troops extract: left out candidates of series not in the dataset: nato-iraq"
    )


def test_no_candidates_prints_an_empty_list(mini: Root, run: Callable[..., Result]) -> None:
    """An article without troop figures gives an empty YAML list."""
    mini.write("plain.txt", "The weather in Baghdad was fine in 2021.")
    result = run("extract", "mini/plain.txt", "--data", "mini")
    assert (result.exit_code, result.stdout) == (0, "[]\n")


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"\xef\xbb\xbfAbout 900 troops", "1: - -: starts with a byte-order mark; save it as UTF-8 "
         "without BOM"),
        (b"About 900\ntroops \x00 here", "2: - -: contains a NUL byte"),
        (b"About 900\n\ntroops \xe9t\xe9", "3: - -: is not valid UTF-8 (byte 0xe9)"),
        (b"\xff\xfeA\x00", "1: - -: is UTF-16 text; save it as UTF-8"),
    ],
)  # fmt: skip
def test_undecodable_text_is_one_line(
    mini: Root, run: Callable[..., Result], raw: bytes, message: str
) -> None:
    """BOM, NUL bytes and non-UTF-8 text give one error line with the line number, exit 1."""
    mini.write("bad.txt", raw)
    result = run("extract", "mini/bad.txt", "--data", "mini")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == f"mini/bad.txt:{message}\n"


def test_missing_file_is_one_line(mini: Root, run: Callable[..., Result]) -> None:
    """A file that does not exist is one error line, exit 1."""
    result = run("extract", "mini/nothing.txt", "--data", "mini")
    assert result.exit_code == 1
    assert result.stderr == (
        "mini/nothing.txt:1: - -: cannot read file: No such file or directory\n"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--published", "2021-13"), "Invalid value for '--published': '2021-13' has no month 13"),
        (("--published", "2021/2022"), "Invalid value for '--published': '2021/2022' must be a "
         "single date, not an interval"),
    ],
)  # fmt: skip
def test_bad_options_are_usage_errors(
    mini: Root, run: Callable[..., Result], args: tuple[str, ...], message: str
) -> None:
    """A bad --published date is a usage error: one line, exit 2."""
    result = run("extract", ARTICLE, *args, "--data", "mini")
    assert result.exit_code == 2
    assert result.stderr == f"troops extract: {message} (see 'troops extract --help')\n"


def test_too_big_file_is_refused_unread(
    mini: Root, run: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file over the size limit is one error line and is not read."""
    import troops.intake.article

    monkeypatch.setattr(troops.intake.article, "MAX_ARTICLE_BYTES", 10)
    result = run("extract", ARTICLE, "--data", "mini")
    assert result.exit_code == 1
    assert result.stderr == f"{ARTICLE}:1: - -: file is 217 bytes; the limit is 10\n"


def test_url_gives_context(mini: Root, run: Callable[..., Result]) -> None:
    """--url lends its path's words as context: a text naming no country gets one from it."""
    mini.write("brief.txt", "Officials said about 400 US soldiers would stay.")
    args = ("extract", "mini/brief.txt", "--json", "--data", "mini")
    assert json.loads(run(*args).stdout) == []
    result = run(*args, "--url", "https://example.org/2024/05/us-troops-syria-drawdown/")
    assert result.exit_code == 0
    assert [
        (r["series"], r["kind"], r["value"], r["bound"]) for r in json.loads(result.stdout)
    ] == [("us-syria", "target", 400, "approx")]


def _batch(mini: Root, count: int) -> list[str]:
    """``count`` small articles in mini/batch/ (one without figures), named a.txt, b.txt, ..."""
    names = []
    for n in range(count):
        name = f"batch/{chr(ord('a') + n)}.txt"
        text = "The weather was fine." if n == 1 else f"About {n + 1},000 US troops are in Iraq."
        mini.write(name, text)
        names.append(f"mini/{name}")
    return names


def test_several_files_give_one_document_each(mini: Root, run: Callable[..., Result]) -> None:
    """Several files give one YAML document per file, headed by its name, in the order given."""
    import yaml

    a, b = _batch(mini, 2)
    result = run("extract", b, a, "--data", "mini")
    assert result.exit_code == 0
    assert result.stdout.startswith(f'--- # "{b}"\n[]\n--- # "{a}"\n- id: a.us-iraq\n')
    docs = list(yaml.safe_load_all(result.stdout))
    assert [[(r["id"], r["value"]) for r in d] for d in docs] == [[], [("a.us-iraq", 1000)]]
    assert result.stderr.splitlines()[-1] == (
        "troops extract: 1 candidate figure from 2 files; check each against the text"
    )


def test_folder_json_lines_and_progress(mini: Root, run: Callable[..., Result]) -> None:
    """A folder stands for its files in name order; --json gives one line per file, and more
    than a few files are reported one by one on stderr."""
    names = _batch(mini, 5)
    mini.write("batch/.hidden.txt", "About 7,000 US troops are in Iraq.")
    result = run("extract", "mini/batch", "--json", "--data", "mini")
    assert result.exit_code == 0
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["file"] for line in lines] == names
    assert [[r["value"] for r in line["records"]] for line in lines] == [
        [1000], [], [3000], [4000], [5000]
    ]  # fmt: skip
    progress = [line for line in result.stderr.splitlines() if line.startswith("troops extract: [")]
    assert progress[0] == "troops extract: [1/5] mini/batch/a.txt: 1 candidate"
    assert progress[1] == "troops extract: [2/5] mini/batch/b.txt: 0 candidates"
    assert len(progress) == 5


def test_a_bad_file_is_named_and_the_rest_read(mini: Root, run: Callable[..., Result]) -> None:
    """A file that cannot be read is one line naming it; the others are still read; exit 1."""
    a, b = _batch(mini, 2)
    mini.write("batch/bad.txt", b"About 900 \xe9 troops")
    result = run(
        "extract", a, "mini/batch/bad.txt", "mini/missing.txt", b, "--json", "--data", "mini"
    )
    assert result.exit_code == 1
    assert [json.loads(line)["file"] for line in result.stdout.splitlines()] == [a, b]
    err = result.stderr.splitlines()
    assert "mini/batch/bad.txt:1: - -: is not valid UTF-8 (byte 0xe9)" in err
    assert "mini/missing.txt:1: - -: cannot read file: No such file or directory" in err
    assert err[-1] == "troops extract: 2 files could not be read"


@pytest.mark.parametrize(
    "option", [("--source-id", "x"), ("--title", "T"), ("--url", "https://e.org/a")]
)
def test_one_file_options_refuse_several(
    mini: Root, run: Callable[..., Result], option: tuple[str, str]
) -> None:
    """--source-id, --title and --url name one article: with several files, a usage error."""
    a, b = _batch(mini, 2)
    result = run("extract", a, b, *option, "--data", "mini")
    assert result.exit_code == 2
    assert f"{option[0]} applies to one file, not to 2" in result.stderr
    assert result.stdout == ""
