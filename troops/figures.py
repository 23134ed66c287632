"""The committed figures: ``python -m troops.figures`` redraws ``figures/`` from the data.

It draws the story figure (the default of ``troops plot``) at column and page width and
the evidence figure (all series, the whole range) at page width, each as PDF, PNG and SVG,
and writes ``figures/MANIFEST.json`` with the dataset digest, the versions that drew them
and the sha256 of every file.  ``python -m troops.figures --check``
exits 1 when the files are missing, edited, or drawn from other data than the dataset now
holds (the test suite runs the same check).  Run it from the checkout after changing data::

    python -m troops.figures            # redraw figures/ from ./data
    python -m troops.figures --check    # are they current?
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from troops import __version__
from troops.chart.assemble import chart_data
from troops.chart.chartdata import Selection
from troops.chart.story import story_data
from troops.core.errors import DataError
from troops.dataset.api import load
from troops.io.fsio import atomic_write
from troops.plot.figfile import Provenance, render
from troops.plot.figure import assemble
from troops.plot.layout import parse_width
from troops.plot.storyfig import drawn_story, story_figure

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from troops.dataset.api import Dataset

#: (file stem, width, kind) of each committed figure, and the formats each is written in.
FIGURES = (
    ("troops-column", "column", "story"),
    ("troops-page", "page", "story"),
    ("troops-evidence-page", "page", "evidence"),
)
FORMATS = ("pdf", "png", "svg")
MANIFEST = "MANIFEST.json"
COMMAND = "python -m troops.figures"


def draw(ds: Dataset, width: str, kind: str) -> tuple[Figure, Provenance]:
    """The committed figure of ``kind`` (story or evidence) at ``width``, and its provenance."""
    inches = parse_width(width)
    if kind == "evidence":
        chart = chart_data(ds, Selection())
        return assemble(chart, width=inches), Provenance.of(ds.digest, chart)
    story = story_data(ds)
    fig = story_figure(story, width=inches, digest=ds.digest)
    return fig, Provenance.of(ds.digest, drawn_story(story, fig))


def regenerate(ds: Dataset, out: Path) -> list[Path]:
    """Draw every committed figure of ``ds`` into ``out`` and write the manifest."""
    # deferred: matplotlib loads only when something is drawn
    import matplotlib

    out.mkdir(parents=True, exist_ok=True)
    hashes: dict[str, str] = {}
    sources: dict[str, None] = {}
    written = []
    for stem, width, kind in FIGURES:
        fig, prov = draw(ds, width, kind)
        sources.update(dict.fromkeys(prov.sources))
        for fmt in FORMATS:
            data = render(fig, fmt, prov)
            path = atomic_write(out / f"{stem}.{fmt}", data)
            hashes[path.name] = hashlib.sha256(data).hexdigest()
            written.append(path)
    manifest = {
        "command": COMMAND,
        "dataset_digest": ds.digest,
        "troops": __version__,
        "matplotlib": matplotlib.__version__,
        "sources": list(sources),
        "files": hashes,
    }
    written.append(atomic_write(out / MANIFEST, json.dumps(manifest, indent=2) + "\n"))
    return written


def read_manifest(out: Path) -> dict[str, Any]:
    """The manifest of ``out`` (empty when missing or unreadable)."""
    try:
        data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def problems(ds: Dataset, out: Path) -> list[str]:
    """Why ``out`` does not hold the current figures of ``ds`` (empty when it does)."""
    manifest = read_manifest(out)
    if not manifest:
        return [f"{out / MANIFEST}: missing or unreadable"]
    found = []
    if manifest.get("dataset_digest") != ds.digest:
        found.append(
            f"{out / MANIFEST}: drawn from dataset {str(manifest.get('dataset_digest'))[:12]}, "
            f"but the data now has digest {ds.digest[:12]}"
        )
    files = manifest.get("files", {})
    expected = {f"{stem}.{fmt}" for stem, _, _ in FIGURES for fmt in FORMATS}
    for name in sorted(expected - set(files)):
        found.append(f"{out / name}: not in the manifest")
    for name, digest in sorted(files.items()):
        path = out / name
        try:
            data = path.read_bytes()
        except OSError:
            found.append(f"{path}: missing")
            continue
        if hashlib.sha256(data).hexdigest() != digest:
            found.append(f"{path}: changed since it was drawn")
        elif path.suffix in (".pdf", ".svg") and ds.digest.encode() not in data:
            found.append(f"{path}: does not carry the dataset digest {ds.digest[:12]}")
    return found


def main(argv: list[str] | None = None) -> int:
    """Redraw (or with --check, verify) the committed figures."""

    parser = argparse.ArgumentParser(prog=COMMAND, description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="verify instead of redrawing")
    parser.add_argument("--data", metavar="DIR", help="dataset root (default: bundled)")
    parser.add_argument("--out", metavar="DIR", default="figures", help="default: figures")
    args = parser.parse_args(argv)
    try:
        ds = load(args.data)
    except DataError as exc:
        print(exc, file=sys.stderr)
        return 1
    out = Path(args.out)
    if args.check:
        found = problems(ds, out)
        for line in found:
            print(line, file=sys.stderr)
        if found:
            print(f"run `{COMMAND}` to redraw them", file=sys.stderr)
        return 1 if found else 0
    for path in regenerate(ds, out):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
