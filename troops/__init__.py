"""troops: reported US and coalition troop figures for Iraq and Syria, with their sources.

Importing this package is cheap: the dataset API is loaded on first use, so the command
line can answer ``--help`` without importing pandas or matplotlib.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from troops.core.errors import DataError, Problem
    from troops.dataset.api import Dataset, load

_LAZY = {
    "load": "troops.dataset.api",
    "Dataset": "troops.dataset.api",
    "DataError": "troops.core.errors",
    "Problem": "troops.core.errors",
    "step_chart": "troops.plot.stepchart",
    "drawn_sources": "troops.plot.stepchart",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'troops' has no attribute {name!r}")
    return getattr(import_module(module), name)


__all__ = [
    "DataError",
    "Dataset",
    "Problem",
    "__version__",
    "drawn_sources",
    "load",
    "step_chart",
]
