"""``troops plot``: the story chart (or with ``--evidence`` the evidence chart), as PDF,
SVG, PNG or PGF."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

from troops.cli.common import check_range, data_option, echo_data, load_dataset, publisher_types
from troops.cli.selection import make_selection, selection_options

if TYPE_CHECKING:
    from troops.chart.chartdata import Selection
    from troops.dataset.api import Dataset

FORMAT_CHOICES = ("pdf", "svg", "png", "pgf", "html")


class PlotError(click.ClickException):
    """The figure could not be drawn or written: one line on stderr, exit status 1."""

    def show(self, file: object = None) -> None:
        click.echo(f"troops plot: {self.message}", err=True)


@click.command()
@click.option(
    "-o",
    "--output",
    metavar="FILE",
    help="Write here; the extension (.pdf .svg .png .pgf .html) names the format. "
    "Default: figures/troops-<options>-<width>.<format>; - writes the figure to stdout.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMAT_CHOICES),
    help="Output format (default: from -o, else pdf).",
)
@click.option(
    "--width",
    default="page",
    show_default=True,
    metavar="column|page|INCHES",
    help="Figure width: a paper column (3.5 in), a page (7.16 in) or inches. The story "
    "figure is at most 3 in tall in a column and 4.5 in on a page; the evidence figure's "
    "height follows its source list.",
)
@click.option(
    "--evidence",
    is_flag=True,
    help="Draw the evidence figure instead of the story: every report a numbered point, "
    "conflicts, revised levels, targets, the events lettered and the source list under it.",
)
@click.option(
    "--targets",
    is_flag=True,
    help="Story figure: also draw targets and caps (hollow markers, never joined to the line).",
)
@selection_options
@click.option(
    "--no-conflicts",
    "no_conflicts",
    is_flag=True,
    help="Do not mark reports that disagree (see `troops conflicts`).",
)
@click.option(
    "--caption",
    is_flag=True,
    help="Also write FILE.caption.tex (LaTeX, \\cite keys = troops cite --bibtex keys) "
    "and FILE.caption.txt beside the figure (FILE is the whole name: fig.pdf.caption.tex).",
)
@click.option(
    "--notes",
    type=click.Choice(("below", "caption")),
    default="below",
    show_default=True,
    help="Evidence figure: where the numbered source list, the events and the hedge note "
    "go: under the chart, or into the caption files (implies --caption).",
)
@data_option
def plot(
    output: str | None,
    fmt: str | None,
    width: str,
    evidence: bool,
    targets: bool,
    series: tuple[str, ...],
    since: date | None,
    until: date | None,
    known_on: date | None,
    no_events: bool,
    no_conflicts: bool,
    caption: bool,
    notes: str,
    data: str | None,
) -> None:
    """Draw the step chart of the reported troop levels.

    The story figure (default; US troops in Iraq and Syria and the other coalition in
    Iraq unless --series says otherwise): one panel per country on a shared time axis,
    each series labelled at its line, values written where they matter, hedged numbers
    as bands, headline events in words, a one-line key and a footer; the sources go to
    the caption (--caption) and `troops cite`.  --evidence draws every report as a
    numbered point with the source list under the chart.  Prints the path(s) written on
    stdout.
    """
    if fmt == "html" or (output is not None and output.lower().endswith(".html")):
        check_range(since, until)
        ds = load_dataset(data)
        wanted = make_selection(ds, series, since, until, known_on, no_events)
        _plot_html(ds, replace(wanted, conflicts=not no_conflicts), output, fmt)
        return
    # deferred: the library loads only when the command runs (keeps --help fast)
    from troops.io.fsio import WriteError
    from troops.plot.figfile import ExportError, default_stem, plot_file, resolve_output
    from troops.plot.layout import PAGE_HEIGHT, PAGE_WIDTH, WidthError, parse_width, width_label

    try:
        inches = parse_width(width)
    except WidthError as exc:
        raise click.BadParameter(str(exc), param_hint="'--width'") from None
    check_range(since, until)
    ds = load_dataset(data)
    selection = replace(
        make_selection(ds, series, since, until, known_on, no_events), conflicts=not no_conflicts
    )
    if output == "-" and (caption or notes == "caption"):
        raise click.UsageError("-o - writes the figure to stdout; captions need a file name")
    try:
        lists = notes == "below" or not evidence
        stem = default_stem(selection, width_label(inches), lists=lists, evidence=evidence)
        stem += "".join(f"-{t}" for t in publisher_types())  # its own file, not the default
        path, chosen = resolve_output(output, fmt, stem)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    if output is None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise PlotError(f"cannot create {path.parent}: {exc.strerror}") from None
    try:
        done = plot_file(
            ds,
            selection,
            width=inches,
            path=path,
            fmt=chosen,
            caption=caption or notes == "caption",
            lists=notes == "below",
            evidence=evidence,
            targets=targets,
        )
    except (ExportError, WriteError) as exc:
        raise PlotError(str(exc)) from None
    if output != "-":
        echo_data("".join(f"{p}\n" for p in done.paths))
    if done.chart.empty:
        which = ", ".join(selection.series) if selection.series else "any series"
        click.echo(
            f"troops plot: note: nothing to draw: no figure of {which} falls in the selection",
            err=True,
        )
    height = done.height
    if height > PAGE_HEIGHT:
        wider = "--width page, " if inches < PAGE_WIDTH else ""
        click.echo(
            f"troops plot: note: the figure is {height:.1f} in tall, more than a page of text "
            f"({PAGE_HEIGHT:g} in); {wider}--series or --since make it shorter",
            err=True,
        )


def _plot_html(ds: Dataset, selection: Selection, output: str | None, fmt: str | None) -> None:
    """``-o FILE.html`` / ``--format html``: the offline web page (troops.web)."""
    # deferred: the page's code (and bokeh) load only when an HTML page is asked for
    from troops.io.fsio import WriteError, directory_problem
    from troops.web.page import PageError, write_page

    if output is None:
        # deferred: the default file name comes from figfile, which loads matplotlib
        from troops.plot.figfile import DEFAULT_DIR, default_stem

        path = DEFAULT_DIR / f"{default_stem(selection, 'web')}.html"
    else:
        path = Path(output)
        if (fmt or "html") != "html" or path.suffix.lower() not in ("", ".html"):
            raise click.UsageError(f"--format {fmt} contradicts -o {output}")
        parent = path.parent if str(path.parent) else Path(".")
        problem = (
            "is a directory"
            if path.is_dir()
            else f"directory {str(parent)!r} does not exist"
            if not parent.is_dir()
            else directory_problem(parent)
        )
        if problem is not None:
            raise click.UsageError(f"-o {output}: {problem}")
    try:
        if output is None:
            path.parent.mkdir(parents=True, exist_ok=True)
        write_page(ds, selection, path)
    except (PageError, WriteError) as exc:
        raise PlotError(str(exc)) from None
    except OSError as exc:
        raise PlotError(f"cannot write {path}: {exc.strerror}") from None
    echo_data(f"{path}\n")
