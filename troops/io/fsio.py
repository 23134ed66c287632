"""Writing files so that nothing already on disk is damaged.

Every file troops writes goes through :func:`atomic_write`: the bytes go to a temporary file
in the same directory, are flushed to disk, and then replace the target in one rename.  A
crash or a kill at any moment leaves either the old file or the new one, never a mix, and
the temporary file is removed on any error.  A writer killed by SIGKILL cannot remove its
temporary file; the next write to that directory does (:func:`clean_stale`), telling it from
a write in progress by a lock the writer holds.  :func:`dataset_lock` serialises processes
that change the same dataset.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import stat
import tempfile
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from troops.core.errors import display_path

#: Prefix of temporary files; a leftover one (after SIGKILL) is recognisable by it.
TEMP_PREFIX = ".troops-tmp-"
TEMP_SUFFIX = ".part"
#: A temporary file younger than this (seconds) is never treated as litter.
STALE_AFTER = 10.0


class WriteError(OSError):
    """A file could not be written; the message names the path and the reason."""

    def __str__(self) -> str:
        return self.strerror or super().__str__()


def atomic_write(
    path: Path | str,
    data: bytes | str,
    *,
    mode: int = 0o666,
    exclusive: bool = False,
    into_dataset: bool = False,
) -> Path:
    """Write ``data`` to ``path`` atomically (temp file in the same directory, then rename);
    return ``path``.

    Only a regular file is ever replaced: a device, FIFO, socket or directory at ``path``
    (or at the end of the links it names) is refused with :class:`WriteError`, so
    ``-o /dev/null`` cannot replace ``/dev/null``.  A replaced file keeps its permission
    bits; a new file gets ``mode`` less the process umask (as ``open()`` would give it).

    The temporary file is locked while it is written, so :func:`clean_stale` can tell the
    litter of a killed writer from a write in progress; stale litter in the directory is
    removed first.  With ``exclusive=True`` an existing ``path`` is never replaced: the write
    fails with :class:`WriteError` (errno ``EEXIST``) instead, even against a concurrent writer.
    A symbolic link at ``path`` stays: the file it points to is replaced (as a shell's ``>``
    writes through a link), so ``-o paper/fig.pdf`` linked elsewhere keeps working.
    Unless ``into_dataset`` is given (``troops add`` alone), a write that would land in a
    dataset's ``data/`` or ``seeds/`` is refused (:func:`refuse_dataset_area`).
    """
    given = target = Path(path)
    if not exclusive and target.is_symlink():
        target = Path(os.path.realpath(target))
    if not into_dataset:
        refuse_dataset_area(given)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    directory = target.parent if str(target.parent) else Path(".")
    bits = mode & ~current_umask() & 0o7777
    try:
        st = os.lstat(target)
    except FileNotFoundError:
        pass
    except OSError as exc:
        raise WriteError(exc.errno, f"cannot write {given}: {exc.strerror}") from None
    else:
        kind = not_regular(st.st_mode)
        if kind is not None:
            raise WriteError(
                errno.EEXIST if stat.S_ISDIR(st.st_mode) else errno.EINVAL,
                f"cannot write {given}: it is {kind}, not a regular file "
                "(troops replaces regular files only)",
            )
        if not exclusive:
            bits = stat.S_IMODE(st.st_mode)
    clean_stale(directory)
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX, dir=directory)
    except OSError as exc:
        raise WriteError(exc.errno, f"cannot write {target}: {exc.strerror}") from None
    tmp = Path(tmp_name)
    try:
        _lock(fd, blocking=True)
        view = memoryview(payload)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
        if hasattr(os, "fchmod"):
            os.fchmod(fd, bits)
        else:  # pragma: no cover - Windows
            os.chmod(tmp, bits)
        if exclusive:
            _link_new(tmp, target)
        else:
            _replace_regular(tmp, target, given)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        if isinstance(exc, WriteError):
            raise
        if isinstance(exc, OSError):
            raise WriteError(exc.errno, f"cannot write {target}: {exc.strerror}") from None
        raise
    finally:
        os.close(fd)  # releases the lock
    _fsync_dir(directory)
    return given


def _replace_regular(tmp: Path, target: Path, given: Path) -> None:
    """Rename ``tmp`` over ``target`` unless something other than a regular file took the
    name since it was checked (the check is repeated just before the rename)."""
    try:
        st = os.lstat(target)
    except FileNotFoundError:
        pass
    else:
        kind = not_regular(st.st_mode)
        if kind is not None:
            raise WriteError(
                errno.EINVAL, f"cannot write {given}: it is {kind}, not a regular file"
            )
    os.replace(tmp, target)


def not_regular(st_mode: int) -> str | None:
    """What a file of mode ``st_mode`` is when troops must not write over it (``None`` for a
    regular file)."""
    if stat.S_ISREG(st_mode):
        return None
    for test, name in (
        (stat.S_ISDIR, "a directory"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISFIFO, "a FIFO (named pipe)"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISLNK, "a broken or looping link"),
    ):
        if test(st_mode):
            return name
    return "not a regular file"


def current_umask() -> int:
    """The process umask (read without changing it where /proc tells it)."""
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


#: Suffix of a directory being built by :func:`replace_directory` (beside its target).
STAGING_SUFFIX = ".dir"


#: The folders of a dataset root that only ``troops add`` (and a curator) write into.
DATASET_FOLDERS = ("data", "seeds")


def dataset_area(path: Path | str, roots: Iterable[Path | str] = ()) -> Path | None:
    """The ``data/`` or ``seeds/`` folder of a dataset root that ``path`` would land in once
    every link is resolved, or ``None``.

    A dataset root is one of ``roots`` or any directory holding both ``data/`` and
    ``seeds/``.  Outputs (figures, captions, packages) must never land there: a chart
    written over an archive or a package unpacked into ``data/`` breaks the dataset.
    """
    real = Path(os.path.realpath(path))
    known = set()
    for root in roots:
        with contextlib.suppress(OSError):
            known.add(Path(os.path.realpath(root)))
    for folder in (real, *real.parents):
        if folder.name not in DATASET_FOLDERS:
            continue
        base = folder.parent
        if base in known or all((base / name).is_dir() for name in DATASET_FOLDERS):
            return folder
    return None


def refuse_dataset_area(path: Path | str, roots: Iterable[Path | str] = ()) -> None:
    """Raise :class:`WriteError` when an output at ``path`` would land in a dataset's
    ``data/`` or ``seeds/`` (see :func:`dataset_area`)."""
    area = dataset_area(path, roots)
    if area is not None:
        raise WriteError(
            errno.EPERM,
            f"cannot write {path}: it lies in the dataset folder {display_path(area)}/ (only "
            "troops add writes there); choose an output outside data/ and seeds/",
        )


def directory_problem(directory: Path | str) -> str | None:
    """Why files cannot be written into ``directory`` (made if missing, but not its missing
    parents: a mistyped path is refused, not built), or ``None`` when they can, as far as the
    file system tells before trying."""
    d = Path(directory)
    if d.is_symlink() and not d.exists():
        return f"{str(d)!r} is a broken link"
    if not d.exists():
        d = d.parent if str(d.parent) else Path(".")
        if not d.exists():
            return f"directory {str(d)!r} does not exist"
    if not d.is_dir():
        return f"{str(d)!r} is a file, not a directory"
    if not os.access(d, os.W_OK | os.X_OK):
        return f"directory {str(d)!r} is not writable"
    return None


def _link_new(tmp: Path, target: Path) -> None:
    """Give ``tmp`` the name ``target`` only if no file has it (a hard link cannot clobber)."""
    try:
        os.link(tmp, target)
    except FileExistsError:
        raise WriteError(errno.EEXIST, f"cannot write {target}: it already exists") from None
    except OSError:  # no hard links on this file system: claim the name, then fill it
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        os.close(fd)
        os.replace(tmp, target)
        return
    tmp.unlink()


def clean_stale(directory: Path | str, *, min_age: float = STALE_AFTER) -> list[Path]:
    """Remove temporary files that killed writers left in ``directory``; return them.

    A temporary file is removed only when it is older than ``min_age`` seconds and no process
    holds its lock (a writer holds it until its rename, and the system drops it when the
    writer dies), so a write in progress is never disturbed.
    """
    removed: list[Path] = []
    now = time.time()
    try:
        candidates = sorted(Path(directory).glob(f"{TEMP_PREFIX}*"))
    except OSError:
        return removed
    for path in candidates:
        try:
            st = path.lstat()
            folder = path.name.endswith(STAGING_SUFFIX) and stat.S_ISDIR(st.st_mode)
            file = path.name.endswith(TEMP_SUFFIX) and stat.S_ISREG(st.st_mode)
            if now - st.st_mtime < min_age or not (file or folder):
                continue
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        except OSError:
            continue
        try:
            if _lock(fd, blocking=False):
                if folder:
                    shutil.rmtree(path)
                else:
                    path.unlink()
                removed.append(path)
        except OSError:
            pass
        finally:
            os.close(fd)
    return removed


def _lock(fd: int, *, blocking: bool) -> bool:
    """Take an exclusive advisory lock on ``fd``; False when another process holds it."""
    try:
        # deferred: fcntl exists on POSIX only
        import fcntl
    except ImportError:  # pragma: no cover - Windows: no advisory locks
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | (0 if blocking else fcntl.LOCK_NB))
    except OSError as exc:
        if exc.errno in (errno.EAGAIN, errno.EACCES):
            return False
        raise
    return True


def _fsync_dir(directory: Path) -> None:
    """Make the rename itself durable where the platform allows it."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


