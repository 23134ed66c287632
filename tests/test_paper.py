"""A real paper: the PDF, the PGF, the caption and the BibTeX compile with pdflatex + bibtex.

Runs wherever pdflatex, bibtex and pdffonts are installed; skips with a reason where they
are not, unless TROOPS_REQUIRE_LATEX=1 (set by .ci/run), where their absence fails.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
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


STYLES = {
    "plain": "",
    "unsrt": "",
    "plainnat": "\\usepackage[numbers]{natbib}",
}


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The figures, captions, table and BibTeX a paper uses, written once by `troops`."""
    from click.testing import CliRunner

    from troops.cli import cli

    out = tmp_path_factory.mktemp("outputs")
    runner = CliRunner()

    def run(*args: str) -> str:
        result = runner.invoke(cli, list(args), catch_exceptions=False)
        assert result.exit_code == 0, result.stderr
        return result.stdout

    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(out)
        column = ("--width", "column", "--caption")
        run("plot", *column, "-o", "story.pdf")
        run("plot", "--width", "column", "-o", "story.pgf")
        run("plot", "--width", "page", "--caption", "-o", "page.pdf")
        run("plot", "--evidence", "-o", "evidence.pdf")
        (out / "table.tex").write_text(
            run("table", "--latex", "--series", "us-iraq", "--since", "2024"), encoding="utf-8"
        )
        (out / "troops.bib").write_text(run("cite", "--table", "--bibtex"), encoding="utf-8")
    return out


@pytest.mark.slow
@pytest.mark.parametrize("style", list(STYLES))
def test_paper_compiles_without_overfull_boxes_or_type3_fonts(
    tmp_path: Path, outputs: Path, style: str
) -> None:
    """With the plain, unsrt and natbib plainnat styles, pdflatex + bibtex build the paper
    (story figure at column and page width, PGF, evidence figure, table); every \\cite of
    the captions resolves, no box is overfull and pdffonts lists no Type 3 font."""
    import re

    _require_tools()
    for f in outputs.iterdir():
        shutil.copy(f, tmp_path / f.name)
    tex = (HERE / "paper" / "paper.tex").read_text(encoding="utf-8")
    tex = tex.replace("NATBIB", STYLES[style]).replace("BIBSTYLE", style)
    (tmp_path / "paper.tex").write_text(tex, encoding="utf-8")

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
    bbl = (tmp_path / "paper.bbl").read_text(encoding="utf-8")
    for caption in ("story.pdf.caption.tex", "page.pdf.caption.tex"):
        text = (tmp_path / caption).read_text(encoding="utf-8")
        keys = [k for group in re.findall(r"\\cite\{([^}]+)\}", text) for k in group.split(",")]
        assert keys
        for key in keys:
            assert f"\\bibitem{{{key}}}" in bbl or f"]{{{key}}}" in bbl, key
    fonts = _tex(["pdffonts", "paper.pdf"], tmp_path)
    assert fonts.returncode == 0
    assert "Type 3" not in fonts.stdout
    assert "TrueType" in fonts.stdout  # the embedded PDF figure's DejaVu Sans
