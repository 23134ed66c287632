"""Shared fixtures: a small dataset copied into a temporary directory, and a CLI runner."""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner, Result

from troops.cli import cli

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
MINI = HERE / "fixtures" / "mini"


@dataclass
class Root:
    """A writable copy of a dataset root; the working directory is its parent."""

    path: Path

    def file(self, rel: str) -> Path:
        """A path inside the root."""
        return self.path / rel

    def edit(self, rel: str, old: str, new: str, count: int = 1) -> None:
        """Replace ``old`` by ``new`` in a text file of the root; ``old`` must be present."""
        p = self.file(rel)
        text = p.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {rel}"
        p.write_text(text.replace(old, new, count), encoding="utf-8")

    def reword_archive(self, source: str, archive: str, old: str, new: str) -> None:
        """Replace ``old`` by ``new`` in an archived text and update its sha256 in ``source``."""
        path = self.file(archive)
        before = hashlib.sha256(path.read_bytes()).hexdigest()
        self.edit(archive, old, new)
        self.edit(source, before, hashlib.sha256(path.read_bytes()).hexdigest())

    def write(self, rel: str, text: str | bytes) -> Path:
        """Create or overwrite a file in the root."""
        p = self.file(rel)
        p.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            p.write_bytes(text)
        else:
            p.write_text(text, encoding="utf-8")
        return p


@pytest.fixture(autouse=True)
def no_dataset_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test reads and validates its dataset afresh (tests/test_cache.py turns the
    cache on in a folder of its own); nothing is written to the user's cache."""
    monkeypatch.setenv("TROOPS_CACHE", "off")


@pytest.fixture
def mini(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Root:
    """A copy of tests/fixtures/mini at ``<tmp>/mini``, with ``<tmp>`` as working directory."""
    dest = tmp_path / "mini"
    shutil.copytree(MINI, dest)
    for p in dest.rglob("*"):
        p.chmod(0o755 if p.is_dir() else 0o644)
    monkeypatch.chdir(tmp_path)
    return Root(dest)


@pytest.fixture
def run() -> Callable[..., Result]:
    """Run the ``troops`` command line in-process; returns click's Result (stdout/stderr split)."""
    runner = CliRunner()

    def invoke(*args: str) -> Result:
        return runner.invoke(cli, list(args), catch_exceptions=False)

    return invoke


@pytest.fixture
def mpl_clean() -> Iterator[None]:
    """Matplotlib's default settings during a test, and no figure left open after it."""
    import matplotlib
    import matplotlib.pyplot as plt

    with matplotlib.rc_context():
        matplotlib.rcdefaults()
        yield
    plt.close("all")


BLANK_SERIES = """\
series:
  - {id: us-iraq, title: US troops in Iraq, label: US in Iraq, country: Iraq, force: US}
  - {id: us-syria, title: US troops in Syria, label: US in Syria, country: Syria, force: US}
"""
BLANK_HEDGES = """\
hedges:
  - {phrase: about, bound: approx, low: -0.10, high: 0.10}
  - {phrase: more than, bound: at_least, low: 0.0}
  - {phrase: fewer than, bound: at_most, high: 0.0}
  - {phrase: unknown number, bound: unknown}
"""


@pytest.fixture
def blank(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Root:
    """A dataset root with two series and four hedges but no sources (cwd = its parent)."""
    root = Root(tmp_path / "blank")
    root.write("data/series.yaml", BLANK_SERIES)
    root.write("data/hedges.yaml", BLANK_HEDGES)
    (root.path / "seeds").mkdir()
    monkeypatch.chdir(tmp_path)
    return root


def add_source(
    root: Root,
    sid: str,
    *,
    published: str,
    figures: Sequence[dict[str, Any]] = (),
    events: Sequence[dict[str, Any]] = (),
    publisher: str | None = "Test Wire",
    title: str | None = "A test report",
    url: str | None = None,
) -> None:
    """Write source ``sid`` with its figures and events into ``root``; the archived text is
    a dateline and their quotes, so every quote is found verbatim."""
    dateline = f"{title}, {published}"  # the text shows its date (no inference to mark)
    text = "\n".join([dateline, *(r["quote"] for r in (*figures, *events))]) + "\n"
    archive = root.write(f"seeds/{sid}.txt", text)
    source = {
        "id": sid,
        "title": title,
        "publisher": publisher,
        "published": published,
        "url": url,
        "archive": archive.name,
        "sha256": hashlib.sha256(archive.read_bytes()).hexdigest(),
    }
    body = {"source": source, "figures": list(figures), "events": list(events)}
    root.write(f"data/sources/{sid}.yaml", yaml.safe_dump(body, sort_keys=False))


def figure_record(
    fid: str, series: str, as_of: str, value: int | None, **extra: Any
) -> dict[str, Any]:
    """A figure record (for :func:`add_source`) whose quote holds its hedge and number."""
    hedge = extra.get("hedge")
    number = "" if value is None else f" {value}"
    words = f"{hedge}{number}" if hedge else number.strip()
    return {
        "id": fid,
        "series": series,
        "kind": extra.pop("kind", "count"),
        "as_of": as_of,
        "value": value,
        **extra,
        "claimant": "officials",
        "quote": f"Officials counted {words} troops in the {fid.split('.')[-1]} report.",
    }
