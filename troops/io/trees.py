"""Directories: walking a tree safely, and replacing a whole directory in one rename.

:func:`walk_files` lists the files below a folder without recursion and without following
links to folders, so a link loop, a link out of the dataset root or a thousand-level tree
cannot crash or mislead it.  :func:`replace_directory` builds a set of files that must
change together (a data package) beside its target and swaps it in with one rename.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from troops.io.fsio import (
    STAGING_SUFFIX,
    TEMP_PREFIX,
    WriteError,
    _fsync_dir,
    _lock,
    clean_stale,
    current_umask,
)


def walk_files(
    root: Path | str, *, on_error: Callable[[Path, OSError], None] | None = None
) -> Iterator[Path]:
    """Every file below ``root`` (regular files and links to files), hidden names skipped:
    a folder's files in name order, then its subfolders, depth first.

    The walk keeps its own stack (no recursion, so a folder a thousand levels deep is no
    problem) and never enters a link to a folder: a link loop or a link out of ``root``
    is never followed.  A folder that cannot be read and a link that loops are passed to
    ``on_error`` (else skipped) and the walk goes on; a dangling link is no file.
    """
    stack = [Path(root)]
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            if on_error is not None:
                on_error(folder, exc)
            continue
        subfolders = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = folder / entry.name
            try:
                if entry.is_dir(follow_symlinks=False):
                    subfolders.append(path)
                elif entry.is_file(follow_symlinks=True):
                    yield path
                elif entry.is_symlink():
                    os.stat(path)  # raises for a loop (ELOOP); a link to a folder is skipped
            except OSError as exc:
                if on_error is not None and exc.errno == errno.ELOOP:
                    on_error(path, exc)
                continue
        stack.extend(reversed(subfolders))


@contextlib.contextmanager
def replace_directory(target: Path | str, *, keep: Iterable[str] = ()) -> Iterator[Path]:
    """Build a directory that replaces ``target`` whole, in one rename.

    Yields a new, empty directory beside ``target`` (hidden, locked while it is built); the
    caller writes every file into it.  When the block ends without an error the new
    directory takes the name ``target`` in one rename (``renameat2`` with
    ``RENAME_EXCHANGE`` where Linux has it, else two renames with the old directory kept
    until the new one is in place), and the old one is removed after that.  A kill at any
    moment leaves ``target`` as it was or as built, never a mix; a killed build is litter
    that the next call removes.  An existing ``target`` is replaced only when every name in
    it is in ``keep`` (a directory holding anything else is refused with
    :class:`WriteError`, so unrelated files are never swept away).
    """
    out = Path(target)
    if out.is_symlink():
        out = Path(os.path.realpath(out))
    parent = out.parent if str(out.parent) else Path(".")
    if out.exists():
        if not out.is_dir():
            raise WriteError(errno.ENOTDIR, f"cannot write {target}: it is not a directory")
        allowed = set(keep)
        foreign = sorted(n for n in os.listdir(out) if n not in allowed)
        if foreign:
            raise WriteError(
                errno.EEXIST,
                f"cannot write {target}: it holds {foreign[0]!r}, which troops did not "
                "write there; give a new or empty directory",
            )
    clean_stale(parent)
    try:
        staging = Path(tempfile.mkdtemp(prefix=TEMP_PREFIX, suffix=STAGING_SUFFIX, dir=parent))
    except OSError as exc:
        raise WriteError(exc.errno, f"cannot write {target}: {exc.strerror}") from None
    fd = os.open(staging, os.O_RDONLY)
    try:
        _lock(fd, blocking=True)
        try:
            yield staging
            os.chmod(staging, 0o777 & ~current_umask())
            _fsync_dir(staging)
            _swap_in(staging, out, target)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
    finally:
        os.close(fd)
    _fsync_dir(parent)


def _swap_in(staging: Path, out: Path, given: Path | str) -> None:
    """Give the directory ``staging`` the name ``out``; remove what had it."""
    try:
        os.rename(staging, out)  # no directory there yet (or an empty one)
        return
    except OSError as exc:
        if exc.errno not in (errno.EEXIST, errno.ENOTEMPTY):
            raise WriteError(exc.errno, f"cannot write {given}: {exc.strerror}") from None
    if _exchange(staging, out):
        shutil.rmtree(staging, ignore_errors=True)  # now the old directory
        return
    old = Path(tempfile.mkdtemp(prefix=TEMP_PREFIX, suffix=STAGING_SUFFIX, dir=out.parent))
    try:
        os.rename(out, old)  # the old one keeps existing until the new one has the name
        try:
            os.rename(staging, out)
        except OSError:
            os.rename(old, out)
            raise
    except OSError as exc:
        shutil.rmtree(old, ignore_errors=True)
        raise WriteError(exc.errno, f"cannot write {given}: {exc.strerror}") from None
    shutil.rmtree(old, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    """Swap the names of ``a`` and ``b`` in one step (Linux ``renameat2``); False where the
    system cannot."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes  # deferred: only when a directory is swapped, and only on Linux

        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    done = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    return bool(done == 0)
