"""``troops init DIR``: a copy of the bundled dataset to curate."""

from __future__ import annotations

from pathlib import Path

import click

from troops.cli.common import DataProblems


@click.command()
@click.argument("directory", metavar="DIR", type=click.Path(file_okay=False))
def init(directory: str) -> None:
    """Copy the bundled dataset (data/ and seeds/) into DIR, a new dataset root to curate.

    DIR must not exist or be empty.  The installed copy of the dataset is read-only for
    troops; run `troops add` and other writing commands inside DIR (commands run there find
    it as the nearest dataset root), or point any command at it with --data DIR or the
    TROOPS_DATA environment variable.  Prints DIR on stdout.
    """

    # deferred: the library loads only when the command runs (keeps --help fast)
    from troops.core.errors import DataError, display_path
    from troops.dataset.discover import ENV_VAR
    from troops.dataset.discover import init as make_copy

    try:
        target = make_copy(Path(directory))
    except DataError as exc:
        raise DataProblems(exc.problems) from None
    shown = display_path(target)
    click.echo(
        f"troops init: copied the bundled dataset into {shown}; run troops inside it, or use "
        f"--data {shown} or {ENV_VAR}={shown}",
        err=True,
    )
    click.echo(shown)
