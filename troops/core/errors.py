"""Problems found in a dataset, and the one format every problem is reported in.

A problem is printed as ``path:line: <record id> <field>: <message>``; ``-`` stands for a
record id or field that does not apply (a YAML syntax error has neither).  A warning has the
same shape, its message starting with ``warning: ``.  A problem is always one line of
printable text: control characters in paths and messages are shown escaped (``\n``).
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from pathlib import Path

NONE = "-"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong (or, with ``warning=True``, worth a curator's look) in one file."""

    path: str
    line: int
    record: str
    field: str
    message: str
    warning: bool = False

    def __str__(self) -> str:
        prefix = "warning: " if self.warning else ""
        return f"{self.path}:{self.line}: {self.record} {self.field}: {prefix}{self.message}"


class DataError(Exception):
    """Raised when a dataset breaks one or more rules; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems, key=_problem_order)
        super().__init__("\n".join(str(p) for p in self.problems))

    @classmethod
    def single(cls, path: Path | str, message: str, line: int = 1) -> DataError:
        """A data error about one file or directory as a whole."""
        log = ProblemLog()
        log.add(path, line, None, None, message)
        return cls(log.problems)


def _problem_order(p: Problem) -> tuple[str, int, str, str, str]:
    return (p.path, p.line, p.record, p.field, p.message)


def display_path(path: Path | str) -> str:
    """Return ``path`` relative to the working directory when it lies below it, with any
    control character escaped (a file name may hold a line break).

    Computed once per path and working directory (a run reporting 100,000 rows of one
    file resolves that file once); a link loop in the path is shown as given, not raised.
    """
    try:
        cwd = os.getcwd()
    except OSError:  # the working directory was removed
        return printable(str(path))
    return _display(os.fspath(path), cwd)


@functools.lru_cache(maxsize=4096)
def _display(path: str, cwd: str) -> str:
    real, base = os.path.realpath(path), os.path.realpath(cwd)
    rel = os.path.relpath(real, base) if real == base or real.startswith(base + os.sep) else None
    if rel is not None and not rel.startswith(".."):
        return printable(rel)
    return printable(os.path.normpath(path))


def printable(text: str) -> str:
    """``text`` with every character that is not printable (line breaks, escape, bidi
    controls, undecodable bytes of a file name) written as a Python escape (``\n``)."""
    if text.isprintable():
        return text
    return "".join(
        ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in text
    )


def short(value: object, limit: int = 40) -> str:
    """``repr(value)``, cut to ``limit`` characters with ``...`` (for values in messages)."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


class ProblemLog:
    """Collects problems while a dataset is read, so one run reports all of them."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(
        self,
        path: Path | str,
        line: int,
        record: str | None,
        field: str | None,
        message: str,
        *,
        warning: bool = False,
    ) -> None:
        """Record one problem; ``record`` and ``field`` default to ``-``."""
        self.problems.append(
            Problem(
                display_path(path),
                max(line, 1),
                _token(record),
                _token(field),
                printable(" ".join(message.split())),
                warning,
            )
        )

    @property
    def errors(self) -> list[Problem]:
        """Problems that make the dataset invalid."""
        return [p for p in self.problems if not p.warning]

    @property
    def warnings(self) -> list[Problem]:
        """Problems a curator should look at that do not invalidate the dataset."""
        return [p for p in self.problems if p.warning]

    def raise_if_errors(self) -> None:
        """Raise :class:`DataError` with every error collected so far."""
        if self.errors:
            raise DataError(self.errors)


def _token(text: str | None) -> str:
    """Make an id or field printable as one whitespace-free token."""
    if text is None or text == "":
        return NONE
    if text.isprintable() and " " not in text and len(text) <= 80:
        return text  # the usual id: nothing to clean (isprintable is false for other spaces)
    cleaned = "".join(ch if ch.isprintable() and not ch.isspace() else "?" for ch in str(text))
    return cleaned[:80] if len(cleaned) > 80 else cleaned
