"""Archived texts: confined to ``seeds/``, pinned by sha256, read once and normalised.

An archive path is relative to ``seeds/``; absolute paths, ``..`` and links that lead out of
``seeds/`` are refused.  The file's sha256 must equal the one in the source record: archives
are immutable, and troops only ever reads them.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath

from troops.core.errors import ProblemLog
from troops.core.model import Source
from troops.core.textmatch import normalise
from troops.io.records import Entry
from troops.io.trees import walk_files
from troops.io.yamlio import decode_text

#: Largest archived text troops reads (bytes).
MAX_ARCHIVE_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True)
class Archive:
    """An archived text that passed its checks, normalised for quote matching."""

    path: Path
    normalised: str


def load_archive(entry: Entry[Source], seeds: Path, log: ProblemLog) -> Archive | None:
    """Check that a source's archive stays inside ``seeds/``, exists and matches its sha256;
    return it normalised for quote matching, or ``None`` after logging one problem."""
    src, loc = entry.record, entry.loc

    def bad(message: str, field: str = "archive") -> None:
        log.add(loc.path, loc.of(field), src.id, field, message)

    rel = src.archive
    if (
        PurePosixPath(rel).is_absolute()
        or PureWindowsPath(rel).is_absolute()
        or rel.startswith("~")
    ):
        bad(f"{rel!r} must be a path relative to seeds/, not an absolute path")
        return None
    parts = PurePosixPath(rel.replace("\\", "/")).parts
    if ".." in parts:
        bad(f"{rel!r} leaves seeds/ ('..' is not allowed)")
        return None
    if not seeds.is_dir():
        return None  # reported once for the whole root
    path = seeds / rel
    try:
        real = path.resolve(strict=True)
        inside = real.is_relative_to(seeds.resolve(strict=True))
    except (OSError, RuntimeError):
        bad(f"archive file seeds/{rel} does not exist")
        return None
    if not inside:
        bad(f"seeds/{rel} resolves outside seeds/ (a link pointing elsewhere)")
        return None
    if not real.is_file():
        bad(f"seeds/{rel} is not a file")
        return None
    try:
        if real.stat().st_size > MAX_ARCHIVE_BYTES:
            bad(f"seeds/{rel} is larger than {MAX_ARCHIVE_BYTES:,} bytes")
            return None
        raw = real.read_bytes()
    except OSError as exc:
        bad(f"cannot read seeds/{rel}: {exc.strerror or exc}")
        return None
    digest = hashlib.sha256(raw).hexdigest()
    if digest != src.sha256:
        bad(
            f"does not match seeds/{rel} (the file's sha256 is {digest}); archives are "
            "immutable: restore the file or re-archive it as a new source",
            "sha256",
        )
        return None
    text = decode_text(raw, path, log)
    return None if text is None else Archive(path, normalise(text))


def orphan_archives(seeds: Path, sources: Iterable[Source], log: ProblemLog) -> None:
    """Warn about files under ``seeds/`` that no source names as its archive.

    Such a file is what a ``troops add`` killed between archiving the text and writing the
    source file leaves behind; running the same add again reuses it.  Hidden files (the
    temporary files of writes in progress) are not archives and are skipped.
    """
    if not seeds.is_dir():
        return
    named = {PurePosixPath(s.archive.replace("\\", "/")).as_posix() for s in sources}
    real = {os.path.realpath(seeds / rel) for rel in named}  # a loop raises nothing here

    def unreadable(path: Path, exc: OSError) -> None:
        log.add(path, 1, None, "archive", f"cannot read: {exc.strerror or exc} (a link loop?)")

    for path in walk_files(seeds, on_error=unreadable):  # no recursion, no folder links
        rel = path.relative_to(seeds).as_posix()
        if rel in named or os.path.realpath(path) in real:
            continue
        log.add(
            path,
            1,
            None,
            "archive",
            "no source refers to this file (left by an interrupted troops add? run that "
            "add again, which reuses the file, or delete it)",
            warning=True,
        )
