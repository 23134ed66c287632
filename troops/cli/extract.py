"""``troops extract``: candidate figures of an article, as YAML records (or JSON)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from troops.cli.common import (
    DataProblems,
    data_option,
    echo_data,
    period_text_option,
    source_id_check,
)


@click.command()
@click.argument("file", metavar="FILE", type=click.Path(allow_dash=True))
@click.option("--json", "as_json", is_flag=True, help="Print the records as a JSON array.")
@period_text_option("--published", help="Publication date (YYYY, YYYY-MM or YYYY-MM-DD): "
                    "each candidate's as_of.")  # fmt: skip
@click.option(
    "--source-id",
    metavar="ID",
    callback=source_id_check,
    help="Source id the figure ids start with (default: from FILE).",
)
@click.option("--title", metavar="TEXT", help="Headline of the article (context only).")
@click.option(
    "--url", metavar="URL", help="Address of the article (context only: its path's words)."
)
@data_option
def extract(
    file: str,
    as_json: bool,
    published: str | None,
    source_id: str | None,
    title: str | None,
    url: str | None,
    data: str | None,
) -> None:
    """Print candidate troop figures read from FILE (plain UTF-8 text; - for stdin).

    The records use the field names of the dataset and are ready to paste into the
    figures: list of a data/sources/*.yaml file; each quotes its sentence verbatim and is
    dated by --published (as_of is left empty without it).  They are proposals: check each
    one against the text.  Figures of series the dataset does not have are left out.
    """

    # deferred: the library loads only when the command runs (keeps --help fast)
    from troops.core.errors import DataError
    from troops.dataset.discover import discover
    from troops.extract.records import IdError, slug, to_json, to_yaml
    from troops.intake.article import candidate_records, read_article, read_stdin, vocabulary

    try:
        vocab = vocabulary(discover(data).root)
        if file == "-":
            text, stem = read_stdin(sys.stdin.buffer), "stdin"
        else:
            text, stem = read_article(Path(file))[0], Path(file).stem
    except DataError as exc:
        raise DataProblems(exc.problems) from None
    sid = source_id or slug(stem)
    try:
        result = candidate_records(
            text, vocab, source_id=sid, published=published, title=title, url=url
        )
    except IdError as exc:
        raise click.BadParameter(str(exc), param_hint="'--source-id'") from None
    records = result.records
    echo_data(to_json(records) if as_json else (to_yaml(records) if records else "[]\n"))
    if result.unknown_series:
        click.echo(
            f"troops extract: left out candidates of series not in the dataset: "
            f"{', '.join(result.unknown_series)}",
            err=True,
        )
    if published is None and records:
        click.echo("troops extract: no --published date, so as_of is empty", err=True)
    click.echo(
        f"troops extract: {len(records)} candidate figure{'s' * (len(records) != 1)} "
        f"from {file}; check each against the text",
        err=True,
    )
