"""A cache of validated datasets, so that a command run again on the same data skips the
reading and checking it already did.

A dataset that passed validation is stored (pickled) under the user's cache directory,
``$XDG_CACHE_HOME/troops/datasets`` (``~/.cache/troops/datasets``), never inside the
package or the dataset.  Its name is a digest of everything the result depends on:

- the troops version, the Python and pydantic versions, and the source of the modules
  that read and check a dataset (``troops/core``, ``io``, ``validate``, ``dataset``), so
  a changed rule never serves a result checked by the old one;
- the resolved dataset root and the path and bytes of every file under its ``data/`` and
  ``seeds/`` (so an edit, a new file or a removed one is a different dataset).

Only a plain tree is cached: a dataset with a symbolic link or anything but regular files
and folders under ``data/`` or ``seeds/``, or with CSV figure tables, is always read afresh.
Problems are never cached: a dataset that fails validation is not stored, so its problem
lines come from the checks every time.  Warnings are stored with the dataset.  An entry is
written atomically and read only when the current user owns it and nobody else may write
it; an unreadable or damaged entry counts as absent.  ``TROOPS_CACHE=off`` turns the cache
off (tests do).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import stat
import sys
from pathlib import Path

from troops import __version__
from troops.io.fsio import atomic_write
from troops.io.records import DATA_DIR, SEEDS_DIR

#: The environment variable that turns the cache off (``off``, ``0`` or ``no``).
ENV_VAR = "TROOPS_CACHE"
#: How many datasets the cache keeps (the oldest go first).
KEEP = 8
_MAGIC = b"troops-dataset-cache-1"
#: The sub-packages whose code decides what a valid dataset is.
_CODE = ("core", "io", "validate", "dataset")


def enabled() -> bool:
    """False when ``TROOPS_CACHE`` turns the cache off."""
    return os.environ.get(ENV_VAR, "").strip().lower() not in ("off", "0", "no", "false")


def directory() -> Path:
    """``$XDG_CACHE_HOME/troops/datasets`` (``~/.cache`` when the variable is unset)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "troops" / "datasets"


def _code_digest() -> bytes:
    package = Path(__file__).resolve().parent.parent
    h = hashlib.sha256()
    for sub in _CODE:
        for path in sorted((package / sub).glob("*.py")):
            h.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return h.digest()


def key(root: Path) -> str | None:
    """The cache key of the dataset at ``root``, or ``None`` when it is not cacheable (a
    link or special file in the tree, CSV tables, a file that cannot be read)."""
    # deferred: pydantic's version only (the package is loaded by the records anyway)
    import pydantic

    h = hashlib.sha256(_MAGIC)
    versions = f"troops {__version__}\0python {sys.version}\0pydantic {pydantic.VERSION}\0"
    h.update(versions.encode())
    h.update(_code_digest())
    try:
        real = root.resolve(strict=True)
        h.update(str(real).encode() + b"\0")
        for top in (DATA_DIR, SEEDS_DIR):
            if (real / top).is_dir() and not _hash_tree(real, real / top, h):
                return None
    except (OSError, RuntimeError, UnicodeError):
        return None
    return h.hexdigest()


def _hash_tree(root: Path, top: Path, h: hashlib._Hash) -> bool:
    """Feed every file under ``top`` to ``h``; False for a tree the cache does not take."""
    if top.is_symlink():
        return False
    for folder, dirs, files in os.walk(top, onerror=_raise):
        here = Path(folder)
        dirs.sort()
        for name in dirs:
            if (here / name).is_symlink():
                return False
        if here == root / DATA_DIR / "figures":
            return False  # CSV tables hold pandas frames: read afresh
        for name in sorted(files):
            path = here / name
            st = path.lstat()
            if not stat.S_ISREG(st.st_mode):
                return False
            h.update(path.relative_to(root).as_posix().encode() + b"\0")
            h.update(path.read_bytes() + b"\0")
    return True


def _raise(exc: OSError) -> None:
    raise exc


def read(root: Path) -> tuple[str | None, object]:
    """The key of ``root`` and what is cached under it (``None`` when absent or unusable;
    the caller checks that it is a dataset)."""
    if not enabled():
        return None, None
    k = key(root)
    if k is None:
        return None, None
    path = directory() / f"{k}.pickle"
    try:
        with open(path, "rb") as fh:
            st = os.fstat(fh.fileno())
            if st.st_uid != os.getuid() or st.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
                return k, None
            magic, stored, ds = pickle.load(fh)
    except Exception:  # absent, unreadable or damaged: read the dataset afresh
        return k, None
    if magic != _MAGIC or stored != k:
        return k, None
    return k, ds


def write(k: str, ds: object) -> None:
    """Store a validated ``ds`` under key ``k``; a cache that cannot be written is skipped."""
    where = directory()
    try:
        where.mkdir(parents=True, exist_ok=True, mode=0o700)
        data = pickle.dumps((_MAGIC, k, ds), protocol=pickle.HIGHEST_PROTOCOL)
        atomic_write(where / f"{k}.pickle", data, mode=0o600)
        entries = sorted(where.glob("*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in entries[KEEP:]:
            old.unlink(missing_ok=True)
    except (OSError, pickle.PicklingError):
        return
