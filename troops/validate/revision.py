"""A figure that revises others, as both figure paths (YAML sources, CSV tables) report it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Revision:
    """A figure that revises others, wherever it was written (source file or CSV table)."""

    path: Path
    line: int
    id: str
    series: str
    source: str
    revises: tuple[str, ...]
