"""RFC 4180 quoting, checked on a CSV file's raw bytes in one vectorised pass.

pandas' C parser is lenient: it reads ``"NA"TO`` as ``NATO`` and ``"x" ,y`` as ``x ``, so a
cell can silently differ from what a spreadsheet or R would read.  RFC 4180 allows a double
quote only to open a cell, to close it, or doubled inside a quoted cell.  Every ``"``
toggles between outside and inside a quoted cell (a doubled one closes and reopens), so the
odd-numbered quotes open and the even-numbered ones close: an opening quote must start a
cell (after the start of the file, a comma, a line break, or the closing quote of a doubled
pair), and a closing quote must end one (before a comma, a line break, the end of the file,
or the opening quote of a doubled pair).  UTF-8 never uses these bytes inside a multi-byte
character, so the bytes can be checked directly.
"""

from __future__ import annotations

import numpy as np

_QUOTE = ord('"')
#: Bytes that may stand next to a quote on the outside of a cell.
_EDGE = np.zeros(256, dtype=bool)
_EDGE[[ord(","), ord("\n"), ord("\r"), _QUOTE]] = True

INSIDE_UNQUOTED = "'\"' inside an unquoted cell (quote the whole cell and double each '\"')"
AFTER_CLOSING = "text after the closing '\"' of a quoted cell (write '\"\"' for a '\"' inside it)"
UNCLOSED = "a quoted cell is not closed"


def misplaced_quote(raw: bytes) -> tuple[int, str] | None:
    """The line and problem of the first ``"`` RFC 4180 does not allow, or ``None``."""
    if b'"' not in raw:
        return None
    data = np.frombuffer(raw, dtype=np.uint8)
    quotes = np.flatnonzero(data == _QUOTE)
    opening, closing = quotes[0::2], quotes[1::2]
    # A byte outside the file counts as a comma: the file's start and end bound cells.
    before = np.where(opening > 0, data[np.maximum(opening - 1, 0)], ord(","))
    after = np.where(
        closing + 1 < len(data), data[np.minimum(closing + 1, len(data) - 1)], ord(",")
    )
    found = [
        (int(bad[0]), message)
        for bad, message in (
            (opening[~_EDGE[before]], INSIDE_UNQUOTED),
            (closing[~_EDGE[after]], AFTER_CLOSING),
            (opening[len(closing) :], UNCLOSED),
        )
        if len(bad)
    ]
    if not found:
        return None
    offset, message = min(found)
    return line_of(raw, offset), message


def line_of(raw: bytes, offset: int) -> int:
    """The line (from 1) holding byte ``offset``; ``\\n``, ``\\r\\n`` and ``\\r`` end lines."""
    return (
        raw.count(b"\n", 0, offset)
        + raw.count(b"\r", 0, offset)
        - raw.count(b"\r\n", 0, offset)
        + 1
    )
