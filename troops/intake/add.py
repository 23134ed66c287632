"""Adding a report in one step: archive its text, write its source file, validate.

:func:`add_report` does, holding the dataset lock (:func:`troops.io.fsio.dataset_lock`):

1. archive the text byte for byte as ``seeds/<subdir>/<source id>.txt`` (read-only, never
   replacing an existing file) and pin it by its sha256;
2. write ``data/sources/<source id>.yaml`` (never replacing one) with the source record and
   the candidate figures of ``troops extract``, each marked ``review:`` so that tables and
   charts leave it out until a curator clears the mark;
3. validate the whole dataset.

Every write is atomic, and the source file is written last: until it exists the report
is not part of the dataset.  When anything fails (bad text, an id or file already taken, a
validation error, an exception) the files this call created are removed again, so the
dataset is as it was.  A process killed (SIGKILL) after archiving but before writing the
source file leaves the archive alone: ``troops validate`` warns about it, and running the
same add again reuses it; an add repeated after it completed changes nothing.  Two
concurrent calls are serialised by the lock: both succeed, or the second fails cleanly
because its id is taken.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path, PurePosixPath
from typing import Any

from pydantic import ValidationError

from troops.core.errors import DataError, printable
from troops.core.model import Source
from troops.dataset.api import Dataset, load
from troops.extract.records import IdError, slug, to_yaml
from troops.intake.article import REVIEW, candidate_records, read_article, vocabulary
from troops.io.fsio import WriteError, atomic_write, clean_stale, dataset_lock
from troops.io.records import DATA_DIR, SEEDS_DIR

RETRIEVED_NOTE = (
    "The day troops add archived the text; when it was first fetched from the web is not recorded."
)
PUBLISHED_NOTE = (
    "The date given to troops add (--published); troops did not read it from the archived text"
    " or the URL."
)


class ReportError(ValueError):
    """A report's details are not acceptable; ``field`` names the option at fault."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class NewReport:
    """What the user tells about a report besides its text."""

    url: str
    publisher: str
    published: str
    title: str | None = None
    author: str | None = None
    source_id: str | None = None
    retrieved: str | None = None
    subdir: str = "reports"


@dataclass
class Added:
    """The result of :func:`add_report`."""

    source_file: Path
    archive: Path
    sha256: str
    figures: int
    unknown_series: list[str] = field(default_factory=list)
    dataset: Dataset | None = None
    #: The archive was already there with the same bytes (left by an interrupted add).
    reused_archive: bool = False
    #: The report was already added in full by an earlier run; nothing was written.
    already: bool = False


def source_record(report: NewReport, digest: str, today: date) -> dict[str, Any]:
    """The source record of ``report`` (checked against the model; ReportError if not)."""
    sid = (
        report.source_id
        if report.source_id is not None
        else slug(f"{report.publisher}-{report.published}")
    )
    subdir = PurePosixPath(report.subdir)
    if subdir.is_absolute() or ".." in subdir.parts or not report.subdir.strip("/"):
        raise ReportError("subdir", f"{report.subdir!r} must be a folder inside seeds/")
    record: dict[str, Any] = {
        "id": sid,
        "title": report.title,
        "publisher": report.publisher,
    }
    if report.author is not None:
        record["author"] = report.author
    record.update(
        published=report.published,
        url=report.url,
        retrieved=report.retrieved or today.isoformat(),
        archive=f"{subdir.as_posix()}/{sid}.txt",
        sha256=digest,
    )
    record["inferred"] = {"published": PUBLISHED_NOTE}
    if report.retrieved is None:
        record["inferred"]["retrieved"] = RETRIEVED_NOTE
    try:
        Source.model_validate(record)
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        name = str(err["loc"][0]) if err["loc"] else "id"
        message = str(err["msg"]).removeprefix("Value error, ")
        if err["type"] == "string_pattern_mismatch":
            message = "must be lower-case letters, digits, '.', '_' or '-' (at most 120)"
        raise ReportError(name, f"{message} (got {record.get(name)!r})") from None
    return record


