"""atomic_write(exclusive=True): a new file appears whole, an existing one is never replaced."""

from __future__ import annotations

import errno
import stat
from pathlib import Path

import pytest

from troops.io.fsio import TEMP_PREFIX, WriteError, atomic_write


def test_exclusive_write_creates_the_file(tmp_path: Path) -> None:
    """A new file is written with its content and the mode asked for."""
    path = atomic_write(tmp_path / "a.txt", b"text", mode=0o444, exclusive=True)
    assert path.read_bytes() == b"text"
    assert stat.S_IMODE(path.stat().st_mode) == 0o444
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def test_exclusive_write_never_replaces(tmp_path: Path) -> None:
    """Writing over an existing file fails with EEXIST and leaves it and no temp file behind."""
    target = tmp_path / "a.txt"
    target.write_bytes(b"old")
    with pytest.raises(WriteError, match=r"a\.txt: it already exists") as info:
        atomic_write(target, b"new", exclusive=True)
    assert info.value.errno == errno.EEXIST
    assert target.read_bytes() == b"old"
    assert not any(p.name.startswith(TEMP_PREFIX) for p in tmp_path.iterdir())


def test_write_error_reads_as_its_message() -> None:
    """A WriteError prints as its message, without Python's "[Errno N]" prefix."""
    exc = WriteError(errno.ENOENT, "cannot write /proc/x.png: No such file or directory")
    assert str(exc) == "cannot write /proc/x.png: No such file or directory"
    assert exc.errno == errno.ENOENT
