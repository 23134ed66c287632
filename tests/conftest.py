"""Shared fixtures: a small dataset copied into a temporary directory, and a CLI runner."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
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

    def write(self, rel: str, text: str | bytes) -> Path:
        """Create or overwrite a file in the root."""
        p = self.file(rel)
        p.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            p.write_bytes(text)
        else:
            p.write_text(text, encoding="utf-8")
        return p


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
