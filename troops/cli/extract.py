"""``troops extract``: candidate figures of articles, as YAML records (or JSON)."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

import click

from troops.cli.common import (
    DataProblems,
    data_option,
    echo_data,
    period_text_option,
    source_id_check,
)

#: More input files than this and each one is reported on stderr as it is read.
PROGRESS_AFTER = 3


@click.command()
@click.argument("files", metavar="FILE", nargs=-1, required=True, type=click.Path(allow_dash=True))
@click.option("--json", "as_json", is_flag=True, help="Print JSON: an array for one file, "
              "else one line per file.")  # fmt: skip
@period_text_option("--published", help="Publication date (YYYY, YYYY-MM or YYYY-MM-DD): "
                    "each candidate's as_of.")  # fmt: skip
@click.option(
    "--source-id",
    metavar="ID",
    callback=source_id_check,
    help="Source id the figure ids start with (default: from the file name; one file only).",
)
@click.option("--title", metavar="TEXT", help="Headline of the article (context only; one file).")
@click.option(
    "--url",
    metavar="URL",
    help="Address of the article (context only: its path's words; one file).",
)
@data_option
def extract(
    files: tuple[str, ...],
    as_json: bool,
    published: str | None,
    source_id: str | None,
    title: str | None,
    url: str | None,
    data: str | None,
) -> None:
    """Print candidate troop figures read from each FILE (plain UTF-8 text; - for stdin).

    A FILE that is a folder stands for the files in it and its subfolders (hidden ones left
    out), in name order.  The records use the field names of the dataset and are ready to
    paste into the figures: list of a data/sources/*.yaml file; each quotes its sentence
    verbatim and is dated by --published (as_of is left empty without it).  They are
    proposals: check each one against the text.  Figures of series the dataset does not
    have are left out.

    With one file the output is a YAML list (a JSON array with --json).  With several,
    it is one YAML document per file, headed by a comment naming the file (with --json,
    one line per file: {"file": ..., "records": [...]}).  A file that cannot be read is
    named on stderr and the others are still read; the exit status is then 1.
    """
    # deferred: the library loads only when the command runs (keeps --help fast)
    from troops.core.errors import DataError
    from troops.dataset.discover import discover
    from troops.extract.records import IdError, slug
    from troops.intake.article import candidate_records, read_article, read_stdin, vocabulary

    paths, problems = _expand(files)
    if not paths:  # only empty or unreadable folders: nothing to read
        click.echo("\n".join(problems), err=True)
        raise SystemExit(1)
    one = len(files) == 1 and len(paths) == 1 and not Path(files[0]).is_dir()
    if not one:
        for name, value in (("--source-id", source_id), ("--title", title), ("--url", url)):
            if value is not None:
                raise click.UsageError(f"{name} applies to one file, not to {len(paths)}")
    try:
        vocab = vocabulary(discover(data).root)
    except DataError as exc:
        raise DataProblems(exc.problems) from None
    failed = len(problems)
    for line in problems:
        click.echo(line, err=True)
    total = 0
    left_out: set[str] = set()
    for n, name in enumerate(paths, 1):
        try:
            if name == "-":
                text, stem = read_stdin(sys.stdin.buffer), "stdin"
            else:
                text, stem = read_article(Path(name))[0], Path(name).stem
        except DataError as exc:
            if one:
                raise DataProblems(exc.problems) from None
            failed += 1
            click.echo("\n".join(str(p) for p in exc.problems), err=True)
            continue
        sid = source_id or slug(stem)
        try:
            result = candidate_records(
                text, vocab, source_id=sid, published=published, title=title, url=url
            )
        except IdError as exc:
            if one:
                raise click.BadParameter(str(exc), param_hint="'--source-id'") from None
            failed += 1
            click.echo(DataError.single(name, str(exc)).problems[0], err=True)
            continue
        records = result.records
        total += len(records)
        left_out.update(result.unknown_series)
        echo_data(_render(records, name, one=one, as_json=as_json))
        if len(paths) > PROGRESS_AFTER:
            click.echo(
                f"troops extract: [{n}/{len(paths)}] {name}: {len(records)} candidate"
                f"{'s' * (len(records) != 1)}",
                err=True,
            )
    if left_out:
        click.echo(
            f"troops extract: left out candidates of series not in the dataset: "
            f"{', '.join(sorted(left_out))}",
            err=True,
        )
    if published is None and total:
        click.echo("troops extract: no --published date, so as_of is empty", err=True)
    read = len(paths) - (failed - len(problems))
    source = files[0] if one else f"{read} file{'s' * (read != 1)}"
    click.echo(
        f"troops extract: {total} candidate figure{'s' * (total != 1)} "
        f"from {source}; check each against the text",
        err=True,
    )
    if failed:
        click.echo(
            f"troops extract: {failed} file{'s' * (failed != 1)} could not be read", err=True
        )
        raise SystemExit(1)


def _render(records: list[dict[str, Any]], name: str, *, one: bool, as_json: bool) -> str:
    """One file's records: the whole output for one file, else one document or JSON line."""
    # deferred: the library loads only when the command runs (keeps --help fast)
    from troops.extract.records import to_json, to_yaml

    if one:
        return to_json(records) if as_json else (to_yaml(records) if records else "[]\n")
    if as_json:
        return json.dumps({"file": name, "records": records}, ensure_ascii=False) + "\n"
    body = to_yaml(records) if records else "[]\n"
    return f"--- # {json.dumps(name, ensure_ascii=True)}\n{body}"


def _expand(files: tuple[str, ...]) -> tuple[list[str], list[str]]:
    """The files named, folders replaced by the files under them (in name order, hidden
    ones and links to folders left out, walked without recursion); and a problem line for
    each folder that cannot be listed."""
    # deferred: the library loads only when the command runs (keeps --help fast)
    from troops.core.errors import DataError

    paths: list[str] = []
    problems: list[str] = []
    for name in files:
        if name == "-" or not Path(name).is_dir():
            paths.append(name)
            continue
        stack = [name]
        found: list[str] = []
        while stack:
            folder = stack.pop()
            try:
                with os.scandir(folder) as entries:
                    for entry in entries:
                        if entry.name.startswith("."):
                            continue
                        if entry.is_dir(follow_symlinks=False):
                            stack.append(entry.path)
                        elif entry.is_file():
                            found.append(entry.path)
            except OSError as exc:
                why = f"cannot list folder: {exc.strerror or exc}"
                problems.append(str(DataError.single(folder, why).problems[0]))
        if not found:
            problems.append(str(DataError.single(name, "holds no files to read").problems[0]))
        paths.extend(sorted(found))
    return paths, problems