def add_report(root: Path, article: Path, report: NewReport, *, today: date | None = None) -> Added:
    """Archive ``article`` into the dataset at ``root`` with a new source file; validate.

    Running it again with the same text and details is harmless: an archive with the same
    bytes left by an interrupted run is reused, and a report already added in full is
    reported as such (``Added.already``) instead of failing.
    """
    text, raw = read_article(article)
    digest = hashlib.sha256(raw).hexdigest()
    record = source_record(report, digest, today or date.today())
    archive = root / SEEDS_DIR / record["archive"]
    source_file = root / DATA_DIR / "sources" / f"{record['id']}.yaml"
    created: list[Path] = []
    with dataset_lock(root):
        for folder in (archive.parent, source_file.parent):
            clean_stale(folder)  # what writers killed in an earlier add left behind
        try:
            vocab = vocabulary(root)
            try:
                found = candidate_records(
                    text,
                    vocab,
                    source_id=record["id"],
                    published=report.published,
                    title=report.title,
                    url=report.url,
                    review=REVIEW,
                )
            except IdError as exc:
                raise ReportError("id", str(exc)) from None
            content = _header(article) + to_yaml({"source": record, "figures": found.records})
            have_archive = _holds(archive, raw)
            if have_archive and _holds(source_file, content.encode("utf-8")):
                ds = load(root)
                return Added(source_file, archive, digest, len(found.records),
                             found.unknown_series, ds, already=True)  # fmt: skip
            _inside(archive, root / SEEDS_DIR)
            _inside(source_file, root / DATA_DIR)
            for path, ours in ((source_file, False), (archive, have_archive)):
                if not ours and (path.exists() or path.is_symlink()):
                    raise DataError.single(path, "already exists; choose another --id")
            if not have_archive:
                created.extend(_make_dirs(archive.parent, root / SEEDS_DIR))
                atomic_write(archive, raw, mode=0o444, exclusive=True, into_dataset=True)
                created.append(archive)
            # The source file is written last: it is what makes the report part of the dataset.
            created.extend(_make_dirs(source_file.parent, root / DATA_DIR))
            atomic_write(source_file, content, exclusive=True, into_dataset=True)
            created.append(source_file)
            ds = load(root)
        except BaseException:
            _remove(created)
            raise
    return Added(source_file, archive, digest, len(found.records), found.unknown_series, ds,
                 reused_archive=have_archive)  # fmt: skip


def _inside(path: Path, folder: Path) -> None:
    """Refuse a path that, once its links are resolved, leaves ``folder`` (a ``--subdir``
    naming a link out of seeds/ must not write, or roll back, outside the dataset)."""
    real, base = Path(os.path.realpath(path)), Path(os.path.realpath(folder))
    if not real.is_relative_to(base):
        raise ReportError(
            "subdir", f"{path} resolves outside {folder.name}/ (a link pointing elsewhere)"
        )


def _holds(path: Path, data: bytes) -> bool:
    """True when ``path`` is a regular file (no link) holding exactly ``data``."""
    try:
        info = path.lstat()
        if not stat.S_ISREG(info.st_mode) or info.st_size != len(data):
            return False
        return path.read_bytes() == data
    except OSError:
        return False


def _header(article: Path) -> str:
    # a file name may hold line breaks or other controls: escaped, none leaves the comment
    return (
        f"# Added by `troops add` from {printable(article.name)}. The figures are candidates "
        "read by\n"
        "# `troops extract`: check each one, then delete its `review:` line.\n"
    )


def _make_dirs(directory: Path, base: Path) -> list[Path]:
    """Create ``directory`` (below ``base``) and return the folders that were created."""
    missing = []
    d = directory
    while not d.exists() and d != base and base in d.parents:
        missing.append(d)
        d = d.parent
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        _remove(list(reversed(missing)))
        raise WriteError(exc.errno, f"cannot create {directory}: {exc.strerror}") from None
    return list(reversed(missing))


def _remove(created: list[Path]) -> None:
    """Remove what this call created, newest first (folders only when empty)."""
    for path in reversed(created):
        with contextlib.suppress(OSError):
            if path.is_dir():
                path.rmdir()
            else:
                path.unlink()
