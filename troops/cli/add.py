"""``troops add``: archive a report's text, write its source file with candidates, validate."""

from __future__ import annotations

from pathlib import Path

import click

from troops.cli.common import (
    DataProblems,
    Failure,
    data_option,
    period_text_option,
    source_id_check,
)


@click.command()
@click.argument("file", metavar="FILE", type=click.Path())
@click.option("--url", required=True, metavar="URL", help="Where the report was published.")
@click.option("--publisher", required=True, metavar="NAME", help="Who published it.")
@period_text_option("--published", required=True, help="Publication date (YYYY[-MM[-DD]]).")
@click.option("--title", metavar="TEXT", help="Headline of the report.")
@click.option("--author", metavar="NAME", help="Author, when the report names one.")
@click.option("--id", "source_id", metavar="SOURCE_ID", callback=source_id_check,
              help="Source id (default: publisher and date, e.g. reuters-2014-06-16).")  # fmt: skip
@period_text_option("--retrieved", help="Day the text was fetched (default: today).")
@click.option("--subdir", default="reports", show_default=True, metavar="DIR",
              help="Folder under seeds/ for the archive.")  # fmt: skip
@data_option
@click.pass_context
def add(
    ctx: click.Context,
    file: str,
    url: str,
    publisher: str,
    published: str,
    title: str | None,
    author: str | None,
    source_id: str | None,
    retrieved: str | None,
    subdir: str,
    data: str | None,
) -> None:
    """Add the report whose plain UTF-8 text is FILE to the dataset, in one step.

    Archives FILE under seeds/DIR/ with its sha256 (never replacing an archive), writes
    data/sources/SOURCE_ID.yaml with the source record and the candidate figures of
    `troops extract`, each marked for review, then validates the dataset.  All writes are
    atomic and made under the dataset lock; on any failure the files this command created
    are removed again.  Running the same add again is harmless: it finishes an add that was
    interrupted, and changes nothing after one that completed.  Prints the source file on
    stdout.
    """

    # deferred: the library loads only when the command runs (keeps --help fast)
    from troops.cli.validate import validate
    from troops.core.errors import DataError, display_path
    from troops.dataset.discover import discover, writable
    from troops.intake.add import NewReport, ReportError, add_report
    from troops.io.fsio import WriteError

    report = NewReport(url, publisher, published, title, author, source_id, retrieved, subdir)
    try:
        root = writable(discover(data), "troops add")
        added = add_report(root, Path(file), report)
    except ReportError as exc:
        option = {"id": "--id", "subdir": "--subdir"}.get(exc.field, f"--{exc.field}")
        raise click.BadParameter(str(exc), param_hint=f"'{option}'") from None
    except DataError as exc:
        raise DataProblems(exc.problems) from None
    except (WriteError, TimeoutError) as exc:
        raise Failure(f"troops add: {exc.strerror or exc}") from None
    archive, source = display_path(added.archive), display_path(added.source_file)
    if added.already:
        click.echo(f"troops add: {source} already holds this report; nothing written", err=True)
    else:
        how = "reused" if added.reused_archive else "archived"
        click.echo(f"troops add: {how} {archive} (sha256 {added.sha256})", err=True)
        noun = "figure" if added.figures == 1 else "figures"
        click.echo(
            f"troops add: wrote {source} with {added.figures} candidate {noun} marked for review",
            err=True,
        )
    if added.unknown_series:
        click.echo(
            "troops add: left out candidates of series not in the dataset: "
            + ", ".join(added.unknown_series),
            err=True,
        )
    ctx.invoke(validate, data=str(root))
    click.echo(display_path(added.source_file))
