"""troops: reported US and coalition troop figures for Iraq and Syria, with their sources.

Importing this package is cheap: the dataset API is loaded on first use, so the command
line can answer ``--help`` without importing pandas or matplotlib.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from .dataset import Dataset, load
    from .errors import DataError, Problem

_LAZY = {
    "load": "troops.dataset",
    "Dataset": "troops.dataset",
    "DataError": "troops.errors",
    "Problem": "troops.errors",
    "step_chart": "troops.plot",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'troops' has no attribute {name!r}")
    return getattr(import_module(module), name)


__all__ = ["DataError", "Dataset", "Problem", "__version__", "load", "step_chart"]
