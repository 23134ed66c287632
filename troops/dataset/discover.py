"""Which dataset a command reads: the one discovery rule, the bundled copy, ``troops init``.

Every command and :func:`troops.load` find their dataset root the same way, first match wins:

1. ``--data DIR`` (the ``path`` argument of :func:`troops.load`);
2. the environment variable :data:`ENV_VAR` (``TROOPS_DATA``);
3. the nearest folder at or above the working directory that is a dataset root (holds
   ``data/`` and ``seeds/``), so commands run anywhere inside a checkout or a curated copy
   read that copy;
4. the bundled dataset: the copy shipped inside the installed package, or, for an editable
   install, the checkout the package lives in.

The installed copy (``troops/_dataset`` in site-packages) is read-only for troops: a command
that writes into a dataset refuses it (:func:`writable`) and says to make a copy with
``troops init DIR``, which :func:`init` does.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from troops.core.errors import DataError
from troops.io.fsio import WriteError, copy_tree_new
from troops.io.records import DATA_DIR, SEEDS_DIR, find_root

#: The environment variable naming a dataset root.
ENV_VAR = "TROOPS_DATA"
#: Where the installed package keeps its copy of the bundled dataset.
BUNDLED_DIR = "_dataset"

How = Literal["option", "environment", "working directory", "bundled"]


@dataclass(frozen=True)
class Found:
    """A dataset root and how it was found."""

    root: Path
    how: How
    #: True for the copy inside the installed package, which troops never writes to.
    read_only: bool = False

    def describe(self) -> str:
        """One line saying which dataset this is and why it was chosen."""
        if self.how == "bundled":
            where = "installed copy" if self.read_only else "checkout of the package"
            return f"reading the bundled dataset ({where}: {self.root})"
        why = {
            "option": "--data",
            "environment": f"${ENV_VAR}",
            "working directory": "nearest dataset root above the working directory",
        }[self.how]
        return f"reading the dataset at {self.root} ({why})"


def is_root(path: Path) -> bool:
    """Whether ``path`` holds both ``data/`` and ``seeds/``."""
    try:
        return (path / DATA_DIR).is_dir() and (path / SEEDS_DIR).is_dir()
    except OSError:
        return False


def nearest_root(start: Path) -> Path | None:
    """The nearest folder at or above ``start`` that is a dataset root, or ``None``."""
    try:
        here = start.absolute()
    except OSError:  # the working directory was removed
        return None
    for folder in (here, *here.parents):
        if is_root(folder):
            return folder
    return None


def bundled() -> Found:
    """The bundled dataset: the installed copy, or the checkout of an editable install."""
    package = Path(__file__).resolve().parent.parent
    installed = package / BUNDLED_DIR
    if is_root(installed):
        return Found(installed, "bundled", read_only=True)
    checkout = package.parent
    if (checkout / "pyproject.toml").is_file() and is_root(checkout):
        return Found(checkout, "bundled")
    raise DataError.single(package, "has no bundled dataset; pass --data DIR")


def discover(path: Path | str | None = None, cwd: Path | None = None) -> Found:
    """Find the dataset root by the rule of this module (see its docstring)."""
    if path is not None:
        return Found(find_root(path), "option")
    env = os.environ.get(ENV_VAR)
    if env:
        return Found(find_root(env), "environment")
    near = nearest_root(Path.cwd() if cwd is None else cwd)
    if near is not None:
        found = bundled_or_none()
        if found is not None and _same(found.root, near):
            return found
        return Found(near, "working directory")
    return bundled()


def bundled_or_none() -> Found | None:
    """:func:`bundled`, or ``None`` when there is no bundled copy."""
    try:
        return bundled()
    except DataError:
        return None


def _same(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


def writable(found: Found, command: str) -> Path:
    """The root of ``found`` for a command that writes into it; refuses the installed copy."""
    if found.read_only:
        raise DataError.single(
            found.root,
            f"is the dataset installed with the package, which troops never writes to; "
            f"make a copy to curate with 'troops init DIR', then run '{command}' inside DIR "
            f"or with --data DIR",
        )
    return found.root


def init(target: Path, source: Found | None = None) -> Path:
    """Copy the bundled dataset (``data/`` and ``seeds/``) into ``target``, a new dataset root.

    ``target`` must not exist or be an empty directory.  The copy is made in a temporary
    sibling folder and renamed into place (:func:`troops.io.fsio.copy_tree_new`), so a
    failure leaves nothing half-copied.
    """
    origin = source or bundled()
    if target.exists() or target.is_symlink():
        if not target.is_dir() or target.is_symlink():
            raise DataError.single(target, "exists and is not a directory")
        if any(target.iterdir()):
            raise DataError.single(target, "is not empty; troops init needs a new or empty folder")
    parent = target.absolute().parent
    if not parent.is_dir():
        raise DataError.single(parent, "does not exist")
    try:
        return copy_tree_new(
            {DATA_DIR: origin.root / DATA_DIR, SEEDS_DIR: origin.root / SEEDS_DIR}, target
        )
    except WriteError as exc:
        raise DataError.single(target, f"{exc.strerror}") from None
