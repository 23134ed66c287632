"""The committed figures/ are current: drawn from today's data by `python -m troops.figures`."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import matplotlib
import pytest
from conftest import REPO

import troops
from troops.figures import COMMAND, FIGURES, FORMATS, MANIFEST, problems, read_manifest

FIGURES_DIR = REPO / "figures"


@pytest.fixture(autouse=True)
def _clean(mpl_clean: None) -> None:
    """Every test here starts from matplotlib's defaults and leaves no figure open."""


def test_committed_figures_are_drawn_from_the_current_data() -> None:
    """figures/MANIFEST.json and every figure carry the digest of the data as it is now;
    when this fails, run `python -m troops.figures` and commit figures/."""
    found = problems(troops.load(REPO), FIGURES_DIR)
    assert found == [], f"figures/ is stale: run `{COMMAND}`"


def test_committed_figures_are_what_the_code_draws() -> None:
    """With the matplotlib that drew them, redrawing the column SVG (story) and the page
    SVG (evidence) gives the committed bytes (other matplotlib versions draw other bytes,
    so they skip)."""
    manifest = read_manifest(FIGURES_DIR)
    if manifest.get("matplotlib") != matplotlib.__version__:
        pytest.skip(
            f"figures/ was drawn with matplotlib {manifest.get('matplotlib')}, "
            f"this is {matplotlib.__version__}"
        )
    from troops.figures import draw
    from troops.plot.figfile import render

    ds = troops.load(REPO)
    for stem, width, kind in (FIGURES[0], FIGURES[2]):
        fig, prov = draw(ds, width, kind)
        data = render(fig, "svg", prov)
        assert hashlib.sha256(data).hexdigest() == manifest["files"][f"{stem}.svg"], (
            f"the plotting code changed since figures/ was drawn: run `{COMMAND}`"
        )


def test_manifest_lists_every_figure() -> None:
    """The story at column and page width and the evidence figure at page width, each as
    PDF, PNG and SVG, with the command that drew them."""
    manifest = read_manifest(FIGURES_DIR)
    assert manifest["command"] == COMMAND
    assert sorted(manifest["files"]) == sorted(
        f"{stem}.{fmt}" for stem, _, _ in FIGURES for fmt in FORMATS
    )


def test_stale_or_edited_figures_are_reported(tmp_path: Path) -> None:
    """Other data, an edited file or a missing manifest are each named in one line."""
    ds = troops.load(REPO)
    copy = tmp_path / "figures"
    shutil.copytree(FIGURES_DIR, copy)
    manifest = json.loads((copy / MANIFEST).read_text(encoding="utf-8"))
    manifest["dataset_digest"] = "0" * 64
    (copy / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    (copy / "troops-page.png").write_bytes(b"not a png")
    assert problems(ds, copy) == [
        f"{copy / MANIFEST}: drawn from dataset 000000000000, "
        f"but the data now has digest {ds.digest[:12]}",
        f"{copy / 'troops-page.png'}: changed since it was drawn",
    ]
    (copy / MANIFEST).unlink()
    assert problems(ds, copy) == [f"{copy / MANIFEST}: missing or unreadable"]


def test_check_command_exit_status(tmp_path: Path) -> None:
    """`python -m troops.figures --check` exits 0 on figures/ and 1 on an empty folder."""
    ok = subprocess.run(
        [sys.executable, "-m", "troops.figures", "--check"], cwd=REPO, capture_output=True
    )
    assert ok.returncode == 0, ok.stderr
    bad = subprocess.run(
        [sys.executable, "-m", "troops.figures", "--check", "--out", str(tmp_path)],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert bad.returncode == 1
    assert bad.stderr.splitlines() == [
        f"{tmp_path / MANIFEST}: missing or unreadable",
        f"run `{COMMAND}` to redraw them",
    ]
