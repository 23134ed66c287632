"""``troops plot``: the step chart with its sources, as PDF, SVG, PNG or PGF."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import click

from troops.cli.common import check_range, data_option, echo_data, load_dataset
from troops.cli.selection import make_selection, selection_options

FORMAT_CHOICES = ("pdf", "svg", "png", "pgf")


class PlotError(click.ClickException):
    """The figure could not be drawn or written: one line on stderr, exit status 1."""

    def show(self, file: object = None) -> None:
        click.echo(f"troops plot: {self.message}", err=True)


@click.command()
@click.option(
    "-o",
    "--output",
    metavar="FILE",
    help="Write here; the extension (.pdf .svg .png .pgf) names the format. "
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
    help="Figure width: a paper column (3.5 in), a page (7.16 in) or inches; the height "
    "follows. The default is a page because the whole record (all series, 2014 on) and its "
    "source list need one; for a column, choose --series or --since.",
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
    "and FILE.caption.txt beside the figure.",
)
@click.option(
    "--notes",
    type=click.Choice(("below", "caption")),
    default="below",
    show_default=True,
    help="Where the numbered source list, the events and the hedge note go: under the "
    "chart, or into the caption files (a compact figure for a paper column; implies "
    "--caption).",
)
@data_option
def plot(
    output: str | None,
    fmt: str | None,
    width: str,
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
    """Draw the step chart of the reported troop levels, with its sources under it.

    One panel per group of series on a shared time axis.  Steps hold each reported
    level until the next report; bands show hedged numbers, shaded edges vague dates,
    hatching unknown numbers, dotted "≠" lines reports that disagree; numbered markers
    refer to the source list under the chart.  Prints the path(s) written on stdout.
    """
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
        stem = default_stem(selection, width_label(inches), lists=notes == "below")
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
            caption=caption,
            lists=notes == "below",
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
