"""`troops plot` and `troops cite` on the command line: outputs, names, errors, captions."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from conftest import Root

import troops

Run = Callable[..., Result]


@pytest.fixture(autouse=True)
def _clean(mpl_clean: None) -> None:
    """Every test here starts from matplotlib's defaults and leaves no figure open."""


def test_plot_without_options_writes_the_default_figure(mini: Root, run: Run) -> None:
    """With no options the page-width figure goes to figures/troops-page.pdf, path printed."""
    result = run("plot", "--data", "mini")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "figures/troops-page.pdf\n"
    assert result.stderr == ""
    assert Path("figures/troops-page.pdf").read_bytes().startswith(b"%PDF-")


def test_default_name_tells_the_options_apart(mini: Root, run: Run) -> None:
    """Options that change the picture are part of the default file name."""
    result = run(
        "plot", "--data", "mini", "--series", "us-syria", "--since", "2021", "--no-events",
        "--width", "page", "--format", "svg",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "figures/troops-us-syria-since-2021-01-01-no-events-page.svg\n"
    quiet = run("plot", "--data", "mini", "--no-conflicts", "--format", "png")
    assert quiet.stdout == "figures/troops-no-conflicts-page.png\n"


@pytest.mark.parametrize(
    ("args", "magic"),
    [
        (["-o", "f.pdf"], b"%PDF-"),
        (["-o", "f.svg"], b"<?xml"),
        (["-o", "f.png"], b"\x89PNG"),
        (["-o", "f.PNG", "--format", "png"], b"\x89PNG"),
        (["-o", "figure", "--format", "svg"], b"<?xml"),
    ],
)
def test_format_follows_the_extension(mini: Root, run: Run, args: list[str], magic: bytes) -> None:
    """-o's extension names the format; --format agrees with it or names it when absent."""
    result = run("plot", "--data", "mini", *args)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"{args[1]}\n"
    assert Path(args[1]).read_bytes().startswith(magic)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-o", "f.png", "--format", "pdf"], "--format pdf contradicts -o f.png (a png file name)"),
        (["-o", "f.jpg"], "-o f.jpg: unknown extension '.jpg' (use .pdf, .svg, .png, .pgf, .html)"),
        (["-o", "nowhere/f.pdf"], "-o nowhere/f.pdf: directory 'nowhere' does not exist"),
        (["-o", "mini"], "-o mini: is a directory"),
        (["--format", "eps"], "Invalid value for '--format': 'eps' is not one of"),
        (
            ["--since", "2021-13"],
            "Invalid value for '--since': '2021-13' has no month 13",
        ),
        (["--since", "2022", "--until", "2021"], "--since 2022-01-01 is after --until 2021-12-31"),
        (["--series", "nope"], "Invalid value for '--series': unknown series nope"),
        (["--width", "wide"], "Invalid value for '--width': 'wide' is not 'column', 'page'"),
        (["--width", "40"], "Invalid value for '--width': 40 in is outside 2.5-20 in"),
    ],
)
def test_usage_errors_are_one_line_exit_two(
    mini: Root, run: Run, args: list[str], message: str
) -> None:
    """Contradictions, unknown extensions, unwritable paths, bad dates and unknown series
    are usage errors: one line on stderr, nothing on stdout, exit status 2, no file."""
    result = run("plot", "--data", "mini", *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert line.startswith("troops plot: ")
    assert message in line
    assert line.endswith("(see 'troops plot --help')")
    assert not Path("figures").exists()


def test_data_error_exit_one(mini: Root, run: Run) -> None:
    """A broken dataset stops `troops plot` with the problem lines and exit status 1."""
    mini.edit("data/sources/mini-2021-03-05.yaml", "value: 2500", "value: 2600")
    result = run("plot", "--data", "mini", "-o", "f.pdf")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert re.match(r"mini/data/sources/mini-2021-03-05\.yaml:\d+: mini\.us-iraq ", result.stderr)
    assert not Path("f.pdf").exists()


def test_pgf_without_latex_is_a_one_line_error(tmp_path: Path) -> None:
    """PGF needs pdflatex; without it `troops plot` says so in one line, exits 1, and
    writes nothing."""
    env = {**os.environ, "PATH": str(Path(sys.executable).parent)}
    proc = subprocess.run(
        [sys.executable, "-m", "troops", "plot", "-o", "f.pgf"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 1
    assert proc.stdout == ""
    (line,) = proc.stderr.splitlines()
    assert line.startswith("troops plot: cannot write PGF (it needs pdflatex): ")
    assert list(tmp_path.iterdir()) == []


def test_caption_files_cite_the_bibtex_keys(mini: Root, run: Run) -> None:
    """--caption writes a LaTeX and a text caption named after the whole figure name; the
    LaTeX caption cites, in one \\cite, exactly the keys `troops cite --bibtex` prints."""
    result = run("plot", "--data", "mini", "-o", "fig.pdf", "--caption")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "fig.pdf\nfig.pdf.caption.tex\nfig.pdf.caption.txt\n"
    tex = Path("fig.pdf.caption.tex").read_text(encoding="utf-8")
    (cited,) = re.findall(r"\\cite\{([^}]+)\}", tex)
    bib = run("cite", "--data", "mini", "--bibtex").stdout
    assert cited.split(",") == re.findall(r"^@misc\{([^,]+),", bib, flags=re.M)
    assert cited.split(",") == ["mini-2021-03-05", "second-2021-06-01"]
    assert "`more than' as a lower bound" in tex
    text = Path("fig.pdf.caption.txt").read_text(encoding="utf-8")
    assert text.endswith(
        "Sources: Mini Gazette, 5\xa0Mar\xa02021 (mini-2021-03-05); "
        "Second Courier, 1\xa0Jun\xa02021 (second-2021-06-01).\n"
    )


def test_png_and_pdf_captions_of_one_stem_do_not_collide(mini: Root, run: Run) -> None:
    """The captions of fig.png and fig.pdf are fig.png.caption.* and fig.pdf.caption.*."""
    for fmt in ("png", "pdf"):
        assert run("plot", "--data", "mini", "-o", f"fig.{fmt}", "--caption").exit_code == 0
    names = sorted(p.name for p in Path(".").glob("fig.*.caption.*"))
    assert names == [
        "fig.pdf.caption.tex",
        "fig.pdf.caption.txt",
        "fig.png.caption.tex",
        "fig.png.caption.txt",
    ]


def test_evidence_caption_maps_chart_numbers_to_citations(mini: Root, run: Run) -> None:
    """The evidence figure's caption maps each number in the chart to its \\cite key."""
    result = run("plot", "--data", "mini", "--evidence", "-o", "fig.pdf", "--caption")
    assert result.exit_code == 0, result.stderr
    tex = Path("fig.pdf.caption.tex").read_text(encoding="utf-8")
    assert re.findall(r"\\cite\{([^}]+)\}", tex) == ["mini-2021-03-05", "second-2021-06-01"]
    assert "read as $\\pm$10~\\%" in tex
    text = Path("fig.pdf.caption.txt").read_text(encoding="utf-8")
    assert text.endswith(
        "Sources: [1] Mini Gazette, 5\xa0Mar\xa02021 (mini-2021-03-05); "
        "[2] Second Courier, 1\xa0Jun\xa02021 (second-2021-06-01).\n"
    )


def test_notes_in_caption_make_a_compact_figure(mini: Root, run: Run) -> None:
    """--evidence --notes caption draws no lists under the chart and puts the events into
    the captions."""
    from matplotlib.figure import Figure

    from troops.chart.chartdata import Selection
    from troops.plot.figure import paper_figure

    result = run("plot", "--data", "mini", "--evidence", "-o", "small.svg", "--notes", "caption")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "small.svg\nsmall.svg.caption.tex\nsmall.svg.caption.txt\n"
    svg = Path("small.svg").read_text(encoding="utf-8")
    assert "troops-note-" not in svg
    text = Path("small.svg.caption.txt").read_text(encoding="utf-8")
    assert "Events: a: Agreement signed, 1 Mar 2021 [1]." in text
    ds = troops.load("mini")
    full: Figure = paper_figure(ds, Selection(), width=3.5)
    bare: Figure = paper_figure(ds, Selection(), width=3.5, lists=False)
    assert bare.get_figheight() < full.get_figheight()
    assert not [t for t in bare.texts if (t.get_gid() or "").startswith("troops-note-")]
    default = run("plot", "--data", "mini", "--evidence", "--notes", "caption", "--format", "png")
    assert default.stdout.splitlines()[0] == "figures/troops-evidence-notes-in-caption-page.png"


CITE_TEXT = """\
[1] mini-2021-03-05
    Mini Gazette, 5 Mar 2021
    “Troops stay”
    https://example.org/mini
[2] second-2021-06-01
    Second Courier, 1 Jun 2021
    “Pentagon corrects count”
    archived: seeds/second-courier.txt
"""

CITE_BIBTEX = """\
@misc{mini-2021-03-05,
  title = {{Troops stay}},
  howpublished = {Mini Gazette},
  year = {2021},
  month = mar,
  date = {2021-03-05},
  url = {https://example.org/mini},
  urldate = {2021-03-06},
  note = {Text archived in the troops dataset (sha256 5c7d98e1a943).}
}

@misc{second-2021-06-01,
  title = {{Pentagon corrects count}},
  howpublished = {Second Courier},
  year = {2021},
  month = jun,
  date = {2021-06-01},
  note = {Text archived in the troops dataset (sha256 724592864ffd).}
}
"""


def test_cite_lists_the_sources_of_the_chart(mini: Root, run: Run) -> None:
    """`troops cite` numbers the sources as the chart does; --bibtex gives @misc entries
    keyed by source id."""
    assert run("cite", "--data", "mini").stdout == CITE_TEXT
    assert run("cite", "--data", "mini", "--bibtex").stdout == CITE_BIBTEX


def test_cite_csl_json(mini: Root, run: Run) -> None:
    """--csl-json gives CSL items with ids, titles, container, dates and the URL."""
    items = json.loads(run("cite", "--data", "mini", "--csl-json").stdout)
    assert [i["id"] for i in items] == ["mini-2021-03-05", "second-2021-06-01"]
    first = items[0]
    assert first["type"] == "article-newspaper"
    assert first["container-title"] == "Mini Gazette"
    assert first["issued"] == {"date-parts": [[2021, 3, 5]]}
    assert first["URL"] == "https://example.org/mini"
    assert "URL" not in items[1]


def test_bib_url_with_braces_stays_balanced() -> None:
    """A URL with braces stays a balanced BibTeX field (percent-encoded, the same address)."""
    from troops.core.model import Source
    from troops.output.bib import bibtex_entry

    src = Source(
        id="odd",
        title="t",
        publisher="p",
        published="2021-03",
        url="https://example.org/a{b}",
        archive="a.txt",
        sha256="0" * 64,
    )
    entry = bibtex_entry(src)
    assert "  url = {https://example.org/a%7Bb%7D},\n" in entry
    assert entry.count("{") == entry.count("}")


def test_cite_follows_the_selection(mini: Root, run: Run) -> None:
    """Known on a day before the correction, only the first report is behind the chart."""
    out = run("cite", "--data", "mini", "--known-on", "2021-04-01").stdout
    assert out.splitlines()[0] == "[1] mini-2021-03-05"
    assert "second-2021-06-01" not in out


def test_cite_rejects_two_formats(mini: Root, run: Run) -> None:
    """--bibtex and --csl-json together are a usage error."""
    result = run("cite", "--data", "mini", "--bibtex", "--csl-json")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "troops cite: --bibtex and --csl-json cannot be used together (see 'troops cite --help')"
    ]


def test_bibtex_never_invents_a_publisher(tmp_path: Path) -> None:
    """A source without a publisher gets no howpublished field in BibTeX."""
    proc = subprocess.run(
        [sys.executable, "-m", "troops", "cite", "--bibtex", "--series", "us-iraq"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    )
    entries = proc.stdout.split("\n\n")
    denies = next(e for e in entries if e.startswith("@misc{iraq-denies-2021-11-21,"))
    assert "howpublished" not in denies
    assert "title = {{Iraq denies extending date for US troop withdrawal}}" in denies


def _modules_after(args: list[str]) -> set[str]:
    script = (
        "import sys\n"
        "from troops.cli import cli\n"
        f"try:\n    cli.main(args={args!r}, prog_name='troops', standalone_mode=False)\n"
        "except SystemExit:\n    pass\n"
        "sys.stdout.flush()\n"
        "print('\\nMODULES', ' '.join(sorted(m.split('.')[0] for m in sys.modules)))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    return set(proc.stdout.rsplit("MODULES", 1)[1].split())


def test_plot_help_and_cite_do_not_import_matplotlib() -> None:
    """`troops plot --help` loads neither matplotlib nor pandas; `troops cite` no matplotlib."""
    assert not {"matplotlib", "pandas", "pydantic"} & _modules_after(["plot", "--help"])
    assert "matplotlib" not in _modules_after(["cite", "--bibtex"])


def test_plot_imports_neither_pyplot_nor_pandas(tmp_path: Path) -> None:
    """`troops plot` stays import-light: no pyplot, no pandas, no LaTeX machinery."""
    script = (
        "import sys\nfrom troops.cli import cli\n"
        f"cli.main(args=['plot', '-o', {str(tmp_path / 'f.pdf')!r}], prog_name='troops',"
        " standalone_mode=False)\n"
        "print(' '.join(sorted(sys.modules)))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    mods = set(proc.stdout.split()[1:])
    assert "matplotlib.backends.backend_pdf" in mods
    assert not {"matplotlib.pyplot", "pandas", "matplotlib.backends.backend_pgf"} & mods
