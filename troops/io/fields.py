"""Schema errors of one record as troops problems: pydantic's errors turned into field messages.

Shared by the YAML reader and the CSV table reader, so a field problem reads the same in
both.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from typing import Any

from troops.core.errors import short


def field_problems(
    errors: Sequence[Mapping[str, Any]], ignore: frozenset[str] = frozenset()
) -> list[tuple[str | None, str | None, str]]:
    """Turn pydantic errors into ``(top field, dotted field, message)`` triples.

    A misspelt field gives pydantic two errors (the unknown name and the missing one); they
    are reported as one: ``claimnt: unknown field (did you mean 'claimant'?)``.
    """
    missing = {str(e["loc"][0]) for e in errors if e.get("type") == "missing" and e["loc"]}
    meant: dict[str, str] = {}
    for err in errors:
        if err.get("type") == "extra_forbidden" and err["loc"]:
            close = difflib.get_close_matches(str(err["loc"][0]), sorted(missing), n=1)
            if close:
                meant[str(err["loc"][0])] = close[0]
                missing.discard(close[0])
    out: list[tuple[str | None, str | None, str]] = []
    for err in errors:
        loc = err["loc"]
        name = str(loc[0]) if loc else None
        if name in ignore or (err.get("type") == "missing" and name in meant.values()):
            continue
        where = ".".join(str(part) for part in loc) if loc else None
        message = _message(err)
        if name in meant and err.get("type") == "extra_forbidden":
            message = f"unknown field (did you mean {meant[name]!r}?)"
        out.append((name, where, message))
    return out


def _message(err: Mapping[str, Any]) -> str:
    kind = err.get("type", "")
    if kind == "missing":
        return "missing required field"
    if kind == "extra_forbidden":
        return "unknown field"
    msg = str(err.get("msg", "invalid value"))
    msg = msg.removeprefix("Value error, ")
    if kind in ("string_pattern_mismatch",):
        msg = f"{msg} (got {err.get('input')!r})"
    elif "input" in err and kind.endswith("_type"):
        msg = f"{msg}, got {type_name(err['input'])} {short(err['input'])}"
    return msg[:1].lower() + msg[1:]


def type_name(value: object) -> str:
    """How a problem line names the type of a YAML value: "text", "a number", "a list"."""
    for kind, name in (
        (bool, "true/false"),
        (dict, "a mapping"),
        (list, "a list"),
        (str, "text"),
        (int, "a number"),
        (float, "a number"),
    ):
        if isinstance(value, kind):
            return name
    return "nothing" if value is None else type(value).__name__
