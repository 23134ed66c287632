"""``troops export``: the dataset as a Frictionless data package (CSV + datapackage.json)."""

from __future__ import annotations

import click

from troops.cli.common import Failure, data_option, load_dataset, output_dir_check


@click.command()
@click.argument(
    "directory", metavar="DIR", type=click.Path(file_okay=False), callback=output_dir_check
)
@data_option
def export(directory: str, data: str | None) -> None:
    """Write a data package others can load without troops into DIR.

    DIR gets figures.csv, sources.csv, events.csv, event_sources.csv (every source of each
    event, with its quote), steps.csv, series.csv, hedges.csv, publishers.csv, a
    datapackage.json (Frictionless Data Package: table schemas, primary and foreign keys,
    the list of sources) and a README.md describing the fields and the hedge rules.
    Figures marked for review are left out.  Files are written atomically.  Prints DIR.
    """
    # deferred: the library loads only when the command runs (keeps --help fast)
    from troops.core.errors import display_path
    from troops.io.fsio import WriteError
    from troops.output.export import export as write_package

    ds = load_dataset(data)
    try:
        written = write_package(ds, directory)
    except WriteError as exc:
        raise Failure(f"troops export: {exc.strerror or exc}") from None
    click.echo(f"troops export: wrote {len(written)} files to {display_path(directory)}",
               err=True)  # fmt: skip
    click.echo(display_path(directory))
