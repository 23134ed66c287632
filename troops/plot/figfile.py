"""Writing figure files: formats, file names, provenance metadata and byte-identical output.

Same data and same library versions give the same bytes: no creation dates are written
(PDF ``CreationDate``, SVG ``Date``), SVG ids use a fixed hash salt (troops/paper.mplstyle)
and PNG carries no time.  PDF, SVG and PNG carry the dataset digest, the troops version and
the ids of the sources drawn in their metadata; a PGF file carries them in a comment.
Every file goes through :func:`troops.io.fsio.atomic_write`.

This module imports matplotlib only when a figure is rendered.
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from troops import __version__
from troops.chart import storycaption
from troops.chart.story import story_data
from troops.io.fsio import atomic_write
from troops.output.render import latex_escape
from troops.plot.storyfig import drawn_story, story_figure
from troops.plot.style import paper_style

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from troops.chart.chartdata import ChartData, Selection
    from troops.chart.story import Story
    from troops.dataset.api import Dataset

FORMATS = ("pdf", "svg", "png", "pgf")
EXTENSIONS = {f".{fmt}": fmt for fmt in FORMATS}
DEFAULT_FORMAT = "pdf"
DEFAULT_DIR = Path("figures")


class ExportError(Exception):
    """A figure could not be rendered or written; the message says why, in one line."""


@dataclass(frozen=True)
class Provenance:
    """What a figure file records about where it came from."""

    digest: str
    sources: tuple[str, ...]
    title: str
    version: str = __version__

    @classmethod
    def of(cls, digest: str, chart: ChartData | Story) -> Provenance:
        """The provenance of ``chart`` (or a story) drawn from a dataset with ``digest``."""
        titles = ", ".join(s.label for s in chart.series)
        return cls(digest, tuple(s.id for s in chart.sources), f"Reported troop levels: {titles}")

    @property
    def keywords(self) -> list[str]:
        """``troops-version=..``, ``dataset-digest=..``, ``sources=a,b``: greppable pairs."""
        return [
            f"troops-version={self.version}",
            f"dataset-digest={self.digest}",
            f"sources={','.join(self.sources)}",
        ]

    @property
    def description(self) -> str:
        """One sentence naming the tool, the data and the sources."""
        return (
            f"Drawn by troops {self.version} from the dataset with sha256 digest "
            f"{self.digest}; sources: {' '.join(self.sources)}."
        )


def metadata(fmt: str, prov: Provenance) -> dict[str, Any]:
    """The ``savefig(metadata=...)`` mapping for ``fmt``; dates left out on purpose."""
    creator = f"troops {prov.version}"
    if fmt == "pdf":
        return {
            "Title": prov.title,
            "Subject": prov.description,
            "Keywords": " ".join(prov.keywords),
            "Creator": creator,
            "CreationDate": None,
            "ModDate": None,
        }
    if fmt == "svg":
        return {
            "Title": prov.title,
            "Description": prov.description,
            "Identifier": f"sha256:{prov.digest}",
            "Source": " ".join(prov.sources),
            "Keywords": prov.keywords,
            "Creator": creator,
            "Date": None,
        }
    if fmt == "png":
        return {
            "Title": prov.title,
            "Description": prov.description,
            "Software": creator,
            "Source": " ".join(prov.sources),
        }
    return {}


def render(fig: Figure, fmt: str, prov: Provenance) -> bytes:
    """The bytes of ``fig`` in ``fmt``, with ``prov`` recorded in the file."""

    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r} (known: {', '.join(FORMATS)})")
    buf = io.BytesIO()
    with paper_style():
        if fmt == "pgf":
            _latex_texts(fig)
        try:
            meta = metadata(fmt, prov)
            if meta:
                fig.savefig(buf, format=fmt, metadata=meta)
            else:
                fig.savefig(buf, format=fmt)
        except (RuntimeError, OSError) as exc:
            if fmt != "pgf":
                raise
            reason = " ".join(str(exc).split())
            raise ExportError(f"cannot write PGF (it needs pdflatex): {reason}") from None
    data = buf.getvalue()
    if fmt == "pgf":
        header = "".join(f"%% {line}\n" for line in [prov.title, prov.description])
        data = header.encode("utf-8") + data
    return data


def _latex_texts(fig: Figure) -> None:
    """Escape every text for LaTeX: PGF text is typeset by the document (``&``, ``#``...)."""
    # deferred: matplotlib loads only when something is drawn
    from matplotlib.text import Text

    for text in fig.findobj(Text):
        if text.get_text():
            text.set_text(latex_escape(text.get_text()))


#: ``-o -``: the figure goes to standard output.
STDOUT = Path("-")


def write(fig: Figure, path: Path, fmt: str, prov: Provenance) -> Path:
    """Render ``fig`` and write it to ``path`` atomically (to stdout for ``-``)."""
    return write_bytes(path, render(fig, fmt, prov))


def write_bytes(path: Path, data: bytes) -> Path:
    """Write a rendered figure to ``path`` atomically, or to standard output for ``-``."""
    if path == STDOUT:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return path
    return atomic_write(path, data)


def resolve_output(output: str | None, fmt: str | None, default_stem: str) -> tuple[Path, str]:
    """The path and format a figure is written to.

    ``-o FILE``'s extension names the format; ``--format`` must agree with it, and names it
    when the file has no extension.  Without
    ``-o`` the figure goes to ``figures/<default_stem>.<format>``.  Raises ``ValueError``
    (a usage error) for a contradiction, an unknown extension or a path that cannot be
    written.
    """
    if output is None or output == str(STDOUT):
        chosen = fmt or DEFAULT_FORMAT
        return (STDOUT if output else DEFAULT_DIR / f"{default_stem}.{chosen}"), chosen
    path = Path(output)
    suffix = path.suffix.lower()
    by_ext = EXTENSIONS.get(suffix)
    if suffix and by_ext is None:
        known = ", ".join([*EXTENSIONS, ".html"])  # .html: the web page (troops.cli.plot)
        raise ValueError(f"-o {output}: unknown extension {suffix!r} (use {known})")
    if fmt is not None and by_ext is not None and fmt != by_ext:
        raise ValueError(f"--format {fmt} contradicts -o {output} (a {by_ext} file name)")
    check_writable(path)
    if by_ext is None and fmt is None:
        known = ", ".join(EXTENSIONS)
        raise ValueError(f"-o {output}: no extension to name the format (use {known}, or --format)")
    return path, by_ext or fmt or DEFAULT_FORMAT


def check_writable(path: Path) -> None:
    """Raise ``ValueError`` unless ``path`` can be created or replaced."""

    parent = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise ValueError(f"-o {path}: is a directory")
    if not parent.is_dir():
        if parent.exists():
            raise ValueError(f"-o {path}: {str(parent)!r} is a file, not a directory")
        raise ValueError(f"-o {path}: directory {str(parent)!r} does not exist")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise ValueError(f"-o {path}: directory {str(parent)!r} is not writable")
    if path.exists() and not os.access(path, os.W_OK):
        raise ValueError(f"-o {path}: file is not writable")


def default_stem(
    selection: Selection, width: str, *, lists: bool = True, evidence: bool = False
) -> str:
    """``troops-column`` (the story figure); options that change the picture are part of
    the name: ``troops-evidence-us-iraq-since-2021-01-01-known-on-2021-12-31-no-events-page``."""
    parts = ["troops", *(["evidence"] if evidence else []), *(selection.series or ())]
    for name, day in (
        ("since", selection.since),
        ("until", selection.until),
        ("known-on", selection.known_on),
    ):
        if day is not None:
            parts += [name, day.isoformat()]
    if not selection.events:
        parts.append("no-events")
    if not selection.conflicts:
        parts.append("no-conflicts")
    if not lists:
        parts.append("notes-in-caption")
    parts.append(width)
    return "-".join(parts)


def caption_paths(path: Path) -> Sequence[Path]:
    """``fig.pdf.caption.tex`` and ``fig.pdf.caption.txt`` beside ``fig.pdf``: named after
    the whole file name, so the captions of ``fig.png`` and ``fig.pdf`` never collide."""
    return (Path(f"{path}.caption.tex"), Path(f"{path}.caption.txt"))


class Plotted(NamedTuple):
    """What :func:`plot_file` did: the paths written, the figure's height in inches and
    the chart (evidence) or story drawn."""

    paths: list[Path]
    height: float
    chart: ChartData | Story


def plot_file(
    ds: Dataset,
    selection: Selection,
    *,
    width: float,
    path: Path,
    fmt: str,
    caption: bool = False,
    lists: bool = True,
    evidence: bool = False,
    targets: bool = False,
) -> Plotted:
    """Draw the story figure (with ``evidence``: the evidence figure) of ``selection`` into
    ``path`` and, with ``caption``, its captions beside it.  For the evidence figure,
    ``lists=False`` puts the source and event lists into the captions, not under the
    chart (captions are then always written); ``targets`` draws targets and caps on the
    story figure."""
    titles = {sid: s.title for sid, s in ds.series_records.items()}
    header = (
        f"Caption for {path.name}, written by troops {__version__} "
        f"(dataset digest {ds.digest[:12]}).\n"
        "\\input this file in a figure environment; the \\cite keys are source ids\n"
        "(`troops cite --bibtex` prints the entries)."
    )
    tex, txt = caption_paths(path)
    drawn: ChartData | Story
    if evidence:
        # deferred: the evidence figure's modules load only when it is drawn
        from troops.chart.assemble import chart_data
        from troops.chart.notes import caption_latex, caption_text
        from troops.plot.figure import assemble

        chart = chart_data(ds, selection)
        fig = assemble(chart, width=width, lists=lists)
        captions = (
            (caption_latex(chart, titles, header, lists=not lists)),
            caption_text(chart, titles, lists=not lists),
        )
        drawn = chart
        caption = caption or not lists
    else:
        story = story_data(ds, selection, targets=targets)
        fig = story_figure(story, width=width, digest=ds.digest)
        story = drawn_story(story, fig)  # without the events that found no room
        captions = (
            storycaption.caption_latex(story, titles, header),
            storycaption.caption_text(story, titles),
        )
        drawn = story
    data = render(fig, fmt, Provenance.of(ds.digest, drawn))
    # The captions go first and the figure last: a reader who finds the new figure finds
    # its new captions beside it (a kill in between leaves new captions, old figure).
    written: list[Path] = []
    if caption:
        written.append(atomic_write(tex, captions[0]))
        written.append(atomic_write(txt, captions[1]))
    written.insert(0, write_bytes(path, data))
    return Plotted(written, float(fig.get_figheight()), drawn)
