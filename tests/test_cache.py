"""The validated-dataset cache: a hit gives the same dataset without reading or checking it
again, and anything that could change the result (a data or archive byte, the checking
code) is a miss, so no problem is ever hidden."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import Root

import troops
from troops.core.errors import DataError
from troops.dataset import cache
from troops.io import reader


@pytest.fixture
def cached(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The cache turned on, in a folder of this test's own."""
    monkeypatch.delenv("TROOPS_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    return tmp_path / "xdg" / "troops" / "datasets"


def entries(where: Path) -> list[Path]:
    """The cache entries written so far."""
    return sorted(where.glob("*.pickle")) if where.is_dir() else []


def no_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make any reading of the YAML files fail the test."""

    def refuse(*args: object) -> None:
        raise AssertionError("the dataset was read although it is in the cache")

    monkeypatch.setattr(reader, "read_records", refuse)


def test_hit_gives_the_same_dataset_unread(
    mini: Root, cached: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A second load of unchanged data comes from the cache, equal to the checked one."""
    first = troops.load(mini.path)
    assert len(entries(cached)) == 1
    no_reading(monkeypatch)
    again = troops.load(mini.path)
    assert again.digest == first.digest
    assert again.figure_records == first.figure_records
    assert again.source_records == first.source_records
    assert again.event_records == first.event_records
    assert again.warnings == first.warnings
    assert again.locations == first.locations
    assert again.found == first.found


def test_an_edit_is_checked_again(mini: Root, cached: Path) -> None:
    """A data file changed after a cached load is validated again: its problem is reported."""
    troops.load(mini.path)
    mini.edit("data/sources/mini-2021-03-05.yaml", "kind: count", "kind: guess")
    with pytest.raises(DataError):
        troops.load(mini.path)
    assert len(entries(cached)) == 1  # a dataset with problems is never stored


def test_an_archive_edit_is_checked_again(mini: Root, cached: Path) -> None:
    """An archived text changed under seeds/ (its sha256 now wrong) is a miss and a problem."""
    troops.load(mini.path)
    archive = mini.file("seeds/mini-gazette.txt")
    archive.write_bytes(archive.read_bytes() + b"\nadded later\n")
    with pytest.raises(DataError, match="sha256"):
        troops.load(mini.path)


def test_new_file_is_a_miss(mini: Root, cached: Path) -> None:
    """A stray file added to data/ is reported, although the dataset was cached before."""
    troops.load(mini.path)
    mini.write("data/notes.txt", "stray")
    with pytest.raises(DataError, match="unexpected file"):
        troops.load(mini.path)


def test_changed_code_is_a_miss(mini: Root, cached: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Other checking code (its digest differs) gives another key: the data is read again."""
    troops.load(mini.path)
    old = cache.key(mini.path)
    monkeypatch.setattr(cache, "_code_digest", lambda: b"other rules")
    assert cache.key(mini.path) != old
    troops.load(mini.path)
    assert len(entries(cached)) == 2


def test_same_content_elsewhere_is_a_miss(mini: Root, cached: Path, tmp_path: Path) -> None:
    """A copy of the dataset at another root has its own entry (locations name its files)."""
    troops.load(mini.path)
    copy = tmp_path / "copy"
    os.rename(mini.path, copy)
    ds = troops.load(copy)
    assert all(str(loc.path).startswith(str(copy)) for loc in ds.locations.values())
    assert len(entries(cached)) == 2


def test_unsafe_or_damaged_entry_is_ignored(
    mini: Root, cached: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An entry others may write, or a damaged one, is not used: the data is read again."""
    troops.load(mini.path)
    (entry,) = entries(cached)
    entry.chmod(0o666)
    calls: list[int] = []
    real = reader.read_records

    def counted(*args: object) -> object:
        calls.append(1)
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(reader, "read_records", counted)
    troops.load(mini.path)
    entry.chmod(0o600)
    entry.write_bytes(b"not a pickle")
    troops.load(mini.path)
    assert len(calls) == 2


def test_off_and_links_write_nothing(
    mini: Root, cached: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """TROOPS_CACHE=off writes no entry; neither does a tree holding a symbolic link."""
    monkeypatch.setenv("TROOPS_CACHE", "off")
    troops.load(mini.path)
    assert entries(cached) == []
    monkeypatch.delenv("TROOPS_CACHE")
    (mini.path / "seeds" / "elsewhere").symlink_to(tmp_path)
    assert cache.key(mini.path) is None
    troops.load(mini.path)
    assert entries(cached) == []


def test_cache_lives_outside_package_and_data(mini: Root, cached: Path) -> None:
    """Entries go under $XDG_CACHE_HOME only, never into the dataset or the package."""
    before = sorted(p for p in mini.path.rglob("*"))
    troops.load(mini.path)
    assert sorted(p for p in mini.path.rglob("*")) == before
    package = Path(troops.__file__).resolve().parent
    assert not any(package in p.parents for p in entries(cached))
    assert entries(cached)
    assert all(cached in p.parents for p in entries(cached))