@contextlib.contextmanager
def dataset_lock(root: Path | str, *, timeout: float = 30.0) -> Iterator[Path]:
    """Hold an exclusive lock on a dataset root while changing it (``data/.troops.lock``).

    Uses ``fcntl.flock`` where available, so a killed process never leaves a stale lock.
    Raises :class:`TimeoutError` when another process holds the lock longer than ``timeout``,
    and :class:`WriteError` when the lock file cannot be made (``data/`` not writable).
    """
    lock_path = Path(root) / "data" / ".troops.lock"
    try:
        lock_path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise WriteError(exc.errno, f"cannot lock {lock_path}: {exc.strerror}") from None
    try:
        # deferred: fcntl exists on POSIX only
        import fcntl
    except ImportError:  # pragma: no cover - Windows: no advisory locks, run unlocked
        fcntl = None  # type: ignore[assignment]
    try:
        if fcntl is not None:
            deadline = time.monotonic() + timeout
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except OSError as exc:
                    if exc.errno not in (errno.EAGAIN, errno.EACCES):
                        raise
                    if time.monotonic() > deadline:
                        raise TimeoutError(
                            f"{lock_path}: another troops process is changing this dataset"
                        ) from None
                    time.sleep(0.05)
        yield lock_path
    finally:
        os.close(fd)  # closing the descriptor releases the flock


def copy_tree_new(parts: dict[str, Path], target: Path) -> Path:
    """Create the directory ``target`` holding a copy of each ``parts`` folder (name -> source).

    ``target`` must not exist or be an empty directory.  The copy is built in a hidden
    sibling folder and renamed into place in one step, so a failure or a kill leaves no
    half-copied ``target``.  Links are copied as the files they point to; every copied
    folder is writable by its owner (the source may be a read-only installed copy).
    """

    parent = target.absolute().parent
    staging = parent / f".{target.name}.troops-{os.getpid()}.tmp"
    try:
        staging.mkdir()
        for name, source in parts.items():
            shutil.copytree(source, staging / name, symlinks=False)
        for p in staging.rglob("*"):
            if p.is_dir():
                p.chmod(p.stat().st_mode | 0o700)
        if target.is_dir():
            target.rmdir()  # empty, checked by the caller; rename cannot replace it
        staging.rename(target)
        _fsync_dir(parent)
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise WriteError(exc.errno or errno.EIO, f"cannot write {target}: {exc.strerror}") from None
    return target
