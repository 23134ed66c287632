"""A real paper: the PDF, the PGF, the caption and the BibTeX compile with pdflatex + bibtex.

Runs wherever pdflatex, bibtex and pdffonts are installed; skips with a reason where they
are not, unless TROOPS_REQUIRE_LATEX=1 (set by .ci/run), where their absence fails.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from conftest import HERE

TOOLS = ("pdflatex", "bibtex", "pdffonts")


@pytest.fixture(autouse=True)
def _clean(mpl_clean: None) -> None:
    """Every test here starts from matplotlib's defaults and leaves no figure open."""


def _require_tools() -> None:
    missing = [t for t in TOOLS if shutil.which(t) is None]
    if not missing:
        return
    reason = (
        f"{', '.join(missing)} not installed (Debian: texlive-latex-recommended, poppler-utils)"
    )
    if os.environ.get("TROOPS_REQUIRE_LATEX") == "1":
        pytest.fail(f"TROOPS_REQUIRE_LATEX=1 but {reason}")
    pytest.skip(reason)


def _tex(cmd: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        cmd, cwd=cwd, capture_output=True, text=True, errors="replace", timeout=180, check=False
    )


@pytest.mark.slow
def test_paper_compiles_without_overfull_boxes_or_type3_fonts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run: Callable[..., Result]
) -> None:
    """pdflatex + bibtex build the paper, every citation resolves, no box is overfull and
    pdffonts lists no Type 3 font."""
    _require_tools()
    monkeypatch.chdir(tmp_path)
    shutil.copy(HERE / "paper" / "paper.tex", tmp_path / "paper.tex")
    column = ("--width", "column", "--series", "us-iraq", "--since", "2020", "--notes", "caption")
    for args in (("-o", "figure.pdf"), ("-o", "figure.pgf")):
        result = run("plot", *column, *args)
        assert result.exit_code == 0, result.stderr
        assert result.stderr == ""  # no "taller than a page" note: it fits a column
    record = run("plot", "-o", "record.pdf")  # the default figure: whole record, page width
    assert record.exit_code == 0, record.stderr
    table = run("table", "--latex", "--series", "us-iraq", "--since", "2024")
    assert table.exit_code == 0, table.stderr
    (tmp_path / "table.tex").write_text(table.stdout, encoding="utf-8")
    bib = run("cite", "--table", "--bibtex")  # the chart's sources and the table's
    assert bib.exit_code == 0, bib.stderr
    (tmp_path / "troops.bib").write_text(bib.stdout, encoding="utf-8")

    latex = ["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "paper.tex"]
    first = _tex(latex, tmp_path)
    assert first.returncode == 0, first.stdout[-3000:]
    bibtex = _tex(["bibtex", "paper"], tmp_path)
    assert bibtex.returncode == 0, bibtex.stdout
    for _ in range(2):
        final = _tex(latex, tmp_path)
        assert final.returncode == 0, final.stdout[-3000:]

    log = (tmp_path / "paper.log").read_text(encoding="latin-1")
    assert "Overfull \\hbox" not in log
    assert "Overfull \\vbox" not in log
    assert "Float too large" not in log
    assert "undefined" not in log.lower()
    assert (tmp_path / "paper.pdf").stat().st_size > 10_000
    cited = (tmp_path / "paper.bbl").read_text(encoding="utf-8")
    assert "\\bibitem{sputnik-2021-12-09}" in cited
    fonts = _tex(["pdffonts", "paper.pdf"], tmp_path)
    assert fonts.returncode == 0
    assert "Type 3" not in fonts.stdout
    assert "TrueType" in fonts.stdout  # the embedded PDF figure's DejaVu Sans
