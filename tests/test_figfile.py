"""Figure files: byte-identical across processes, provenance in the metadata, TrueType fonts."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from conftest import MINI

import troops
from troops.plot.figfile import Provenance, caption_paths, default_stem, metadata, resolve_output

FORMATS = ("pdf", "svg", "png", "pgf")


def latex_available() -> bool:
    """True when pdflatex is installed; with TROOPS_REQUIRE_LATEX=1 its absence fails."""
    if shutil.which("pdflatex"):
        return True
    if os.environ.get("TROOPS_REQUIRE_LATEX") == "1":
        pytest.fail("pdflatex is missing but TROOPS_REQUIRE_LATEX=1")
    return False


def draw_all(out: Path, seed: str, formats: tuple[str, ...]) -> None:
    """Draw the mini figure in every format in one fresh process with hash seed ``seed``."""
    script = (
        "import sys\nfrom troops.cli import main\n"
        "for fmt in sys.argv[2:]:\n"
        "    try:\n"
        f"        main(['plot', '--data', {str(MINI)!r}, '-o', f'{{sys.argv[1]}}/f.{{fmt}}'])\n"
        "    except SystemExit as exc:\n"
        "        assert exc.code in (0, None), exc.code\n"
    )
    env = {**os.environ, "PYTHONHASHSEED": seed}
    env.pop("SOURCE_DATE_EPOCH", None)
    subprocess.run(
        [sys.executable, "-c", script, str(out), *formats],
        env=env,
        check=True,
        capture_output=True,
    )


@pytest.mark.slow
def test_files_are_byte_identical_across_processes(tmp_path: Path) -> None:
    """Two separate processes (different hash seeds) write the same bytes in every format."""
    formats = FORMATS if latex_available() else FORMATS[:3]
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir()
    second.mkdir()
    draw_all(first, "1", formats)
    draw_all(second, "2", formats)
    for fmt in formats:
        a, b = (first / f"f.{fmt}").read_bytes(), (second / f"f.{fmt}").read_bytes()
        assert len(a) > 1000
        assert a == b, fmt


def _pdf_text(data: bytes) -> str:
    """The PDF's uncompressed parts plus every inflated stream, as Latin-1 text."""
    parts = [data.decode("latin-1")]
    for m in re.finditer(rb"stream\r?\n(.*?)endstream", data, flags=re.S):
        try:
            parts.append(zlib.decompress(m.group(1)).decode("latin-1"))
        except zlib.error:
            continue
    return "\n".join(parts)


@pytest.fixture(scope="module")
def mini_files(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The mini figure as PDF, SVG and PNG, drawn once in a separate process."""
    out = tmp_path_factory.mktemp("files")
    draw_all(out, "0", ("pdf", "svg", "png"))
    return out


def test_pdf_carries_provenance_and_links(mini_files: Path) -> None:
    """The PDF names the dataset digest, troops version and source ids, has no creation
    date, and links the values of the report with a URL to it."""
    digest = troops.load(MINI).digest
    text = _pdf_text((mini_files / "f.pdf").read_bytes())
    keywords = re.search(r"/Keywords \((.*?)\)", text)
    assert keywords is not None
    assert keywords.group(1) == (
        f"troops-version={troops.__version__} dataset-digest={digest} "
        "sources=mini-2021-03-05,second-2021-06-01"
    )
    assert f"/Creator (troops {troops.__version__})" in text
    assert "/CreationDate" not in text
    assert "/URI (https://example.org/mini)" in text


def test_svg_carries_provenance_and_links(mini_files: Path) -> None:
    """The SVG's metadata holds digest, version and sources; the values of the report
    with a URL link to it."""
    digest = troops.load(MINI).digest
    svg = (mini_files / "f.svg").read_text(encoding="utf-8")
    assert f"<dc:identifier>sha256:{digest}</dc:identifier>" in svg
    assert "<dc:source>mini-2021-03-05 second-2021-06-01</dc:source>" in svg
    assert f"<rdf:li>troops-version={troops.__version__}</rdf:li>" in svg
    assert "<dc:date>" not in svg
    assert svg.count('xlink:href="https://example.org/mini"') >= 1


def test_png_carries_provenance(mini_files: Path) -> None:
    """The PNG's text chunks name the software and the dataset digest."""
    from PIL import Image

    digest = troops.load(MINI).digest
    with Image.open(mini_files / "f.png") as img:
        info = dict(img.info)
        assert img.size == (2148, img.size[1])  # 7.16 in (page, the default) at 300 dpi
    assert info["Software"] == f"troops {troops.__version__}"
    assert digest in info["Description"]


def test_pdf_fonts_are_truetype_never_type3(mini_files: Path) -> None:
    """pdffonts lists only embedded TrueType fonts (Type 42), no Type 3."""
    if not shutil.which("pdffonts"):
        if os.environ.get("TROOPS_REQUIRE_LATEX") == "1":
            pytest.fail("pdffonts is missing but TROOPS_REQUIRE_LATEX=1")
        pytest.skip("pdffonts (poppler-utils) is not installed")
    out = subprocess.run(
        ["pdffonts", str(mini_files / "f.pdf")], capture_output=True, text=True, check=True
    ).stdout
    rows = out.splitlines()[2:]
    assert rows
    assert all("TrueType" in row and " yes yes " in row for row in rows)
    assert "Type 3" not in out


def test_metadata_per_format_has_no_dates() -> None:
    """No format gets a date: PDF and SVG dates are explicitly left out."""
    prov = Provenance("d" * 64, ("a", "b"), "T")
    assert metadata("pdf", prov)["CreationDate"] is None
    assert metadata("svg", prov)["Date"] is None
    assert "Date" not in metadata("png", prov)
    assert metadata("pgf", prov) == {}


def test_output_names() -> None:
    """Default stems and caption paths are derived from the selection and the figure name."""
    from datetime import date

    from troops.chart.chartdata import Selection

    sel = Selection(series=("us-iraq",), known_on=date(2021, 12, 31))
    assert default_stem(sel, "column") == "troops-us-iraq-known-on-2021-12-31-column"
    assert default_stem(sel, "page", evidence=True) == (
        "troops-evidence-us-iraq-known-on-2021-12-31-page"
    )
    assert [str(p) for p in caption_paths(Path("out/fig.pdf"))] == [
        "out/fig.pdf.caption.tex",
        "out/fig.pdf.caption.txt",
    ]
    assert resolve_output(None, None, "troops-column") == (Path("figures/troops-column.pdf"), "pdf")
    with pytest.raises(ValueError, match="contradicts"):
        resolve_output("x.svg", "png", "s")


def test_the_story_path_does_not_load_the_evidence_figure(tmp_path: Path) -> None:
    """Writing the story figure imports none of the evidence figure's modules (its layout,
    annotations, legend, event letters, conflict lines, source list)."""
    code = (
        "import sys, troops\n"
        "from troops.chart.chartdata import Selection\n"
        "from troops.plot.figfile import plot_file\n"
        "from pathlib import Path\n"
        f"plot_file(troops.load(), Selection(), width=3.5, path=Path({str(tmp_path / 'f.pdf')!r}),"
        " fmt='pdf')\n"
        "print(' '.join(m for m in sys.modules if m.startswith('troops.')))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    evidence = {
        "troops.plot.figure", "troops.plot.annotate", "troops.plot.legend",
        "troops.plot.eventmarks", "troops.plot.conflictdraw", "troops.plot.sourcelist",
        "troops.plot.stepchart", "troops.chart.notes",
    }  # fmt: skip
    assert "troops.plot.storyfig" in out
    assert evidence.isdisjoint(out)
