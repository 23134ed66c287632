"""The problems of one CSV figure table, as the column-wise rules report them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from troops.core.errors import ProblemLog
from troops.io.csvdata import FigureTable

Array = np.ndarray[Any, Any]


class TableProblems:
    """Problems of one table, at most one per (row, field); rows with any are dropped."""

    def __init__(self, table: FigureTable, log: ProblemLog) -> None:
        self.table, self.log = table, log
        self.said: set[tuple[int, str]] = set()

    def add(self, i: int, field: str, message: str) -> None:
        if (i, field) in self.said:
            return
        self.said.add((i, field))
        self.table.ok[i] = False
        rid = str(self.table.frame["id"].iat[i])
        self.log.add(self.table.path, int(self.table.lines[i]), rid, field, message)

    def each(self, rows: Array, field: str, message: Callable[[int], str]) -> None:
        for i in rows:
            self.add(int(i), field, message(int(i)))
