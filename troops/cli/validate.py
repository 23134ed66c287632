"""``troops validate``: check every rule; a one-line summary, or one line per problem."""

from __future__ import annotations

import click

from troops.cli.common import data_option, load_dataset


@click.command()
@data_option
def validate(data: str | None) -> None:
    """Check the dataset against every rule of the design.

    On success prints warnings (figures marked for review), then one summary line, on
    stderr, and exits 0.  Otherwise prints one line per problem,
    ``path:line: <record id> <field>: <what is wrong>``, and exits 1.
    """
    ds = load_dataset(data)
    for warning in ds.warnings:
        click.echo(str(warning), err=True)
    figures, review = ds.figure_counts
    pending = f", {review} marked for review" if review else ""
    where = "" if ds.found.how == "bundled" else f"; {ds.found.describe()}"
    click.echo(
        f"ok: {len(ds.series_records)} series, {len(ds.source_records)} sources, "
        f"{figures} figures{pending}, {len(ds.event_records)} events "
        f"(digest {ds.digest[:12]}){where}",
        err=True,
    )
